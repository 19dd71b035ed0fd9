"""Baselines: today's findings recorded, so that a check fails only on new ones.

A finding's identity is its path, rule, matched words and a hash of its sentence's words, not
its line: paragraphs inserted above it, re-wrapped lines and edits to other sentences leave it
known. Identities are counted, so a baseline that holds two uses of a phrase in one sentence
of a file lets two through, not three. Entries no longer found are "gone": `--prune-baseline`
drops them, `--strict-baseline` fails on them, so a baseline only shrinks.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

from framing import __version__
from framing.errors import ConfigError
from framing.report import BaselineEntry, CheckFinding, words

SCHEMA = "framing/baseline@1"


def sentence_hash(sentence: str) -> str:
    return hashlib.sha256(words(sentence).encode("utf-8")).hexdigest()[:16]


Key = tuple[str, str, str, str]  # path, rule, matched words, sentence hash


def key(finding: CheckFinding, sentence: str) -> Key:
    return finding.path, finding.rule, words(finding.finding.text), sentence


def read(path: Path) -> Counter[Key]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ConfigError("no such baseline file", str(path)) from None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"not a baseline: invalid JSON ({exc.msg})", str(path), exc.lineno) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read baseline: {exc}", str(path)) from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA or not isinstance(data.get("findings"), list):
        raise ConfigError(f"not a baseline (expected schema {SCHEMA!r})", str(path), 1)
    counts: Counter[Key] = Counter()
    for index, entry in enumerate(data["findings"]):
        try:
            counts[(entry["path"], entry["rule"], entry["text"], entry["sentence"])] += int(entry.get("count", 1))
        except (KeyError, TypeError, ValueError):
            raise ConfigError(f"baseline entry {index + 1} needs path, rule, text, sentence and count",
                              str(path)) from None
    return counts


def write(path: Path, counts: Counter[Key]) -> None:
    findings = [
        {"path": p, "rule": r, "text": t, "sentence": s, "count": n}
        for (p, r, t, s), n in sorted(counts.items()) if n > 0
    ]
    document = {"schema": SCHEMA, "framing_version": __version__, "findings": findings}
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", "utf-8")


def apply(keys: list[Key | None], known: Counter[Key]) -> tuple[list[bool], list[BaselineEntry]]:
    """Which findings the baseline knows (up to each identity's count), and the entries gone."""
    left = Counter(known)
    matched = []
    for finding_key in keys:
        if finding_key is not None and left[finding_key] > 0:
            left[finding_key] -= 1
            matched.append(True)
        else:
            matched.append(False)
    gone = [BaselineEntry(p, r, t, s, n) for (p, r, t, s), n in sorted(left.items()) if n > 0]
    return matched, gone
