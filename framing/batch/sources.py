"""Shards and chunks: which files a batch reads, and how each is cut into pieces of a few MB.

A shard is one input file: JSONL (plain, `.gz` or `.zst`), CSV (the same) or Parquet, named
on the command line or found in a folder (recursively, in sorted order). Each shard is cut into
chunks, the unit of work and of output (one part file per chunk). The cuts depend only on the
file and the chunk size, never on how many processes read it, so the parts and their bytes are
the same for any `--jobs` and for the Dask engine.

- Plain JSONL: byte ranges that end at a line end once they hold `size` bytes. The planner
  counts lines on the way, so a chunk knows the number of its first line (sources read
  `path:LINE`); a worker reads its range itself.
- Plain CSV: the same, cut only at a line end outside quotes (an even number of quotes so far),
  so a quoted field over several lines stays in one chunk; a worker reads the header and its
  range. A header the planner cannot use (no text column, unreadable) leaves the file whole, so
  that its one error is reported once.
- Compressed JSONL and CSV cannot be entered in the middle: they are decompressed once, by the
  planner, and each chunk carries its bytes (`payload`) to the worker.
- Parquet: runs of rows, as many as hold about `size` bytes by the file's own metadata; the
  planner reads them (Arrow batches, no parsing) and hands them over as the payload. Rows read
  `path#ROW`, counting from 1.

A file that starts with a UTF-16 or UTF-32 byte-order mark is one chunk: its bytes cannot be
cut at b"\\n".
"""

from __future__ import annotations

import codecs
import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from framing.errors import ConfigError

CHUNK_BYTES = 4_000_000  # the size of a chunk (of text read, before scoring): a few MB
_BLOCK = 1 << 20

COMPRESSIONS = {".gz": "gzip", ".zst": "zstd", ".zstd": "zstd"}
KINDS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}
INPUT_FORMATS = ("auto", "jsonl", "csv", "parquet")
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass(frozen=True)
class Shard:
    """One input file: its index in the run, the path as given, its kind and compression."""

    index: int
    path: str
    kind: str  # jsonl, csv or parquet
    compression: str | None
    size: int


@dataclass(frozen=True)
class Chunk:
    """A piece of a shard. `start`/`end` are byte offsets into the (decompressed) file, or row
    numbers (0-based, end exclusive) for Parquet; `first` is the number of its first line (or
    row, from 1). `whole` means the file is read as one piece by the ordinary reader."""

    shard: Shard
    index: int
    start: int
    end: int
    first: int
    header: bytes = b""  # CSV: the file's header row, read before the range
    whole: bool = False
    size: int = 0  # bytes of the input file this chunk accounts for (for throughput and progress)
    payload: Any = field(default=None, compare=False, repr=False)  # bytes or an Arrow table

    @property
    def name(self) -> str:
        return f"part-{self.shard.index:05d}-{self.index:06d}"

    def describe(self) -> dict:
        """The chunk as the manifest records it."""
        unit = "rows" if self.shard.kind == "parquet" else "bytes"
        return {"shard": self.shard.index, "path": self.shard.path, "chunk": self.index, "unit": unit,
                "start": self.start, "end": self.end, "first": self.first}


def _kind_of(path: Path, input_format: str) -> tuple[str, str | None] | None:
    suffixes = [s.lower() for s in path.suffixes]
    compression = COMPRESSIONS.get(suffixes[-1]) if suffixes else None
    if compression:
        suffixes = suffixes[:-1]
    if input_format != "auto":
        if input_format == "parquet" and compression:
            return None
        return input_format, compression
    kind = KINDS.get(suffixes[-1]) if suffixes else None
    if kind is None or (kind == "parquet" and compression):
        return None
    return kind, compression


