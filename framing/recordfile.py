"""Records files: per-document records already computed (the JSONL, CSV or Parquet rows that
`framing batch` writes: `framing.records` fields plus `source` and `error`), read back for
`framing compare` without analysing the texts again.

A file is a records file when its rows have a `framing_index` column and no `text` column.
`metadata` is an object in JSONL and Parquet and a JSON object in CSV; CSV columns named
`metadata.KEY` are read into it too. Rows whose `error` is set (documents the batch could not
analyse) are skipped and counted.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from framing.errors import InputError

SUFFIXES = (".jsonl", ".ndjson", ".csv", ".parquet")
MARKER = "framing_index"


def _columns(path: Path) -> list[str] | None:
    """The column names of a corpus or records file, from its first row (None: not readable here)."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            try:
                import pyarrow.parquet as pq
            except ImportError:
                return [MARKER]  # a Parquet file is no article corpus: read it as records
            return list(pq.read_schema(path).names)
        with open(path, "rb") as handle:
            first = handle.readline(1_000_000)
        text = first.decode("utf-8-sig", errors="replace")
        if suffix == ".csv":
            return next(csv.reader(io.StringIO(text)), [])
        row = json.loads(text)
        return list(row) if isinstance(row, dict) else None
    except (OSError, ValueError, UnicodeError):
        return None
    except Exception:  # pyarrow's own errors: the reader says what is wrong
        return [MARKER]


def files(path: str) -> list[Path]:
    """The records files a path names: itself, or, for an output folder of `framing batch` (it
    holds the batch manifest), its part files in order (the manifest and parts still being
    written, hidden or `_`-named, left out)."""
    from framing.batch.manifest import NAME

    candidate = Path(path)
    if candidate.is_dir() and (candidate / NAME).is_file():
        return sorted(p for p in candidate.iterdir()
                      if p.suffix.lower() in SUFFIXES and p.is_file() and not p.name.startswith((".", "_")))
    return [candidate]


def is_records(path: str) -> bool:
    """Whether a path names a records file (by its suffix and its first row's columns), or a
    `framing batch` output folder of them."""
    if path == "-":
        return False
    parts = files(path)
    candidate = parts[0] if parts else None
    if candidate is None or candidate.suffix.lower() not in SUFFIXES or not candidate.is_file():
        return False
    columns = _columns(candidate)
    return bool(columns) and MARKER in columns and "text" not in columns


@dataclass
class Records:
    """The records of some files, read lazily; bad rows reported as InputErrors (`errors`), rows
    the batch marked with an error counted (`failed`)."""

    paths: list[str]
    errors: list[InputError] = field(default_factory=list)
    failed: int = 0

    def __iter__(self) -> Iterator[dict]:
        for path in (str(part) for given in self.paths for part in files(given)):
            try:
                for row in _read(Path(path), path):
                    if isinstance(row, InputError):
                        self.errors.append(row)
                    elif row.get("error") not in (None, "", False):
                        self.failed += 1
                    else:
                        yield row
            except OSError as exc:
                self.errors.append(InputError(f"cannot read: {exc.strerror or exc}", path))


def _metadata(row: dict) -> dict:
    meta = row.get("metadata")
    if isinstance(meta, str):
        try:
            meta = json.loads(meta) if meta.strip() else {}
        except ValueError:
            meta = {}
    if isinstance(meta, list):  # a Parquet map column reads as (key, value) pairs
        try:
            meta = dict(meta)
        except (TypeError, ValueError):
            meta = {}
    meta = dict(meta) if isinstance(meta, dict) else {}
    for key in [k for k in row if k.startswith("metadata.")]:
        value = row.pop(key)
        if value not in (None, ""):
            meta[key[len("metadata."):]] = value
    row["metadata"] = meta
    return row


def _read(path: Path, source: str):
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        yield from _parquet(path, source)
        return
    if suffix != ".csv":
        yield from _jsonl(path, source)
        return
    with open(path, "r", encoding="utf-8-sig", newline="") as handle:
        if suffix == ".csv":
            reader = csv.DictReader(handle)
            for row in reader:
                if None in row:
                    yield InputError("more cells than the header has columns", source, reader.line_num)
                    continue
                yield _metadata({k: (None if v == "" else v) for k, v in row.items()})


def _jsonl(path: Path, source: str):
    import orjson

    with open(path, "rb") as handle:
        for number, line in enumerate(handle, 1):
            if number == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
            if not line.strip():
                continue
            try:
                row = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                yield InputError(f"invalid JSON: {str(exc.msg).split(':')[0]}", source, number)
                continue
            if not isinstance(row, dict):
                yield InputError("a record must be a JSON object", source, number)
                continue
            yield _metadata(row)


def _parquet(path: Path, source: str):
    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield InputError("reading Parquet needs pyarrow (pip install pyarrow)", source)
        return
    try:
        table = pq.ParquetFile(path)
        for batch in table.iter_batches(batch_size=10_000):
            for row in batch.to_pylist():
                yield _metadata(row)
    except Exception as exc:  # pyarrow raises its own types for corrupt files
        yield InputError(f"not a readable Parquet file ({type(exc).__name__})", source)
