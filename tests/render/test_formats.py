"""Golden files for the renderers: every view in every format that renders it, from one fixture.

Each (format, view) pair in `framing.render.REGISTRY`, and the table views in one tabulate format
(`grid`), renders the hand-made data of `fixture.py` and is compared byte for byte with
`tests/render/golden/<case>.<format>.txt`, where a case is a view (`analysis`, `comparison`,
`actors`, `sentences`, `evaluation`, `check`, `terms`) or a second input to one (`comparison-by-outlet`). A mismatch
fails with a unified diff of the golden file against what the renderer wrote.

To accept the current output after a deliberate change, rewrite the golden files and review the diff:

    FRAMING_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/render
    git diff tests/render/golden

With `FRAMING_UPDATE_GOLDEN=1` the golden tests write the files instead of comparing, and pass. A
format or view added to the registry fails `test_every_pair_has_a_golden_file` until its golden
file is generated; a golden file no pair renders fails it too.

Output is written to a text stream over bytes (`io.TextIOWrapper` over `io.BytesIO`, UTF-8), as
`sys.stdout` is: the JSON and JSONL writers write bytes to its `.buffer`, the others write text.
"""

from __future__ import annotations

import difflib
import io
import json
import os
import re
from dataclasses import fields
from pathlib import Path

import pytest

import fixture
from framing.errors import ConfigError
from framing.render import REGISTRY, TABULATE_VIEWS, VIEWS, writer
from framing.report import SentenceScore

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("FRAMING_UPDATE_GOLDEN") == "1"
TABULATE_FORMATS = ("grid",)  # tabulate's own formats, which the table views also take

# Golden file stem -> (the view it renders, the fixture data it renders).
CASES = {
    "analysis": ("analysis", fixture.report),
    "comparison": ("comparison", fixture.comparison_by_document),
    "comparison-by-outlet": ("comparison", fixture.comparison_by_outlet),
    "actors": ("actors", fixture.actor_table),
    "sentences": ("sentences", fixture.sentence_scores),
    "evaluation": ("evaluation", fixture.evaluation_report),
    "check": ("check", fixture.check_report),
    "events": ("events", fixture.event_table),
    "terms": ("terms", fixture.terms_report),
}


def registry_pairs() -> list[tuple[str, str]]:
    """(format, view) for every view each registered format renders, then the tabulate formats."""
    pairs = [(fmt.name, view) for fmt in REGISTRY for view in fmt.views]
    pairs += [(fmt, view) for fmt in TABULATE_FORMATS for view in TABULATE_VIEWS]
    return pairs


def golden_cases() -> list[tuple[str, str]]:
    """(case, format) for every pair and every case of its view."""
    return [(case, fmt) for fmt, view in registry_pairs() for case, (of, _) in CASES.items() if of == view]


GOLDEN_CASES = golden_cases()
IDS = [f"{case}.{fmt}" for case, fmt in GOLDEN_CASES]


def golden_path(case: str, fmt: str) -> Path:
    return GOLDEN / f"{case}.{fmt}.txt"


def render(case: str, fmt: str) -> bytes:
    """What `writer(fmt, view)` writes for the case's data, as bytes."""
    view, data = CASES[case]
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
    writer(fmt, view)(data(), out)
    out.flush()
    out.detach()  # leave `raw` open when the wrapper goes
    return raw.getvalue()


@pytest.mark.parametrize(("case", "fmt"), GOLDEN_CASES, ids=IDS)
def test_output_matches_golden_file(case: str, fmt: str) -> None:
    actual = render(case, fmt)
    path = golden_path(case, fmt)
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(actual)
        return
    assert path.exists(), f"no golden file {path.name}: run FRAMING_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/render"
    expected = path.read_bytes()
    if actual != expected:
        diff = difflib.unified_diff(
            expected.decode("utf-8").splitlines(keepends=True), actual.decode("utf-8").splitlines(keepends=True),
            fromfile=f"golden/{path.name}", tofile=f"{fmt} {CASES[case][0]} (actual)",
        )
        pytest.fail(f"{fmt} output of {case} differs from its golden file (FRAMING_UPDATE_GOLDEN=1 to accept):\n"
                    + "".join(diff), pytrace=False)


