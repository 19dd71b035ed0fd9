"""Which files `framing check` reads: the policy's include and exclude globs (gitignore-style,
matched by pathspec) below the project root, in sorted order. Files named on the command line
are checked even when a glob would exclude them."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator

from framing.check.policy import ALWAYS_EXCLUDED, Policy
from framing.errors import InputError


def _spec(patterns: Iterable[str]):
    import pathspec

    return pathspec.PathSpec.from_lines("gitwildmatch", list(patterns))


def display(path: Path, root: Path) -> str:
    """The path as findings name it: relative to the project root with '/', or as given outside it."""
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def discover(paths: Iterable[str], policy: Policy) -> Iterator[tuple[Path, str] | InputError]:
    """(file, display path) for every file to check, or an InputError for a path that is not there.
    No paths: the whole project below the root."""
    include, exclude = _spec(policy.include), _spec(policy.exclude)
    root = policy.root.resolve()
    seen: set[Path] = set()
    for given in (list(paths) or [str(root)]):
        path = Path(given)
        if path.is_file():
            if path.resolve() not in seen:  # named on the command line: checked whatever the globs say
                seen.add(path.resolve())
                yield path, display(path, root)
            continue
        if not path.is_dir():
            yield InputError("no such file or folder", given)
            continue
        for file in _walk(path):
            relative = display(file, root)
            if include.match_file(relative) and not exclude.match_file(relative) and file.resolve() not in seen:
                seen.add(file.resolve())
                yield file, relative


def _walk(folder: Path) -> Iterator[Path]:
    """Files below a folder in sorted order, never entering .git, .venv or node_modules."""
    for current, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if f not in ALWAYS_EXCLUDED)
        for name in sorted(files):
            yield Path(current) / name
