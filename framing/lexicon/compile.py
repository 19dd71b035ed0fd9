"""Compiling entries: every surface string an entry (or its exceptions) matches, with its
spellings and inflections, ready for the matcher.

Results are remembered per spelling of an entry (term, variants, forms, inflection, spacing), and
the lexicon cache (framing.lexicon.cache) stores and restores them with the parsed lexicon.
"""

from __future__ import annotations

from typing import Iterable

from framing.inflect import inflections
from framing.lexicon.entries import Entry
from framing.matcher import normalize, spellings


_REMEMBERED: dict[tuple, frozenset[str]] = {}


def entry_key(entry: Entry) -> tuple:
    return ("entry", entry.term, entry.variants, entry.forms, entry.inflect, entry.spaced)


def exception_key(entry: Entry) -> tuple:
    return ("exceptions", entry.exceptions, entry.inflect, entry.spaced)


def remember(key: tuple, phrases: Iterable[str]) -> None:
    _REMEMBERED[key] = frozenset(phrases)


def forget() -> None:
    """Drop every remembered result (the next call computes again)."""
    _REMEMBERED.clear()


def _remembered(key: tuple, compute, entry: Entry) -> frozenset[str]:
    found = _REMEMBERED.get(key)
    if found is None:
        found = _REMEMBERED[key] = frozenset(compute(entry))
    return found


def entry_phrases(entry: Entry) -> frozenset[str]:
    """Every normalized surface string an entry matches."""
    return _remembered(entry_key(entry), _entry_phrases, entry)


def exception_phrases(entry: Entry) -> frozenset[str]:
    """Every normalized surface string of an entry's exceptions, inflected like the term."""
    return _remembered(exception_key(entry), _exception_phrases, entry) if entry.exceptions else frozenset()


def _entry_phrases(entry: Entry) -> set[str]:
    if entry.is_wildcard:
        return {normalize(entry.term)}
    phrases: set[str] = set()
    for base in (entry.term, *entry.variants):
        for form in inflected(base, entry.inflect):
            phrases |= spellings(form, entry.spaced)
    for form in entry.forms:
        phrases |= spellings(form, entry.spaced)
    return phrases


def _exception_phrases(entry: Entry) -> set[str]:
    phrases: set[str] = set()
    for exception in entry.exceptions:
        for form in inflected(exception, entry.inflect):
            phrases |= spellings(form, entry.spaced)
    return phrases


def inflected(base: str, mode: str) -> set[str]:
    """A phrase and the forms of its last word that `mode` (Entry.inflect) asks for. The last
    part of a hyphenated last word is inflected ("pro-regime" -> "pro-regimes")."""
    forms = {base}
    if mode != "none":
        head, _, last = base.rpartition(" ")
        stem_head, hyphen, stem = last.rpartition("-")
        for form in inflections(stem, plural_only=mode == "plural"):
            forms.add(f"{head} {stem_head}{hyphen}{form}".strip())
    return forms
