"""The Dask engine on a LocalCluster of two worker processes: the same bytes as one process, a
worker killed mid-run costing no row and doubling none, and score_dataframe over a dataframe."""

from __future__ import annotations

import json
import os
import signal
import threading
import time

import pytest

from batchdata import FAST, corpus, folder_digest, jsonl_lines, rows  # noqa: F401 - corpus is a fixture
from framing.batch import BatchOptions, run_batch, score_dataframe
from framing.batch.manifest import NAME
from framing.config import AnalyzerSettings

distributed = pytest.importorskip("distributed")
dd = pytest.importorskip("dask.dataframe")

SLOWER = AnalyzerSettings(detectors=("lexicon", "quotes", "agency"))


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=50) as local:
        yield local


def _worker_pids(local) -> list[int]:
    with distributed.Client(local.scheduler_address) as client:
        client.wait_for_workers(2, timeout=60)
        return list(client.run(os.getpid).values())


def _options(paths, out, **more):
    return BatchOptions(paths=tuple(str(p) for p in paths), output=str(out), chunk_bytes=20000, **more)


def _inputs(tmp_path):
    import gzip

    import pyarrow as pa
    import pyarrow.parquet as pq

    plain = tmp_path / "a.jsonl"
    plain.write_text(jsonl_lines(rows(600, seed=5), {10: "{bad"}), "utf-8")
    packed = tmp_path / "b.jsonl.gz"
    packed.write_bytes(gzip.compress(jsonl_lines(rows(300, seed=6)).encode()))
    table = tmp_path / "c.parquet"
    pq.write_table(pa.Table.from_pylist(rows(300, seed=7)), table, row_group_size=100)
    return [plain, packed, table]


def test_the_dask_engine_writes_the_bytes_of_one_process(tmp_path, cluster):
    local = cluster
    inputs = _inputs(tmp_path)
    run_batch(_options(inputs, tmp_path / "one", jobs=1), FAST)
    summary = run_batch(_options(inputs, tmp_path / "dask", engine="dask", scheduler=local.scheduler_address), FAST)
    assert summary.rows == 1201 and summary.failed == 1
    assert folder_digest(tmp_path / "dask") == folder_digest(tmp_path / "one")


def test_a_worker_killed_mid_run_loses_and_doubles_nothing(tmp_path, cluster):
    local = cluster
    path = tmp_path / "big.jsonl"
    path.write_text(jsonl_lines(rows(3000, seed=3, words=120), {700: "{cut"}), "utf-8")
    run_batch(_options([path], tmp_path / "one", jobs=1), SLOWER)
    out = tmp_path / "dask"
    pids = _worker_pids(local)
    killed = []

    def kill_one() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if len((out / NAME).read_bytes().splitlines()) > 4:
                    os.kill(pids[0], signal.SIGKILL)
                    killed.append(pids[0])
                    return
            except FileNotFoundError:
                pass
            time.sleep(0.005)

    killer = threading.Thread(target=kill_one)
    killer.start()
    summary = run_batch(_options([path], out, engine="dask", scheduler=local.scheduler_address), SLOWER)
    killer.join()
    assert killed, "the run ended before a worker could be killed"
    parts = len([n for n in folder_digest(out) if n.startswith("part-")])
    assert summary.rows == 3001 and summary.parts == parts
    assert folder_digest(out) == folder_digest(tmp_path / "one")


def test_score_dataframe_gives_the_rows_of_batch(tmp_path, cluster):
    import pandas as pd

    records = rows(120, seed=9)
    records[7]["text"] = ""
    path = tmp_path / "in.jsonl"
    path.write_text(jsonl_lines(records))
    run_batch(_options([path], tmp_path / "batch", jobs=1, format="parquet"), FAST)
    import pyarrow.parquet as pq

    expected = pq.read_table(tmp_path / "batch").to_pandas(types_mapper=pd.ArrowDtype)
    frame = dd.from_pandas(pd.DataFrame(records).assign(source=[f"{path}:{n}" for n in range(1, 121)]),
                           npartitions=3)
    scored = score_dataframe(frame, FAST)
    assert list(scored.columns) == list(expected.columns)
    with distributed.Client(cluster.scheduler_address):
        got = scored.compute().reset_index(drop=True)
    assert len(got) == 120 and got["error"].notna().sum() == 1 and "is empty" in got["error"].dropna().iloc[0]
    pd.testing.assert_frame_equal(got, expected)  # metadata included: the same JSON text
    assert json.loads(got["metadata"].iloc[0]) == {"topic": records[0]["topic"]}


def test_urls_go_through_dask_io_with_every_row_accounted_for(tmp_path, cluster):
    """Inputs and output named by URL (file:// here; s3://, gs:// the same way through fsspec) are
    read and written by Dask's own I/O: the rows and their values are those of the local engine,
    bad rows included as error rows with their file and line."""
    import pandas as pd

    inputs = _inputs(tmp_path)
    plain, packed = inputs[0], inputs[1]
    local = run_batch(_options([plain, packed], tmp_path / "local", jobs=1), FAST)
    urls = [f"file://{plain}", f"file://{packed}"]
    remote = run_batch(BatchOptions(paths=tuple(urls), output=f"file://{tmp_path / 'remote'}", engine="dask",
                                    scheduler=cluster.scheduler_address), FAST)
    assert (remote.rows, remote.failed) == (local.rows, local.failed) and local.failed == 1 and local.rows > 800
    assert any("a.jsonl:11" in error for error in remote.errors)
    mine = pd.read_parquet(tmp_path / "remote").sort_values("source").reset_index(drop=True)
    theirs = pd.read_parquet(tmp_path / "local").sort_values("source").reset_index(drop=True)
    assert list(mine["source"]) == list(theirs["source"])
    assert list(mine["framing_index"].fillna(-1)) == list(theirs["framing_index"].fillna(-1))
    with pytest.raises(Exception, match="--engine dask"):
        run_batch(BatchOptions(paths=tuple(urls), output=str(tmp_path / "x")), FAST)
