"""Build hook: the modules on the per-document hot path, compiled with Cython when the machine can.

The same Python sources are compiled as they stand (no C types, no second copy of the code):
Cython takes away the interpreter's work per line, which is most of what a lexicon run spends
outside the regex engine, the automaton and the JSON writer. A machine without a C compiler
(or a build with FRAMING_PURE=1) installs the pure-Python package, which gives the same output.

Compiled modules go to framing/_compiled/ with a manifest of their sources' SHA-256 digests;
framing/_accelerated.py loads one only while its source is unchanged, so an edited module never
runs from a stale build (it runs as Python until the next install rebuilds it). In an editable
install the folder is written in the source tree and only changed modules are compiled again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sysconfig
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

# The modules compiled: the per-document path of `framing analyze` (see the README's speed section).
MODULES = (
    "framing.document",
    "framing.segment",
    "framing.matcher",
    "framing.quotation",
    "framing.findings",
    "framing.report",
    "framing.scoring",
    "framing.pipeline",
    "framing.phrasehits",
    "framing.readers",
    "framing.render.jsonl",
    "framing.detectors.lexicon",
    "framing.detectors.quotes",
    "framing.detectors.attribution",
    "framing.detectors.agency",
    "framing.detectors.actors",
    "framing.detectors.tone",
)
FOLDER = "_compiled"
MANIFEST = "manifest.json"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class AcceleratedBuild(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or os.environ.get("FRAMING_PURE"):
            return
        root = Path(self.root)
        target = root / "framing" / FOLDER
        if version != "editable":
            # A wheel gets a folder of its own, started from an editable build's modules where
            # there is one (only the modules whose source changed since are compiled again).
            start = target
            target = Path(tempfile.mkdtemp(prefix="framing-compiled-")) / FOLDER
            if (start / MANIFEST).is_file():
                shutil.copytree(start, target)
        try:
            compiled = compile_modules(root, target)
        except Exception as error:  # no compiler, no Python headers, no Cython: the pure package
            self.app.display_warning(f"framing: modules not compiled ({type(error).__name__}: {error}); "
                                     "the pure-Python modules will run, with the same results")
            return
        self.app.display_info(f"framing: {compiled} of {len(MODULES)} modules compiled")
        if version != "editable":
            build_data["force_include"][str(target)] = f"framing/{FOLDER}"
        build_data["pure_python"] = False
        build_data["infer_tag"] = True


def compile_modules(root: Path, target: Path) -> int:
    """Compiles the MODULES whose source changed since `target` was last built; returns how many."""
    from Cython.Build import cythonize
    from setuptools import Distribution, Extension
    from setuptools.command.build_ext import build_ext

    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    manifest_path = target / MANIFEST
    try:
        old = json.loads(manifest_path.read_text("utf-8"))
    except (OSError, ValueError):
        old = {}
    manifest, todo = {}, []
    for name in MODULES:
        source = root / (name.replace(".", "/") + ".py")
        # C types for some of a module's functions are in a .pxd file beside it (a change there
        # compiles the module again); the loader checks the .py file's digest alone.
        types = source.with_suffix(".pxd")
        entry = {"file": name.split(".", 1)[1].replace(".", "/") + suffix, "sha256": digest(source),
                 "pxd": digest(types) if types.is_file() else None}
        manifest[name] = entry
        if old.get(name) != entry or not (target / entry["file"]).is_file():
            todo.append((name, source))
    if todo:
        with tempfile.TemporaryDirectory(prefix="framing-build-") as work:
            work = Path(work)
            extensions = []
            for name, source in list(todo):
                try:  # a module Cython cannot take stays Python; the others are still compiled
                    extensions += cythonize(
                        [Extension(name, [str(source)], extra_compile_args=["-O2", "-g0"])],
                        build_dir=str(work / "c"), quiet=True,
                        compiler_directives={"language_level": 3, "annotation_typing": False, "binding": True},
                    )
                except Exception as error:
                    print(f"framing: {name} not compiled ({type(error).__name__})")
                    todo.remove((name, source))
                    del manifest[name]
            command = build_ext(Distribution({"ext_modules": extensions}))
            command.build_lib = str(work / "lib")
            command.build_temp = str(work / "tmp")
            command.parallel = os.cpu_count() or 1
            command.ensure_finalized()
            command.run()
            for name, _ in todo:
                destination = target / manifest[name]["file"]
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(command.get_ext_fullpath(name), destination)
    target.mkdir(parents=True, exist_ok=True)
    for stale in old.keys() - manifest.keys():  # a module no longer compiled
        (target / old[stale]["file"]).unlink(missing_ok=True)
    manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", "utf-8")
    return len(todo)