def discover(paths: list[str] | tuple[str, ...], input_format: str = "auto", skip: Path | None = None) -> list[Shard]:
    """The shards of the inputs, in order: files as named, folders walked in sorted order (a
    folder's files under `skip`, the output folder, are not inputs). Raises ConfigError for an
    input that is missing or holds no corpus files (a usage error: nothing is scored when the
    command names the wrong place)."""
    skipped = skip.resolve() if skip is not None else None
    if input_format not in INPUT_FORMATS:
        raise ConfigError(f"--input-format must be one of {', '.join(INPUT_FORMATS)} for batch")
    shards: list[Shard] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith((".", "_"))
                           and _kind_of(p, "auto") is not None
                           and not (skipped and skipped in p.resolve().parents))
            if not found:
                raise ConfigError("folder holds no .jsonl, .csv or .parquet files (plain, .gz or .zst)", given)
            files = [(str(p), _kind_of(p, input_format)) for p in found]
        elif path.is_file():
            kind = _kind_of(path, input_format)
            if kind is None:
                raise ConfigError("not a JSONL, CSV or Parquet file (by its name; --input-format names the kind)",
                                  given)
            files = [(given, kind)]
        elif path.exists():
            raise ConfigError("not a regular file or folder", given)
        else:
            raise ConfigError("no such file or folder", given)
        for name, (kind, compression) in files:
            shards.append(Shard(len(shards), name, kind, compression, os.path.getsize(name)))
    if not shards:
        raise ConfigError("no inputs given")
    return shards


# ----------------------------------------------------------------------------- planning


class _Cutter:
    """Finds where chunks end in a growing buffer: at a line end once `size` bytes are held
    (CSV: a line end with an even number of quotes since the chunk began). It remembers how far
    it has looked, so a long line is searched once, not once per block."""

    def __init__(self, size: int, quotes: bool):
        self.size = size
        self.quotes = quotes
        self.reset()

    def reset(self) -> None:
        self.pos = 0  # searched up to here
        self.parity = 0  # quotes in buf[:pos], mod 2 (CSV)

    def cut(self, buf: bytearray) -> int:
        """The length of the next chunk in buf, or 0 when it does not end in buf yet."""
        if len(buf) < self.size:
            return 0
        if not self.quotes:
            newline = buf.find(b"\n", max(self.pos, self.size - 1))
            if newline < 0:
                self.pos = len(buf)
                return 0
            self.reset()
            return newline + 1
        while True:
            newline = buf.find(b"\n", self.pos)
            if newline < 0:
                self.parity = (self.parity + buf.count(b'"', self.pos)) % 2
                self.pos = len(buf)
                return 0
            self.parity = (self.parity + buf.count(b'"', self.pos, newline)) % 2
            self.pos = newline + 1
            if self.parity == 0 and newline + 1 >= self.size:
                self.reset()
                return newline + 1


def _header_end(buf: bytes) -> int:
    """The length of the CSV header row (to the first line end outside quotes), or 0."""
    parity, pos = 0, 0
    while True:
        newline = buf.find(b"\n", pos)
        if newline < 0:
            return 0
        parity = (parity + buf.count(b'"', pos, newline)) % 2
        pos = newline + 1
        if parity == 0:
            return pos


def _usable_header(header: bytes, text_field: str) -> bool:
    import csv

    try:
        names = next(csv.reader([header.decode("utf-8-sig").rstrip("\r\n")], strict=True))
    except (UnicodeDecodeError, csv.Error, StopIteration):
        return False
    return text_field in names


def open_shard(shard: Shard, raw=None):
    """The shard's bytes as a binary stream (decompressed), for the planner or a reader;
    `raw` is the open file on disk, when the caller wants to see how far it has been read."""
    raw = raw if raw is not None else open(shard.path, "rb")
    if shard.compression == "gzip":
        import gzip

        return gzip.GzipFile(fileobj=raw, mode="rb")
    if shard.compression == "zstd":
        import zstandard

        return zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True, closefd=True)
    return raw


