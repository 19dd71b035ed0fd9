"""The attribution detector's subject reader against its definition.

framing.detectors.attribution reads a reporting verb's subject back from the verb, word by word,
without splitting the whole clause. These tests check it against the reading it is defined by:
the clause after the last punctuation mark (framing.detectors.attribution._PUNCTUATION, each " - "
counted), cut into
the words _WORD finds from the left, the trailing fillers dropped, then up to six words back to a
clause word, without leading possessives."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from framing.detectors import attribution as a


BREAK = re.compile(r"[,;:!?()\u2013\u2014\"\u201c\u201d]|(?<=\s)-(?=\s)")


def reference(text: str, start: int, stop: int) -> tuple[int, int]:
    start = max(start, stop - a._LOOK_BACK)
    window = text[start:stop]
    if " who " in window or " which " in window or " that " in window:
        tail = a._RELATIVE_TAIL.search(text, start, stop)
        if tail:
            stop = tail.start()
            window = text[start:stop]
    # _PUNCTUATION's marks, and a hyphen between whitespace (the clause starts after the space after it).
    breaks = [m.end() + (m.group() == "-") for m in BREAK.finditer(window)]
    piece = window[max(breaks, default=0):]
    base = stop - len(piece)
    words = list(a._WORD.finditer(piece))
    lows = [w.group().lower() for w in words]
    last = len(words)
    while last and (lows[last - 1] in a._FILLER or lows[last - 1].endswith("ly")):
        last -= 1
    first = last
    while first and lows[first - 1] not in a._STOP and last - first < a._MAX_SOURCE_WORDS:
        first -= 1
    while first < last and lows[first] in a._POSSESSIVES:
        first += 1
    if first == last or lows[last - 1] in a._NOT_SUBJECT_END:
        return stop, stop
    return base + words[first].start(), base + words[last - 1].end()


WORDS = ["the", "minister", "Ms.", "Oran", "officials", "also", "flatly", "who", "asked", "not", "to", "be",
         "named", "its", "that", "U.N.", "don't", "--", "-", "'s", "state-run", "of", "said", "Ḁlpha", "x_y", "42"]
GLUE = [" ", " ", " ", ", ", " - ", "; ", "\u2014", "\u201c", "\u201d", "'", ". ", "\n", "(", "\u2019", "--", " . "]


@st.composite
def clauses(draw):
    parts = []
    for _ in range(draw(st.integers(0, 18))):
        parts.append(draw(st.sampled_from(WORDS)))
        parts.append(draw(st.sampled_from(GLUE)))
    text = "".join(parts) + draw(st.text(alphabet="ab .-'\u2019_,", max_size=6))
    stop = draw(st.integers(0, len(text)))
    start = draw(st.integers(0, stop))
    return text, start, stop


@settings(max_examples=400, derandomize=True, database=None)
@given(clauses())
@example(("Officials who asked not to be named said", 0, 35))
@example(("the -- said", 0, 7))
@example((" -- ' . ", 0, 8))
@example(("He said - the minister also", 0, 27))
@example(("a - - b c", 0, 9))
def test_subject_reader_matches_its_definition(case):
    text, start, stop = case
    assert a._subject_before(text, start, stop) == reference(text, start, stop)


def test_subject_reader_on_plain_sentences():
    text = "Officials who asked not to be named said the plan would fail."
    assert text[slice(*a._subject_before(text, 0, text.index(" said")))] == "Officials"
    text = "Its chief executive also said"
    assert text[slice(*a._subject_before(text, 0, text.index(" said")))] == "chief executive"
    text = "He said that"  # the clause word stops the subject
    assert a._subject_before(text, 0, 12) == (12, 12)


@settings(max_examples=300, derandomize=True, database=None)
@given(st.text(alphabet="Os'\u2019.,x", max_size=8))
@example("U.S.'s")
@example("''s")
def test_source_words_lose_the_suffix_the_pattern_names(word):
    assert a._without_trail(word) == a._POSSESSIVE_OR_STOP.sub("", word)


def test_capital_runs_name_the_source():
    assert a._capital_runs("Ms. Oran's office", False) == [["Ms", "Oran"]]
    assert a._capital_runs("Officials in Kyiv", True) == [["Kyiv"]]
