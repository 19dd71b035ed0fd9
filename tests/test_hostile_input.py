"""Input that would hang, exhaust memory or be misread: special files, endless or oversized
streams, JSON arrays, UTF-16 and declared HTML charsets, pages without an article, mixed CSV
line endings, a closed stdin. Every test is guarded so that a reader that regresses fails it
instead of hanging the run: the command runs in a subprocess with a timeout and a memory
limit, and endless streams refuse to give more than a bounded number of bytes."""

from __future__ import annotations

import codecs
import io
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from framing.errors import InputError
from framing.readers import Fields, read_csv, read_jsonl, read_paths

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "Officials said the talks would resume on Monday, after a week of so-called technical delays.\n"


def items(*paths, **kw):
    return list(read_paths([str(p) for p in paths], **kw))


def messages(results):
    return [str(r) if isinstance(r, InputError) else r.source for r in results]


def command(*args, stdin=None, shell_stdin=None, timeout=60):
    """`python -m framing ARGS` in a subprocess, bounded in time and memory (1.5 GB of address
    space), so that a reader that reads forever or blocks fails the test instead of the run."""
    def limit():
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))

    argv = [sys.executable, "-m", "framing", *map(str, args)]
    if shell_stdin is not None:  # e.g. "<&-": the command run by a shell with that redirection
        argv = ["sh", "-c", f'exec "$@" {shell_stdin}', "sh", *argv]
    try:
        return subprocess.run(argv, cwd=ROOT, input=stdin, capture_output=True, timeout=timeout,
                              preexec_fn=limit)
    except subprocess.TimeoutExpired:
        pytest.fail(f"framing {' '.join(map(str, args))} did not finish in {timeout} s")


ANALYZE = ("analyze", "--no-classifier", "-f", "jsonl")


class Endless(io.RawIOBase):
    """A stream that never ends (like /dev/zero or a runaway pipe), counting what is read;
    past `guard` bytes it raises, so a reader that reads everything fails quickly."""

    def __init__(self, head: bytes = b"", fill: bytes = b"a", guard: int = 50_000_000):
        self.head, self.fill, self.guard, self.given = head, fill, guard, 0

    def readable(self):
        return True

    def readinto(self, buffer):
        if self.given > self.guard:
            raise AssertionError(f"read {self.given:,} bytes of an endless stream")
        size = len(buffer)
        data = (self.head[self.given:] + self.fill * size)[:size] if self.given < len(self.head) else self.fill * size
        buffer[:size] = data
        self.given += size
        return size


class Stdin:
    def __init__(self, raw):
        self.buffer = raw if isinstance(raw, io.BufferedIOBase) else io.BufferedReader(raw)
        self.closed = False


# ------------------------------------------------------------------- 1. special files, sizes


def test_a_fifo_is_refused_by_name_and_the_files_beside_it_are_read(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, "utf-8")
    result = command(*ANALYZE, fifo, good)  # before: blocked forever opening the FIFO
    assert result.returncode == 2
    assert result.stderr.decode().splitlines()[0] == f"framing: {fifo}: not a regular file (a FIFO)"
    assert [json.loads(line)["source"] for line in result.stdout.decode().splitlines()] == [str(good)]


