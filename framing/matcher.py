"""Multi-phrase matching in one linear pass (Aho-Corasick), whole words, case-insensitive.

Lexicon terms become plain strings: every spelling (hyphen, space, closed), every
inflected form. The automaton scans the text once however many terms there are, and a
term can never make it backtrack: a user's lexicon cannot slow the scan down.
"""

from __future__ import annotations

from itertools import product
from typing import Iterable

EXACT, WILD_LEFT, WILD_RIGHT = 0, 1, 2

_SPACES = "\t\n\r\x0b\x0c\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
# One character for another, so offsets never move. str.translate would do it in one call
# but crawls on text with any non-Latin-1 character (curly quotes, dashes); a `replace`
# for each character actually present is many times faster on real news.
_FOLD = tuple(
    [(ch, " ") for ch in _SPACES] + [("\u2010", "-"), ("\u2011", "-"), ("\u2012", "-"), ("\u2019", "'"), ("\u2018", "'")]
)


def normalize(text: str) -> str:
    """Lowercase with spaces, hyphens and apostrophes unified; keeps every offset."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lowercase to two ("İ")
        lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    for ch, replacement in _FOLD:
        if ch in lowered:
            lowered = lowered.replace(ch, replacement)
    return lowered


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
    if len(gaps) > 4:  # long phrases: as written, all-space and all-hyphen only
        return {phrase, " ".join(p for p in pieces if p), "-".join(p for p in pieces if p)}
    results = set()
    for choice in product(*gaps):
        results.add(pieces[0] + "".join(sep + piece for sep, piece in zip(choice, pieces[1:])))
    return {r for r in results if r.strip(" -")}


class PhraseMatcher:
    """Finds registered phrases as whole words; each phrase carries a payload."""

    def __init__(self) -> None:
        import ahocorasick

        self._automaton = ahocorasick.Automaton()
        self._built = False

    def add(self, phrase: str, payload: int) -> None:
        """Register a normalized phrase; '*-x' and 'x-*' are one-word wildcards."""
        kind = EXACT
        if phrase.startswith("*-"):
            phrase, kind = phrase[1:], WILD_LEFT
        elif phrase.endswith("-*"):
            phrase, kind = phrase[:-1], WILD_RIGHT
        if phrase not in self._automaton:  # first registration wins: deterministic
            self._automaton.add_word(phrase, (len(phrase), payload, kind))

    def __len__(self) -> int:
        return len(self._automaton)

    def build(self) -> None:
        if len(self._automaton):
            self._automaton.make_automaton()
        self._built = True

    def find(self, text: str, start: int = 0) -> list[tuple[int, int, int, int]]:
        """(start, end, payload, kind) for every whole-word occurrence, overlaps included."""
        if not self._built:
            self.build()
        if not len(self._automaton) or start >= len(text):
            return []
        folded = normalize(text)
        size = len(folded)
        hits = []
        append = hits.append
        for last, (length, payload, kind) in self._automaton.iter(folded, start):
            begin = last - length + 1
            end = last + 1
            if kind == EXACT:
                if begin and (folded[begin - 1].isalnum() or folded[begin - 1] == "_"):
                    continue
                if end < size and (folded[end].isalnum() or folded[end] == "_"):
                    continue
            elif kind == WILD_LEFT:  # "-backed": the word before the hyphen is the wildcard
                if end < size and folded[end].isalnum():
                    continue
                word_start = begin
                while word_start > start and (folded[word_start - 1].isalnum() or folded[word_start - 1] in ".'"):
                    word_start -= 1
                while word_start < begin and not folded[word_start].isalnum():
                    word_start += 1
                if word_start == begin:
                    continue
                begin = word_start
            else:  # "anti-": the word after the hyphen is the wildcard
                if begin and folded[begin - 1].isalnum():
                    continue
                word_end = end
                while word_end < size and folded[word_end].isalnum():
                    word_end += 1
                if word_end == end:
                    continue
                end = word_end
            append((begin, end, payload, kind))
        return hits


def build_matcher(phrases: Iterable[tuple[str, int]]) -> PhraseMatcher:
    matcher = PhraseMatcher()
    for phrase, payload in phrases:
        matcher.add(phrase, payload)
    matcher.build()
    return matcher
