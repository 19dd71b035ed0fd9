# C types for the compiled build of tone.py (hatch_build.py); the .py file stays plain Python.
# Scores stay Python numbers, so every sum and product is the one the package computes.
import cython

@cython.locals(index=Py_ssize_t, start=Py_ssize_t, end=Py_ssize_t, tones=list)
cpdef list _tones(vader, unicode text, list spans)

@cython.locals(lexicon=dict, boosters=dict, special=dict, negations=frozenset, phrase_words=frozenset,
               tokens=list, lowers=list, hits=list, sentiments=list, word=unicode, stripped=unicode, token=unicode,
               lower=unicode, before=unicode, index=Py_ssize_t, count=Py_ssize_t, last=Py_ssize_t, i=Py_ssize_t,
               j=Py_ssize_t, start_i=Py_ssize_t, cap_differential=int)
cpdef tuple _scores(vader, unicode text)

@cython.locals(exclamations=Py_ssize_t, questions=Py_ssize_t)
cpdef tuple _score(list sentiments, unicode text, normalize)

@cython.locals(capitals=Py_ssize_t, token=unicode)
cpdef int _cap_differential(list tokens)

@cython.locals(size=Py_ssize_t, zero=unicode, one=unicode, two=unicode, three=unicode)
cpdef _idioms(valence, list lowers, Py_ssize_t i, dict special, dict boosters)

@cython.locals(but=Py_ssize_t, position=Py_ssize_t)
cpdef _but(list lowers, list sentiments)
