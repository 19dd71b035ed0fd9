import json

from typer.testing import CliRunner

from framing.lexicon import load_concepts, parse_concepts
from framing.cli import app
from framing.detectors.actors import ActorNamingDetector
from framing.document import Document
from framing.lexicon import validate_path

from conftest import ROOT

runner = CliRunner()

CONCEPTS = """\
[meta]
references = ["Test."]

[[concept]]
id = "crowd"
name = "Crowd"
description = "People gathered in protest."

[[concept.member]]
term = "protester"
connotation = "neutral"
reason = "Describes what they do."

[[concept.member]]
term = "rioter"
connotation = "negative"
reason = "Presents the crowd as violent."

[[concept]]
id = "state-authority"
name = "State authority"
description = "Who governs."

[[concept.member]]
term = "government"
connotation = "neutral"
reason = "Plain."

[[concept.member]]
term = "regime"
connotation = "negative"
reason = "Illegitimate."
"""


def test_default_concept_sets_are_valid_and_large_enough():
    concepts = load_concepts()
    assert len(concepts) >= 25
    for concept in concepts:
        assert any(m.connotation == "neutral" for m in concept.members), concept.id
        assert all(m.reason for m in concept.members)
    assert validate_path(ROOT / "lexicons" / "en" / "actors.toml") == []


def test_concept_file_problems_are_reported_with_lines(tmp_path):
    broken = CONCEPTS.replace('connotation = "negative"\nreason = "Presents', 'connotation = "bad"\nreason = "Presents')
    _, problems = parse_concepts(broken, "c.toml")
    line = broken.splitlines().index('connotation = "bad"')  # the [[concept.member]] header is 2 lines up
    assert [str(p) for p in problems] == [f"c.toml:{line - 1}: connotation must be one of neutral, negative, positive, not 'bad'"]


def test_counts_per_document(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text(CONCEPTS, "utf-8")
    detector = ActorNamingDetector.from_files([path], include_defaults=False)
    doc = Document(id="d", text="Rioters attacked the regime; the government said protesters and rioters left.")
    assert detector.counts(doc) == {"crowd": {"protester": 1, "rioter": 2}, "state-authority": {"government": 1, "regime": 1}}


def test_actors_table_tells_outlets_apart(tmp_path):
    (tmp_path / "a.md").write_text("---\noutlet: Herald\n---\nThe regime's rioters fled. Rioters, again.\n", "utf-8")
    (tmp_path / "b.md").write_text("---\noutlet: Wire\n---\nThe government said protesters left.\n", "utf-8")
    result = runner.invoke(app, ["actors", str(tmp_path), "--by", "outlet"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["concept", "Herald", "Wire"]
    crowd = next(line for line in lines if line.startswith("crowd"))
    assert "rioter (-) 2" in crowd and "protester 1" in crowd
    state = next(line for line in lines if line.startswith("state-authority"))
    assert "regime (-) 1" in state and "government 1" in state
    data = json.loads(runner.invoke(app, ["actors", str(tmp_path), "--by", "outlet", "-f", "json"]).stdout)
    assert data["concepts"]["crowd"]["counts"] == {"Herald": {"rioter": 2}, "Wire": {"protester": 1}}
    assert data["concepts"]["crowd"]["members"]["rioter"] == "negative"
    only = runner.invoke(app, ["actors", str(tmp_path), "--concept", "crowd", "-f", "csv"]).stdout.splitlines()
    assert only[0] == "concept,document,term,connotation,count" and all(l.startswith("crowd,") for l in only[1:])
    assert runner.invoke(app, ["actors", str(tmp_path), "--concept", "nope"]).exit_code == 2
