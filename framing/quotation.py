"""Quotation marks, paired: where a document quotes someone and where it only uses marks.

Pairing is shared by the scare-quote detector (short quoted terms in the writer's voice),
the attribution detector (direct quotes) and the analyzer (findings inside quoted speech
are the source's words). Quotes are paired within a paragraph, so one quote that never
closes cannot swallow the rest of the article.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from framing.document import Document

_MARKS = "\"\u201c\u201d\u2018\u2019'"
_AFTER_ANY = float("inf")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")


def pair_marks(text: str, start: int = 0) -> list[tuple[int, int]]:
    """(open, close) positions of paired quotation marks, paragraph by paragraph.

    An apostrophe inside a word ("don't", "Varnia's") is no quotation mark; a closing
    single mark with no opener is a plural possessive ("the boys' team")."""
    marks = []
    # A right single mark (U+2019) only ever closes a quotation that a left single mark or a
    # straight apostrophe opened, so the ones before the first of those (most of them: they are
    # apostrophes, "Varnia’s") need not be read at all.
    openers = [at for at in (text.find("\u2018", start), text.find("'", start)) if at != -1]
    for mark in _MARKS:  # str.find jumps between marks several times faster than a regex class
        if mark == "\u2019":
            if not openers:
                continue
            pos = text.find(mark, min(openers))
        else:
            pos = text.find(mark, start)
        while pos != -1:
            marks.append((pos, mark))
            pos = text.find(mark, pos + 1)
    marks.sort()
    if len(marks) < 2:
        return []
    pairs: list[tuple[int, int]] = []
    open_double = open_single = None
    size = len(text)
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text, start, marks[-1][0])]
    breaks.append(size)
    next_break = 0
    for pos, ch in marks:
        if pos > breaks[next_break]:  # a new paragraph: nothing stays open across it
            open_double = open_single = None
            while pos > breaks[next_break]:
                next_break += 1
        if ch == "\u201c":
            open_double = pos
        elif ch == "\u201d":
            if open_double is not None:
                pairs.append((open_double, pos))
            open_double = None
        elif ch == '"':
            if open_double is None:
                open_double = pos
            else:
                pairs.append((open_double, pos))
                open_double = None
        else:
            before_word = pos > 0 and text[pos - 1].isalnum()
            after_word = pos + 1 < size and text[pos + 1].isalnum()
            if before_word and after_word:
                continue  # an apostrophe inside a word
            if ch == "\u2018" or (ch == "'" and after_word and not before_word):
                open_single = pos
            elif open_single is not None and not after_word:
                pairs.append((open_single, pos))
                open_single = None
    pairs.sort()
    return pairs



def quote_pairs(document: Document) -> list[tuple[int, int]]:
    """(open, close) positions of the document's paired quotation marks, computed once."""
    return document.derived("quote-pairs", lambda doc: pair_marks(doc.text, doc.body_start))


def _speech(document: Document) -> list[tuple[int, int]]:
    text = document.text
    spans = []
    for open_at, close_at in quote_pairs(document):
        last = text[close_at - 1] if close_at - open_at > 1 else ""
        if last and last in ".!?,;:":  # speech ending in punctuation: the common case, no slicing
            is_speech = True
        else:
            inner = text[open_at + 1 : close_at]
            words = inner.split(maxsplit=3)
            is_speech = len(words) > 3 or (words and inner.rstrip()[-1:] in ".!?,;:")
        if is_speech:
            if spans and spans[-1][1] > open_at:
                continue  # a quotation inside a quotation
            spans.append((open_at, close_at + 1))
    return spans


def speech_spans(document: Document) -> list[tuple[int, int]]:
    """Spans (marks included) of direct quotations of speech: more than three words, or
    ending in punctuation. Shorter quoted terms are fragments or scare quotes."""
    return document.derived("speech-spans", _speech)


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies within one of the sorted, non-overlapping spans."""
    index = bisect_right(spans, (start, _AFTER_ANY)) - 1
    return index >= 0 and spans[index][0] <= start and end <= spans[index][1]
