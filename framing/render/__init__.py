"""Renderers: the result model (framing.report) to text for people and machines.

One module per output format, each with a function per view it can render:
`analysis(report, out)`, `comparison(table, out)`, `actors(table, out)`,
`sentences(scores, out)`, `evaluation(report, out)`, `check(report, out)`, `events(table, out)`, `terms(report, out)`. The table below says which format
renders which view, so the CLI looks a format up once and a format a view cannot take is a
clear error. Adding a format is one module and one line here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from importlib import import_module
from typing import Callable

from framing.errors import ConfigError

VIEWS = ("analysis", "comparison", "actors", "sentences", "evaluation", "check", "events", "terms")
_TABLES = ("analysis", "comparison", "actors", "sentences", "evaluation", "events", "terms")


@dataclass(frozen=True)
class Format:
    name: str
    module: str
    views: tuple[str, ...]
    summary: str


REGISTRY: tuple[Format, ...] = (
    Format("table", "framing.render.table", _TABLES, "text tables for the terminal"),
    Format("json", "framing.render.json", VIEWS, "one JSON document"),
    Format("jsonl", "framing.render.jsonl", ("analysis", "sentences"), "one JSON object per document or sentence"),
    Format("csv", "framing.render.csv", ("analysis", "comparison", "actors", "sentences", "events", "terms"),
           "one row per finding, table row or document"),
    Format("markdown", "framing.render.markdown", ("analysis", "comparison", "actors"), "GitHub-style Markdown"),
    # `framing check`'s formats: one line per finding, and what CI systems and code review tools read.
    Format("text", "framing.render.text", ("check",), "path:line:col: severity rule message, a summary last"),
    Format("sarif", "framing.render.sarif", ("check",), "SARIF 2.1.0 for code scanning (GitHub and others)"),
    Format("github", "framing.render.github", ("check",), "GitHub Actions workflow commands (annotations)"),
    Format("junit", "framing.render.junit", ("check",), "JUnit XML test report"),
    Format("gitlab", "framing.render.gitlab", ("check",), "GitLab code-quality JSON"),
    Format("checkstyle", "framing.render.checkstyle", ("check",), "Checkstyle XML"),
    Format("rdjsonl", "framing.render.rdjsonl", ("check",), "reviewdog diagnostics, one JSON object per line"),
)
BY_NAME = {f.name: f for f in REGISTRY}
FORMATS = tuple(BY_NAME)  # the formats of `analyze`, in the order help lists them
# Views that are tables can also take any of tabulate's own formats (grid, latex, ...).
TABULATE_VIEWS = ("comparison", "actors")


def tabulate_formats() -> list[str]:
    from tabulate import tabulate_formats as formats

    return sorted(formats)


def names(view: str) -> list[str]:
    """The formats that render a view, in registry order."""
    return [f.name for f in REGISTRY if view in f.views]


def writer(fmt: str, view: str) -> Callable:
    """The function that writes `view` in format `fmt`; a ConfigError when there is none."""
    found = BY_NAME.get(fmt)
    if found is not None and view in found.views:
        return getattr(import_module(found.module), view)
    if view in TABULATE_VIEWS and found is None and fmt in tabulate_formats():
        from framing.render import table

        return partial(getattr(table, view), tablefmt=fmt)
    known = names(view)
    if view in TABULATE_VIEWS:
        raise ConfigError(f"--format must be {', '.join(known[:-1])} or {known[-1]}, or a tabulate format "
                          f"({', '.join(tabulate_formats())})")
    raise ConfigError(f"--format must be one of {', '.join(known)}")
