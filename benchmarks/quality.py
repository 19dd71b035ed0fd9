"""Word-level detection quality: do the lexicons and the scare-quote detector find the loaded
words people mark, and stay quiet on neutral text?

    python benchmarks/quality.py [--data ../shared/data] [--misses] [--alarms] [--half explore]

Word-level detectors are `lexicon` and `quotes` (no classifier, no attribution or agency
detectors). Four measurements, printed as one table against the targets:

- BABE (Spinde et al. 2021, the development slice of SG2 beside the project): a marked word is
  one entry of a biased sentence's `biased_words`, located in the sentence as a whole word
  (case-insensitive; words that cannot be found are left out). Recall is the share of marked
  words overlapped by a finding; the false-alarm rate the share of non-biased sentences with a
  finding of severity warning or error; precision the share of all findings, in biased and
  non-biased sentences, that overlap a marked word. Sentences are split into two halves by the
  parity of the SHA-256 of their text: "explore" (hash even) is the half whose misses and
  false alarms may be read while improving the lexicons, "check" (hash odd) is never read,
  and the figures are printed for both halves and the whole.
- BASIL (Fan et al. 2019): the share of lexical-bias spans overlapped by a word-level finding
  (for the whole set and for two halves of its articles split like BABE's, by article id),
  the share of sentences without any annotated span that get a warning-level finding, and the
  framing index (lexicon and scare-quote weight per 1,000 words) per outlet.
- tests/data/unseen and tests/data/unseen-2: the share of hand-marked markers overlapped by a
  word-level finding (and by any non-classifier finding), whether the neutral version ranks
  lowest for each event with the default detectors, and the warning-level findings in the
  neutral versions. unseen-2 was written later, when unseen's misses had been read once; its
  own misses are not to be read (`--unseen-misses` prints both sets' misses).
- The demo corpus's neutral wire reports: their warning-level word-level findings.

The third-party data is read for measurement only and never copied into the project.
`--misses` prints the marked words no finding overlaps and `--alarms` the warning-level
findings in non-biased sentences, for the half chosen with `--half` (explore by default).
"""

from __future__ import annotations

import argparse
import ast
import csv
import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from tabulate import tabulate

from framing.document import Document
from framing.pipeline import Analyzer
from framing.readers import read_jsonl, read_paths

from markers import load_basil as read_basil  # benchmarks/markers.py, beside this script: the one BASIL loader

ROOT = Path(__file__).resolve().parents[1]
WORD_LEVEL = ("lexicon", "quotes")
WARNING = {"warning", "error"}


def half(text: str) -> str:
    return "explore" if int(hashlib.sha256(text.strip().encode("utf-8")).hexdigest(), 16) % 2 == 0 else "check"


def overlaps(findings, start: int, end: int) -> bool:
    return any(f.start < end and start < f.end for f in findings)


def word_spans(text: str, words: list[str]) -> list[tuple[int, int, str]]:
    """Each distinct marked word's first whole-word occurrence in the sentence."""
    spans = []
    for word in dict.fromkeys(w.strip() for w in words if w and w.strip()):
        match = re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text, re.IGNORECASE)
        if match:
            spans.append((match.start(), match.end(), word))
    return spans


# ---------------------------------------------------------------------------------------- BABE


def load_babe(folder: Path):
    path = folder / "babe_sg2_final_labels.csv"
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["label_bias"] not in ("Biased", "Non-biased"):
                continue
            try:
                words = ast.literal_eval(row["biased_words"] or "[]")
            except (ValueError, SyntaxError):
                words = []
            yield row["text"], row["label_bias"] == "Biased", [str(w) for w in words]


