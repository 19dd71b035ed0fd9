"""`framing report` and `framing terms` on growing corpora: the page's size stays bounded while the
corpus grows, and the terms' memory follows the vocabulary.

Generates seeded corpora (JSONL) from the demo articles: each copy gets one of twelve outlets, a
date within a year, an event id, and a few sentences of generated filler so the vocabulary grows
with the corpus. Runs the whole command for each size and prints articles, wall and CPU seconds,
peak memory and the HTML file's size; then `framing terms --by outlet` on the same corpora.

    python benchmarks/report.py                 # 1,000 and 10,000 articles
    python benchmarks/report.py --sizes 1000 10000 100000
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
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


_MEASURE = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "wall = time.perf_counter() - start\n"
    "used = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(wall, used.ru_utime + used.ru_stime, used.ru_maxrss / 1024)\n"
)


def timed(command: list[str]) -> tuple[float, float, float]:
    """(wall s, CPU s, peak RSS MB) of one run of the command, measured by a fresh parent so the
    peak is this command's alone."""
    out = subprocess.run([sys.executable, "-c", _MEASURE, *command], check=True, capture_output=True, text=True)
    wall, cpu, rss = (float(v) for v in out.stdout.split())
    return wall, cpu, rss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args()
    framing = str(Path(sys.executable).with_name("framing"))
    rows, terms = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            source = Path(tmp) / f"corpus-{size}.jsonl"
            megabytes = corpus(source, size) / 1e6
            output = Path(tmp) / f"report-{size}.html"
            command = [framing, "report", str(source), "-o", str(output)]
            for name in DETECTORS:
                command += ["-d", name]
            wall, cpu, rss = timed(command)
            rows.append([f"{size:,}", f"{megabytes:.1f}", f"{wall:.1f}", f"{cpu:.1f}", f"{rss:.0f}",
                         f"{output.stat().st_size / 1e6:.2f}"])
            wall, cpu, rss = timed([framing, "terms", str(source), "--by", "outlet", "-f", "json"])
            terms.append([f"{size:,}", f"{megabytes:.1f}", f"{wall:.1f}", f"{cpu:.1f}", f"{rss:.0f}"])
    print(f"framing report CORPUS -o report.html -d {' -d '.join(DETECTORS)} (default --max-articles 200), "
          "whole process\n")
    print(tabulate(rows, headers=["articles", "corpus MB", "wall s", "CPU s", "peak RSS MB", "HTML MB"],
                   colalign=("right",) * 6))
    print("\nframing terms CORPUS --by outlet -f json, whole process\n")
    print(tabulate(terms, headers=["articles", "corpus MB", "wall s", "CPU s", "peak RSS MB"],
                   colalign=("right",) * 5))


if __name__ == "__main__":
    main()
