"""Compiled hot-path modules: loaded only while their source is unchanged, same output as the source."""

import hashlib
import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT

import framing._accelerated as accelerated


def test_a_compiled_module_is_used_only_while_its_source_has_the_recorded_digest(tmp_path, monkeypatch):
    source = tmp_path / "framing" / "demo.py"
    source.parent.mkdir()
    source.write_text("X = 1\n")
    compiled = tmp_path / "framing" / "_compiled" / ("demo" + accelerated.EXTENSION_SUFFIXES[0])
    compiled.parent.mkdir()
    compiled.write_bytes(b"not really a module")
    monkeypatch.setattr(accelerated, "PACKAGE", tmp_path / "framing")
    monkeypatch.setattr(accelerated, "FOLDER", compiled.parent)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    finder = accelerated.CompiledFinder({"framing.demo": {"file": compiled.name, "sha256": digest}})
    spec = finder.find_spec("framing.demo")
    assert spec is not None and spec.origin == str(compiled)
    source.write_text("X = 2\n")  # edited since the build: Python imports the source instead
    assert finder.find_spec("framing.demo") is None
    assert finder.find_spec("framing.other") is None
    other_python = {"framing.demo": {"file": "demo.cpython-99-elsewhere.so", "sha256": digest}}
    source.write_text("X = 1\n")
    assert accelerated.CompiledFinder(other_python).find_spec("framing.demo") is None
    compiled.unlink()
    assert finder.find_spec("framing.demo") is None


def _run(env_extra: dict, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "FRAMING_PURE"} | env_extra
    return subprocess.run([sys.executable, "-m", "framing", *args], capture_output=True, env=env, cwd=ROOT)


def test_compiled_and_pure_modules_give_the_same_bytes_on_the_demo_corpus():
    manifest = ROOT / "framing" / "_compiled" / "manifest.json"
    if not manifest.is_file():
        pytest.skip("this install compiled no modules (no C compiler)")
    probe = "import framing.pipeline, framing._accelerated as a; print(' '.join(a.compiled_modules()))"
    compiled = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT,
                              env={k: v for k, v in os.environ.items() if k != "FRAMING_PURE"}).stdout.split()
    assert "framing.pipeline" in compiled, "the compiled modules are stale: run `make install`"
    pure = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "FRAMING_PURE": "1"}).stdout.split()
    assert pure == []
    args = ("analyze", "corpora/demo", "-f", "jsonl", "-d", "lexicon", "-d", "quotes", "-d", "attribution",
            "-d", "agency", "-d", "actors")
    fast, slow = _run({}, *args), _run({"FRAMING_PURE": "1"}, *args)
    assert fast.returncode == slow.returncode == 0, fast.stderr + slow.stderr
    assert fast.stdout == slow.stdout and fast.stdout.count(b"\n") >= 10
    assert set(json.loads(manifest.read_text())) >= {"framing.matcher", "framing.segment", "framing.findings"}



def test_a_compiled_build_holds_every_module_the_build_hook_lists():
    # A module Cython refuses (a directive decorator in its .pxd, a closure in a typed function) is
    # left out of the manifest and runs as Python, with a warning the quiet install hides.
    manifest_path = accelerated.FOLDER / "manifest.json"
    if not manifest_path.is_file():
        pytest.skip("pure-Python install: nothing was compiled")
    sys.path.insert(0, str(ROOT))
    try:
        import hatch_build
    finally:
        sys.path.remove(str(ROOT))
    assert sorted(json.loads(manifest_path.read_text("utf-8"))) == sorted(hatch_build.MODULES)
