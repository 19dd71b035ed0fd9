"""The actor-naming table: concept sets down, documents or outlets across, the words chosen
in the cells ("regime (-) 3, government 1"), so one outlet's "rioters" stands beside
another's "protesters"."""

from __future__ import annotations

import csv
import io
import json
from pathlib import PurePath
from typing import Iterable

from framing.detectors.actors import ActorNamingDetector
from framing.document import Document
from framing.errors import FramingError
from framing.render.compare import TABLE_ALIASES

MARK = {"negative": " (-)", "positive": " (+)", "neutral": ""}


def actor_counts(
    detector: ActorNamingDetector, documents: Iterable[Document], by: str = "document"
) -> tuple[list[str], dict[str, dict[str, dict[str, int]]]]:
    """Column keys in first-seen order, and {concept: {column: {term: count}}}."""
    columns: list[str] = []
    table: dict[str, dict[str, dict[str, int]]] = {}
    for document in documents:
        key = document.id if by == "document" else (document.outlet or "(unknown outlet)")
        if key not in columns:
            columns.append(key)
        for concept, members in detector.counts(document).items():
            cell = table.setdefault(concept, {}).setdefault(key, {})
            for term, count in members.items():
                cell[term] = cell.get(term, 0) + count
    return columns, table


def render_actors(
    detector: ActorNamingDetector,
    documents: Iterable[Document],
    by: str = "document",
    fmt: str = "table",
    concepts: list[str] | None = None,
) -> str:
    known = {c.id: c for c in detector.concepts}
    if concepts:
        unknown = sorted(set(concepts) - set(known))
        if unknown:
            raise FramingError(f"unknown concept set {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    columns, table = actor_counts(detector, documents, by)
    order = [c.id for c in detector.concepts if c.id in table and (not concepts or c.id in concepts)]
    if fmt == "json":
        data = {
            "by": by,
            "columns": columns,
            "concepts": {
                cid: {
                    "name": known[cid].name,
                    "members": {m.term: m.connotation for m in known[cid].members},
                    "counts": {col: table[cid].get(col, {}) for col in columns},
                }
                for cid in order
            },
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["concept", by, "term", "connotation", "count"])
        for cid in order:
            for col in columns:
                for term, count in sorted(table[cid].get(col, {}).items(), key=lambda kv: (-kv[1], kv[0])):
                    writer.writerow([cid, col, term, known[cid].member(term).connotation, count])
        return buffer.getvalue()

    from tabulate import tabulate

    def cell(cid: str, col: str) -> str:
        counts = table[cid].get(col, {})
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return ", ".join(f"{term}{MARK[known[cid].member(term).connotation]} {count}" for term, count in ranked)

    def label(col: str) -> str:
        return PurePath(col).stem if by == "document" and ("/" in col or "\\" in col) else col

    rows = [[cid] + [cell(cid, col) for col in columns] for cid in order]
    tablefmt = TABLE_ALIASES.get(fmt, fmt)
    return tabulate(rows, headers=["concept"] + [label(c) for c in columns], tablefmt=tablefmt,
                    maxcolwidths=[None] + [28] * len(columns) if tablefmt in ("simple", "grid", "plain") else None) + "\n"
