"""JSONL: one JSON object per line, per document or per sentence, for streams and batch jobs."""

from __future__ import annotations

from typing import BinaryIO, Iterable, TextIO

import orjson

from framing.render.json import binary
from framing.report import Report, SentenceScore


def analysis(report: Report, out: TextIO | BinaryIO) -> None:
    sink = binary(out)
    prefix = b'{"schema":' + orjson.dumps(report.schema) + b","
    for result in report.results:
        sink.write(prefix + orjson.dumps(result.to_dict(plain=False))[1:] + b"\n")
    sink.flush()


def sentences(scores: Iterable[SentenceScore], out: TextIO | BinaryIO) -> None:
    sink = binary(out)
    for row in scores:
        sink.write(orjson.dumps(row) + b"\n")
    sink.flush()
