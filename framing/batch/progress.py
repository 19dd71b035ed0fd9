"""The progress bar of a batch run: rows, rows/s and time left, on stderr, only for a person.

Shown when stderr is a terminal, unless `--quiet` or the CI variable is set: pipes, log files
and CI jobs get only the summary line at the end.
"""

from __future__ import annotations

import os
import sys


def wanted(quiet: bool) -> bool:
    stream = sys.stderr
    return not quiet and not os.environ.get("CI") and stream is not None and stream.isatty()


class Bar:
    """Progress by input bytes (known from the start, so the time left can be estimated), with
    the rows scored so far; a no-op when not shown."""

    def __init__(self, total_bytes: int, shown: bool):
        self._progress = None
        self.rows = 0
        if not shown:
            return
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

        self._progress = Progress(
            TextColumn("[bold]scoring"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
            TextColumn("{task.fields[rows]:,} rows"), TextColumn("{task.fields[rate]:,.0f} rows/s"),
            TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn(),
            console=Console(file=sys.stderr), transient=True,
        )
        self._task = self._progress.add_task("scoring", total=max(total_bytes, 1), rows=0, rate=0.0)
        self._started = None

    def __enter__(self) -> Bar:
        if self._progress is not None:
            import time

            self._started = time.monotonic()
            self._progress.start()
        return self

    def advance(self, size: int, rows: int, counted: bool = True) -> None:
        """`size` more input bytes done, holding `rows` rows (`counted`: scored in this run)."""
        if self._progress is None:
            return
        import time

        if counted:
            self.rows += rows
        elapsed = max(time.monotonic() - self._started, 1e-9)
        self._progress.update(self._task, advance=size, rows=self.rows, rate=self.rows / elapsed)

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.stop()
