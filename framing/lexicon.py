"""Lexicons: categories of framing markers, loaded from TOML files (format: lexicons/FORMAT.md).

Every problem in a lexicon file is reported with the file and line it sits on, so a
newsroom can keep its own lexicons next to ours and fix them without reading Python.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable

from framing.errors import LexiconError
from framing.findings import SEVERITIES, SEVERITY_RANK

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_TERM_CHARS = re.compile(r"^[\w .,'&/-]+$")
_CATEGORY_KEYS = {"id", "name", "description", "severity", "weight", "references"}
_ENTRY_KEYS = {
    "id", "term", "variants", "forms", "inflect", "spaced", "explanation", "suggestion",
    "severity", "weight", "references", "exceptions",
}
_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)")


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    description: str
    severity: str
    weight: float
    references: tuple[str, ...]
    path: str = ""


@dataclass(frozen=True)
class Entry:
    id: str
    category: str
    term: str
    explanation: str
    suggestion: str
    severity: str
    weight: float
    variants: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    inflect: str = "all"  # INFLECT_MODES: which inflected forms of the last word also match
    spaced: bool = True
    references: tuple[str, ...] = ()
    path: str = ""
    line: int = 0
    exceptions: tuple[str, ...] = ()  # longer phrases in which the term has an innocent sense
    custom: bool = False  # from a lexicon the user passed: wins over a default entry with the same words

    @property
    def rule(self) -> str:
        return f"{self.category}/{self.id}"

    @property
    def is_wildcard(self) -> bool:
        return "*" in self.term


@dataclass
class Lexicon:
    categories: dict[str, Category] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)

    def add(self, category: Category, entries: Iterable[Entry]) -> None:
        """Add a category's entries; a second file for a known category extends it."""
        self.categories.setdefault(category.id, category)
        self.entries.extend(entries)

    def select(self, categories: Iterable[str] | None = None, min_severity: str = "info") -> Lexicon:
        """The part of the lexicon in the given categories at or above a severity."""
        wanted = set(categories) if categories else set(self.categories)
        floor = SEVERITY_RANK[min_severity]
        return Lexicon(
            {cid: cat for cid, cat in self.categories.items() if cid in wanted},
            [
                e for e in self.entries
                if e.category in wanted and SEVERITY_RANK[e.severity] >= floor
            ],
        )

    def entry(self, rule: str) -> Entry | None:
        for entry in self.entries:
            if entry.rule == rule:
                return entry
        return None


# ----------------------------------------------------------------------------- parsing


class _Lines:
    """Finds the line of a table header or key, since tomllib reports no positions."""

    def __init__(self, text: str):
        self.lines = text.splitlines()
        self.entry_headers = [
            i + 1 for i, line in enumerate(self.lines) if re.match(r"\s*\[\[\s*entry\s*\]\]", line)
        ]
        self.category_header = next(
            (i + 1 for i, line in enumerate(self.lines) if re.match(r"\s*\[\s*category\s*\]", line)),
            1,
        )

    def entry(self, index: int) -> int:
        return self.entry_headers[index] if index < len(self.entry_headers) else 1

    def key(self, header_line: int, key: str) -> int:
        pattern = re.compile(rf"\s*{re.escape(key)}\s*=")
        for number in range(header_line, len(self.lines)):
            line = self.lines[number]
            if line.lstrip().startswith("["):
                break
            if pattern.match(line):
                return number + 1
        return header_line


