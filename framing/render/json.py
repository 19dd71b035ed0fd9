"""JSON (one object, streamed document by document) and JSONL (one document per line)."""

from __future__ import annotations

from typing import BinaryIO, Iterable, TextIO

import orjson

from framing import __version__
from framing.pipeline import SCHEMA, DocumentResult


def _binary(out: TextIO | BinaryIO) -> BinaryIO:
    return getattr(out, "buffer", out)


def write_json(results: Iterable[DocumentResult], out: TextIO | BinaryIO) -> None:
    """{"schema", "framing_version", "documents": [...]}, written without holding all documents."""
    if hasattr(out, "flush"):
        out.flush()
    sink = _binary(out)
    sink.write(b'{\n  "schema": ' + orjson.dumps(SCHEMA) + b',\n  "framing_version": ' + orjson.dumps(__version__))
    sink.write(b',\n  "documents": [')
    first = True
    for result in results:
        body = orjson.dumps(result.to_dict(plain=False), option=orjson.OPT_INDENT_2)
        sink.write((b"\n" if first else b",\n") + b"\n".join(b"    " + line for line in body.split(b"\n")))
        first = False
    sink.write(b"]\n}\n" if first else b"\n  ]\n}\n")
    sink.flush()


def write_jsonl(results: Iterable[DocumentResult], out: TextIO | BinaryIO) -> None:
    if hasattr(out, "flush"):
        out.flush()
    sink = _binary(out)
    prefix = b'{"schema":' + orjson.dumps(SCHEMA) + b","
    for result in results:
        sink.write(prefix + orjson.dumps(result.to_dict(plain=False))[1:] + b"\n")
    sink.flush()
