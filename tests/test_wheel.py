"""The built wheel carries the lexicons and demo corpus and runs outside the checkout."""

import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    pytest.importorskip("build")
    out = tmp_path_factory.mktemp("dist")
    proc = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
        capture_output=True, text=True,
    )
    if proc.returncode != 0 and "No module named" in proc.stderr and "hatchling" in proc.stderr:
        pytest.skip("hatchling is not installed for --no-isolation builds")
    assert proc.returncode == 0, proc.stderr[-2000:]
    # The distribution is framing-analyzer (the name "framing" is taken on the package index);
    # the import package and the command are `framing`.
    (wheel,) = out.glob("framing_analyzer-*.whl")
    return wheel


def test_wheel_contains_lexicons_and_demo_corpus(wheel):
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "framing/lexicons/en/distancing.toml" in names
    assert "framing/lexicons/FORMAT.md" in names
    assert any(n.startswith("framing/corpora/demo/") and n.endswith(".md") for n in names)
    assert "framing/data/abbreviations.txt" in names
    assert "framing/models/default.npz" in names and "framing/lexicons/en/actors.toml" in names
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    assert "\nName: framing-analyzer\n" in zipfile.ZipFile(wheel).read(metadata).decode("utf-8")


def test_installed_wheel_runs_outside_the_checkout(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # The wheel itself, without its dependencies (those come from this environment, so no network).
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)], check=True)
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "outer-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    article = workdir / "article.txt"
    article.write_text("Headline\n\nThe so-called coalition struck again.\n", "utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    proc = subprocess.run([str(env_dir / "bin" / "framing"), "analyze", "article.txt", "-f", "json"],
                          cwd=workdir, capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)["documents"][0]
    assert "distancing/so-called" in [f["rule"] for f in doc["findings"]]
    assert "classifier" in doc["scores"]  # the shipped model loads from the installed package
    where = subprocess.run([str(python), "-c", "import framing, framing.resources as r; print(framing.__file__); print(r.demo_corpus())"],
                           cwd=workdir, capture_output=True, text=True, env=env, check=True).stdout.splitlines()
    assert where[0].startswith(str(env_dir)) and where[1].startswith(str(env_dir))
    if _compiler_available():  # the installed wheel runs its compiled modules, with the same output as without
        compiled = subprocess.run(
            [str(python), "-c", "import framing.pipeline, framing._accelerated as a; print(' '.join(a.compiled_modules()))"],
            cwd=workdir, capture_output=True, text=True, env=env, check=True).stdout.split()
        assert "framing.pipeline" in compiled and "framing.matcher" in compiled
        pure = subprocess.run([str(env_dir / "bin" / "framing"), "analyze", "article.txt", "-f", "json"],
                              cwd=workdir, capture_output=True, text=True, env={**env, "FRAMING_PURE": "1"})
        assert pure.stdout == proc.stdout


def _compiler_available() -> bool:
    import shutil

    return shutil.which(sysconfig.get_config_var("CC").split()[0] if sysconfig.get_config_var("CC") else "cc") is not None


def test_the_wheel_carries_compiled_hot_path_modules_with_their_source_digests(wheel):
    import hashlib
    import zipfile

    if not _compiler_available():
        pytest.skip("no C compiler: the wheel is pure Python")
    archive = zipfile.ZipFile(wheel)
    names = archive.namelist()
    manifest = json.loads(archive.read("framing/_compiled/manifest.json"))
    assert "framing.matcher" in manifest and "framing.detectors.lexicon" in manifest
    for name, entry in manifest.items():
        assert f"framing/_compiled/{entry['file']}" in names
        source = archive.read(name.replace(".", "/") + ".py")  # the source ships too: the fallback
        assert hashlib.sha256(source).hexdigest() == entry["sha256"]
    assert "-none-any.whl" not in wheel.name  # a platform wheel, tagged for this interpreter
