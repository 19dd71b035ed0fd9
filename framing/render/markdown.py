"""Markdown: a section per document with GitHub-style tables, for reports and PR comments."""

from __future__ import annotations

from typing import Iterable, TextIO

from framing.pipeline import DocumentResult
from framing.render.table import counts_line, document_header, findings_table, summary_table


def write_markdown(results: Iterable[DocumentResult], out: TextIO) -> None:
    out.write("# Framing analysis\n")
    for result in results:
        out.write(f"\n## {document_header(result)}\n\n")
        out.write(counts_line(result) + "\n\n")
        if result.findings:
            out.write(findings_table(result, "github", width=200) + "\n\n")
        out.write(summary_table(result, "github") + "\n")
