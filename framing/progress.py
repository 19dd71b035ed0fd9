"""A progress bar on stderr for long runs: shown only on a terminal, and only once a run has gone
past a few hundred documents, so short runs, pipes and CI logs never see it."""

from __future__ import annotations

import os
import sys
from typing import Iterable, Iterator, TypeVar

T = TypeVar("T")

AFTER = 300  # documents read before the bar appears


def shown(stream=None) -> bool:
    """Whether a progress bar may be drawn on `stream` (stderr): a terminal, not CI, not TERM=dumb."""
    stream = sys.stderr if stream is None else stream
    try:
        interactive = stream is not None and stream.isatty()
    except (AttributeError, ValueError):
        return False
    return interactive and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"


def progress(items: Iterable[T], description: str = "documents", after: int = AFTER, stream=None) -> Iterator[T]:
    """The items, passed through; with a count and rate on `stream` once `after` have gone by."""
    if not shown(stream):
        yield from items
        return
    bar = None
    task = None
    try:
        for count, item in enumerate(items, 1):
            if bar is None and count > after:
                from rich.console import Console
                from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

                bar = Progress(SpinnerColumn(), TextColumn("{task.completed:,} " + description), TimeElapsedColumn(),
                               console=Console(file=stream or sys.stderr), transient=True)
                bar.start()
                task = bar.add_task(description, total=None, completed=count - 1)
            if bar is not None:
                bar.advance(task)
            yield item
    finally:
        if bar is not None:
            bar.stop()
