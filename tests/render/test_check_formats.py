"""`framing check`'s formats beyond their golden files: SARIF against the SARIF 2.1.0 schema and
GitHub's 25,000-result cap, the escaping of workflow commands and text lines, colour, clean runs,
and the structure each CI format's readers rely on."""

from __future__ import annotations

import dataclasses
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import fixture
from framing.render import github, sarif, text, writer
from framing.report import CheckFinding, CheckReport, Finding

ROOT = Path(__file__).resolve().parents[2]
SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
CHECK_FORMATS = ("json", "text", "sarif", "github", "junit", "gitlab", "checkstyle", "rdjsonl")


def render(fmt: str, report: CheckReport) -> str:
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
    writer(fmt, "check")(report, out)
    out.flush()
    out.detach()
    return raw.getvalue().decode("utf-8")


def clean_report() -> CheckReport:
    """Nothing counts: only the suppressed findings, no errors, nothing gone."""
    findings = [f for f in fixture.check_findings() if f.suppressed]
    return fixture.check_report(findings=findings, errors=[], gone=[], failed=False)


def with_finding(check: dict | None = None, **changes) -> CheckReport:
    """The fixture report with one finding that counts: 'slammed', with these Finding fields
    changed (text, explanation, ...) and the `check` ones of its CheckFinding (path, severity, ...)."""
    base = next(f for f in fixture.check_findings() if f.rule == "emotive/slammed")
    finding = dataclasses.replace(base, finding=dataclasses.replace(base.finding, **changes), **(check or {}))
    return fixture.check_report(findings=[finding], errors=[], gone=[])


# ------------------------------------------------------------------------------------------- SARIF


@pytest.fixture(scope="module")
def sarif_validator():
    if not SARIF_SCHEMA.exists():
        pytest.skip(f"no SARIF schema at {SARIF_SCHEMA}")
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
    validator_class = jsonschema.validators.validator_for(schema, default=jsonschema.Draft7Validator)
    validator_class.check_schema(schema)
    return validator_class(schema)


def assert_valid(validator, log: dict) -> None:
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:10])


@pytest.mark.parametrize("report", [fixture.check_report, clean_report], ids=["fixture", "clean"])
def test_sarif_is_valid_against_the_schema(sarif_validator, report) -> None:
    assert_valid(sarif_validator, json.loads(render("sarif", report())))


def test_sarif_results_rules_and_suppressions() -> None:
    report = fixture.check_report()
    log = json.loads(render("sarif", report))
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json" and log["version"] == "2.1.0"
    (run,) = log["runs"]
    results = run["results"]
    expected = [f for f in report.findings if f.suppressed in (None, "inline", "file", "baseline")]
    assert [(r["ruleId"], r["partialFingerprints"]["primaryLocationLineHash"]) for r in results] == [
        (f.rule, f.fingerprint) for f in expected]
    assert {r["ruleId"]: r.get("suppressions") for r in results if "suppressions" in r} == {
        "attribution-verbs/admit": [{"kind": "inSource"}],  # file
        "agency/agentless-passive": [{"kind": "inSource"}],  # inline
        "hedges/critics-say": [{"kind": "external"}],  # baseline
    }
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted({f.rule for f in expected})  # not low-life, regime, totally
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    by_id = {r["id"]: r for r in rules}
    assert by_id["hedges/according-to-sources"]["shortDescription"] == {"text": "hedges/according-to-sources"}
    assert "name" not in by_id["hedges/according-to-sources"]
    # The policy raised agentless harm to warning; the rule's own default stays the lexicon's.
    harm = next(r for r in results if r["ruleId"] == "agency/agentless-harm")
    assert harm["level"] == "warning" and by_id["agency/agentless-harm"]["defaultConfiguration"] == {"level": "note"}
    assert {r["level"] for r in results} == {"error", "warning", "note"}
    assert run["columnKind"] == "utf16CodeUnits" and run["automationDetails"] == {"id": "framing/check/"}


