# C types for the compiled build of matcher.py (hatch_build.py); the .py file stays plain Python.
import cython

@cython.locals(index=Py_ssize_t, begin=Py_ssize_t, end=Py_ssize_t, kind=Py_ssize_t, word_start=Py_ssize_t,
               word_end=Py_ssize_t)
cpdef _accept(found, list payloads, dict spelled, unicode text, unicode chars, folded, dots, Py_ssize_t shift,
              Py_ssize_t start, Py_ssize_t size, append)