def test_a_fifo_met_in_a_folder_is_refused_not_opened(tmp_path):
    os.mkfifo(tmp_path / "a-pipe.md")
    (tmp_path / "b.txt").write_text(ARTICLE, "utf-8")
    done: list = []
    reader = threading.Thread(target=lambda: done.append(items(tmp_path)), daemon=True)
    reader.start()
    reader.join(20)
    if reader.is_alive():  # blocked in open(): give it a writer so the thread can end, then fail
        os.close(os.open(tmp_path / "a-pipe.md", os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("reading a folder with a FIFO in it blocked")
    (results,) = done
    assert messages(results) == [f"{tmp_path / 'a-pipe.md'}: not a regular file (a FIFO)", str(tmp_path / "b.txt")]


def test_devices_and_sockets_are_refused_without_being_read():
    result = command(*ANALYZE, "/dev/zero", "/dev/urandom", "--no-default-lexicons")  # before: read until MemoryError
    assert result.returncode == 2
    assert result.stderr.decode().splitlines()[:2] == ["framing: /dev/zero: not a regular file (a character device)",
                                                       "framing: /dev/urandom: not a regular file (a character device)"]
    folder = Path(tempfile.mkdtemp(prefix="fr"))  # short: a socket path has a length limit
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(folder / "s.txt"))
        assert messages(items(folder / "s.txt")) == [f"{folder / 's.txt'}: not a regular file (a socket)"]
    finally:
        server.close()
        os.unlink(folder / "s.txt")
        folder.rmdir()


def test_odd_paths_are_input_errors_not_exceptions(tmp_path):
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    long_name = tmp_path / ("x" * 300 + ".txt")
    results = items("with\x00nul.txt", long_name, tmp_path / "dangling.txt")  # before: ValueError, OSError
    assert messages(results) == ["with\x00nul.txt: cannot read: embedded null byte",
                                 f"{long_name}: cannot read: File name too long",
                                 f"{tmp_path / 'dangling.txt'}: broken symbolic link"]
    assert messages(items(tmp_path)) == [f"{tmp_path / 'dangling.txt'}: broken symbolic link"]  # not skipped


def test_a_file_over_the_limit_is_refused_from_its_size(tmp_path):
    from framing.readers import MAX_BYTES

    assert MAX_BYTES == 100_000_000
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:  # sparse: 100 MB + 1 byte of nothing on disk
        handle.write(b"Text.")
        handle.truncate(MAX_BYTES + 1)
    small = tmp_path / "small.md"
    small.write_text("A" * 50, "utf-8")
    assert messages(items(big)) == [f"{big}: too large (100,000,001 bytes, over the limit of 100,000,000)"]
    assert messages(items(small, max_bytes=49)) == [f"{small}: too large (50 bytes, over the limit of 49)"]
    assert items(small, max_bytes=50)[0].text == "A" * 50
    html = tmp_path / "page.html"
    html.write_text("<html>" + "x" * 100 + "</html>", "utf-8")
    assert messages(items(html, max_bytes=100)) == [f"{html}: too large (113 bytes, over the limit of 100)"]


def test_stdin_is_read_to_the_limit_and_no_further(monkeypatch):
    endless = Endless()
    monkeypatch.setattr(sys, "stdin", Stdin(endless))
    (error,) = read_paths(["-"], max_bytes=100_000)  # before: read until the guard
    assert str(error) == "-: too large (over the limit of 100,000 bytes)"
    assert endless.given < 100_000 + 2 * 8192 + (1 << 20)  # the limit, the head and one chunk at most
    monkeypatch.setattr(sys, "stdin", Stdin(io.BytesIO(ARTICLE.encode())))
    (doc,) = read_paths(["-"], max_bytes=len(ARTICLE))
    assert doc.text == ARTICLE


def test_binary_is_told_from_the_first_bytes_before_the_rest_is_read(monkeypatch):
    endless = Endless(head=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    monkeypatch.setattr(sys, "stdin", Stdin(endless))
    (error,) = read_paths(["-"])
    assert str(error) == "-: binary file (contains NUL bytes), not text"
    assert endless.given <= 64 * 1024  # the head only (through the stdin buffer)


class Lines(io.BytesIO):
    """BytesIO that records the longest line it handed out: what a reader held at once."""

    longest = 0

    def readline(self, size=-1):
        line = super().readline(size)
        self.longest = max(self.longest, len(line))
        return line


def test_a_jsonl_line_over_the_limit_is_an_error_for_that_line_only():
    rows = [json.dumps({"text": "One."}), json.dumps({"text": "x" * 5000}), "", json.dumps({"text": "Three."})]
    stream = Lines(("\n".join(rows) + "\n").encode())
    results = list(read_jsonl(stream, "c.jsonl", max_bytes=1000))  # before: no max_bytes parameter
    assert messages(results) == ["c.jsonl:1", "c.jsonl:2: row too large (5,013 bytes, over the limit of 1,000)",
                                 "c.jsonl:4"]
    assert stream.longest <= 1 << 20  # the long line was read in bounded pieces, never whole
    assert list(read_jsonl(Lines(b'{"text": "Last, no newline."}'), "c.jsonl", max_bytes=1000))[0].text == "Last, no newline."


def test_a_jsonl_file_of_one_endless_line_ends_in_one_error(tmp_path):
    path = tmp_path / "one-line.jsonl"
    with path.open("wb") as handle:
        handle.write(b'{"text": "')
        handle.truncate(150_000_000)  # sparse, no newline: 150 MB on one line
    results = command(*ANALYZE, path, "--no-default-lexicons")  # before: the line read whole
    assert results.returncode == 2
    assert results.stderr.decode().splitlines()[0] == (
        f"framing: {path}:1: row too large (150,000,000 bytes, over the limit of 100,000,000)")


def test_a_csv_row_over_the_limit_is_an_error_and_the_next_rows_are_read():
    big = "word " * 400
    row = f'r2,"{big}\n{big}\n\n{big}"\n'  # 6,009 bytes on lines 3-6
    data = f'id,text\nr1,One.\n{row}r3,Three.\nr4,"quoted, fine"\n'.encode()
    results = list(read_csv(io.BytesIO(data), "c.csv", max_bytes=1000))  # before: no max_bytes parameter
    assert messages(results) == ["c.csv:2", f"c.csv:3: row too large ({len(row):,} bytes, over the limit of 1,000)",
                                 "c.csv:7", "c.csv:8"]
    assert [r.id for r in results if not isinstance(r, InputError)] == ["r1", "r3", "r4"]
    (header,) = read_csv(io.BytesIO(b"id," + b"t" * 2000 + b"\n"), "h.csv", max_bytes=1000)
    assert str(header) == "h.csv:1: CSV header row too large (2,004 bytes, over the limit of 1,000)"


# ------------------------------------------------------------------------------ 2. JSON


def test_a_json_array_is_a_corpus_of_articles(tmp_path):
    path = tmp_path / "articles.json"
    path.write_text(json.dumps([
        {"text": "First article.", "title": "One", "outlet": "Herald", "section": "world"},
        {"text": "Second article.", "id": "own-id"},
        "not an article",
        {"title": "no text"},
        {"text": ""},
    ], indent=2), "utf-8")
    results = items(path)
    first, second = results[:2]
    assert (first.text, first.title, first.outlet, first.metadata) == ("First article.", "One", "Herald", {"section": "world"})
    assert (first.source, first.id) == (f"{path}#1", f"{path}#1")
    assert (second.source, second.id) == (f"{path}#2", "own-id")
    assert messages(results[2:]) == [f"{path}#3: expected an article (a JSON object), got a JSON string",
                                     f"{path}#4: row has no 'text' field", f"{path}#5: field 'text' is empty"]


def test_a_json_object_is_one_article_and_anything_else_is_an_error(tmp_path):
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"body": "Only article.", "headline": "H"}), "utf-8")
    (doc,) = items(one, fields=Fields(text="body", title="headline"))
    assert (doc.text, doc.title, doc.source, doc.id) == ("Only article.", "H", str(one), str(one))
    cases = {"number.json": "42", "string.json": '"text"', "null.json": "null", "bool.json": "true",
             "empty-array.json": "[]", "broken.json": '[\n  {"text": "a"},\n  {"text": }\n]'}
    for name, content in cases.items():
        (tmp_path / name).write_text(content, "utf-8")
    got = dict(zip(cases, messages(items(*(tmp_path / name for name in cases)))))
    assert got["number.json"].endswith("number.json: a JSON number, not an article or an array of articles")
    assert got["string.json"].endswith(": a JSON string, not an article or an array of articles")
    assert got["null.json"].endswith(": a JSON null, not an article or an array of articles")
    assert got["bool.json"].endswith(": a JSON boolean, not an article or an array of articles")
    assert got["empty-array.json"].endswith(": an empty JSON array, no articles")
    assert got["broken.json"].startswith(f"{tmp_path / 'broken.json'}:3: invalid JSON")


