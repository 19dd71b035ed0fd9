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


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences in text[start:end], trimmed of whitespace.
    Paragraph breaks end a sentence too, so a headline without a full stop stays apart."""
    end = len(text) if end is None else end
    breaks = []  # (stop, resume) pairs
    sources = 0  # how many passes added breaks: more than one, and they must be sorted
    for mark, pattern in _sentence_ends().items():
        if text.find(mark, start, end) != -1:
            breaks += [match.span(1) for match in pattern.finditer(text, start, end)]
            sources += 1
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
