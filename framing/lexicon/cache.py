"""A cache of parsed lexicons: parsing 1,200 entries of TOML (tomllib is pure Python) and
spelling out their phrases is most of a lexicon-only run's start-up, and lexicons rarely change.

The cache is keyed by the SHA-256 of framing's version, of the code that parses and spells out
entries (this package, framing.inflect, framing.matcher) and of every lexicon file's name and
text, so an edited file, or edited parsing code, is parsed again and a stale entry is never used. It is plain JSON, written to
a temporary name and renamed, and anything wrong with it (unreadable, corrupt, another format)
means it is ignored and the files are parsed. It lives in `$FRAMING_CACHE_DIR`, else
`$XDG_CACHE_HOME/framing`, else `~/.cache/framing`; `FRAMING_CACHE_DIR=""` turns it off.
Nothing in the results depends on it.
"""

from __future__ import annotations

import os
from pathlib import Path

from framing.lexicon.compile import entry_key, entry_phrases, exception_key, exception_phrases, remember
from framing.lexicon.entries import Entry, Lexicon
from framing.rules.core import Category

FORMAT = 1
_TUPLE_FIELDS = {"references", "variants", "forms", "exceptions", "unless_next", "unless_prev"}


def cache_dir() -> Path | None:
    configured = os.environ.get("FRAMING_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "framing"


def key(sources: list[tuple[str, str, bool]]) -> str:
    import hashlib

    from framing import __version__

    digest = hashlib.sha256(f"framing {__version__} lexicon cache {FORMAT}\0".encode())
    digest.update(_code_digest())
    for display, text, custom in sources:
        digest.update(f"{display}\0{int(custom)}\0".encode("utf-8") + text.encode("utf-8") + b"\0")
    return digest.hexdigest()


_CODE = ("lexicon/files.py", "lexicon/parse.py", "lexicon/terms.py", "lexicon/entries.py", "lexicon/compile.py",
         "lexicon/cache.py", "inflect.py", "matcher.py")


def _code_digest() -> bytes:
    """What the parsed entries and their phrases depend on besides the lexicon files."""
    import hashlib

    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for name in _CODE:
        try:
            digest.update(name.encode() + b"\0" + (package / name).read_bytes())
        except OSError:  # a zip import or a stripped install: the version alone then
            digest.update(name.encode() + b"\0-")
    return digest.digest()


def read(digest: str) -> Lexicon | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        import orjson

        data = orjson.loads((folder / f"lexicon-{digest}.json").read_bytes())
        if data.get("format") != FORMAT or data.get("key") != digest:
            return None
        lexicon = Lexicon()
        categories = {c["id"]: Category(**{**c, "references": tuple(c["references"])}) for c in data["categories"]}
        lexicon.categories.update(categories)
        lexicon.entries.extend(
            Entry(**{k: tuple(v) if k in _TUPLE_FIELDS else v for k, v in raw.items()}) for raw in data["entries"]
        )
        for item in data["phrases"]:
            *parts, phrases = item
            remember(_tuple_key(parts), phrases)
        return lexicon
    except Exception:  # a missing, partial or foreign file: parse the lexicons instead
        return None


def write(digest: str, lexicon: Lexicon) -> None:
    folder = cache_dir()
    if folder is None:
        return
    try:
        import dataclasses

        import orjson

        phrases = {}
        for entry in lexicon.entries:
            phrases[entry_key(entry)] = entry_phrases(entry)
            if entry.exceptions:
                phrases[exception_key(entry)] = exception_phrases(entry)
        data = {
            "format": FORMAT,
            "key": digest,
            "categories": [dataclasses.asdict(c) for c in lexicon.categories.values()],
            "entries": [dataclasses.asdict(e) for e in lexicon.entries],
            "phrases": [[*k, sorted(v)] for k, v in phrases.items()],
        }
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"lexicon-{digest}.json"
        temporary = folder / f".lexicon-{digest}.{os.getpid()}.tmp"
        temporary.write_bytes(orjson.dumps(data))
        os.replace(temporary, target)
    except Exception:  # a read-only or full disk: run without the cache
        return


def _tuple_key(parts: list) -> tuple:
    """A compile key back from JSON: lists were tuples."""
    return tuple(tuple(p) if isinstance(p, list) else p for p in parts)
