"""Actor-naming concept sets (lexicons/en/actors.toml): the words for one kind of actor or
act, each with its connotation, so outlets can be compared by the word they choose.

A concept set is matched like a lexicon (same spellings, inflections and wildcards): each
set becomes a category and each member an entry, so one matcher serves both.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from framing.errors import LexiconError
from framing.lexicon.entries import Entry, Lexicon
from framing.lexicon.files import is_concept_file, lexicon_files, read_lexicon_text
from framing.lexicon.terms import ID_PATTERN, check_term, inflect_mode, slug
from framing.rules.core import Category
from framing.tomlfile import Lines, load_toml

CONNOTATIONS = ("neutral", "negative", "positive")
_MEMBER_KEYS = {"term", "connotation", "reason", "variants", "forms", "inflect", "spaced"}
_CONCEPT_KEYS = {"id", "name", "description", "member"}


@dataclass(frozen=True)
class Member:
    term: str
    connotation: str
    reason: str
    variants: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    inflect: str = "all"
    spaced: bool = True
    line: int = 0


@dataclass(frozen=True)
class Concept:
    id: str
    name: str
    description: str
    members: tuple[Member, ...]
    path: str = ""
    line: int = 0

    def member(self, term: str) -> Member | None:
        return next((m for m in self.members if m.term == term), None)


def parse_concepts(text: str, path: str) -> tuple[list[Concept], list[LexiconError]]:
    """Concept sets of one file and every problem in it, with its line."""
    problems: list[LexiconError] = []
    try:
        data = load_toml(text, path, LexiconError)
    except LexiconError as exc:
        return [], [exc]
    lines = Lines(text)
    concept_lines = lines.headers("concept", array=True)
    member_lines = lines.headers("concept.member", array=True)
    concepts: list[Concept] = []
    seen: dict[str, int] = {}
    member_index = 0
    for index, raw in enumerate(data.get("concept", [])):
        line = concept_lines[index] if index < len(concept_lines) else 1
        for key in raw:
            if key not in _CONCEPT_KEYS:
                problems.append(LexiconError(f"unknown key {key!r} in [[concept]]", path, line))
        cid = raw.get("id")
        if not isinstance(cid, str) or not ID_PATTERN.fullmatch(cid):
            problems.append(LexiconError(f"concept id {cid!r} must be lowercase letters, digits and hyphens", path, line))
            cid = None
        for key in ("name", "description"):
            if not isinstance(raw.get(key), str) or not raw[key].strip():
                problems.append(LexiconError(f"[[concept]] needs a non-empty {key!r}", path, line))
        members = []
        raw_members = raw.get("member", [])
        if len(raw_members) < 2:
            problems.append(LexiconError("a concept set needs at least two members", path, line))
        for member in raw_members:
            m_line = member_lines[member_index] if member_index < len(member_lines) else line
            member_index += 1
            parsed = _parse_member(member, path, m_line, problems)
            if parsed is None:
                continue
            for surface in (parsed.term, *parsed.variants):
                if surface in seen:
                    problems.append(LexiconError(f"term {surface!r} already appears at line {seen[surface]}", path, m_line))
                seen.setdefault(surface, m_line)
            members.append(parsed)
        if cid and members:
            if not any(m.connotation == "neutral" for m in members):
                problems.append(LexiconError(f"concept {cid!r} has no neutral member", path, line))
            concepts.append(Concept(cid, str(raw.get("name", cid)), str(raw.get("description", "")), tuple(members), path, line))
    if not data.get("concept"):
        problems.append(LexiconError("no [[concept]] tables", path, 1))
    return concepts, problems


def _parse_member(raw: dict, path: str, line: int, problems: list[LexiconError]) -> Member | None:
    for key in raw:
        if key not in _MEMBER_KEYS:
            problems.append(LexiconError(f"unknown key {key!r} in [[concept.member]]", path, line))
    term, connotation, reason = raw.get("term"), raw.get("connotation"), raw.get("reason")
    ok = True
    if not isinstance(term, str) or check_term(term):
        problems.append(LexiconError(f"member term {term!r} {check_term(term) if isinstance(term, str) else 'must be a string'}", path, line))
        ok = False
    if connotation not in CONNOTATIONS:
        problems.append(LexiconError(f"connotation must be one of {', '.join(CONNOTATIONS)}, not {connotation!r}", path, line))
        ok = False
    if not isinstance(reason, str) or not reason.strip():
        problems.append(LexiconError("a member needs a non-empty 'reason'", path, line))
        ok = False
    lists = {}
    for key in ("variants", "forms"):
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and not check_term(v) and "*" not in v for v in value):
            problems.append(LexiconError(f"{key!r} must be a list of plain terms", path, line))
            ok = False
            value = []
        lists[key] = tuple(v.lower() for v in value)
    flags = {}
    spaced = raw.get("spaced", True)
    if not isinstance(spaced, bool):
        problems.append(LexiconError("'spaced' must be true or false", path, line))
        ok = False
    flags["spaced"] = bool(spaced)
    flags["inflect"], why = inflect_mode(raw.get("inflect"), term)
    if why:
        problems.append(LexiconError(why, path, line))
        ok = False
    if not ok:
        return None
    return Member(term.lower(), connotation, reason.strip(), lists["variants"], lists["forms"],
                  flags["inflect"], flags["spaced"], line)


def load_concepts(paths: Iterable[Path] = (), include_defaults: bool = True) -> list[Concept]:
    """Concept sets from the default actors.toml (unless excluded) and the given files or folders."""
    from framing import resources

    sources: list[tuple[str, str]] = []
    if include_defaults:
        text = resources.default_concept_text()
        if text is not None:
            sources.append(("lexicons/en/actors.toml", text))
    for path in paths:
        for file in lexicon_files(Path(path)):
            text = read_lexicon_text(file)
            if is_concept_file(text):
                sources.append((str(file), text))
    concepts: list[Concept] = []
    for display, text in sources:
        found, problems = parse_concepts(text, display)
        if problems:
            raise problems[0]
        concepts.extend(found)
    return concepts


def as_lexicon(concepts: list[Concept]) -> Lexicon:
    """The concept sets as a lexicon (set = category, member = entry), for the matcher."""
    lexicon = Lexicon()
    for concept in concepts:
        neutral = ", ".join(f"'{m.term}'" for m in concept.members if m.connotation == "neutral")
        category = Category(concept.id, concept.name, concept.description, "info", 0.0, (), concept.path)
        entries = [
            Entry(
                id=slug(m.term), category=concept.id, term=m.term, explanation=m.reason,
                suggestion=f"Neutral: {neutral}", severity="info", weight=0.0, variants=m.variants,
                forms=m.forms, inflect=m.inflect, spaced=m.spaced, path=concept.path, line=m.line,
            )
            for m in concept.members
        ]
        lexicon.add(category, entries)
    return lexicon
