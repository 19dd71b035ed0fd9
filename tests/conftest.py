from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# The parsed-lexicon cache goes to a folder of this run's, not the user's ~/.cache.
os.environ.setdefault("FRAMING_CACHE_DIR", tempfile.mkdtemp(prefix="framing-test-cache-"))

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "corpora" / "demo"
UNSEEN = ROOT / "tests" / "data" / "unseen"


LEXICON = """\
[category]
id = "test-cat"
name = "Test category"
description = "For tests."
severity = "warning"
weight = 1.0
references = ["Test reference."]

[[entry]]
term = "so-called"
explanation = "Signals doubt."
suggestion = "Drop it."

[[entry]]
term = "*-backed"
explanation = "Outside hand."
suggestion = "Say who supports whom."

[[entry]]
term = "foreign-backed"
explanation = "Foreign hand."
suggestion = "Name the supporter."

[[entry]]
term = "slaughter"
forms = ["slew"]
explanation = "Emotive."
suggestion = "killed"
severity = "error"
weight = 2.0

[[entry]]
term = "regime"
explanation = "Label."
suggestion = "government"

[[entry]]
term = "collateral damage"
explanation = "Euphemism."
suggestion = "civilian deaths"

[[entry]]
term = "damage"
explanation = "Shorter overlapping entry."
suggestion = "x"
severity = "info"
weight = 0.5
"""


@pytest.fixture
def lexicon_file(tmp_path: Path) -> Path:
    path = tmp_path / "test.toml"
    path.write_text(LEXICON, encoding="utf-8")
    return path
