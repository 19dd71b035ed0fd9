"""Text tables (tabulate) for the terminal: the analyst's view of every result."""

from __future__ import annotations

from pathlib import PurePath
from typing import Iterable, TextIO

from framing.report import ActorTable, ComparisonResult, DocumentResult, EventTable, Report, SentenceScore

# "table" and "markdown" as tabulate calls them; other tabulate formats pass through.
TABLE_ALIASES = {"table": "simple", "markdown": "github"}
MULTILINE_FORMATS = {"simple", "plain", "grid", "simple_grid", "rounded_grid", "fancy_grid", "outline", "presto", "psql"}
MARK = {"negative": " (-)", "positive": " (+)", "neutral": ""}  # connotation of an actor word


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


def analysis(report: Report, out: TextIO) -> None:
    for index, result in enumerate(report.results):
        if index:
            out.write("\n")
        header = document_header(result)
        out.write(f"{header}\n{'=' * min(len(header), 100)}\n")
        out.write(counts_line(result) + "\n\n")
        if result.findings:
            out.write(findings_table(result) + "\n\n")
        out.write(summary_table(result) + "\n")


def label(key: str) -> str:
    """File documents are shown by file name; other ids as they are."""
    return PurePath(key).name if "/" in key or "\\" in key else key


WIDE = 6  # more groups than this: one row per group instead of one column


def number(value: float | None, scale: float | None = None) -> str:
    """A value with as many decimals as its size needs (of `scale` when given): 12.3, 4.56, 0.123."""
    if value is None:
        return "–"
    size = abs(scale if scale is not None else value)
    digits = 1 if size >= 10 else 2 if size >= 1 else 3
    return f"{value:.{digits}f}"


def interval(mean: float | None, ci95) -> str:
    """`12.3 [9.8, 15.1]`; the mean alone when there is no interval."""
    if mean is None:
        return "–"
    low, high = ci95
    if low is None or high is None:
        return number(mean)
    return f"{number(mean)} [{number(low, mean)}, {number(high, mean)}]"


def group_label(key: dict[str, str], by_document: bool = False) -> str:
    return " / ".join(label(v) if by_document and field == "document" else v for field, v in key.items())


def _measure_label(name: str) -> str:
    return name.replace("_", " ")


def comparison_summary(result: ComparisonResult) -> str:
    by = ", ".join(result.by)
    within = ", paired within events" if result.within == "event" else ""
    return (f"{len(result.groups)} group(s) by {by}{within}: mean [95% bootstrap interval] per article; "
            f"{result.resamples} resamples, seed {result.seed}")


def comparison(result: ComparisonResult, out: TextIO, tablefmt: str = "table") -> None:
    """The groups' means with intervals, then their pairwise differences (those on the framing
    index and every significant one; all are in -f json and csv), then the notes."""
    from tabulate import tabulate

    fmt = TABLE_ALIASES.get(tablefmt, tablefmt)
    by_document = result.by == ["document"]
    marks = not by_document
    names = [group_label(g.key, by_document) + (" (small)" if g.small and marks else "") for g in result.groups]
    out.write(comparison_summary(result) + "\n\n")
    if len(result.groups) <= WIDE:
        count = (lambda n: f"{n} doc" + ("" if n == 1 else "s"))
        headers = ["measure"] + [f"{name}\n{count(g.documents)}" if fmt in MULTILINE_FORMATS
                                 else f"{name} ({count(g.documents)})" for name, g in zip(names, result.groups)]
        rows = [[_measure_label(m)] + [interval(g.measures[m]["mean"], g.measures[m]["ci95"]) for g in result.groups]
                for m in result.measures]
    else:
        lead = [" / ".join(result.by)] + ([] if by_document else ["docs"])
        headers = lead + [_measure_label(m) for m in result.measures]
        if fmt in MULTILINE_FORMATS:
            headers = [h.replace("-", "-\n").replace(" ", "\n", 1) for h in headers]
        rows = [[name] + ([] if by_document else [g.documents])
                + [interval(g.measures[m]["mean"], g.measures[m]["ci95"]) for m in result.measures]
                for name, g in zip(names, result.groups)]
    out.write(tabulate(rows, headers=headers, tablefmt=fmt, disable_numparse=True) + "\n")
    shown = [p for p in result.pairwise if p.significant or p.measure == "framing_index"]
    if result.pairwise:
        adjust = {"holm": "Holm", "bh": "Benjamini-Hochberg"}[result.adjust]
        out.write(f"\nDifferences a - b [95% interval], Cliff's delta, permutation p {adjust}-adjusted over "
                  f"{len(result.pairwise)} tests; * significant at 0.05\n\n")
        rows = [[group_label(p.a, by_document), group_label(p.b, by_document), _measure_label(p.measure),
                 interval(p.difference, p.ci95), number(p.effect, 0.1), _p(p.p_adjusted),
                 "*" if p.significant else "", "" if p.events is None else p.events]
                for p in shown]
        headers = ["a", "b", "measure", "difference", "effect", "p adj", "", "events"]
        if result.within != "event":
            headers, rows = headers[:-1], [row[:-1] for row in rows]
        out.write(tabulate(rows, headers=headers, tablefmt=fmt, disable_numparse=True) + "\n")
        hidden = len(result.pairwise) - len(shown)
        if hidden:
            out.write(f"({hidden} other difference(s), none significant: see -f json or csv)\n")
    for note in result.notes:
        out.write(f"note: {note}\n")


def _p(value: float | None) -> str:
    if value is None:
        return "–"
    # four decimals, more where four would round across 0.05: 0.049975 must not show as 0.0500 beside a mark
    if value < 0.0001:
        return "<0.0001"
    shown = f"{value:.4f}"
    return shown if (float(shown) < 0.05) == (value < 0.05) else f"{value:.6f}"


