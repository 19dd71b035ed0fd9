"""The agency detector's reader of the word after an auxiliary, against the pattern it stands for.

framing.detectors.agency reads the candidate participle after an auxiliary without its regex when
the first word cannot be an adverb; these tests check that it finds exactly what the regex finds."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from framing.detectors import agency


def regex_reading(text: str, at: int, stop: int):
    match = agency._data()["after_aux"].match(text, at, stop)
    return (match.group(1), match.end(1)) if match else None


PIECES = ["was", " ", "  ", "\n", "\u00a0", "not", "also", "badly", "ly", "killed", "Killed", "n't", "be", "been",
          "ban2", "é", "_", ",", ".", "-", "x", "sometimes", "Not", "plan", "'"]


@st.composite
def cases(draw):
    text = "".join(draw(st.lists(st.sampled_from(PIECES), max_size=14)))
    at = draw(st.integers(0, len(text)))
    return text, at, at + draw(st.integers(0, 20))


@settings(max_examples=600, derandomize=True, database=None)
@given(cases())
@example(("was killed", 3, 83))
@example(("was not killed", 3, 83))
@example(("was badly hurt", 3, 83))
@example(("was n't seen", 3, 83))
@example(("was killedX", 3, 83))
@example(("was kil", 3, 7))
def test_word_after_an_auxiliary_is_what_the_pattern_finds(case):
    text, at, stop = case
    data = agency._data()
    assert agency._word_after(text, at, stop, data["between"], data["after_aux"]) == regex_reading(text, at, stop)
