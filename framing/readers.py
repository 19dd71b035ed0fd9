"""Readers: files, folders, corpora and stdin in; Documents or one-line errors out.

A reader never raises for bad input: it yields an InputError naming the file (and
row) and goes on, so a batch run accounts for every input. Corpora are streamed row by
row, so memory stays flat however large the file.

Hostile input is refused before it costs anything: only regular files are opened (a FIFO,
socket or device is named and refused, never opened, so it cannot block the run), the
first bytes are sniffed before the rest is read, and no read holds more than `max_bytes`
(MAX_BYTES, 100 MB) of one input: a larger text, Markdown, HTML or JSON file (or stdin) is
refused from its size, and a larger JSONL line or CSV row is an error for that row only.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import stat
import sys
from bisect import bisect_right
from functools import lru_cache, partial
from pathlib import Path
from typing import Iterable, Iterator

import orjson

from framing.config import INPUT_FORMATS, MAX_BYTES, Fields
from framing.document import Document
from framing.errors import InputError

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES
# framing.config.INPUT_FORMATS gains "json" there; until then the readers accept it anyway.
FORMATS = INPUT_FORMATS if "json" in INPUT_FORMATS else (*INPUT_FORMATS, "json")

SNIFF_BYTES = 8192  # the head checked for a BOM or NUL bytes before the rest is read
CHARSET_BYTES = 4096  # where an HTML page's <meta charset> is looked for
MIN_ARTICLE_WORDS = 15  # HTML: fewer words of main text than this is no article
_CHUNK = 1 << 20
_FRONT_MATTER_KEYS = ("title", "outlet", "date", "url", "id")


Item = Document | InputError


def read_paths(paths: Iterable[str], fields: Fields = Fields(), input_format: str = "auto",
               max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """Documents from every path in order; folders recursively in sorted order; '-' is stdin."""
    for given in paths:
        if given == "-":
            yield from _read_stdin(fields, input_format, max_bytes)
            continue
        path = Path(given)
        try:
            is_dir = path.is_dir()
        except (OSError, ValueError):  # a name too long, say: read_file names the problem
            is_dir = False
        if is_dir:
            try:  # not is_file(): a FIFO or device with a known suffix is refused by name, not skipped
                files = sorted(p for p in path.rglob("*") if p.suffix.lower() in KNOWN_SUFFIXES and not p.is_dir())
            except OSError as exc:
                yield InputError(f"cannot read folder: {_reason(exc)}", given)
                continue
            if not files:
                yield InputError("folder holds no .txt, .md, .html, .json, .jsonl or .csv files", given)
            for file in files:
                yield from read_file(file, str(file), fields, input_format, max_bytes)
        else:
            yield from read_file(path, given, fields, input_format, max_bytes)


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
    if suffix in JSON_SUFFIXES:
        return "json"
    return "text"


def read_file(path: Path, source: str, fields: Fields = Fields(), input_format: str = "auto",
              max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    fmt = _format_of(path, input_format)
    try:
        handle, size = open_regular(path, source)
    except InputError as exc:
        yield exc
        return
    if fmt in ("jsonl", "csv"):
        with handle:
            yield from (read_jsonl if fmt == "jsonl" else read_csv)(handle, source, fields, max_bytes)
        return
    try:
        with handle:
            if size > max_bytes:  # refused from its size: nothing of it is read
                raise InputError(f"too large ({size:,} bytes, over the limit of {max_bytes:,})", source)
            data = _read_capped(handle, source, max_bytes)
    except InputError as exc:
        yield exc
        return
    except OSError as exc:
        yield InputError(f"cannot read: {_reason(exc)}", source)
        return
    items = _whole_items(data, source, fmt, fields)
    del data  # the bytes are freed once decoded
    yield from items


_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"))


def _not_regular(mode: int) -> str:
    return next((kind for test, kind in _KINDS if test(mode)), "a special file")


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc)


def open_regular(path: Path, source: str) -> tuple[io.BufferedReader, int]:
    """(binary handle, size) of a regular file; raises InputError for anything else. The kind
    is checked before the file is opened, so a FIFO, socket or device is never opened (a FIFO
    with no writer would block the run); the open itself does not block and is checked again,
    in case the path was replaced in between."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError("broken symbolic link" if os.path.islink(path) else "no such file or folder", source) from None
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read: {_reason(exc)}", source) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a folder", source)
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"not a regular file ({_not_regular(info.st_mode)})", source)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise InputError("no such file or folder", source) from None
    except OSError as exc:
        raise InputError(f"cannot read: {_reason(exc)}", source) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"not a regular file ({_not_regular(info.st_mode)})", source)
        return os.fdopen(fd, "rb"), info.st_size
    except BaseException:
        os.close(fd)
        raise


