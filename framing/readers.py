"""Readers: files, folders, corpora and stdin in; Documents or one-line errors out.

A reader never raises for bad input: it yields an InputError naming the file (and
row) and goes on, so a batch run accounts for every input. Corpora are streamed row by
row, so memory stays flat however large the file.
"""

from __future__ import annotations

import codecs
import csv
import io
import sys
from pathlib import Path
from typing import Iterable, Iterator

import orjson

from framing.config import INPUT_FORMATS, Fields
from framing.document import Document
from framing.errors import InputError

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES
FORMATS = INPUT_FORMATS
_FRONT_MATTER_KEYS = ("title", "outlet", "date", "url", "id")


Item = Document | InputError


def read_paths(paths: Iterable[str], fields: Fields = Fields(), input_format: str = "auto") -> Iterator[Item]:
    """Documents from every path in order; folders recursively in sorted order; '-' is stdin."""
    for given in paths:
        if given == "-":
            yield from _read_stdin(fields, input_format)
            continue
        path = Path(given)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in KNOWN_SUFFIXES)
            if not files:
                yield InputError("folder holds no .txt, .md, .html, .jsonl or .csv files", given)
            for file in files:
                yield from read_file(file, str(file), fields, input_format)
        else:
            yield from read_file(path, given, fields, input_format)


def _format_of(path: Path, input_format: str) -> str:
    if input_format != "auto":
        return input_format
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in CSV_SUFFIXES:
        return "csv"
    return "text"


def read_file(path: Path, source: str, fields: Fields = Fields(), input_format: str = "auto") -> Iterator[Item]:
    fmt = _format_of(path, input_format)
    try:
        if fmt in ("jsonl", "csv"):
            handle = path.open("rb")
        else:
            data = path.read_bytes()
    except IsADirectoryError:
        yield InputError("is a folder", source)
        return
    except FileNotFoundError:
        yield InputError("no such file or folder", source)
        return
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", source)
        return
    if fmt == "jsonl":
        with handle:
            yield from read_jsonl(handle, source, fields)
    elif fmt == "csv":
        with handle:
            yield from read_csv(handle, source, fields)
    else:
        yield _read_whole(data, source, fmt)


def _read_stdin(fields: Fields, input_format: str) -> Iterator[Item]:
    fmt = "text" if input_format == "auto" else input_format
    stream = sys.stdin.buffer
    if fmt == "jsonl":
        yield from read_jsonl(stream, "-", fields)
    elif fmt == "csv":
        yield from read_csv(stream, "-", fields)
    else:
        yield _read_whole(stream.read(), "-", fmt)


def decode(data: bytes, source: str) -> str:
    """UTF-8 text with a leading BOM removed; raises InputError for binary or bad bytes."""
    if b"\x00" in data[:8192]:
        raise InputError("binary file (contains NUL bytes), not text", source)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"invalid UTF-8 (byte {exc.start})", source, line) from None
    if not text or text.isspace():
        raise InputError("empty file", source)
    return text


def _read_whole(data: bytes, source: str, fmt: str) -> Item:
    try:
        text = decode(data, source)
        if fmt == "html":
            return html_document(text, source)
        return text_document(text, source)
    except InputError as exc:
        return exc


# --------------------------------------------------------------------- text and markdown


def split_front_matter(text: str, source: str) -> tuple[dict, int]:
    """YAML front matter between '---' lines at the top: (metadata, offset where the body starts)."""
    if not text.startswith("---"):
        return {}, 0
    first_newline = text.find("\n")
    if first_newline == -1 or text[:first_newline].strip() != "---":
        return {}, 0
    pos = first_newline + 1
    while True:
        newline = text.find("\n", pos)
        line = text[pos:] if newline == -1 else text[pos:newline]
        if line.strip() in ("---", "..."):
            body_start = len(text) if newline == -1 else newline + 1
            block = text[first_newline + 1 : pos]
            break
        if newline == -1:
            raise InputError("front matter opened with '---' is never closed", source, 1)
        pos = newline + 1
    import yaml

    try:
        meta = yaml.safe_load(block) if block.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        reason = getattr(exc, "problem", None) or "cannot be parsed"
        raise InputError(f"invalid front matter: {reason}", source, line) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise InputError("front matter must be 'key: value' lines", source, 2)
    return {str(k): v for k, v in meta.items()}, body_start


def _first_line_title(text: str, start: int) -> str | None:
    """The first line is a title when a blank line follows it."""
    body = text[start:].lstrip("\n\r\t ")
    first, sep, rest = body.partition("\n")
    if not sep or not first.strip():
        return None
    blank, _, after = rest.partition("\n")
    if blank.strip() or not after.strip():
        return None
    title = first.strip().lstrip("#").strip()
    return title or None


def text_document(text: str, source: str, doc_id: str | None = None) -> Document:
    meta, body_start = split_front_matter(text, source)
    if not text[body_start:].strip():
        raise InputError("no text after the front matter", source)
    fields = {key: meta.pop(key) for key in _FRONT_MATTER_KEYS if key in meta}
    title = fields.get("title")
    return Document(
        id=str(fields.get("id") or doc_id or source),
        text=text,
        title=str(title) if title is not None else _first_line_title(text, body_start),
        outlet=_str_or_none(fields.get("outlet")),
        date=_str_or_none(fields.get("date")),
        url=_str_or_none(fields.get("url")),
        source=source,
        metadata=meta,
        body_start=body_start,
    )


