"""Batch scoring at corpus scale: `framing batch` and its Python API.

Every row of JSONL, CSV or Parquet shards becomes one row of a dataset folder of part files
(framing.batch.schema), scored on every core (framing.batch.local) or on a Dask cluster
(framing.batch.cluster), resumable after a crash (framing.batch.manifest).

    from framing.batch import BatchOptions, run_batch
    summary = run_batch(BatchOptions(paths=("news/",), output="scores/", jobs=4))

    from framing.batch import score_dataframe          # Dask
    scores = score_dataframe(dd.read_parquet("s3://bucket/news/"))

Modules: sources (shards and chunks), worker (one chunk: read, score, write), schema (the
columns), writers (part files), manifest (resume), local and cluster (the engines), progress,
run (a whole run).
"""

from __future__ import annotations

__all__ = ["BatchOptions", "Summary", "run_batch", "score_dataframe"]


def __getattr__(name):
    # Lazy: `import framing.batch` stays light; Dask loads only for score_dataframe.
    if name in ("BatchOptions", "Summary", "run_batch", "Interrupted"):
        from framing.batch import run

        return getattr(run, name)
    if name == "score_dataframe":
        from framing.batch.cluster import score_dataframe

        return score_dataframe
    raise AttributeError(name)
