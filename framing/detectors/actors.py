"""Actor naming: which member of each concept set a document uses, and how often.

No findings of its own (loaded labels are the lexicon's job); the counts go into the
document's scores, and `framing actors` lays them side by side per document or outlet.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from framing.detectors.lexicon import LexiconDetector
from framing.document import Document
from framing.lexicon import Concept, as_lexicon, load_concepts
from framing.report import Finding
from framing.rules.core import Category


class ActorNamingDetector:
    name = "actors"
    section = "actors"

    def __init__(self, concepts: list[Concept]):
        self.concepts = concepts
        self._matcher = LexiconDetector(as_lexicon(concepts))

    @classmethod
    def build(cls, settings, lexicon) -> ActorNamingDetector:
        return cls.from_files([Path(p) for p in settings.actors], include_defaults=settings.default_lexicons)

    @classmethod
    def from_files(cls, paths: Iterable[Path] = (), include_defaults: bool = True) -> ActorNamingDetector:
        return cls(load_concepts(paths, include_defaults))

    @property
    def categories(self) -> list[Category]:
        return []

    def detect(self, document: Document) -> list[Finding]:
        return []

    def phrase_matchers(self) -> list:
        return self._matcher.phrase_matchers()

    def counts(self, document: Document) -> dict[str, dict[str, int]]:
        """{concept id: {member term: count}} for the concept sets the document uses."""
        counts: dict[str, dict[str, int]] = {}
        for _, _, entry in self._matcher.matches_in(document):
            members = counts.setdefault(entry.category, {})
            members[entry.term] = members.get(entry.term, 0) + 1
        return {cid: dict(sorted(members.items())) for cid, members in sorted(counts.items())}

    def summarize(self, document: Document, findings: list[Finding]) -> dict:
        return self.counts(document)