def measure_babe(analyzer: Analyzer, folder: Path, show_misses: bool, show_alarms: bool, which: str):
    stats = defaultdict(Counter)
    misses, alarms = Counter(), Counter()
    for index, (text, biased, words) in enumerate(load_babe(folder)):
        result = analyzer.analyze(Document(id=f"babe-{index}", text=text))
        findings = result.findings
        spans = word_spans(text, words) if biased else []
        part = half(text)
        for key in (part, "all"):
            s = stats[key]
            s["findings"] += len(findings)
            s["on_marked"] += sum(1 for f in findings if any(f.start < e and b < f.end for b, e, _ in spans))
            if biased:
                s["marked"] += len(spans)
                s["found"] += sum(1 for b, e, _ in spans if overlaps(findings, b, e))
            else:
                s["neutral"] += 1
                s["alarmed"] += any(f.severity in WARNING for f in findings)
        if part == which:
            for f in findings:
                c = stats["category:" + f.category]
                c["findings"] += 1
                c["on_marked"] += any(f.start < e and b < f.end for b, e, _ in spans)
                c["neutral_warnings"] += (not biased) and f.severity in WARNING
            if show_misses:
                for b, e, word in spans:
                    if not overlaps(findings, b, e):
                        misses[word.lower()] += 1
            if show_alarms and not biased:
                for f in findings:
                    if f.severity in WARNING:
                        alarms[f"{f.rule} '{f.text.lower()}'"] += 1
    if show_misses:
        print(f"BABE {which} half, marked words no finding overlaps (word: count):")
        print(", ".join(f"{w}: {n}" for w, n in misses.most_common()))
        print()
    if show_misses or show_alarms:
        rows = [[k.split(":", 1)[1], c["findings"], c["on_marked"], c["neutral_warnings"]]
                for k, c in sorted(stats.items()) if k.startswith("category:")]
        print(tabulate(rows, headers=[f"BABE {which}: category", "findings", "on marked words",
                                      "warnings in non-biased"], disable_numparse=True))
        print()
    if show_alarms:
        print(f"BABE {which} half, warning-level findings in non-biased sentences:")
        for key, n in alarms.most_common():
            print(f"  {n:3}  {key}")
        print()
    return stats


# --------------------------------------------------------------------------------------- BASIL


def load_basil(folder: Path):
    """BASIL's articles and lexical-bias spans, as benchmarks/markers.py reads them, with each
    article's sentences as (offset, sentence) pairs."""
    articles, spans = read_basil(folder)
    return {i: (row, text, list(zip(offsets, sentences))) for i, (row, text, sentences, offsets) in articles.items()}, spans


def measure_basil(analyzer: Analyzer, folder: Path, show_alarms: bool, show_misses: bool, which: str):
    articles, spans = load_basil(folder)
    lex_total = lex_found = 0
    halves = defaultdict(Counter)
    misses = Counter()
    plain = plain_alarmed = 0
    findings_total = findings_in = 0
    by_outlet = defaultdict(lambda: [0, 0.0, 0])
    alarms = Counter()
    for article_id, (row, text, sentences) in sorted(articles.items()):
        result = analyzer.analyze(Document(id=article_id, text=text, outlet=row["source"].lower()))
        annotated = spans.get(article_id, [])
        findings = result.findings
        findings_total += len(findings)
        findings_in += sum(1 for f in findings if any(f.start < e and s < f.end for s, e, _ in annotated))
        part = half(article_id)
        for s, e, kind in annotated:
            if kind == "lex":
                hit = overlaps(findings, s, e)
                lex_total += 1
                lex_found += hit
                halves[part]["total"] += 1
                halves[part]["found"] += hit
                if not hit and part == which:
                    misses[text[s:e].lower()] += 1
        for base, sentence in sentences:
            end = base + len(sentence)
            if any(s < end and base < e for s, e, _ in annotated):
                continue
            plain += 1
            warned = [f for f in findings if base <= f.start < end and f.severity in WARNING]
            plain_alarmed += bool(warned)
            for f in warned:
                alarms[f"{f.rule} '{f.text.lower()}'"] += 1
        outlet = by_outlet[row["source"].lower()]
        outlet[0] += result.words
        outlet[1] += result.weight
        outlet[2] += 1
    if show_misses:
        print(f"BASIL {which} half (by article id), lexical-bias spans no finding overlaps:")
        print(" | ".join(f"{t}" + (f" ({n})" if n > 1 else "") for t, n in misses.most_common()))
        print()
    if show_alarms:
        print("BASIL, warning-level findings in sentences without annotated spans:")
        for key, n in alarms.most_common(60):
            print(f"  {n:3}  {key}")
        print()
    return {
        "lex_total": lex_total, "lex_found": lex_found, "plain": plain, "plain_alarmed": plain_alarmed,
        "findings": findings_total, "in_spans": findings_in, "halves": halves,
        "outlets": {o: (n, 1000 * w / max(words, 1)) for o, (words, w, n) in sorted(by_outlet.items())},
    }


