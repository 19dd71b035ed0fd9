"""Speed of framing's lexicon pipeline on one core, beside a bare multi-pattern scan.

    python benchmarks/analyze.py [--articles 2000] [--seed 7]

Generates a seeded corpus of news-like articles (~600 words each), then prints MB/s and
articles/s for: building Documents (JSONL row -> Document with words and sentences),
lexicon matching alone, and the whole analysis, with lexicons of about 500, 2,000 and
8,000 terms; the floor is the same Aho-Corasick engine (ahocorasick-rs) scanning the same
text for the same strings with no word-boundary checks and no findings (plus pyahocorasick
as a second reference, if it is installed). Last, the `framing analyze` command on
the JSONL corpus, timed as CPU seconds of the whole process, at four corpus sizes,
with its peak memory, and on a one-article corpus to time the start-up on its own.
"""

from __future__ import annotations

import argparse
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


def sentence(rng: random.Random, markers: list[str]) -> str:
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
        elif roll < 0.97:
            words.append(rng.choice(ABBREVS))
        elif markers and roll > 0.985:
            words.append(rng.choice(markers))
        else:
            words.append(rng.choice(NOUNS))
    text = " ".join(words)
    return text[0].upper() + text[1:] + rng.choice([".", ".", ".", "?"])


def article(rng: random.Random, index: int, markers: list[str]) -> dict:
    paragraphs, count = [], 0
    while count < 600:
        para = " ".join(sentence(rng, markers) for _ in range(rng.randint(2, 4)))
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
    import io

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
        detector.matcher  # build outside the timing

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

    print("\n`framing analyze CORPUS.jsonl -f jsonl` (default lexicons), whole process incl. start-up and output:\n")
    cli_rows = []
    # The child reports the peak memory of its own address space (VmHWM, Linux): ru_maxrss
    # would also count the pages of this process it was forked from.
    child = (
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
    runs = [
        ("lexicon only (-d lexicon -d quotes)", ["-d", "lexicon", "-d", "quotes"], (0, 1, 4, 8, 16)),
        ("default detectors", [], (1,)),
        ("all detectors (-d all: + tone)", ["-d", "all"], (1,)),
    ]
    first_row = blob[: blob.index(b"\n") + 1]
    real = real_news(args.data)
    if real is not None:
        real_blob, real_mb, real_count = real
        runs.insert(1, ("lexicon only, real news (BASIL x20)", ["-d", "lexicon", "-d", "quotes"], ("real",)))
    startup: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, options, sizes in runs:
            for copies in sizes:  # 0 copies: a corpus of one article, to time the start-up
                corpus = Path(tmp) / f"corpus{copies}.jsonl"
                if not corpus.exists():
                    corpus.write_bytes(real_blob if copies == "real" else blob * copies if copies else first_row)
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                with open(os.devnull, "wb") as sink:
                    proc = subprocess.run(
                        [sys.executable, "-c", child, "analyze", str(corpus), "-f", "jsonl", *options],
                        stdout=sink, stderr=subprocess.PIPE, text=True, check=True,
                    )
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
                peak_mb = int(proc.stderr.strip().splitlines()[-1]) / 1024
                if not copies:
                    startup[label] = cpu
                    cli_rows.append([label, "1", "-", f"{cpu:.2f}", "(start-up)", "-", f"{peak_mb:.0f}"])
                    continue
                size_mb, count = (real_mb, real_count) if copies == "real" else (megabytes * copies, len(texts) * copies)
                base_label = "lexicon only (-d lexicon -d quotes)" if copies == "real" else label
                steady = f"{size_mb / (cpu - startup[base_label]):.1f}" if base_label in startup else "-"
                cli_rows.append([label, f"{count:,}", f"{size_mb:.1f}", f"{cpu:.2f}",
                                 f"{size_mb / cpu:.1f}", steady, f"{peak_mb:.0f}"])
    print(tabulate(cli_rows, headers=["detectors", "articles", "MB", "CPU s", "MB per CPU-s",
                                      "MB per CPU-s after start-up", "peak RSS MB"], disable_numparse=True))

if __name__ == "__main__":
    main()
