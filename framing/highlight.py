"""Findings laid over their text, for the views that show an article with its findings in place
(`framing show`, the HTML report): the text cut into segments at every finding's ends, each
segment with the findings covering it, and one colour per category.

Findings may overlap (a loaded word inside a sentence the classifier flags, a scare quote
around an actor label): a segment covered by several findings lists them all, and takes the
colour of the innermost (the shortest; ties by order).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Sequence

if TYPE_CHECKING:
    from framing.report import Finding

# Colours that read on dark and light backgrounds and stay apart from each other (Okabe-Ito's
# colour-blind-safe set first, then more from Tableau's).
PALETTE = (
    "#e69f00", "#56b4e9", "#009e73", "#d55e00", "#cc79a7", "#0072b2", "#b8a200", "#8c564b",
    "#9467bd", "#17becf", "#e377c2", "#7f7f7f", "#2ca02c", "#bd2d2d", "#6b8e23", "#1f77b4",
)


@dataclass(frozen=True)
class Segment:
    """text[start:end], covered by `findings` (indices into the findings given), innermost first."""

    start: int
    end: int
    findings: tuple[int, ...] = ()


def colours(categories: Iterable[str]) -> dict[str, str]:
    """A colour for each category, in the order given (the analyzer's), from PALETTE."""
    return {cid: PALETTE[i % len(PALETTE)] for i, cid in enumerate(dict.fromkeys(categories))}


def segments(text: str, findings: Sequence[Finding], start: int = 0) -> list[Segment]:
    """text[start:] as consecutive segments, cut wherever a finding starts or ends; findings
    outside [start, len(text)] or empty are left out."""
    end = len(text)
    spans = [(max(f.start, start), min(f.end, end), i) for i, f in enumerate(findings)]
    spans = [(b, e, i) for b, e, i in spans if b < e]
    cuts = sorted({start, end, *(b for b, _, _ in spans), *(e for _, e, _ in spans)})
    opening: dict[int, list[int]] = {}
    closing: dict[int, list[int]] = {}
    for b, e, i in spans:
        opening.setdefault(b, []).append(i)
        closing.setdefault(e, []).append(i)
    length = {i: e - b for b, e, i in spans}
    active: set[int] = set()
    out = []
    for left, right in zip(cuts, cuts[1:]):
        active.difference_update(closing.get(left, ()))
        active.update(opening.get(left, ()))
        out.append(Segment(left, right, tuple(sorted(active, key=lambda i: (length[i], i)))))
    return out


def ends(findings: Sequence[Finding], start: int = 0, limit: int | None = None) -> dict[int, list[int]]:
    """Offset -> the findings ending there (indices), where a view puts their markers."""
    at: dict[int, list[int]] = {}
    for i, f in enumerate(findings):
        end = min(f.end, limit) if limit is not None else f.end
        if end > max(f.start, start):
            at.setdefault(end, []).append(i)
    return at
