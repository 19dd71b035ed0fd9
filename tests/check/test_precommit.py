"""The pre-commit hook (.pre-commit-hooks.yaml) run the way pre-commit runs it, on a new repository.
Skipped where pre-commit is not installed (it installs framing into a hook environment of its own,
which takes a while)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_the_hook_fails_a_commit_with_loaded_wording(tmp_path):
    if shutil.which("pre-commit") is None or shutil.which("git") is None:
        pytest.skip("pre-commit (or git) is not installed")
    if not (ROOT / ".git").exists():
        pytest.skip("the hook is tried from a git checkout of framing")
    repo = tmp_path / "newsroom"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    (repo / "draft.md").write_text("# Vote\n\nThe so-called reform passed.\n", "utf-8")
    (repo / "clean.md").write_text("# Budget\n\nThe council approved the budget.\n", "utf-8")
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    run = subprocess.run(["pre-commit", "try-repo", str(ROOT), "framing", "--files", "draft.md", "clean.md"],
                         cwd=repo, capture_output=True, text=True, timeout=1800)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "draft.md:3:5: warning distancing/so-called" in run.stdout
    clean = subprocess.run(["pre-commit", "try-repo", str(ROOT), "framing", "--files", "clean.md"],
                           cwd=repo, capture_output=True, text=True, timeout=1800)
    assert clean.returncode == 0, clean.stdout + clean.stderr
