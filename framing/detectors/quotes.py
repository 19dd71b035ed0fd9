"""Scare quotes: a short quoted span (1-3 words) the writer holds at arm's length.

One quoted word is a warning (`scare-quotes/quoted-term`); two or three are an info finding
(`scare-quotes/quoted-phrase`), being as often a name or slogan mentioned as a doubt. A quotation
followed by a word that names what it is ("the "red flag" law") is a name, not a scare quote.

Quotation marks also carry people's words, titles and nicknames, so a quoted span is a
scare quote only when it is short, has no closing punctuation inside, is not in Title
Case (a name or title), is not a mention ("the word 'x'"), and sits in a clause that
reports nobody's words: in news, a quoted fragment in a clause with "said",
"called", "according to" and the like is usually the source's wording. One or two
words quoted in such a clause are still singled out by the marks: an info finding of
their own (`scare-quotes/partial-quote`). Pairing the marks is framing.quotation's job.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from itertools import accumulate

from framing.document import Document
from framing.findings import locate
from framing.quotation import quote_pairs
from framing.report import Finding
from framing.reporting import reporting_words
from framing.rules.core import Category, category_rule

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
CATEGORIES = (CATEGORY,)
QUOTED_TERM = category_rule(CATEGORY, "quoted-term", "quotes", EXPLANATION, SUGGESTION, "Scare quotes", __name__)
# Two or three quoted words are as often a name, slogan or coinage being mentioned (the "wealth
# tax", an "America first" policy) as the writer's doubt, so they are a weaker sign than one word.
QUOTED_PHRASE = replace(
    category_rule(
        CATEGORY, "quoted-phrase", "quotes",
        "A short quoted phrase with no one quoted may hold the phrase at arm's length, or may only mention a "
        "name, slogan or coinage; unlike a single quoted word it is as often the second as the first.",
        "If the phrase is someone's coinage, say whose ('what the campaign calls ...'); if it is doubt, "
        "say what is doubtful about it.",
        "Scare-quoted phrase", __name__, weight=0.5,
    ),
    severity="info",
)
# One or two words quoted from a source inside a sentence that reports them: usually the
# source's wording, but the marks still single the words out, and a fragment lifted from a
# longer sentence lets the marks do the doubting ("he argued that the province "administers"
# the bank"). Wire style books advise against such fragments; this is a sign, not a verdict.
PARTIAL_QUOTE = replace(
    category_rule(
        CATEGORY, "partial-quote", "quotes",
        "One or two words quoted out of a source's sentence single those words out: readers may take the "
        "quotation marks as the writer's doubt rather than as a record of what was said.",
        "Quote the source's whole phrase, or report it in your own words without quotation marks.",
        "Partial quote", __name__, weight=0.25,
    ),
    severity="info",
)
RULES = (QUOTED_TERM, QUOTED_PHRASE, PARTIAL_QUOTE)

# A quotation in a clause that reports someone's words is their words, even when it is
# a fragment ("He called the plan "reckless" on Monday"), not the writer's distancing.
# The words come from framing/data/reporting.toml, shared with the attribution detector.
_REPORTING = reporting_words().quote_words
_REPORTING_BEFORE_TO = reporting_words().before_to  # "according to", "refers to"
_WORD = re.compile(r"\w+")


def _reports(clause: str) -> bool:
    """Whether a clause has a reporting word: a set lookup per word, many times faster than
    one regex of a hundred alternatives tried at every word."""
    # "so-called" is the writer's own distancing, not someone's words being reported.
    words = _WORD.findall(clause.lower().replace("so-called", " ").replace("so called", " "))
    if not _REPORTING.isdisjoint(words):
        return True
    return any(w in _REPORTING_BEFORE_TO and nxt == "to" for w, nxt in zip(words, words[1:]))


# Clause punctuation; a comma between digits is a thousands separator ("1,600 people"), not a break.
_CLAUSE_BREAK = re.compile(r"(?<!\d),|,(?!\d)|[;:()\u2013\u2014]|\s-\s")
# Mentions of a word rather than uses of it: the word "genocide", the slogan "no justice".
_MENTION = re.compile(r"\b(?:word|words|term|terms|phrase|slogan|label|headline|title|titled|entitled|marked)\s*$", re.IGNORECASE)
_MAX_WORDS = 3
# A quotation that names the kind of thing the next word is ("the "red flag" law", its "risk
# adjustment" programme) is the name of a law, policy or label, mentioned rather than doubted.
_NAMED = re.compile(
    r"\s+(?:laws?|bills?|acts?|programs?|programmes?|polic(?:y|ies)|provisions?|rules?|schemes?|initiatives?|"
    r"plans?|strateg(?:y|ies)|doctrines?|campaigns?|movements?|slogans?|mantras?|maxims?|mantles?|labels?|"
    r"clauses?|exemptions?|designations?|orders?|platforms?|agenda|movement|protests?|rallies|rally)\b",
    re.IGNORECASE,
)
# How far around a quotation its clause is read: sentences may run to 2,000 characters (a list
# without full stops), and reading all of one for each of its quotations would be quadratic.
_LOOK_BACK = 300


# What a short quotation is: no sign at all, a scare quote, or a fragment of someone's words.
NOT_FRAMING, SCARE_QUOTE, PARTIAL = 0, 1, 2
# At most this many words make a fragment of reported speech worth pointing at.
_PARTIAL_WORDS = 2


def is_scare_quote(document: Document, open_at: int, close_at: int) -> bool:
    """Whether the marks at open_at and close_at hold a scare quote rather than someone's words."""
    return quote_reading(document, open_at, close_at) == SCARE_QUOTE


