"""The report `framing train` prints: data balance, cross-validated scores, where the model went."""

from __future__ import annotations


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
    nested = cv.get("nested")
    if nested:
        how += f"; nested: C chosen in each fold by {nested['inner_folds']}-fold cross-validation of its training part"
    lines.append(f"\n{cv['folds']}-fold cross-validation ({how}):\n")
    lines.append(tabulate(rows, headers=["metric", "mean", "std"], disable_numparse=True))
    chosen = card.get("regularization")
    if chosen:
        lines.append(f"\nregularization: C = {chosen['c']:g}, chosen by {chosen['chosen_by']}")
    lines.append(f"\nmodel written to {out_path} (card: {out_path.rsplit('.', 1)[0]}.card.json)")
    return "\n".join(lines) + "\n"
