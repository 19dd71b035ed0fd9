"""Whole runs through the library: every row accounted for, the same bytes for any --jobs, one
schema for every part, resumes that refuse other settings and redo damaged parts."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import orjson
import pyarrow.parquet as pq
import pytest

from batchdata import FAST, corpus, folder_digest, rows  # noqa: F401 - corpus is a fixture
from framing.batch import BatchOptions, run_batch
from framing.batch.manifest import NAME
from framing.config import AnalyzerSettings, Fields
from framing.errors import ConfigError
from framing.records import IDENTITY


def _run(inputs, out, **options):
    settings = options.pop("settings", FAST)
    options.setdefault("jobs", 1)
    options.setdefault("chunk_bytes", 6000)
    return run_batch(BatchOptions(paths=tuple(str(p) for p in inputs), output=str(out), **options), settings)


def _jsonl_rows(folder):
    return [orjson.loads(line) for part in sorted(folder.glob("part-*.jsonl")) for line in part.read_bytes().splitlines()]


def test_every_input_row_gives_one_output_row_in_input_order(tmp_path, corpus):
    summary = _run([corpus], tmp_path / "out", format="jsonl")
    out = _jsonl_rows(tmp_path / "out")
    assert summary.rows == len(out) == 403 and summary.failed == 3 and summary.scored == 400
    assert [r["source"] for r in out][:7] == [f"{corpus}:{n}" for n in range(1, 8)]
    bad = [r for r in out if r["error"]]
    assert [r["source"] for r in bad] == [f"{corpus}:6", f"{corpus}:122", f"{corpus}:336"]
    assert all(r["words"] is None and r["id"] is None for r in bad)
    assert "invalid JSON" in bad[0]["error"] and bad[0]["error"].startswith(f"{corpus}:6: ")
    good = [r for r in out if not r["error"]]
    assert [r["id"] for r in good] == [f"a{i}" for i in range(400)]
    assert json.loads(good[0]["metadata"]) == {"topic": rows(1)[0]["topic"]}
    assert good[0]["outlet"] == "Daily" and good[0]["date"] == "2024-01-01"
    assert sum(r["framing_index"] > 0 for r in good) > 100
    assert summary.errors == [r["error"] for r in bad]
    assert summary.parts > 10


def test_the_output_is_the_same_bytes_for_one_and_two_jobs(tmp_path, corpus):
    for jobs in (1, 2):
        _run([corpus], tmp_path / f"out{jobs}", jobs=jobs)
    first, second = folder_digest(tmp_path / "out1"), folder_digest(tmp_path / "out2")
    assert first == second and NAME in first and len(first) > 10


def test_parquet_parts_share_one_schema_and_read_back_with_pandas(tmp_path, corpus):
    import pandas as pd

    _run([corpus], tmp_path / "out", settings=AnalyzerSettings(detectors=("lexicon", "quotes", "agency")),
         findings=True)
    parts = sorted((tmp_path / "out").glob("part-*.parquet"))
    schemas = {pq.read_schema(p) for p in parts}
    assert len(parts) > 10 and len(schemas) == 1
    frame = pd.read_parquet(tmp_path / "out")
    assert len(frame) == 403 and list(frame.columns[:len(IDENTITY) + 2]) == [*IDENTITY, "metadata", "error"]
    assert frame["error"].notna().sum() == 3
    assert "agency.agentless_share" in frame.columns and "emotive.per_1000_words" in frame.columns
    assert str(frame["words"].dtype).startswith("int") or frame["words"].isna().any()
    counts = frame[[c for c in frame.columns if c.endswith(".count")]].sum(axis=1)
    good = frame["error"].isna()
    assert (frame["findings"][good].map(len) == counts[good]).all() and counts.sum() > 100
    assert (frame["findings"][~good].map(len) == 0).all()
    with_findings = frame[frame["findings"].map(len) > 0]
    first = with_findings["findings"].iloc[0][0]
    assert first["rule"] and first["start"] < first["end"] and first["detector"] in ("lexicon", "quotes", "agency")


def test_csv_and_parquet_inputs_and_csv_output(tmp_path):
    import pyarrow as pa

    records = rows(80)
    table = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pylist(records), table)
    sheet = tmp_path / "in.csv"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(records[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    sheet.write_text(buffer.getvalue(), "utf-8")
    summary = _run([table, sheet], tmp_path / "out", format="csv")
    assert summary.rows == 160 and summary.failed == 0
    got = [r for part in sorted((tmp_path / "out").glob("part-*.csv")) for r in csv.DictReader(part.open())]
    assert [r["source"] for r in got[:2]] == [f"{table}#1", f"{table}#2"]
    assert got[80]["source"] == f"{sheet}:2" and got[80]["id"] == "a0"
    assert got[0]["framing_index"] == got[80]["framing_index"]  # the same article, read from either
    assert got[0]["error"] == ""


def test_field_names_are_configurable(tmp_path):
    path = tmp_path / "body.jsonl"
    path.write_text("".join(json.dumps({"key": f"k{i}", "body": r["text"]}) + "\n" for i, r in enumerate(rows(5))))
    _run([path], tmp_path / "out", format="jsonl", fields=Fields(text="body", id="key"))
    out = _jsonl_rows(tmp_path / "out")
    assert [r["id"] for r in out] == [f"k{i}" for i in range(5)] and not any(r["error"] for r in out)


def test_a_full_output_folder_needs_resume(tmp_path, corpus):
    _run([corpus], tmp_path / "out")
    with pytest.raises(ConfigError, match="not empty"):
        _run([corpus], tmp_path / "out")
    again = _run([corpus], tmp_path / "out", resume=True)
    assert again.kept_parts == again.parts and again.run_rows == 0 and again.rows == 403


def test_a_resume_with_other_settings_or_inputs_is_refused(tmp_path, corpus):
    _run([corpus], tmp_path / "out")
    with pytest.raises(ConfigError, match=r"settings differ.*detectors"):
        _run([corpus], tmp_path / "out", resume=True, settings=AnalyzerSettings(detectors=("lexicon",)))
    with pytest.raises(ConfigError, match=r"settings differ.*format"):
        _run([corpus], tmp_path / "out", resume=True, format="jsonl")
    lexicon = tmp_path / "extra.toml"
    lexicon.write_text('[category]\nid = "extra"\nname = "Extra"\ndescription = "d"\nreferences = ["r"]\n\n'
                       '[[entry]]\nterm = "budget"\nexplanation = "e"\nsuggestion = "s"\n')
    with pytest.raises(ConfigError, match=r"settings differ.*lexicons"):
        _run([corpus], tmp_path / "out", resume=True, settings=replace(FAST, lexicons=(lexicon,)))
    with corpus.open("a") as handle:
        handle.write(json.dumps({"text": "One more."}) + "\n")
    with pytest.raises(ConfigError, match="inputs differ"):
        _run([corpus], tmp_path / "out", resume=True)


def test_a_corrupt_or_missing_part_is_redone(tmp_path, corpus):
    _run([corpus], tmp_path / "out")
    reference = folder_digest(tmp_path / "out")
    parts = sorted((tmp_path / "out").glob("part-*"))
    parts[2].write_bytes(parts[2].read_bytes()[:-10] + b"0123456789")
    parts[5].unlink()
    (tmp_path / "out" / ".tmp-part-00000-000009.parquet.999").write_bytes(b"half")
    summary = _run([corpus], tmp_path / "out", resume=True)
    assert summary.redone == sorted([parts[2].name, parts[5].name])
    assert summary.parts - summary.kept_parts == 2 and summary.rows == 403
    assert folder_digest(tmp_path / "out") == reference


def test_a_manifest_cut_short_by_a_kill_is_read_up_to_its_last_whole_line(tmp_path, corpus):
    _run([corpus], tmp_path / "out")
    reference = folder_digest(tmp_path / "out")
    manifest = tmp_path / "out" / NAME
    lines = manifest.read_bytes().splitlines(keepends=True)
    manifest.write_bytes(b"".join(lines[:4]) + lines[4][:20])  # three parts recorded, the fourth torn
    summary = _run([corpus], tmp_path / "out", resume=True)
    assert summary.kept_parts == 3 and summary.rows == 403
    assert folder_digest(tmp_path / "out") == reference


def test_an_output_folder_inside_an_input_folder_is_not_read_as_input(tmp_path, corpus):
    first = _run([tmp_path], tmp_path / "out", format="jsonl")
    again = _run([tmp_path], tmp_path / "out", format="jsonl", resume=True)
    assert first.rows == again.rows == 403 and again.kept_parts == again.parts


def test_findings_are_a_json_list_in_jsonl(tmp_path, corpus):
    _run([corpus], tmp_path / "out", format="jsonl", findings=True)
    out = _jsonl_rows(tmp_path / "out")
    scored = [r for r in out if not r["error"]]
    assert all(len(r["findings"]) == sum(v for k, v in r.items() if k.endswith(".count")) for r in scored)
    first = next(f for r in scored for f in r["findings"])
    assert list(first)[:4] == ["rule", "category", "detector", "text"] and first["probability"] is None
    assert all(r["findings"] == [] for r in out if r["error"])


def test_the_dask_engine_without_distributed_names_the_extra(monkeypatch):
    import sys

    from framing.batch import cluster

    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(ConfigError, match=r"pip install 'framing-analyzer\[dask\]'"):
        cluster.client_for(None, 1)


def test_the_progress_bar_is_for_a_terminal_only(monkeypatch):
    import sys

    from framing.batch import progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(sys, "stderr", Terminal())
    assert progress.wanted(quiet=False) and not progress.wanted(quiet=True)
    monkeypatch.setenv("CI", "true")
    assert not progress.wanted(quiet=False)
    monkeypatch.delenv("CI")
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert not progress.wanted(quiet=False)
