"""Human-readable views of the lexicons: list, show a category or entry, explain a term."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from framing.errors import NotFound
from framing.lexicon import Entry, Lexicon, load_lexicon
from framing.rules.core import Category, Rule


def _load(paths: Iterable[Path], defaults: bool) -> Lexicon:
    return load_lexicon([Path(p) for p in paths], include_defaults=defaults)


def _detector_categories() -> list[tuple[Category, str]]:
    """The categories whose findings come from rules in a detector module, not from a lexicon,
    with the detector that reports them (framing.detectors.REGISTRY)."""
    from framing.detectors import detector_rules

    categories, rules = detector_rules()
    detector = {rule.category: rule.detector for rule in rules}
    return [(category, detector[category.id]) for category in categories]


def _detector_rules() -> dict[str, Rule]:
    from framing.detectors import detector_rules

    return {rule.id: rule for rule in detector_rules()[1]}


def list_categories(paths: Iterable[Path] = (), defaults: bool = True) -> str:
    from tabulate import tabulate

    lexicon = _load(paths, defaults)
    rows = []
    for category in lexicon.categories.values():
        count = sum(1 for e in lexicon.entries if e.category == category.id)
        rows.append([category.id, category.name, count, category.severity, category.weight, category.path])
    for category, module in _detector_categories():
        rows.append([category.id, category.name, "(detector)", category.severity, category.weight,
                     f"framing.detectors.{module}"])
    total = len(lexicon.entries)
    table = tabulate(rows, headers=["id", "name", "entries", "severity", "weight", "file"])
    return f"{table}\n\n{total} entries in {len(lexicon.categories)} lexicon categories"


def _where(entry: Entry) -> str:
    """Where an entry is written: a user's file as given; a default one by its name in framing's
    own lexicons (their folder differs between a checkout and an installed package)."""
    if not entry.custom and entry.path.startswith("lexicons/"):
        return f"{entry.path.removeprefix('lexicons/')} line {entry.line}, in framing's default lexicons"
    return f"{entry.path}:{entry.line}"


def near(term: str, paths: Iterable[Path] = (), defaults: bool = True, limit: int = 5) -> list[str]:
    """Entries a term that matches nothing is part of ('unauthorized' -> 'unauthorized presence'),
    or whose terms are spelled closely: what `explain` suggests instead."""
    from difflib import get_close_matches

    lexicon = _load(paths, defaults)
    words = " ".join(term.lower().replace("-", " ").split())
    found = []
    for entry in lexicon.entries:
        for surface in (entry.term, *entry.variants):
            if words and f" {words} " in f" {surface.replace('-', ' ')} ":
                found.append(f"{entry.rule} ({surface!r})")
                break
    if not found:
        terms = {e.term: e for e in lexicon.entries}
        found = [f"{terms[t].rule} ({t!r})" for t in get_close_matches(term.lower(), list(terms), n=limit, cutoff=0.8)]
    return found[:limit]


def describe_entry(entry: Entry) -> str:
    lines = [
        f"{entry.rule}  ({entry.severity}, weight {entry.weight:g})",
        f"  term:        {entry.term}",
    ]
    if entry.variants:
        lines.append(f"  variants:    {', '.join(entry.variants)}")
    if entry.forms:
        lines.append(f"  forms:       {', '.join(entry.forms)}")
    if entry.exceptions:
        lines.append(f"  exceptions:  {', '.join(entry.exceptions)}")
    if entry.unless_next:
        lines.append(f"  unless next: {', '.join(entry.unless_next)}")
    if entry.unless_prev:
        lines.append(f"  unless prev: {', '.join(entry.unless_prev)}")
    lines += [
        f"  why:         {entry.explanation}",
        f"  instead:     {entry.suggestion}",
        f"  defined at:  {_where(entry)}",
    ]
    for reference in entry.references:
        lines.append(f"  source:      {reference}")
    return "\n".join(lines)


def describe_rule(rule: Rule) -> str:
    lines = [
        f"{rule.id}  ({rule.severity}, weight {rule.weight:g})",
        f"  name:        {rule.name}",
        f"  why:         {rule.explanation}",
        f"  instead:     {rule.suggestion}",
        f"  defined in:  {rule.path}",
    ]
    lines += [f"  source:      {reference}" for reference in rule.references]
    return "\n".join(lines)


def show(identifier: str, paths: Iterable[Path] = (), defaults: bool = True) -> str:
    from tabulate import tabulate

    lexicon = _load(paths, defaults)
    if "/" in identifier:
        entry = lexicon.entry(identifier)
        if entry is None:  # a detector's rule, or an alias of a renamed one (the rule registry knows both)
            from framing.rules import registry

            rule = registry(paths, defaults).rule(identifier)
            if rule is not None:
                entry = lexicon.entry(rule.id)
                if entry is None:
                    return describe_rule(rule)
        if entry is None:
            raise NotFound(f"no lexicon entry or rule {identifier!r}")
        category = lexicon.categories[entry.category]
        return describe_entry(entry) + "\n" + "\n".join(f"  source:      {r}" for r in category.references)
    category = lexicon.categories.get(identifier)
    detectors = {c.id: (c, module) for c, module in _detector_categories()}
    if category is None and identifier in detectors:
        found, module = detectors[identifier]
        rules = [rule.id for rule in _detector_rules().values() if rule.category == identifier]
        return "\n".join([
            f"{found.name} ({found.id})", found.description,
            f"default severity {found.severity}, weight {found.weight:g}; found by rules in framing.detectors.{module}"
            " (no lexicon entries)",
            f"Rules: {', '.join(rules)}",
            "Sources:", *(f"  - {r}" for r in found.references),
        ])
    if category is None:
        known = sorted([*lexicon.categories, *detectors])
        raise NotFound(f"no category {identifier!r} (known: {', '.join(known)})")
    entries = [e for e in lexicon.entries if e.category == identifier]
    head = [
        f"{category.name} ({category.id})",
        category.description,
        f"default severity {category.severity}, weight {category.weight:g}, {len(entries)} entries, from {category.path}",
        "Sources:",
        *(f"  - {r}" for r in category.references),
        "",
    ]
    rows = [[e.term, ", ".join(e.variants), e.severity, f"{e.weight:g}", e.suggestion] for e in entries]
    table = tabulate(rows, headers=["term", "variants", "severity", "weight", "suggestion"], maxcolwidths=[None, 30, None, None, 60])
    return "\n".join(head) + table


def explain_term(term: str, paths: Iterable[Path] = (), defaults: bool = True) -> str | None:
    """The entries that match inside `term`, as the analyzer would report them."""
    from framing.detectors.lexicon import LexiconDetector

    lexicon = _load(paths, defaults)
    detector = LexiconDetector(lexicon)
    matches = detector.matches(term)
    if not matches:
        excused = detector.excepted(term)
        if not excused:
            return None
        return "\n\n".join(
            f"{term!r} is an exception of {entry.rule}: the term has an innocent sense here and is not reported.\n"
            + describe_entry(entry)
            for entry in excused
        )
    blocks = []
    for start, end, entry in matches:
        matched = term[start:end]
        how = "" if matched.lower() == entry.term else f"  (matches {entry.term!r})"
        blocks.append(f"{matched!r}{how}\n" + describe_entry(entry))
    return "\n\n".join(blocks)
