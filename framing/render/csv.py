"""CSV: one row per finding (with its document), per table row, or per sentence."""

from __future__ import annotations

import csv
from typing import Iterable, TextIO

from framing.report import ActorTable, ComparisonResult, EventTable, Report, SentenceScore

COLUMNS = [
    "document", "source", "outlet", "rule", "category", "detector", "severity", "weight",
    "text", "start", "end", "line", "column", "sentence", "explanation", "suggestion", "context", "quoted",
    "probability", "features",
]
SENTENCE_COLUMNS = ["document", "sentence", "start", "end", "line", "column", "probability", "biased", "text", "features"]


def _writer(out: TextIO):
    return csv.writer(out, lineterminator="\n")


def analysis(report: Report, out: TextIO) -> None:
    writer = _writer(out)
    writer.writerow(COLUMNS)
    for result in report.results:
        doc = result.document
        for finding in result.findings:
            row = finding.to_dict()
            row.update(document=doc.id, source=doc.source, outlet=doc.outlet)
            row["quoted"] = "true" if finding.quoted else "false"  # as in JSON
            if "features" in row:  # classifier findings: one cell, features separated by "; "
                row["features"] = "; ".join(row["features"])
            writer.writerow([row.get(column, "") for column in COLUMNS])


COMPARISON_COLUMNS = ["measure", "documents", "small", "mean", "median", "difference", "ci95_low", "ci95_high",
                      "effect", "p", "p_adjusted", "significant", "events"]


def comparison(result: ComparisonResult, out: TextIO) -> None:
    """One row per group and measure (`row` = group), then one per pair and measure (`row` =
    pair): the group key in the `by` columns, the other group of a pair in `versus.<field>`."""
    writer = _writer(out)
    writer.writerow(["row", *result.by, *(f"versus.{f}" for f in result.by), *COMPARISON_COLUMNS])
    blank = [""] * len(result.by)

    def cell(value):
        return "" if value is None else ("true" if value is True else "false" if value is False else value)

    for group in result.groups:
        for measure in result.measures:
            values = group.measures[measure]
            writer.writerow(["group", *(group.key[f] for f in result.by), *blank, measure, group.documents,
                             cell(group.small), cell(values["mean"]), cell(values["median"]), "",
                             cell(values["ci95"][0]), cell(values["ci95"][1]), "", "", "", "", ""])
    for pair in result.pairwise:
        writer.writerow(["pair", *(pair.a[f] for f in result.by), *(pair.b[f] for f in result.by), pair.measure,
                         "", "", "", "", cell(pair.difference), cell(pair.ci95[0]), cell(pair.ci95[1]),
                         cell(pair.effect), cell(pair.p), cell(pair.p_adjusted), cell(pair.significant),
                         cell(pair.events)])


def actors(table: ActorTable, out: TextIO) -> None:
    writer = _writer(out)
    writer.writerow(["concept", table.by, "term", "connotation", "count"])
    for concept in table.concepts:
        for col in table.columns:
            for term, count in sorted(concept.counts.get(col, {}).items(), key=lambda kv: (-kv[1], kv[0])):
                writer.writerow([concept.id, col, term, concept.members[term], count])


def sentences(scores: Iterable[SentenceScore], out: TextIO) -> None:
    writer = _writer(out)
    writer.writerow(SENTENCE_COLUMNS)
    for score in scores:
        row = score.to_dict()
        row["biased"] = "true" if score.biased else "false"  # as in JSON, and as analyze's CSV writes booleans
        row["features"] = "; ".join(row["features"])
        writer.writerow([row[c] for c in SENTENCE_COLUMNS])


def events(table: EventTable, out: TextIO) -> None:
    """One row per document, in input order: id, source, outlet, date, event (an `event` column
    to save as the documents' metadata)."""
    writer = _writer(out)
    writer.writerow(["id", "source", "outlet", "date", "event"])
    for member, event in table.documents:
        writer.writerow([member.id, member.source or "", member.outlet or "", member.date or "", event])


def terms(report, out: TextIO) -> None:
    """`framing terms`: one row per group and term, the group's fields first."""
    writer = _writer(out)
    writer.writerow([*report.by, "documents", "small", "rank", "term", "z", "count", "other_count", "term_documents",
                     "lexicon"])
    for group in report.groups:
        for rank, term in enumerate(group.terms, 1):
            writer.writerow([*group.key.values(), group.documents, "true" if group.small else "false", rank, term.term,
                             term.z, term.count, term.other_count, term.documents, term.lexicon or ""])
