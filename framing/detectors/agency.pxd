# C types for the compiled build of agency.py (hatch_build.py); the .py file stays plain Python.
import cython

@cython.locals(size=Py_ssize_t, q=Py_ssize_t, e=Py_ssize_t, first=Py_UCS4, bounded=bint, word=unicode)
cpdef tuple _word_after(unicode text, Py_ssize_t at, Py_ssize_t stop, set between, after_aux)

@cython.locals(text=unicode, found=list, last_end=Py_ssize_t, aux_start=Py_ssize_t, aux_end=Py_ssize_t,
               end=Py_ssize_t, s_end=Py_ssize_t, start=Py_ssize_t, participle=unicode, agent=bint, adjectival=bint,
               candidate=tuple)
cpdef list _find(document)

cpdef bint _is_participle(unicode word, dict data)
