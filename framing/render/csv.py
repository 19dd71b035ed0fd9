"""CSV: one row per finding, with the document it belongs to."""

from __future__ import annotations

import csv
from typing import Iterable, TextIO

from framing.pipeline import DocumentResult

COLUMNS = [
    "document", "source", "outlet", "rule", "category", "detector", "severity", "weight",
    "text", "start", "end", "line", "column", "sentence", "explanation", "suggestion", "context", "quoted",
    "probability", "features",
]


def write_csv(results: Iterable[DocumentResult], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for result in results:
        doc = result.document
        for finding in result.findings:
            row = finding.to_dict()
            row.update(document=doc.id, source=doc.source, outlet=doc.outlet)
            row["quoted"] = "true" if finding.quoted else "false"  # as in JSON
            if "features" in row:  # classifier findings: one cell, features separated by "; "
                row["features"] = "; ".join(row["features"])
            writer.writerow([row.get(column, "") for column in COLUMNS])
