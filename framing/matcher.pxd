# C types for the compiled build of matcher.py (hatch_build.py); the .py file stays plain Python.
import cython

@cython.locals(index=Py_ssize_t, begin=Py_ssize_t, end=Py_ssize_t, hit=tuple)
cpdef _accept(found, list payloads, dict spelled, unicode text, unicode chars, folded, dots, Py_ssize_t shift,
              Py_ssize_t start, Py_ssize_t size, append)

@cython.locals(kind=Py_ssize_t, word_start=Py_ssize_t, word_end=Py_ssize_t)
cpdef tuple _accept_hit(list payloads, dict spelled, unicode text, unicode chars, folded, dots, Py_ssize_t index,
                        Py_ssize_t begin, Py_ssize_t end, Py_ssize_t start, Py_ssize_t size)

@cython.locals(k=Py_ssize_t, base=Py_ssize_t, limit=Py_ssize_t, size=Py_ssize_t, index=Py_ssize_t,
               begin=Py_ssize_t, end=Py_ssize_t, position=Py_ssize_t, local=Py_ssize_t, text=unicode,
               start=Py_ssize_t, payloads=list, spelled=dict, hit=tuple)
cpdef _dispatch(list found, list routes, list accepts, documents, Py_ssize_t first, list results)
