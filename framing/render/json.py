"""JSON: one document per run, written as it is produced (an analysis is streamed)."""

from __future__ import annotations

import io
import json
from typing import BinaryIO, Iterable, TextIO

import orjson

from framing.report import CLASSIFICATION_SCHEMA, ActorTable, CheckReport, ComparisonResult, EventTable, Report, SentenceScore


class _Decoding:
    """A text stream with no bytes under it (io.StringIO) taking orjson's bytes."""

    def __init__(self, out: TextIO):
        self.out = out

    def write(self, data: bytes) -> None:
        self.out.write(data.decode("utf-8"))

    def flush(self) -> None:
        self.out.flush()


def binary(out: TextIO | BinaryIO) -> BinaryIO:
    """The byte stream under a text stream (flushed first), where orjson writes."""
    if hasattr(out, "flush"):
        out.flush()
    if hasattr(out, "buffer"):
        return out.buffer
    if isinstance(out, io.TextIOBase):
        return _Decoding(out)
    return out


def analysis(report: Report, out: TextIO | BinaryIO) -> None:
    """{"schema", "framing_version", "documents": [...]}, written without holding all documents."""
    sink = binary(out)
    sink.write(b'{\n  "schema": ' + orjson.dumps(report.schema) + b',\n  "framing_version": ' + orjson.dumps(report.version))
    sink.write(b',\n  "documents": [')
    first = True
    for result in report.results:
        body = orjson.dumps(result.to_dict(plain=False), option=orjson.OPT_INDENT_2)
        sink.write((b"\n" if first else b",\n") + b"\n".join(b"    " + line for line in body.split(b"\n")))
        first = False
    sink.write(b"]\n}\n" if first else b"\n  ]\n}\n")
    sink.flush()


def comparison(result: ComparisonResult, out: TextIO) -> None:
    """The `framing/comparison@2` document."""
    out.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")


def actors(table: ActorTable, out: TextIO) -> None:
    data = {
        "by": table.by,
        "columns": table.columns,
        "concepts": {c.id: {"name": c.name, "members": c.members, "counts": c.counts} for c in table.concepts},
    }
    out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def sentences(scores: Iterable[SentenceScore], out: TextIO) -> None:
    sink = binary(out)
    sink.write(orjson.dumps({"schema": CLASSIFICATION_SCHEMA, "sentences": [s.to_dict() for s in scores]},
                            option=orjson.OPT_INDENT_2) + b"\n")
    sink.flush()


def evaluation(report: dict, out: TextIO) -> None:
    out.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")


def check(report: CheckReport, out: TextIO) -> None:
    """`framing check`: every finding (suppressed ones with the reason), the baseline entries no
    longer found and the inputs that could not be read, indented, UTF-8."""
    data = {
        "schema": report.schema,
        "framing_version": report.version,
        "root": report.root,
        "files": report.files,
        "fail_on": report.fail_on,
        "failed": report.failed,
        "findings": [
            {
                "path": f.path, "line": f.line, "column": f.column, "end_line": f.end_line,
                "end_column": f.end_column, "rule": f.rule, "category": f.finding.category, "severity": f.severity,
                "text": f.finding.text, "message": f.message, "explanation": f.finding.explanation,
                "suggestion": f.finding.suggestion, "fingerprint": f.fingerprint, "suppressed": f.suppressed,
                "fix": f.fix,
            }
            for f in report.findings
        ],
        "gone": [{"path": g.path, "rule": g.rule, "text": g.text, "sentence": g.sentence, "count": g.count}
                 for g in report.gone],
        "errors": [str(error) for error in report.errors],
    }
    out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def events(table: EventTable, out: TextIO) -> None:
    """The `framing/events@1` document."""
    out.write(json.dumps(table.to_dict(), ensure_ascii=False, indent=2) + "\n")


def terms(report, out: TextIO) -> None:
    """`framing terms`: the framing/terms@1 document."""
    out.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
