"""Comparison across documents or outlets: category densities and the framing index.

Only numbers are kept per document, so comparing a large corpus needs no memory for
its findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from framing.actors import UNKNOWN_OUTLET
from framing.detectors import SECTION_COLUMNS
from framing.report import Comparison, DocumentResult

BY = ("document", "outlet")


@dataclass
class Group:
    key: str
    outlet: str
    documents: int = 0
    words: int = 0
    weight: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)
    sums: dict[str, float] = field(default_factory=dict)

    def add(self, result: DocumentResult) -> None:
        self.documents += 1
        self.words += result.words
        self.weight += result.weight
        for cid, values in result.scores["categories"].items():
            self.counts[cid] = self.counts.get(cid, 0) + values["count"]
        for section, values in result.scores.items():
            if section in SECTION_COLUMNS and isinstance(values, dict):
                for key, value in values.items():
                    if isinstance(value, (int, float)) and not isinstance(value, bool):
                        name = f"{section}.{key}"
                        self.sums[name] = self.sums.get(name, 0.0) + value

    def ratio(self, numerator: str, denominator: str, scale: float) -> float:
        below = {"documents": self.documents, "words": self.words}.get(denominator)
        if below is None:
            below = self.sums.get(denominator, 0.0)
        return round(scale * self.sums.get(numerator, 0.0) / below, 3) if below else 0.0

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
        outlet = doc.outlet or UNKNOWN_OUTLET
        key = doc.id if by == "document" else outlet
        group = groups.get(key)
        if group is None:
            group = groups[key] = Group(key=key, outlet=outlet)
        group.add(result)
    return sorted(groups.values(), key=lambda g: (-g.framing_index, g.key))


def comparison(groups: list[Group], by: str = "document", sections: list[str] = ()) -> tuple[list[str], list[list]]:
    """Headers and rows: one density column per category that occurs, the index, then the
    measure columns of the sections asked for."""
    categories = sorted({cid for g in groups for cid, n in g.counts.items() if n})
    if by == "document":
        headers = ["document", "outlet", "words"]
    else:
        headers = ["outlet", "documents", "words"]
    extra = [column for section in sections for column in SECTION_COLUMNS[section]]
    headers += categories + ["framing_index"] + [column.name for column in extra]
    rows = []
    for g in groups:
        lead = [g.key, g.outlet, g.words] if by == "document" else [g.key, g.documents, g.words]
        rows.append(
            lead
            + [g.per_1000(g.counts.get(cid, 0)) for cid in categories]
            + [g.framing_index]
            + [g.ratio(c.numerator, c.denominator, c.scale) for c in extra]
        )
    return headers, rows


def compare(results: Iterable[DocumentResult], by: str = "document", sections: list[str] = ()) -> Comparison:
    """The comparison table of documents or outlets, highest framing index first."""
    headers, rows = comparison(group_results(results, by), by, sections)
    return Comparison(by, headers, rows)
