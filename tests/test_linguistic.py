"""The linguistic detectors: attribution and sourcing, agency (passives), tone, actor naming."""

import json

import pytest

from framing.detectors.agency import AgencyDetector, passives
from framing.detectors.attribution import AttributionDetector, attributions
from framing.detectors.tone import ToneDetector
from framing.document import Document
from framing.pipeline import Analyzer

from conftest import ROOT

PASSIVES = ROOT / "tests" / "data" / "passives" / "sentences.jsonl"

STORY = (
    "Talks collapse in Corvane\n\n"
    "Interior Minister Dariusz Hollan said on Monday that the talks had failed. "
    "\"We offered everything we could offer,\" he told reporters. "
    "\"They walked away from the table,\" said Ms. Vera Oran, a mediator. "
    "The coalition, led by Aldoria, insisted its strikes were lawful. "
    "Officials who asked not to be named said a new round was unlikely. "
    "According to the health ministry, 12 people were killed. "
    "Hollan later admitted that mistakes were made. "
    "Sources close to the talks said the mood was grim.\n"
)


def attribution_of(text):
    return AttributionDetector().summarize(Document(id="d", text=text), [])


def test_attributions_sources_and_verbs_are_counted():
    doc = Document(id="d", text=STORY)
    found = [(a.verb, a.source, a.anonymous, a.kind) for a in attributions(doc)]
    assert found == [
        ("said", "Interior Minister Dariusz Hollan", False, "neutral"),
        ("told", "he", False, "neutral"),
        ("said", "Ms. Vera Oran", False, "neutral"),
        ("insisted", "The coalition", False, "one_sided"),
        ("said", "Officials", True, "neutral"),
        ("according to", "the health ministry", False, "neutral"),
        ("admitted", "Hollan", False, "one_sided"),
        ("said", "Sources close to the talks", True, "neutral"),
    ]
    summary = attribution_of(STORY)
    assert summary["attributions"] == 8 and summary["direct_quotes"] == 2
    assert summary["source_names"] == ["coalition", "health ministry", "hollan", "officials", "oran",
                                       "sources close to talks"]
    assert summary["sources"] == 6
    assert (summary["anonymous"], summary["anonymous_share"]) == (2, 0.25)
    assert (summary["one_sided_verbs"], summary["one_sided_share"]) == (2, 0.25)


def test_reporting_verbs_inside_a_quotation_are_the_speakers_words():
    text = '"I said no and they claimed otherwise," the mayor said.'
    assert [(a.verb, a.source) for a in attributions(Document(id="d", text=text))] == [("said", "the mayor")]


def test_a_relative_clause_after_who_is_skipped_to_find_the_source():
    text = "Residents who escaped the town last week described months of intimidation."
    assert attribution_of(text)["source_names"] == ["residents"]
    # The verb inside the relative clause is not an attribution of its own.
    assert [a.verb for a in attributions(Document(id="d", text="Officials who asked not to be named said so."))] == ["said"]


def test_anonymous_sources_are_findings():
    findings = AttributionDetector().detect(Document(id="d", text=STORY))
    assert [(f.rule, f.text) for f in findings] == [
        ("sourcing/anonymous-source", "Officials"),
        ("sourcing/anonymous-source", "Sources close to the talks"),
    ]


def test_agentless_passives_with_and_without_agents():
    text = ("Three civilians were killed on Tuesday. Two more were killed by the strikes. The town was "
            "reportedly shelled overnight. The bill was passed by 20 votes. She was tired of waiting. "
            "The people killed in the attack were farmers. The strikes killed three civilians.")
    found = [(p.participle, p.agent) for p in passives(Document(id="d", text=text))]
    assert found == [("killed", False), ("killed", True), ("shelled", False), ("passed", False), ("killed", False)]
    summary = AgencyDetector().summarize(Document(id="d", text=text), [])
    assert (summary["passives"], summary["agentless"], summary["with_agent"]) == (5, 4, 1)


def _label(text):
    found = passives(Document(id="s", text=text))
    if any(not p.agent for p in found):
        return "agentless-passive"
    return "agent-passive" if found else "active"


@pytest.mark.skipif(not PASSIVES.exists(), reason="labelled passive sentences not present")
def test_agentless_passive_precision_and_recall_on_labelled_sentences():
    rows = [json.loads(line) for line in PASSIVES.read_text("utf-8").splitlines() if line.strip()]
    assert len(rows) >= 150
    predicted = [(_label(r["text"]), r["label"]) for r in rows]
    tp = sum(p == g == "agentless-passive" for p, g in predicted)
    fp = sum(p == "agentless-passive" != g for p, g in predicted)
    fn = sum(g == "agentless-passive" != p for p, g in predicted)
    assert tp / (tp + fp) >= 0.95
    assert tp / (tp + fn) >= 0.90


def test_tone_is_measured_without_downloaded_data(monkeypatch, tmp_path):
    monkeypatch.setenv("NLTK_DATA", str(tmp_path))  # an empty nltk_data: nothing may be looked up there
    text = "The brutal attack killed innocent children and destroyed homes. The council met on Tuesday."
    summary = ToneDetector().summarize(Document(id="d", text=text), [])
    assert summary["mean"] < -0.3
    assert summary["negative_share"] == 0.5
    (worst,) = summary["most_negative"]
    assert worst["sentence"] == 0 and worst["compound"] < -0.8
    assert worst["text"].startswith("The brutal attack")
    flat = ToneDetector().summarize(Document(id="d", text="The council met on Tuesday to discuss the budget."), [])
    assert flat["subjectivity"] == 0.0 and flat["mean"] == 0.0


def test_lexicon_findings_inside_quotations_are_marked_and_weigh_less():
    text = '"The regime must go," said the mayor. The regime fell.'
    for weight, expected in [(0.5, [True, False]), (1.0, [True, False])]:
        analyzer = Analyzer.from_options(detectors=["lexicon"], quoted_weight=weight)
        findings = [f for f in analyzer.analyze(Document(id="d", text=text)).findings if f.rule == "actor-labels/regime"]
        assert [f.quoted for f in findings] == expected
        assert findings[0].weight == pytest.approx(findings[1].weight * weight)


@pytest.mark.parametrize(
    "text",
    [
        "no sentence punctuation at all just words said the officials who were killed " * 40,
        ("The minister said that " + "the plan, which was approved by the council, " * 300 + "would go ahead."),
        'He said "this quote never closes and the officials were killed\n\nNext "paragraph" was said by "them',
        "\"\"\"'''“”‘’ said by according to",
        "x",
    ],
)
def test_every_detector_survives_odd_text(text):
    result = Analyzer.from_options(detectors=["all"]).analyze(Document(id="odd", text=text))
    for section in ("attribution", "agency", "tone", "actors"):
        assert section in result.scores
    for finding in result.findings:
        assert text[finding.start : finding.end] == finding.text