def load_toml(text: str, path: str) -> dict:
    """Parsed TOML, or a LexiconError with the line tomllib reports."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_POSITION.search(str(exc))
        message = _TOML_POSITION.sub("", str(exc)).strip()
        raise LexiconError(f"invalid TOML: {message}", path, int(found.group(1)) if found else 1) from None


def _slug(term: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", term.lower().replace("*", "any")).strip("-")


INFLECT_MODES = ("all", "plural", "none")


def inflect_mode(value, term: str | None) -> tuple[str, str | None]:
    """The `inflect` setting as one of INFLECT_MODES, and why it is invalid if it is. Not set:
    every form for one-word terms ("slaughter" -> "slaughtered"), the plural for phrases, where
    "-ed"/"-ing" forms make other words ("police state" -> "police stated")."""
    if value is None:
        return ("plural" if isinstance(term, str) and " " in term.strip() else "all"), None
    if value is True or value == "all":
        return "all", None
    if value is False or value == "none":
        return "none", None
    if value == "plural":
        return "plural", None
    return "all", "'inflect' must be true, false or \"plural\""


def check_term(term: str) -> str | None:
    """Why a term cannot be matched, or None when it is fine."""
    if not term.strip():
        return "is empty"
    if not _TERM_CHARS.match(term.replace("*", "")):
        return "may contain only letters, digits, spaces, hyphens, apostrophes, periods, commas, '&' and '/'"
    if "*" in term:
        parts = term.split("-")
        wild = [i for i, part in enumerate(parts) if "*" in part]
        if len(parts) < 2 or wild not in ([0], [len(parts) - 1]) or parts[wild[0]] != "*":
            return "may use '*' only as the whole first or last part of a hyphenated term ('*-backed', 'anti-*')"
        if " " in term:
            return "with a wildcard must be a single hyphenated word"
    if not any(ch.isalnum() for ch in term):
        return "must contain a letter or digit"
    return None


def parse_lexicon(text: str, path: str) -> tuple[Category | None, list[Entry], list[LexiconError]]:
    """Parse one lexicon file; returns what it could read and every problem found."""
    problems: list[LexiconError] = []

    def problem(message: str, line: int) -> None:
        problems.append(LexiconError(message, path, line))

    try:
        data = load_toml(text, path)
    except LexiconError as exc:
        return None, [], [exc]

    lines = _Lines(text)
    for key in data:
        if key not in ("category", "entry"):
            problem(f"unknown top-level key {key!r} (expected [category] and [[entry]])", 1)

    raw_category = data.get("category")
    category = None
    if not isinstance(raw_category, dict):
        problem("missing [category] table", 1)
    else:
        category = _parse_category(raw_category, lines, problem)

    raw_entries = data.get("entry", [])
    if not isinstance(raw_entries, list) or not raw_entries:
        problem("no [[entry]] tables", lines.category_header)
        raw_entries = []

    entries: list[Entry] = []
    seen_terms: dict[str, int] = {}
    seen_ids: dict[str, int] = {}
    for index, raw in enumerate(raw_entries):
        line = lines.entry(index)
        entry = _parse_entry(raw, category, line, lines, path, problem)
        # Repeated terms are reported even for an entry with other problems: every problem at once.
        surfaces = [raw.get("term"), *(raw.get("variants") or [])] if isinstance(raw, dict) else []
        for surface in (s for s in surfaces if isinstance(s, str) and s.strip()):
            key = surface.strip().lower()
            if key in seen_terms:
                problem(f"term {surface!r} already appears at line {seen_terms[key]}", line)
            else:
                seen_terms[key] = line
        if entry is None:
            continue
        if entry.id in seen_ids:
            problem(f"entry id {entry.id!r} already used at line {seen_ids[entry.id]}", line)
        seen_ids[entry.id] = line
        entries.append(entry)
    return category, entries, problems


def _text_field(raw: dict, key: str, line: int, lines: _Lines, problem, required=True) -> str | None:
    value = raw.get(key)
    if value is None:
        if required:
            problem(f"missing required key {key!r}", line)
        return None
    if not isinstance(value, str) or not value.strip():
        problem(f"{key!r} must be a non-empty string", lines.key(line, key))
        return None
    return value.strip()


def _list_field(raw: dict, key: str, line: int, lines: _Lines, problem) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problem(f"{key!r} must be a list of non-empty strings", lines.key(line, key))
        return ()
    return tuple(v.strip() for v in value)


def _severity_weight(raw, line, lines, problem, default_severity, default_weight):
    severity = raw.get("severity", default_severity)
    if severity not in SEVERITIES:
        problem(f"severity must be one of {', '.join(SEVERITIES)}, not {severity!r}", lines.key(line, "severity"))
        severity = default_severity
    weight = raw.get("weight", default_weight)
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight < 0:
        problem(f"weight must be a number >= 0, not {weight!r}", lines.key(line, "weight"))
        weight = default_weight
    return severity, float(weight)


def _parse_category(raw: dict[str, Any], lines: _Lines, problem) -> Category | None:
    line = lines.category_header
    for key in raw:
        if key not in _CATEGORY_KEYS:
            problem(f"unknown key {key!r} in [category]", lines.key(line, key))
    cid = _text_field(raw, "id", line, lines, problem)
    if cid is not None and not _ID.match(cid):
        problem(f"category id {cid!r} must be lowercase letters, digits and hyphens", lines.key(line, "id"))
        cid = None
    name = _text_field(raw, "name", line, lines, problem)
    description = _text_field(raw, "description", line, lines, problem)
    severity, weight = _severity_weight(raw, line, lines, problem, "warning", 1.0)
    references = _list_field(raw, "references", line, lines, problem)
    if not references:
        problem("a category needs at least one entry in 'references'", lines.key(line, "references"))
    if cid is None or name is None:
        return None
    return Category(cid, name, description or "", severity, weight, references)


def _parse_entry(raw, category: Category | None, line: int, lines: _Lines, path: str, problem) -> Entry | None:
    if not isinstance(raw, dict):
        problem("an [[entry]] must be a table", line)
        return None
    for key in raw:
        if key not in _ENTRY_KEYS:
            problem(f"unknown key {key!r} in [[entry]]", lines.key(line, key))
    term = _text_field(raw, "term", line, lines, problem)
    explanation = _text_field(raw, "explanation", line, lines, problem)
    suggestion = _text_field(raw, "suggestion", line, lines, problem)
    variants = _list_field(raw, "variants", line, lines, problem)
    forms = _list_field(raw, "forms", line, lines, problem)
    exceptions = _list_field(raw, "exceptions", line, lines, problem)
    references = _list_field(raw, "references", line, lines, problem)
    inflect, why = inflect_mode(raw.get("inflect"), term)
    if why:
        problem(why, lines.key(line, "inflect"))
    spaced = raw.get("spaced", True)
    if not isinstance(spaced, bool):
        problem("'spaced' must be true or false", lines.key(line, "spaced"))
        spaced = True
    defaults = (category.severity, category.weight) if category else ("warning", 1.0)
    severity, weight = _severity_weight(raw, line, lines, problem, *defaults)
    ok = True
    for label, surface in [("term", term)] + [("variant", v) for v in variants] + [("form", f) for f in forms]:
        if surface is None:
            ok = False
            continue
        why = check_term(surface)
        if why:
            problem(f"{label} {surface!r} {why}", lines.key(line, "term" if label == "term" else label + "s"))
            ok = False
        elif label != "term" and "*" in surface:
            problem(f"{label} {surface!r}: wildcards are allowed only in 'term'", lines.key(line, label + "s"))
            ok = False
    terms_ok = ok
    for exception in exceptions:
        why = check_term(exception) or ("may not use '*'" if "*" in exception else None)
        if not why and terms_ok and term and not _contains_term(exception, [term, *variants, *forms]):
            why = "must contain the term (or a variant or form) inside a longer phrase"
        if why:
            problem(f"exception {exception!r} {why}", lines.key(line, "exceptions"))
            ok = False
    entry_id = raw.get("id")
    if entry_id is None and term:
        entry_id = _slug(term)
    if not isinstance(entry_id, str) or not _ID.match(entry_id or ""):
        problem(f"entry id {entry_id!r} must be lowercase letters, digits and hyphens", lines.key(line, "id"))
        ok = False
    if not (ok and term and explanation and suggestion and category):
        return None
    return Entry(
        id=entry_id,
        category=category.id,
        term=term.lower(),
        explanation=explanation,
        suggestion=suggestion,
        severity=severity,
        weight=weight,
        variants=tuple(v.lower() for v in variants),
        forms=tuple(f.lower() for f in forms),
        inflect=inflect,
        spaced=spaced,
        references=references,
        path=path,
        line=line,
        exceptions=tuple(x.lower() for x in exceptions),
    )


def _contains_term(phrase: str, surfaces: list[str]) -> bool:
    """Whether a term (any of its spellings) occurs as whole words inside a longer phrase;
    for '*-backed' the phrase must have a word ending in '-backed'."""
    from framing.inflect import inflections

    folded = " " + " ".join(phrase.lower().replace("-", " - ").split()) + " "
    inflected = []
    for surface in surfaces:
        head, _, last = surface.lower().rpartition(" ")
        inflected += [f"{head} {form}".strip() for form in inflections(last)] if "*" not in surface else []
    for surface in [*surfaces, *inflected]:
        pattern = " ".join(surface.lower().replace("-", " - ").split())
        if surface.startswith("*-"):
            found = re.search(r"\S - " + re.escape(pattern[4:]) + " ", folded)
        elif surface.endswith("-*"):
            found = re.search(" " + re.escape(pattern[:-4]) + r" - \S", folded)
        else:
            found = f" {pattern} " in folded
        if found and len(" ".join(folded.split())) > len(pattern):
            return True
    return False


# ----------------------------------------------------------------------------- loading


def _is_concept_file(text: str) -> bool:
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
        if _is_concept_file(text):
            from framing.actors import parse_concepts

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
    for display, text, custom in sources:
        if _is_concept_file(text):
            continue
        category, entries, problems = parse_lexicon(text, display)
        if problems:
            raise problems[0]
        lexicon.add(replace(category, path=display), [replace(e, custom=True) for e in entries] if custom else entries)
    return lexicon
