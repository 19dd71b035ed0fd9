"""How well the biased-sentence classifier does, and how fast, beside simpler baselines.

    python benchmarks/classifier.py [--data ../shared/data] [--folds 5]

For each labelled data set: 5-fold cross-validation (stratified; grouped by fact for the
project's own corpus) of
  - plain TF-IDF (word 1-2-grams) + logistic regression, the usual baseline;
  - lexicon only: logistic regression over framing's cue features (lexicon categories,
    sentiment, punctuation);
  - framing: the project's pipeline (framing.model.build_pipeline);
and the shipped default model, trained on the project's own sentences, applied as it is
(out of domain for the external sets). Prints macro F1, F1 / precision / recall of the
biased class, sentences scored per second on one core, and training seconds per fold.
External data (BABE, MBIC: Spinde et al. 2021) is read from ../shared/data when present;
it is used for measurement only and nothing trained on it is kept.
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from tabulate import tabulate

from framing.cues import CueFeatures
from framing.metrics import classification_report
from framing.model import build_pipeline, load

ROOT = Path(__file__).resolve().parents[1]


def _spinde_labels(path: Path):
    """BABE and MBIC share a layout: `text` and `label_bias` (Biased / Non-biased / No agreement)."""
    if not path.exists():
        return None
    rows = [r for r in csv.DictReader(path.open(encoding="utf-8")) if r["label_bias"] in ("Biased", "Non-biased")]
    return [r["text"] for r in rows], [int(r["label_bias"] == "Biased") for r in rows], None


def babe(folder: Path):
    return _spinde_labels(folder / "babe" / "babe_sg2_final_labels.csv")


def mbic(folder: Path):
    return _spinde_labels(folder / "mbic" / "mbic_final_labels.csv")


def own_corpus(_: Path):
    texts, labels, groups = [], [], []
    for file in sorted((ROOT / "corpora" / "bias-sentences").glob("*.jsonl")):
        for line in file.read_text("utf-8").splitlines():
            row = json.loads(line)
            texts.append(row["text"])
            labels.append(int(row["label"] == "biased"))
            groups.append(row["group"])
    return texts, labels, groups


MODELS = {
    "TF-IDF + LR": lambda: make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
                                         LogisticRegression(max_iter=3000)),
    "lexicon only": lambda: make_pipeline(CueFeatures(), StandardScaler(with_mean=False), LogisticRegression(max_iter=3000)),
    "framing": lambda: build_pipeline(0),
}


def cross_validated(make, texts, labels, groups, folds):
    labels = np.asarray(labels)
    if groups is not None:
        splits = StratifiedGroupKFold(folds, shuffle=True, random_state=0).split(texts, labels, groups)
    else:
        splits = StratifiedKFold(folds, shuffle=True, random_state=0).split(texts, labels)
    probabilities = np.zeros(len(texts))
    train_seconds = score_seconds = 0.0
    for train, test in splits:
        model = make()
        started = time.process_time()
        model.fit([texts[i] for i in train], labels[train])
        train_seconds += time.process_time() - started
        started = time.process_time()
        probabilities[test] = model.predict_proba([texts[i] for i in test])[:, 1]
        score_seconds += time.process_time() - started
    report = classification_report(labels.tolist(), probabilities.tolist())
    return report, len(texts) / score_seconds, train_seconds / folds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    default = load("default")
    rows = []
    for name, reader in (("BABE (SG2)", babe), ("MBIC", mbic), ("framing corpus", own_corpus)):
        data = reader(args.data)
        if data is None:
            print(f"{name}: not found under {args.data}, skipped")
            continue
        texts, labels, groups = data
        for model_name, make in MODELS.items():
            report, speed, train_s = cross_validated(make, texts, labels, groups, args.folds)
            rows.append([name, len(texts), f"{model_name} ({args.folds}-fold CV)", f"{report['macro_f1']:.3f}",
                         f"{report['f1']:.3f}", f"{report['precision']:.3f}", f"{report['recall']:.3f}",
                         f"{speed:,.0f}", f"{train_s:.1f}"])
        if name != "framing corpus":
            started = time.process_time()
            probabilities = default.probabilities(texts)
            speed = len(texts) / (time.process_time() - started)
            report = classification_report(labels, probabilities, default.threshold)
            rows.append([name, len(texts), "default model, as shipped", f"{report['macro_f1']:.3f}",
                         f"{report['f1']:.3f}", f"{report['precision']:.3f}", f"{report['recall']:.3f}",
                         f"{speed:,.0f}", "-"])
        print(f"{name} done", flush=True)
    print()
    print(tabulate(rows, headers=["data", "sentences", "model", "macro F1", "F1 biased", "precision", "recall",
                                  "sentences/s", "train s/fold"], disable_numparse=True))


if __name__ == "__main__":
    main()