def test_json_files_are_read_in_folders_and_by_input_format(tmp_path, monkeypatch):
    (tmp_path / "a.json").write_text(json.dumps([{"text": "In a folder."}]), "utf-8")
    (tmp_path / "b.txt").write_text("Text.", "utf-8")
    assert messages(items(tmp_path)) == [f"{tmp_path / 'a.json'}#1", str(tmp_path / "b.txt")]
    monkeypatch.setattr(sys, "stdin", Stdin(io.BytesIO(b'[{"text": "From stdin."}]')))
    (doc,) = read_paths(["-"], input_format="json")
    assert (doc.text, doc.source) == ("From stdin.", "-#1")
    odd = tmp_path / "export.data"
    odd.write_text('{"text": "Named format."}', "utf-8")
    assert items(odd, input_format="json")[0].text == "Named format."


# -------------------------------------------------------------------------- 3. encodings


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_files_are_decoded_by_their_bom(tmp_path, codec):
    text = "Headline\n\nThe “so-called” zone — déjà vu, 北京, 🙂.\n"
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
           "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}[codec]
    path = tmp_path / "wide.txt"
    path.write_bytes(bom + text.encode(codec))
    (doc,) = items(path)  # before: "binary file (contains NUL bytes)"
    assert doc.text == text and doc.title == "Headline"
    assert doc.text.index("so-called") == 15  # offsets count code points of the decoded text:
    assert doc.text[doc.text.index("🙂") + 1] == "."  # one for 🙂, where UTF-16 has two units


