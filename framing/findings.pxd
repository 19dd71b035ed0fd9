# C types for the compiled build of findings.py (hatch_build.py); the .py file stays plain Python.
import cython

@cython.locals(text=unicode, line_starts=list, spans=list, sentence_starts=list, findings=list, start=Py_ssize_t,
               end=Py_ssize_t, line=Py_ssize_t, sentence=Py_ssize_t)
cpdef list locate_many(doc, list matches)
