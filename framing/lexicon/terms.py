"""Terms: which strings a lexicon may match, how entry ids are made, and inflection settings."""

from __future__ import annotations

import re

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")  # category, entry and concept ids
_TERM_CHARS = re.compile(r"^[\w .,'&/-]+$")
INFLECT_MODES = ("all", "plural", "none")
# Limits that keep loading linear and start-up short: a 30,000-character term took the automaton
# build 42 s. Real entries are a few words; the longest default term has under 40 characters.
MAX_TERM_LENGTH = 200  # characters in a term, variant, form or exception
MAX_SPELLINGS = 100  # variants + forms + exceptions of one entry
MAX_ENTRIES = 50_000  # entries in one lexicon file


def slug(term: str) -> str:
    """An entry id from its term: 'so-called' -> 'so-called', '*-backed' -> 'any-backed'."""
    return re.sub(r"[^a-z0-9]+", "-", term.lower().replace("*", "any")).strip("-")


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
    if len(term.lower()) != len(term):
        return "has a character whose lowercase is two characters (such as 'İ'), so it could never match"
    if "  " in term.strip() or any(ch in term for ch in "\t\n\r"):
        return "has a run of spaces or a tab or line break: write single spaces between words"
    if len(term) > MAX_TERM_LENGTH:
        return f"is {len(term):,} characters long; the limit is {MAX_TERM_LENGTH}"
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


def contains_term(phrase: str, surfaces: list[str]) -> bool:
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
