"""The analyst's view: each document's findings and a score summary, as text tables."""

from __future__ import annotations

from typing import Iterable, TextIO

from framing.pipeline import DocumentResult


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def counts_line(result: DocumentResult) -> str:
    """"402 words, 18 sentences, 40 findings", singular where the count is one."""
    parts = [(result.words, "word"), (result.sentences, "sentence"), (len(result.findings), "finding")]
    return ", ".join(f"{n} {noun}{'' if n == 1 else 's'}" for n, noun in parts)


def document_header(result: DocumentResult) -> str:
    doc = result.document
    about = ", ".join(part for part in (doc.outlet, doc.date) if part)
    source = doc.source or doc.id
    if source == "-":
        source = "(standard input)"
    if not doc.title:
        return source + (f" ({about})" if about else "")
    return f"{doc.title}" + (f" ({about})" if about else "") + f" — {source}"


def findings_table(result: DocumentResult, tablefmt: str = "simple", width: int = 70) -> str:
    from tabulate import tabulate

    rows = [
        [f"{f.line}:{f.column}", f.category, f.severity, _clip(f.text, 30), _clip(f.suggestion, width)]
        for f in result.findings
    ]
    return tabulate(rows, headers=["line:col", "category", "severity", "text", "suggestion"], tablefmt=tablefmt)


def summary_table(result: DocumentResult, tablefmt: str = "simple") -> str:
    from tabulate import tabulate

    rows = [
        [cid, values["count"], f"{values['per_1000_words']:.2f}"]
        for cid, values in result.scores["categories"].items()
        if values["count"]
    ]
    rows.append(["framing index", "", f"{result.scores['framing_index']:.2f}"])
    return tabulate(rows, headers=["category", "count", "per 1,000 words"], tablefmt=tablefmt, disable_numparse=True)


def write_table(results: Iterable[DocumentResult], out: TextIO) -> None:
    for index, result in enumerate(results):
        if index:
            out.write("\n")
        header = document_header(result)
        out.write(f"{header}\n{'=' * min(len(header), 100)}\n")
        out.write(counts_line(result) + "\n\n")
        if result.findings:
            out.write(findings_table(result) + "\n\n")
        out.write(summary_table(result) + "\n")
