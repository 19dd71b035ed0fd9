"""Compiling entries: every surface string an entry (or its exceptions) matches, with its
spellings and inflections, ready for the matcher."""

from __future__ import annotations

from framing.inflect import inflections
from framing.lexicon.entries import Entry
from framing.matcher import normalize, spellings


def entry_phrases(entry: Entry) -> set[str]:
    """Every normalized surface string an entry matches."""
    if entry.is_wildcard:
        return {normalize(entry.term)}
    phrases: set[str] = set()
    for base in (entry.term, *entry.variants):
        for form in inflected(base, entry.inflect):
            phrases |= spellings(form, entry.spaced)
    for form in entry.forms:
        phrases |= spellings(form, entry.spaced)
    return phrases


def exception_phrases(entry: Entry) -> set[str]:
    """Every normalized surface string of an entry's exceptions, inflected like the term."""
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
