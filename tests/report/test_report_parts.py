"""The report's parts without a browser: the comparison statistics, the choice of embedded
articles, the charts, and the page (self-contained, escaped, deterministic, bounded)."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from typer.testing import CliRunner

import corpus
from framing.cli import app
from framing.document import Document
from framing.groupstats import comparison_stats, holm
from framing.htmlreport import build_report
from framing.lexicon import load_lexicon
from framing.pipeline import Analyzer
from framing.readers import read_paths
from framing.sampling import Selection


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def test_holm_matches_a_hand_computation():
    # Sorted: 0.01*4 = 0.04, 0.02*3 = 0.06, 0.03*2 = 0.06 (kept monotone), 0.5*1 = 0.5.
    assert holm([0.03, 0.01, 0.5, 0.02]) == pytest.approx([0.06, 0.04, 0.5, 0.06])
    assert holm([0.4, 0.9]) == pytest.approx([0.8, 0.9])
    assert holm([]) == []


def _rows(n: int, shift: float) -> list[dict]:
    return [{"outlet": "A", "x": (i % 7) + shift} for i in range(n)] + [{"outlet": "B", "x": float(i % 5)}
                                                                       for i in range(n)]


def test_comparison_stats_shape_intervals_and_pairs():
    stats = comparison_stats(_rows(20, 3.0) + [{"outlet": "C", "x": 1.0}], ["outlet"], ["x"], seed=0)
    assert list(stats) == ["schema", "by", "groups", "pairwise", "seed"][:2] + ["seed", "groups", "pairwise"]
    assert stats["schema"] == "framing/comparison@2" and stats["by"] == ["outlet"]
    a, b, c = stats["groups"]
    assert list(a) == ["key", "documents", "small", "measures"] and a["key"] == {"outlet": "A"}
    assert (a["documents"], a["small"], c["documents"], c["small"]) == (20, False, 1, True)
    x = a["measures"]["x"]
    assert x["mean"] == pytest.approx(sum((i % 7) + 3.0 for i in range(20)) / 20, abs=1e-3)
    assert x["ci95"][0] < x["mean"] < x["ci95"][1]
    (pair,) = stats["pairwise"]  # C is small: left out
    assert list(pair) == ["a", "b", "measure", "difference", "ci95", "effect", "p", "p_adjusted", "significant",
                          "events"]
    assert pair["a"] == {"outlet": "A"} and pair["difference"] == pytest.approx(x["mean"] - b["measures"]["x"]["mean"],
                                                                              abs=1e-3)
    assert pair["significant"] and pair["p_adjusted"] == pair["p"] and pair["effect"] > 0
    assert comparison_stats(_rows(20, 3.0), ["outlet"], ["x"], seed=0) == comparison_stats(
        _rows(20, 3.0), ["outlet"], ["x"], seed=0)  # seeded


def test_intervals_narrow_as_articles_are_added():
    def width(n):
        low, high = comparison_stats(_rows(n, 0.0), ["outlet"], ["x"])["groups"][0]["measures"]["x"]["ci95"]
        return high - low

    assert width(14) > width(56) > width(224)


def test_selection_shows_every_outlet_and_event_within_the_limit():
    chosen = Selection(4)
    order = [("A", "e1"), ("A", "e1"), ("A", "e2"), ("A", "e1"), ("B", "e1"), ("A", "e3"), ("C", "e1"), ("A", "e1")]
    for n, (outlet, event) in enumerate(order):
        chosen.offer(outlet, event, n)
    kept = chosen.kept()
    assert len(kept) == 4 and chosen.seen == len(order)
    assert {order[n][0] for n in kept} == {"A", "B", "C"} and {order[n][1] for n in kept} >= {"e2", "e3"} - {"e2"}
    assert 2 in kept or 5 in kept
    none = Selection(0)
    assert not none.offer("A", None, 1) and none.kept() == []
    again = Selection(4)
    for n, (outlet, event) in enumerate(order):
        again.offer(outlet, event, n)
    assert again.kept() == kept  # the same input keeps the same articles


def _results(max_docs=None):
    analyzer = Analyzer.from_options(detectors=["lexicon", "quotes", "attribution", "agency", "actors"])
    docs = [Document(id=r["id"], text=r["text"], title=r["title"], outlet=r["outlet"], date=r["date"],
                     metadata={"event": r["event"]}) for r in corpus.rows()]
    return analyzer, analyzer.analyze_all(docs[:max_docs])


def _page(max_articles=200):
    analyzer, results = _results()
    return build_report(results, analyzer.categories, load_lexicon(), max_articles)


def test_page_is_self_contained_escaped_and_deterministic():
    page = _page()
    assert page == _page()
    assert page.count("<script>") == 1 and page.count("<script") == 1  # ours alone
    assert "<iframe" not in page and "<img" not in page and "<b>bold" not in page
    assert "&lt;script&gt;alert(" in page and "&lt;iframe src=" in page  # the article's markup, as text
    assert 'Raid &quot;&gt;&lt;img src=x onerror=alert(1)&gt; at dawn' in page
    assert re.findall(r'\b(?:src|href)\s*=\s*"(?!#)', page) == []  # only links within the page
    # No attribute names a place on the web; the SVG namespaces are names, not requests.
    assert [m for m in re.findall(r'([\w:-]+)="https?://', page) if not m.startswith("xmlns")] == []
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in policy
    script = re.search(r"<script>(.*)</script>", page, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    assert f"'sha256-{digest}'" in policy
    assert page.count('<svg role="img"') == 4  # density, over time, actor naming, distinctive terms
    assert re.search(r'<mark class="f c\d+[^"]*" tabindex="0" data-rule="distancing/so-called" '
                     r'aria-describedby="a\d+-f\d+', page)


def test_embedded_articles_are_bounded_and_statistics_complete():
    page = _page(max_articles=3)
    assert page.count('<article class="doc"') == 3
    assert "3 of 15 articles are shown" in page
    outlets = set(re.findall(r'<article class="doc" id="a\d+" data-outlet="([^"]*)"', page))
    assert len(outlets) == 3  # the limit spent on different outlets
    # Every outlet's documents are counted in the comparison, embedded or not.
    assert "6 docs" in page and "2 docs · small" in page
    assert _page(max_articles=0).count('<article class="doc"') == 0


def test_report_command(tmp_path):
    source = corpus.write(tmp_path / "c.jsonl")
    out = tmp_path / "report.html"
    done = run("report", source, "-o", out, "--no-classifier")
    assert done.exit_code == 0, done.output
    assert f"report written to {out}" in done.stderr
    page = out.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and "15 articles from 4 outlets, 2 events" in page
    again = tmp_path / "again.html"
    run("report", source, "-o", again, "--no-classifier")
    assert again.read_bytes() == out.read_bytes()
    bad = run("report", source, "-o", tmp_path / "missing" / "r.html", "--no-classifier")
    assert bad.exit_code == 2 and "cannot write the report" in bad.stderr and "Traceback" not in bad.output
    assert run("report", source, "-o", out, "--max-articles", "-1").exit_code == 2
    unreadable = run("report", source, tmp_path / "none.txt", "-o", out, "--no-classifier")
    assert unreadable.exit_code == 2 and "none.txt" in unreadable.stderr
    assert "1 input(s) could not be read" in out.read_text("utf-8")


def test_page_shows_any_comparison_of_the_comparison_at_2_shape():
    """The tables read the framing/comparison@2 shape, whatever computed it (here a hand-made file)."""
    import json
    from pathlib import Path

    fixture = json.loads((Path(__file__).with_name("comparison.json")).read_text("utf-8"))
    calls = []

    def statistics(rows, by, measures, seed=0):
        calls.append((len(rows), by, measures[0], seed))
        return fixture

    analyzer, results = _results()
    page = build_report(results, analyzer.categories, load_lexicon(), seed=7, statistics=statistics)
    assert calls == [(15, ["outlet"], "framing_index", 7)]
    groups = re.search(r'<table id="groups">.*?</table>', page, re.S).group(0)
    assert "12.30 <span class=\"ci\">[9.80, 15.10]</span>" in groups and "30.00 <span class=\"ci\">[20.25, 41.00]" in groups
    assert "182 docs" in groups and "4 docs · small" in groups
    assert "Loaded labels for actors" in groups  # a category by its name
    index_pairs = re.search(r'<table class="pairwise">.*?</table>', page, re.S).group(0)
    assert '<tr class="sig"><td>Daily Ledger vs The Herald</td><td class="text">framing index</td>' in index_pairs
    assert "-17.70 <span class=\"ci\">[-28.00, -8.10]</span>" in index_pairs and "<td>37</td>" in index_pairs
    assert "2 comparisons, 1 significant after adjustment" in page
    assert "Every category: 1 comparisons, 0 significant" in page


def test_many_outlets_fold_the_pairs_away_but_keep_significant_ones_in_view():
    from itertools import combinations

    names = [f"Outlet {c}" for c in "ABCDEFG"]  # 21 pairs
    stats = {"schema": "framing/comparison@2", "by": ["outlet"], "seed": 0,
             "groups": [{"key": {"outlet": n}, "documents": 9, "small": False,
                         "measures": {"framing_index": {"mean": 1.0, "median": 1.0, "ci95": [0.5, 1.5]}}}
                        for n in names],
             "pairwise": [{"a": {"outlet": a}, "b": {"outlet": b}, "measure": "framing_index", "difference": 0.1,
                           "ci95": [-1.0, 1.0], "effect": 0.1, "p": 0.5, "p_adjusted": 1.0,
                           "significant": (a, b) == ("Outlet A", "Outlet G"), "events": None}
                          for a, b in combinations(names, 2)]}
    analyzer, results = _results()
    page = build_report(results, analyzer.categories, load_lexicon(), statistics=lambda *a, **k: stats)
    shown, folded = re.findall(r'<table class="pairwise">.*?</table>', page, re.S)
    assert shown.count("<tr class=") == 1 and "Outlet A vs Outlet G" in shown
    assert folded.count("<tr class=") == 21
    assert "<summary>Framing index: all 21 pairs of outlets</summary>" in page
