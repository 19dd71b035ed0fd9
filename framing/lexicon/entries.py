"""Lexicon entries and the lexicon that holds them, as immutable records."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from framing.rules.core import SEVERITY_RANK, Category


@dataclass(frozen=True)
class Entry:
    id: str
    category: str
    term: str
    explanation: str
    suggestion: str
    severity: str
    weight: float
    variants: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    inflect: str = "all"  # terms.INFLECT_MODES: which inflected forms of the last word also match
    spaced: bool = True
    references: tuple[str, ...] = ()
    path: str = ""
    line: int = 0
    exceptions: tuple[str, ...] = ()  # longer phrases in which the term has an innocent sense
    unless_next: tuple[str, ...] = ()  # words (or "#", any number) that, right after a match, make it innocent
    unless_prev: tuple[str, ...] = ()  # words (or "#") that, right before a match, make it innocent
    custom: bool = False  # from a lexicon the user passed: wins over a default entry with the same words
    fix: str | None = None  # a safe replacement for `framing check --fix` ("" deletes the term)

    @property
    def rule(self) -> str:
        return f"{self.category}/{self.id}"

    @property
    def is_wildcard(self) -> bool:
        return "*" in self.term


@dataclass
class Lexicon:
    categories: dict[str, Category] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)

    def add(self, category: Category, entries: Iterable[Entry]) -> None:
        """Add a category's entries; a second file for a known category extends it."""
        self.categories.setdefault(category.id, category)
        self.entries.extend(entries)

    def select(self, categories: Iterable[str] | None = None, min_severity: str = "info") -> Lexicon:
        """The part of the lexicon in the given categories at or above a severity."""
        wanted = set(categories) if categories else set(self.categories)
        floor = SEVERITY_RANK[min_severity]
        return Lexicon(
            {cid: cat for cid, cat in self.categories.items() if cid in wanted},
            [e for e in self.entries if e.category in wanted and SEVERITY_RANK[e.severity] >= floor],
        )

    def entry(self, rule: str) -> Entry | None:
        for entry in self.entries:
            if entry.rule == rule:
                return entry
        return None
