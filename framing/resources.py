"""Data shipped with framing: lexicons and the demo corpus, from a wheel or a checkout."""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable
from pathlib import Path


def _data_root(name: str) -> Traversable:
    packaged = resources.files("framing").joinpath(name)
    if packaged.is_dir():
        return packaged
    # Editable installs and the source tree keep the data at the project's top level.
    return Path(__file__).resolve().parent.parent / name


def lexicon_root() -> Traversable:
    return _data_root("lexicons")


def demo_corpus() -> Traversable:
    return _data_root("corpora").joinpath("demo")


def default_lexicon_texts(language: str = "en") -> list[tuple[str, str]]:
    """(display name, TOML text) of each default lexicon file, sorted by name."""
    folder = lexicon_root().joinpath(language)
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)
    return [(f"lexicons/{language}/{f.name}", f.read_text("utf-8")) for f in files]


def default_concept_text(language: str = "en") -> str | None:
    actors = lexicon_root().joinpath(language).joinpath("actors.toml")
    return actors.read_text("utf-8") if actors.is_file() else None


def vader_lexicon_text() -> str:
    """VADER's word valences, from the file the vaderSentiment package ships (no download)."""
    return resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text("utf-8")


def default_model_path() -> Traversable:
    return resources.files("framing").joinpath("models/default.npz")
