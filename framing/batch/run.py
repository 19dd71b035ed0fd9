"""A batch run from start to end: inputs found, a resume checked, chunks scored by an engine,
the manifest kept, every row accounted for in the summary."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from framing.batch import manifest
from framing.batch.sources import CHUNK_BYTES, discover, plan
from framing.batch.worker import ERRORS_KEPT, Job, PartResult
from framing.batch.writers import EXTENSIONS, FORMATS, TEMPORARY, checksum
from framing.config import MAX_BYTES, AnalyzerSettings, Fields
from framing.errors import ConfigError, ExitStatus, FramingError

ENGINES = ("local", "dask")


class Interrupted(FramingError):
    """Ctrl-C: the run stopped, the parts it finished are kept."""

    status = ExitStatus.INTERRUPTED


@dataclass(frozen=True)
class BatchOptions:
    paths: tuple[str, ...]
    output: str
    format: str = "parquet"
    jobs: int | None = None  # None: every core
    engine: str = "local"
    scheduler: str | None = None
    resume: bool = False
    findings: bool = False
    input_format: str = "auto"
    fields: Fields = Fields()
    max_bytes: int = MAX_BYTES
    chunk_bytes: int = CHUNK_BYTES
    progress: bool = False

    def check(self) -> BatchOptions:
        if self.format not in FORMATS:
            raise ConfigError(f"--format must be one of {', '.join(FORMATS)} for batch")
        if self.engine not in ENGINES:
            raise ConfigError(f"--engine must be one of {', '.join(ENGINES)}")
        if self.scheduler and self.engine != "dask":
            raise ConfigError("--scheduler needs --engine dask")
        if self.jobs is not None and self.jobs < 1:
            raise ConfigError("--jobs must be at least 1")
        if self.chunk_bytes < 1:
            raise ConfigError("the chunk size must be at least 1 byte")
        return self

    @property
    def workers(self) -> int:
        return self.jobs or os.cpu_count() or 1


@dataclass
class Summary:
    """What a run did: rows of the whole output (parts kept from an earlier run included) and of
    this run, and the first error messages."""

    output: str
    rows: int = 0
    failed: int = 0
    parts: int = 0
    kept_parts: int = 0
    redone: list[str] = field(default_factory=list)
    run_rows: int = 0
    run_failed: int = 0
    run_bytes: int = 0
    seconds: float = 0.0
    errors_by_part: dict[str, list[str]] = field(default_factory=dict)

    @property
    def errors(self) -> list[str]:
        """The first error messages of this run, in input order."""
        found = [e for name in sorted(self.errors_by_part) for e in self.errors_by_part[name]]
        return found[:ERRORS_KEPT]

    @property
    def scored(self) -> int:
        return self.rows - self.failed

    def add(self, part: dict | PartResult, kept: bool = False) -> None:
        rows, failed = (part["rows"], part["failed"]) if isinstance(part, dict) else (part.rows, part.failed)
        self.rows += rows
        self.failed += failed
        self.parts += 1
        if kept:
            self.kept_parts += 1
        else:
            self.run_rows += rows
            self.run_failed += failed
            self.run_bytes += part.size
            if part.errors:
                self.errors_by_part[part.name] = part.errors

    def line(self) -> str:
        seconds = max(self.seconds, 1e-9)
        kept = f"; {self.kept_parts:,} of the {self.parts:,} parts kept from the earlier run" if self.kept_parts else ""
        return (f"{self.rows:,} rows read, {self.scored:,} scored, {self.failed:,} failed; this run: "
                f"{self.run_rows:,} rows in {self.seconds:.1f} s ({self.run_rows / seconds:,.0f} rows/s, "
                f"{self.run_bytes / seconds / 1e6:,.1f} MB/s){kept}; output: {self.output} ({self.parts:,} parts)")


def _prepare(folder: Path, head: dict, resume: bool, ext: str) -> tuple[dict[str, dict], list[str]]:
    """(the parts to keep, the parts to redo) of the output folder, after the checks a resume
    needs; a new folder is made."""
    if not folder.exists():
        folder.mkdir(parents=True)
        return {}, []
    if not folder.is_dir():
        raise ConfigError("the output must be a folder (of part files), and this is a file", str(folder))
    old, parts = manifest.read(folder)
    for stale in folder.glob(f"{TEMPORARY}*"):  # parts a killed run was writing
        stale.unlink(missing_ok=True)
    present = list(folder.iterdir())
    if not resume:
        if present:
            raise ConfigError("the output folder is not empty: add --resume to continue the run that wrote it, "
                              "or name a new folder", str(folder))
        return {}, []
    if old is None:
        if any(p.name.startswith("part-") for p in present):
            raise ConfigError("cannot resume: the folder holds parts but no manifest", str(folder))
        return {}, []
    manifest.refuse_changes(old, head, folder)
    kept, redo = {}, []
    for name, entry in parts.items():
        if checksum(folder / name) == entry.get("sha256"):
            kept[name] = entry
        else:
            redo.append(name)
    return kept, sorted(redo)


def _run_urls(options: BatchOptions, settings: AnalyzerSettings) -> Summary:
    """Inputs or output named by URL: Dask's own readers and writers (framing.batch.cluster)."""
    if options.engine != "dask":
        raise ConfigError("inputs or output given as URLs are read and written through Dask: add --engine dask")
    if options.resume:
        raise ConfigError("--resume works with a local or shared output folder, not a URL (Dask writes those parts)")
    from framing.batch import cluster

    client, local = cluster.client_for(options.scheduler, options.workers)
    started = time.perf_counter()
    try:
        done = cluster.run_urls(options, settings, options.fields)
    except KeyboardInterrupt:
        raise Interrupted("interrupted; a run on URLs cannot be resumed: run it again") from None
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{options.paths[0]}: {exc}") from None
    finally:
        client.close()
        if local is not None:
            local.close()
    summary = Summary(options.output, rows=done["rows"], failed=done["failed"], parts=done["parts"],
                      run_rows=done["rows"], run_failed=done["failed"], run_bytes=done["bytes"])
    summary.seconds = time.perf_counter() - started
    if done["errors"]:
        summary.errors_by_part["dask"] = done["errors"]
    return summary


