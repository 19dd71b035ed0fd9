"""JSON (one object, streamed document by document) and JSONL (one document per line)."""

from __future__ import annotations

import json
from typing import Iterable, TextIO

from framing import __version__
from framing.pipeline import SCHEMA, DocumentResult


def write_json(results: Iterable[DocumentResult], out: TextIO) -> None:
    """{"schema", "framing_version", "documents": [...]}, written without holding all documents."""
    out.write("{\n")
    out.write(f'  "schema": {json.dumps(SCHEMA)},\n')
    out.write(f'  "framing_version": {json.dumps(__version__)},\n')
    out.write('  "documents": [')
    first = True
    for result in results:
        body = json.dumps(result.to_dict(), ensure_ascii=False, indent=2)
        out.write(("\n" if first else ",\n") + "\n".join("    " + line for line in body.splitlines()))
        first = False
    out.write("\n  ]\n}\n" if not first else "]\n}\n")


def write_jsonl(results: Iterable[DocumentResult], out: TextIO) -> None:
    for result in results:
        record = {"schema": SCHEMA, **result.to_dict()}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
