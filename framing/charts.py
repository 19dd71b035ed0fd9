"""The report's charts, drawn by matplotlib (Agg) as SVG text to inline in the page.

Output is deterministic: no date in the metadata, a fixed hash salt per chart (so ids differ
between the charts of one page and never between runs), and text kept as text (`svg.fonttype`
none), which also keeps the files small.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator, Mapping, Sequence

from framing.highlight import PALETTE

TEXT = "#222222"
GRID = "#dddddd"


@contextmanager
def _figure(name: str, width: float, height: float) -> Iterator:
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    style = {"svg.hashsalt": f"framing-{name}", "svg.fonttype": "none", "font.size": 9, "axes.edgecolor": "#888888",
             "axes.labelcolor": TEXT, "xtick.color": TEXT, "ytick.color": TEXT, "axes.spines.top": False,
             "axes.spines.right": False, "figure.dpi": 96}
    with matplotlib.rc_context(style):
        figure = plt.figure(figsize=(width, height))
        try:
            yield figure
        finally:
            plt.close(figure)


def _svg(figure, name: str) -> str:
    import io

    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": f"framing-{name}", "svg.fonttype": "none"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    text = buffer.getvalue()
    text = text[text.index("<svg"):]  # the XML declaration and doctype have no place inside HTML
    start, end = text.find("<metadata>"), text.find("</metadata>")
    if start >= 0 and end > start:  # RDF about the file, not the chart
        text = text[:start] + text[end + len("</metadata>"):]
    return text.replace("<svg ", f'<svg role="img" aria-labelledby="{name}-title" class="chart" ', 1)


def density_by_group(groups: Sequence[Mapping], measures: Sequence[str], labels: Sequence[str]) -> str:
    """Mean of each measure per group with its 95% interval: one row per measure, a dot and
    whisker per group."""
    with _figure("density", 7.5, 0.5 + 0.42 * len(measures) * max(1, min(len(groups), 6)) / 2.2) as figure:
        axes = figure.add_subplot()
        n = len(groups)
        step = 0.8 / max(n, 1)
        for g, (group, label) in enumerate(zip(groups, labels)):
            ys, xs, lows, highs = [], [], [], []
            for m, measure in enumerate(measures):
                stats = group["measures"].get(measure)
                if not stats or stats.get("mean") is None or None in (stats.get("ci95") or [None]):
                    continue  # no article of the group has this measure
                ys.append(m - 0.4 + step * (g + 0.5))
                xs.append(stats["mean"])
                lows.append(stats["mean"] - stats["ci95"][0])
                highs.append(stats["ci95"][1] - stats["mean"])
            axes.errorbar(xs, ys, xerr=[lows, highs], fmt="o", markersize=4, capsize=2, linewidth=1,
                          color=PALETTE[g % len(PALETTE)], label=label + (" (small)" if group.get("small") else ""))
        axes.set_yticks(range(len(measures)), [m.replace(".per_1000_words", "") for m in measures])
        axes.invert_yaxis()
        axes.set_xlabel("per 1,000 words (mean, 95% interval)")
        axes.grid(axis="x", color=GRID, linewidth=0.6)
        axes.set_xlim(left=0)
        axes.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=min(3, max(1, n)), fontsize=8, frameon=False)
        return _svg(figure, "density")


def over_time(series: Mapping[str, Sequence[tuple[str, float, int]]], period: str) -> str:
    """The framing index per period, one line per group: (period label, mean, documents)."""
    with _figure("time", 7.5, 3.2) as figure:
        axes = figure.add_subplot()
        periods = sorted({p for points in series.values() for p, _, _ in points})
        where = {p: i for i, p in enumerate(periods)}
        for g, (label, points) in enumerate(series.items()):
            axes.plot([where[p] for p, _, _ in points], [mean for _, mean, _ in points], marker="o", markersize=4,
                      linewidth=1.4, color=PALETTE[g % len(PALETTE)], label=label)
        ticks = range(0, len(periods), max(1, len(periods) // 12))
        axes.set_xticks(list(ticks), [periods[i] for i in ticks], rotation=30, ha="right")
        axes.set_ylabel("framing index (mean)")
        axes.set_xlabel(period)
        axes.grid(axis="y", color=GRID, linewidth=0.6)
        axes.set_ylim(bottom=0)
        if series:
            axes.legend(fontsize=8, frameon=False)
        return _svg(figure, "time")


def heat_map(rows: Sequence[str], columns: Sequence[str], shares: Sequence[Sequence[float]],
             counts: Sequence[Sequence[int]], concepts: Sequence[str] = ()) -> str:
    """Groups x words: each cell the share of the group's mentions of that concept using the word
    (colour), with the count written in; `concepts` (one per column) draws a line between concepts."""
    import numpy as np

    with _figure("actors", min(11.0, 1.6 + 0.55 * len(columns)), 0.9 + 0.38 * len(rows)) as figure:
        axes = figure.add_subplot()
        # pcolormesh, not imshow: cells stay vector shapes in the SVG instead of an embedded bitmap.
        image = axes.pcolormesh(np.asarray(shares, dtype=float), cmap="Oranges", vmin=0, vmax=1,
                                edgecolors="white", linewidth=0.5)
        axes.invert_yaxis()
        axes.set_xticks([c + 0.5 for c in range(len(columns))], columns, rotation=40, ha="right")
        axes.set_yticks([r + 0.5 for r in range(len(rows))], rows)
        for r, row in enumerate(counts):
            for c, count in enumerate(row):
                if count:
                    axes.text(c + 0.5, r + 0.5, str(count), ha="center", va="center", fontsize=7,
                              color="white" if shares[r][c] > 0.6 else TEXT)
        axes.spines[:].set_visible(False)
        for c in range(1, len(concepts)):
            if concepts[c] != concepts[c - 1]:
                axes.axvline(c, color="#444444", linewidth=1.2)
        bar = figure.colorbar(image, ax=axes, fraction=0.03, pad=0.02)
        bar.set_label("share of the concept's mentions", fontsize=8)
        bar.solids.set_rasterized(False)  # matplotlib rasterizes long colour bars; keep it vector
        return _svg(figure, "actors")


def distinctive(groups: Sequence[tuple[str, Sequence[tuple[str, float, bool]]]], per_row: int = 3) -> str:
    """Small multiples: each group's top terms by z, lexicon entries in the darker colour."""
    count = max(1, len(groups))
    columns = min(per_row, count)
    rows = -(-count // columns)
    longest = max((len(terms) for _, terms in groups), default=1) or 1
    with _figure("terms", 3.2 * columns, 0.6 + rows * (0.5 + 0.2 * longest)) as figure:
        for index, (label, terms) in enumerate(groups):
            axes = figure.add_subplot(rows, columns, index + 1)
            names = [term for term, _, _ in terms]
            axes.barh(range(len(terms)), [z for _, z, _ in terms],
                      color=[PALETTE[3] if lexicon else PALETTE[1] for _, _, lexicon in terms])
            axes.set_yticks(range(len(terms)), names, fontsize=8)
            axes.invert_yaxis()
            axes.set_title(label, fontsize=9, loc="left")
            axes.set_xlabel("z", fontsize=8)
            axes.grid(axis="x", color=GRID, linewidth=0.6)
        figure.tight_layout()
        return _svg(figure, "terms")
