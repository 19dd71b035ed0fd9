"""Document scores: per-category counts and densities, and the framing index.

framing_index = 1000 * (sum of the weights of all findings) / words — weighted framing
markers per 1,000 words. Densities, not counts, so long and short articles compare.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from framing.report import Finding, new_finding


def score(findings: Iterable[Finding], words: int, categories: Iterable[str]) -> dict:
    counts = dict.fromkeys(categories, 0)
    weight = 0.0
    for finding in findings:
        counts[finding.category] = counts.get(finding.category, 0) + 1
        weight += finding.weight
    per_word = 1000.0 / words if words else 0.0
    table = {}
    for cid in sorted(counts):
        count = counts[cid]
        table[cid] = {"count": count, "per_1000_words": round(count * per_word, 3) if count else 0.0}
    return {"framing_index": round(weight * per_word, 3), "categories": table}


def discount_quoted(findings: list[Finding], spans: list[tuple[int, int]], quoted_weight: float,
                    exempt: frozenset[str] = frozenset()) -> list[Finding]:
    """Words inside a direct quotation are the source's, not the writer's: such findings come
    back marked `quoted` and weighing `quoted_weight` times as much in the framing index.
    Findings of `exempt` categories (whole-sentence or sourcing measures) are marked but keep their weight.
    New findings are made; the ones passed in are not changed."""
    if not spans:
        return findings
    from framing.quotation import inside

    return [
        (_quoted(f, f.weight if f.category in exempt else round(f.weight * quoted_weight, 4))
         if inside(spans, f.start, f.end) else f)
        for f in findings
    ]


def _quoted(finding: Finding, weight: float) -> Finding:
    if type(finding) is not Finding:  # a subclass with fields of its own
        return replace(finding, quoted=True, weight=weight)
    f = finding
    return new_finding(f.rule, f.category, f.detector, f.text, f.start, f.end, f.line, f.column, f.sentence,
                       f.severity, weight, f.explanation, f.suggestion, f.context, True)
