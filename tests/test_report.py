"""The result model: immutable findings, fingerprints for baselines, the quoted discount
applied by making new findings."""

from __future__ import annotations

import dataclasses

import pytest

from framing.document import Document
from framing.pipeline import Analyzer
from framing.report import ClassifierFinding, Finding, new_finding
from framing.scoring import discount_quoted

TEXT = "The so-called council met.\n\nLater the so-called council met again. \"The regime lies,\" she said."


def analysed(text: str = TEXT):
    analyzer = Analyzer.from_options(detectors=["lexicon", "quotes"])
    return analyzer.analyze(Document(id="d", text=text))


def test_findings_are_frozen_and_new_finding_makes_equal_ones():
    finding = analysed().findings[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.weight = 0.0
    values = [getattr(finding, f.name) for f in dataclasses.fields(Finding)]
    assert new_finding(*values) == finding == Finding(*values)
    assert list(finding.to_dict()) == [f.name for f in dataclasses.fields(Finding)]
    scored = ClassifierFinding(*values, probability=0.7, features=("word: regime",))
    assert scored.to_dict()["features"] == ["word: regime"] and list(scored.to_dict())[-2:] == ["probability", "features"]


def test_quoted_findings_are_new_records_with_the_discount():
    result = analysed()
    quoted = [f for f in result.findings if f.quoted]
    assert [f.text for f in quoted] == ["regime", "lies"]  # the speaker's words, both
    plain = dataclasses.replace(quoted[0], quoted=False, weight=1.0)
    again = discount_quoted([plain], [(quoted[0].start - 5, quoted[0].end + 5)], 0.25)
    assert again[0].quoted and again[0].weight == 0.25 and plain.weight == 1.0 and not plain.quoted
    assert discount_quoted([plain], [(0, 1)], 0.25) == [plain]
    exempt = discount_quoted([plain], [(quoted[0].start, quoted[0].end)], 0.25, exempt=frozenset({plain.category}))
    assert exempt[0].quoted and exempt[0].weight == 1.0  # marked, but counted in full


def test_fingerprints_ignore_position_but_tell_repeats_apart():
    result = analysed()
    prints = result.fingerprints()
    assert len(set(prints)) == len(prints) == len(result.findings)
    # Same findings after an edit that moves every line: same fingerprints.
    moved = analysed("A new first paragraph.\n\n" + TEXT)
    assert moved.fingerprints() == prints
    # The two "so-called" sit in different sentences; the same sentence twice gives occurrences 0 and 1.
    twice = analysed("The so-called council met. The so-called council met.")
    first, second = twice.fingerprints()
    assert first != second
    assert twice.findings[0].fingerprint("The so-called council met.", 1) == second
