"""The vocabulary every layer shares: severities, categories and rules, as immutable records.
framing.rules (the package) puts them in a registry."""

from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}
STATUSES = ("stable", "preview", "removed")


@dataclass(frozen=True)
class Category:
    """A family of rules: a lexicon file, or the checks of one detector."""

    id: str
    name: str
    description: str
    severity: str
    weight: float
    references: tuple[str, ...]
    path: str = ""  # the lexicon file it comes from, or the detector module


@dataclass(frozen=True)
class Rule:
    """One kind of finding. `explanation` says why the wording frames, `suggestion` what to
    write instead; both are what `explain`, `lexicon show` and SARIF help text print."""

    id: str
    category: str
    detector: str
    severity: str
    weight: float
    explanation: str
    suggestion: str
    references: tuple[str, ...] = ()
    status: str = "stable"
    aliases: tuple[str, ...] = ()  # earlier ids of this rule, still accepted
    name: str = ""  # a short title ("Scare quotes"); lexicon rules use their term
    path: str = ""  # where the rule is defined: lexicon file:line or detector module
    fix: str | None = None  # a safe replacement `framing check --fix` may apply ("" deletes the match)


def category_rule(category: Category, name: str, detector: str, explanation: str, suggestion: str, title: str,
                  path: str, weight: float | None = None) -> Rule:
    """A detector's rule `category/name`, with the category's severity, weight and references."""
    return Rule(
        id=f"{category.id}/{name}", category=category.id, detector=detector, severity=category.severity,
        weight=category.weight if weight is None else weight, explanation=explanation, suggestion=suggestion,
        references=category.references, name=title, path=path,
    )
