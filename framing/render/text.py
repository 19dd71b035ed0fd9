"""Text: `framing check` as a compiler would put it, one line per finding that counts, then a summary.

    articles/a.md:1:25: warning emotive/slammed 'slammed': Dramatises criticism ... [Use 'criticised' ...]
    4 files checked: 1 error, 5 warnings, 3 info; 5 suppressed: 1 inline, ...; failed (fail-on warning)

Columns count code points, as editors show them. Findings inside quotations are shown (marked
` (quoted)`) only when the report asks for them. The severity is coloured when the stream is a
terminal (and NO_COLOR is not set). Every line is one line: white space in the document's words is
collapsed and control characters are shown escaped, so a document cannot move the cursor or fake
a line of output.
"""

from __future__ import annotations

import os
import re
from typing import TextIO

from framing.report import SUPPRESSIONS, CheckFinding, CheckReport

SEVERITY_ORDER = ("error", "warning", "info")
COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m", "failed": "\033[31m", "passed": "\033[32m"}
RESET = "\033[0m"
# C0 and C1 control characters and DEL; tabs and line breaks are white space, collapsed before.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def one_line(text: str) -> str:
    """White space collapsed to single spaces, other control characters escaped (`\\x1b`)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", " ".join(text.split()))


def with_suggestion(finding: CheckFinding) -> str:
    """The finding's message with its suggestion in brackets at the end (none when it has none)."""
    suggestion = finding.finding.suggestion
    return f"{finding.message} [{suggestion}]" if suggestion else finding.message


def use_colour(out: TextIO) -> bool:
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty()) and not os.environ.get("NO_COLOR")


def _paint(word: str, colour: bool) -> str:
    return f"{COLOURS[word]}{word}{RESET}" if colour and word in COLOURS else word


def finding_line(finding: CheckFinding, colour: bool = False) -> str:
    """`path:line:col: severity rule message [suggestion]`, and ` (quoted)` for a quoted one."""
    line = (f"{one_line(finding.path)}:{finding.line}:{finding.column}: {_paint(finding.severity, colour)} "
            f"{finding.rule} {one_line(with_suggestion(finding))}")
    return line + " (quoted)" if finding.suppressed == "quoted" else line


def shown(report: CheckReport) -> list[CheckFinding]:
    """The findings the text lists: those that count, and the quoted ones when asked for."""
    return [f for f in report.findings
            if f.suppressed is None or (report.show_quoted and f.suppressed == "quoted")]


def _count(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def summary(report: CheckReport, colour: bool = False) -> str:
    """`N files checked: 1 error, 2 warnings, 0 info; 3 suppressed: 2 inline, 1 baseline; 1 baseline entry
    gone; 1 input error; failed (fail-on warning)` (clauses with nothing to count left out)."""
    counted = report.counted()
    severities = {s: 0 for s in SEVERITY_ORDER}
    for finding in counted:
        severities[finding.severity] = severities.get(finding.severity, 0) + 1
    parts = [f"{_count(report.files, 'file')} checked: "
             + ", ".join(_count(n, s, "info" if s == "info" else None) for s, n in severities.items())]
    reasons = {reason: 0 for reason in SUPPRESSIONS}
    for finding in report.findings:
        if finding.suppressed is not None:
            reasons[finding.suppressed] = reasons.get(finding.suppressed, 0) + 1
    suppressed = sum(reasons.values())
    if suppressed:
        parts.append(f"{suppressed} suppressed: " + ", ".join(f"{n} {why}" for why, n in reasons.items() if n))
    if report.gone:
        parts.append(_count(len(report.gone), "baseline entry", "baseline entries") + " gone")
    if report.errors:
        parts.append(_count(len(report.errors), "input error"))
    verdict = f"{_paint('failed', colour)} (fail-on {report.fail_on})" if report.failed else _paint("passed", colour)
    return "; ".join(parts + [verdict])


def check(report: CheckReport, out: TextIO) -> None:
    colour = use_colour(out)
    for finding in shown(report):
        out.write(finding_line(finding, colour) + "\n")
    out.write(summary(report, colour) + "\n")
