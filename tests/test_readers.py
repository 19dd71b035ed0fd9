import io
import json
from pathlib import Path

from framing.errors import InputError
from framing.readers import Fields, read_csv, read_jsonl, read_paths


def items(*paths, **kw):
    return list(read_paths([str(p) for p in paths], **kw))


def test_markdown_front_matter_and_title(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: Given title\noutlet: Meridian Wire\ndate: 2026-03-14\nurl: https://x.example/a\n"
                    "section: world\n---\n\nHeadline here\n\nBody text.\n", encoding="utf-8")
    (doc,) = items(path)
    assert (doc.title, doc.outlet, doc.date, doc.url) == ("Given title", "Meridian Wire", "2026-03-14", "https://x.example/a")
    assert doc.metadata == {"section": "world"}
    assert doc.source == str(path) and doc.id == str(path)
    assert doc.text.startswith("---\n")  # offsets refer to the file as decoded
    assert doc.body.strip().startswith("Headline here")


def test_text_title_is_the_first_line_when_a_blank_line_follows(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("Headline\n\nBody. More body.\n", encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("No title here\nbecause no blank line follows.\n", encoding="utf-8")
    doc_a, doc_b = items(a, b)
    assert doc_a.title == "Headline" and doc_b.title is None


def test_bom_is_removed_and_nothing_else_changes(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffLine one\r\nso-called\r\n".encode("utf-8"))
    (doc,) = items(path)
    assert doc.text == "Line one\r\nso-called\r\n"


def test_bad_files_each_give_one_error_and_others_still_load(tmp_path):
    (tmp_path / "good.txt").write_text("Fine text.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"line one\nbad \xff byte\n")
    (tmp_path / "bin.txt").write_bytes(b"\x89PNG\x00\x00\x01")
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    (tmp_path / "fm.md").write_text("---\ntitle: [unclosed\n---\nBody\n", encoding="utf-8")
    results = items(tmp_path / "bad.txt", tmp_path / "bin.txt", tmp_path / "empty.txt", tmp_path / "fm.md",
                    tmp_path / "missing.txt", tmp_path / "good.txt")
    messages = [str(r) for r in results[:-1]]
    assert messages[0] == f"{tmp_path / 'bad.txt'}:2: invalid UTF-8 (byte 13)"
    assert messages[1] == f"{tmp_path / 'bin.txt'}: binary file (contains NUL bytes), not text"
    assert messages[2] == f"{tmp_path / 'empty.txt'}: empty file"
    assert messages[3].startswith(f"{tmp_path / 'fm.md'}:") and "invalid front matter" in messages[3]
    assert messages[4] == f"{tmp_path / 'missing.txt'}: no such file or folder"
    assert all(isinstance(r, InputError) for r in results[:-1])
    assert results[-1].text == "Fine text."


def test_folders_are_read_recursively_in_sorted_order(tmp_path):
    for name in ["b.txt", "a/z.md", "a/c.txt", "skip.bin"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Text of {name}.", encoding="utf-8")
    assert [Path(d.source).relative_to(tmp_path).as_posix() for d in items(tmp_path)] == ["a/c.txt", "a/z.md", "b.txt"]


def test_jsonl_rows_and_row_errors():
    lines = [
        json.dumps({"text": "First article.", "title": "T1", "outlet": "O", "id": "x1", "extra": 5}),
        "",
        "{not json",
        json.dumps(["a list"]),
        json.dumps({"title": "no text"}),
        json.dumps({"text": "   "}),
        json.dumps({"text": 42}),
        json.dumps({"text": "Second article."}),
    ]
    data = ("\n".join(lines) + "\n").encode("utf-8") + b'{"text": "bad \xff"}\n'
    results = list(read_jsonl(io.BytesIO(data), "c.jsonl"))
    assert len(results) == 8  # every non-blank line accounted for
    first = results[0]
    assert (first.id, first.title, first.outlet, first.source, first.metadata) == ("x1", "T1", "O", "c.jsonl:1", {"extra": 5})
    errors = [str(r) for r in results if isinstance(r, InputError)]
    assert errors[0].startswith("c.jsonl:3: invalid JSON")
    assert errors[1] == "c.jsonl:4: expected a JSON object, got list"
    assert errors[2] == "c.jsonl:5: row has no 'text' field"
    assert errors[3] == "c.jsonl:6: field 'text' is empty"
    assert errors[4] == "c.jsonl:7: field 'text' must be a string"
    assert errors[5].startswith("c.jsonl:9: invalid UTF-8")
    assert results[6].id == "c.jsonl:8"


def test_csv_stray_quotes_are_errors_not_merged_rows():
    data = b'id,text\nr1,"fine"\nr2,"unterminated quote\nr3,"more text"\nr4,"also fine"\n'
    results = [str(r) if isinstance(r, InputError) else r.id for r in read_csv(io.BytesIO(data), "q.csv")]
    # The row that opens a quote it never closes is the error; the rows after it are read (r3 too).
    assert results == ["r1", "q.csv:3: malformed CSV row: unclosed quote", "r3", "r4"]
    multiline = b'id,text\nr1,"one\n\nparagraph"\nr2,ok\n'
    assert [d.text for d in read_csv(io.BytesIO(multiline), "m.csv")] == ["one\n\nparagraph", "ok"]
    (header_only,) = read_csv(io.BytesIO(b"id,text\n"), "h.csv")
    assert str(header_only) == "h.csv:1: no rows after the header"


def test_jsonl_first_line_may_start_with_a_bom():
    data = b"\xef\xbb\xbf" + json.dumps({"text": "One."}).encode() + b"\n" + json.dumps({"text": "Two."}).encode()
    documents = list(read_jsonl(io.BytesIO(data), "c.jsonl"))
    assert [d.text for d in documents] == ["One.", "Two."]


def test_jsonl_field_names_are_configurable():
    data = json.dumps({"body": "Words.", "headline": "H", "site": "S", "key": "k"}).encode() + b"\n"
    (doc,) = read_jsonl(io.BytesIO(data), "c.jsonl", Fields(text="body", title="headline", outlet="site", id="key"))
    assert (doc.text, doc.title, doc.outlet, doc.id) == ("Words.", "H", "S", "k")


def test_csv_rows_multiline_fields_and_errors():
    data = (
        'id,title,text,outlet\n'
        'a,T,"First, with\nnewline.",O\n'
        'b,T2,Second.\n'
        'c,T3,,O\n'
        'd,T4,Fourth.,O\n'
    ).encode("utf-8") + b'e,T5,bad \xff,O\n'
    results = list(read_csv(io.BytesIO(data), "c.csv"))
    assert results[0].text == "First, with\nnewline." and results[0].source == "c.csv:2"
    assert str(results[1]) == "c.csv:4: row has 3 fields, the header has 4"
    assert str(results[2]) == "c.csv:5: field 'text' is empty"
    assert results[3].id == "d"
    assert str(results[4]).startswith("c.csv:7: invalid UTF-8")
    assert len(results) == 5


def test_csv_without_text_column_is_one_error():
    (error,) = list(read_csv(io.BytesIO(b"title,body\nx,y\n"), "c.csv"))
    assert str(error) == "c.csv:1: CSV header has no 'text' column (columns: title, body)"


HTML = """<!DOCTYPE html><html><head><title>Strikes hit Telmar | Example News</title>
<meta property="og:site_name" content="Example News"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Strikes hit Telmar</h1>
<p>TELMAR — Air strikes by the coalition hit the border town of Telmar on Tuesday, officials said, and
the so-called security zone was extended by another ten kilometres to the east of the river.</p>
<p>At least twelve people were killed, according to the local health office, which gave the figure
in a statement released late on Tuesday evening after rescuers had searched the damaged buildings.</p>
<p>The coalition said it had targeted weapons depots used by armed groups in the area and that it
would publish its own assessment of the strikes within the coming days, a spokesman told reporters.</p>
</article><footer>Copyright Example News. All rights reserved. Subscribe to our newsletter.</footer></body></html>"""


def test_html_main_text_is_extracted(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    (doc,) = items(path)
    assert "so-called security zone" in doc.text
    assert "Subscribe to our newsletter" not in doc.text and "Sport" not in doc.text
    assert doc.title.startswith("Strikes hit Telmar")


def test_html_without_article_text_is_an_error(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><style>p {}</style></head><body><script>go()</script></body></html>", encoding="utf-8")
    (error,) = items(path)
    assert isinstance(error, InputError) and "no article text found" in str(error)
