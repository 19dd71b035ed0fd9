# C types for the compiled build of scoring.py (hatch_build.py); the .py file stays plain Python.
import cython

@cython.locals(starts=list, kept=list, index=Py_ssize_t)
cpdef list discount_quoted(list findings, list spans, double quoted_weight, exempt=*)