def test_every_pair_has_a_golden_file() -> None:
    expected = {golden_path(case, fmt).name for case, fmt in GOLDEN_CASES}
    present = {path.name for path in GOLDEN.glob("*")}
    assert sorted(expected - present) == [], "pairs without a golden file (FRAMING_UPDATE_GOLDEN=1 to write them)"
    assert sorted(present - expected) == [], "golden files that no (format, view) pair in the registry renders"


def test_every_view_has_a_case() -> None:
    assert {view for view, _ in CASES.values()} == set(VIEWS)
    assert {view for _, view in registry_pairs()} == set(VIEWS)


def supported(view: str) -> list[str]:
    return [fmt.name for fmt in REGISTRY if view in fmt.views]


@pytest.mark.parametrize(("fmt", "view"), [
    ("jsonl", "comparison"),
    ("jsonl", "actors"),
    ("markdown", "sentences"),
    ("csv", "evaluation"),
    ("nope", "analysis"),
    ("grid", "analysis"),  # tabulate formats are for the table views only
    ("nope", "comparison"),
])
def test_unsupported_pair_is_a_config_error_listing_the_formats(fmt: str, view: str) -> None:
    with pytest.raises(ConfigError) as raised:
        writer(fmt, view)
    message = str(raised.value)
    words = set(re.findall(r"[\w-]+", message))
    assert set(supported(view)) <= words, message
    assert fmt not in words, message
    if view in TABULATE_VIEWS:
        assert set(TABULATE_FORMATS) <= words, message
    else:
        assert message == f"--format must be one of {', '.join(supported(view))}"


@pytest.mark.parametrize(("fmt", "view"), registry_pairs(), ids=[f"{v}.{f}" for f, v in registry_pairs()])
def test_supported_pair_has_a_writer(fmt: str, view: str) -> None:
    assert callable(writer(fmt, view))


def json_values(case: str, fmt: str) -> list:
    text = render(case, fmt).decode("utf-8")
    if fmt == "json":
        return [json.loads(text)]
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


JSON_CASES = [(case, fmt) for case, fmt in GOLDEN_CASES if fmt in ("json", "jsonl")]


@pytest.mark.parametrize(("case", "fmt"), JSON_CASES, ids=[f"{c}.{f}" for c, f in JSON_CASES])
def test_json_output_parses(case: str, fmt: str) -> None:
    values = json_values(case, fmt)
    assert values and all(isinstance(value, dict) for value in values)


def field_names(obj) -> list[str]:
    return [f.name for f in fields(obj)]


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_analysis_findings_have_the_finding_fields_in_order(fmt: str) -> None:
    values = json_values("analysis", fmt)
    documents = values[0]["documents"] if fmt == "json" else values
    expected = fixture.results()
    assert [d["id"] for d in documents] == [r.document.id for r in expected]
    for document, result in zip(documents, expected):
        assert len(document["findings"]) == len(result.findings)
        for written, finding in zip(document["findings"], result.findings):
            assert list(written) == field_names(finding)  # ClassifierFinding: then probability, features
            assert written == finding.to_dict()
    assert any("probability" in f for d in documents for f in d["findings"])  # the classifier finding is there


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_sentence_rows_have_the_sentence_score_fields_in_order(fmt: str) -> None:
    values = json_values("sentences", fmt)
    rows = values[0]["sentences"] if fmt == "json" else values
    expected = list(fixture.sentence_scores())
    assert [list(row) for row in rows] == [field_names(SentenceScore)] * len(expected)
    assert rows == [score.to_dict() for score in expected]


@pytest.mark.parametrize(("case", "fmt"), GOLDEN_CASES, ids=IDS)
def test_rendering_twice_gives_the_same_bytes(case: str, fmt: str) -> None:
    assert render(case, fmt) == render(case, fmt)
