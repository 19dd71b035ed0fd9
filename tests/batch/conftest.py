from __future__ import annotations

from pathlib import Path

import pytest

from batchdata import jsonl_lines, rows


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A JSONL corpus of 400 short articles with three broken lines."""
    path = tmp_path / "news.jsonl"
    path.write_text(jsonl_lines(rows(400), {5: "{broken", 120: '{"title": "no text"}', 333: "[1, 2]"}), "utf-8")
    return path