def plan(shard: Shard, size: int = CHUNK_BYTES, text_field: str = "text") -> Iterator[Chunk]:
    """The chunks of one shard, in order; a payload is attached where the worker cannot read
    the chunk itself (compressed files, Parquet). An unreadable file is one whole chunk, and
    its reader reports what is wrong with it."""
    if shard.kind == "parquet":
        yield from _plan_parquet(shard, size)
        return
    try:
        raw = open(shard.path, "rb")
    except OSError:  # the reader names the problem
        yield Chunk(shard, 0, 0, 0, 1, whole=True, size=shard.size)
        return
    index = 0
    with raw, open_shard(shard, raw) as stream:
        try:
            for chunk in _plan_lines(shard, stream, raw, size, text_field):
                index = chunk.index + 1
                yield chunk
        except Exception as exc:  # a broken .gz or .zst: what was cut is kept, the rest is one error
            if not isinstance(exc, (OSError, EOFError, ValueError)) and type(exc).__name__ != "ZstdError":
                raise
            yield _broken(shard, index, exc)


@dataclass(frozen=True)
class Broken:
    """The rest of a compressed file that cannot be decompressed: one error record."""

    message: str


def _broken(shard: Shard, index: int, exc: BaseException) -> Chunk:
    """The chunk after the last good one of a file that cannot be read on: one error record."""
    reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    what = "cannot read Parquet" if shard.kind == "parquet" else "cannot decompress"
    return Chunk(shard, index, 0, 0, 0, whole=True, payload=Broken(f"{what}: {reason}; the rest of the file is not read"))


def _plan_lines(shard: Shard, stream, raw, size: int, text_field: str) -> Iterator[Chunk]:
    compressed = shard.compression is not None
    # Smaller reads of a compressed file: when it is cut short, what came before the break is kept.
    block = _BLOCK // 16 if compressed else _BLOCK
    head = stream.read(block)
    buf = bytearray(head)
    header = b""
    if shard.kind == "csv":
        end = _header_end(bytes(buf[: 4 * _BLOCK]))
        while not end and len(buf) < 4 * _BLOCK:
            more = stream.read(_BLOCK)
            if not more:
                break
            buf += more
            end = _header_end(bytes(buf))
        header = bytes(buf[:end]) if end and _usable_header(bytes(buf[:end]), text_field) else b""
    if head.startswith(_WIDE_BOMS) or (shard.kind == "csv" and not header):
        if compressed:  # the ordinary reader takes the whole (decompressed) file
            while True:
                more = stream.read(_BLOCK)
                if not more:
                    break
                buf += more
            yield Chunk(shard, 0, 0, len(buf), 1, whole=True, size=shard.size, payload=bytes(buf))
        else:
            yield Chunk(shard, 0, 0, shard.size, 1, whole=True, size=shard.size)
        return
    cutter = _Cutter(size + len(header), quotes=shard.kind == "csv")  # the first chunk holds rows, not only the header
    start, line, index, done_raw = 0, 1, 0, 0
    eof = False
    while True:
        length = cutter.cut(buf)
        if not length:
            if eof:
                length = len(buf)
                if not length:
                    break
            else:
                more = stream.read(block)
                if more:
                    buf += more
                else:
                    eof = True
                continue
        data = bytes(buf[:length])
        del buf[:length]
        if compressed:
            position = shard.size if eof and not buf else raw.tell()
            used, done_raw = position - done_raw, position
        else:
            used = length
        cutter.size = size
        chunk_header = header if index else b""
        yield Chunk(shard, index, start, start + length, line, chunk_header, size=used,
                    payload=data if compressed else None)
        index += 1
        start += length
        line += data.count(b"\n")
    if index == 0:  # an empty file: the reader says so
        yield Chunk(shard, 0, 0, 0, 1, whole=True, size=shard.size, payload=b"" if compressed else None)


