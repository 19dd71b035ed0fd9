"""The work on one chunk, wherever it runs: read it, score it, write its part, report counts.

A worker process (a spawned pool process or a Dask worker) builds its Analyzer once, from the
settings, the first time it needs it, and keeps it for every later chunk: detectors and the
model are loaded once per process, never shipped with a task. A task carries only the settings
(a few hundred bytes) and the chunk's description (plus its bytes when the worker cannot read
them itself: compressed files, Parquet); it returns counts, the part's checksum and the first
few error messages, so the parent has almost nothing to do.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from framing.batch.sources import Chunk

ERRORS_KEPT = 20  # error messages a chunk reports to the parent (all of them are in its part)


@dataclass(frozen=True)
class Job:
    """What every chunk of a run is scored with."""

    settings: object  # framing.config.AnalyzerSettings
    fields: object  # framing.config.Fields
    max_bytes: int
    format: str
    findings: bool
    output: str


@dataclass
class PartResult:
    name: str
    chunk: dict
    rows: int
    failed: int
    size: int
    sha256: str
    errors: list[str] = field(default_factory=list)

    @property
    def scored(self) -> int:
        return self.rows - self.failed

    def manifest(self) -> dict:
        return {"part": self.name, **self.chunk, "rows": self.rows, "failed": self.failed, "sha256": self.sha256}


_CACHE: dict = {}
_BUILDING = threading.Lock()  # a Dask worker may run tasks in several threads


def analyzer_for(settings, findings: bool):
    """(Analyzer, Columns, measure names) for these settings, built once per process."""
    key = (settings, findings)
    built = _CACHE.get(key)
    if built is not None:
        return built
    with _BUILDING:
        return _CACHE.get(key) or _build(key)


def _build(key):
    import gc

    from framing.batch.schema import Columns
    from framing.pipeline import Analyzer

    settings, findings = key
    analyzer = Analyzer.from_settings(settings)
    columns = Columns.of(analyzer, findings)
    gc.freeze()  # the lexicons and automata live as long as the process: no collection walks them again
    built = _CACHE[key] = (analyzer, columns, list(columns.measures))
    return built


def score_items(items, settings, findings: bool) -> tuple[list[dict], int, list[str]]:
    """The output rows of Documents and InputErrors, in their order (documents scored 256 at a
    time), with how many were errors and the first ERRORS_KEPT messages."""
    from framing.errors import InputError

    analyzer, columns, names = analyzer_for(settings, findings)
    rows: list[dict] = []
    errors: list[str] = []
    failed = 0
    pending: list = []  # documents waiting for the analyzer, and the places of their rows

    def flush() -> None:
        for slot, result in zip(pending, analyzer.analyze_all(doc for _, doc in pending)):
            rows[slot[0]] = columns.row(result, names)
        pending.clear()

    for item in items:
        if isinstance(item, InputError):
            failed += 1
            if len(errors) < ERRORS_KEPT:
                errors.append(str(item))
            rows.append(columns.error_row(item))
        else:
            pending.append((len(rows), item))
            rows.append(None)
            if len(pending) >= 256:
                flush()
    flush()
    return rows, failed, errors


def score_chunk(job: Job, chunk: Chunk) -> PartResult:
    """Scores one chunk and writes its part; every row of the chunk gives one output row."""
    from framing.batch.sources import read_chunk
    from framing.batch.writers import EXTENSIONS, encode, write_part

    rows, failed, errors = score_items(read_chunk(chunk, job.fields, job.max_bytes), job.settings, job.findings)
    _, columns, _ = analyzer_for(job.settings, job.findings)
    name = f"{chunk.name}.{EXTENSIONS[job.format]}"
    sha = write_part(Path(job.output), name, encode(rows, columns, job.format))
    return PartResult(name, chunk.describe(), len(rows), failed, chunk.size, sha, errors)


def score_shard(job: Job, shard, size: int, text_field: str, skip: frozenset[str] = frozenset()) -> list[PartResult]:
    """Every chunk of one shard, in one task (the Dask engine's unit for compressed and Parquet
    shards, which are read once from the start); chunks named in `skip` are already done."""
    from framing.batch.sources import plan

    return [score_chunk(job, chunk) for chunk in plan(shard, size, text_field) if chunk.name not in skip]


def start(watch_parent: bool = True) -> None:
    """Set-up of a pool process: Ctrl-C is the parent's to handle (it stops the pool), and the
    process ends itself when its parent is gone (killed with SIGKILL, say), so no worker outlives
    a run."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from framing.process import tune_for_bulk

    tune_for_bulk()
    if watch_parent:
        parent = os.getppid()

        def watch() -> None:
            while True:
                time.sleep(0.5)
                if os.getppid() != parent:
                    os._exit(1)

        threading.Thread(target=watch, daemon=True, name="framing-parent-watch").start()
