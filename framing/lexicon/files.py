"""Lexicon files on disk: which files a path names, read as UTF-8 with errors at file:line."""

from __future__ import annotations

import re
from pathlib import Path

from framing.errors import LexiconError


def is_concept_file(text: str) -> bool:
    """Concept-set files (actors.toml) share the folder but not the format."""
    return re.search(r"^\s*\[\[\s*concept\s*\]\]", text, re.MULTILINE) is not None and not re.search(
        r"^\s*\[\s*category\s*\]", text, re.MULTILINE
    )


def read_lexicon_text(path: Path, display: str | None = None) -> str:
    display = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise LexiconError(f"cannot read lexicon: {exc.strerror or exc}", display) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LexiconError("lexicon is not valid UTF-8", display, line) from None


def lexicon_files(path: Path) -> list[Path]:
    """The lexicon files a path names: the file itself, or every *.toml below a folder."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*.toml") if p.is_file())
    if not path.exists():
        raise LexiconError("no such file or folder", str(path))
    return [path]
