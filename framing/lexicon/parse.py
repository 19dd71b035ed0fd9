"""Parsing one lexicon file (format: lexicons/FORMAT.md) into a category and its entries,
with every problem found reported at its file and line."""

from __future__ import annotations

import math
import re
from typing import Any

from framing.errors import LexiconError
from framing.lexicon.entries import Entry
from framing.lexicon.terms import (
    ID_PATTERN, MAX_ENTRIES, MAX_SPELLINGS, check_term, contains_term, inflect_mode, slug,
)
from framing.rules.core import SEVERITIES, Category
from framing.tomlfile import Lines, load_toml

_NEXT_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")  # an 'unless_next' word: letters first, then letters, digits, ' or -
MAX_WEIGHT = 100.0  # the default lexicons weigh at most 2; far larger weights only overflow the framing index
_CATEGORY_KEYS = {"id", "name", "description", "severity", "weight", "references"}
_ENTRY_KEYS = {
    "id", "term", "variants", "forms", "inflect", "spaced", "explanation", "suggestion",
    "severity", "weight", "references", "exceptions", "fix", "unless_next", "unless_prev",
}


class _EntryLines(Lines):
    """Lines of a lexicon file: its [category] header and each [[entry]]."""

    def __init__(self, text: str):
        super().__init__(text)
        self.entry_headers = self.headers("entry", array=True)
        self.category_header = self.header("category")

    def entry(self, index: int) -> int:
        return self.entry_headers[index] if index < len(self.entry_headers) else 1


def parse_lexicon(text: str, path: str) -> tuple[Category | None, list[Entry], list[LexiconError]]:
    """Parse one lexicon file; returns what it could read and every problem found."""
    problems: list[LexiconError] = []

    def problem(message: str, line: int) -> None:
        problems.append(LexiconError(message, path, line))

    try:
        data = load_toml(text, path, LexiconError)
    except LexiconError as exc:
        return None, [], [exc]

    lines = _EntryLines(text)
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
    if len(raw_entries) > MAX_ENTRIES:
        problem(f"{len(raw_entries):,} entries; a lexicon file may hold at most {MAX_ENTRIES:,} (split it)",
                lines.entry(MAX_ENTRIES))
        raw_entries = raw_entries[:MAX_ENTRIES]
    for index, raw in enumerate(raw_entries):
        line = lines.entry(index)
        entry = _parse_entry(raw, category, line, lines, path, problem)
        # Repeated terms are reported even for an entry with other problems: every problem at once.
        variants = raw.get("variants") if isinstance(raw, dict) else None
        surfaces = ([raw.get("term"), *(variants if isinstance(variants, list) else [])]
                    if isinstance(raw, dict) else [])
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


def _shown(surface: str) -> str:
    """A term as an error message quotes it: long ones cut, so one line stays one line."""
    return repr(surface if len(surface) <= 60 else surface[:57] + "...")


def _text_field(raw: dict, key: str, line: int, lines: _EntryLines, problem, required=True) -> str | None:
    value = raw.get(key)
    if value is None:
        if required:
            problem(f"missing required key {key!r}", line)
        return None
    if not isinstance(value, str) or not value.strip():
        problem(f"{key!r} must be a non-empty string", lines.key(line, key))
        return None
    return value.strip()


def _list_field(raw: dict, key: str, line: int, lines: _EntryLines, problem) -> tuple[str, ...]:
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
    if (isinstance(weight, bool) or not isinstance(weight, (int, float)) or not math.isfinite(weight)
            or not 0 <= weight <= MAX_WEIGHT):
        problem(f"weight must be a number from 0 to {MAX_WEIGHT:g}, not {weight!r}", lines.key(line, "weight"))
        weight = default_weight
    return severity, float(weight)


def _parse_category(raw: dict[str, Any], lines: _EntryLines, problem) -> Category | None:
    line = lines.category_header
    for key in raw:
        if key not in _CATEGORY_KEYS:
            problem(f"unknown key {key!r} in [category]", lines.key(line, key))
    cid = _text_field(raw, "id", line, lines, problem)
    if cid is not None and not ID_PATTERN.fullmatch(cid):
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


def _context_words(raw, key: str, line: int, lines: _EntryLines, problem) -> tuple[str, ...]:
    """`unless_next` or `unless_prev`: single words, or "#" for any number."""
    words = _list_field(raw, key, line, lines, problem)
    for word in words:
        if word != "#" and not _NEXT_WORD.fullmatch(word):
            problem(f"{key!r} holds single words or '#' (any number), not {_shown(word)}", lines.key(line, key))
            return ()
    return tuple(words)


def _parse_entry(raw, category: Category | None, line: int, lines: _EntryLines, path: str, problem) -> Entry | None:
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
    unless_next = _context_words(raw, "unless_next", line, lines, problem)
    unless_prev = _context_words(raw, "unless_prev", line, lines, problem)
    if len(variants) + len(forms) + len(exceptions) > MAX_SPELLINGS:
        problem(f"{len(variants) + len(forms) + len(exceptions)} variants, forms and exceptions; an entry may have "
                f"at most {MAX_SPELLINGS} (split it into entries)", line)
        variants, forms, exceptions = (), (), ()
    fix = raw.get("fix")
    if fix is not None and (not isinstance(fix, str) or "\n" in fix or fix != fix.strip()):
        problem("'fix' must be the replacement text on one line, without surrounding spaces (\"\" deletes the term)",
                lines.key(line, "fix"))
        fix = None
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
            problem(f"{label} {_shown(surface)} {why}", lines.key(line, "term" if label == "term" else label + "s"))
            ok = False
        elif label != "term" and "*" in surface:
            problem(f"{label} {surface!r}: wildcards are allowed only in 'term'", lines.key(line, label + "s"))
            ok = False
    terms_ok = ok
    for exception in exceptions:
        why = check_term(exception) or ("may not use '*'" if "*" in exception else None)
        if not why and terms_ok and term and not contains_term(exception, [term, *variants, *forms]):
            why = "must contain the term (or a variant or form) inside a longer phrase"
        if why:
            problem(f"exception {_shown(exception)} {why}", lines.key(line, "exceptions"))
            ok = False
    entry_id = raw.get("id")
    if entry_id is None and term:
        entry_id = slug(term)
    if not isinstance(entry_id, str) or not ID_PATTERN.fullmatch(entry_id or ""):
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
        unless_next=tuple(w.lower().replace("\u2019", "'") for w in unless_next),
        unless_prev=tuple(w.lower().replace("\u2019", "'") for w in unless_prev),
        fix=fix,
    )