def test_broken_utf16_is_an_error_with_its_byte_and_line(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "Line one\nLine two\n".encode("utf-16-le") + "\udc00".encode("utf-16-le", "surrogatepass"))
    assert messages(items(path)) == [f"{path}:3: invalid UTF-16 (byte 38)"]


def test_utf16_corpora_are_read_by_their_bom(tmp_path):
    jsonl = tmp_path / "c.jsonl"
    jsonl.write_bytes(codecs.BOM_UTF16_LE + '{"text": "Première."}\r\n{"text": "Second."}\r\n'.encode("utf-16-le"))
    assert [(d.text, d.source) for d in items(jsonl)] == [("Première.", f"{jsonl}:1"), ("Second.", f"{jsonl}:2")]
    table = tmp_path / "t.csv"
    table.write_bytes(codecs.BOM_UTF16_BE + 'id,text\r\na,"Zwei\r\nZeilen"\r\nb,Zwölf.\r\n'.encode("utf-16-be"))
    assert [(d.id, d.text, d.source) for d in items(table)] == [("a", "Zwei\r\nZeilen", f"{table}:2"),
                                                                ("b", "Zwölf.", f"{table}:4")]


PAGE = ("<html><head>{meta}<title>Harbour</title></head><body><article><h1>Harbour</h1>"
        "<p>The harbour at Telmar reopened on Wednesday after a three-day strike by the dock workers ended, "
        "the port authority said in a {quote}brief{unquote} statement.</p>"
        "<p>The union said its members had accepted a new pay offer from the caf\u00e9 owners' association.</p>"
        "</article></body></html>")


@pytest.mark.parametrize("meta, charset", [
    ('<meta charset="iso-8859-1">', "latin-1"),
    ("<meta http-equiv='Content-Type' content='text/html; charset=windows-1252'>", "cp1252"),
    ('<META HTTP-EQUIV="content-type" CONTENT="text/html;charset=ISO-8859-15">', "iso-8859-15"),
])
def test_html_is_decoded_with_the_charset_it_declares(tmp_path, meta, charset):
    quote, unquote = ("\u201c", "\u201d") if charset == "cp1252" else ("'", "'")
    path = tmp_path / "page.html"
    path.write_bytes(PAGE.format(meta=meta, quote=quote, unquote=unquote).encode(charset))
    (doc,) = items(path)  # before: "invalid UTF-8"
    assert "caf\u00e9 owners" in doc.text and f"{quote}brief{unquote}" in doc.text


def test_iso_8859_1_pages_are_decoded_as_browsers_do(tmp_path):
    # windows-1252's curly quotes in a page labelled iso-8859-1 are quotes, not C1 controls
    path = tmp_path / "page.html"
    path.write_bytes(PAGE.format(meta='<meta charset="iso-8859-1">', quote="\u201c", unquote="\u201d").encode("cp1252"))
    assert "\u201cbrief\u201d" in items(path)[0].text


