"""GitHub Actions workflow commands: one annotation per finding that counts.

    ::warning file=a.md,line=1,col=25,endLine=1,endColumn=32,title=emotive/slammed::'slammed': ... [...]

error -> `::error`, warning -> `::warning`, info -> `::notice`. Values are escaped as the
Actions runner unescapes them: in the message `%`, CR and LF; in properties also `:` and `,`.
Columns count code points, end column exclusive. GitHub's annotations take columns on one line
only, so a finding that runs over a line break gives lines without columns. Inputs that could
not be read are `::error` annotations too, so they show on the run's summary.
"""

from __future__ import annotations

from typing import TextIO

from framing.render.text import with_suggestion
from framing.report import CheckFinding, CheckReport

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict[str, object], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def annotation(finding: CheckFinding) -> str:
    properties: dict[str, object] = {"file": finding.path, "line": finding.line}
    if finding.end_line == finding.line:
        properties.update(col=finding.column, endLine=finding.end_line, endColumn=finding.end_column)
    else:
        properties["endLine"] = finding.end_line
    properties["title"] = finding.rule
    return command(COMMANDS.get(finding.severity, "warning"), properties, with_suggestion(finding))


def check(report: CheckReport, out: TextIO) -> None:
    for finding in report.counted():
        out.write(annotation(finding) + "\n")
    for error in report.errors:
        out.write(command("error", {"title": "framing: input error"}, str(error)) + "\n")
