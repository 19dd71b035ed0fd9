"""Scare quotes: a short quoted span (1-3 words) the writer holds at arm's length.

Quotation marks also carry people's words, titles and nicknames, so a quoted span is a
scare quote only when it is short, reads as part of the writer's own sentence (no
closing punctuation inside, not introduced by a verb of saying or by "the word"),
and is not a Title-Case name. Quotes are paired within a paragraph, so one quote that
never closes cannot swallow the rest of the article.
"""

from __future__ import annotations

import re

from framing.document import Document
from framing.findings import Finding, locate
from framing.lexicon import Category

CATEGORY = Category(
    id="scare-quotes",
    name="Scare quotes",
    description="Short quoted words that signal the writer doubts or rejects the term.",
    severity="warning",
    weight=1.0,
    references=(
        "Predelli, S. (2003). Scare quotes and their relation to other semantic issues. Linguistics and Philosophy 26(1).",
        "Reuters Handbook of Journalism: avoid quotation marks that editorialise.",
    ),
)
EXPLANATION = (
    "Quotation marks around a single term, with no one quoted, tell readers the writer "
    "doubts the word without saying why or who disputes it."
)
SUGGESTION = "Remove the quotation marks, or attribute the term to whoever uses it ('what officials call ...')."

# A plain character set lets the regex engine skip ahead; the rest is decided per mark.
_MARKS = re.compile("[\"\u201c\u201d\u2018\u2019'\n]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")
_SPEECH_BEFORE = re.compile(
    r"(?:\b(?:said|says|say|saying|told|tells|asked|asks|wrote|writes|added|adds|stated|states|replied|"
    r"called|calls|calling|described|describes|termed|terms|labell?ed|labels|dubbed|named|word|words|term|"
    r"phrase|slogan|headline|title|titled|entitled|chanted|shouted|read|reading|tweeted|posted|"
    r"declared|announced|insisted|claimed|according to)\b[^.!?\n]{0,12}|[:,])\s*$",
    re.IGNORECASE,
)
_SPEECH_AFTER = re.compile(
    r"^\s*,?\s*(?:he|she|they|it|we|i|the \w+|\w+)?\s*(?:said|says|told|asked|added|wrote|replied)\b",
    re.IGNORECASE,
)
_MAX_WORDS = 3


def _pairs(text: str, start: int) -> list[tuple[int, int]]:
    """(open, close) positions of paired quotation marks, paragraph by paragraph.

    An apostrophe inside a word ("don't", "Varnia's") is no quotation mark; a closing
    single mark with no opener is a plural possessive ("the boys' team")."""
    pairs: list[tuple[int, int]] = []
    open_double = open_single = None
    size = len(text)
    for match in _MARKS.finditer(text, start):
        ch = match.group()
        pos = match.start()
        if ch == "\n":
            if _PARAGRAPH_BREAK.match(text, pos):
                open_double = open_single = None
        elif ch == "\u201c":
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
    return pairs


def is_scare_quote(text: str, open_at: int, close_at: int) -> bool:
    inner = text[open_at + 1 : close_at]
    words = inner.split()
    if not words or len(words) > _MAX_WORDS or inner != inner.strip():
        return False
    if inner[-1] in ".!?,;:" or not any(ch.isalpha() for ch in inner):
        return False
    if len(words) > 1 and all(w[0].isupper() for w in words if w[0].isalpha()):
        return False  # Title-Case: a name, title or nickname
    line_start = text.rfind("\n", 0, open_at) + 1
    before = text[max(line_start, open_at - 40) : open_at]
    if not before.strip():
        return False  # a quotation that opens the paragraph is speech
    if _SPEECH_BEFORE.search(before):
        return False
    after = text[close_at + 1 : close_at + 40]
    return not _SPEECH_AFTER.match(after)


class ScareQuoteDetector:
    name = "quotes"

    @property
    def categories(self) -> list[Category]:
        return [CATEGORY]

    def detect(self, document: Document) -> list[Finding]:
        text = document.text
        findings = []
        for open_at, close_at in _pairs(text, document.body_start):
            if is_scare_quote(text, open_at, close_at):
                findings.append(
                    locate(
                        document,
                        open_at,
                        close_at + 1,
                        rule="scare-quotes/quoted-term",
                        category=CATEGORY.id,
                        detector=self.name,
                        severity=CATEGORY.severity,
                        weight=CATEGORY.weight,
                        explanation=EXPLANATION,
                        suggestion=SUGGESTION,
                    )
                )
        return findings
