# C types for the compiled build of segment.py (hatch_build.py); the .py file stays plain Python.
import cython

@cython.locals(text=unicode, begin=Py_ssize_t, stop=Py_ssize_t, resume=Py_ssize_t, sources=Py_ssize_t)
cpdef list sentence_spans(text, start=*, end=*)
