"""Labelled sentences for training and evaluation: CSV or JSONL rows of text and label.

Labels are mapped to biased (1) and not biased (0): known pairs are recognised
(biased/neutral, biased/non-biased, 1/0, true/false, yes/no), any other two classes need
--positive (and, with more than two, --negative). Rows with other labels, and rows that
cannot be read, are skipped and counted, never silently lost.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from framing.errors import FramingError, InputError
from framing.readers import CSV_SUFFIXES, JSONL_SUFFIXES, KNOWN_SUFFIXES, Fields, read_paths

_DATA_SUFFIXES = CSV_SUFFIXES | JSONL_SUFFIXES


def _data_files(paths: Iterable[str]) -> list[str]:
    """Files as given; in folders, only the corpus files (a README beside them is no data)."""
    files: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files.extend(str(p) for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in _DATA_SUFFIXES)
        else:
            files.append(given)
    return files

_POSITIVE = ("biased", "1", "true", "yes", "bias", "loaded", "positive")
_NEGATIVE = ("neutral", "non-biased", "not biased", "unbiased", "0", "false", "no", "not-biased", "negative")


@dataclass
class LabelledData:
    texts: list[str] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    positive: str = ""
    negative: str = ""
    skipped: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    sha256: str = ""
    sources: list[str] = field(default_factory=list)

    @property
    def balance(self) -> dict[str, int]:
        positives = sum(self.labels)
        return {self.positive: positives, self.negative: len(self.labels) - positives}


def _files_digest(paths: Iterable[str]) -> tuple[str, list[str]]:
    """SHA-256 over the bytes of every input file, in reading order: the model card's data id."""
    digest = hashlib.sha256()
    files: list[str] = []
    for given in paths:
        path = Path(given)
        found = (
            sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in KNOWN_SUFFIXES)
            if path.is_dir()
            else [path]
        )
        for file in found:
            try:
                digest.update(file.read_bytes())
            except OSError:
                continue
            files.append(str(file))
    return digest.hexdigest(), files


def _choose_labels(seen: Counter, positive: str | None, negative: str | None) -> tuple[str, str]:
    lowered = {label.lower(): label for label in seen}
    if positive is not None:
        if positive not in seen:
            raise FramingError(f"--positive {positive!r} is not a label in the data (labels: {_show(seen)})")
        if negative is None:
            others = [label for label in seen if label != positive]
            known = [label for label in others if label.lower() in _NEGATIVE]
            if len(others) == 1:
                negative = others[0]
            elif len(known) == 1:
                negative = known[0]
            else:
                raise FramingError(f"more than two labels ({_show(seen)}): name the other class with --negative")
        elif negative not in seen:
            raise FramingError(f"--negative {negative!r} is not a label in the data (labels: {_show(seen)})")
        return positive, negative
    pos = [lowered[name] for name in _POSITIVE if name in lowered]
    neg = [lowered[name] for name in _NEGATIVE if name in lowered]
    if negative is not None:
        neg = [negative]
    if len(pos) == 1 and len(neg) == 1:
        return pos[0], neg[0]
    raise FramingError(f"cannot tell which label means biased (labels: {_show(seen)}): use --positive")


def _show(seen: Counter) -> str:
    return ", ".join(f"{label} ({count})" for label, count in seen.most_common(8))


def read_labelled(
    paths: list[str],
    text_field: str = "text",
    label_field: str = "label",
    positive: str | None = None,
    negative: str | None = None,
    group_field: str | None = "group",
    input_format: str = "auto",
) -> LabelledData:
    """Texts and 0/1 labels from CSV/JSONL files or folders; raises FramingError when no
    usable pair of labels can be found."""
    paths = _data_files(paths)
    if not paths:
        raise FramingError("no CSV or JSONL files to read")
    rows: list[tuple[str, str, str]] = []
    data = LabelledData()
    for item in read_paths(paths, Fields(text=text_field), input_format):
        if isinstance(item, InputError):
            data.skipped["unreadable"] += 1
            data.errors.append(str(item))
            continue
        label = item.metadata.get(label_field)
        if label is None or str(label).strip() == "":
            data.skipped["no label"] += 1
            data.errors.append(f"{item.source}: no {label_field!r} field")
            continue
        group = item.metadata.get(group_field) if group_field else None
        rows.append((item.text, str(label).strip(), str(group) if group not in (None, "") else item.id))
    seen = Counter(label for _, label, _ in rows)
    if not seen:
        where = ", ".join(str(p) for p in paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
        raise FramingError(f"no labelled rows found in {where} (text field {text_field!r}, label field "
                           f"{label_field!r}; --text-field and --label-field name others)")
    data.positive, data.negative = _choose_labels(seen, positive, negative)
    for text, label, group in rows:
        if label == data.positive or label == data.negative:
            data.texts.append(text)
            data.labels.append(1 if label == data.positive else 0)
            data.groups.append(group)
        else:
            data.skipped[f"label {label!r}"] += 1
    if len(set(data.labels)) < 2:
        raise FramingError("the data holds only one of the two classes")
    data.sha256, data.sources = _files_digest(paths)
    return data
