"""The README's table of bad inputs, checked: every row's input is made here, `framing analyze` runs
on all of them at once, and each row's line must be what it prints (the good file beside them is
still analysed, and the status is 2)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Each README row's input, as (file name, bytes); None makes a FIFO.
INPUTS = {
    "a path that does not exist": ("missing.md", False),
    "a FIFO, socket or device (`/dev/zero`)": ("fifo", None),
    "a file with a NUL byte": ("binary.txt", b"\x00\x01 some bytes"),
    "invalid UTF-8 (no BOM)": ("latin1.txt", b"caf\xe9 au lait\n"),
    "an empty file": ("empty.md", b""),
    "front matter that is not YAML": ("front.md", b"---\ntitle: [x\n---\nThe body.\n"),
    "an HTML page without an article": (
        "nav.html", b"<html><body><nav><a href='/'>Home</a></nav><footer>(c) 2024</footer></body></html>"),
    "a JSONL row that is not JSON": ("rows.jsonl", None),  # one file holds the four JSONL rows
    "a JSONL row that is not an object": ("rows.jsonl", None),
    "a row whose text is not a string": ("rows.jsonl", None),
    "a row without the text field": ("rows.jsonl", None),
    "a CSV row with an unclosed quote": ("rows.csv", b'text,outlet\n"a,b\nc,d\n'),
    "a CSV header with no rows": ("header.csv", b"text\n"),
    "an article in a JSON array whose text is not a string": (
        "articles.json", json.dumps([{"text": "The council met."}, {"text": 3}, "a string"]).encode()),
    "an item of a JSON array that is not an object": ("articles.json", None),
    "a JSON file that is neither": ("number.json", b"42\n"),
    "an HTML page declaring an unknown charset": (
        "martian.html", b'<html><head><meta charset="x-martian"></head><body><p>Words.</p></body></html>'),
    "a symbolic link to nothing": ("link.txt", "symlink"),
    "a file over `--max-bytes`": ("big.txt", b"word " * 400),
    "a corpus row over `--max-bytes`": ("rows.jsonl", None),
}
JSONL = (b'{"text": "The regime spoke."}\n{bad json\n[1]\n{"text": 3}\n{"title": "x"}\n'
         + b'{"text": "' + b"x" * 1088 + b'"}\n')


def readme_rows() -> list[tuple[str, str]]:
    text = (ROOT / "README.md").read_text("utf-8")
    table = text.split("<!-- errors-table", 1)[1].split("<!-- /errors-table -->", 1)[0]
    rows = []
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 2 and cells[1].startswith("`framing:"):
            rows.append((cells[0], cells[1].strip("`")))
    return rows


def test_every_readme_row_is_made_here():
    assert sorted(name for name, _ in readme_rows()) == sorted(INPUTS)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_each_bad_input_prints_its_row(tmp_path):
    (tmp_path / "good.md").write_text("The so-called council met.\n", "utf-8")
    (tmp_path / "rows.jsonl").write_bytes(JSONL)
    for name, content in INPUTS.values():
        if content is None and name == "fifo":
            os.mkfifo(tmp_path / name)
        elif content == "symlink":
            (tmp_path / name).symlink_to(tmp_path / "nowhere.txt")
        elif isinstance(content, bytes):
            (tmp_path / name).write_bytes(content)
    names = sorted({name for name, _ in INPUTS.values()} | {"good.md"})
    result = subprocess.run(
        [sys.executable, "-m", "framing", "analyze", *names, "-d", "lexicon", "-f", "csv", "--isolated",
         "--max-bytes", "1000"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    printed = result.stderr.splitlines()
    for name, line in readme_rows():
        assert line in printed, f"{name}: README says {line!r}; framing printed {printed}"
    assert "Traceback" not in result.stderr
    analysed = {row.split(",")[0] for row in result.stdout.splitlines()[1:]}
    assert "good.md" in analysed and any(re.match(r"rows\.jsonl:1", row) for row in analysed)
