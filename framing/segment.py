"""Sentence and token segmentation that needs no downloaded model data.

Sentences: nltk's untrained Punkt with an abbreviation list decides a period ends a
sentence unless the word before it is a known abbreviation or an initial. That rule is
applied here in one regex pass because Punkt's per-candidate Python work runs at about
2.5 MB/s, slower than everything else in a lexicon run put together; the test suite
checks that both give the same sentences on the demo corpus. Paragraph breaks always end a sentence, so a
headline without a full stop stays on its own.

Tokens: nltk's RegexpTokenizer, computed only when a detector asks for them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

_CLOSERS = "\"'\u2019\u201d)]"


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    raw = resources.files("framing").joinpath("data/abbreviations.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#")
    )


@lru_cache(maxsize=1)
def _sentence_ends() -> dict[str, re.Pattern]:
    """Sentence ends, one regex per terminal mark; group 1 is the whitespace between sentences.

    A sentence ends at terminal punctuation (plus closing quotes or brackets), whitespace,
    then anything but a lowercase letter; a period after an abbreviation or a single letter
    (an initial, or the end of "U.S.") does not count. A regex that starts with one literal
    character lets the engine jump from candidate to candidate several times faster than
    one that starts with a character class, hence a regex per mark."""
    by_length: dict[int, list[str]] = {}
    for word in sorted(abbreviations()):
        if "." not in word and len(word) > 1:
            by_length.setdefault(len(word), []).append(re.escape(word))
    # One lookbehind per word length: a lookbehind must have a fixed width.
    not_abbreviation = "".join(rf"(?<!\b(?:{'|'.join(words)})\.)" for _, words in sorted(by_length.items()))
    # At most 16 more marks and closers after the first ("?!", '."', "...)"): from every mark the
    # engine then reads a bounded stretch, so a long run without a space is linear, not quadratic.
    # The break is the whitespace after the run, found from whichever mark of it is near enough.
    tail = rf"[.!?\u2026{re.escape(_CLOSERS)}]{{0,16}}(\s+)(?=[^\sa-z])"
    patterns = {".": re.compile(rf"\.(?i:(?<!\b[a-z]\.){not_abbreviation}){tail}")}
    for mark in "!?\u2026":
        patterns[mark] = re.compile(re.escape(mark) + tail)
    return patterns


_PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n\s*")

# Whether this module runs from the compiled build (hatch_build.py, framing/_accelerated.py): its
# file is then an extension module, not a .py source.
_COMPILED = not __file__.endswith((".py", ".pyc"))

_TAIL = ".!?\u2026" + _CLOSERS  # what may follow a terminal mark (written out in _mark_breaks)
# Beyond the ASCII letters, the case-insensitive [a-z] of _sentence_ends matches these four
# (tests/test_segment.py checks the list against every code point): a text with one of them
# takes the regexes.
_CASE_FOLDS_TO_ASCII = "\u0130\u0131\u017f\u212a"


def _no_case_folds(text: str) -> bool:
    for ch in _CASE_FOLDS_TO_ASCII:
        if ch in text:
            return False
    return True


@lru_cache(maxsize=1)
def _dotless_abbreviations() -> tuple[frozenset[str], int]:
    """The abbreviations _sentence_ends' lookbehinds hold, lowercased, and the longest's length."""
    words = frozenset(w.lower() for w in abbreviations() if "." not in w and len(w) > 1)
    return words, max(map(len, words), default=0)


def _mark_breaks(text: str, start: int) -> tuple[list[tuple[int, int]], int]:
    """What the _sentence_ends regexes find in text[start:] (the span of group 1 of each match, mark
    by mark, and how many marks occur), read character by character: in the compiled build this
    runs several times faster than the regexes, whose abbreviation lookbehinds are tried at every
    full stop. Same rule: a terminal mark, up to 16 more marks and closers, whitespace, then
    anything but a lowercase letter; a full stop after an initial or a listed abbreviation (the
    whole word before it, in any case) ends nothing."""
    size = len(text)
    words, longest = _dotless_abbreviations()
    breaks: list[tuple[int, int]] = []
    sources = 0
    for mark in ".!?\u2026":
        at = text.find(mark, start)
        if at == -1:
            continue
        sources += 1
        while at != -1:
            resume = at + 1
            ends = True
            if mark == "." and at > 0:
                before = text[at - 1]
                if before.isalnum() or before == "_":
                    if ("a" <= before <= "z" or "A" <= before <= "Z") and (
                            at == 1 or not (text[at - 2].isalnum() or text[at - 2] == "_")):
                        ends = False  # an initial ("J. Smith", the "S." of "U.S.")
                    else:
                        first = at - 1
                        while first > 0 and at - first <= longest and (text[first - 1].isalnum() or text[first - 1] == "_"):
                            first -= 1
                        if at - first <= longest and text[first:at].lower() in words and (
                                first == 0 or not (text[first - 1].isalnum() or text[first - 1] == "_")):
                            ends = False
            if ends:
                i = at + 1
                marks = 0
                while i < size and marks < 16 and text[i] in ".!?\u2026\"'\u2019\u201d)]":  # _TAIL
                    i += 1
                    marks += 1
                if i < size and text[i].isspace():
                    gap = i
                    while i < size and text[i].isspace():
                        i += 1
                    if i < size and not ("a" <= text[i] <= "z"):
                        breaks.append((gap, i))
                        resume = i
            at = text.find(mark, resume)
    return breaks, sources


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences in text[start:end], trimmed of whitespace.
    Paragraph breaks end a sentence too, so a headline without a full stop stays apart."""
    end = len(text) if end is None else end
    # (stop, resume) pairs; `sources`: how many passes added breaks (more than one: sort them)
    if _COMPILED and end == len(text) and (text.isascii() or _no_case_folds(text)):
        breaks, sources = _mark_breaks(text, start)
        paragraphs = _paragraph_breaks(text, start)
    else:
        breaks, sources = _regex_breaks(text, start, end)
        paragraphs = []
        for match in _PARAGRAPH.finditer(text, start, end):
            stop = match.start()
            while stop > start and text[stop - 1].isspace():
                stop -= 1
            paragraphs.append((stop, match.end()))
    if paragraphs:
        breaks += paragraphs
        sources += 1
    if sources > 1:
        breaks.sort()
    while end > start and text[end - 1].isspace():
        end -= 1
    begin = start
    while begin < end and text[begin].isspace():
        begin += 1
    # Every stop follows, and every resume precedes, a non-space character.
    spans: list[tuple[int, int]] = []
    append = spans.append
    for stop, resume in breaks:
        if stop > begin:
            append((begin, stop))
        if resume > begin:
            begin = resume
    if end > begin:
        append((begin, end))
    for b, e in spans:
        if e - b > MAX_SENTENCE:
            return [piece for span in spans for piece in _split_long(text, *span)]
    return spans


