"""Rules: every id a finding can carry, with what it means, in one registry.

A rule id (`category/name`, e.g. `distancing/so-called`, `scare-quotes/quoted-term`) is public
interface: policies, suppressions, baselines and SARIF `ruleId` all key on it. Lexicon entries
are rules, and so are the checks written in detector modules (each declares a module-level
`RULES`). Once released an id stays: a renamed rule keeps its old id as an alias, a removed
one stays registered with status "removed" (ruff's codes table is the model).

    >>> import framing.rules as r
    >>> r.registry().rule("scare-quotes/quoted-term").category
    'scare-quotes'
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from framing.rules.core import SEVERITIES, SEVERITY_RANK, STATUSES, Category, Rule

__all__ = ["SEVERITIES", "SEVERITY_RANK", "STATUSES", "Category", "Registry", "Rule", "lexicon_rules", "registry"]

class Registry:
    """Rules and categories by id, in a fixed order (detector rules first, then lexicons)."""

    def __init__(self, categories: Iterable[Category] = (), rules: Iterable[Rule] = ()):
        self.categories: dict[str, Category] = {}
        self._rules: dict[str, Rule] = {}
        self._aliases: dict[str, str] = {}
        for category in categories:
            self.categories.setdefault(category.id, category)
        for rule in rules:
            self.add(rule)

    def add(self, rule: Rule) -> None:
        if rule.id in self._rules:
            return  # the first definition wins, as in the matcher
        self._rules[rule.id] = rule
        for alias in rule.aliases:
            self._aliases.setdefault(alias, rule.id)

    def rule(self, rule_id: str) -> Rule | None:
        """A rule by id or by one of its aliases."""
        found = self._rules.get(rule_id)
        if found is None and rule_id in self._aliases:
            found = self._rules[self._aliases[rule_id]]
        return found

    def __contains__(self, rule_id: str) -> bool:
        return self.rule(rule_id) is not None

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules.values())

    def __len__(self) -> int:
        return len(self._rules)

    def ids(self) -> list[str]:
        return list(self._rules)


def lexicon_rules(lexicon) -> list[Rule]:
    """The rules of a loaded lexicon: one per entry."""
    categories = lexicon.categories
    return [
        Rule(
            id=e.rule, category=e.category, detector="lexicon", severity=e.severity, weight=e.weight,
            explanation=e.explanation, suggestion=e.suggestion,
            references=e.references or categories[e.category].references,
            name=e.term, path=f"{e.path}:{e.line}", fix=e.fix,
        )
        for e in lexicon.entries
    ]


def registry(lexicons: Iterable[str | Path] = (), default_lexicons: bool = True) -> Registry:
    """Every rule: each registered detector's own rules, the lexicon entries (the default lexicons
    unless excluded, and the given files or folders), then those `framing check` reports itself."""
    from framing.detectors import detector_rules
    from framing.lexicon import load_lexicon

    from framing.check import rules as check_rules

    lexicon = load_lexicon([Path(p) for p in lexicons], include_defaults=default_lexicons)
    categories, rules = detector_rules()
    return Registry(
        [*categories, *lexicon.categories.values(), *check_rules.CATEGORIES],
        [*rules, *lexicon_rules(lexicon), *check_rules.RULES],
    )
