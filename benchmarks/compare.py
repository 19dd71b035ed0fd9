"""How long the comparison statistics take on large corpora of records (no text analysis).

    python benchmarks/compare.py [--articles 100000] [--outlets 3] [--resamples 2000]

Builds synthetic per-document records (the columns `framing.records.record` writes: the framing
index, 13 category densities and the attribution and agency measures) for N articles spread over
k outlets and N / k events, then times `framing.comparison.compare` by outlet, unpaired and
paired within events, and by outlet and month. Prints one row per run: groups, tests, CPU and
wall seconds of the whole call (reading the records into a matrix, bootstraps, permutation tests,
adjustment) and peak memory of the process (records included).
"""

from __future__ import annotations

import argparse
import resource
import time

import numpy as np
from tabulate import tabulate

from framing.comparison import compare

CATEGORIES = ["actor-labels", "agency", "attribution-verbs", "distancing", "emotive", "euphemism", "foreign-agency",
              "hedges", "intensifiers", "legitimacy", "presupposition", "scare-quotes", "sourcing"]


def records(n: int, outlets: int, seed: int = 0) -> list[dict]:
    rng = np.random.default_rng(seed)
    events = max(1, -(-n // outlets))
    rows = []
    level = rng.gamma(2.0, 4.0, size=events)
    for i in range(n):
        event = i // outlets
        outlet = i % outlets
        row = {"id": f"doc{i}", "source": f"doc{i}", "title": None, "outlet": f"Outlet {outlet}",
               "date": f"2026-{1 + event % 12:02d}-{1 + event % 28:02d}", "url": None,
               "metadata": {"event": f"e{event}"}, "words": 500, "sentences": 25, "weight": 4.0,
               "framing_index": float(level[event] + outlet + rng.normal(0, 2))}
        densities = rng.poisson(1.0, size=len(CATEGORIES)) * 2.0
        for cid, density in zip(CATEGORIES, densities):
            row[f"{cid}.count"] = int(density / 2)
            row[f"{cid}.per_1000_words"] = float(density)
        attributions = int(rng.integers(0, 12))
        anonymous = int(rng.integers(0, attributions + 1))
        row.update({"attribution.attributions": attributions, "attribution.anonymous": anonymous,
                    "attribution.sources": attributions, "attribution.anonymous_share": anonymous / max(attributions, 1),
                    "attribution.one_sided_verbs": 0, "attribution.one_sided_share": 0.0,
                    "agency.passives": 3, "agency.agentless": 1, "agency.agentless_share": 1 / 3,
                    "agency.agentless_per_1000_words": 2.0})
        rows.append(row)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--outlets", type=int, default=3)
    parser.add_argument("--resamples", type=int, default=2000)
    args = parser.parse_args()
    rows = records(args.articles, args.outlets)
    table = []
    for label, by, within in [("by outlet, unpaired", ["outlet"], None), ("by outlet, within events", ["outlet"], "event"),
                              ("by outlet and month, unpaired", ["outlet", "month"], None)]:
        started, cpu = time.perf_counter(), time.process_time()
        result = compare(rows, by, within=within, resamples=args.resamples)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        table.append([label, len(result.groups), len(result.pairwise), f"{cpu:.1f}", f"{seconds:.1f}", f"{peak:.0f}"])
    print(f"{args.articles:,} articles, {args.outlets} outlets, {len(result.measures)} measures, "
          f"{args.resamples} resamples\n")
    print(tabulate(table, headers=["comparison", "groups", "tests", "CPU s", "wall s", "peak MB"],
                   disable_numparse=True))


if __name__ == "__main__":
    main()
