"""Checkstyle XML: `framing check` for tools that read Checkstyle reports (reviewdog, Jenkins, ...).

One `<file>` per file with findings that count (by path), one `<error>` per finding: line,
column (code points), severity (error, warning, info), the message with the suggestion in
brackets, and `source` `framing.<rule>`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TextIO

from framing.render.junit import write_xml, xml_safe
from framing.render.text import with_suggestion
from framing.report import CheckFinding, CheckReport

SEVERITIES = {"error": "error", "warning": "warning", "info": "info"}


def check(report: CheckReport, out: TextIO) -> None:
    by_path: dict[str, list[CheckFinding]] = {}
    for finding in report.counted():
        by_path.setdefault(finding.path, []).append(finding)
    root = ET.Element("checkstyle", {"version": "4.3"})
    for path in sorted(by_path):
        element = ET.SubElement(root, "file", {"name": xml_safe(path)})
        for finding in by_path[path]:
            ET.SubElement(element, "error", {
                "line": str(finding.line), "column": str(finding.column),
                "severity": SEVERITIES.get(finding.severity, "warning"),
                "message": xml_safe(with_suggestion(finding)), "source": f"framing.{finding.rule}",
            })
    write_xml(root, out)
