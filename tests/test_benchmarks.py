"""The benchmark scripts still run: each at its smallest size, without the third-party data
(a folder that does not exist), checked for its tables. Timings are printed, never asserted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(script: str, *args: str) -> str:
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), *args], capture_output=True,
                          text=True, timeout=300, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def test_analyze_benchmark_prints_the_speed_table(tmp_path):
    out = run("analyze.py", "--articles", "20", "--data", str(tmp_path / "absent"))
    for row in ("bare Aho-Corasick scan (floor)", "default detectors (analyze)", "--no-classifier",
                "word lists (-d lexicon -d quotes)", "tone (-d tone)", "classifier (classify)", "framing-dense",
                "start-up (one article)"):
        assert row in out, row
    assert "real news" not in out  # no BASIL: that corpus is left out, not faked


def test_classifier_benchmark_runs_without_the_external_data(tmp_path):
    out = run("classifier.py", "--quick", "--data", str(tmp_path / "absent"))
    assert "own corpus, held-out groups" in out and "not found" in out


@pytest.mark.skipif(not __import__("importlib").util.find_spec("distributed"), reason="the dask extra is not installed")
def test_batch_benchmark_prints_its_table():
    out = run("batch.py", "--small", "200", "--large", "400", "--slow", "50", "--repeat", "1")
    for line in ("One job (one core):", "Parallel (wall-clock rates):", "memory, 2 jobs", "speed-up 1 -> 2 jobs",
                 "extrapolated, not measured"):
        assert line in out, line
