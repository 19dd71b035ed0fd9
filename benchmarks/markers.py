"""How well the default lexicons find loaded wording in real news the project never saw.

    python benchmarks/markers.py [--data ../shared/data]

Uses BASIL (Fan et al. 2019: 300 articles from Fox News, the New York Times and
HuffPost, 100 events, with expert spans of lexical and informational bias) when it is
present beside the project; the data is for measurement only and never shipped.
Prints, per category and overall: findings, the share of findings that fall inside an
annotated bias span ("in spans"), and the recall of lexical-bias spans, with and without
the classifier's sentence-long findings. BASIL marks
bias only towards each story's main entities, so "in spans" understates precision.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter, defaultdict
from pathlib import Path

from tabulate import tabulate

from framing.document import Document
from framing.pipeline import Analyzer


def load_basil(folder: Path):
    articles = {}
    for line in (folder / "basil_articles.jsonl").read_text("utf-8").splitlines():
        row = json.loads(line)
        sentences, offsets, text = [], [], ""
        for paragraph in row["body-paragraphs"]:
            for sentence in paragraph:
                offsets.append(len(text))
                sentences.append(sentence)
                text += sentence + " "
            text = text.rstrip(" ") + "\n\n"
        articles[row["article_id"]] = (row, text, sentences, offsets)
    spans = defaultdict(list)
    with open(folder / "basil_phrase_annotations.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            article = articles.get(row["article_id"])
            if article is None:
                continue
            _, text, sentences, offsets = article
            # Offsets are relative to the sentence that holds the span's text.
            for sentence, base in zip(sentences, offsets):
                start, end = int(row["start"]), int(row["end"])
                if sentence[start:end] == row["txt"]:
                    spans[row["article_id"]].append((base + start, base + end, row["bias"]))
                    break
    return articles, spans


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "data")
    args = parser.parse_args()
    folder = args.data / "basil"
    if not (folder / "basil_articles.jsonl").exists():
        print(f"BASIL not found under {args.data}; nothing to measure.")
        return
    articles, spans = load_basil(folder)
    analyzer = Analyzer.from_options()
    per_category = Counter()
    inside = Counter()
    lex_total = lex_found = lex_found_words = 0
    by_outlet = defaultdict(lambda: [0, 0.0, 0])
    for article_id, (row, text, _, _) in sorted(articles.items()):
        result = analyzer.analyze(Document(id=article_id, text=text, outlet=row["source"].lower()))
        annotated = spans.get(article_id, [])
        for finding in result.findings:
            per_category[finding.category] += 1
            if any(finding.start < e and s < finding.end for s, e, _ in annotated):
                inside[finding.category] += 1
        for s, e, kind in annotated:
            if kind == "lex":
                lex_total += 1
                lex_found += any(f.start < e and s < f.end for f in result.findings)
                lex_found_words += any(f.start < e and s < f.end for f in result.findings if f.category != "classifier")
        outlet = by_outlet[row["source"].lower()]
        outlet[0] += result.words
        outlet[1] += result.weight
        outlet[2] += 1
    rows = [[cat, n, f"{inside[cat] / n:.2f}"] for cat, n in sorted(per_category.items())]
    total = sum(per_category.values())
    rows.append(["all", total, f"{sum(inside.values()) / max(total, 1):.2f}"])
    print(f"BASIL: {len(articles)} articles, {lex_total} lexical-bias spans\n")
    print(tabulate(rows, headers=["category", "findings", "in spans"], disable_numparse=True))
    print(f"\nlexical-bias spans overlapped by a finding: {lex_found}/{lex_total} = {lex_found / max(lex_total, 1):.2f}"
          f" (the classifier's findings are whole sentences; without them: {lex_found_words}/{lex_total} ="
          f" {lex_found_words / max(lex_total, 1):.2f})")
    outlet_rows = [[o, n, f"{1000 * w / max(words, 1):.2f}"] for o, (words, w, n) in sorted(by_outlet.items())]
    print()
    print(tabulate(outlet_rows, headers=["outlet", "articles", "framing index"], disable_numparse=True))


if __name__ == "__main__":
    main()
