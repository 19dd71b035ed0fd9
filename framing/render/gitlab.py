"""GitLab code quality: `framing check` as the JSON array a `codequality` report artifact holds.

One issue per finding that counts: description (the message), check_name (the rule), severity
(info -> info, warning -> major, error -> critical), location (path, first and last line) and a
fingerprint. GitLab needs fingerprints unique in the report, and a finding's own fingerprint comes
from its words and sentence only (the same boilerplate sentence in two files gives the same one),
so the issue's is a hash of the path and the finding's fingerprint: still stable when lines move.
"""

from __future__ import annotations

import hashlib
import json
from typing import TextIO

from framing.report import CheckFinding, CheckReport

SEVERITIES = {"info": "info", "warning": "major", "error": "critical"}


def fingerprint(finding: CheckFinding) -> str:
    return hashlib.sha256(f"{finding.path}\x1f{finding.fingerprint}".encode("utf-8")).hexdigest()[:32]


def check(report: CheckReport, out: TextIO) -> None:
    issues = [
        {
            "description": finding.message,
            "check_name": finding.rule,
            "fingerprint": fingerprint(finding),
            "severity": SEVERITIES.get(finding.severity, "major"),
            "location": {"path": finding.path, "lines": {"begin": finding.line, "end": finding.end_line}},
        }
        for finding in report.counted()
    ]
    out.write(json.dumps(issues, ensure_ascii=False, indent=2) + "\n")
