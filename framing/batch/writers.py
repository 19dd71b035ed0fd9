"""Part files: the rows of one chunk as JSONL, CSV or Parquet, written whole or not at all.

A part is encoded in memory (a chunk's rows are a few hundred KB), written to a hidden
temporary name in the output folder, flushed to disk and renamed to `part-SHARD-CHUNK.EXT`, so
a reader (or a resumed run) sees a complete part or none. Its SHA-256 goes to the manifest. The
bytes depend only on the rows: no timestamps, no host names, floats as Python writes them, and
Parquet with one fixed schema (framing.batch.schema) for every part.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
from pathlib import Path
from typing import Any, Callable

import orjson

FORMATS = ("jsonl", "csv", "parquet")
EXTENSIONS = {"jsonl": "jsonl", "csv": "csv", "parquet": "parquet"}
TEMPORARY = ".tmp-"  # prefix of parts being written: hidden from dataset readers, removed on resume


def _jsonl(rows: list[dict], columns) -> bytes:
    dumps = orjson.dumps
    return b"".join(dumps(row) + b"\n" for row in rows)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        return orjson.dumps(value).decode("utf-8")
    return value


def _csv(rows: list[dict], columns) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns.names)
    for row in rows:
        writer.writerow([_cell(v) for v in row.values()])
    return out.getvalue().encode("utf-8")


def _parquet(rows: list[dict], columns) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist(rows, schema=columns.arrow_schema())
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue().to_pybytes()


ENCODERS: dict[str, Callable[[list[dict], Any], bytes]] = {"jsonl": _jsonl, "csv": _csv, "parquet": _parquet}


def encode(rows: list[dict], columns, fmt: str) -> bytes:
    return ENCODERS[fmt](rows, columns)


def write_part(folder: Path, name: str, data: bytes) -> str:
    """Writes a part atomically; its SHA-256. Two processes writing the same part (a task run
    again after its worker was lost) write the same bytes, and the last rename wins."""
    target = folder / name
    temporary = folder / f"{TEMPORARY}{name}.{os.getpid()}"
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, target)
    return hashlib.sha256(data).hexdigest()


def checksum(path: Path) -> str | None:
    """The SHA-256 of a part on disk, or None when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()
