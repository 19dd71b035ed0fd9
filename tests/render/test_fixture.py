"""The hand-made fixture agrees with itself: offsets, lines, sentences, scores and tables.

Checked by plain arithmetic on the fixture's own text, not by the analyzer, so the golden files
stay independent of detector behaviour while their numbers stay right.
"""

from __future__ import annotations

import fixture
from framing.report import ClassifierFinding


def line_col(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def sentence_of(spans: list[tuple[int, int]], offset: int) -> int:
    return max(i for i, (start, _) in enumerate(spans) if start <= offset)


SPANS = {fixture.ARTICLE_ID: fixture.ARTICLE_SENTENCES, fixture.BRIEF_ID: fixture.BRIEF_SENTENCES}


def test_documents() -> None:
    for result in fixture.results():
        doc = result.document
        spans = SPANS[doc.id]
        assert result.words == len(doc.text.split())
        assert result.sentences == len(spans)
        assert all(doc.text[end - 1] in ".!?" and not doc.text[start].isspace() for start, end in spans)
        assert 2 <= len(spans) <= 4
    text = fixture.ARTICLE_TEXT
    assert text.count("\n") == 3 and any(ord(c) > 127 for c in text) and "“" in text and "ë" in text


def test_findings_point_at_their_text() -> None:
    for result in fixture.results():
        doc = result.document
        findings = result.findings
        assert findings == sorted(findings, key=lambda f: (f.start, f.end, f.rule))
        for f in findings:
            assert doc.text[f.start:f.end] == f.text, f.rule
            assert (f.line, f.column) == line_col(doc.text, f.start), f.rule
            assert f.sentence == sentence_of(SPANS[doc.id], f.start), f.rule
            start, end = SPANS[doc.id][f.sentence]
            assert f.context.strip("…") in doc.text[start:end], f.rule
            assert f.rule.split("/")[0] == f.category


def test_findings_cover_the_cases_renderers_meet() -> None:
    findings = fixture.article_findings()
    assert [f.quoted for f in findings].count(True) == 1
    classifier = [f for f in findings if isinstance(f, ClassifierFinding)]
    assert len(classifier) == 1 and (classifier[0].start, classifier[0].end) == fixture.ARTICLE_SENTENCES[1]
    assert {f.severity for f in findings} == {"info", "warning", "error"}
    assert len({f.category for f in findings}) >= 5


def test_scores_follow_from_the_findings() -> None:
    for result in fixture.results():
        scores = result.scores
        per_word = 1000.0 / result.words
        assert list(scores["categories"]) == sorted(fixture.CATEGORY_IDS)
        for cid, values in scores["categories"].items():
            count = sum(1 for f in result.findings if f.category == cid)
            assert values == {"count": count, "per_1000_words": round(count * per_word, 3) if count else 0.0}, cid
        assert round(result.weight, 6) == round(sum(f.weight for f in result.findings), 6)
        assert scores["framing_index"] == round(result.weight * per_word, 3)
        agency = scores["agency"]
        assert agency["agentless"] == sum(1 for f in result.findings if f.category == "agency")
        assert agency["agentless_per_1000_words"] == round(agency["agentless"] * per_word, 3)
        attribution = scores["attribution"]
        assert attribution["anonymous"] == sum(1 for f in result.findings if f.rule == "sourcing/anonymous-source")


def test_comparison_follows_from_the_scores() -> None:
    results = {r.document.id: r for r in fixture.results()}
    table = fixture.comparison_by_document()
    assert table.measures == fixture.MEASURES and table.pairwise == []
    for group in table.groups:
        result = results[group.key["document"]]
        scores = result.scores
        assert group.documents == 1 and group.small
        values = {name: v["mean"] for name, v in group.measures.items()}
        assert values["framing_index"] == scores["framing_index"]
        assert [values[c] for c in fixture.COMPARED] == [scores["categories"][c]["per_1000_words"]
                                                        for c in fixture.COMPARED]
        attribution = scores["attribution"]
        assert values["attribution.sources"] == attribution["sources"]
        share = round(attribution["anonymous"] / attribution["attributions"], 3) if attribution["attributions"] else None
        assert values["attribution.anonymous_share"] == share
    indexes = [g.measures["framing_index"]["mean"] for g in table.groups]
    assert indexes == sorted(indexes, reverse=True)


def test_actor_table_follows_from_the_scores() -> None:
    table = fixture.actor_table()
    for concept in table.concepts:
        for column in table.columns:
            result = next(r for r in fixture.results() if r.document.id == column)
            assert concept.counts[column] == result.scores["actors"].get(concept.id, {})
            assert set(concept.counts[column]) <= set(concept.members)


def test_sentence_scores_follow_from_the_text() -> None:
    scores = list(fixture.sentence_scores())
    texts = {fixture.ARTICLE_ID: fixture.ARTICLE_TEXT, fixture.BRIEF_ID: fixture.BRIEF_TEXT}
    for score in scores:
        text = texts[score.document]
        assert (score.start, score.end) == SPANS[score.document][score.sentence]
        assert score.text == " ".join(text[score.start:score.end].split())
        assert (score.line, score.column) == line_col(text, score.start)
        assert score.biased == (score.probability >= 0.5) == bool(score.features)
    flagged = [s for s in scores if s.biased]
    classifier = next(f for f in fixture.article_findings() if isinstance(f, ClassifierFinding))
    assert [(s.start, s.probability, tuple(s.features)) for s in flagged] == [
        (classifier.start, classifier.probability, classifier.features)]
    for result in fixture.results():
        mine = [s.probability for s in scores if s.document == result.document.id]
        assert result.scores["classifier"]["mean_probability"] == round(sum(mine) / len(mine), 4)


def test_evaluation_report() -> None:
    report = fixture.evaluation_report()
    assert report["n"] == 10
    assert report["confusion_matrix"] == [[3, 2], [1, 4]]
    assert (report["precision"], report["recall"], report["accuracy"]) == (0.6667, 0.8, 0.7)


def test_check_findings_point_at_their_text() -> None:
    report = fixture.check_report()
    findings = report.findings
    assert findings == sorted(findings, key=lambda f: (f.path, f.line, f.column, f.rule))
    for f in findings:
        text = fixture.CHECK_TEXTS[f.path]
        found = f.finding
        assert text[found.start:found.end] == found.text, f.rule
        assert (found.line, found.column) == line_col(text, found.start), f.rule
        assert (f.end_line, f.end_column) == line_col(text, found.end), f.rule
        assert found.sentence == sentence_of(fixture.CHECK_SPANS[f.path], found.start), f.rule
        assert f.rule in report.rules and f.rule.split("/")[0] == found.category
        # UTF-16 columns: the line's text before each end, counted in UTF-16 units.
        start = text[text.rfind("\n", 0, found.start) + 1:found.start]
        end = text[text.rfind("\n", 0, found.end) + 1:found.end]
        assert f.utf16_columns == (len(start.encode("utf-16-le")) // 2 + 1, len(end.encode("utf-16-le")) // 2 + 1)
    assert all(text[end - 1] == "." for path, text in fixture.CHECK_TEXTS.items()
               for _, end in fixture.CHECK_SPANS[path])


def test_check_report_covers_the_cases_check_formats_meet() -> None:
    report = fixture.check_report()
    findings = report.findings
    counted = report.counted()
    assert {f.severity for f in counted} == {"info", "warning", "error"}
    assert sorted({f.suppressed for f in findings if f.suppressed}) == sorted(("inline", "file", "baseline", "quoted",
                                                                                 "allowed"))
    assert any(f.utf16_columns[0] != f.column for f in counted)  # after a character outside the BMP
    assert any(f.end_line != f.line for f in counted)  # over a line break
    assert {f.fix for f in counted if f.fix is not None} >= {"", "criticised"}
    assert any(f.severity != report.rules.rule(f.rule).severity for f in counted)  # the policy's severity
    assert len({f.path for f in findings}) == 3 and report.files > 3
    assert report.failed and report.errors and report.gone
    assert all(g.rule in report.rules and not any(f.rule == g.rule for f in findings) for g in report.gone)
    assert len({f.fingerprint for f in findings}) == len(findings)