def _paragraph_breaks(text: str, start: int) -> list[tuple[int, int]]:
    """The (stop, resume) pairs of the _PARAGRAPH matches in text[start:], the stop moved back
    over the whitespace before it, read character by character (for the compiled build)."""
    size = len(text)
    found: list[tuple[int, int]] = []
    at = text.find("\n", start)
    while at != -1:
        i = at + 1
        while i < size and text[i] in " \t\r\f\v":
            i += 1
        if i < size and text[i] == "\n":
            i += 1
            while i < size and text[i].isspace():
                i += 1
            stop = at
            while stop > start and text[stop - 1].isspace():
                stop -= 1
            found.append((stop, i))
            at = text.find("\n", i)
        else:
            at = text.find("\n", at + 1)
    return found


def _regex_breaks(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], int]:
    breaks = []
    sources = 0
    for mark, pattern in _sentence_ends().items():
        if text.find(mark, start, end) != -1:
            breaks += [match.span(1) for match in pattern.finditer(text, start, end)]
            sources += 1
    return breaks, sources


# Longer "sentences" (text without sentence punctuation: lists, scraped tables, transcripts) are
# cut into pieces of at most this many characters, at the last space before the limit: findings,
# their context and the classifier's input stay bounded, whatever the text.
MAX_SENTENCE = 2_000


def _split_long(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    while end - begin > MAX_SENTENCE:
        cut = text.rfind(" ", begin + MAX_SENTENCE // 2, begin + MAX_SENTENCE)
        if cut == -1:
            cut = begin + MAX_SENTENCE  # no space in the second half: cut where the limit is
        stop = cut
        while stop > begin and text[stop - 1].isspace():
            stop -= 1
        pieces.append((begin, stop))
        begin = cut
        while begin < end and text[begin].isspace():
            begin += 1
    if end > begin:
        pieces.append((begin, end))
    return pieces


# Each byte of UTF-8 text: a space becomes 0, anything else 1.
_WORD_BYTE = bytes(0 if byte == 32 else 1 for byte in range(256))


def word_count(text: str, start: int = 0, folded: str | None = None, scan: bytes | None = None) -> int:
    """Whitespace-separated words of text[start:], as `wc -w` and editors count them.

    With `scan` (framing.matcher.scan_bytes(text): one byte per character, every whitespace
    character a space) or `folded` (framing.matcher.normalize(text)) the words are counted in C
    without splitting the text into hundreds of strings: each byte becomes 0 (a space) or 1, and
    the bytes, read as one big-endian integer v, keep a bit where a word starts (a 1 after a 0)
    in `v & ~(v >> 8)`."""
    if scan is None:
        if folded is None:
            return len(text[start:].split())
        scan = (folded[start:] if start else folded).encode("utf-8", "surrogatepass")
    elif start:
        scan = scan[start:]
    marks = int.from_bytes(scan.translate(_WORD_BYTE), "big")
    return (marks & ~(marks >> 8)).bit_count()


def line_starts(text: str) -> list[int]:
    """Offsets where each line of the text begins: 0, and one past every newline."""
    starts = [0]
    at = text.find("\n")
    while at != -1:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return starts


# Tokens: dotted abbreviations ("U.S."), words with inner hyphens or apostrophes
# ("foreign-backed", "didn't"), numbers, and single punctuation marks.
TOKEN_PATTERN = r"(?:[A-Za-z]\.){2,}|\w+(?:[-'\u2019]\w+)*|[^\w\s]"


@lru_cache(maxsize=1)
def _word_tokenizer():
    from nltk.tokenize import RegexpTokenizer

    return RegexpTokenizer(TOKEN_PATTERN)


def token_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Word-token spans of text[start:end] (nltk's RegexpTokenizer: no model data, exact
    offsets, and fast enough to run over whole corpora, unlike the Treebank tokenizer)."""
    end = len(text) if end is None else end
    return [(start + s, start + e) for s, e in _word_tokenizer().span_tokenize(text[start:end])]
