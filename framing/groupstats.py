"""Comparison statistics in the `framing/comparison@2` shape, from per-document measures: what the
HTML report shows in its tables and charts.

Per group: the document count, and for each measure the mean, the median and a 95% percentile
bootstrap interval of the mean (articles resampled, seeded). Between each pair of groups and for
each measure: the difference in means with a bootstrap interval, a Welch t-test p-value, Cohen's d
(pooled standard deviation) and Holm-adjusted p-values over all the comparisons made. A group of
fewer than `small` documents is marked small and left out of the pairwise tests.

`comparison_stats` is the one function the report calls; any function returning the same shape
can take its place.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any, Mapping, Sequence

SCHEMA = "framing/comparison@2"
RESAMPLES = 1000
SMALL = 5
ALPHA = 0.05


def _bootstrap_means(values, rng, resamples: int = RESAMPLES):
    """`resamples` means of resampled `values`, drawn in blocks so memory stays bounded."""
    import numpy as np

    n = len(values)
    block = max(1, min(resamples, 2_000_000 // max(n, 1)))
    means = []
    for done in range(0, resamples, block):
        size = min(block, resamples - done)
        means.append(values[rng.integers(0, n, size=(size, n))].mean(axis=1))
    return np.concatenate(means)


def _interval(samples) -> list[float]:
    import numpy as np

    low, high = np.percentile(samples, [2.5, 97.5])
    return [round(float(low), 3), round(float(high), 3)]


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm's step-down adjustment: the k-th smallest p times (m - k + 1), kept monotone, at most 1."""
    order = sorted(range(len(p_values)), key=lambda i: p_values[i])
    adjusted = [0.0] * len(p_values)
    running = 0.0
    m = len(p_values)
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p_values[i]))
        adjusted[i] = running
    return adjusted


def comparison_stats(rows: Sequence[Mapping[str, Any]], by: Sequence[str], measures: Sequence[str],
                     seed: int = 0, small: int = SMALL) -> dict:
    """`rows` are one dict per document with the `by` fields and every measure; groups come in
    key order, pairs in group order, measures in the order given."""
    import numpy as np
    from scipy import stats

    rng = np.random.default_rng(seed)
    grouped: dict[tuple, list[Mapping[str, Any]]] = {}
    for row in rows:
        grouped.setdefault(tuple(str(row[name]) for name in by), []).append(row)
    keys = sorted(grouped)
    values = {key: {m: np.array([float(r.get(m, 0.0)) for r in grouped[key]]) for m in measures} for key in keys}
    boots: dict[tuple, dict[str, Any]] = {key: {} for key in keys}
    groups = []
    for key in keys:
        summary = {}
        for measure in measures:
            data = values[key][measure]
            boot = boots[key][measure] = _bootstrap_means(data, rng)
            summary[measure] = {"mean": round(float(data.mean()), 3), "median": round(float(np.median(data)), 3),
                                "ci95": _interval(boot)}
        groups.append({"key": dict(zip(by, key)), "documents": len(grouped[key]), "small": len(grouped[key]) < small,
                       "measures": summary})
    pairwise = []
    p_values = []
    for a, b in combinations([k for k in keys if len(grouped[k]) >= small], 2):
        for measure in measures:
            x, y = values[a][measure], values[b][measure]
            spread = np.sqrt(((len(x) - 1) * x.var(ddof=1) + (len(y) - 1) * y.var(ddof=1)) / (len(x) + len(y) - 2))
            difference = float(x.mean() - y.mean())
            if spread > 0:
                p = float(stats.ttest_ind(x, y, equal_var=False).pvalue)
                effect = round(difference / float(spread), 3)
            else:
                p, effect = (1.0 if difference == 0 else 0.0), 0.0
            p_values.append(p if np.isfinite(p) else 1.0)
            pairwise.append({"a": dict(zip(by, a)), "b": dict(zip(by, b)), "measure": measure,
                             "difference": round(difference, 3), "ci95": _interval(boots[a][measure] - boots[b][measure]),
                             "effect": effect, "events": None})
    for entry, p, adjusted in zip(pairwise, p_values, holm(p_values)):
        entry["p"] = round(p, 4)
        entry["p_adjusted"] = round(adjusted, 4)
        entry["significant"] = adjusted < ALPHA
        entry["events"] = entry.pop("events")
    return {"schema": SCHEMA, "by": list(by), "seed": seed, "groups": groups, "pairwise": pairwise}