def read_bytes(path: Path, source: str, max_bytes: int = MAX_BYTES) -> bytearray:
    """The bytes of one regular file of at most max_bytes, its head sniffed first; raises
    InputError (for callers that read a file whole themselves, e.g. `framing check`)."""
    handle, size = open_regular(path, source)
    with handle:
        if size > max_bytes:
            raise InputError(f"too large ({size:,} bytes, over the limit of {max_bytes:,})", source)
        try:
            return _read_capped(handle, source, max_bytes)
        except OSError as exc:
            raise InputError(f"cannot read: {_reason(exc)}", source) from None


def _read_capped(stream, source: str, max_bytes: int) -> bytearray:
    """At most max_bytes from the stream: the head first, refused if it is binary, then the rest
    in chunks, refused as soon as it passes the limit (the stream may be endless)."""
    head = stream.read(min(SNIFF_BYTES, max_bytes + 1))
    if head is None:  # a non-blocking stream with nothing to give
        raise InputError("cannot read: no data (non-blocking input)", source)
    sniff(head, source)
    data = bytearray(head)
    while len(data) <= max_bytes:
        chunk = stream.read(min(_CHUNK, max_bytes + 1 - len(data)))
        if chunk is None:
            raise InputError("cannot read: no data (non-blocking input)", source)
        if not chunk:
            return data
        data += chunk
    raise InputError(f"too large (over the limit of {max_bytes:,} bytes)", source)


