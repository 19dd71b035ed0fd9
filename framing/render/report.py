"""Training and evaluation reports for people (tables) and machines (JSON)."""

from __future__ import annotations

import json


def _pct(value: float) -> str:
    return f"{value:.3f}"


def training_report(model, data, out_path: str) -> str:
    from tabulate import tabulate

    card = model.card
    cv = card["cross_validation"]
    lines = [
        f"trained on {card['data']['rows']} rows: {data.positive!r} = biased ({data.balance[data.positive]}), "
        f"{data.negative!r} = not biased ({data.balance[data.negative]})",
    ]
    if data.skipped:
        lines.append("skipped: " + ", ".join(f"{reason} ({count})" for reason, count in sorted(data.skipped.items())))
    rows = [[key, _pct(cv[key]["mean"]), _pct(cv[key]["std"])] for key in ("precision", "recall", "f1", "macro_f1")]
    grouped = len(set(data.groups)) < len(data.groups)  # without a group field every row is its own group
    how = "folds keep each group together" if grouped else "stratified by label"
    lines.append(f"\n{cv['folds']}-fold cross-validation ({how}):\n")
    lines.append(tabulate(rows, headers=["metric", "mean", "std"], disable_numparse=True))
    lines.append(f"\nmodel written to {out_path} (card: {out_path.rsplit('.', 1)[0]}.card.json)")
    return "\n".join(lines) + "\n"


def evaluation_report(report: dict, fmt: str = "table") -> str:
    if fmt == "json":
        return json.dumps(report, indent=2) + "\n"
    from tabulate import tabulate

    (tn, fp), (fn, tp) = report["confusion_matrix"]
    lines = [f"{report['n']} sentences, threshold {report['threshold']}"]
    if report.get("skipped"):
        lines.append("skipped: " + ", ".join(f"{reason} ({count})" for reason, count in report["skipped"].items()))
    lines += [
        "",
        tabulate(
            [["biased", _pct(report["precision"]), _pct(report["recall"]), _pct(report["f1"])],
             ["macro", "", "", _pct(report["macro_f1"])]],
            headers=["class", "precision", "recall", "F1"], disable_numparse=True,
        ),
        "",
        tabulate([["actual not biased", tn, fp], ["actual biased", fn, tp]],
                 headers=["", "predicted not biased", "predicted biased"]),
        "",
        f"calibration: Brier score {report['calibration']['brier']:.4f}, "
        f"expected calibration error {report['calibration']['ece']:.4f}",
        tabulate(
            [[f"{b['from']:.1f}-{b['to']:.1f}", b["count"], _pct(b["mean_probability"]), _pct(b["observed_biased"])]
             for b in report["calibration"]["bins"]],
            headers=["probability", "sentences", "mean predicted", "observed biased"], disable_numparse=True,
        ),
    ]
    return "\n".join(lines) + "\n"
