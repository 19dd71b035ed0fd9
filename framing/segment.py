"""Sentence and token segmentation that needs no downloaded model data.

Sentences: nltk's untrained Punkt with an abbreviation list decides a period ends a
sentence unless the word before it is a known abbreviation or an initial. That rule is
applied here in one regex pass because Punkt's per-candidate Python work runs at about
2.5 MB/s, slower than everything else in a lexicon run put together; the test suite
checks that both give the same sentences. Paragraph breaks always end a sentence, so a
headline without a full stop stays on its own.

Tokens: nltk's Treebank-style tokenizer, computed only when a detector asks for them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

_CANDIDATE = re.compile(r"[.!?\u2026]+[\"'\u2019\u201d)\]]*(?=\s)|\n[ \t\r\f\v]*\n\s*")
_NEXT_CHAR = re.compile(r"\s*[\"'\u2018\u201c(\[]*(\S)?")
_WORD_BEFORE = re.compile(r"(\S+)$")


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    raw = resources.files("framing").joinpath("data/abbreviations.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#")
    )


def _is_abbreviation(text: str, period: int, abbrevs: frozenset[str]) -> bool:
    """True when the period at `period` closes an abbreviation or an initial."""
    begin = period
    while begin > 0 and not text[begin - 1].isspace():
        begin -= 1
    word = text[begin:period].lstrip("\"'\u2018\u201c([").lower()
    if not word:
        return False
    if word in abbrevs:
        return True
    # Initials ("John F. Kennedy") and dotted initialisms not on the list ("N.A.T.O.").
    if len(word) == 1 and word.isalpha():
        return True
    return "." in word and all(len(part) <= 2 for part in word.split("."))


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences in text[start:end], trimmed of whitespace."""
    end = len(text) if end is None else end
    abbrevs = abbreviations()
    spans: list[tuple[int, int]] = []
    begin = start
    for match in _CANDIDATE.finditer(text, start, end):
        boundary_text = match.group()
        if boundary_text[0] in ".!?\u2026":
            following = _NEXT_CHAR.match(text, match.end(), end)
            nxt = following.group(1) if following else None
            if nxt is not None and nxt.islower():
                continue
            if boundary_text.rstrip("\"'\u2019\u201d)]") == "." and _is_abbreviation(
                text, match.start(), abbrevs
            ):
                continue
            stop = match.end()
        else:
            stop = match.start()
        _append_trimmed(text, begin, stop, spans)
        begin = match.end()
    _append_trimmed(text, begin, end, spans)
    return spans


def _append_trimmed(text: str, begin: int, stop: int, spans: list[tuple[int, int]]) -> None:
    while begin < stop and text[begin].isspace():
        begin += 1
    while stop > begin and text[stop - 1].isspace():
        stop -= 1
    if stop > begin:
        spans.append((begin, stop))


def word_count(text: str) -> int:
    """Whitespace-separated words, as `wc -w` and editors count them."""
    return len(text.split())


@lru_cache(maxsize=1)
def _word_tokenizer():
    from nltk.tokenize import TreebankWordTokenizer

    return TreebankWordTokenizer()


def token_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Word-token spans (Treebank conventions) of text[start:end]."""
    end = len(text) if end is None else end
    tokenizer = _word_tokenizer()
    spans = []
    for s_start, s_end in sentence_spans(text, start, end):
        piece = text[s_start:s_end]
        try:
            for t_start, t_end in tokenizer.span_tokenize(piece):
                spans.append((s_start + t_start, s_start + t_end))
        except ValueError:
            # Treebank alignment fails on some quote characters; fall back to a plain split.
            for m in re.finditer(r"\w+|[^\w\s]", piece):
                spans.append((s_start + m.start(), s_start + m.end()))
    return spans
