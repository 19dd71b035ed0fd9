"""Comparison across documents or outlets: category densities and the framing index.

Only numbers are kept per document, so comparing a large corpus needs no memory for
its findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from framing.pipeline import DocumentResult

BY = ("document", "outlet")


@dataclass
class Group:
    key: str
    outlet: str
    documents: int = 0
    words: int = 0
    weight: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, result: DocumentResult) -> None:
        self.documents += 1
        self.words += result.words
        self.weight += result.weight
        for cid, values in result.scores["categories"].items():
            self.counts[cid] = self.counts.get(cid, 0) + values["count"]

    def per_1000(self, count: float) -> float:
        return round(1000.0 * count / self.words, 3) if self.words else 0.0

    @property
    def framing_index(self) -> float:
        return self.per_1000(self.weight)


def group_results(results: Iterable[DocumentResult], by: str = "document") -> list[Group]:
    """Groups sorted by framing index, highest first (ties by key)."""
    groups: dict[str, Group] = {}
    for result in results:
        doc = result.document
        outlet = doc.outlet or "(unknown outlet)"
        key = doc.id if by == "document" else outlet
        group = groups.get(key)
        if group is None:
            group = groups[key] = Group(key=key, outlet=outlet)
        group.add(result)
    return sorted(groups.values(), key=lambda g: (-g.framing_index, g.key))


def comparison(groups: list[Group], by: str = "document") -> tuple[list[str], list[list]]:
    """Headers and rows: one density column per category that occurs, then the index."""
    categories = sorted({cid for g in groups for cid, n in g.counts.items() if n})
    if by == "document":
        headers = ["document", "outlet", "words"]
    else:
        headers = ["outlet", "documents", "words"]
    headers += categories + ["framing_index"]
    rows = []
    for g in groups:
        lead = [g.key, g.outlet, g.words] if by == "document" else [g.key, g.documents, g.words]
        rows.append(lead + [g.per_1000(g.counts.get(cid, 0)) for cid in categories] + [g.framing_index])
    return headers, rows