def _str_or_none(value) -> str | None:
    return None if value is None else str(value)


# --------------------------------------------------------------------------------- HTML


def extract_html(html: str, source: str) -> tuple[str, dict]:
    """Main article text and metadata of an HTML page (trafilatura)."""
    import logging

    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        result = trafilatura.bare_extraction(
            html, include_comments=False, include_tables=False, favor_precision=True, with_metadata=True
        )
    except Exception as exc:  # the extractor's failures are the input's problem, not a crash
        raise InputError(f"cannot extract article text from HTML: {exc}", source) from None
    if result is None:
        raise InputError("no article text found in HTML", source)
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = (data.get("text") or "").strip()
    if not text:
        raise InputError("no article text found in HTML", source)
    title = data.get("title")
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    meta = {key: data.get(key) for key in ("title", "date", "url") if data.get(key)}
    outlet = data.get("sitename")
    if outlet:
        meta["outlet"] = outlet
    return text + "\n", meta


def html_document(html: str, source: str) -> Document:
    text, meta = extract_html(html, source)
    return Document(
        id=source,
        text=text,
        title=meta.get("title") or _first_line_title(text, 0),
        outlet=meta.get("outlet"),
        date=meta.get("date"),
        url=meta.get("url"),
        source=source,
        metadata={"extracted_from": "html"},
    )


# ------------------------------------------------------------------------------ corpora


def _row_document(row: dict, source: str, line: int, fields: Fields) -> Document:
    where = f"{source}:{line}"
    if fields.text not in row:
        raise InputError(f"row has no {fields.text!r} field", source, line)
    text = row[fields.text]
    if not isinstance(text, str):
        raise InputError(f"field {fields.text!r} must be a string", source, line)
    if not text or text.isspace():
        raise InputError(f"field {fields.text!r} is empty", source, line)
    if "\x00" in text:
        raise InputError(f"field {fields.text!r} contains NUL characters", source, line)
    taken = {fields.text, fields.title, fields.outlet, fields.id, fields.date, fields.url}

    def get(name: str) -> str | None:
        value = row.get(name)
        return None if value in (None, "") else str(value)

    return Document(
        id=get(fields.id) or where,
        text=text,
        title=get(fields.title),
        outlet=get(fields.outlet),
        date=get(fields.date),
        url=get(fields.url),
        source=where,
        metadata={k: v for k, v in row.items() if k not in taken},
    )


def read_jsonl(stream: io.BufferedIOBase, source: str, fields: Fields = Fields()) -> Iterator[Item]:
    """One document per line; blank lines are skipped, every other line is accounted for."""
    seen_any = False
    for number, raw in enumerate(stream, 1):
        if not raw.strip():
            continue
        seen_any = True
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        try:
            row = orjson.loads(raw)  # bytes straight in: orjson checks the UTF-8 itself
        except orjson.JSONDecodeError as exc:
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as bad:
                yield InputError(f"invalid UTF-8 (byte {bad.start} of the line)", source, number)
                continue
            reason = str(exc.msg).split(":")[0]
            yield InputError(f"invalid JSON: {reason} (column {exc.colno})", source, number)
            continue
        if not isinstance(row, dict):
            yield InputError(f"expected a JSON object, got {type(row).__name__}", source, number)
            continue
        try:
            yield _row_document(row, source, number, fields)
        except InputError as exc:
            yield exc
    if not seen_any:
        yield InputError("empty file", source)


def _decoded_lines(stream: io.BufferedIOBase, source: str, bad: dict[int, str]) -> Iterator[str]:
    for number, raw in enumerate(stream, 1):
        try:
            yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            bad[number] = f"invalid UTF-8 (byte {exc.start} of the line)"
            yield raw.decode("utf-8", "replace")


def read_csv(stream: io.BufferedIOBase, source: str, fields: Fields = Fields()) -> Iterator[Item]:
    """One document per row, with a header row naming the fields."""
    csv.field_size_limit(64 * 1024 * 1024)  # whole articles can exceed the 128 kB default
    bad: dict[int, str] = {}
    lines = _decoded_lines(stream, source, bad)
    # strict: a stray or unclosed quote is an error, not a field that swallows the next rows
    reader = csv.reader(lines, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        yield InputError("empty file", source)
        return
    except csv.Error as exc:
        yield InputError(f"malformed CSV header: {exc}", source, 1)
        return
    if 1 in bad:
        yield InputError(bad[1], source, 1)
        return
    if fields.text not in header:
        yield InputError(f"CSV header has no {fields.text!r} column (columns: {', '.join(header)})", source, 1)
        return
    row_start = reader.line_num + 1
    rows = 0
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            lines_read = f" (lines {row_start}-{reader.line_num})" if reader.line_num > row_start else ""
            yield InputError(f"malformed CSV row{lines_read}: {exc}", source, row_start)
            rows += 1
            row_start = reader.line_num + 1
            continue
        rows += 1
        line_span = range(row_start, reader.line_num + 1)
        number, row_start = row_start, reader.line_num + 1
        if not values or not any(v.strip() for v in values):
            continue
        broken = next((n for n in line_span if n in bad), None)
        if broken is not None:
            yield InputError(bad[broken], source, broken)
            continue
        if len(values) != len(header):
            yield InputError(f"row has {len(values)} fields, the header has {len(header)}", source, number)
            continue
        try:
            yield _row_document(dict(zip(header, values)), source, number, fields)
        except InputError as exc:
            yield exc
    if not rows:
        yield InputError("no rows after the header", source, 1)
