"""reviewdog's rdjsonl: one Diagnostic (reviewdog's Diagnostic Format) per line, per finding that counts.

Each has the message (with the suggestion in brackets), the location (path and range, end
exclusive), the severity, the rule as its code and `framing` as its source; a finding with a safe
fix carries it as a suggestion over the same range (an empty text deletes the match).

Columns count UTF-8 bytes, as reviewdog's format does (CheckFinding.utf8_columns); a report made
without them (0, 0) falls back to code points, the same on lines of ASCII text.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from framing.render.text import with_suggestion
from framing.report import CheckFinding, CheckReport

SEVERITIES = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def _range(finding: CheckFinding) -> dict[str, Any]:
    start, end = finding.utf8_columns if finding.utf8_columns[0] else (finding.column, finding.end_column)
    return {"start": {"line": finding.line, "column": start},
            "end": {"line": finding.end_line, "column": end}}


def diagnostic(finding: CheckFinding) -> dict[str, Any]:
    data: dict[str, Any] = {
        "message": with_suggestion(finding),
        "location": {"path": finding.path, "range": _range(finding)},
        "severity": SEVERITIES.get(finding.severity, "WARNING"),
        "code": {"value": finding.rule},
        "source": {"name": "framing"},
    }
    if finding.fix is not None:
        data["suggestions"] = [{"range": _range(finding), "text": finding.fix}]
    return data


def check(report: CheckReport, out: TextIO) -> None:
    for finding in report.counted():
        out.write(json.dumps(diagnostic(finding), ensure_ascii=False) + "\n")
