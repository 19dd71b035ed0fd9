"""`framing report` on growing corpora: the page's size stays bounded while the corpus grows.

Generates seeded corpora (JSONL) from the demo articles: each copy gets one of twelve outlets, a
date within a year, an event id, and a few sentences of generated filler so the vocabulary grows
with the corpus. Runs the whole command for each size and prints articles, wall and CPU seconds,
peak memory and the HTML file's size.

    python benchmarks/report.py                 # 1,000 and 10,000 articles
    python benchmarks/report.py --sizes 1000 10000 100000
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tabulate import tabulate

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from analyze import sentence  # noqa: E402  (the speed benchmark's generated sentences)

from framing.document import Document  # noqa: E402
from framing.readers import read_paths  # noqa: E402

OUTLETS = [f"Outlet {name}" for name in "ABCDEFGHIJKL"]
DETECTORS = ["lexicon", "quotes", "attribution", "agency", "actors"]


def corpus(path: Path, size: int, seed: int = 0) -> int:
    rng = random.Random(seed)
    base = [d for d in read_paths([str(ROOT / "corpora" / "demo")]) if isinstance(d, Document)]
    with path.open("w", encoding="utf-8") as out:
        for i in range(size):
            doc = base[i % len(base)]
            filler = " ".join(sentence(rng, []) for _ in range(3))
            row = {"id": f"a{i}", "title": doc.title, "outlet": OUTLETS[rng.randrange(len(OUTLETS))],
                   "date": f"2026-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}",
                   "event": f"story-{i % 300}", "text": doc.body + "\n\n" + filler}
            out.write(json.dumps(row) + "\n")
    return path.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args()
    framing = str(Path(sys.executable).with_name("framing"))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            source = Path(tmp) / f"corpus-{size}.jsonl"
            megabytes = corpus(source, size) / 1e6
            output = Path(tmp) / f"report-{size}.html"
            command = [framing, "report", str(source), "-o", str(output)]
            for name in DETECTORS:
                command += ["-d", name]
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            rows.append([f"{size:,}", f"{megabytes:.1f}", f"{wall:.1f}", f"{cpu:.1f}", f"{after.ru_maxrss / 1024:.0f}",
                         f"{output.stat().st_size / 1e6:.2f}"])
    print(f"framing report CORPUS -o report.html -d {' -d '.join(DETECTORS)} (default --max-articles 200), "
          "whole process\n")
    print(tabulate(rows, headers=["articles", "corpus MB", "wall s", "CPU s", "peak RSS MB (max so far)", "HTML MB"],
                   colalign=("right",) * 6))


if __name__ == "__main__":
    main()
