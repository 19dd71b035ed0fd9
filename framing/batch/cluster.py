"""Past one machine: the same scoring on a Dask cluster.

Two ways in:
- `framing batch --engine dask [--scheduler ADDRESS]` (`run` here) sends the chunks of the
  one-machine engine to the cluster as tasks: the same function writes the same part files, so
  the output is byte for byte the one `--jobs N` gives. Plain JSONL and CSV chunks are read by
  the worker that scores them; a compressed or Parquet shard is one task (it is read from the
  start, once). Inputs and the output folder must be at the same path on every worker (a
  shared filesystem). A task whose worker dies is run again by the scheduler on another
  worker; it writes the same part under the same name (atomically), so nothing is lost or
  doubled.
- `score_dataframe(ddf)` scores a Dask dataframe of articles (one row per article, a `text`
  column) with `map_partitions` and explicit `meta`, for data read and written with Dask's own
  readers and writers (`dd.read_parquet`, `dd.read_json`, `to_parquet`): those go through
  fsspec, so the data can live on S3, GCS, HDFS or any filesystem fsspec supports.

Either way each worker process builds its analyzer once (framing.batch.worker's per-process
cache), the first time a task needs it, workers that join later included; tasks carry only the
settings.
"""

from __future__ import annotations

from typing import Callable, Iterable

from framing.batch.sources import Chunk, Shard, plan
from framing.batch.worker import Job, PartResult, score_chunk, score_shard
from framing.errors import ConfigError

EXTRA = "framing-analyzer[dask]"


def _distributed():
    try:
        import distributed
    except ImportError:
        raise ConfigError(f"the Dask engine needs Dask's distributed scheduler: pip install '{EXTRA}'") from None
    return distributed


def client_for(scheduler: str | None, jobs: int):
    """A client of the cluster at `scheduler`, or of a new LocalCluster of `jobs` worker processes
    (one thread each: the scoring is pure Python and holds the GIL)."""
    distributed = _distributed()
    if scheduler:
        try:
            return distributed.Client(scheduler, timeout="20s"), None
        except (OSError, TimeoutError) as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    cluster = distributed.LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
    return distributed.Client(cluster), cluster


def tasks(shards: Iterable[Shard], size: int, text_field: str, skip: frozenset[str], ext: str):
    """(function, arguments) per task: a chunk of a plain file, or a whole compressed or Parquet
    shard (with the parts it need not write again)."""
    for shard in shards:
        if shard.compression or shard.kind == "parquet":
            done = frozenset(n.rsplit(".", 1)[0] for n in skip if n.startswith(f"part-{shard.index:05d}-"))
            yield score_shard, (shard, size, text_field, done)
        else:
            for chunk in plan(shard, size, text_field):
                if f"{chunk.name}.{ext}" not in skip:
                    yield score_chunk, (chunk,)


def run(job: Job, work: Iterable, client, jobs: int, done: Callable[[PartResult], None]) -> None:
    """Runs the tasks on the cluster, at most a few per worker in flight, and records the parts."""
    distributed = _distributed()
    window = max(2, 2 * jobs)
    futures = distributed.as_completed()
    inflight = 0

    def take(future) -> None:
        result = future.result()
        for part in result if isinstance(result, list) else [result]:
            done(part)

    try:
        for function, arguments in work:
            if inflight >= window:
                take(next(futures))
                inflight -= 1
            futures.add(client.submit(function, job, *arguments, pure=False))
            inflight += 1
        for future in futures:
            take(future)
    except BaseException:
        client.cancel(list(futures.futures))
        raise


def _frame(items, settings, findings: bool, index=None):
    """A pandas frame of the output rows of Documents and InputErrors (framing.batch.worker)."""
    import pyarrow as pa

    from framing.batch.worker import analyzer_for, score_items

    rows, _, _ = score_items(items, settings, findings)
    _, columns, _ = analyzer_for(settings, findings)
    return _to_pandas(pa.Table.from_pylist(rows, schema=columns.arrow_schema()), index)


def _score_partition(frame, settings, text: str, findings: bool, fields):
    from framing.errors import InputError
    from framing.readers import row_document

    has_source = "source" in frame.columns

    def items():
        for label, row in zip(frame.index, frame.to_dict("records")):
            given = row.pop("source", None) if has_source else None
            where = str(given) if given is not None else f"#{label}"
            try:
                yield row_document(row, where, None, fields, where)
            except InputError as exc:
                yield exc

    return _frame(items(), settings, findings, frame.index)


def _to_pandas(table, index=None):
    import pandas as pd

    frame = table.to_pandas(types_mapper=pd.ArrowDtype)
    if index is not None:
        frame.index = index
    return frame


