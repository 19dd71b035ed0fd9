"""Comparison tables in tabulate's formats, or as JSON / CSV for machines."""

from __future__ import annotations

import csv
import io
import json
from pathlib import PurePath
from typing import Iterable

from framing.compare import comparison, group_results
from framing.pipeline import DocumentResult

TABLE_ALIASES = {"table": "simple", "markdown": "github"}
MULTILINE_FORMATS = {"simple", "plain", "grid", "simple_grid", "rounded_grid", "fancy_grid", "outline", "presto", "psql"}


def tabulate_formats() -> list[str]:
    from tabulate import tabulate_formats as formats

    return sorted(formats)


def _label(key: str) -> str:
    """File documents are shown by file name; other ids as they are."""
    return PurePath(key).name if "/" in key or "\\" in key else key


def render_comparison(
    results: Iterable[DocumentResult], by: str = "document", fmt: str = "table", sections: list[str] = ()
) -> str:
    groups = group_results(results, by)
    headers, rows = comparison(groups, by, sections)
    if fmt == "json":
        return json.dumps({"by": by, "columns": headers, "rows": rows}, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(headers)
        writer.writerows(rows)
        return buffer.getvalue()
    from tabulate import tabulate

    if by == "document":
        rows = [[_label(row[0]), *row[1:]] for row in rows]
    shown = [h.replace("_", " ") for h in headers]
    tablefmt = TABLE_ALIASES.get(fmt, fmt)
    if tablefmt in MULTILINE_FORMATS:
        # Narrower columns: hyphenated category names break onto two header lines.
        shown = [h.replace("-", "-\n").replace(" ", "\n", 1) for h in shown]
    return tabulate(rows, headers=shown, tablefmt=tablefmt, floatfmt=".2f") + "\n"