def test_html_charset_errors_name_the_charset(tmp_path):
    unknown = tmp_path / "unknown.html"
    unknown.write_bytes(PAGE.format(meta='<meta charset="x-martian">', quote="", unquote="").encode("latin-1"))
    not_text = tmp_path / "b64.html"
    not_text.write_bytes(PAGE.format(meta='<meta charset="base64">', quote="", unquote="").encode("latin-1"))
    assert messages(items(unknown, not_text)) == [f"{unknown}: unknown charset 'x-martian' declared in the page",
                                                  f"{not_text}: unknown charset 'base64' declared in the page"]


def test_a_page_declaring_latin1_that_is_utf8_is_read_as_utf8(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(PAGE.format(meta='<meta charset="iso-8859-1">', quote="«", unquote="»").encode("utf-8"))
    assert "caf\u00e9 owners" in items(path)[0].text  # not "cafÃ©"


def test_a_seven_bit_charset_is_decoded_by_its_declaration(tmp_path):
    # iso-2022-jp is all ASCII bytes, so valid UTF-8: the declaration decides, not the bytes
    path = tmp_path / "jp.html"
    path.write_bytes(PAGE.format(meta='<meta charset="iso-2022-jp">', quote="", unquote="")
                     .replace("caf\u00e9", "\u6771\u4eac").encode("iso-2022-jp"))
    (doc,) = items(path)
    assert "\u6771\u4eac owners" in doc.text
    assert doc.date is None  # not 2022-01-01 from the "2022" in the charset's name


def test_text_without_a_bom_is_still_utf8_only(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes(b'<meta charset="iso-8859-1">\nCaf\xe9\n')  # a charset is honoured in HTML only
    assert messages(items(path)) == [f"{path}:2: invalid UTF-8 (byte 31)"]


# -------------------------------------------------------------------- 4. HTML with no article

NAV_ONLY = ('<html><head><title>Example News</title></head><body><nav><a href="/">Home</a></nav>'
            "<footer>(c) 2024 Example News</footer></body></html>")
BRIEF = ('<html><head><title>Port reopens | Example News</title></head><body>'
         '<nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Port reopens</h1>'
         "<p>The port of Telmar reopened on Wednesday after a three-day strike by dock workers ended.</p>"
         "<p>The union said its members had accepted a new pay offer.</p></article>"
         "<footer>(c) 2024 Example News</footer></body></html>")


def test_a_page_of_navigation_and_footer_is_no_article(tmp_path):
    path = tmp_path / "nav.html"
    path.write_text(NAV_ONLY, "utf-8")
    (error,) = items(path)  # before: a one-word article "Home" dated 2024-01-01
    assert str(error) == f"{path}: no article text found (navigation and boilerplate only)"
    menu = tmp_path / "menu.html"
    menu.write_text("<html><body><div><p>" + " ".join(["Home", "World", "Sport", "Business", "Politics"] * 4)
                    + "</p></div></body></html>", "utf-8")
    assert messages(items(menu)) == [f"{menu}: no article text found (navigation and boilerplate only)"]


def test_a_two_paragraph_brief_is_an_article_and_not_dated_by_its_copyright(tmp_path):
    path = tmp_path / "brief.html"
    path.write_text(BRIEF, "utf-8")
    (doc,) = items(path)
    assert "accepted a new pay offer" in doc.text and doc.title.startswith("Port reopens")
    assert doc.date is None  # "(c) 2024" is not a publication date
    dated = tmp_path / "dated.html"
    dated.write_text(BRIEF.replace("<title>", '<meta property="article:published_time" content="2024-01-01">'
                                   "<title>"), "utf-8")
    assert items(dated)[0].date == "2024-01-01"


# ------------------------------------------------------- 5. CSV line endings and quotes


def test_csv_with_mixed_line_endings_is_read():
    data = b'id,text\r\na,First.\rb,Second.\nc,"Two\rlines."\r\nd,Fourth.\r'
    results = list(read_csv(io.BytesIO(data), "m.csv"))  # before: "new-line character seen in unquoted field"
    assert [(d.id, d.text, d.source) for d in results] == [
        ("a", "First.", "m.csv:2"), ("b", "Second.", "m.csv:3"), ("c", "Two\rlines.", "m.csv:4"),
        ("d", "Fourth.", "m.csv:6")]


UNCLOSED = "malformed CSV row: unclosed quote"


def test_an_unclosed_csv_quote_is_one_bad_row_and_the_rows_after_it_are_read():
    csv_of = lambda data: messages(read_csv(io.BytesIO(data), "c.csv"))  # noqa: E731
    # before: one "malformed CSV row (lines 2-3): unexpected end of data", the good row lost
    assert csv_of(b'text\n"abc\ngood row\n') == [f"c.csv:2: {UNCLOSED}", "c.csv:3"]
    # before: "c.csv:3: malformed CSV row (lines 3-4): ',' expected after '\"'", r3 lost
    assert csv_of(b'id,text\nr1,"fine"\nr2,"unterminated\nr3,"more text"\nr4,"also fine"\n') == [
        "c.csv:2", f"c.csv:3: {UNCLOSED}", "c.csv:4", "c.csv:5"]
    # a later quote closes the field, but the row it makes has the wrong number of fields
    (error, document) = read_csv(io.BytesIO(b'text,other\n"abc\n"\nmore",x\n'), "c.csv")
    assert str(error) == f"c.csv:2: {UNCLOSED}" and (document.source, document.text) == ("c.csv:3", "\nmore")
    assert csv_of(b'text\nok\n"abc') == ["c.csv:2", f"c.csv:3: {UNCLOSED}"]  # on the last line
    assert csv_of(b'text\r"a\r"b\rok\r') == [f"c.csv:2: {UNCLOSED}", f"c.csv:3: {UNCLOSED}", "c.csv:4"]
    utf16 = codecs.BOM_UTF16_LE + 'text\n"abc\ngood row\n'.encode("utf-16-le")
    assert csv_of(utf16) == [f"c.csv:2: {UNCLOSED}", "c.csv:3"]


def test_quoted_csv_fields_that_close_on_a_later_line_are_one_row():
    data = b'text,other\n"one\n\ntwo",x\n"three\n",y\n"a ""quoted""\nword",z\nlast,w\n'
    results = list(read_csv(io.BytesIO(data), "c.csv"))
    assert [(d.source, d.text) for d in results] == [
        ("c.csv:2", "one\n\ntwo"), ("c.csv:5", "three\n"), ("c.csv:7", 'a "quoted"\nword'), ("c.csv:9", "last")]


@pytest.mark.parametrize("rows, expected", [
    (b'good row,1\n"abc\n' * 2_500, ["c.csv:{}", f"c.csv:{{}}: {UNCLOSED}"] * 2_500),
    (b'a","\n' * 20_000, [f"c.csv:{{}}: {UNCLOSED}"] * 20_000),  # each line opens a field the next goes on with
    (b'a","\n' * 20_000 + b'b"\n', [f"c.csv:{{}}: {UNCLOSED}"] * 19_999 + ["c.csv:{}"]),  # ... closed at the end
])
def test_many_unclosed_csv_quotes_are_read_in_linear_time(rows, expected):
    import time

    started = time.perf_counter()
    results = messages(read_csv(io.BytesIO(b"text,other\n" + rows), "c.csv"))
    elapsed = time.perf_counter() - started
    assert results == [line.format(number) for number, line in enumerate(expected, 2)]
    assert elapsed < 3, f"{elapsed:.1f} s: each bad row reads the rest of the file again"  # linear: ~0.1 s


def test_a_csv_of_blank_rows_is_one_error():
    (error,) = read_csv(io.BytesIO(b'text,other\n,\n\n , \n"",""\n'), "c.csv")  # before: nothing at all
    assert str(error) == "c.csv:1: no rows after the header (only blank rows)"
    (header_only,) = read_csv(io.BytesIO(b"text,other\n"), "c.csv")
    assert str(header_only) == "c.csv:1: no rows after the header"


# ---------------------------------------------------------------------- 6. a closed stdin


def test_a_closed_stdin_is_an_input_error(monkeypatch):
    monkeypatch.setattr(sys, "stdin", None)
    assert messages(read_paths(["-"])) == ["-: standard input is closed"]
    assert messages(read_paths(["-"], input_format="jsonl")) == ["-: standard input is closed"]
    result = command(*ANALYZE, "-", "--no-default-lexicons", shell_stdin="<&-")  # before: a traceback
    assert result.returncode == 2
    assert result.stderr.decode().splitlines() == ["framing: -: standard input is closed",
                                                   "framing: 1 input(s) could not be read"]
