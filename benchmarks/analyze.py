"""Speed of framing's lexicon pipeline on one core, beside a bare multi-pattern scan.

    python benchmarks/analyze.py [--articles 2000] [--seed 7]

Generates a seeded corpus of news-like articles (~600 words each), then prints MB/s and
articles/s for: building Documents (JSONL row -> Document with words and sentences),
lexicon matching alone, and the whole analysis, with lexicons of about 500, 2,000 and
8,000 terms; the floor is the same Aho-Corasick engine (ahocorasick-rs) scanning the same
text for the same strings with no word-boundary checks and no findings (plus pyahocorasick
as a second reference, if it is installed). Last, the speed table: `framing analyze` for
each detector set (default, --no-classifier, word lists, tone) and `framing classify`, as
whole processes timed in CPU seconds, on the generated text, on framing-dense generated
text (about 40 markers an article) and on real news (BASIL's articles, when ../shared/data
is there), with each run's start-up timed on its own on a one-article file and throughput
given both whole and after start-up.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from tabulate import tabulate

from framing.detectors.lexicon import LexiconDetector
from framing.lexicon.compile import entry_phrases
from framing.document import Document
from framing.lexicon import Lexicon, load_lexicon
from framing.matcher import normalize
from framing.pipeline import Analyzer
from framing.readers import read_jsonl

FUNCTION = "the a of to in and on for with at by from that as was were is are has have had will would said".split()
NOUNS = (
    "government officials minister ministry police army forces town city border talks election vote parliament "
    "court judge report statement spokesman residents families workers union company plant prices fuel budget "
    "coalition strikes protest crowd region province agency health office hospital school road bridge port "
    "committee commission inquiry opposition president leader council villagers farmers market exports"
).split()
VERBS = (
    "said announced reported confirmed told added met visited opened closed rejected approved planned "
    "expected raised cut signed blocked moved began ended called asked urged warned"
).split()
NUMBERS = ["12", "three", "40", "at least 17", "about 200", "2,300", "1.5 million", "Tuesday", "March"]
ABBREVS = ["Gen.", "Dr.", "U.S.", "U.N.", "Oct.", "St."]


def sentence(rng: random.Random, markers: list[str], density: float = 0.015) -> str:
    words = []
    for _ in range(rng.randint(12, 26)):
        roll = rng.random()
        if roll < 0.45:
            words.append(rng.choice(FUNCTION))
        elif roll < 0.75:
            words.append(rng.choice(NOUNS))
        elif roll < 0.9:
            words.append(rng.choice(VERBS))
        elif roll < 0.95:
            words.append(rng.choice(NUMBERS))
        elif roll < min(0.97, 1 - density):
            words.append(rng.choice(ABBREVS))
        elif markers and roll > 1 - density:
            words.append(rng.choice(markers))
        else:
            words.append(rng.choice(NOUNS))
    text = " ".join(words)
    return text[0].upper() + text[1:] + rng.choice([".", ".", ".", "?"])


def article(rng: random.Random, index: int, markers: list[str], density: float = 0.015) -> dict:
    paragraphs, count = [], 0
    while count < 600:
        para = " ".join(sentence(rng, markers, density) for _ in range(rng.randint(2, 4)))
        count += len(para.split())
        paragraphs.append(para)
    title = sentence(rng, []).rstrip(".?")
    return {"id": f"a{index}", "title": title, "outlet": f"Outlet {index % 7}", "text": title + "\n\n" + "\n\n".join(paragraphs)}


def synthetic_lexicon(base: Lexicon, size: int, rng: random.Random) -> Lexicon:
    """The default lexicon, cut or padded with invented terms to `size` entries."""
    entries = list(base.entries[:size])
    template = base.entries[0]
    letters = "abcdefghijklmnopqrstuvwxyz"
    while len(entries) < size:
        words = ["".join(rng.choice(letters) for _ in range(rng.randint(4, 9))) for _ in range(rng.choice([1, 1, 2]))]
        term = " ".join(words)
        entries.append(replace(template, id=f"synthetic-{len(entries)}", term=term, variants=(), forms=(), exceptions=()))
    return Lexicon(dict(base.categories), entries)


def real_news(data: Path) -> tuple[bytes, float, int] | None:
    """BASIL's 300 news articles (Fan et al. 2019), 20 times over, as a JSONL corpus: real
    quotation marks, apostrophes and dashes, which the generated text lacks. Measurement only."""
    path = data / "basil" / "basil_articles.jsonl"
    if not path.exists():
        return None
    rows = []
    for line in path.read_text("utf-8").splitlines():
        article = json.loads(line)
        paragraphs = [" ".join(p) if isinstance(p, list) else p for p in article["body-paragraphs"]]
        rows.append({"id": article["article_id"], "title": article["title"], "outlet": article["source"],
                     "text": "\n\n".join(paragraphs)})
    once = ("\n".join(json.dumps(r) for r in rows) + "\n").encode("utf-8")
    megabytes = sum(len(r["text"].encode("utf-8")) for r in rows) / 1e6
    return once * 20, megabytes * 20, len(rows) * 20


def timed(fn) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "data",
                        help="labelled data folder; with BASIL in it, real news articles are timed too")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    base = load_lexicon()
    markers = sorted({e.term for e in base.entries if not e.is_wildcard})
    rows = [article(rng, i, markers) for i in range(args.articles)]
    texts = [r["text"] for r in rows]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    blob = ("\n".join(json.dumps(r) for r in rows) + "\n").encode("utf-8")

    def rate(seconds: float) -> tuple[str, str]:
        return f"{megabytes / seconds:.1f}", f"{len(texts) / seconds:,.0f}"

    table = []

    docs: list[Document] = []

    def build():
        docs.clear()
        for doc in read_jsonl(io.BytesIO(blob), "bench.jsonl"):
            doc.word_count
            doc.sentence_spans
            docs.append(doc)

    table.append(["build Documents (JSONL, words, sentences)", "-", "-", *rate(timed(build)), "-"])

    for size in (500, 2000, 8000):
        lexicon = synthetic_lexicon(base, size, random.Random(size))
        detector = LexiconDetector(lexicon)
        phrases = sorted({p for e in lexicon.entries for p in entry_phrases(e) if "*" not in p})
        detector.matches("warm up")  # the automaton is built on first use: outside the timing

        import ahocorasick_rs

        floor = ahocorasick_rs.AhoCorasick(phrases, implementation=ahocorasick_rs.Implementation.DFA)

        def scan():
            for text in texts:
                floor.find_matches_as_indexes(normalize(text), overlapping=True)

        reference = None
        try:  # the pure-C automaton framing used before: a second reference point, when installed
            import ahocorasick

            reference = ahocorasick.Automaton()
            for phrase in phrases:
                reference.add_word(phrase, len(phrase))
            reference.make_automaton()
        except ImportError:
            pass

        def reference_scan():
            for text in texts:
                for _ in reference.iter(normalize(text)):
                    pass

        def match():
            for text in texts:
                detector.matches(text)

        analyzer = Analyzer([detector])  # lexicon matching, Document geometry, findings and scores
        fresh = [Document(d.id, d.text, d.title, d.outlet) for d in docs]

        def whole():
            for doc in fresh:
                analyzer.analyze(doc)

        floor_s, match_s, whole_s = timed(scan), timed(match), timed(whole)
        table.append(["bare Aho-Corasick scan (floor)", size, len(phrases), *rate(floor_s), "1.00"])
        if reference is not None:
            reference_s = timed(reference_scan)
            table.append(["bare scan, pyahocorasick (reference)", size, len(phrases), *rate(reference_s),
                          f"{reference_s / floor_s:.2f}"])
        table.append(["lexicon matching", size, len(phrases), *rate(match_s), f"{match_s / floor_s:.2f}"])
        table.append(["analyze (Document + detectors + scores)", size, len(phrases), *rate(whole_s), f"{whole_s / floor_s:.2f}"])

    print(f"{len(texts):,} articles, {megabytes:.1f} MB of text, one core (CPU seconds)\n")
    print(tabulate(table, headers=["step", "entries", "strings", "MB/s", "articles/s", "× floor"], disable_numparse=True))

    whole_process(args, rng, markers, blob, megabytes, len(texts))


# The child reports its own CPU time and the peak memory of its own address space (VmHWM, Linux):
# ru_maxrss of the children would also count the pages of this process it was forked from.
CHILD = (
    "import re, resource, sys\n"
    "from framing.cli import main\n"
    "try:\n    main()\n"
    "finally:\n"
    "    try:\n"
    "        kb = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)\n"
    "    except OSError:\n"
    "        kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "    sys.stderr.write(str(kb))\n"
)


def run_cli(arguments: list[str]) -> tuple[float, float]:
    """(CPU seconds, peak RSS MB) of one `framing ...` process, output discarded."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(os.devnull, "wb") as sink:
        proc = subprocess.run([sys.executable, "-c", CHILD, *arguments], stdout=sink, stderr=subprocess.PIPE,
                              text=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"framing {' '.join(arguments)} failed: {proc.stderr.strip()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, int(proc.stderr.strip().splitlines()[-1]) / 1024


def sentence_count(blob: bytes) -> int:
    from framing.readers import read_jsonl

    return sum(len(doc.sentence_spans) for doc in read_jsonl(io.BytesIO(blob), "count.jsonl"))


def whole_process(args, rng, markers, blob: bytes, megabytes: float, count: int) -> None:
    """The speed table: `framing analyze` (and `classify`) as whole processes, CPU seconds on one
    core, for each detector set, on generated text, framing-dense generated text and real news;
    throughput after start-up, which is timed on its own on a one-article corpus."""
    # As many dense articles as generated ones: with fewer, the work after start-up is a few tenths of a
    # second and the start-up's own variation moves the figure by a tenth.
    dense_rows = [article(rng, 10_000 + i, markers, density=0.07) for i in range(max(args.articles, 50))]
    dense_blob = ("\n".join(json.dumps(r) for r in dense_rows) + "\n").encode("utf-8")
    corpora = {"generated": (blob, megabytes, count),
               "framing-dense": (dense_blob, sum(len(r["text"].encode()) for r in dense_rows) / 1e6, len(dense_rows))}
    real = real_news(args.data)
    if real is not None:
        corpora["real news (BASIL)"] = real
    runs = [
        ("default detectors (analyze)", ["analyze"], []),
        ("--no-classifier", ["analyze"], ["--no-classifier"]),
        ("word lists (-d lexicon -d quotes)", ["analyze"], ["-d", "lexicon", "-d", "quotes"]),
        ("tone (-d tone)", ["analyze"], ["-d", "tone"]),
        ("classifier (classify)", ["classify"], []),
    ]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "one.txt"
        one.write_text(json.loads(blob[: blob.index(b"\n")])["text"], "utf-8")
        startup = {}
        for label, command, options in runs:
            startup[label], peak = run_cli([*command, str(one), "-f", "jsonl", *options])
            rows.append([label, "start-up (one article)", "1", "-", f"{startup[label]:.2f}", "-", "-", f"{peak:.0f}"])
        for name, (data, size_mb, articles) in corpora.items():
            corpus = Path(tmp) / "corpus.jsonl"
            corpus.write_bytes(data)
            sentences = None
            for label, command, options in runs:
                if name == "framing-dense" and command == ["classify"]:
                    continue
                cpu, peak = run_cli([*command, str(corpus), "-f", "jsonl", *options])
                work = max(cpu - startup[label], 1e-9)
                if command == ["classify"]:
                    sentences = sentences or sentence_count(data)
                    rate = f"{sentences / work:,.0f} sentences/s"
                else:
                    rate = f"{size_mb / work:.1f} MB/s"
                rows.append([label, name, f"{articles:,}", f"{size_mb:.1f}", f"{cpu:.2f}", f"{size_mb / cpu:.1f}",
                             rate, f"{peak:.0f}"])
    print("\n`framing analyze CORPUS.jsonl -f jsonl` and `framing classify`, whole processes, one core:\n")
    print(tabulate(rows, headers=["run", "text", "articles", "MB", "CPU s", "MB per CPU-s (whole)",
                                  "after start-up", "peak RSS MB"], disable_numparse=True))
    print(f"\n{compiled_status()}")


def compiled_status() -> str:
    """Which build the figures are of: the compiled hot-path modules (hatch_build.py) or the sources."""
    import framing._accelerated as accelerated

    try:
        listed = sorted(json.loads((accelerated.FOLDER / "manifest.json").read_text("utf-8")))
    except (OSError, ValueError):
        return "build: pure Python (no compiled modules: no C compiler at install, or FRAMING_PURE=1)"
    probe = "import importlib, sys, framing._accelerated as a; [importlib.import_module(m) for m in sys.argv[1:]]; " \
            "print(len(a.compiled_modules()))"
    running = subprocess.run([sys.executable, "-c", probe, *listed], capture_output=True, text=True).stdout.strip()
    return f"build: {running or 0} of {len(listed)} hot-path modules compiled and current (FRAMING_PURE=1 runs none)"


if __name__ == "__main__":
    main()