# ---------------------------------------------------------------------------- the project's own


def measure_unseen(word_level: Analyzer, linguistic: Analyzer, default: Analyzer, folder: Path):
    with open(folder / "articles.jsonl", "rb") as handle:
        articles = {doc.id: doc for doc in read_jsonl(handle, "articles.jsonl")}
    markers = [json.loads(line) for line in (folder / "markers.jsonl").read_text("utf-8").splitlines() if line.strip()]
    words = {i: word_level.analyze(d).findings for i, d in articles.items()}
    ling = {i: [f for f in linguistic.analyze(d).findings if f.category != "classifier"] for i, d in articles.items()}
    # The word-level findings plus the classifier's word spans (never its whole-sentence findings).
    spans = {i: words[i] + [f for f in default.analyze(d).findings if f.rule == "classifier/word"]
             for i, d in articles.items()}
    found = found_ling = found_spans = 0
    missed = []
    for marker in markers:
        doc = articles[marker["id"]]
        start = doc.text.index(marker["text"])
        end = start + len(marker["text"])
        hit = overlaps(words[marker["id"]], start, end)
        found += hit
        found_ling += overlaps(ling[marker["id"]], start, end)
        found_spans += overlaps(spans[marker["id"]], start, end)
        if not hit:
            missed.append(marker)
    events = defaultdict(dict)
    for doc in articles.values():
        events[doc.metadata["event"]][doc.metadata["framing"]] = default.analyze(doc)
    lowest = all(
        v["neutral"].scores["framing_index"] < min(v["loaded-a"].scores["framing_index"],
                                                   v["loaded-b"].scores["framing_index"])
        for v in events.values()
    )
    neutral_warnings = sum(
        1 for doc_id, doc in articles.items() if doc.metadata["framing"] == "neutral"
        for f in words[doc_id] if f.severity in WARNING
    )
    neutral_warnings_all = sum(
        1 for v in events.values() for f in v["neutral"].findings if f.severity in WARNING
    )
    return {
        "markers": len(markers), "found": found, "found_ling": found_ling, "found_spans": found_spans, "lowest": lowest,
        "events": len(events), "neutral_warnings": neutral_warnings, "neutral_warnings_all": neutral_warnings_all,
        "missed": missed,
    }


def measure_demo(word_level: Analyzer):
    warnings = Counter()
    documents = 0
    for doc in read_paths([str(ROOT / "corpora" / "demo")]):
        if not (doc.source or "").endswith("meridian-wire.md"):
            continue
        documents += 1
        for f in word_level.analyze(doc).findings:
            if f.severity in WARNING:
                warnings[f"{Path(doc.source).name}: {f.rule} '{f.text}'"] += 1
    return documents, warnings


# ------------------------------------------------------------------------------------------ main