def score_dataframe(ddf, settings=None, *, text: str = "text", findings: bool = False, fields=None):
    """A Dask dataframe of results, one row per article of `ddf`, with the columns of
    `framing batch` (framing.batch.schema) as Arrow-backed dtypes.

    `ddf` has a text column (`text`, or the name given) and may have `id`, `title`, `outlet`,
    `date`, `url` and `source`; its other columns become `metadata`. `settings` is an
    framing.config.AnalyzerSettings (default: the default detectors). A row without usable text
    gets an error row, never an exception. Nothing is computed until you ask for it, e.g.
    `score_dataframe(dd.read_parquet("s3://bucket/news/")).to_parquet("s3://bucket/scores/")`."""
    from dataclasses import replace

    from framing.batch.worker import analyzer_for
    from framing.config import AnalyzerSettings, Fields

    settings = (settings or AnalyzerSettings()).check()
    fields = replace(fields or Fields(), text=text)
    _, columns, _ = analyzer_for(settings, findings)
    meta = _to_pandas(columns.arrow_schema().empty_table())
    return ddf.map_partitions(_score_partition, settings, text, findings, fields, meta=meta)


def is_url(path: str) -> bool:
    """Whether a path names data through an fsspec protocol (s3://, gs://, hdfs://, file://, ...)."""
    scheme, sep, _ = str(path).partition("://")
    return bool(sep) and scheme.replace("+", "").replace("-", "").isalnum()


def _kind(paths: list[str], input_format: str) -> str:
    """jsonl, csv or parquet: --input-format, else the first path's suffix as the local engine reads
    suffixes (framing.batch.sources); a URL without one is read as a Parquet dataset folder."""
    from pathlib import PurePosixPath

    from framing.batch.sources import COMPRESSIONS, KINDS

    if input_format != "auto":
        if input_format not in ("jsonl", "csv", "parquet"):
            raise ConfigError(f"--input-format {input_format} cannot be read from a URL (jsonl, csv or parquet can)")
        return input_format
    suffixes = [s.lower() for s in PurePosixPath(paths[0].rstrip("/")).suffixes]
    if suffixes and suffixes[-1] in COMPRESSIONS:
        suffixes = suffixes[:-1]
    return KINDS.get(suffixes[-1], "parquet") if suffixes else "parquet"


def _score_bytes(data: bytes, path: str, kind: str, settings, findings: bool, fields, max_bytes: int):
    """One JSONL or CSV file's bytes, parsed by framing's own readers (every bad row an error row
    with its line) and scored: a pandas frame of output rows."""
    import io

    from framing.readers import read_csv, read_jsonl

    read = read_jsonl if kind == "jsonl" else read_csv
    return _frame(read(io.BytesIO(data), path, fields, max_bytes), settings, findings)


def run_urls(options, settings, fields) -> dict:
    """`framing batch URL... -o URL --engine dask`: the inputs read and the output written through
    Dask's own I/O (fsspec: S3, GCS, HDFS, HTTP, and local paths as file://), scored on the
    cluster. JSONL and CSV files come through dask.bytes (each file one task, read whole, and
    parsed by framing's readers, so a bad row is an error row with its line, as on the local
    path); Parquet through dd.read_parquet and score_dataframe. No manifest and no --resume on
    this path (Dask writes the parts). Returns {"rows", "failed", "errors", "parts"}."""
    import dask
    import dask.dataframe as dd
    from dask.bytes import read_bytes

    from framing.batch.worker import analyzer_for

    paths = list(options.paths)
    kind = _kind(paths, options.input_format)
    if kind == "parquet":
        frame = dd.read_parquet(paths)
        scored = score_dataframe(frame, settings, text=fields.text, findings=options.findings, fields=fields)
    else:
        _, blocks, names = read_bytes(paths, blocksize=None, sample=False, compression="infer", include_path=True)
        _, columns, _ = analyzer_for(settings, options.findings)
        meta = _to_pandas(columns.arrow_schema().empty_table())
        score = dask.delayed(_score_bytes, pure=True)
        parts = [score(block, name, kind, settings, options.findings, fields, options.max_bytes)
                 for file_blocks, name in zip(blocks, names) for block in file_blocks]
        scored = dd.from_delayed(parts, meta=meta, verify_meta=False)
    output = options.output.rstrip("/")
    if options.format == "parquet":
        write = scored.to_parquet(output, write_index=False, compute=False)
    elif options.format == "jsonl":
        write = scored.to_json(output + "/part-*.jsonl", orient="records", lines=True, compute=False)
    else:
        write = scored.to_csv(output + "/part-*.csv", index=False, compute=False)
    failed = ~scored["error"].isna()
    _, rows, bad, first = dask.compute(write, scored.shape[0], failed.sum(), scored["error"][failed].head(
        20, npartitions=-1, compute=False))
    return {"rows": int(rows), "failed": int(bad), "errors": [str(e) for e in first], "parts": scored.npartitions,
            "bytes": _input_bytes(paths)}


def _input_bytes(paths: list[str]) -> int:
    """The inputs' size on their filesystem (globs expanded, folders summed), for the summary's
    MB/s; 0 where the filesystem cannot say."""
    try:
        from fsspec.core import url_to_fs

        total = 0
        for path in paths:
            fs, root = url_to_fs(path)
            for name in fs.glob(root) or [root]:
                total += fs.du(name) if fs.isdir(name) else fs.size(name) or 0
        return int(total)
    except Exception:  # noqa: BLE001 - a size is only for the summary line
        return 0
