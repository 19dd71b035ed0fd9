"""framing.comparison on per-document records: groups, periods, small groups, pairs, pairing over
events, adjusted p-values, determinism, and records files (JSONL, CSV, Parquet) as input."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest

from framing import grouping
from framing.comparison import compare
from framing.errors import ConfigError
from framing.recordfile import Records, is_records
from framing.statistics import holm


def record(i: int, outlet: str, index: float, *, date: str | None = "2026-03-02", event: str | None = None,
           emotive: float = 0.0, attributions: int = 0, anonymous: int = 0, **metadata) -> dict:
    """A record as framing.records.record writes it (only the columns the comparison reads)."""
    meta = dict(metadata)
    if event is not None:
        meta["event"] = event
    return {
        "id": f"doc{i}", "source": f"doc{i}.md", "title": None, "outlet": outlet, "date": date, "url": None,
        "metadata": meta, "words": 400, "sentences": 20, "weight": index * 0.4, "framing_index": index,
        "emotive.count": int(emotive > 0), "emotive.per_1000_words": emotive,
        "hedges.count": 0, "hedges.per_1000_words": 0.0,
        "attribution.attributions": attributions, "attribution.anonymous": anonymous,
        "attribution.anonymous_share": round(anonymous / attributions, 3) if attributions else 0.0,
        "attribution.sources": attributions,
    }


def corpus(seed: int = 0, events: int = 12, shift: float = 1.5) -> list[dict]:
    """Three outlets on the same events; Herald a little more loaded than Wire on every event,
    events far apart from one another."""
    rng = np.random.default_rng(seed)
    rows = []
    for e in range(events):
        level = rng.uniform(5, 40)
        for outlet, extra in (("Herald", shift), ("Wire", 0.0), ("Courier", 0.5)):
            rows.append(record(len(rows), outlet, round(level + extra + rng.normal(0, 0.3), 3), event=f"s{e}",
                               emotive=round(max(0.0, level / 4 + rng.normal(0, 1)), 3),
                               attributions=int(rng.integers(0, 4)), anonymous=int(rng.integers(0, 2))))
    for row in rows:
        row["attribution.anonymous"] = min(row["attribution.anonymous"], row["attribution.attributions"])
        a = row["attribution.attributions"]
        row["attribution.anonymous_share"] = round(row["attribution.anonymous"] / a, 3) if a else 0.0
    return rows


def by_key(result, **key):
    return next(g for g in result.groups if g.key == key)


def test_groups_have_means_medians_and_intervals():
    rows = corpus()
    result = compare(rows, ["outlet"], within=None)
    assert [g.key["outlet"] for g in result.groups] == ["Herald", "Courier", "Wire"]  # highest index first
    herald = by_key(result, outlet="Herald")
    values = [r["framing_index"] for r in rows if r["outlet"] == "Herald"]
    measure = herald.measures["framing_index"]
    assert measure["mean"] == round(float(np.mean(values)), 4) and measure["median"] == round(float(np.median(values)), 4)
    low, high = measure["ci95"]
    assert low < measure["mean"] < high
    assert herald.documents == 12 and not herald.small
    assert result.measures == ["framing_index", "emotive", "attribution.sources", "attribution.anonymous_share"]
    assert "hedges" not in result.measures  # no article has one


def test_shares_are_over_the_articles_that_have_a_denominator():
    rows = corpus()
    result = compare(rows, ["outlet"], within=None)
    wire = [r for r in rows if r["outlet"] == "Wire" and r["attribution.attributions"]]
    expected = np.mean([r["attribution.anonymous_share"] for r in wire])
    assert by_key(result, outlet="Wire").measures["attribution.anonymous_share"]["mean"] == round(float(expected), 4)


def test_paired_within_events_finds_what_unpaired_misses():
    rows = corpus()
    paired = compare(rows, ["outlet"], within="auto", measures=["framing_index"])
    unpaired = compare(rows, ["outlet"], within=None, measures=["framing_index"])
    assert paired.within == "event" and unpaired.within is None  # auto: every record has an event

    def pair(result, a, b):
        return next(p for p in result.pairwise if p.a == {"outlet": a} and p.b == {"outlet": b})

    p, u = pair(paired, "Herald", "Wire"), pair(unpaired, "Herald", "Wire")
    assert p.events == 12 and u.events is None
    assert p.significant and p.ci95[0] > 0
    assert not u.significant and u.ci95[0] < 0
    assert p.difference == pytest.approx(u.difference, abs=1e-3)
    assert p.effect > 0.8


def test_paired_comparisons_rest_on_the_shared_events():
    rows = [r for r in corpus() if not (r["outlet"] == "Wire" and r["metadata"]["event"] in ("s0", "s1", "s2"))]
    result = compare(rows, ["outlet"], within="event", measures=["framing_index"])
    events = {frozenset((p.a["outlet"], p.b["outlet"])): p.events for p in result.pairwise}
    assert events == {frozenset(("Herald", "Courier")): 12, frozenset(("Herald", "Wire")): 9,
                      frozenset(("Courier", "Wire")): 9}


def test_small_groups_are_marked_shown_and_not_tested():
    rows = corpus()[:18] + [record(100, "Gazette", 30.0, event="s0"), record(101, "Gazette", 20.0, event="s1")]
    result = compare(rows, ["outlet"], within=None, min_documents=5)
    gazette = by_key(result, outlet="Gazette")
    assert gazette.small and gazette.documents == 2 and gazette.measures["framing_index"]["mean"] == 25.0
    assert not any("Gazette" in (p.a["outlet"], p.b["outlet"]) for p in result.pairwise)
    assert compare(rows, ["outlet"], within=None, min_documents=2).pairwise != result.pairwise


def test_p_values_are_holm_adjusted_over_every_test():
    result = compare(corpus(), ["outlet"], within=None)
    raw = np.array([np.nan if p.p is None else p.p for p in result.pairwise])
    expected = holm(raw)
    assert len(result.pairwise) == 3 * 4  # three pairs, four measures
    for pair, value in zip(result.pairwise, expected):
        assert pair.p_adjusted == pytest.approx(value, abs=1e-6)
        assert pair.significant == (value < 0.05)
    bh = compare(corpus(), ["outlet"], within=None, adjust="bh")
    assert all(b.p_adjusted <= h.p_adjusted for b, h in zip(bh.pairwise, result.pairwise))


def test_same_seed_same_numbers_other_seed_other_intervals():
    first = json.dumps(compare(corpus(), ["outlet"], within="event", seed=4).to_dict())
    assert json.dumps(compare(corpus(), ["outlet"], within="event", seed=4).to_dict()) == first
    other = compare(corpus(), ["outlet"], within="event", seed=5).to_dict()
    assert json.dumps(other) != first and json.loads(first)["groups"][0]["measures"]["framing_index"]["mean"] == \
        other["groups"][0]["measures"]["framing_index"]["mean"]


def test_the_json_shape():
    data = compare(corpus(), ["outlet"], within="event").to_dict()
    assert data["schema"] == "framing/comparison@2" and data["by"] == ["outlet"] and data["seed"] == 0
    group = data["groups"][0]
    assert set(group) == {"key", "documents", "small", "measures"}
    assert set(group["measures"]["framing_index"]) == {"mean", "median", "ci95"}
    assert set(data["pairwise"][0]) == {"a", "b", "measure", "difference", "ci95", "effect", "p", "p_adjusted",
                                        "significant", "events"}


def test_date_periods():
    assert grouping.period("2026-05-02", "day") == "2026-05-02"
    assert grouping.period("2026-05-02T10:00:00Z", "month") == "2026-05"
    assert grouping.period("2027-01-01", "week") == "2026-W53"  # ISO week: a Friday belongs to the old year's week
    assert grouping.period("2026-12-31", "year") == "2026"
    assert grouping.period("2026", "month") == "unknown" and grouping.period("2026", "year") == "2026"
    assert grouping.period("last Tuesday", "day") == "unknown" and grouping.period("2026-02-30", "day") == "unknown"
    rows = []
    for month, level in (("01", 5.0), ("02", 10.0), ("03", 20.0)):
        rows += [record(len(rows), "Herald", level + i, date=f"2026-{month}-{10 + i:02d}") for i in range(6)]
    rows.append(record(99, "Herald", 3.0, date=None))
    result = compare(rows, ["month"], within=None, min_documents=1)
    assert [g.key["month"] for g in result.groups] == ["2026-01", "2026-02", "2026-03", "unknown"]
    # Only consecutive periods are compared, the later one first: the difference is the change.
    pairs = [(p.a["month"], p.b["month"]) for p in result.pairwise if p.measure == "framing_index"]
    assert pairs == [("2026-02", "2026-01"), ("2026-03", "2026-02")]
    assert next(p for p in result.pairwise if p.a["month"] == "2026-03").difference == 10.0
    assert result.notes == ["1 document(s) with no usable date are grouped as 'unknown'"]


def test_two_fields_compare_groups_that_differ_in_one():
    rows = [record(i, outlet, 10.0 + i % 3, date=f"2026-0{month}-1{i % 9}")
            for i, (outlet, month) in enumerate([(o, m) for o in ("A", "B") for m in (1, 2) for _ in range(5)])]
    result = compare(rows, ["outlet", "month"], within=None, measures=["framing_index"])
    pairs = {(tuple(p.a.values()), tuple(p.b.values())) for p in result.pairwise}
    assert pairs == {(("A", "2026-01"), ("B", "2026-01")), (("A", "2026-02"), ("B", "2026-02")),
                     (("A", "2026-02"), ("A", "2026-01")), (("B", "2026-02"), ("B", "2026-01"))}


def test_any_metadata_key_groups():
    rows = [record(i, "A", float(i), desk="politics" if i % 2 else "sport") for i in range(10)]
    rows.append(record(10, "A", 1.0))
    result = compare(rows, ["desk"], within=None)
    assert sorted(g.key["desk"] for g in result.groups) == ["politics", "sport", "unknown"]


def test_bad_options_are_config_errors():
    rows = corpus()
    for options, message in [(dict(by=["event"], within="event"), "cannot be used with --by event"),
                             (dict(by=["outlet"], adjust="bonferroni"), "--adjust"),
                             (dict(by=["outlet"], measures=["mood"]), "unknown measure 'mood'"),
                             (dict(by=[]), "at least one field"),
                             (dict(by=["outlet"], resamples=10), "--resamples"),
                             (dict(by=["outlet"], seed=-1), "--seed")]:
        with pytest.raises(ConfigError, match=message):
            compare(rows, **options)


def _flat(row: dict) -> dict:
    flat = {k: v for k, v in row.items() if k != "metadata"}
    flat["metadata"] = json.dumps(row["metadata"])
    return {**flat, "error": None}


def test_records_files_give_the_numbers_of_the_records(tmp_path):
    rows = corpus()
    expected = compare(rows, ["outlet"], within="auto").to_dict()
    jsonl = tmp_path / "records.jsonl"
    jsonl.write_text("".join(json.dumps({**r, "error": None}) + "\n" for r in rows), "utf-8")
    table = tmp_path / "records.csv"
    with open(table, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(_flat(rows[0])))
        writer.writeheader()
        writer.writerows(_flat(r) for r in rows)
    import pyarrow as pa
    import pyarrow.parquet as pq

    parquet = tmp_path / "records.parquet"
    pq.write_table(pa.Table.from_pylist([_flat(r) for r in rows]), parquet)
    for path in (jsonl, table, parquet):
        assert is_records(str(path))
        source = Records([str(path)])
        assert compare(source, ["outlet"], within="auto").to_dict() == expected, path.name
        assert source.errors == [] and source.failed == 0
    corpus_file = tmp_path / "articles.jsonl"
    corpus_file.write_text('{"text": "An article.", "framing_index": 3}\n', "utf-8")
    assert not is_records(str(corpus_file))  # it has a text: a corpus to analyse


def test_records_with_errors_and_bad_lines_are_counted_not_lost(tmp_path):
    path = tmp_path / "records.jsonl"
    rows = corpus()[:6]
    lines = [json.dumps({**r, "error": None}) for r in rows]
    lines.insert(2, "{not json")
    lines.append(json.dumps({"id": "x", "source": "x.md", "framing_index": 0, "error": "binary file"}))
    path.write_text("\n".join(lines) + "\n", "utf-8")
    source = Records([str(path)])
    assert len(list(source)) == 6
    assert source.failed == 1 and len(source.errors) == 1
    assert str(source.errors[0]).startswith(f"{path}:3: invalid JSON")


def test_compare_command_reads_records_files(tmp_path):
    from typer.testing import CliRunner

    from framing.cli import app

    rows = corpus()
    path = tmp_path / "batch.jsonl"
    lines = [json.dumps({**r, "error": None}) for r in rows]
    lines.insert(1, "[1, 2]")
    lines.append(json.dumps({"id": "gone", "source": "gone.md", "framing_index": 0, "error": "binary file"}))
    path.write_text("\n".join(lines) + "\n", "utf-8")
    result = CliRunner().invoke(app, ["compare", str(path), "--by", "outlet", "-f", "json"])
    assert result.exit_code == 2  # a bad line: reported, the rest compared
    assert result.stderr.splitlines() == [f"framing: {path}:2: a record must be a JSON object",
                                          "framing: 1 input(s) could not be read"]
    data = json.loads(result.stdout)
    assert data == {**compare(rows, ["outlet"], within="auto").to_dict(),
                    "notes": ["1 record(s) the batch could not analyse (with an error) are left out"]}
    for row in rows:
        del row["metadata"]["event"]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    missing = CliRunner().invoke(app, ["compare", str(path), "--by", "event"])
    assert missing.exit_code == 2 and "records carry no text to find events in" in missing.stderr
    mixed = CliRunner().invoke(app, ["compare", str(path), str(tmp_path / "batch.jsonl"), "corpora/demo"])
    assert mixed.exit_code == 2 and "not both" in mixed.stderr


def test_pairs_skip_small_periods_and_never_explode(monkeypatch):
    from framing import comparison

    rows = []
    for month, count in (("01", 6), ("02", 2), ("03", 6)):
        rows += [record(len(rows), "A", 10.0 + len(rows), date=f"2026-{month}-1{i}") for i in range(count)]
    result = compare(rows, ["month"], within=None, measures=["framing_index"])
    assert [(p.a["month"], p.b["month"]) for p in result.pairwise] == [("2026-03", "2026-01")]  # over the small one
    many = [record(i, f"outlet {i // 5}", float(i)) for i in range(60)]  # 12 outlets: 66 pairs
    monkeypatch.setattr(comparison, "MAX_PAIRS", 50)
    capped = compare(many, ["outlet"], within=None, measures=["framing_index"])
    assert capped.pairwise == [] and "more than 50 pairs" in capped.notes[0] and len(capped.groups) == 12


def test_a_batch_output_folder_is_records_input(tmp_path):
    """`framing compare OUT/` on the folder `framing batch` wrote: its part files read in order (the
    manifest left out), the same comparison as naming the parts."""
    import json as _json

    from typer.testing import CliRunner

    from framing.cli import app

    corpus = tmp_path / "news.jsonl"
    lines = [{"id": f"a{i}", "outlet": "Ledger" if i % 2 else "Herald",
              "text": "The regime's thugs stormed the square." if i % 2 else "The council met on Tuesday."}
             for i in range(12)]
    corpus.write_text("\n".join(_json.dumps(row) for row in lines) + "\n", "utf-8")
    runner = CliRunner()
    out = tmp_path / "scores"
    made = runner.invoke(app, ["batch", str(corpus), "-o", str(out), "-j", "1", "-d", "lexicon", "--quiet"])
    assert made.exit_code == 0, made.output
    folder = runner.invoke(app, ["compare", str(out), "--by", "outlet", "-f", "json", "--isolated"])
    parts = runner.invoke(app, ["compare", *sorted(str(p) for p in out.glob("part-*")), "--by", "outlet",
                                "-f", "json", "--isolated"])
    assert folder.exit_code == 0 and parts.exit_code == 0, folder.output
    assert folder.stdout == parts.stdout
    assert sorted(g["documents"] for g in _json.loads(folder.stdout)["groups"]) == [6, 6]
