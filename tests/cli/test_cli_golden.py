"""Whole-CLI golden tests: run `framing` as a real subprocess and compare what a user sees with committed files.

Every `[[case]]` in `tests/cli/cases.toml` runs `python -m framing ARGS...` (from the repository root, or from the
case's `cwd`, with the case's `stdin`) with a fixed terminal width (`COLUMNS=100`, `NO_COLOR=1`), and its exit
status, stdout and stderr are compared with `tests/cli/golden/<name>.txt`:

    $ framing analyze tests/cli/fixtures/harbour-strike.md -d lexicon
    exit: 0
    --- stdout
    ...the output exactly as printed...
    --- stderr            (only when stderr is not empty)
    ...

A line `\\ no newline at end of stdout` (or stderr) follows output that does not end with a newline. A mismatch
fails with a unified diff of the golden file against the actual output.

To accept the current output (after a deliberate change), regenerate the golden files and review the diff:

    FRAMING_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/cli
    git diff tests/cli/golden

With `FRAMING_UPDATE_GOLDEN=1` the tests rewrite the golden files instead of comparing, and pass. Adding a case
is one `[[case]]` in cases.toml plus that run; a golden file without a case fails `test_no_stale_golden_files`.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CASES_FILE = HERE / "cases.toml"
GOLDEN = HERE / "golden"
UPDATE = os.environ.get("FRAMING_UPDATE_GOLDEN") == "1"
TIMEOUT = 120  # seconds per command; each takes well under 3 s

CASE_KEYS = {"name", "args", "stdin", "cwd"}


def load_cases() -> list[dict]:
    with CASES_FILE.open("rb") as handle:
        cases = tomllib.load(handle)["case"]
    names = set()
    for case in cases:
        unknown = set(case) - CASE_KEYS
        assert not unknown, f"{CASES_FILE.name}: case {case.get('name')!r} has unknown keys {sorted(unknown)}"
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", case["name"]), f"bad case name {case['name']!r}"
        assert case["name"] not in names, f"{CASES_FILE.name}: case {case['name']!r} defined twice"
        assert all(isinstance(arg, str) for arg in case["args"]), f"case {case['name']!r}: args must be strings"
        names.add(case["name"])
    return cases


CASES = load_cases()


def environment() -> dict[str, str]:
    env = dict(os.environ)
    for name in ("FORCE_COLOR", "CLICOLOR_FORCE", "PY_COLORS", "FRAMING_UPDATE_GOLDEN", "LINES"):
        env.pop(name, None)
    env.update(COLUMNS="100", NO_COLOR="1", TERM="dumb", PYTHONUTF8="1", PYTHONIOENCODING="utf-8")
    return env


def section(label: str, text: str) -> str:
    if text.endswith("\n") or not text:
        return f"--- {label}\n{text}"
    return f"--- {label}\n{text}\n\\ no newline at end of {label}\n"


def render(case: dict, returncode: int, stdout: str, stderr: str) -> str:
    command = "$ " + shlex.join(["framing", *case["args"]])
    if "cwd" in case:
        command = f"$ cd {shlex.quote(case['cwd'])} && " + command[2:]
    lines = [command + "\n"]
    if "stdin" in case:
        lines.append(f"stdin: {json.dumps(case['stdin'], ensure_ascii=False)}\n")
    lines.append(f"exit: {returncode}\n")
    lines.append(section("stdout", stdout))
    if stderr:
        lines.append(section("stderr", stderr))
    return "".join(lines)


def run(case: dict) -> str:
    stdin = case.get("stdin")
    completed = subprocess.run(
        [sys.executable, "-m", "framing", *case["args"]],
        cwd=ROOT / case.get("cwd", "."),
        env=environment(),
        input=stdin.encode("utf-8") if stdin is not None else None,
        stdin=subprocess.DEVNULL if stdin is None else None,
        capture_output=True,
        timeout=TIMEOUT,
    )
    # Decoded strictly: framing writes UTF-8, and anything else is a failure worth seeing.
    return render(case, completed.returncode, completed.stdout.decode("utf-8"), completed.stderr.decode("utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_cli_golden(case: dict) -> None:
    golden = GOLDEN / f"{case['name']}.txt"
    actual = run(case)
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8", newline="\n")
        return
    if not golden.exists():
        pytest.fail(f"{golden.relative_to(ROOT)} is missing; run with FRAMING_UPDATE_GOLDEN=1 to create it",
                    pytrace=False)
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True), actual.splitlines(keepends=True),
            fromfile=str(golden.relative_to(ROOT)), tofile="actual output",
        )
        pytest.fail(
            "output differs from the golden file (FRAMING_UPDATE_GOLDEN=1 accepts it):\n" + "".join(diff),
            pytrace=False,
        )


def test_no_stale_golden_files() -> None:
    names = {case["name"] for case in CASES}
    stale = sorted(path.name for path in GOLDEN.glob("*.txt") if path.stem not in names)
    assert not stale, f"golden files without a case in {CASES_FILE.name}: {stale}"