def pct(n: int, d: int) -> str:
    return f"{100 * n / d:.1f}% ({n}/{d})" if d else "-"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--misses", action="store_true", help="print BABE's missed marked words")
    parser.add_argument("--alarms", action="store_true", help="print false alarms on BABE and BASIL")
    parser.add_argument("--unseen-misses", action="store_true", help="print the unseen markers not found")
    parser.add_argument("--half", choices=("explore", "check"), default="explore")
    args = parser.parse_args()

    word_level = Analyzer.from_options(detectors=WORD_LEVEL)
    rows = []
    babe = args.data / "babe"
    if (babe / "babe_sg2_final_labels.csv").exists():
        stats = measure_babe(word_level, babe, args.misses, args.alarms, args.half)
        for key in ("explore", "check", "all"):
            s = stats[key]
            rows.append([f"BABE {key}: marked words found", pct(s["found"], s["marked"]), ">= 50%"])
            rows.append([f"BABE {key}: non-biased with warning", pct(s["alarmed"], s["neutral"]), "<= 10%"])
            rows.append([f"BABE {key}: precision", pct(s["on_marked"], s["findings"]), "reported"])
    else:
        print(f"BABE not found under {args.data}; skipped.", file=sys.stderr)
    basil = args.data / "basil"
    outlets = {}
    if (basil / "basil_articles.jsonl").exists():
        b = measure_basil(word_level, basil, args.alarms, args.misses, args.half)
        for key in ("explore", "check"):
            h = b["halves"][key]
            rows.append([f"BASIL {key}: lexical-bias spans found", pct(h["found"], h["total"]), ">= 50%"])
        rows.append(["BASIL all: lexical-bias spans found", pct(b["lex_found"], b["lex_total"]), ">= 50%"])
        rows.append(["BASIL: unannotated sentences with warning", pct(b["plain_alarmed"], b["plain"]), "reported"])
        rows.append(["BASIL: findings inside any bias span", pct(b["in_spans"], b["findings"]), "reported"])
        outlets = b["outlets"]
    else:
        print(f"BASIL not found under {args.data}; skipped.", file=sys.stderr)
    linguistic = Analyzer.from_options(detectors=("lexicon", "quotes", "attribution", "agency", "actors"))
    default = Analyzer.from_options()
    unseen = {}
    for name, target in (("unseen", ">= 70%"), ("unseen-2", "reported")):
        folder = ROOT / "tests" / "data" / name
        if not (folder / "articles.jsonl").exists():
            continue
        u = unseen[name] = measure_unseen(word_level, linguistic, default, folder)
        rows.append([f"{name}: markers found (word-level)", pct(u["found"], u["markers"]), target])
        rows.append([f"{name}: markers found (all but classifier)", pct(u["found_ling"], u["markers"]), "reported"])
        rows.append([f"{name}: markers found (word-level + classifier words)", pct(u["found_spans"], u["markers"]),
                     "reported"])
        rows.append([f"{name}: neutral ranks lowest (default detectors)",
                     f"{'yes' if u['lowest'] else 'NO'} ({u['events']} events)", "every event"])
        rows.append([f"{name}: warnings in neutral versions (word-level)", str(u["neutral_warnings"]), "0"])
        rows.append([f"{name}: warnings in neutral versions (default)", str(u["neutral_warnings_all"]), "reported"])
    documents, demo_warnings = measure_demo(word_level)
    rows.append([f"demo: warnings in {documents} neutral wire reports", str(sum(demo_warnings.values())), "0"])
    print(tabulate(rows, headers=["measure", "value", "target"], disable_numparse=True))
    if outlets:
        print()
        print(tabulate([[o, n, f"{index:.2f}"] for o, (n, index) in outlets.items()],
                       headers=["BASIL outlet", "articles", "framing index (word-level)"], disable_numparse=True))
    if demo_warnings:
        print("\ndemo neutral-wire warnings:", "; ".join(demo_warnings))
    if args.unseen_misses:
        for name, u in unseen.items():
            print(f"\n{name} markers not found:")
            for m in u["missed"]:
                print(f"  {m['id']}: {m['text']!r} ({m['category']})")


if __name__ == "__main__":
    main()
