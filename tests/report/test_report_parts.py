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
from framing.htmlreport import build_report
from framing.lexicon import load_lexicon
from framing.pipeline import Analyzer
from framing.readers import read_paths
from framing.sampling import Selection


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def test_the_report_statistics_are_the_comparison_statistics():
    """The page's tables come from framing.comparison: the same numbers as `framing compare
    --by outlet -f json` on the same documents (seeded), events included when documents have them."""
    import json

    from framing.htmlreport import comparison_statistics, gather
    from framing.records import measures

    analyzer = Analyzer.from_options(detectors=["lexicon", "quotes"])
    docs = list(read_paths(["corpora/demo"]))
    data = gather(analyzer.analyze_all(docs), analyzer.categories)
    ours = comparison_statistics(data.records, ["outlet"], ["framing_index"], seed=0)
    assert data.measure_names == measures(analyzer)
    cli = run("compare", "corpora/demo", "--by", "outlet", "-d", "lexicon", "-d", "quotes", "--measure",
              "framing_index", "-f", "json", "--seed", "0", "--isolated")
    assert cli.exit_code == 0, cli.output
    theirs = json.loads(cli.output)
    assert ours["groups"] == theirs["groups"] and ours["pairwise"] == theirs["pairwise"]
    assert sorted(g["key"]["outlet"] for g in ours["groups"]) == ["Meridian Wire", "The Free Voice", "The Patriot Herald"]


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