def test_sarif_regions_count_utf16_units_and_fixes_replace_the_match() -> None:
    log = json.loads(render("sarif", fixture.check_report()))
    results = {r["ruleId"]: r for r in log["runs"][0]["results"]}
    stormed = results["emotive/stormed"]
    location = stormed["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "posts/rally-thread.txt", "uriBaseId": "%SRCROOT%"}
    # 'stormed' is code-point column 15 after the emoji, UTF-16 column 16.
    assert location["region"] == {"startLine": 1, "startColumn": 16, "endLine": 1, "endColumn": 23,
                                  "snippet": {"text": "stormed"}}
    (change,) = stormed["fixes"][0]["artifactChanges"]
    assert change["replacements"] == [{"deletedRegion": {"startLine": 1, "startColumn": 16, "endLine": 1,
                                                         "endColumn": 23}, "insertedContent": {"text": "entered"}}]
    deletion = results["distancing/so-called"]["fixes"][0]
    assert deletion["description"] == {"text": "Delete 'so-called'"}
    assert deletion["artifactChanges"][0]["replacements"][0]["insertedContent"] == {"text": ""}
    over_lines = results["hedges/according-to-sources"]["locations"][0]["physicalLocation"]["region"]
    assert (over_lines["startLine"], over_lines["startColumn"], over_lines["endLine"], over_lines["endColumn"]) == (
        2, 16, 3, 8)
    assert "fixes" not in results["actor-labels/thugs"]


def test_sarif_uris_are_relative_uri_references() -> None:
    log = json.loads(render("sarif", with_finding({"path": "news/Zoë’s #1 story.md"})))
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == "news/Zo%C3%AB%E2%80%99s%20%231%20story.md"
    assert "file:" not in render("sarif", fixture.check_report())


def generated_report(count: int) -> CheckReport:
    """`count` findings that count, severities in turn info, warning, error, on one line each of one file."""
    severities = ("info", "warning", "error")
    findings = []
    for i in range(count):
        finding = Finding(rule="emotive/slammed", category="emotive", detector="lexicon", text="slammed",
                          start=0, end=7, line=i + 1, column=1, sentence=i, severity="warning", weight=0.75,
                          explanation="Dramatises criticism.", suggestion="Use 'criticised'.", context="slammed")
        findings.append(CheckFinding(path="big.txt", finding=finding, severity=severities[i % 3],
                                     fingerprint=f"{i:020x}", utf16_columns=(1, 8)))
    return fixture.check_report(findings=findings, errors=[], gone=[])


def test_sarif_keeps_the_25000_most_severe_results() -> None:
    count = sarif.MAX_RESULTS + 3001
    log = sarif.log(generated_report(count))
    run = log["runs"][0]
    results = run["results"]
    assert len(results) == sarif.MAX_RESULTS == 25_000
    levels = [r["level"] for r in results]
    # All 9,333 errors and 9,334 warnings kept; of the 9,334 infos the first 6,333, in order.
    assert (levels.count("error"), levels.count("warning"), levels.count("note")) == (9333, 9334, 6333)
    lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results]
    assert lines == sorted(lines)
    infos = [line for line, level in zip(lines, levels) if level == "note"]
    assert infos == list(range(1, 3 * len(infos), 3))
    (notification,) = run["invocations"][0]["toolExecutionNotifications"]
    assert notification["level"] == "warning" and notification["message"]["text"].startswith(
        f"3001 of {count} results left out")


def test_sarif_cap_prefers_findings_that_count_and_is_valid(sarif_validator) -> None:
    report = fixture.check_report()
    log = sarif.log(report, limit=4)
    results = log["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["emotive/slammed", "distancing/so-called", "attribution-verbs/insist",
                                              "actor-labels/thugs"]  # the error, then the first warnings that count
    assert all("suppressions" not in r for r in results)
    assert_valid(sarif_validator, log)
    notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert [n["level"] for n in notes] == ["error", "warning"] and notes[1]["message"]["text"].startswith("8 of 12 ")


# ------------------------------------------------------------------------------------------ GitHub


