"""The policy: which files `framing check` reads and how it grades what the detectors find.

It comes from the same config file as every other setting (`.framing.toml` or `[tool.framing]`,
framing.config), whose analysis keys (lexicons, detectors, ...) `check` reads too. Its own keys:
`include`, `exclude`, `fail-on`, `quoted`, `allow`, `[rules]`, `[thresholds]`. Every wrong key or
value is a ConfigError naming the file, the line and the key, with "did you mean" where a known
name is close.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from framing.config import ConfigFile, did_you_mean
from framing.errors import ConfigError
from framing.rules.core import SEVERITIES

DEFAULT_INCLUDE = ("**/*.md", "**/*.markdown", "**/*.txt", "**/*.html")
ALWAYS_EXCLUDED = (".git", ".venv", "node_modules")  # folder names, wherever they are
DETECTORS = ("lexicon", "quotes")  # word-level and fast enough for a pre-commit hook
LEVELS = ("off", *SEVERITIES)
FRAMING_INDEX = "framing-index"
POLICY_KEYS = ("include", "exclude", "fail-on", "quoted", "allow", "rules", "thresholds")


@dataclass(frozen=True)
class Policy:
    root: Path  # where relative paths and globs start: the config file's folder, or the current one
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    fail_on: str = "warning"
    quoted: bool = False  # whether findings inside direct quotations count
    allow: tuple[str, ...] = ()  # terms fine everywhere in the project
    rules: Mapping[str, str] = field(default_factory=dict)  # rule or category id -> off/info/warning/error
    thresholds: Mapping[str, float] = field(default_factory=dict)  # framing-index or category -> max per 1,000
    config: ConfigFile | None = None

    def level(self, rule: str, category: str, severity: str) -> str:
        """The severity a finding gets under this policy ("off": not reported); rule beats category."""
        return self.rules.get(rule) or self.rules.get(category) or severity

    def check_names(self, rules, categories) -> None:
        """Every id in [rules] and [thresholds] must be a known rule or category."""
        for rule_id in self.rules:
            if rule_id not in rules and rule_id not in categories:
                raise self._error(f"unknown rule or category {rule_id!r} in [rules]"
                                  f"{did_you_mean(rule_id, [*rules.ids(), *categories])}", rule_id, "rules")
        for measure in self.thresholds:
            if measure != FRAMING_INDEX and measure not in categories:
                raise self._error(f"unknown threshold {measure!r}: use {FRAMING_INDEX!r} or a category id"
                                  f"{did_you_mean(measure, [FRAMING_INDEX, *categories])}", measure, "thresholds")

    def _error(self, message: str, key: str, table: str | None = None) -> ConfigError:
        if self.config is None:
            return ConfigError(message)
        return self.config.error(message, key, table)


def policy_from_config(config: ConfigFile | None, root: Path | None = None) -> Policy:
    """The policy a config file sets (defaults where it is silent), every value checked."""
    if config is None:
        return Policy(root=(root or Path.cwd()))
    data = config.data
    values: dict[str, Any] = {}

    def strings(key: str) -> tuple[str, ...]:
        value = data[key]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise config.error(f"{key!r} must be a list of non-empty strings", key)
        return tuple(v.strip() for v in value)

    for key in ("include", "exclude"):
        if key in data:
            values[key] = strings(key)
            for pattern in values[key]:
                why = glob_problem(pattern)
                if why:
                    raise config.error(f"{key!r}: {why}: {pattern!r}", key)
    if "allow" in data:
        values["allow"] = strings("allow")
    if "fail-on" in data:
        if data["fail-on"] not in SEVERITIES:
            raise config.error(f"'fail-on' must be one of {', '.join(SEVERITIES)}, not {data['fail-on']!r}", "fail-on")
        values["fail_on"] = data["fail-on"]
    if "quoted" in data:
        if not isinstance(data["quoted"], bool):
            raise config.error("'quoted' must be true or false", "quoted")
        values["quoted"] = data["quoted"]
    if "rules" in data:
        table = data["rules"]
        if not isinstance(table, dict):
            raise config.error("[rules] must be a table of rule or category ids = off, info, warning or error", "rules")
        for rule_id, level in table.items():
            if level not in LEVELS:
                raise config.error(f"[rules] {rule_id!r} must be one of {', '.join(LEVELS)}, not {level!r}",
                                   rule_id, "rules")
        values["rules"] = dict(table)
    if "thresholds" in data:
        table = data["thresholds"]
        if not isinstance(table, dict):
            raise config.error("[thresholds] must be a table of framing-index or category ids = a number", "thresholds")
        for measure, limit in table.items():
            if isinstance(limit, bool) or not isinstance(limit, (int, float)) or limit < 0:
                raise config.error(f"[thresholds] {measure!r} must be a number >= 0 (per 1,000 words), not {limit!r}",
                                   measure, "thresholds")
        values["thresholds"] = {k: float(v) for k, v in table.items()}
    return Policy(root=config.path.parent.resolve(), config=config, **values)


def glob_problem(pattern: str) -> str | None:
    """Why a glob cannot be used, or None."""
    import pathspec

    if pattern.startswith("/") and len(pattern) > 1 and Path(pattern).is_absolute() and ":" in pattern:
        return "must be relative to the project"
    if pattern.count("[") != pattern.count("]"):
        return "unbalanced brackets"
    try:
        pathspec.PathSpec.from_lines("gitwildmatch", [pattern])
    except Exception as exc:  # pathspec's own errors name no common base class across versions
        return f"not a valid glob ({exc})"
    return None
