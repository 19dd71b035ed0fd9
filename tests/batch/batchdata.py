"""Small corpora for the batch tests, written by the tests themselves (seeded, so every run
sees the same bytes), and helpers to compare output folders byte for byte."""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path

import pytest

from framing.config import AnalyzerSettings

WORDS = ("the minister said officials met residents on Tuesday and the council approved the budget while "
         "critics warned the plan would cut services in the region").split()
LOADED = ["the regime", "so-called", "slammed", "thugs", "allegedly", "claimed", "was killed", "admitted"]
FAST = AnalyzerSettings(detectors=("lexicon", "quotes"))


def article(rng: random.Random, words: int = 80) -> str:
    out = []
    while len(out) < words:
        sentence = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
        if rng.random() < 0.5:
            sentence.insert(rng.randrange(len(sentence)), rng.choice(LOADED))
        out += sentence
        out[-1] += "."
    text = " ".join(out)
    return text[0].upper() + text[1:]


def rows(count: int, seed: int = 1, words: int = 80) -> list[dict]:
    rng = random.Random(seed)
    return [{"id": f"a{i}", "text": article(rng, words), "outlet": ("Daily", "Herald", "Post")[i % 3],
             "date": f"2024-01-{i % 28 + 1:02d}", "topic": rng.choice(["economy", "border"])} for i in range(count)]


def jsonl_lines(records: list[dict], broken: dict[int, str] | None = None) -> str:
    """JSONL text; `broken` puts a bad line before the given row numbers (0-based)."""
    lines = []
    for i, record in enumerate(records):
        if broken and i in broken:
            lines.append(broken[i])
        lines.append(json.dumps(record))
    return "\n".join(lines) + "\n"


def folder_digest(folder: Path) -> dict[str, str]:
    """The SHA-256 of every file in an output folder, by name (temporary files would show)."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A JSONL corpus of 400 short articles with three broken lines (the tests import this fixture:
    a conftest.py here would shadow the suite's own `conftest` module)."""
    path = tmp_path / "news.jsonl"
    path.write_text(jsonl_lines(rows(400), {5: "{broken", 120: '{"title": "no text"}', 333: "[1, 2]"}), "utf-8")
    return path
