"""How well `framing events` recovers stories: the adjusted Rand index against BASIL's events.

    python benchmarks/events.py [--data ../shared/data] [--threshold T ...] [--window DAYS ...] [--copies N]

BASIL (Fan et al. 2019) has 300 articles: 100 events, each reported by Fox News, the New York
Times and HuffPost; its `triplet-uuid` names the event. The articles are clustered from their
text alone (title and body, as `framing events` reads them) and the clusters compared with the
events (adjusted Rand index, Hubert & Arabie 1985; 1 is a perfect match, 0 chance). The data is
for measurement only and never shipped. Prints one row per date window (the default and none)
and threshold, the defaults marked, with the time of the whole run (features and clustering).
`--copies N` also clusters N copies of BASIL, each moved 4,000 days after the last (so they are
distinct events), with the defaults: the time and memory of a corpus N times the size.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from datetime import date, timedelta
from pathlib import Path

from sklearn.metrics import adjusted_rand_score
from tabulate import tabulate

from framing import events

THRESHOLDS = (0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)


def load(folder: Path):
    texts, dates, truth = [], [], []
    for line in (folder / "basil_articles.jsonl").read_text("utf-8").splitlines():
        row = json.loads(line)
        body = "\n\n".join(" ".join(paragraph) for paragraph in row["body-paragraphs"])
        texts.append(f"{row.get('title') or ''}\n\n{body}")
        dates.append(row.get("date"))
        truth.append(row["triplet-uuid"])
    return texts, dates, truth


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "data")
    parser.add_argument("--threshold", type=float, action="append")
    parser.add_argument("--copies", type=int, default=0)
    parser.add_argument("--window", type=lambda v: None if v == "none" else int(v), action="append",
                        help="days, or none (repeatable; default: the default window and none)")
    args = parser.parse_args()
    folder = args.data / "basil"
    if not (folder / "basil_articles.jsonl").exists():
        print(f"BASIL not found under {args.data}; nothing to measure.")
        return
    texts, dates, truth = load(folder)
    started = time.perf_counter()
    prepared = [events.features(text) for text in texts]
    prepare = time.perf_counter() - started
    rows = []
    for window in args.window or [events.WINDOW, None]:
        for threshold in args.threshold or THRESHOLDS:
            started = time.perf_counter()
            found = events.cluster(prepared, dates, threshold=threshold, window=window)
            seconds = time.perf_counter() - started + prepare
            default = " (default)" if threshold == events.THRESHOLD and window == events.WINDOW else ""
            rows.append(["none" if window is None else f"{window} days", f"{threshold}{default}", len(found.events),
                         f"{adjusted_rand_score(truth, found.labels):.3f}", f"{seconds:.2f}"])
    print(f"BASIL: {len(texts)} articles, {len(set(truth))} events\n")
    print(tabulate(rows, headers=["window", "threshold", "clusters", "ARI", "seconds"], disable_numparse=True))
    if args.copies:
        texts_n, dates_n, truth_n = [], [], []
        for copy in range(args.copies):
            shift = timedelta(days=4000 * copy)
            texts_n += prepared
            dates_n += [(date.fromisoformat(d) + shift).isoformat() for d in dates]
            truth_n += [f"{copy}/{t}" for t in truth]
        started = time.perf_counter()
        found = events.cluster(texts_n, dates_n)
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"\n{args.copies} copies: {len(texts_n):,} articles, {len(found.events):,} clusters, "
              f"ARI {adjusted_rand_score(truth_n, found.labels):.3f}, {seconds:.1f} s clustering, peak {peak:.0f} MB")


if __name__ == "__main__":
    main()
