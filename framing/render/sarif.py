"""SARIF 2.1.0: `framing check` for code scanning (GitHub's, and other SARIF readers).

One run. Results are the findings that count and those suppressed inline, file-wide or by the
baseline (each with a SARIF `suppressions` entry, so the reader shows them as dismissed rather
than lost); findings inside quotations and terms the policy allows are not results. Locations
are relative to `%SRCROOT%` (the project root, given by whoever uploads the file), columns are
UTF-16 code units and end columns exclusive, as SARIF's defaults are. Fingerprints come from the
finding's own words, so an alert keeps its identity when lines move.

GitHub takes at most 25,000 results a run: past that the most severe are kept (findings that
count before suppressed ones, then error, warning, info, then order) and a tool execution
notification says how many were left out.
"""

from __future__ import annotations

import json
from typing import Any, TextIO
from urllib.parse import quote

from framing.report import CheckFinding, CheckReport
from framing.rules.core import SEVERITY_RANK

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/framing-analyzer/"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SUPPRESSION_KINDS = {"inline": "inSource", "file": "inSource", "baseline": "external"}
MAX_RESULTS = 25_000  # GitHub code scanning's limit per run
SRCROOT = "%SRCROOT%"


def uri(path: str) -> str:
    """A relative path as a URI reference: `/` kept, anything else that is not URI-safe percent-encoded."""
    return quote(path, safe="/")


def _location(finding: CheckFinding) -> dict[str, Any]:
    return {"uri": uri(finding.path), "uriBaseId": SRCROOT}


def _region(finding: CheckFinding, snippet: bool = True) -> dict[str, Any]:
    start, end = finding.utf16_columns
    region: dict[str, Any] = {"startLine": finding.line, "startColumn": start, "endLine": finding.end_line,
                              "endColumn": end}
    if snippet:
        region["snippet"] = {"text": finding.finding.text}
    return region


def _words(text: str) -> str:
    return " ".join(text.split())


def _fix(finding: CheckFinding) -> dict[str, Any]:
    """The lexicon's safe replacement. A deletion (`fix == ""`) deletes the match region only: the
    space after it is in the file, which a renderer does not read."""
    text = _words(finding.finding.text)
    description = f"Delete '{text}'" if finding.fix == "" else f"Replace '{text}' with '{finding.fix}'"
    return {
        "description": {"text": description},
        "artifactChanges": [{
            "artifactLocation": _location(finding),
            "replacements": [{"deletedRegion": _region(finding, snippet=False),
                              "insertedContent": {"text": finding.fix}}],
        }],
    }


def _descriptor(rule_id: str, report: CheckReport, finding: CheckFinding) -> dict[str, Any]:
    rule = report.rules.rule(rule_id) if report.rules is not None else None
    if rule is None:  # not expected: every finding's rule is registered; describe it from the finding
        name, explanation, suggestion = "", finding.finding.explanation, finding.finding.suggestion
        severity, category = finding.finding.severity, finding.finding.category
    else:
        name, explanation, suggestion = rule.name, rule.explanation, rule.suggestion
        severity, category = rule.severity, rule.category
    descriptor: dict[str, Any] = {"id": rule_id}
    if name:
        descriptor["name"] = name
    descriptor.update({
        "shortDescription": {"text": name or rule_id},
        "fullDescription": {"text": explanation},
        "help": {"text": suggestion},
        "defaultConfiguration": {"level": LEVELS.get(severity, "warning")},
        "properties": {"category": category},
    })
    return descriptor


def results_of(report: CheckReport, limit: int = MAX_RESULTS) -> tuple[list[CheckFinding], int]:
    """The findings that become results, in report order, and how many more were left out to stay
    within `limit`."""
    eligible = [f for f in report.findings if f.suppressed is None or f.suppressed in SUPPRESSION_KINDS]
    if len(eligible) <= limit:
        return eligible, 0
    ranked = sorted(range(len(eligible)), key=lambda i: (
        eligible[i].suppressed is not None, -SEVERITY_RANK.get(eligible[i].severity, 0), i))
    kept = sorted(ranked[:limit])
    return [eligible[i] for i in kept], len(eligible) - limit


def _result(finding: CheckFinding, index: int) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": index,
        "level": LEVELS.get(finding.severity, "warning"),
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {"artifactLocation": _location(finding), "region": _region(finding)}}],
        "partialFingerprints": {"primaryLocationLineHash": finding.fingerprint},
    }
    if finding.suppressed is not None:
        result["suppressions"] = [{"kind": SUPPRESSION_KINDS[finding.suppressed]}]
    if finding.fix is not None:
        result["fixes"] = [_fix(finding)]
    return result


def log(report: CheckReport, limit: int = MAX_RESULTS) -> dict[str, Any]:
    """The SARIF log as a dict."""
    findings, dropped = results_of(report, limit)
    first: dict[str, CheckFinding] = {}
    for finding in findings:
        first.setdefault(finding.rule, finding)
    rule_ids = sorted(first)
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    notifications = [{"level": "error", "message": {"text": str(error)}} for error in report.errors]
    if dropped:
        notifications.append({"level": "warning", "message": {"text": (
            f"{dropped} of {len(findings) + dropped} results left out: code scanning takes at most {limit:,} "
            f"a run; the most severe were kept")}})
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run = {
        "tool": {"driver": {
            "name": "framing",
            "version": report.version,
            "informationUri": INFORMATION_URI,
            "rules": [_descriptor(rule_id, report, first[rule_id]) for rule_id in rule_ids],
        }},
        "automationDetails": {"id": "framing/check/"},
        "originalUriBaseIds": {SRCROOT: {"description": {"text": "The project root"}}},
        "columnKind": "utf16CodeUnits",
        "invocations": [invocation],
        "results": [_result(finding, index[finding.rule]) for finding in findings],
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def check(report: CheckReport, out: TextIO) -> None:
    out.write(json.dumps(log(report), ensure_ascii=False, indent=2) + "\n")
