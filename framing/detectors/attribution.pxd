# C types for the compiled build of attribution.py (hatch_build.py); the .py file stays plain Python.
import cython

@cython.locals(floor=Py_ssize_t, at=Py_ssize_t, word_start=Py_ssize_t, word_end=Py_ssize_t, first=Py_ssize_t,
               ends=list, starts=list, lows=list, low=unicode)
cpdef tuple _subject_before(unicode text, Py_ssize_t start, Py_ssize_t stop)

@cython.locals(end=Py_ssize_t, begin=Py_ssize_t, run=Py_ssize_t)
cpdef tuple _word_before(unicode text, Py_ssize_t floor, Py_ssize_t at)

cpdef bint _word_char(Py_UCS4 ch)

@cython.locals(at=Py_ssize_t, ch=Py_UCS4)
cpdef Py_ssize_t _after_punctuation(unicode text, Py_ssize_t start, Py_ssize_t stop)

@cython.locals(index=Py_ssize_t, capital=bint, runs=list, run=list)
cpdef list _capital_runs(unicode phrase, bint sentence_initial)

@cython.locals(end=Py_ssize_t, last=Py_UCS4)
cpdef unicode _without_trail(unicode word)

@cython.locals(text=unicode, v_start=Py_ssize_t, v_end=Py_ssize_t, index=Py_ssize_t, s_start=Py_ssize_t,
               s_end=Py_ssize_t, src_start=Py_ssize_t, src_end=Py_ssize_t, previous=Py_ssize_t, source=unicode,
               lowered=unicode, lead=unicode, named=bint, pronoun=bint, anonymous=bint, runs=list, run=list,
               longest=list, found=list, hits=list, verbs=list)
cpdef list _find(document)
