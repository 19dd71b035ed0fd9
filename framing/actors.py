"""The actor-naming table: which word each document or outlet uses for each concept set
("regime" or "government", "rioters" or "protesters"), counted per column."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from framing.errors import FramingError
from framing.report import ActorConcept, ActorTable

if TYPE_CHECKING:
    from framing.detectors.actors import ActorNamingDetector
    from framing.document import Document

UNKNOWN_OUTLET = "(unknown outlet)"
BY = ("document", "outlet")  # the columns of an actor table


def actor_table(
    detector: ActorNamingDetector, documents: Iterable[Document], by: str = "document",
    concepts: list[str] | None = None,
) -> ActorTable:
    """Columns (documents or outlets) in first-seen order; concept sets in file order, those
    used at all, or only `concepts` when given (an unknown id is an error)."""
    known = {c.id: c for c in detector.concepts}
    if concepts:
        unknown = sorted(set(concepts) - set(known))
        if unknown:
            raise FramingError(f"unknown concept set {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    columns: list[str] = []
    table: dict[str, dict[str, dict[str, int]]] = {}
    for document in documents:
        key = document.id if by == "document" else (document.outlet or UNKNOWN_OUTLET)
        if key not in columns:
            columns.append(key)
        for concept, members in detector.counts(document).items():
            cell = table.setdefault(concept, {}).setdefault(key, {})
            for term, count in members.items():
                cell[term] = cell.get(term, 0) + count
    rows = [
        ActorConcept(
            id=c.id, name=c.name, members={m.term: m.connotation for m in c.members},
            counts={col: table[c.id].get(col, {}) for col in columns},
        )
        for c in detector.concepts
        if c.id in table and (not concepts or c.id in concepts)
    ]
    return ActorTable(by, columns, rows)
