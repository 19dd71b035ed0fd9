"""Speed and memory of `framing batch`, whole process, on a generated corpus of news-like articles.

    python benchmarks/batch.py [--small 10000] [--large 100000] [--slow 1000] [--repeat 3]

Generates JSONL corpora of ~600-word articles (benchmarks/analyze.py's generator: 5,000 distinct
articles, repeated with new ids to the size asked for), then runs the batch command's library
call (framing.batch.run_batch, exactly what `framing batch` runs) in a fresh Python process per
measurement, and prints:

- rows/s and MB/s per CPU-second with one job, for the word lists alone (-d lexicon -d quotes),
  the word lists and linguistic detectors (the defaults without the classifier) and the default
  detectors;
- peak memory (the parent's and the largest worker's RSS) at the small and the large corpus,
  with two jobs: it must not grow with the corpus;
- the speed-up from one to two jobs, with the parent's share of all CPU time;
- the same run on a local Dask cluster of two worker processes;
- a bare multi-pattern scan (ahocorasick-rs over the same case-folded text, the lexicons' phrases,
  no word boundaries, no findings) as the floor;
- 10^6 articles extrapolated from these figures (said so in the table).

The machine's load average is printed with the table: the speed-up only means something when
the other core is free.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tabulate import tabulate

HERE = Path(__file__).resolve().parent
DISTINCT = 5000
DETECTORS = {
    "word lists (-d lexicon -d quotes)": ["lexicon", "quotes"],
    "word lists + linguistic (--no-classifier)": ["lexicon", "quotes", "attribution", "agency", "actors"],
    "default detectors": None,
}


def write_corpus(path: Path, count: int, seed: int = 7) -> tuple[int, int]:
    """A JSONL corpus of `count` articles; (bytes, bytes of text)."""
    sys.path.insert(0, str(HERE))
    from analyze import article

    from framing.lexicon import load_lexicon

    rng = random.Random(seed)
    markers = sorted({e.term for e in load_lexicon().entries if not e.is_wildcard})
    distinct = [article(rng, i, markers) for i in range(min(count, DISTINCT))]
    text_bytes = 0
    with open(path, "wb") as handle:
        for i in range(count):
            row = dict(distinct[i % len(distinct)], id=f"a{i}")
            text_bytes += len(row["text"].encode("utf-8"))
            handle.write(json.dumps(row).encode("utf-8") + b"\n")
    return path.stat().st_size, text_bytes


def child(spec: dict) -> None:
    """One measured run (in its own process): run_batch, then this process's and its workers' CPU
    time and peak memory, as JSON on stdout."""
    from framing.batch import BatchOptions, run_batch
    from framing.config import AnalyzerSettings

    detectors = tuple(spec["detectors"]) if spec["detectors"] else None
    options = BatchOptions(paths=(spec["input"],), output=spec["output"], format=spec.get("format", "parquet"),
                           jobs=spec["jobs"], engine=spec.get("engine", "local"))
    started = time.perf_counter()
    summary = run_batch(options, AnalyzerSettings(detectors=detectors))
    wall = time.perf_counter() - started
    me, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"wall": wall, "parent_cpu": me.ru_utime + me.ru_stime,
                      "workers_cpu": workers.ru_utime + workers.ru_stime, "parent_rss": me.ru_maxrss / 1024,
                      "worker_rss": workers.ru_maxrss / 1024, "rows": summary.rows, "failed": summary.failed}))


def measure(corpus: Path, detectors, jobs: int, engine: str = "local") -> dict:
    out = Path(tempfile.mkdtemp(prefix="framing-batch-bench-"))
    shutil.rmtree(out)
    spec = {"input": str(corpus), "output": str(out), "detectors": detectors, "jobs": jobs, "engine": engine}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "--child", json.dumps(spec)], capture_output=True, text=True,
                          env={**os.environ, "CI": "1"})
    whole = time.perf_counter() - started
    shutil.rmtree(out, ignore_errors=True)
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_wall"] = whole  # start-up (imports) included
    result["cpu"] = result["parent_cpu"] + result["workers_cpu"]
    return result


def floor_scan(corpus: Path, limit: int) -> float:
    """MB of text per CPU-second of a bare Aho-Corasick scan of the lexicons' phrases."""
    import ahocorasick_rs

    from framing.lexicon import load_lexicon
    from framing.lexicon.compile import entry_phrases
    from framing.matcher import normalize

    lexicon = load_lexicon()
    phrases = sorted({p for e in lexicon.entries for p in entry_phrases(e) if "*" not in p})
    automaton = ahocorasick_rs.AhoCorasick(phrases, implementation=ahocorasick_rs.Implementation.DFA)
    texts = []
    with open(corpus, "rb") as handle:
        for _, line in zip(range(limit), handle):
            texts.append(json.loads(line)["text"])
    start = time.process_time()
    for text in texts:
        automaton.find_matches_as_indexes(normalize(text), overlapping=True)
    seconds = time.process_time() - start
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6 / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", type=int, default=10_000, help="articles of the small corpus")
    parser.add_argument("--large", type=int, default=100_000, help="articles of the large corpus")
    parser.add_argument("--slow", type=int, default=1_000, help="articles for the default detectors' run")
    parser.add_argument("--repeat", type=int, default=3, help="parallel runs: the best of this many, alternating")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(json.loads(args.child))
        return

    work = Path(tempfile.mkdtemp(prefix="framing-batch-corpus-"))
    try:
        report(work, args)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(work: Path, args) -> None:
    corpora = {}
    for count in sorted({args.slow, args.small, args.large}):
        path = work / f"news-{count}.jsonl"
        corpora[count] = (path, *write_corpus(path, count))
    load = os.getloadavg()
    lexicon = DETECTORS["word lists (-d lexicon -d quotes)"]
    linguistic = DETECTORS["word lists + linguistic (--no-classifier)"]

    def mb(count: int) -> float:
        return corpora[count][1] / 1e6

    per_core, rates = [], {}
    for label, detectors in DETECTORS.items():
        count = args.slow if detectors is None else args.small
        run = measure(corpora[count][0], detectors, 1)
        rates[label] = (count / run["cpu"], mb(count) / run["cpu"])
        per_core.append([label, f"{count:,}", f"{mb(count):,.1f}", f"{run['wall']:.1f}", f"{run['cpu']:.1f}",
                         f"{count / run['cpu']:,.0f}", f"{mb(count) / run['cpu']:.1f}", f"{run['parent_rss']:.0f}"])
    floor = floor_scan(corpora[args.small][0], 5000)
    per_core.append(["bare multi-pattern scan (floor)", "5,000", "-", "-", "-", "-", f"{floor:.1f}", "-"])

    parallel, runs = [], {}

    def pair(label: str, count: int, detectors, engine: str = "local") -> None:
        """One job and two, alternately, --repeat times; the best of each. The machine is shared: a
        run slowed by another process says nothing, and alternating spreads such slowdowns over both."""
        best: dict[int, dict] = {}
        for _ in range(args.repeat):
            for jobs in (1, 2):
                run = measure(corpora[count][0], detectors, jobs, engine)
                if jobs not in best or run["wall"] < best[jobs]["wall"]:
                    best[jobs] = run
        for jobs in (1, 2):
            add(label, count, detectors, jobs, engine, best[jobs])

    def add(label: str, count: int, detectors, jobs: int, engine: str, run: dict) -> dict:
        runs[(label, count, jobs, engine)] = run
        base = runs.get((label, count, 1, "local"))
        parallel.append([label, engine if engine == "dask" else "local", jobs, f"{count:,}", f"{mb(count):,.1f}",
                         f"{run['wall']:.1f}", f"{run['cpu']:.1f}", f"{count / run['wall']:,.0f}",
                         f"{mb(count) / run['wall']:.1f}", f"{base['wall'] / run['wall']:.2f}x" if base else "-",
                         f"{run['parent_cpu'] / run['cpu']:.1%}",
                         f"{run['parent_rss']:.0f} / {run['worker_rss']:.0f}" if jobs > 1 else f"{run['parent_rss']:.0f}"])
        return run

    for count in (args.small, args.large):
        pair("word lists", count, lexicon)
    # Enough work that the workers' start-up (about a second: imports, lexicons, automata) is not most of it.
    medium = 3 * args.small
    if medium not in corpora:
        path = work / f"news-{medium}.jsonl"
        corpora[medium] = (path, *write_corpus(path, medium))
    pair("word lists + linguistic", medium, linguistic)
    try:
        pair("word lists", args.large, lexicon, "dask")
    except SystemExit as exc:  # dask is not installed
        parallel.append(["word lists", "dask", 2, "-", "-", "-", "-", "-", "-", "-", "-", str(exc).strip()[:40]])

    after = os.getloadavg()
    print(f"framing batch, whole process (a fresh Python per run: start-up included), JSONL in, Parquet out; "
          f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, after: {after[0]:.2f} {after[1]:.2f} "
          f"{after[2]:.2f}, on {os.cpu_count()} cores; parallel runs: best of {args.repeat}\n")
    print("One job (one core):\n")
    print(tabulate(per_core, headers=["detectors", "articles", "MB", "wall s", "CPU s", "rows per CPU-s",
                                      "MB per CPU-s", "peak RSS MB"]))
    print("\nParallel (wall-clock rates):\n")
    print(tabulate(parallel, headers=["detectors", "engine", "jobs", "articles", "MB", "wall s", "CPU s", "rows/s",
                                      "MB/s", "speed-up", "parent CPU share", "peak RSS MB (parent / worker)"]))
    dask_one, dask_two = runs.get(("word lists", args.large, 1, "dask")), runs.get(("word lists", args.large, 2, "dask"))
    if dask_one and dask_two:
        print(f"\nDask LocalCluster, 1 -> 2 worker processes ({args.large:,} articles): "
              f"{dask_one['wall'] / dask_two['wall']:.2f}x wall")
    small, large = runs[("word lists", args.small, 2, "local")], runs[("word lists", args.large, 2, "local")]
    print(f"\nmemory, 2 jobs, {args.small:,} -> {args.large:,} articles: parent {small['parent_rss']:.0f} -> "
          f"{large['parent_rss']:.0f} MB, largest worker {small['worker_rss']:.0f} -> {large['worker_rss']:.0f} MB")
    print(f"speed-up 1 -> 2 jobs: word lists ({args.large:,} articles) "
          f"{runs[('word lists', args.large, 1, 'local')]['wall'] / large['wall']:.2f}x, parent "
          f"{large['parent_cpu'] / large['cpu']:.1%} of all CPU time; word lists + linguistic ({medium:,}) "
          f"{runs[('word lists + linguistic', medium, 1, 'local')]['wall'] / runs[('word lists + linguistic', medium, 2, 'local')]['wall']:.2f}x")
    speedup = runs[("word lists", args.large, 1, "local")]["wall"] / large["wall"]
    scale = 1e6 / args.large
    print(f"extrapolated, not measured: 10^6 articles ({corpora[args.large][2] * scale / 1e9:.1f} GB of text) on "
          f"2 jobs: word lists {large['wall'] * scale / 60:.1f} min (10x the {args.large:,}-article run);")
    for label in ("word lists + linguistic (--no-classifier)", "default detectors"):
        print(f"  {label}: {1e6 / (rates[label][0] * speedup) / 60:.1f} min (one job's rows per CPU-second, "
              f"x the {speedup:.2f}x speed-up of two jobs)")


if __name__ == "__main__":
    main()