def actors(table: ActorTable, out: TextIO, tablefmt: str = "table") -> None:
    from tabulate import tabulate

    def cell(concept, col: str) -> str:
        ranked = sorted(concept.counts.get(col, {}).items(), key=lambda kv: (-kv[1], kv[0]))
        return ", ".join(f"{term}{MARK[concept.members[term]]} {count}" for term, count in ranked)

    def heading(col: str) -> str:
        return PurePath(col).stem if table.by == "document" and ("/" in col or "\\" in col) else col

    rows = [[c.id] + [cell(c, col) for col in table.columns] for c in table.concepts]
    tablefmt = TABLE_ALIASES.get(tablefmt, tablefmt)
    widths = [None] + [28] * len(table.columns) if tablefmt in ("simple", "grid", "plain") else None
    out.write(tabulate(rows, headers=["concept"] + [heading(c) for c in table.columns], tablefmt=tablefmt,
                       maxcolwidths=widths) + "\n")


SENTENCE_WIDTHS = (24, 10, 9, 6)  # document, line:col, p(biased), flag; the sentence takes the rest


def sentences(scores: Iterable[SentenceScore], out: TextIO) -> None:
    """One row per sentence, written as it is scored: fixed column widths (a long document name
    is cut), so `framing classify corpus.jsonl | head` answers at once."""
    document, position, probability, flag = SENTENCE_WIDTHS
    out.write(f"{'document':<{document}}  {'line:col':<{position}}  {'p(biased)':<{probability}}  {'':<{flag}}  sentence\n")
    out.write(f"{'-' * document}  {'-' * position}  {'-' * probability}  {'-' * flag}  {'-' * 90}\n")
    for row in scores:
        name = _clip(row.document.rsplit("/", 1)[-1], document)
        text = " ".join(row.text.split())
        text = text if len(text) <= 90 else text[:89] + "…"
        where = f"{row.line}:{row.column}"
        out.write(f"{name:<{document}}  {where:<{position}}  {row.probability:<{probability}.2f}  "
                  f"{'biased' if row.biased else '':<{flag}}  {text}".rstrip() + "\n")


def _pct(value: float) -> str:
    return f"{value:.3f}"


def evaluation(report: dict, out: TextIO) -> None:
    from tabulate import tabulate

    (tn, fp), (fn, tp) = report["confusion_matrix"]
    lines = [f"{report['n']} sentences, threshold {report['threshold']}"]
    if report.get("skipped"):
        lines.append("skipped: " + ", ".join(f"{reason} ({count})" for reason, count in report["skipped"].items()))
    lines += [
        "",
        tabulate(
            [["biased", _pct(report["precision"]), _pct(report["recall"]), _pct(report["f1"])],
             ["macro", "", "", _pct(report["macro_f1"])]],
            headers=["class", "precision", "recall", "F1"], disable_numparse=True,
        ),
        "",
        tabulate([["actual not biased", tn, fp], ["actual biased", fn, tp]],
                 headers=["", "predicted not biased", "predicted biased"]),
        "",
        f"calibration: Brier score {report['calibration']['brier']:.4f}, "
        f"expected calibration error {report['calibration']['ece']:.4f}",
        tabulate(
            [[f"{b['from']:.1f}-{b['to']:.1f}", b["count"], _pct(b["mean_probability"]), _pct(b["observed_biased"])]
             for b in report["calibration"]["bins"]],
            headers=["probability", "sentences", "mean predicted", "observed biased"], disable_numparse=True,
        ),
    ]
    out.write("\n".join(lines) + "\n")


def events(table: EventTable, out: TextIO) -> None:
    """One row per event: id, size, top terms and members (file names, with outlet and date)."""
    from tabulate import tabulate

    def member(m) -> str:
        about = ", ".join(part for part in (m.outlet, m.date) if part)
        return label(m.id) + (f" ({about})" if about else "")

    window = "no date window" if table.window is None else f"date window {table.window} days"
    out.write(f"{len(table.events)} event(s) in {len(table.documents)} document(s); cosine-distance threshold "
              f"{table.threshold}, {window}\n\n")
    rows = [[e.id, len(e.members), ", ".join(e.terms), "\n".join(member(m) for m in e.members)] for e in table.events]
    out.write(tabulate(rows, headers=["event", "size", "top terms", "members"], tablefmt="simple",
                       maxcolwidths=[None, None, 40, None], disable_numparse=True) + "\n")
    for note in table.notes:
        out.write(f"note: {note}\n")


def terms(report, out: TextIO) -> None:
    """`framing terms`: one table per group, most distinctive first; lexicon entries named."""
    from tabulate import tabulate

    against = f" vs {', '.join(report.vs.values())}" if report.vs else " vs the rest"
    for index, group in enumerate(report.groups):
        if index:
            out.write("\n")
        name = ", ".join(f"{k}={v}" if len(group.key) > 1 else v for k, v in group.key.items())
        note = " (small group: too few documents to say much)" if group.small else ""
        out.write(f"{name}{against}: {group.documents} document(s){note}\n")
        if not group.terms:
            out.write("  no term reaches --min-count\n")
            continue
        rows = [[t.term, f"{t.z:.2f}", t.count, t.other_count, t.documents, t.lexicon or ""] for t in group.terms]
        out.write(tabulate(rows, headers=["term", "z", "count", "other", "documents", "lexicon"],
                           tablefmt="simple", disable_numparse=True,
                           colalign=("left", "right", "right", "right", "right", "left")) + "\n")
