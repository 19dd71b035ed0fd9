"""Sentence features for the classifier, hashed in one vectorised pass over a batch of texts.

A batch of sentences is joined into one string and read as an array of code points; every
feature is then a window of that array, hashed with a polynomial prefix sum, so a batch costs a
handful of numpy operations whatever its size, with no Python loop per word or per n-gram:

- words: runs of letters and digits (an apostrophe inside a word belongs to it), two or more
  characters long, as unigrams and as bigrams of neighbouring words;
- characters: 3- and 4-grams that stay inside one word and its two bounding spaces, as
  scikit-learn's `char_wb` analyzer reads them.

Before hashing, case is folded, every digit reads as 0 (so "142,000" and "12" share their
shape), curly quotes and apostrophes read as straight ones, dashes as a hyphen and every space as
a space: real news and the training sentences then look alike. Hashes fall in two blocks,
words then characters, of 2**bits columns each; the words' spans are kept, so a score can name
the words that raised it and say where they are.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

_P = 0x100000001B3  # odd: invertible modulo 2**64
_P_INV = pow(_P, -1, 2**64)
_MIX = np.uint64(0x9E3779B97F4A7C15)
_SALTS = {kind: np.uint64(salt) for kind, salt in (
    ("word", 0x243F6A8885A308D3), ("bigram", 0x13198A2E03707344), ("char3", 0xA4093822299F31D0),
    ("char4", 0x082EFA98EC4E6C89),
)}
_TABLE_SIZE = 0x2300
_SPACES = [*range(0, 33), 0x7F, 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F]
_APOSTROPHES = (0x27, 0x2018, 0x2019, 0x02BC, 0x2032)
_DOUBLE_QUOTES = (0x22, 0x201C, 0x201D, 0x201E, 0x201F, 0x00AB, 0x00BB, 0x2033)
_DASHES = (0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212)


def _table() -> tuple[np.ndarray, np.ndarray]:
    """Code point -> hashed code, and code point -> is a word character, for code points below
    0x2300 (beyond it, the code point itself; str.isalnum decides)."""
    codes = np.arange(_TABLE_SIZE, dtype=np.uint64)
    codes[_SPACES] = 32
    codes[list(_APOSTROPHES)] = 0x27
    codes[list(_DOUBLE_QUOTES)] = 0x22
    codes[list(_DASHES)] = 0x2D
    wordish = np.array([chr(c).isalnum() for c in range(_TABLE_SIZE)])
    digits = np.array([chr(c).isdigit() for c in range(_TABLE_SIZE)])
    codes[digits] = 0x30
    return codes, wordish


_CODES, _WORDISH = _table()
_powers = np.ones(1, dtype=np.uint64)
_inverse = np.ones(1, dtype=np.uint64)


def _power_tables(size: int) -> tuple[np.ndarray, np.ndarray]:
    """P**i and P**-i modulo 2**64 for i < size (uint64 arithmetic wraps), grown on demand."""
    global _powers, _inverse
    if len(_powers) < size:
        size = max(size, 2 * len(_powers))
        with np.errstate(over="ignore"):
            one = np.ones(1, dtype=np.uint64)
            _powers = np.concatenate([one, np.cumprod(np.full(size - 1, _P, dtype=np.uint64))])
            _inverse = np.concatenate([one, np.cumprod(np.full(size - 1, _P_INV, dtype=np.uint64))])
    return _powers, _inverse


def _mix(hashes: np.ndarray, kind: str, bits: int) -> np.ndarray:
    """A span hash, salted by its kind, to a column in [0, 2**bits): multiply-xorshift, high bits."""
    h = hashes ^ _SALTS[kind]
    h ^= h >> np.uint64(29)
    h *= _MIX
    h ^= h >> np.uint64(32)
    h *= _MIX
    return (h >> np.uint64(64 - bits)).astype(np.int64)


@dataclass
class Batch:
    """The hashed features of a batch of texts. `rows`/`columns` list every occurrence (a feature
    seen twice in a text is listed twice); `word_*` are the word unigrams, in text order, with
    their spans in their own text."""

    size: int
    joined: str  # the texts joined by newlines, with one before the first: text i starts at offsets[i]
    offsets: np.ndarray
    rows: np.ndarray
    columns: np.ndarray
    word_rows: np.ndarray
    word_starts: np.ndarray
    word_ends: np.ndarray
    word_hashes: np.ndarray  # 64-bit hashes before mixing: what the valence lookup keys on
    word_columns: np.ndarray
    bigram_rows: np.ndarray
    bigram_columns: np.ndarray
    bigram_first: np.ndarray  # index into the word arrays of each bigram's first word
    words_per_row: np.ndarray
    char_rows: np.ndarray
    char_columns: np.ndarray
    char_starts: np.ndarray  # where each character n-gram starts in `joined`
    word_global_starts: np.ndarray  # where each word starts in `joined`


def last_start_at(size: int, starts: np.ndarray) -> np.ndarray:
    """For each of `size` positions, the index of the last of the (sorted, distinct) `starts` at or
    before it, -1 before the first: a table to look positions up in, instead of a binary search each."""
    marks = np.zeros(size, dtype=np.int64)
    marks[starts] = 1
    return np.cumsum(marks) - 1


def _lowered(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    # A few characters lower to two ('İ' -> 'i̇'): keep such ones as they are, so offsets hold.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def featurize(texts: list[str], bits: int, chars: bool = True, bigrams: bool = True) -> Batch:
    """Hashed word (and, with `chars`, character) features of `texts`, in one pass over the joined batch;
    word bigrams unless `bigrams` is false (then there are none, and the words stand alone)."""
    joined = "\n" + "\n".join(texts) + "\n"
    offsets = np.zeros(len(texts) + 1, dtype=np.int64)
    if texts:
        offsets[1:] = np.cumsum(np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts)))
    offsets += 1  # text i starts at offsets[i] (after the leading separator)
    points = np.frombuffer(_lowered(joined).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    size = len(points)
    inside = points < _TABLE_SIZE
    if inside.all():  # the common case (Latin, Greek, Cyrillic, punctuation): two table lookups
        codes = _CODES[points]
        wordish = _WORDISH[points]
    else:
        clipped = np.where(inside, points, 0)
        codes = np.where(inside, _CODES[clipped], points.astype(np.uint64))
        wordish = _WORDISH[clipped]
        outside = np.flatnonzero(~inside)
        unique = np.unique(points[outside])
        alnum = np.array([chr(int(c)).isalnum() for c in unique])
        wordish[outside] = alnum[np.searchsorted(unique, points[outside])]
    space = codes == 32
    # The text each position belongs to (a separator to the text after it): one
    # lookup per feature instead of a binary search of the offsets.
    text_at = last_start_at(size, offsets - 1)

    powers, inverse = _power_tables(size + 1)
    with np.errstate(over="ignore"):
        prefix = np.zeros(size + 1, dtype=np.uint64)
        np.cumsum(codes * powers[:size], out=prefix[1:])

        def span_hash(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
            return (prefix[ends] - prefix[starts]) * inverse[starts]

        # Words: runs of word characters; an apostrophe between two of them joins them.
        apostrophe = codes == 0x27
        joins = np.zeros(size, dtype=bool)
        joins[1:-1] = apostrophe[1:-1] & wordish[:-2] & wordish[2:]
        inword = wordish | joins
        edges = np.diff(np.concatenate([[False], inword, [False]]).astype(np.int8))
        starts = np.flatnonzero(edges == 1)
        ends = np.flatnonzero(edges == -1)
        keep = ends - starts >= 2
        starts, ends = starts[keep], ends[keep]
        word_rows = text_at[starts]
        word_hashes = span_hash(starts, ends)
        word_columns = _mix(word_hashes, "word", bits)
        same = word_rows[1:] == word_rows[:-1]
        first = np.flatnonzero(same) if bigrams else np.zeros(0, dtype=np.int64)
        bigram_columns = _mix(word_hashes[first] * np.uint64(_P) + word_hashes[first + 1], "bigram", bits)
        bigram_rows = word_rows[first]

        # Character 3- and 4-grams whose inner characters are no spaces (they stay in one word),
        # hashed from contiguous slices of the codes (c0 + c1 P + c2 P^2 [+ c3 P^3], the span hash
        # of the prefix sums without its gathers) and written straight into the output arrays.
        inner = ~space
        grams = []
        if chars and size >= 3:
            ok3 = inner[1 : size - 1]
            at3 = np.flatnonzero(ok3)
            at4 = np.flatnonzero(ok3[: size - 3] & inner[2 : size - 1]) if size >= 4 else np.zeros(0, dtype=np.int64)
            p = np.uint64(_P)
            head = codes[: size - 2] + codes[1 : size - 1] * p + codes[2:] * (p * p)
            grams.append((at3, "char3", head[at3]))
            if len(at4):
                grams.append((at4, "char4", head[at4] + codes[at4 + 3] * (p * p * p)))
    words_end = len(word_rows) + len(bigram_rows)
    total = words_end + sum(len(at) for at, _, _ in grams)
    rows = np.empty(total, dtype=np.int64)
    columns = np.empty(total, dtype=np.int64)
    char_starts = np.empty(total - words_end, dtype=np.int64)
    rows[: len(word_rows)] = word_rows
    rows[len(word_rows) : words_end] = bigram_rows
    columns[: len(word_rows)] = word_columns
    columns[len(word_rows) : words_end] = bigram_columns
    at_out = words_end
    with np.errstate(over="ignore"):
        for at, kind, hashes in grams:
            stop = at_out + len(at)
            char_starts[at_out - words_end : stop - words_end] = at
            rows[at_out:stop] = text_at[at]
            columns[at_out:stop] = _mix(hashes, kind, bits) + (1 << bits)
            at_out = stop
    char_rows = rows[words_end:]
    char_columns = columns[words_end:]
    local_starts = starts - offsets[word_rows]
    return Batch(
        size=len(texts), joined=joined, offsets=offsets, rows=rows, columns=columns, word_rows=word_rows, word_starts=local_starts,
        word_ends=local_starts + (ends - starts), word_hashes=word_hashes, word_columns=word_columns,
        bigram_rows=bigram_rows, bigram_columns=bigram_columns, bigram_first=first,
        words_per_row=np.bincount(word_rows, minlength=len(texts))[: len(texts)],
        char_rows=char_rows, char_columns=char_columns, char_starts=char_starts, word_global_starts=starts,
    )


def word_hashes(words: list[str]) -> np.ndarray:
    """The unmixed hash of each single word (lowercase, as featurize reads it), e.g. to key a
    word list on; words the tokenizer would split or drop get no hash (0)."""
    batch = featurize(words, 8)
    out = np.zeros(len(words), dtype=np.uint64)
    single = batch.words_per_row == 1
    rows = batch.word_rows
    whole = single[rows] & (batch.word_starts == 0) & (batch.word_ends == np.array([len(w) for w in words])[rows])
    out[rows[whole]] = batch.word_hashes[whole]
    return out
