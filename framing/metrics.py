"""Classification metrics for the biased class and both classes, and how well the
probabilities are calibrated (Brier score, expected calibration error, reliability bins)."""

from __future__ import annotations

from typing import Sequence


def _round(value: float) -> float:
    return round(float(value), 4)


def classification_report(labels: Sequence[int], probabilities: Sequence[float], threshold: float = 0.5) -> dict:
    """Precision, recall and F1 of the biased class, macro F1, the confusion matrix
    ([[true neutral, false biased], [false neutral, true biased]]) and calibration."""
    predicted = [1 if p >= threshold else 0 for p in probabilities]
    tp = sum(1 for y, p in zip(labels, predicted) if y == 1 and p == 1)
    fp = sum(1 for y, p in zip(labels, predicted) if y == 0 and p == 1)
    fn = sum(1 for y, p in zip(labels, predicted) if y == 1 and p == 0)
    tn = sum(1 for y, p in zip(labels, predicted) if y == 0 and p == 0)

    def f1(tp_, fp_, fn_):
        precision = tp_ / (tp_ + fp_) if tp_ + fp_ else 0.0
        recall = tp_ / (tp_ + fn_) if tp_ + fn_ else 0.0
        return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)

    precision, recall, f1_biased = f1(tp, fp, fn)
    _, _, f1_neutral = f1(tn, fn, fp)
    n = len(labels)
    return {
        "n": n,
        "threshold": threshold,
        "precision": _round(precision),
        "recall": _round(recall),
        "f1": _round(f1_biased),
        "f1_neutral": _round(f1_neutral),
        "macro_f1": _round((f1_biased + f1_neutral) / 2),
        "accuracy": _round((tp + tn) / n) if n else 0.0,
        "confusion_matrix": [[tn, fp], [fn, tp]],
        "calibration": calibration(labels, probabilities),
    }


def calibration(labels: Sequence[int], probabilities: Sequence[float], bins: int = 10) -> dict:
    """Brier score, expected calibration error and the reliability table (non-empty bins)."""
    n = len(labels)
    if not n:
        return {"brier": 0.0, "ece": 0.0, "bins": []}
    brier = sum((p - y) ** 2 for y, p in zip(labels, probabilities)) / n
    table = []
    ece = 0.0
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        members = [(y, p) for y, p in zip(labels, probabilities) if low <= p < high or (b == bins - 1 and p == 1.0)]
        if not members:
            continue
        mean_p = sum(p for _, p in members) / len(members)
        observed = sum(y for y, _ in members) / len(members)
        ece += len(members) / n * abs(mean_p - observed)
        table.append({"from": low, "to": high, "count": len(members), "mean_probability": _round(mean_p),
                      "observed_biased": _round(observed)})
    return {"brier": _round(brier), "ece": _round(ece), "bins": table}