def _read_stdin(fields: Fields, input_format: str, max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    fmt = "text" if input_format == "auto" else input_format
    stdin = sys.stdin
    if stdin is None or getattr(stdin, "closed", False):  # `<&-`: Python sets sys.stdin to None
        yield InputError("standard input is closed", "-")
        return
    stream = getattr(stdin, "buffer", None)
    if stream is None:  # a text-only stand-in (tests, embedding): its text as UTF-8
        try:
            stream = io.BytesIO(stdin.read(max_bytes + 1).encode("utf-8", "surrogateescape"))
        except (OSError, ValueError) as exc:
            yield _stdin_error(exc)
            return
    if fmt in ("jsonl", "csv"):
        yield from (read_jsonl if fmt == "jsonl" else read_csv)(stream, "-", fields, max_bytes)
        return
    try:
        data = _read_capped(stream, "-", max_bytes)
    except InputError as exc:
        yield exc
        return
    except (OSError, ValueError) as exc:
        yield _stdin_error(exc)
        return
    items = _whole_items(data, "-", fmt, fields)
    del data
    yield from items


def _stdin_error(exc: Exception) -> InputError:
    import errno

    if isinstance(exc, UnicodeDecodeError):
        return InputError(f"cannot read: {exc.reason}", "-")
    if isinstance(exc, ValueError) or getattr(exc, "errno", None) == errno.EBADF:  # a closed file
        return InputError("standard input is closed", "-")
    return InputError(f"cannot read: {_reason(exc)}", "-")


# ---------------------------------------------------------------------------- decoding

# UTF-32 before UTF-16: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


def _bom(data) -> tuple[str, str] | None:
    """(codec, name) of the byte-order mark the data starts with, if any."""
    for bom, codec, name in _BOMS:
        if data[: len(bom)] == bom:
            return codec, name
    return None


def sniff(head, source: str) -> None:
    """Raises InputError when the first bytes are binary: NUL bytes in a file without a
    UTF-16 or UTF-32 byte-order mark (whose text holds NUL bytes by design)."""
    bom = _bom(head)
    if (bom is None or bom[1] == "UTF-8") and b"\x00" in head[:SNIFF_BYTES]:
        raise InputError("binary file (contains NUL bytes), not text", source)


def decode(data, source: str, html: bool = False) -> str:
    """Text of a whole file; raises InputError for binary, bad or empty bytes.

    A byte-order mark decides the encoding (UTF-8, UTF-16 or UTF-32, LE or BE; the mark is
    removed). Without one the text must be UTF-8, except that HTML (html=True) may declare
    its charset in a <meta> tag (or an XML declaration) in its first 4 KB. Bytes that start
    like a UTF-16 or UTF-32 BOM but whose length does not fit that encoding are judged as if
    they had no BOM (with NUL bytes in them: binary)."""
    bom = _bom(data)
    if bom is not None and bom[1] != "UTF-8" and len(data) % (2 if bom[1] == "UTF-16" else 4):
        bom = None  # a length that does not fit the encoding: bytes that only start like its BOM
    if bom is not None and bom[1] != "UTF-8":
        text = _decode_as(data, bom[0], bom[1], source)
        if "\x00" in text[:SNIFF_BYTES]:
            raise InputError("binary file (contains NUL bytes), not text", source)
    else:
        if b"\x00" in data[:SNIFF_BYTES]:
            raise InputError("binary file (contains NUL bytes), not text", source)
        declared = _declared_charset(data, source) if html and bom is None else None
        if declared is not None and (data.isascii() or not _is_utf8(data)):
            # The declared charset, unless the page is valid UTF-8 with non-ASCII bytes in it:
            # a saved page whose server sent UTF-8 while its template still says otherwise.
            text = _decode_as(data, declared[0], declared[1], source)
        else:
            text = _decode_as(data, "utf-8-sig", "UTF-8", source)
    if not text or text.isspace():
        raise InputError("empty file", source)
    return text


def _is_utf8(data) -> bool:
    try:
        codecs.decode(data, "utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decode_as(data, codec: str, name: str, source: str) -> str:
    if codec == "windows-1252":
        return codecs.charmap_decode(data, "strict", _windows_1252())[0]
    try:
        return codecs.decode(data, codec)
    except UnicodeDecodeError as exc:
        if codec.startswith(("utf-16", "utf-32")):
            line = codecs.decode(data[: exc.start], codec, "replace").count("\n") + 1
        else:
            line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"invalid {name} (byte {exc.start})", source, line) from None


@lru_cache(maxsize=1)
def _windows_1252() -> str:
    """windows-1252 as browsers decode it: the five bytes it leaves undefined are the C1
    controls of ISO-8859-1, so no byte fails."""
    return "".join(bytes([b]).decode("cp1252", "ignore") or chr(b) for b in range(256))


_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([^\s"'<>;/]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""\A\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([^"'<>]+)""", re.IGNORECASE)
# WHATWG labels Python does not know by these names
_CHARSET_ALIASES = {"windows-874": "cp874", "x-mac-cyrillic": "mac-cyrillic", "x-mac-roman": "mac-roman",
                    "iso-8859-8-i": "iso8859-8", "x-sjis": "shift_jis"}


def _declared_charset(data, source: str) -> tuple[str, str] | None:
    """(codec, name as declared) of the charset an HTML page declares in its first 4 KB, or
    None when it declares none (or UTF-8). ISO-8859-1 and ASCII mean windows-1252, as in
    browsers; UTF-16 and UTF-32 mean UTF-8 (a page whose <meta> can be read as ASCII is not
    UTF-16). Raises InputError for a charset Python does not know."""
    head = bytes(data[:CHARSET_BYTES])
    found = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if found is None:
        return None
    name = found.group(1).decode("ascii", "replace").strip()
    try:
        info = codecs.lookup(_CHARSET_ALIASES.get(name.lower(), name))
    except LookupError:
        info = None
    if info is None or not getattr(info, "_is_text_encoding", True):  # base64, zlib: not charsets
        raise InputError(f"unknown charset {name!r} declared in the page", source)
    codec = info.name
    if codec in ("iso8859-1", "ascii", "cp1252"):
        return "windows-1252", name
    if codec.startswith(("utf-8", "utf-16", "utf-32")):
        return None
    return codec, name


def _whole_items(data, source: str, fmt: str, fields: Fields) -> Iterator[Item]:
    """The Document(s) of a file read whole (text, Markdown, HTML, JSON), or its error."""
    try:
        text = decode(data, source, html=fmt == "html")
        del data
        if fmt == "json":
            rows = read_json(text, source, fields)
            del text  # read_json lets go of it once parsed
            yield from rows
        elif fmt == "html":
            yield html_document(text, source)
        else:
            yield text_document(text, source)
    except InputError as exc:
        yield exc
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


_LEADING_SPACE = re.compile(r"[\n\r\t ]*")
_NON_SPACE = re.compile(r"\S")  # what str.strip() keeps


def _first_line_title(text: str, start: int) -> str | None:
    """The first line is a title when a blank line follows it. (By positions, not slices: a
    slice of the body would copy the whole text.)"""
    pos = _LEADING_SPACE.match(text, start).end()
    end = text.find("\n", pos)
    if end == -1:
        return None
    first = text[pos:end]
    blank_end = text.find("\n", end + 1)
    if not first.strip() or blank_end == -1 or text[end + 1 : blank_end].strip():
        return None
    if _NON_SPACE.search(text, blank_end + 1) is None:
        return None
    title = first.strip().lstrip("#").strip()
    return title or None


def text_document(text: str, source: str, doc_id: str | None = None) -> Document:
    meta, body_start = split_front_matter(text, source)
    if _NON_SPACE.search(text, body_start) is None:
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

# A word: a run of letters or digits (with inner apostrophes or hyphens); each CJK character counts as one.
_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W_]+(?:['’-][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]]*(?:\s|$)")


def has_article_text(text: str) -> bool:
    """Whether extracted text is an article, not navigation or boilerplate: at least
    MIN_ARTICLE_WORDS words and at least one sentence ending (., !, ?, …). A menu ("Home
    World Sport") has no sentence; a footer ("(c) 2024 Example. All rights reserved.") is too
    short; a two-paragraph news brief has both."""
    return _SENTENCE_END.search(text) is not None and sum(1 for _ in _WORD.finditer(text)) >= MIN_ARTICLE_WORDS


def _year_only(date: str, html: str) -> bool:
    """Whether a date is only a year, which htmldate gives as 1 January when all it finds is a
    year: the copyright line ("(c) 2024" gives 2024-01-01), even a "2022" in "iso-2022-jp".
    A 1 January the page states (2024-01-01, 01/01/2024, January 1) is kept."""
    year, _, rest = date.partition("-")
    if rest != "01-01" or not year.isdigit():
        return False
    stated = rf"{year}[-/.]0?1[-/.]0?1|0?1[-/.]0?1[-/.]{year}|\bjan(uary)?\.?\s+0?1(st)?\b|\b0?1(st)?\s+jan"
    return re.search(stated, html, re.IGNORECASE) is None


def extract_html(html: str, source: str) -> tuple[str, dict]:
    """Main article text and metadata of an HTML page (trafilatura). Raises InputError when
    the page holds no article (see has_article_text)."""
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
    body = text[len(title):] if title and text.startswith(title) else text
    if not has_article_text(body):
        raise InputError("no article text found (navigation and boilerplate only)", source)
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    meta = {key: data.get(key) for key in ("title", "date", "url") if data.get(key)}
    if "date" in meta and _year_only(str(meta["date"]), html):
        del meta["date"]
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


def _row_document(row: dict, source: str, line: int | None, fields: Fields, where: str | None = None) -> Document:
    """A corpus row's Document; errors name `source` and `line`. Its source (and default id)
    is `where`, `source:line` unless given."""
    if where is None:
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


row_document = _row_document  # for other modules: framing.batch reads Parquet rows with it


def _json_kind(value) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return {dict: "object", list: "array", str: "string", type(None): "null"}.get(type(value), type(value).__name__)


def read_json(text: str | bytes, source: str, fields: Fields = Fields()) -> Iterator[Item]:
    """A JSON file: one article (an object) or an array of articles, each with the fields and
    rules of a JSONL row. An array item's source (and default id) is `source#N`, N counting
    from 1; a single object's is the source itself."""
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        reason = str(exc.msg).split(":")[0]
        yield InputError(f"invalid JSON: {reason} (column {exc.colno})", source, exc.lineno)
        return
    del text
    if isinstance(value, dict):
        try:
            yield _row_document(value, source, None, fields, source)
        except InputError as exc:
            yield exc
        return
    if not isinstance(value, list):
        yield InputError(f"a JSON {_json_kind(value)}, not an article or an array of articles", source)
        return
    if not value:
        yield InputError("an empty JSON array, no articles", source)
        return
    for number, row in enumerate(value, 1):
        where = f"{source}#{number}"
        if not isinstance(row, dict):
            yield InputError(f"expected an article (a JSON object), got a JSON {_json_kind(row)}", where)
            continue
        try:
            yield _row_document(row, where, None, fields, where)
        except InputError as exc:
            yield exc


def _peek(stream, size: int) -> bytes:
    """The first bytes of a stream, left unread (b"" when they cannot be looked at)."""
    try:
        peek = getattr(stream, "peek", None)
        if peek is not None:
            return peek(size)[:size]
        if stream.seekable():
            position = stream.tell()
            head = stream.read(size)
            stream.seek(position)
            return head
    except (OSError, ValueError):
        pass
    return b""


class _Utf8Lines:
    """A UTF-16 or UTF-32 stream (told by its BOM) read line by line as UTF-8 bytes, for the
    corpus readers, which take UTF-8 lines."""

    def __init__(self, stream, codec: str, name: str):
        self.text = io.TextIOWrapper(stream, encoding=codec, newline="\n")
        self.name = name

    def readline(self, size: int = -1) -> bytes:
        return self.text.readline(size).encode("utf-8")

    def detach(self) -> None:
        try:
            self.text.detach()  # the underlying stream is the caller's to close
        except ValueError:
            pass


def _corpus_stream(stream):
    """The stream, or a UTF-8 view of it when it starts with a UTF-16 or UTF-32 BOM."""
    bom = _bom(_peek(stream, 4))
    if bom is None or bom[1] == "UTF-8":
        return stream
    return _Utf8Lines(stream, *bom)


def _rest_of_line(readline, raw: bytes) -> int:
    """Reads to the end of a line of which `raw` is the start; its length in bytes."""
    size = len(raw)
    while raw[-1:] != b"\n":
        raw = readline(_CHUNK)
        if not raw:
            break
        size += len(raw)
    return size


def _too_large(size: int, max_bytes: int) -> str:
    return f"row too large ({size:,} bytes, over the limit of {max_bytes:,})"


def _stream_failed(exc: Exception, stream, source: str, line: int) -> InputError:
    """A read that failed mid-corpus: an I/O error, or (UTF-16/32) undecodable bytes."""
    if isinstance(exc, UnicodeDecodeError):
        name = stream.name if isinstance(stream, _Utf8Lines) else "UTF-8"
        return InputError(f"invalid {name}; the rest of the file is not read", source, line)
    return InputError(f"cannot read: {_reason(exc)}; the rest of the file is not read", source, line)


def read_jsonl(stream: io.BufferedIOBase, source: str, fields: Fields = Fields(),
               max_bytes: int = MAX_BYTES, first_line: int = 1) -> Iterator[Item]:
    """One document per line; blank lines are skipped, every other line is accounted for. A
    line (its line ending included) longer than max_bytes is an error for that line; no more
    than max_bytes of it is held. `first_line` > 1: the stream is a part of a file that starts
    at that line (framing.batch reads corpora in chunks), numbered as in the whole file."""
    stream = _corpus_stream(stream)
    readline = stream.readline
    seen_any = first_line > 1  # an empty chunk is no empty file
    number = first_line - 1
    try:
        for number, raw in enumerate(iter(partial(readline, max_bytes + 1), b""), first_line):
            if len(raw) > max_bytes:
                seen_any = True
                yield InputError(_too_large(_rest_of_line(readline, raw), max_bytes), source, number)
                continue
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
    except (OSError, UnicodeDecodeError) as exc:
        yield _stream_failed(exc, stream, source, number + 1)
        return
    finally:
        if isinstance(stream, _Utf8Lines):
            stream.detach()
    if not seen_any:
        yield InputError("empty file", source)


class _RowTooLarge(Exception):
    """Raised through csv.reader by _CsvLines when a row passes max_bytes."""


class _Unclosed(Exception):
    """Raised through csv.reader by _CsvLines when a row read again after a malformed one
    would go on into the next line as the malformed row did, to no better end (see replay)."""


def _line_ends(value: str) -> int:
    """How many line ends (LF, CRLF or a bare CR: _CsvLines' lines) a field holds."""
    return value.count("\n") + value.count("\r") - value.count("\r\n")


class _CsvLines:
    """The lines of a CSV stream for csv.reader, decoded one by one: a line of invalid UTF-8
    is noted in `bad` (and handed on with replacement characters, so that the reader keeps its
    place); a bare CR ends a line as LF and CRLF do (csv's newline="" reading, which it needs
    for mixed line endings); and the bytes of the current row are counted, raising
    _RowTooLarge when they pass max_bytes. `line` is the number of the last line handed out.
    The current row's lines after its first are kept (no more than max_bytes of them), so that
    `replay` can hand them out again."""

    def __init__(self, stream, max_bytes: int):
        self._readline = stream.readline
        self._limit = max_bytes + 1
        self.max_bytes = max_bytes
        self.line = 0
        self.bad: dict[int, str] = {}
        self.row_bytes = 0
        self.quotes = 0
        self._pending: list[bytes] = []  # lines to hand out before reading on, the next last
        self._buffer = b""  # bytes read from the stream that belong to the next lines
        self._line_ended = True
        self._rest: list[bytes] = []  # the current row's lines after its first
        self._last = b""  # the last line handed out from _pending
        self._replay_end = 0  # replay: the malformed row's last line
        self._field_ends: list[int] | None = None  # replay: the line each of its fields ended on
        self._width = 0  # replay: the header's number of fields

    def new_row(self) -> None:
        self.row_bytes = self.quotes = 0
        if self._rest:
            self._rest = []

    def replay(self, first: int, fields: list[str] | None = None, width: int = 0) -> None:
        """After a row on lines `first` to `line` that csv.reader failed on (fields None) or
        read with a number of fields other than the header's `width`: a quote opened on line
        `first` was not a quoted field's start. That line is the malformed row; the lines after
        it are handed out again, each read as the start of a row.

        A row started again on one of them (before the last) that goes on into the next line
        is in a quoted field there, as the malformed row was: from there on csv.reader reads
        the same, to the same end. So it is not read again: where csv.reader failed, it is
        malformed too, _Unclosed is raised; where it read a row, the fields the new row would
        have are counted (its first line's, then the malformed row's from the next line on),
        and the row is read only when they are as many as the header's, and then it ends on
        the last line. No line is read more than three times, however many rows are bad."""
        if fields is not None:
            line, ends = first, []
            for value in fields:
                if "\n" in value or "\r" in value:
                    line += _line_ends(value)
                ends.append(line)
            self._field_ends, self._width = ends, width
        else:
            self._field_ends = None
        self._pending.extend(reversed(self._rest))  # before any pieces of a line not yet handed out
        self._replay_end = self.line
        self.line = first
        self._line_ended = True
        self.new_row()

    def _goes_on(self) -> bool:
        """Whether the row begun on the last line handed out (inside a replay) is read on."""
        ends = self._field_ends
        if ends is None:
            return False
        start = self.line
        partial = next(csv.reader([self._last.decode("utf-8", "replace")]), [])  # not strict: the open field too
        later = len(ends) - bisect_right(ends, start)  # the fields ending after this line
        if len(partial) - 1 + later != self._width:
            return False
        self._replay_end = 0  # it ends on the malformed row's last line, as that did
        return True

    def _read(self) -> bytes:
        """The next line of the stream with its end (LF, CRLF or a bare CR; none at the end of
        the data), or the next `_limit` bytes or so of a line longer than that. readline stops
        only at LF: a bare CR inside what it read ends a line there (the rest is kept for the
        next call), a line it cut at the limit is read on to its end, and a CR it read last is
        joined by the LF that may follow it (one CRLF, not two line ends)."""
        buf, self._buffer = self._buffer, b""
        while True:
            if not buf:
                buf = self._readline(self._limit)
                if not buf:
                    return buf
            cr = buf.find(b"\r")
            if cr != -1:
                after = cr + 1
                if after < len(buf):
                    if buf[after] == 10:
                        after += 1
                    self._buffer = buf[after:]
                    return buf[:after]
                more = self._readline(self._limit)  # the CR was the last byte read
                if more[:1] == b"\n":
                    self._buffer = more[1:]
                    return buf + b"\n"
                self._buffer = more
                return buf
            if buf[-1] == 10 or len(buf) > self.max_bytes:
                return buf  # a whole line; or one too long for a row, which the caller reports
            more = self._readline(self._limit - len(buf))
            if not more:
                return buf  # the last line, without a line end
            buf += more

    def _raw(self) -> bytes:
        if self._pending:
            raw = self._last = self._pending.pop()
        else:
            raw = self._read()
            if not raw:
                return raw
        if self._line_ended:
            self.line += 1
        self._line_ended = raw[-1] in b"\r\n"
        self.row_bytes += len(raw)
        self.quotes += raw.count(b'"')
        return raw

    def __iter__(self) -> _CsvLines:
        return self

    def __next__(self) -> str:
        going_on = self.row_bytes  # the row began on an earlier line (a quoted field spans lines)
        if going_on and self.line < self._replay_end and not self._goes_on():
            raise _Unclosed
        if self._pending or self._buffer:
            raw = self._raw()
            if not raw:
                raise StopIteration
        else:  # _raw inlined for a whole line ending in LF or CRLF: most lines of most files
            raw = self._readline(self._limit)
            if not raw:
                raise StopIteration
            cr = raw.find(b"\r")
            if raw[-1] != 10 or (cr != -1 and cr != len(raw) - 2):
                self._buffer = raw  # a bare CR in it, or cut at the limit, or the last line
                raw = self._raw()
            else:
                if self._line_ended:
                    self.line += 1
                self._line_ended = True
                self.row_bytes += len(raw)
                self.quotes += raw.count(b'"')
        if self.row_bytes > self.max_bytes:
            raise _RowTooLarge
        if going_on:
            self._rest.append(raw)
        try:
            return raw.decode("utf-8-sig" if self.line == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            self.bad[self.line] = f"invalid UTF-8 (byte {exc.start} of the line)"
            return raw.decode("utf-8", "replace")

    def skip_row(self) -> int:
        """Reads past the rest of a row that is too large: to a line end where its quotes
        balance (the end of a quoted field that spans lines). Its size in bytes."""
        if self._rest:
            self._rest = []
        while not (self._line_ended and self.quotes % 2 == 0):
            if not self._raw():
                break
        return self.row_bytes


def read_csv(stream: io.BufferedIOBase, source: str, fields: Fields = Fields(),
             max_bytes: int = MAX_BYTES, first_line: int | None = None) -> Iterator[Item]:
    """One document per row, with a header row naming the fields. A row (all its lines)
    longer than max_bytes is an error for that row. With `first_line`, the stream is the
    file's header followed by a part of the file that starts at that line (framing.batch reads
    corpora in chunks): its rows are numbered as in the whole file."""
    csv.field_size_limit(min(max_bytes + 1, sys.maxsize))  # whole articles exceed the 128 kB default
    stream = _corpus_stream(stream)
    lines = _CsvLines(stream, max_bytes)
    try:
        yield from _csv_rows(lines, source, fields, max_bytes, first_line)
    except (OSError, UnicodeDecodeError) as exc:
        yield _stream_failed(exc, stream, source, lines.line + 1)
    finally:
        if isinstance(stream, _Utf8Lines):
            stream.detach()


_UNCLOSED = "malformed CSV row: unclosed quote"


def _csv_rows(lines: _CsvLines, source: str, fields: Fields, max_bytes: int,
              first_line: int | None = None) -> Iterator[Item]:
    # strict: a stray quote is an error. An unclosed one is not, when a later quote closes the
    # field, and csv fails only where the field ends wrongly (or at the end of the data): a row
    # over more than one line that csv fails on, or with a number of fields other than the
    # header's, is taken for a quote that opened no field. Its first line is the malformed row
    # and the lines after it are read again as rows (_CsvLines.replay).
    reader = csv.reader(lines, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        yield InputError("empty file", source)
        return
    except csv.Error as exc:
        yield InputError(f"malformed CSV header: {exc}", source, 1)
        return
    except _RowTooLarge:
        yield InputError(f"CSV header {_too_large(lines.skip_row(), max_bytes)}", source, 1)
        return
    lines.new_row()
    if 1 in lines.bad:
        yield InputError(lines.bad[1], source, 1)
        return
    if fields.text not in header:
        yield InputError(f"CSV header has no {fields.text!r} column (columns: {', '.join(header)})", source, 1)
        return
    if first_line is not None:  # a chunk: its first line after the header is this line of the file
        lines.line = first_line - 1
    bad = lines.bad
    width = len(header)
    row_start = lines.line + 1
    rows = blank = 0
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            rows += 1
            if lines.line > row_start:
                yield InputError(_UNCLOSED, source, row_start)
                lines.replay(row_start)
            else:
                reason = "unclosed quote" if str(exc) == "unexpected end of data" else exc
                yield InputError(f"malformed CSV row: {reason}", source, row_start)
                lines.new_row()
            row_start = lines.line + 1
            continue
        except _Unclosed:
            yield InputError(_UNCLOSED, source, row_start)
            rows += 1
            lines.new_row()
            row_start = lines.line + 1
            continue
        except _RowTooLarge:
            yield InputError(_too_large(lines.skip_row(), max_bytes), source, row_start)
            rows += 1
            lines.new_row()
            row_start = lines.line + 1
            continue
        rows += 1
        miscounted = len(values) != width
        if miscounted and lines.line > row_start:
            yield InputError(_UNCLOSED, source, row_start)
            lines.replay(row_start, values, width)
            row_start = lines.line + 1
            continue
        lines.new_row()
        line_span = range(row_start, lines.line + 1)
        number, row_start = row_start, lines.line + 1
        if not values or not any(v.strip() for v in values):
            blank += 1
            continue
        broken = next((n for n in line_span if n in bad), None) if bad else None
        if broken is not None:
            yield InputError(bad[broken], source, broken)
            continue
        if miscounted:
            yield InputError(f"row has {len(values)} fields, the header has {width}", source, number)
            continue
        try:
            yield _row_document(dict(zip(header, values)), source, number, fields)
        except InputError as exc:
            yield exc
    if first_line is not None:  # a chunk of a file: the file's first chunk says whether it has rows
        return
    if not rows:
        yield InputError("no rows after the header", source, 1)
    elif blank == rows:  # blank rows only: the file is still accounted for
        yield InputError("no rows after the header (only blank rows)", source, 1)
