# C types for the compiled build of segment.py (hatch_build.py); the .py file stays plain Python.
import cython

@cython.locals(text=unicode, begin=Py_ssize_t, stop=Py_ssize_t, resume=Py_ssize_t, sources=Py_ssize_t)
cpdef list sentence_spans(text, start=*, end=*)

@cython.locals(size=Py_ssize_t, at=Py_ssize_t, resume=Py_ssize_t, i=Py_ssize_t, gap=Py_ssize_t, marks=Py_ssize_t,
               first=Py_ssize_t, longest=Py_ssize_t, sources=Py_ssize_t, before=Py_UCS4, ends=bint)
cpdef tuple _mark_breaks(unicode text, Py_ssize_t start)

@cython.locals(size=Py_ssize_t, at=Py_ssize_t, i=Py_ssize_t, stop=Py_ssize_t)
cpdef list _paragraph_breaks(unicode text, Py_ssize_t start)

@cython.locals(starts=list, at=Py_ssize_t)
cpdef list line_starts(unicode text)