def _plan_parquet(shard: Shard, size: int) -> Iterator[Chunk]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(shard.path)
    except (OSError, pa.ArrowException) as exc:
        yield Chunk(shard, 0, 0, 0, 1, whole=True, size=shard.size, payload=Broken(f"cannot read Parquet: {exc}"))
        return
    meta = parquet.metadata
    rows = meta.num_rows
    if rows == 0:
        yield Chunk(shard, 0, 0, 0, 1, whole=True, size=shard.size, payload=Broken("no rows"))
        return
    total = sum(meta.row_group(g).total_byte_size for g in range(meta.num_row_groups))
    step = max(1, int(size * rows / max(total, 1)))
    pending: list = []
    held = start = index = 0
    try:
        for batch in parquet.iter_batches(batch_size=min(step, 65536)):
            pending.append(batch)
            held += batch.num_rows
            while held >= step:
                table = pa.Table.from_batches(pending)
                piece, rest = table.slice(0, step), table.slice(step)
                yield _parquet_chunk(shard, index, start, piece, rows)
                index += 1
                start += step
                pending = rest.to_batches() if rest.num_rows else []
                held = rest.num_rows
        if held:
            yield _parquet_chunk(shard, index, start, pa.Table.from_batches(pending), rows)
    except (OSError, pa.ArrowException) as exc:
        yield _broken(shard, index, exc)


def _parquet_chunk(shard: Shard, index: int, start: int, table, rows: int) -> Chunk:
    count = table.num_rows
    used = shard.size * (start + count) // rows - shard.size * start // rows
    return Chunk(shard, index, start, start + count, start + 1, size=used, payload=table.combine_chunks())


# ------------------------------------------------------------------------------ reading


class _Range(io.RawIOBase):
    """Bytes start..end of a file, as a stream."""

    def __init__(self, path: str, start: int, end: int):
        self._file = open(path, "rb")
        self._file.seek(start)
        self._left = end - start

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._left <= 0:
            return 0
        view = memoryview(buffer)[: self._left]
        count = self._file.readinto(view)
        self._left -= count or 0
        return count or 0

    def close(self) -> None:
        self._file.close()
        super().close()


def read_chunk(chunk: Chunk, fields, max_bytes: int) -> Iterator:
    """The Documents and InputErrors of one chunk, in order, with sources and error lines as
    the whole file would give them."""
    from framing.errors import InputError
    from framing.readers import read_csv, read_file, read_jsonl

    shard = chunk.shard
    if isinstance(chunk.payload, Broken):
        yield InputError(chunk.payload.message, shard.path)
        return
    if shard.kind == "parquet":
        yield from _parquet_rows(chunk, fields)
        return
    reader = read_jsonl if shard.kind == "jsonl" else read_csv
    if chunk.whole and chunk.payload is None:  # a plain file read whole: every check of the readers
        yield from read_file(Path(shard.path), shard.path, fields, shard.kind, max_bytes)
        return
    if chunk.payload is not None:
        stream = io.BufferedReader(io.BytesIO(chunk.header + chunk.payload)) if chunk.header else io.BytesIO(
            chunk.payload)
    else:
        stream = io.BufferedReader(_Range(shard.path, chunk.start, chunk.end), _BLOCK)
        if chunk.header:
            stream = io.BufferedReader(_Joined(chunk.header, stream), _BLOCK)
    with stream:
        if chunk.whole:
            yield from reader(stream, shard.path, fields, max_bytes)
        elif shard.kind == "jsonl":
            yield from read_jsonl(stream, shard.path, fields, max_bytes, first_line=chunk.first)
        else:
            yield from read_csv(stream, shard.path, fields, max_bytes, first_line=chunk.first if chunk.index else None)


class _Joined(io.RawIOBase):
    """A few bytes (a CSV header), then a stream."""

    def __init__(self, head: bytes, stream):
        self._head = memoryview(head)
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._head:
            count = min(len(buffer), len(self._head))
            buffer[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._stream.close()
        super().close()


def _parquet_rows(chunk: Chunk, fields) -> Iterator:
    from framing.errors import InputError
    from framing.readers import row_document

    path = chunk.shard.path
    table = chunk.payload
    if fields.text not in table.column_names:  # every row is accounted for, each with the reason
        reason = f"the file has no {fields.text!r} column (columns: {', '.join(table.column_names)})"
        for number in range(chunk.first, chunk.first + table.num_rows):
            yield InputError(reason, f"{path}#{number}")
        return
    for number, row in enumerate(table.to_pylist(), chunk.first):
        where = f"{path}#{number}"
        try:
            yield row_document(row, where, None, fields, where)
        except InputError as exc:
            yield exc
