"""`framing show`: an article in the terminal with its findings in place.

In colour (rich), each finding's words take its category's colour, a numbered marker follows
them, the notes below the text give each number's category, explanation and suggestion, and a
legend names the colours. Without colour (not a terminal, `--no-color`, or NO_COLOR set) the
same article is plain text with markers: `[words][3]`, the number pointing to the notes.
Overlapping findings nest (`[the [regime][2]'s plan][1]`); the words take the innermost colour.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Iterable, TextIO

from framing.highlight import colours as category_colours, ends, segments

if TYPE_CHECKING:
    from framing.report import DocumentResult

RULE_WIDTH = 72


def wants_colour(out: TextIO, no_color: bool = False) -> bool:
    """Colour on a terminal, unless `--no-color` or the NO_COLOR convention says otherwise."""
    if no_color or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return out.isatty()
    except (AttributeError, ValueError):
        return False


def _heading(result: DocumentResult) -> str:
    doc = result.document
    parts = [doc.title or doc.id]
    extra = [part for part in (doc.outlet, doc.date) if part]
    if extra:
        parts.append(" · ".join(extra))
    return " — ".join(parts)


def _note(number: int, finding, explained: dict[str, int]) -> tuple[str, str]:
    """(the note's first line, its explanation and suggestion) for finding `number`; a rule
    explained the same way in an earlier note points back to it."""
    words = " ".join(finding.text.split())
    if len(words) > 60:
        words = words[:57] + "..."
    quoted = " (in a quotation)" if finding.quoted else ""
    earlier = explained.setdefault(f"{finding.rule}\x1f{finding.explanation}\x1f{finding.suggestion}", number)
    if earlier != number:
        body = f"As [{earlier}]."
    else:
        body = finding.explanation
        if finding.suggestion:
            body += f" Instead: {finding.suggestion}"
    return f"[{number}] {finding.category} · {finding.rule}{quoted}: “{words}”", body


def plain(results: Iterable[DocumentResult], out: TextIO) -> None:
    """Each article as plain text: `[words][n]` around each finding, numbered notes, a legend."""
    import textwrap

    for index, result in enumerate(results):
        if index:
            out.write("\n" + "=" * RULE_WIDTH + "\n\n")
        doc, findings = result.document, result.findings
        heading = _heading(result)
        out.write(f"{heading}\n{'-' * min(len(heading), RULE_WIDTH)}\n")
        text, start = doc.text, doc.body_start
        opening: dict[int, int] = {}
        for f in findings:
            if f.end > f.start:
                opening[max(f.start, start)] = opening.get(max(f.start, start), 0) + 1
        closing = ends(findings, start, len(text))
        pieces = []
        for segment in segments(text, findings, start):
            pieces.append("[" * opening.get(segment.start, 0) + text[segment.start:segment.end])
            for i in sorted(closing.get(segment.end, ()), key=lambda i: -findings[i].start):
                pieces.append(f"][{i + 1}]")
        out.write("".join(pieces).strip("\n") + "\n")
        if findings:
            out.write("\nNotes\n")
            explained: dict[str, int] = {}
            for number, finding in enumerate(findings, 1):
                first, body = _note(number, finding, explained)
                out.write(first + "\n")
                out.write(textwrap.fill(body, RULE_WIDTH, initial_indent="    ", subsequent_indent="    ") + "\n")
            out.write("\n" + _plain_legend(findings) + "\n")
        else:
            out.write("\nNo findings.\n")


def _plain_legend(findings) -> str:
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.category] = counts.get(f.category, 0) + 1
    return "Categories: " + ", ".join(f"{cid} ({n})" for cid, n in counts.items())


def coloured(results: Iterable[DocumentResult], out: TextIO, categories: Iterable[str] = (), width: int | None = None,
             force_terminal: bool | None = None, color_system: str | None = "auto") -> None:
    """Each article with rich: findings in their category's colour, numbered markers, notes and
    a legend. `categories` fixes the colour order (the analyzer's categories)."""
    from rich.console import Console
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.text import Text

    console = Console(file=out, width=width, force_terminal=force_terminal, color_system=color_system,
                      highlight=False, emoji=False, markup=False)
    known = list(categories)
    for index, result in enumerate(results):
        if index:
            console.print(Rule())
        doc, findings = result.document, result.findings
        palette = category_colours([*known, *(f.category for f in findings)])
        console.print(Text(_heading(result), style="bold"))
        console.print()
        text, start = doc.text, doc.body_start
        closing = ends(findings, start, len(text))
        body = Text()
        for segment in segments(text, findings, start):
            piece = text[segment.start:segment.end]
            if segment.findings:
                inner = findings[segment.findings[0]]
                style = f"bold {palette[inner.category]}"
                if len(segment.findings) > 1:
                    style += " underline"
                body.append(piece, style=style)
            else:
                body.append(piece)
            for i in sorted(closing.get(segment.end, ()), key=lambda i: -findings[i].start):
                body.append(f"[{i + 1}]", style=f"dim {palette[findings[i].category]}")
        body.rstrip()
        console.print(body)
        if not findings:
            console.print()
            console.print(Text("No findings.", style="italic"))
            continue
        console.print()
        console.print(Text("Notes", style="bold"))
        explained: dict[str, int] = {}
        for number, finding in enumerate(findings, 1):
            first, rest = _note(number, finding, explained)
            console.print(Text(first, style=palette[finding.category]))
            console.print(Padding(Text(rest), (0, 0, 0, 4)))
        console.print()
        legend = Text()
        legend.append("Legend: ", style="bold")
        counts: dict[str, int] = {}
        for f in findings:
            counts[f.category] = counts.get(f.category, 0) + 1
        for n, (cid, count) in enumerate(counts.items()):
            if n:
                legend.append("  ")
            legend.append("■ ", style=palette[cid])
            legend.append(f"{cid} ({count})")
        console.print(legend)


def show(results: Iterable[DocumentResult], out: TextIO, colour: bool, categories: Iterable[str] = ()) -> None:
    """`framing show`: in colour or as plain text with markers."""
    if colour:
        coloured(results, out, categories, force_terminal=True)
    else:
        plain(results, out)
