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
_PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n\s*")


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    raw = resources.files("framing").joinpath("data/abbreviations.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#")
    )


@lru_cache(maxsize=1)
def _sentence_end() -> re.Pattern:
    """A sentence end: terminal punctuation (plus closing quotes or brackets), whitespace,
    then anything but a lowercase letter; a period after an abbreviation or a single
    letter (an initial, or the end of "U.S.") does not count. All in one regex, so the
    engine checks abbreviations only where it finds a period."""
    by_length: dict[int, list[str]] = {}
    for word in sorted(abbreviations()):
        if "." not in word and len(word) > 1:
            by_length.setdefault(len(word), []).append(re.escape(word))
    # One lookbehind per word length: a lookbehind must have a fixed width.
    not_abbreviation = "".join(rf"(?<!\b(?:{'|'.join(words)})\.)" for _, words in sorted(by_length.items()))
    return re.compile(
        rf"[.!?\u2026](?i:(?<!\b[a-z]\.){not_abbreviation})[.!?\u2026{re.escape(_CLOSERS)}]*(\s+)(?=[^\sa-z])"
    )


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences in text[start:end], trimmed of whitespace."""
    end = len(text) if end is None else end
    breaks = [m.span(1) for m in _sentence_end().finditer(text, start, end)]  # (stop, resume)
    paragraphs = []
    for match in _PARAGRAPH.finditer(text, start, end):
        stop = match.start()
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        paragraphs.append((stop, match.end()))
    if paragraphs:
        breaks.extend(paragraphs)
        breaks.sort()
    while end > start and text[end - 1].isspace():
        end -= 1
    breaks.append((end, end))
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
    return spans

def word_count(text: str) -> int:
    """Whitespace-separated words, as `wc -w` and editors count them."""
    return len(text.split())


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
