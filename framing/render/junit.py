"""JUnit XML: `framing check` as a test report, for CI systems that show test results.

One `<testsuite>` per file with findings that count (by path), one `<testcase>` per finding with
a `<failure>` giving the finding and its suggestion. A last suite, `framing`, holds one `<error>`
testcase per input that could not be read and, when no finding counts, a passing testcase
`framing check`, so a clean run shows as one passed test rather than none.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TextIO

from framing.report import CheckFinding, CheckReport

DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
# Characters XML 1.0 cannot hold at all, even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """The text with characters XML 1.0 cannot carry replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def write_xml(root: ET.Element, out: TextIO) -> None:
    """The UTF-8 declaration and the tree, indented two spaces."""
    ET.indent(root, space="  ")
    out.write(DECLARATION + ET.tostring(root, encoding="unicode") + "\n")


def details(finding: CheckFinding) -> str:
    """A failure's text: where and what, the message, and what to write instead."""
    lines = [f"{finding.path}:{finding.line}:{finding.column}: {finding.severity} {finding.rule}", finding.message]
    if finding.finding.suggestion:
        lines.append(f"Suggestion: {finding.finding.suggestion}")
    return "\n".join(lines)


def _suite(parent: ET.Element, name: str, tests: int, failures: int, errors: int = 0) -> ET.Element:
    attributes = {"name": xml_safe(name), "tests": str(tests), "failures": str(failures)}
    if errors:
        attributes["errors"] = str(errors)
    return ET.SubElement(parent, "testsuite", attributes)


def check(report: CheckReport, out: TextIO) -> None:
    counted = report.counted()
    by_path: dict[str, list[CheckFinding]] = {}
    for finding in counted:
        by_path.setdefault(finding.path, []).append(finding)
    own_tests = len(report.errors) + (0 if counted else 1)
    errors = len(report.errors)
    root = ET.Element("testsuites", {"name": "framing", "tests": str(len(counted) + own_tests),
                                     "failures": str(len(counted))})
    if errors:
        root.set("errors", str(errors))
    for path in sorted(by_path):
        findings = by_path[path]
        suite = _suite(root, path, len(findings), len(findings))
        for finding in findings:
            case = ET.SubElement(suite, "testcase", {"classname": xml_safe(path),
                                                      "name": f"{finding.rule} {finding.line}:{finding.column}"})
            failure = ET.SubElement(case, "failure", {"message": xml_safe(finding.message), "type": finding.severity})
            failure.text = xml_safe(details(finding))
    if own_tests:
        suite = _suite(root, "framing", own_tests, 0, errors)
        if not counted:
            ET.SubElement(suite, "testcase", {"classname": "framing", "name": "framing check"})
        for error in report.errors:
            case = ET.SubElement(suite, "testcase", {"classname": "framing",
                                                      "name": xml_safe(f"read {error.path or 'input'}")})
            ET.SubElement(case, "error", {"message": xml_safe(str(error)), "type": "input error"})
    write_xml(root, out)
