# C types for the compiled build of quotation.py (hatch_build.py); the .py file stays plain Python.
import cython

@cython.locals(text=unicode, pos=Py_ssize_t, size=Py_ssize_t, next_break=Py_ssize_t, ch=Py_UCS4,
               before_word=bint, after_word=bint)
cpdef list pair_marks(text, start=*)
