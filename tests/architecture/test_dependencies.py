"""Everything framing imports is declared in pyproject.toml, so `pip install .` with any pip gives
a working install (a fresh install once lacked lxml_html_clean, which trafilatura imports for HTML).
A module imported only by an optional feature may be declared in that feature's extra instead
(the Dask engine: `pip install framing-analyzer[dask]`), never in the test extra alone."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Imported by a dependency without being declared by it (trafilatura reads HTML through lxml.html.clean,
# which lxml moved into the separate lxml_html_clean).
NEEDED_BY_DEPENDENCIES = {"lxml_html_clean"}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement, 1)[0].lower().replace("_", "-")


def third_party_imports() -> set[str]:
    found = set()
    for path in (ROOT / "framing").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
    return {m for m in found if m != "framing" and m not in sys.stdlib_module_names}


def test_every_import_is_a_declared_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = {_name(r) for r in project["dependencies"]}
    declared |= {_name(r) for extra, requirements in project.get("optional-dependencies", {}).items()
                 if extra != "test" for r in requirements}
    distributions = packages_distributions()
    missing = {}
    for module in sorted(third_party_imports() | NEEDED_BY_DEPENDENCIES):
        names = {_name(d) for d in distributions.get(module, [module])}
        if not names & declared:
            missing[module] = sorted(names)
    assert missing == {}