def quote_reading(document: Document, open_at: int, close_at: int) -> int:
    """SCARE_QUOTE for a short quotation no one is said to have spoken, PARTIAL for one or two
    words quoted in a clause that reports someone's words, NOT_FRAMING for anything else (speech,
    names, titles, mentions)."""
    text = document.text
    if close_at - open_at < 2:
        return NOT_FRAMING
    last = text[close_at - 1]
    if last in ".!?,;:" or last.isspace() or text[open_at + 1].isspace():
        return NOT_FRAMING  # most quotations of speech stop here, before any slicing
    inner = text[open_at + 1 : close_at]
    words = inner.split(maxsplit=_MAX_WORDS)  # a long quotation is not split any further
    if len(words) > _MAX_WORDS or not any(ch.isalpha() for ch in inner):
        return NOT_FRAMING
    if words[0][0].isupper() and words[-1][0].isupper():
        return NOT_FRAMING  # Title Case: a name, title or nickname ("Glee", "Meet the Press", William "Mo" Cowan)
    line_start = text.rfind("\n", 0, open_at) + 1
    if not text[line_start:open_at].strip():
        return NOT_FRAMING  # a quotation that opens the paragraph is speech
    if _MENTION.search(text[max(line_start, open_at - 20) : open_at]):
        return NOT_FRAMING
    if _NAMED.match(text, close_at + 1):
        return NOT_FRAMING
    s_start, s_end = document.sentence_span(open_at)
    lead = text[max(s_start, open_at - _LOOK_BACK) : open_at]
    spoken = PARTIAL if len(words) <= _PARTIAL_WORDS else NOT_FRAMING
    if _reports_that(lead):
        return spoken  # reported speech ("Amnesty said that ... a "death trap""): the source's words
    before = lead[_after_last_break(lead) :]
    stop = min(s_end, close_at + 1 + _LOOK_BACK)
    following = _CLAUSE_BREAK.search(text, close_at + 1, stop)
    after = text[close_at + 1 : following.start() if following else stop]
    return spoken if _reports(before + " " + after) else SCARE_QUOTE


_BREAK_MARKS = ";:()\u2013\u2014"


def _after_last_break(clause: str) -> int:
    """Where the last clause of `clause` starts: one past its last _CLAUSE_BREAK. Found with
    rfind from the end (the break is usually near) instead of splitting the whole lead."""
    best = 0
    for mark in _BREAK_MARKS:
        at = clause.rfind(mark)
        if at >= best:
            best = at + 1
    size = len(clause)
    at = clause.rfind(",")
    while at >= best:
        # A comma between two digits is a thousands separator ("1,600"), not a break.
        if not (at and clause[at - 1].isdecimal() and at + 1 < size and clause[at + 1].isdecimal()):
            best = at + 1
            break
        at = clause.rfind(",", 0, at)
    at = clause.rfind("-")
    while at > best:  # " - ": a hyphen between whitespace
        if clause[at - 1].isspace() and at + 1 < size and clause[at + 1].isspace():
            best = at + 2
            break
        at = clause.rfind("-", 0, at)
    return best


def _reports_that(lead: str) -> bool:
    """Whether the sentence so far reports speech with "that" ("said that", "insisted that"): then
    what follows, quoted fragments included, is the source's account, whatever commas come between."""
    if " that" not in lead and "\nthat" not in lead:
        return False
    words = _WORD.findall(lead.lower())
    return any(word in _REPORTING and following == "that" for word, following in zip(words, words[1:]))


class ScareQuoteDetector:
    name = "quotes"

    @classmethod
    def build(cls, settings, lexicon) -> ScareQuoteDetector:
        return cls()

    @property
    def categories(self) -> list[Category]:
        return [CATEGORY]

    def detect(self, document: Document) -> list[Finding]:
        text = document.text
        findings = []
        pairs = quote_pairs(document)
        doubles = sorted((o, c) for o, c in pairs if text[o] in "\"\u201c")
        double_opens = [o for o, _ in doubles]
        reach = list(accumulate((c for _, c in doubles), max))  # the furthest close among the first k pairs
        for open_at, close_at in pairs:
            if text[open_at] not in "\"\u201c":
                before = bisect_left(double_opens, open_at)  # double quotations opened before this one
                if before and reach[before - 1] > close_at:
                    continue  # single quotes inside a quotation belong to the speaker
            reading = quote_reading(document, open_at, close_at)
            if reading:
                if reading == PARTIAL:
                    rule = PARTIAL_QUOTE
                else:
                    rule = QUOTED_TERM if len(text[open_at + 1 : close_at].split()) == 1 else QUOTED_PHRASE
                findings.append(
                    locate(
                        document,
                        open_at,
                        close_at + 1,
                        rule=rule.id,
                        category=rule.category,
                        detector=self.name,
                        severity=rule.severity,
                        weight=rule.weight,
                        explanation=rule.explanation,
                        suggestion=rule.suggestion,
                    )
                )
        return findings
