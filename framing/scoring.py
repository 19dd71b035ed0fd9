"""Document scores: per-category counts and densities, and the framing index.

framing_index = 1000 * (sum of the weights of all findings) / words — weighted framing
markers per 1,000 words. Densities, not counts, so long and short articles compare.
"""

from __future__ import annotations

from typing import Iterable

from framing.findings import Finding


def _round(value: float) -> float:
    return round(value, 3)


def score(findings: Iterable[Finding], words: int, categories: Iterable[str]) -> dict:
    counts = {cid: 0 for cid in sorted(categories)}
    weight = 0.0
    for finding in findings:
        counts[finding.category] = counts.get(finding.category, 0) + 1
        weight += finding.weight
    per_word = 1000.0 / words if words else 0.0
    return {
        "framing_index": _round(weight * per_word),
        "categories": {
            cid: {"count": count, "per_1000_words": _round(count * per_word)}
            for cid, count in sorted(counts.items())
        },
    }