def run_batch(options: BatchOptions, settings: AnalyzerSettings = AnalyzerSettings(), say=None) -> Summary:
    """Scores every row of the inputs into the output folder; the Summary of the run.

    Raises ConfigError for usage errors (bad options, missing inputs, a resume with other
    settings), Interrupted on Ctrl-C (finished parts kept) and engine errors (a worker lost)."""
    options = options.check()
    settings = settings.check()
    from framing.batch.cluster import is_url

    if any(is_url(p) for p in (*options.paths, options.output)):
        return _run_urls(options, settings)
    folder = Path(options.output)
    shards = discover(options.paths, options.input_format, skip=folder)
    job = Job(settings, options.fields, options.max_bytes, options.format, options.findings, str(folder))
    ext = EXTENSIONS[options.format]
    head = manifest.header(manifest.describe(job, options.chunk_bytes, options.input_format), shards)
    kept, redo = _prepare(folder, head, options.resume, ext)
    summary = Summary(str(folder), redone=redo)
    if redo and say:
        say(f"{len(redo)} part(s) missing or corrupt, written again: {', '.join(redo[:5])}"
            f"{' ...' if len(redo) > 5 else ''}")
    for entry in kept.values():
        summary.add(entry, kept=True)
    log = manifest.Log(folder, head, kept)
    from framing.batch.progress import Bar

    started = time.perf_counter()
    finished = False
    try:
        with Bar(sum(s.size for s in shards), options.progress) as bar:
            def done(part: PartResult) -> None:
                log.add(part.manifest())
                summary.add(part)
                bar.advance(part.size, part.rows)

            def chunks():
                for shard in shards:
                    for chunk in plan(shard, options.chunk_bytes, options.fields.text):
                        if f"{chunk.name}.{ext}" in kept:
                            bar.advance(chunk.size, 0, counted=False)
                        else:
                            yield chunk

            if options.engine == "dask":
                from framing.batch import cluster

                client, local = cluster.client_for(options.scheduler, options.workers)
                try:
                    workers = len(client.scheduler_info().get("workers", {})) or options.workers
                    work = cluster.tasks(shards, options.chunk_bytes, options.fields.text, frozenset(kept), ext)
                    cluster.run(job, work, client, workers, done)
                finally:
                    client.close()
                    if local is not None:
                        local.close()
            else:
                from framing.batch import local

                local.run(job, chunks(), options.workers, done)
        finished = True
    except KeyboardInterrupt:
        raise Interrupted(f"interrupted; the {summary.parts - summary.kept_parts:,} part(s) finished in this run "
                          f"are kept in {folder}: run the same command with --resume to continue") from None
    finally:
        summary.seconds = time.perf_counter() - started
        log.close(finished)
    # A worker killed while it wrote leaves its temporary file; every task has ended now.
    for stale in folder.glob(f"{TEMPORARY}*"):
        stale.unlink(missing_ok=True)
    return summary
