"""Compiled modules: imported in place of their sources while those are unchanged.

An install on a machine with a C compiler builds the hot-path modules with Cython (see
hatch_build.py at the project's root) into framing/_compiled/, with the SHA-256 digest of each
source they came from. The finder here serves `import framing.segment` from the compiled file
when the source still has that digest, and otherwise lets Python import the source: an edited
module never runs from an old build. FRAMING_PURE=1 in the environment turns compiled modules
off; both ways give the same output.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from importlib.machinery import EXTENSION_SUFFIXES, ExtensionFileLoader, ModuleSpec
from importlib.util import spec_from_file_location
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
FOLDER = PACKAGE / "_compiled"


class CompiledFinder:
    """A meta path finder for the modules in framing/_compiled/manifest.json."""

    def __init__(self, manifest: dict[str, dict[str, str]]):
        self.manifest = manifest
        self.loaded: set[str] = set()

    def find_spec(self, name: str, path=None, target=None) -> ModuleSpec | None:
        entry = self.manifest.get(name)
        if entry is None:
            return None
        compiled = FOLDER / entry["file"]
        if not fresh(PACKAGE / (name.split(".", 1)[1].replace(".", "/") + ".py"), entry["sha256"]):
            return None
        if not any(entry["file"].endswith(suffix) for suffix in EXTENSION_SUFFIXES) or not compiled.is_file():
            return None  # built for another Python
        self.loaded.add(name)
        return spec_from_file_location(name, compiled, loader=ExtensionFileLoader(name, str(compiled)))

    def invalidate_caches(self) -> None:
        pass


def fresh(source: Path, sha256: str) -> bool:
    """Whether the source file still has the digest its compiled module was built from."""
    try:
        return hashlib.sha256(source.read_bytes()).hexdigest() == sha256
    except OSError:
        return False


def install() -> CompiledFinder | None:
    """Puts the finder first on sys.meta_path, once, when compiled modules exist."""
    for finder in sys.meta_path:
        if isinstance(finder, CompiledFinder):
            return finder
    if os.environ.get("FRAMING_PURE"):
        return None
    try:
        manifest = json.loads((FOLDER / "manifest.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    finder = CompiledFinder(manifest)
    sys.meta_path.insert(0, finder)
    return finder


def compiled_modules() -> list[str]:
    """The framing modules running from compiled code in this process, sorted."""
    return sorted(next((f.loaded for f in sys.meta_path if isinstance(f, CompiledFinder)), set()) & set(sys.modules))
