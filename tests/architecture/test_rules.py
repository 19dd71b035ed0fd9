"""The rule registry: every rule a detector can emit is registered, released ids stay, ids
follow files (proselint's test_check_structures is the model)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import framing.rules as rules
from framing.detectors import NAMES, REGISTRY, detector_rules
from framing.document import Document
from framing.pipeline import Analyzer
from framing.readers import read_paths

ROOT = Path(__file__).resolve().parents[2]
RELEASED = ROOT / "tests" / "data" / "released-rules.txt"
TEXT = (
    "The so-called coalition's \"peacekeepers\" entered the town, where civilians were killed. "
    "Officials who asked not to be named said the regime's thugs had slaughtered protesters. "
    "The plan was approved. Critics claimed the Iran-backed militia is a terrorist cult."
)


def test_every_rule_any_detector_emits_is_registered():
    registry = rules.registry()
    analyzer = Analyzer.from_options(detectors=["all"])
    documents = [Document(id="inline", text=TEXT)]
    documents += [d for d in read_paths([str(ROOT / "corpora" / "demo"), str(ROOT / "tests" / "data" / "unseen")])
                  if isinstance(d, Document)]
    emitted = {f.rule for result in analyzer.analyze_all(documents) for f in result.findings}
    assert {"scare-quotes/quoted-term", "sourcing/anonymous-source", "agency/agentless-harm",
            "classifier/biased-sentence"} <= emitted
    assert sorted(r for r in emitted if r not in registry) == []


def test_released_rule_ids_never_disappear():
    registry = rules.registry()
    released = [line for line in RELEASED.read_text("utf-8").splitlines() if line and not line.startswith("#")]
    assert len(released) > 1000
    missing = [rule_id for rule_id in released if rule_id not in registry]
    assert missing == [], "released rule ids must stay registered (rename: add an alias; removal: status 'removed')"


def test_aliases_find_renamed_rules():
    registry = rules.Registry([], [rules.Rule("new/id", "new", "lexicon", "info", 0.0, "why", "instead",
                                              aliases=("old/id",))])
    assert registry.rule("old/id").id == "new/id" and "old/id" in registry and len(registry) == 1


def test_rule_ids_start_with_their_category_and_categories_follow_files():
    registry = rules.registry()
    for rule in registry:
        assert rule.id.startswith(rule.category + "/"), rule.id
        assert rule.severity in rules.SEVERITIES and rule.status in rules.STATUSES
        assert rule.explanation and rule.suggestion, rule.id
    for path in sorted((ROOT / "lexicons" / "en").glob("*.toml")):
        data = tomllib.loads(path.read_text("utf-8"))
        if "category" in data:
            assert data["category"]["id"] == path.stem, f"{path.name}: the category id must be the file stem"


def test_each_detector_declares_its_rules():
    categories, detector_made = detector_rules()
    assert {r.detector for r in detector_made} == {"quotes", "attribution", "agency", "classifier"}
    assert set(NAMES) == {info.name for info in REGISTRY}
    assert {c.id for c in categories} == {r.category for r in detector_made}


def test_the_public_command_lists_every_rule():
    out = subprocess.run([sys.executable, "-c", "import framing.rules as r; print(len(r.registry()))"],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    assert int(out.stdout) == len(rules.registry()) > 1000


def test_readme_detector_rules_table_is_the_registry():
    """The README's table of detector rules says what the registry says."""
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("### Rules", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and "/" in cells[0]:
            rows[cells[0]] = (cells[1], cells[2])
    _, detector_made = detector_rules()
    assert rows == {r.id: (r.detector, f"{r.severity}, {r.weight:g}") for r in detector_made}
