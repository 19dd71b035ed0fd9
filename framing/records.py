"""One document's result as a flat record of numbers: the row that `batch` writes and that the
comparison statistics read back.

A record has the document's identity (`IDENTITY`), then its measures under stable names:
`words`, `sentences`, `weight`, `framing_index`, `<category>.count` and `<category>.per_1000_words`
for every category the analyzer can report, and `<section>.<measure>` for every number a
detector's section carries (`tone.mean`, `attribution.anonymous_share`, `classifier.biased_share`).
The measure names depend only on the analyzer, never on the document, so every row of a corpus
has the same columns.
"""

from __future__ import annotations

from typing import Any

from framing.document import Document
from framing.report import DocumentResult

IDENTITY = ("id", "source", "title", "outlet", "date", "url")
TOTALS = ("words", "sentences", "weight", "framing_index")


def _section_numbers(scores: dict) -> dict[str, float]:
    numbers = {}
    for section, values in scores.items():
        if isinstance(values, dict) and section != "categories":
            for key, value in values.items():
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    numbers[f"{section}.{key}"] = value
    return numbers


def measures(analyzer) -> list[str]:
    """The measure names of this analyzer's records, in the order records carry them."""
    return measures_of(analyzer.analyze(Document(id="", text="")))


def measures_of(result: DocumentResult) -> list[str]:
    """The measure names of records made from this result's analyzer, read off one of its
    results (every result of an analyzer carries all its categories and section numbers)."""
    names = list(TOTALS)
    for cid in sorted(result.scores.get("categories", {})):
        names += [f"{cid}.count", f"{cid}.per_1000_words"]
    names += sorted(_section_numbers(result.scores))
    return names


def record(result: DocumentResult, names: list[str]) -> dict[str, Any]:
    """The flat record of one result: identity fields, `metadata` (the document's other fields,
    as read), then the measures `names` (from `measures`), 0 where the document has none."""
    doc = result.document
    row: dict[str, Any] = {key: getattr(doc, key) for key in IDENTITY}
    row["metadata"] = dict(doc.metadata)
    scores = result.scores
    values: dict[str, Any] = {
        "words": result.words, "sentences": result.sentences,
        "weight": round(result.weight, 6), "framing_index": scores.get("framing_index", 0.0),
    }
    for cid, category in scores.get("categories", {}).items():
        values[f"{cid}.count"] = category.get("count", 0)
        values[f"{cid}.per_1000_words"] = category.get("per_1000_words", 0.0)
    values.update(_section_numbers(scores))
    for name in names:
        row[name] = values.get(name, 0)
    return row