def test_github_escapes_data_and_properties() -> None:
    report = with_finding({"path": "news/a,b:100%.md", "severity": "info"}, text="50%\r\nup",
                          explanation="Rises\nsharply: 100%.", suggestion="Say 'rose', not 'soared'.")
    assert render("github", report) == (
        "::notice file=news/a%2Cb%3A100%25.md,line=1,endLine=2,title=emotive/slammed::"
        "'50%25 up': Rises%0Asharply: 100%25. [Say 'rose', not 'soared'.]\n"
    )
    assert github.escape_data("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad:e,f"
    assert github.escape_property("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad%3Ae%2Cf"


def test_github_annotates_what_counts_and_input_errors() -> None:
    lines = render("github", fixture.check_report()).splitlines()
    report = fixture.check_report()
    assert len(lines) == len(report.counted()) + len(report.errors)
    assert [line.split(" ", 1)[0] for line in lines[:3]] == ["::warning", "::warning", "::notice"]
    assert any(line.startswith("::error file=posts/rally-thread.txt,line=1,col=9,endLine=1,endColumn=14,"
                               "title=actor-labels/thugs::'thugs': ") for line in lines)
    assert lines[-1] == "::error title=framing%3A input error::articles/broken.txt:4: invalid UTF-8 (byte 312)"
    assert render("github", clean_report()) == ""


# -------------------------------------------------------------------------------------------- text


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_text_lines_are_one_line_each_and_control_characters_show_escaped() -> None:
    report = with_finding({"path": "a\x1b[2Jb.md"}, text="slam\nmed", explanation="Loud\x1b[31m\tred.",
                          suggestion="Say\r\nit plainly.")
    lines = render("text", report).splitlines()
    assert lines[0] == "a\\x1b[2Jb.md:1:25: warning emotive/slammed 'slam med': Loud\\x1b[31m red. [Say it plainly.]"
    assert len(lines) == 2 and "\x1b" not in render("text", report)


def test_text_shows_quoted_findings_only_when_asked() -> None:
    hidden = render("text", fixture.check_report())
    shown = render("text", fixture.check_report(show_quoted=True))
    assert "actor-labels/low-life" not in hidden
    (quoted,) = [line for line in shown.splitlines() if "actor-labels/low-life" in line]
    assert quoted.startswith("articles/harrowgate-quarry.md:2:92: error actor-labels/low-life 'low-life': ")
    assert quoted.endswith("[Describe the conduct or use a neutral noun for the person.] (quoted)")
    assert len(shown.splitlines()) == len(hidden.splitlines()) + 1
    assert shown.splitlines()[-1] == hidden.splitlines()[-1]  # still counted as suppressed, not as an error


def test_text_summary() -> None:
    assert render("text", fixture.check_report()).splitlines()[-1] == (
        "4 files checked: 1 error, 5 warnings, 3 info; 5 suppressed: 1 inline, 1 file, 1 baseline, 1 quoted, "
        "1 allowed; 1 baseline entry gone; 1 input error; failed (fail-on warning)")
    assert render("text", clean_report()) == (
        "4 files checked: 0 errors, 0 warnings, 0 info; 5 suppressed: 1 inline, 1 file, 1 baseline, 1 quoted, "
        "1 allowed; passed\n")
    one = fixture.check_report(files=1, findings=[], errors=[], gone=[], failed=False)
    assert render("text", one) == "1 file checked: 0 errors, 0 warnings, 0 info; passed\n"


def test_text_colours_severities_on_a_terminal_only(monkeypatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    out = Terminal()
    text.check(fixture.check_report(), out)
    coloured = out.getvalue()
    assert "\033[33mwarning\033[0m emotive/slammed" in coloured
    assert "\033[31merror\033[0m actor-labels/thugs" in coloured and "\033[36minfo\033[0m" in coloured
    assert coloured.splitlines()[-1].endswith("\033[31mfailed\033[0m (fail-on warning)")
    assert "\033[" not in render("text", fixture.check_report())
    monkeypatch.setenv("NO_COLOR", "1")
    plain = Terminal()
    text.check(fixture.check_report(), plain)
    assert plain.getvalue() == render("text", fixture.check_report())


# ----------------------------------------------------------------------- JUnit, Checkstyle, GitLab, ...


def test_junit_has_a_suite_per_file_with_findings_and_a_failure_per_finding() -> None:
    report = fixture.check_report()
    root = ET.fromstring(render("junit", report).encode("utf-8"))
    assert (root.tag, root.get("name"), root.get("tests"), root.get("failures"), root.get("errors")) == (
        "testsuites", "framing", "10", "9", "1")
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["articles/harrowgate-quarry.md", "posts/rally-thread.txt", "framing"]
    failures = [case.find("failure") for suite in suites[:2] for case in suite.findall("testcase")]
    assert [f.get("type") for f in failures] == [f.severity for f in report.counted()]
    assert all("\nSuggestion: " in f.text for f in failures)
    assert suites[2].find("testcase/error").get("message") == "articles/broken.txt:4: invalid UTF-8 (byte 312)"


def test_junit_clean_run_is_one_passing_test() -> None:
    output = render("junit", clean_report())
    assert output.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(output.encode("utf-8"))
    (suite,) = root.findall("testsuite")
    (case,) = suite.findall("testcase")
    assert (root.get("tests"), root.get("failures"), case.get("name"), list(case)) == ("1", "0", "framing check", [])


def test_xml_formats_carry_characters_xml_cannot() -> None:
    report = with_finding(explanation="Bell\x07 and <tags> & \"quotes\".")
    for fmt in ("junit", "checkstyle"):
        root = ET.fromstring(render(fmt, report).encode("utf-8"))  # parses
        messages = [e.get("message") for e in root.iter() if e.get("message")]
        assert messages and all("Bell\ufffd and <tags> & \"quotes\"." in m for m in messages), fmt


def test_checkstyle_files_and_errors() -> None:
    report = fixture.check_report()
    output = render("checkstyle", report)
    assert output.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">')
    root = ET.fromstring(output.encode("utf-8"))
    assert [f.get("name") for f in root.findall("file")] == sorted({f.path for f in report.counted()})
    errors = root.findall("file/error")
    assert [(e.get("line"), e.get("column"), e.get("severity"), e.get("source")) for e in errors] == [
        (str(f.line), str(f.column), f.severity, f"framing.{f.rule}") for f in report.counted()]


def test_gitlab_issues() -> None:
    report = fixture.check_report()
    issues = json.loads(render("gitlab", report))
    assert [(i["check_name"], i["severity"]) for i in issues] == [
        (f.rule, {"info": "info", "warning": "major", "error": "critical"}[f.severity]) for f in report.counted()]
    assert issues[-1]["location"] == {"path": "posts/rally-thread.txt", "lines": {"begin": 2, "end": 3}}
    assert all(set(i) == {"description", "check_name", "fingerprint", "severity", "location"} for i in issues)
    # The same words in another file are another issue.
    twice = [f for f in report.findings if f.rule == "emotive/slammed"]
    twice.append(dataclasses.replace(twice[0], path="articles/copy.md"))
    prints = [i["fingerprint"] for i in json.loads(render("gitlab", fixture.check_report(findings=twice)))]
    assert len(set(prints)) == 2


def test_rdjsonl_diagnostics() -> None:
    report = fixture.check_report()
    lines = render("rdjsonl", report).splitlines()
    diagnostics = [json.loads(line) for line in lines]
    assert [d["code"]["value"] for d in diagnostics] == [f.rule for f in report.counted()]
    assert {d["severity"] for d in diagnostics} == {"ERROR", "WARNING", "INFO"}
    assert all(d["source"] == {"name": "framing"} for d in diagnostics)
    fixes = {d["code"]["value"]: d["suggestions"] for d in diagnostics if "suggestions" in d}
    assert fixes["distancing/so-called"] == [{"range": diagnostics[1]["location"]["range"], "text": ""}]
    assert set(fixes) == {f.rule for f in report.counted() if f.fix is not None}


def test_json_check_fields() -> None:
    report = fixture.check_report()
    data = json.loads(render("json", report))
    assert list(data) == ["schema", "framing_version", "root", "files", "fail_on", "failed", "findings", "gone",
                          "errors"]
    assert len(data["findings"]) == len(report.findings)
    assert list(data["findings"][0]) == ["path", "line", "column", "end_line", "end_column", "rule", "category",
                                         "severity", "text", "message", "explanation", "suggestion", "fingerprint",
                                         "suppressed", "fix"]
    assert [f["suppressed"] for f in data["findings"]] == [f.suppressed for f in report.findings]
    assert data["errors"] == ["articles/broken.txt:4: invalid UTF-8 (byte 312)"]


@pytest.mark.parametrize("fmt", CHECK_FORMATS)
def test_no_findings_no_errors(fmt: str) -> None:
    empty = fixture.check_report(findings=[], errors=[], gone=[], failed=False)
    output = render(fmt, empty)
    assert output == render(fmt, empty)
    if fmt in ("json", "sarif", "gitlab"):
        json.loads(output)
    elif fmt in ("junit", "checkstyle"):
        ET.fromstring(output.encode("utf-8"))
    else:
        assert output in ("", "4 files checked: 0 errors, 0 warnings, 0 info; passed\n")
