"""Multi-phrase matching in one linear pass (Aho-Corasick), whole words, case-insensitive.

Lexicon terms become plain strings: every spelling (hyphen, space, closed), every
inflected form. The automaton scans the text once however many terms there are, and a
term can never make it backtrack: a user's lexicon cannot slow the scan down.
"""

from __future__ import annotations

import re

from itertools import product
from typing import Iterable, Iterator, Sequence

EXACT, WILD_LEFT, WILD_RIGHT = 0, 1, 2

_SPACES = "\t\n\r\x1c\x1d\x1e\x1f\x0b\x0c\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
# One character for another, so offsets never move. str.translate would do it in one call
# but crawls on text with any non-Latin-1 character (curly quotes, dashes); a `replace`
# for each character actually present is many times faster on real news.
_FOLD = tuple(
    [(ch, " ") for ch in _SPACES] + [("\u2010", "-"), ("\u2011", "-"), ("\u2012", "-"), ("\u2019", "'"), ("\u2018", "'")]
)


_ASCII_FOLD = tuple((ch, replacement) for ch, replacement in _FOLD if ch.isascii())


_SURROGATE = re.compile("[\ud800-\udfff]")


def normalize(text: str) -> str:
    """Lowercase with spaces, hyphens and apostrophes unified; keeps every offset."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lowercase to two ("İ")
        lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    ascii_only = lowered.isascii()
    for ch, replacement in _ASCII_FOLD if ascii_only else _FOLD:
        if ch in lowered:
            lowered = lowered.replace(ch, replacement)
    if not ascii_only and _SURROGATE.search(lowered):
        # A lone surrogate (possible from Python: json.loads('"\\ud800"')) is no character the
        # matcher can take; U+FFFD holds its place and its offset.
        lowered = _SURROGATE.sub("\ufffd", lowered)
    return lowered


# The same folding for the automaton's bytes (scan_bytes): the non-ASCII characters that fold to
# ASCII, replaced in the text before it is encoded, then ASCII whitespace made a space byte.
_TO_ASCII = tuple((ch, r) for ch, r in _FOLD if not ch.isascii()) + (("\u212a", "k"),)  # KELVIN SIGN lowercases to "k"
_ASCII_SPACE_BYTES = bytes.maketrans(
    "".join(ch for ch in _SPACES if ch.isascii()).encode("ascii"), b" " * sum(ch.isascii() for ch in _SPACES)
)


def scan_bytes(text: str) -> bytes:
    """The text folded as normalize() folds it, as one byte per character: ASCII as it is,
    anything else "?". The automaton scans these bytes, so its offsets are the text's offsets
    as they come, with no UTF-8 encoding and no byte-to-character mapping, and the lowercasing
    is ASCII-only bytes work; matches of patterns with non-ASCII letters ("naïve") are checked
    against the text itself. Equal to normalize(text).encode("ascii", "replace")."""
    if not text.isascii():
        for ch, replacement in _TO_ASCII:
            if ch in text:
                text = text.replace(ch, replacement)
    return text.encode("ascii", "replace").lower().translate(_ASCII_SPACE_BYTES)


def spellings(phrase: str, spaced: bool = True) -> set[str]:
    """Spellings of a phrase that count as the same: a hyphen also matches a space (unless
    `spaced` is false: "would-be" is not "would be") or nothing ("foreign-backed",
    "foreign backed", "foreignbacked"); a space also matches a hyphen."""
    phrase = " ".join(normalize(phrase).split())
    pieces: list[str] = []
    gaps: list[tuple[str, ...]] = []
    word = ""
    for ch in phrase:
        if ch in " -":
            pieces.append(word)
            word = ""
            if ch == " ":
                gaps.append((" ", "-"))
            else:
                gaps.append(("-", " ", "") if spaced else ("-", ""))
        else:
            word += ch
    pieces.append(word)
    if not gaps:
        return {phrase}
    # Four words or more: as written, all-space and all-hyphen only. Every mix of the two is up to 16
    # spellings (the automaton grew by a third for them) and real text does not mix them.
    if len(gaps) > 2:
        return {phrase, " ".join(p for p in pieces if p), "-".join(p for p in pieces if p)}
    results = set()
    for choice in product(*gaps):
        results.add(pieces[0] + "".join(sep + piece for sep, piece in zip(choice, pieces[1:])))
    return {r for r in results if r.strip(" -")}


class PhraseMatcher:
    """Finds registered phrases as whole words; each phrase carries a payload.

    Phrases that are ASCII, or have at least three ASCII letters ("naïve", checked against the
    text after the bytes match "na?ve"), are found by one automaton over the text's scan bytes
    (scan_bytes); the others (a lexicon in Greek or Russian) by a second automaton over the
    folded text itself, run only on texts holding one of their letters: as bytes, every run of
    non-ASCII letters would be a candidate."""

    # Above this many strings the automaton stays a (smaller, slower) NFA instead of a DFA.
    DFA_LIMIT = 100_000

    def __init__(self) -> None:
        self._phrases: dict[str, tuple[int, int]] = {}  # phrase -> (payload, kind)
        self._built = False
        self._automaton = None  # the ASCII phrases, over scan bytes
        self._narrow: list[str] = []  # those phrases, in the automaton's pattern order
        self._shared: SharedScan | None = None  # this matcher alone, for find_many
        self._hits: list[tuple[int, int]] = []
        self._spelled: dict[int, str] = {}  # pattern index -> an ASCII phrase with "?", checked in the text
        self._wide = None  # the other phrases, over the folded text
        self._wide_hits: list[tuple[int, int]] = []
        self._letters: tuple[str, ...] = ()  # a text has none of them: no wide phrase can occur in it

    def add(self, phrase: str, payload: int) -> None:
        """Register a normalized phrase; '*-x' and 'x-*' are one-word wildcards."""
        kind = EXACT
        if phrase.startswith("*-"):
            phrase, kind = phrase[1:], WILD_LEFT
        elif phrase.endswith("-*"):
            phrase, kind = phrase[:-1], WILD_RIGHT
        if phrase and phrase not in self._phrases:  # first registration wins: deterministic
            self._phrases[phrase] = (payload, kind)
            self._built = False

    def __len__(self) -> int:
        return len(self._phrases)

    def build(self) -> None:
        self._built = True
        self._automaton = self._wide = self._shared = None
        self._narrow = []
        if not self._phrases:
            return
        import ahocorasick_rs

        narrow = [p for p in self._phrases if _as_bytes(p)]
        wide = [p for p in self._phrases if not _as_bytes(p)]
        if narrow:
            self._narrow = narrow  # its automaton is built on first use (a SharedScan may do the scanning)
            self._hits = [self._phrases[p] for p in narrow]
            self._spelled = {index: phrase for index, phrase in enumerate(narrow) if "?" in phrase or not phrase.isascii()}
        if wide:
            self._wide = ahocorasick_rs.AhoCorasick(wide, implementation=_implementation(len(self._phrases)))
            self._wide_hits = [self._phrases[p] for p in wide]
            self._letters = tuple(sorted({x for p in wide for ch in p if not ch.isascii() for x in _folding_to(ch)}))

    def find(self, text: str, start: int = 0, scan: bytes | None = None, *,
             folded: str | None = None) -> list[tuple[int, int, int, int]]:
        """(start, end, payload, kind) for every whole-word occurrence in text[start:], overlaps
        included. `scan` is scan_bytes(text) and `folded` normalize(text), when the caller already
        has them (a Document keeps both; the folded text is only needed for non-ASCII phrases).
        Word boundaries are read in the text itself: folding changes no character's being a letter
        or digit."""
        if not self._phrases or start >= len(text):
            return []
        if not self._built:
            self.build()
        if isinstance(scan, str):  # the folded text, as earlier releases took it
            scan, folded = None, scan
        hits: list[tuple[int, int, int, int]] = []
        if self._narrow:
            if scan is None:
                scan = scan_bytes(folded if folded is not None else text)
            found = self._bytes_automaton().find_matches_as_indexes(memoryview(scan)[start:] if start else scan,
                                                                    overlapping=True)
            _accept(found, self._hits, self._spelled, text, text, scan, b".'", start, start, len(text), hits.append)
        self._find_wide(text, start, folded, hits)
        return hits

    def find_many(self, documents: Sequence[tuple[str, int, bytes]]) -> list[list[tuple[int, int, int, int]]]:
        """find(text, start, scan) for many (text, start, scan) at once, the same hits: the scan
        bytes of up to JOINED bytes of documents are joined (by a NUL, which no phrase holds) and
        read in one pass of the automaton (a SharedScan of this matcher alone). One call instead
        of one per document, and the automaton's tables stay in the processor's cache for the
        whole stretch instead of being pushed out by the work done between documents."""
        if self._shared is None or not self._built:
            self._shared = SharedScan([self])
        return self._shared.find_many(documents)[0]

    # Bytes of scan joined for one pass of the automaton (find_many): a few hundred articles.
    JOINED = 1 << 20

    def _bytes_automaton(self) -> _BytesAutomaton:
        if self._automaton is None:
            self._automaton = _BytesAutomaton([p.encode("ascii", "replace") for p in self._narrow])
        return self._automaton

    def _find_wide(self, text: str, start: int, folded: str | None, hits: list) -> None:
        """Adds the hits of the phrases that are not searched as bytes (see the class)."""
        if self._wide is not None and not text.isascii() and any(x in text for x in self._letters):
            if folded is None:
                folded = normalize(text)
            narrow = len(hits)
            found = self._wide.find_matches_as_indexes(folded[start:] if start else folded, overlapping=True)
            _accept(found, self._wide_hits, {}, text, folded, folded, ".'", start, start, len(text), hits.append)
            if narrow and len(hits) > narrow:
                hits.sort()

    def __getstate__(self):
        # The automata are rebuilt on first use in the receiving process: small to ship.
        return {"_phrases": self._phrases}

    def __setstate__(self, state):
        self.__init__()
        self._phrases = state["_phrases"]


def stretches(documents: Sequence[tuple[str, int, bytes]], limit: int) -> Iterator[tuple[int, int]]:
    """(first, last) index ranges of consecutive documents whose scan bytes, joined by one byte
    each, stay under `limit` (a longer document is a stretch of its own)."""
    first = 0
    while first < len(documents):
        last, total = first + 1, len(documents[first][2])
        while last < len(documents) and total + len(documents[last][2]) < limit:
            total += len(documents[last][2]) + 1
            last += 1
        yield first, last
        first = last


def _implementation(size: int):
    import ahocorasick_rs

    return ahocorasick_rs.Implementation.DFA if size <= PhraseMatcher.DFA_LIMIT else None


class _BytesAutomaton:
    """An automaton over bytes whose patterns' bytes are renumbered to the top of the byte range,
    every other byte to 0, patterns and text alike (a one-to-one renaming of the bytes that
    matter: the same matches). The automaton's tables then have one column per pattern byte with
    no gaps between them: for the lexicons' 31 distinct bytes that is 32 columns, not 64, and
    half the memory to read for each byte of text (a default analysis scans about 15% faster)."""

    def __init__(self, patterns: list[bytes]):
        import ahocorasick_rs

        used = sorted({byte for pattern in patterns for byte in pattern})
        table = bytearray(256)
        if len(used) < 256:
            for rank, byte in enumerate(used):
                table[byte] = 256 - len(used) + rank
            self._table: bytes | None = bytes(table)
            patterns = [pattern.translate(self._table) for pattern in patterns]
        else:
            self._table = None
        self._automaton = ahocorasick_rs.BytesAhoCorasick(patterns, implementation=_implementation(len(patterns)))

    def find_matches_as_indexes(self, data, overlapping: bool = True) -> list[tuple[int, int, int]]:
        if self._table is not None:
            data = bytes(data).translate(self._table) if isinstance(data, memoryview) else data.translate(self._table)
        return self._automaton.find_matches_as_indexes(data, overlapping=overlapping)


class SharedScan:
    """Several PhraseMatchers read in one pass over the same texts: all their byte patterns in one
    automaton, each of its matches handed to the matcher (or matchers) the pattern belongs to,
    which accepts it as its own find() would. A default analysis has six phrase sets (the
    lexicons, reporting verbs, anonymity markers, auxiliaries, harm verbs, actor names): one scan
    of each text instead of six, with the same hits, in the same order, as each matcher's own
    find_many (tested)."""

    def __init__(self, matchers: Iterable[PhraseMatcher]):
        self.matchers: list[PhraseMatcher] = []
        for matcher in matchers:
            if not any(matcher is known for known in self.matchers):
                self.matchers.append(matcher)
        index: dict[bytes, int] = {}
        routes: list[list[tuple[int, int]]] = []
        for position, matcher in enumerate(self.matchers):
            if not matcher._built:
                matcher.build()
            for local, phrase in enumerate(matcher._narrow):
                key = phrase.encode("ascii", "replace")
                at = index.get(key)
                if at is None:
                    at = index[key] = len(routes)
                    routes.append([])
                routes[at].append((position, local))
        self._patterns = list(index)
        self._routes = [tuple(route) for route in routes]
        # One matcher whose patterns are all distinct bytes: its own automaton, and its matches as
        # they come (pattern numbers are the same).
        self._direct = len(self.matchers) == 1 and len(self._patterns) == len(self.matchers[0]._narrow)
        self._automaton: _BytesAutomaton | None = None

    def find_many(self, documents: Sequence[tuple[str, int, bytes]]) -> list[list[list[tuple[int, int, int, int]]]]:
        """For each matcher, for each (text, start, scan): matcher.find(text, start, scan)."""
        results = [[[] for _ in documents] for _ in self.matchers]
        if self._patterns:
            if self._automaton is None:
                self._automaton = (self.matchers[0]._bytes_automaton() if self._direct
                                   else _BytesAutomaton(self._patterns))
            for first, last in stretches(documents, PhraseMatcher.JOINED):
                self._scan(documents, first, last, results)
        for matcher, mine in zip(self.matchers, results):
            if matcher._wide is not None:
                for (text, start, _), hits in zip(documents, mine):
                    matcher._find_wide(text, start, None, hits)
        return results

    def _scan(self, documents, first: int, last: int, results: list) -> None:
        found = self._automaton.find_matches_as_indexes(b"\0".join(documents[k][2] for k in range(first, last)),
                                                        overlapping=True)
        _dispatch(found, self._routes, [(m._hits, m._spelled) for m in self.matchers], documents, first, results)


def _dispatch(found, routes, accepts, documents, first, results) -> None:
    """Hands each match of a joined scan (documents[first:] joined by NUL bytes) to the matchers
    its pattern belongs to (`routes`: pattern -> (matcher position, the matcher's own pattern
    number)), each accepting it as its own find() would (`accepts`: per matcher, its payloads and
    "?"-spelled patterns), into results[matcher][document]. Matches come in the order of their
    ends, so each document's are consecutive, and each matcher's share of them keeps the order its
    own automaton reports."""
    k = first
    base = 0
    text, start, scan = documents[k]
    limit = len(text)
    size = limit
    for index, begin, end in found:
        if end > limit:
            while end > limit:
                k += 1
                base = limit + 1
                limit = base + len(documents[k][0])
            text, start, scan = documents[k]
            size = limit - base
        for position, local in routes[index]:
            payloads, spelled = accepts[position]
            hit = _accept_hit(payloads, spelled, text, text, scan, b".'", local, begin - base, end - base, start, size)
            if hit is not None:
                results[position][k].append(hit)


def _as_bytes(phrase: str) -> bool:
    """Whether a phrase is searched in the scan bytes: ASCII, or with enough ASCII letters that
    its "?" bytes cannot make it match everywhere."""
    return phrase.isascii() or sum(ch.isascii() and ch.isalpha() for ch in phrase) >= 3


# The characters that lowercase to one other than their own upper or title case (KELVIN SIGN to
# "k", CAPITAL SHARP S to "ß", ...): tests/test_matching.py checks the list against every code point.
_IRREGULAR = "\u03f4\u1e9e\u2126\u212a\u212b"


def _folding_to(ch: str) -> set[str]:
    """The characters normalize() folds to `ch` (itself included)."""
    found = {ch} | {x for x in (ch.upper(), ch.title()) if len(x) == 1}
    return found | {x for x in _IRREGULAR if x.lower() == ch}


def _accept(found, payloads, spelled, text, chars, folded, dots, shift, start, size, append) -> None:
    """The automaton's hits that are whole words (or whole wildcard words) in text[start:], as
    (start, end, payload, kind); `shift` turns the automaton's offsets into the text's. `chars` is
    read for letters and digits (the text, or its folded form, which agree on them),
    `folded[i] in dots` for the dots and apostrophes a wildcard word may hold."""
    for index, begin, end in found:
        hit = _accept_hit(payloads, spelled, text, chars, folded, dots, index, begin + shift, end + shift, start, size)
        if hit is not None:
            append(hit)


def _accept_hit(payloads, spelled, text, chars, folded, dots, index, begin, end, start, size):
    """One hit of _accept: (start, end, payload, kind), or None when it is no whole word."""
    if begin < start:
        return None  # in the front matter of a document read with others (find_many)
    payload, kind = payloads[index]
    if spelled and index in spelled and normalize(text[begin:end]) != spelled[index]:
        return None  # a "?" in the bytes stood for another character
    if kind == EXACT:
        if begin and (chars[begin - 1].isalnum() or chars[begin - 1] == "_"):
            return None
        if end < size and (chars[end].isalnum() or chars[end] == "_"):
            return None
    elif kind == WILD_LEFT:  # "-backed": the word before the hyphen is the wildcard
        if end < size and chars[end].isalnum():
            return None
        word_start = begin
        while word_start > start and (chars[word_start - 1].isalnum() or folded[word_start - 1] in dots):
            word_start -= 1
        while word_start < begin and not chars[word_start].isalnum():
            word_start += 1
        if word_start == begin:
            return None
        begin = word_start
    else:  # "anti-": the word after the hyphen is the wildcard
        if begin and chars[begin - 1].isalnum():
            return None
        word_end = end
        while word_end < size and chars[word_end].isalnum():
            word_end += 1
        if word_end == end:
            return None
        end = word_end
    return begin, end, payload, kind


def build_matcher(phrases: Iterable[tuple[str, int]]) -> PhraseMatcher:
    matcher = PhraseMatcher()
    for phrase, payload in phrases:
        matcher.add(phrase, payload)
    matcher.build()
    return matcher
