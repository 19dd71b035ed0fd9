"""Document scores: per-category counts and densities, and the framing index.

framing_index = 1000 * (sum of the weights of all findings) / words — weighted framing
markers per 1,000 words. Densities, not counts, so long and short articles compare.
"""

from __future__ import annotations

from typing import Iterable

from framing.findings import Finding


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
