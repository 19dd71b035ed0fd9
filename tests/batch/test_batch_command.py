"""`framing batch` as a user runs it: exit statuses, the summary, and runs stopped by Ctrl-C or
killed with SIGKILL, then resumed: nothing lost, nothing doubled, the bytes of a run that was
never stopped."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from batchdata import FAST, corpus, folder_digest, jsonl_lines, rows  # noqa: F401 - corpus is a fixture
from framing.batch import BatchOptions, run_batch
from framing.batch.manifest import NAME

FRAMING = [sys.executable, "-m", "framing"]
QUICK = ["-d", "lexicon", "-d", "quotes"]


def _batch(*args, cwd=None):
    return subprocess.run([*FRAMING, "batch", *map(str, args)], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "CI": "1"}, timeout=120)


def test_exit_status_and_summary(tmp_path, corpus):
    done = _batch(corpus, "-o", tmp_path / "out", "-j", "1", "--chunk-size", "20000", *QUICK)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.splitlines()
    assert lines[0] == f"framing: {corpus}:6: invalid JSON: unexpected character, expected a string key (column 2)"
    assert f"{corpus}:122: row has no 'text' field" in lines[1]
    assert "403 rows read, 400 scored, 3 failed" in lines[-1] and "rows/s" in lines[-1] and "MB/s" in lines[-1]
    assert done.stdout == ""
    allowed = _batch(corpus, "-o", tmp_path / "out2", "-j", "1", "--allow-errors", *QUICK)
    assert allowed.returncode == 0, allowed.stderr
    clean = tmp_path / "clean.jsonl"
    clean.write_text(jsonl_lines(rows(20)))
    assert _batch(clean, "-o", tmp_path / "out3", "-f", "jsonl", *QUICK).returncode == 0


@pytest.mark.parametrize("args, message", [
    (["-f", "xml"], "--format must be one of jsonl, csv, parquet"),
    (["--engine", "spark"], "--engine must be one of local, dask"),
    (["--scheduler", "tcp://x:1"], "--scheduler needs --engine dask"),
    (["-j", "0"], "--jobs must be at least 1"),
    (["-d", "nope"], "unknown detector nope"),
])
def test_usage_errors_exit_2_with_one_line(tmp_path, corpus, args, message):
    done = _batch(corpus, "-o", tmp_path / "out", *args)
    assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_a_missing_input_is_a_usage_error(tmp_path):
    done = _batch(tmp_path / "none.jsonl", "-o", tmp_path / "out")
    assert done.returncode == 2 and "none.jsonl: no such file or folder" in done.stderr


def _big(tmp_path: Path) -> Path:
    path = tmp_path / "big.jsonl"
    path.write_text(jsonl_lines(rows(3000, seed=3, words=120), {700: "{cut", 2500: "7"}), "utf-8")
    return path


def _reference(path: Path, out: Path) -> dict:
    run_batch(BatchOptions(paths=(str(path),), output=str(out), jobs=1, chunk_bytes=20000),
              FAST.__class__(detectors=("lexicon", "quotes", "agency")))
    return folder_digest(out)


def _parts_in_manifest(folder: Path) -> int:
    try:
        return max(0, len((folder / NAME).read_bytes().splitlines()) - 1)
    except FileNotFoundError:
        return 0


def _start(path: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([*FRAMING, "batch", str(path), "-o", str(out), "-j", "2", "--chunk-size", "20000",
                             "-d", "lexicon", "-d", "quotes", "-d", "agency"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "CI": "1"})


def _wait_for_parts(folder: Path, process: subprocess.Popen, count: int) -> None:
    deadline = time.monotonic() + 90
    while _parts_in_manifest(folder) < count:
        assert process.poll() is None, "the run ended before it could be stopped"
        assert time.monotonic() < deadline
        time.sleep(0.01)


def _children(parent: int) -> list[int]:
    return [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit() and _parent_of(p) == parent]


def _gone(pids: list[int]) -> None:
    """No process of the stopped run is left (workers end themselves when their parent is gone)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        alive = [pid for pid in pids if Path(f"/proc/{pid}").exists() and _state(pid) != "Z"]
        if not alive:
            return
        time.sleep(0.1)
    raise AssertionError(f"worker processes outlived their run: {alive}")


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return "Z"


def _parent_of(proc: Path) -> int | None:
    try:
        return int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads process parents from /proc")
def test_a_run_killed_with_sigkill_resumes_without_loss_or_duplicates(tmp_path):
    path = _big(tmp_path)
    reference = _reference(path, tmp_path / "reference")
    total = len([n for n in reference if n.startswith("part-")])
    out = tmp_path / "out"
    process = _start(path, out)
    _wait_for_parts(out, process, 3)
    workers = _children(process.pid)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert len(workers) >= 2
    _gone(workers)  # re-parented when their parent died, they end themselves
    assert 3 <= _parts_in_manifest(out) < total
    resumed = _batch(path, "-o", out, "-j", "2", "--chunk-size", "20000", "-d", "lexicon", "-d", "quotes",
                     "-d", "agency", "--resume", "--allow-errors")
    assert resumed.returncode == 0, resumed.stderr
    assert "3,002 rows read, 3,000 scored, 2 failed" in resumed.stderr
    assert "kept from the earlier run" in resumed.stderr
    assert folder_digest(out) == reference


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads process parents from /proc")
def test_ctrl_c_stops_cleanly_keeps_the_parts_and_resume_finishes(tmp_path):
    path = _big(tmp_path)
    reference = _reference(path, tmp_path / "reference")
    out = tmp_path / "out"
    process = _start(path, out)
    _wait_for_parts(out, process, 2)
    workers = _children(process.pid)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr and "--resume" in stderr and "Traceback" not in stderr
    _gone(workers)
    kept = [line for line in (out / NAME).read_bytes().splitlines()[1:]]
    assert kept and all((out / orjson.loads(line)["part"]).is_file() for line in kept)
    resumed = _batch(path, "-o", out, "-j", "2", "--chunk-size", "20000", "-d", "lexicon", "-d", "quotes",
                     "-d", "agency", "--resume", "--allow-errors")
    assert resumed.returncode == 0, resumed.stderr
    assert folder_digest(out) == reference


def test_the_dask_engine_on_its_own_local_cluster_writes_the_same_bytes(tmp_path, corpus):
    pytest.importorskip("distributed")
    one = _batch(corpus, "-o", tmp_path / "one", "-j", "1", "--chunk-size", "20000", "--allow-errors", *QUICK)
    dask = _batch(corpus, "-o", tmp_path / "dask", "--engine", "dask", "-j", "2", "--chunk-size", "20000",
                  "--allow-errors", *QUICK)
    assert one.returncode == dask.returncode == 0, dask.stderr
    assert "403 rows read, 400 scored, 3 failed" in dask.stderr.splitlines()[-1]
    assert folder_digest(tmp_path / "dask") == folder_digest(tmp_path / "one")
