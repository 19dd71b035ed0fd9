"""Loading lexicons: the defaults shipped with framing and a user's files, checked whole."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Iterable

from framing.errors import LexiconError
from framing.lexicon.concepts import parse_concepts
from framing.lexicon.entries import Lexicon
from framing.lexicon.files import is_concept_file, lexicon_files, read_lexicon_text
from framing.lexicon.parse import parse_lexicon


def validate_path(path: Path) -> list[LexiconError]:
    """Every problem in a lexicon file or folder, including terms repeated across files."""
    try:
        files = lexicon_files(path)
    except LexiconError as exc:
        return [exc]
    problems: list[LexiconError] = []
    owner: dict[str, tuple[str, int]] = {}
    for file in files:
        try:
            text = read_lexicon_text(file)
        except LexiconError as exc:
            problems.append(exc)
            continue
        if is_concept_file(text):
            problems.extend(parse_concepts(text, str(file))[1])
            continue
        _, entries, found = parse_lexicon(text, str(file))
        problems.extend(found)
        for entry in entries:
            for surface in (entry.term, *entry.variants):
                if surface in owner and owner[surface][0] != entry.path:
                    where = f"{owner[surface][0]}:{owner[surface][1]}"
                    problems.append(LexiconError(f"term {surface!r} is also defined at {where}", entry.path, entry.line))
                owner.setdefault(surface, (entry.path, entry.line))
    return problems


def load_lexicon(paths: Iterable[Path] = (), include_defaults: bool = True) -> Lexicon:
    """Default lexicons (unless excluded) plus the user's files/folders, in that order. Where a user's
    entry and a default one match the same words, the user's wins (Entry.custom)."""
    from framing import resources

    lexicon = Lexicon()
    sources: list[tuple[str, str, bool]] = []
    if include_defaults:
        sources.extend((display, text, False) for display, text in resources.default_lexicon_texts())
    for path in paths:
        for file in lexicon_files(Path(path)):
            sources.append((str(file), read_lexicon_text(file), True))
    from framing.lexicon import cache

    digest = cache.key(sources)
    cached = cache.read(digest)
    if cached is not None:
        return cached
    for display, text, custom in sources:
        if is_concept_file(text):
            continue
        category, entries, problems = parse_lexicon(text, display)
        if problems:
            raise problems[0]
        lexicon.add(replace(category, path=display), [replace(e, custom=True) for e in entries] if custom else entries)
    cache.write(digest, lexicon)
    return lexicon


def default_lexicon_digest() -> str:
    """SHA-256 of the default lexicon files (names and text): what a classifier's lexicon
    features were computed from, recorded in its model card and checked when it loads."""
    import hashlib

    from framing import resources

    digest = hashlib.sha256()
    for display, text in resources.default_lexicon_texts():
        digest.update(display.rsplit("/", 1)[-1].encode("utf-8") + b"\0" + text.encode("utf-8") + b"\0")
    return digest.hexdigest()
