"""Markdown: a section per document with GitHub-style tables, for reports and PR comments."""

from __future__ import annotations

from typing import TextIO

from framing.render import table
from framing.report import ActorTable, ComparisonResult, Report


def analysis(report: Report, out: TextIO) -> None:
    out.write("# Framing analysis\n")
    for result in report.results:
        out.write(f"\n## {table.document_header(result)}\n\n")
        out.write(table.counts_line(result) + "\n\n")
        if result.findings:
            out.write(table.findings_table(result, "github", width=200) + "\n\n")
        out.write(table.summary_table(result, "github") + "\n")


def comparison(data: ComparisonResult, out: TextIO) -> None:
    table.comparison(data, out, tablefmt="markdown")


def actors(data: ActorTable, out: TextIO) -> None:
    table.actors(data, out, tablefmt="markdown")
