"""Shards and chunks: cuts that do not depend on anything but the file, sources and line
numbers as the whole-file readers give them, every kind of input read."""

from __future__ import annotations

import csv
import gzip
import io
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import zstandard

from framing.batch.sources import discover, plan, read_chunk
from framing.config import Fields
from framing.errors import ConfigError, InputError
from framing.readers import read_paths

from batchdata import corpus, jsonl_lines, rows  # noqa: F401 - corpus is a fixture


def _sources(items) -> list[str]:
    out = []
    for item in items:
        if isinstance(item, InputError):
            out.append(f"{item.path}:{item.line}" if item.line else item.path)
        else:
            out.append(item.source)
    return out


def _chunked(path, size, input_format="auto"):
    (shard,) = discover([str(path)], input_format)
    chunks = list(plan(shard, size))
    return chunks, [s for c in chunks for s in _sources(read_chunk(c, Fields(), 10**8))]


@pytest.mark.parametrize("size", [1, 700, 5000, 10**7])
def test_jsonl_chunks_give_the_rows_and_lines_of_the_whole_file(corpus, size):
    chunks, sources = _chunked(corpus, size)
    assert sources == _sources(read_paths([str(corpus)]))
    assert len(sources) == 403
    if size == 5000:
        assert len(chunks) > 10 and all(c.end - c.start >= 5000 for c in chunks[:-1])
        assert [c.start for c in chunks[1:]] == [c.end for c in chunks[:-1]]
        text = corpus.read_bytes()
        assert all(text[c.end - 1:c.end] == b"\n" for c in chunks)


def test_csv_is_cut_only_between_rows_and_keeps_its_line_numbers(tmp_path):
    path = tmp_path / "news.csv"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "text", "outlet"])
    for record in rows(120):
        # A quoted field over three lines: a cut inside it would break the row.
        writer.writerow([record["id"], record["text"].replace(". ", ".\n", 2), record["outlet"]])
    writer.writerow(["empty", "", "X"])
    path.write_text(out.getvalue(), "utf-8")
    chunks, sources = _chunked(path, 900)
    assert len(chunks) > 5
    assert sources == _sources(read_paths([str(path)]))
    assert sources[-1] == f"{path}:{1 + 120 * 3 + 1}"


def test_csv_chunks_smaller_than_the_header_still_hold_rows(tmp_path):
    path = tmp_path / "tiny.csv"
    path.write_text("id,text,outlet\n" + "".join(f"{i},Words and words.,X\n" for i in range(30)), "utf-8")
    chunks, sources = _chunked(path, 1)
    assert len(chunks) == 30 and sources == [f"{path}:{n}" for n in range(2, 32)]


def test_a_csv_header_without_the_text_column_is_one_error(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("id,body\n" + "".join(f"{i},words words\n" for i in range(500)), "utf-8")
    chunks, sources = _chunked(path, 100)
    assert len(chunks) == 1 and chunks[0].whole
    (error,) = list(read_chunk(chunks[0], Fields(), 10**8))
    assert "no 'text' column" in str(error)


@pytest.mark.parametrize("suffix", [".gz", ".zst"])
def test_compressed_jsonl_is_decompressed_once_and_cut_the_same_way(tmp_path, corpus, suffix):
    data = corpus.read_bytes()
    path = tmp_path / f"news.jsonl{suffix}"
    path.write_bytes(gzip.compress(data) if suffix == ".gz" else zstandard.ZstdCompressor().compress(data))
    plain, plain_sources = _chunked(corpus, 3000)
    packed, packed_sources = _chunked(path, 3000)
    assert [(c.start, c.end, c.first) for c in plain] == [(c.start, c.end, c.first) for c in packed]
    assert all(isinstance(c.payload, bytes) for c in packed)
    assert packed_sources == [s.replace(str(corpus), str(path)) for s in plain_sources]
    assert sum(c.size for c in packed) == path.stat().st_size


def test_a_truncated_gzip_keeps_what_was_read_and_reports_the_rest(tmp_path, corpus):
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(gzip.compress(corpus.read_bytes())[:-200])
    chunks, sources = _chunked(path, 2000)
    last = list(read_chunk(chunks[-1], Fields(), 10**8))
    assert len(last) == 1 and "cannot decompress" in str(last[0])
    assert len(sources) > 200


def test_parquet_rows_are_numbered_from_one(tmp_path):
    records = rows(250) + [{"id": "z", "text": None, "outlet": "Q", "date": None, "topic": None}]
    path = tmp_path / "news.parquet"
    pq.write_table(pa.Table.from_pylist(records), path, row_group_size=60)
    chunks, sources = _chunked(path, 4000)
    assert len(chunks) > 3 and sum(c.end - c.start for c in chunks) == 251
    assert sources == [f"{path}#{n}" for n in range(1, 252)]
    last = list(read_chunk(chunks[-1], Fields(), 10**8))[-1]
    assert isinstance(last, InputError) and "must be a string" in str(last)
    docs = [d for c in chunks for d in read_chunk(c, Fields(), 10**8) if not isinstance(d, InputError)]
    assert docs[0].outlet == "Daily" and docs[0].metadata == {"topic": records[0]["topic"]}


def test_utf16_files_are_read_whole(tmp_path):
    path = tmp_path / "wide.jsonl"
    path.write_bytes(jsonl_lines(rows(30)).encode("utf-16"))
    chunks, sources = _chunked(path, 100)
    assert len(chunks) == 1 and len(sources) == 30


def test_folders_are_walked_in_sorted_order_and_bad_inputs_are_usage_errors(tmp_path, corpus):
    folder = tmp_path / "shards"
    (folder / "b").mkdir(parents=True)
    (folder / "b" / "2.jsonl").write_text(json.dumps({"text": "A b."}) + "\n")
    (folder / "1.csv").write_text("text\nA b.\n")
    (folder / "notes.txt").write_text("not a corpus")
    (folder / "_manifest.jsonl").write_text("{}")
    shards = discover([str(folder), str(corpus)])
    assert [s.path for s in shards] == [str(folder / "1.csv"), str(folder / "b" / "2.jsonl"), str(corpus)]
    assert [s.index for s in shards] == [0, 1, 2]
    with pytest.raises(ConfigError, match="no such file"):
        discover([str(tmp_path / "missing.jsonl")])
    with pytest.raises(ConfigError, match="not a JSONL, CSV or Parquet"):
        discover([str(folder / "notes.txt")])
    assert discover([str(folder / "notes.txt")], "jsonl")[0].kind == "jsonl"
