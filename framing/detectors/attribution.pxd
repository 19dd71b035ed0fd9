# C types for the compiled build of attribution.py (hatch_build.py); the .py file stays plain Python.
import cython

@cython.locals(window=unicode, piece=unicode, base=Py_ssize_t, last=Py_ssize_t, first=Py_ssize_t, words=list, lows=list)
cpdef tuple _subject_before(unicode text, Py_ssize_t start, Py_ssize_t stop)

@cython.locals(best=Py_ssize_t, at=Py_ssize_t)
cpdef Py_ssize_t _after_punctuation(unicode window)

@cython.locals(index=Py_ssize_t, capital=bint, runs=list, run=list)
cpdef list _capital_runs(unicode phrase, bint sentence_initial)
