"""Per-sentence probabilities of biased language, as a table, JSON, JSONL or CSV."""

from __future__ import annotations

import csv
from typing import Iterable, TextIO

import orjson

from framing.detectors.classifier import ClassifierDetector
from framing.document import Document
from framing.pipeline import BATCH, batched

COLUMNS = ["document", "sentence", "start", "end", "line", "column", "probability", "biased", "text", "features"]


def sentence_rows(detector: ClassifierDetector, documents: Iterable[Document]) -> Iterable[dict]:
    for group in batched(documents, BATCH):
        detector.prepare(group)
        yield from _rows(detector, group)


def _rows(detector: ClassifierDetector, documents: list[Document]) -> Iterable[dict]:
    for document in documents:
        probabilities = detector.scores(document)
        spans = document.sentence_spans
        explained = detector.features(document)
        for index, probability in enumerate(probabilities):
            start, end = spans[index]
            line, column = document.line_col(start)
            yield {
                "document": document.id, "sentence": index, "start": start, "end": end, "line": line,
                "column": column, "probability": round(probability, 4), "biased": index in explained,
                "text": " ".join(document.text[start:end].split()), "features": explained.get(index, []),
            }


def write_classification(rows: Iterable[dict], out: TextIO, fmt: str = "table") -> None:
    if fmt == "jsonl":
        sink = getattr(out, "buffer", out)
        out.flush()
        for row in rows:
            sink.write(orjson.dumps(row) + b"\n")
        sink.flush()
    elif fmt == "json":
        sink = getattr(out, "buffer", out)
        out.flush()
        sink.write(orjson.dumps({"schema": "framing/classification@1", "sentences": list(rows)},
                                option=orjson.OPT_INDENT_2) + b"\n")
        sink.flush()
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow([row[c] if c != "features" else "; ".join(row[c]) for c in COLUMNS])
    else:
        from tabulate import tabulate

        table = []
        for row in rows:
            text = row["text"] if len(row["text"]) <= 90 else row["text"][:89] + "…"
            table.append([row["document"].rsplit("/", 1)[-1], f"{row['line']}:{row['column']}",
                          f"{row['probability']:.2f}", "biased" if row["biased"] else "", text])
        out.write(tabulate(table, headers=["document", "line:col", "p(biased)", "", "sentence"],
                           disable_numparse=True) + "\n")
