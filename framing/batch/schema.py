"""The columns of a batch output: one schema for every part of a run, in every format.

A row is the record of framing.records (identity, then the measures under their stable names)
with three changes for a table that has to be the same for every row and every part:
- `source` is `path:LINE` (JSONL, CSV) or `path#ROW` (Parquet, from 1), as the readers give it;
- `metadata` is JSON text: the row's other fields as read (their keys vary from row to row, and a
  column per key would give each part its own schema);
- `error` is null for a scored row; for a row that could not be read it says why, with the file
  and line or row, and its measures are null.
With `--findings`, a `findings` column follows: the findings (Finding.to_dict) as a list of
structs in Parquet and a JSON list in JSONL (JSON text in CSV).

Counts (`words`, `sentences`, `<category>.count`, a section's counts) are integers; every other
measure is a float.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson

from framing.records import IDENTITY

HEAD = (*IDENTITY, "metadata", "error")
FINDING_FIELDS = (
    ("rule", "string"), ("category", "string"), ("detector", "string"), ("text", "string"), ("start", "int64"),
    ("end", "int64"), ("line", "int64"), ("column", "int64"), ("sentence", "int64"), ("severity", "string"),
    ("weight", "float64"), ("explanation", "string"), ("suggestion", "string"), ("context", "string"),
    ("quoted", "bool"), ("probability", "float64"), ("features", "list<string>"),
)


def _dumps(value: Any) -> str:
    return orjson.dumps(value, default=str).decode("utf-8")


@dataclass(frozen=True)
class Columns:
    """The columns of one run: the measure names of its analyzer, with their types."""

    measures: tuple[str, ...]
    integers: frozenset[str]
    findings: bool = False

    @classmethod
    def of(cls, analyzer, findings: bool = False) -> Columns:
        from framing.document import Document
        from framing.records import measures, record

        names = measures(analyzer)
        empty = record(analyzer.analyze(Document(id="", text="")), names)
        integers = frozenset(n for n in names if n != "weight" and type(empty[n]) is int)
        return cls(tuple(names), integers, findings)

    @property
    def names(self) -> list[str]:
        return [*HEAD, *self.measures, *(("findings",) if self.findings else ())]

    def row(self, result, names: list[str]) -> dict[str, Any]:
        """The output row of a scored document (a DocumentResult)."""
        from framing.records import record

        row = record(result, names)
        metadata = row.pop("metadata")
        out = {key: row[key] for key in IDENTITY}
        out["metadata"] = _dumps(metadata) if metadata else None
        out["error"] = None
        integers = self.integers
        for name in self.measures:
            value = row[name]
            out[name] = int(value) if name in integers else float(value)
        if self.findings:
            out["findings"] = [_finding(f) for f in result.findings]
        return out

    def error_row(self, error) -> dict[str, Any]:
        """The output row of an input that could not be read (an InputError)."""
        where = error.path if error.path is None or not error.line else f"{error.path}:{error.line}"
        out: dict[str, Any] = dict.fromkeys(self.names)
        out["source"] = where
        out["error"] = str(error)
        if self.findings:
            out["findings"] = []
        return out

    def arrow_schema(self):
        import pyarrow as pa

        types = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(), "bool": pa.bool_(),
                 "list<string>": pa.list_(pa.string())}
        columns = [pa.field(name, pa.string()) for name in HEAD]
        columns += [pa.field(n, pa.int64() if n in self.integers else pa.float64()) for n in self.measures]
        if self.findings:
            finding = pa.struct([pa.field(name, types[kind]) for name, kind in FINDING_FIELDS])
            columns.append(pa.field("findings", pa.list_(finding)))
        return pa.schema(columns)


def _finding(finding) -> dict[str, Any]:
    data = finding.to_dict()
    data.setdefault("probability", None)
    data.setdefault("features", None)
    return data
