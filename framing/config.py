"""Settings: defaults, then a config file, then command-line flags, checked in one place.

A run is described by plain settings objects: `InputSettings` (which files, how to read
them) and `AnalyzerSettings` (which lexicons, detectors and thresholds). The CLI builds them
and hands them to the library, which never parses options itself.

Config files are found as ruff and Vale find theirs: `.framing.toml` (keys at the top level)
or a `[tool.framing]` table in `pyproject.toml`, the nearest one walking up from the current
directory; `--config FILE` names one, `--isolated` ignores them. Paths in a config file are
relative to the file. Every unknown key or wrong value is reported with the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Iterable, Mapping

from framing.errors import ConfigError
from framing.rules.core import SEVERITIES

QUOTED_WEIGHT = 0.5  # findings inside direct quotations: the source's words weigh half
THRESHOLD = 0.5  # probability at which a newly trained classifier calls a sentence biased
MODEL = "default"
INPUT_FORMATS = ("auto", "text", "html", "jsonl", "csv", "json")
MAX_BYTES = 100_000_000  # the most of one input (a file, stdin, a corpus row) that is read
FIELD_KEYS = ("text", "title", "outlet", "id", "date", "url")
CONFIG_FILE = ".framing.toml"


@dataclass(frozen=True)
class Fields:
    """Corpus field names (JSONL keys, CSV columns) of each document part."""

    text: str = "text"
    title: str = "title"
    outlet: str = "outlet"
    id: str = "id"
    date: str = "date"
    url: str = "url"

    def with_pairs(self, pairs: Iterable[str], option: str = "--field") -> Fields:
        """These fields with `KEY=NAME` pairs applied ('text=body')."""
        changes = {}
        for pair in pairs:
            key, sep, name = pair.partition("=")
            key, name = key.strip(), name.strip()
            if not sep or not name:
                raise ConfigError(f"{option} takes KEY=NAME (e.g. text=body), not {pair!r}")
            if key not in FIELD_KEYS:
                raise ConfigError(f"{option}: unknown field {key!r} (known: {', '.join(FIELD_KEYS)})")
            changes[key] = name
        return replace(self, **changes)


@dataclass(frozen=True)
class InputSettings:
    paths: tuple[str, ...] = ()
    fields: Fields = Fields()
    input_format: str = "auto"
    max_bytes: int = MAX_BYTES

    def check(self) -> InputSettings:
        if self.input_format not in INPUT_FORMATS:
            raise ConfigError(f"--input-format must be one of {', '.join(INPUT_FORMATS)}")
        if isinstance(self.max_bytes, bool) or not isinstance(self.max_bytes, int) or self.max_bytes < 1:
            raise ConfigError("--max-bytes must be a whole number of bytes, at least 1")
        return self


@dataclass(frozen=True)
class AnalyzerSettings:
    """What an Analyzer is built from. `detectors=None` means the registry's defaults."""

    lexicons: tuple[Path, ...] = ()
    default_lexicons: bool = True
    categories: tuple[str, ...] | None = None
    min_severity: str = "info"
    detectors: tuple[str, ...] | None = None
    exclude: tuple[str, ...] = ()
    quoted_weight: float = QUOTED_WEIGHT
    actors: tuple[Path, ...] = ()
    model: str = MODEL
    threshold: float | None = None

    def check(self) -> AnalyzerSettings:
        """These settings, or a ConfigError saying what is wrong with them."""
        from framing.detectors import NAMES

        if self.min_severity not in SEVERITIES:
            raise ConfigError(f"--min-severity must be one of {', '.join(SEVERITIES)}")
        names = set(self.detectors or ()) - {"all"}
        unknown = sorted((names | set(self.exclude)) - set(NAMES))
        if unknown:
            raise ConfigError(f"unknown detector {', '.join(unknown)} (known: {', '.join(NAMES)})")
        check_fraction(self.quoted_weight, "the weight of quoted findings")
        if self.threshold is not None:
            check_fraction(self.threshold, "the classifier threshold")
        return self

    def detector_names(self) -> list[str]:
        """The detectors to run, in registry order."""
        from framing.detectors import DEFAULT, NAMES

        names = list(self.detectors) if self.detectors else list(DEFAULT)
        if "all" in names:
            names = list(NAMES)
        return [n for n in NAMES if n in names and n not in set(self.exclude)]


def is_fraction(value: Any) -> bool:
    return not isinstance(value, bool) and isinstance(value, (int, float)) and 0 <= value <= 1


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """' (did you mean 'detectors'?)' when a known name is close to `name`, else ''."""
    from difflib import get_close_matches

    close = get_close_matches(name, sorted(known), n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""


def check_fraction(value: float, what: str) -> float:
    if not is_fraction(value):
        raise ConfigError(f"{what} must be between 0 and 1")
    return float(value)


# ----------------------------------------------------------------------------- config files


@dataclass(frozen=True)
class ConfigFile:
    """A config table and where it came from; `header` is the line its table starts at
    (0 for a `.framing.toml`, whose keys sit at the top level)."""

    path: Path
    data: Mapping[str, Any] = field(default_factory=dict)
    text: str = ""
    header: int = 0
    table: str = ""  # "tool.framing" in pyproject.toml

    def line(self, key: str, table: str | None = None) -> int:
        """The line of `key = ...` in `table` (the file's own table when None), or of a `[key]`
        table header when the key is a table."""
        from framing.tomlfile import Lines

        lines = Lines(self.text)
        name = ".".join(part for part in (self.table, table or "") if part)
        header = lines.header(name, 0) if name else 0
        found = lines.key(header, key)
        if found == (header or 1):
            as_table = lines.header(".".join(part for part in (name, key) if part), 0)
            if as_table:
                return as_table
        return found

    def error(self, message: str, key: str, table: str | None = None) -> ConfigError:
        return ConfigError(message, str(self.path), self.line(key, table))

    def resolve(self, value: str) -> Path:
        path = Path(value)
        return path if path.is_absolute() else self.path.parent / path


def find_config(start: Path | None = None) -> Path | None:
    """The nearest `.framing.toml`, or `pyproject.toml` with a [tool.framing] table, looking no
    further up than the repository's root (the folder with `.git`): a config file above the
    repository is not the project's."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
        project = folder / "pyproject.toml"
        if project.is_file() and _has_tool_table(project):
            return project
        if (folder / ".git").exists():
            return None
    return None


def _has_tool_table(path: Path) -> bool:
    import tomllib

    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    try:
        return "framing" in tomllib.loads(text).get("tool", {})
    except tomllib.TOMLDecodeError:
        # Broken: ours to report only if it means to configure framing.
        return re.search(r"^\s*\[\s*tool\.framing\s*[\].]", text, re.MULTILINE) is not None


def load_config(path: Path) -> ConfigFile:
    from framing.tomlfile import load_toml

    try:
        text = path.read_text("utf-8-sig")
    except FileNotFoundError:
        raise ConfigError("no such config file", str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config file: {getattr(exc, 'strerror', None) or exc}", str(path)) from None
    data = load_toml(text, str(path), ConfigError)
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("framing", {})
        if not isinstance(table, dict):
            raise ConfigError("[tool.framing] must be a table", str(path), 1)
        return ConfigFile(path, table, text, table="tool.framing")
    return ConfigFile(path, data, text)


def discover(config: Path | None = None, isolated: bool = False) -> ConfigFile | None:
    """The config file a run uses: the one named, none when isolated, else the nearest."""
    if isolated and config is not None:
        raise ConfigError("--config and --isolated exclude each other: --isolated ignores every config file")
    if isolated:
        return None
    if config is not None:
        return load_config(Path(config))
    found = find_config()
    return load_config(found) if found else None


# Config keys of analysis runs and the settings they set. `check` adds its policy keys.
_ANALYZER_KEYS = {
    "lexicons": "lexicons", "default-lexicons": "default_lexicons", "categories": "categories",
    "min-severity": "min_severity", "detectors": "detectors", "quoted-weight": "quoted_weight",
    "actors": "actors", "model": "model", "threshold": "threshold",
}
_INPUT_KEYS = {"input-format": "input_format", "fields": "fields", "max-bytes": "max_bytes"}
KNOWN_KEYS: set[str] = set(_ANALYZER_KEYS) | set(_INPUT_KEYS)


def settings_from_config(config: ConfigFile | None, known: Iterable[str] = ()) -> tuple[dict, dict]:
    """(analyzer changes, input changes) from a config file, every value checked; keys in
    `known` belong to another layer (a command's policy) and are passed over."""
    if config is None:
        return {}, {}
    analyzer: dict[str, Any] = {}
    inputs: dict[str, Any] = {}
    allowed = KNOWN_KEYS | set(known)
    for key, value in config.data.items():
        if key not in allowed:
            hint = did_you_mean(key, allowed) or f" (known: {', '.join(sorted(allowed))})"
            raise config.error(f"unknown key {key!r}{hint}", key)
        if key in _ANALYZER_KEYS:
            analyzer[_ANALYZER_KEYS[key]] = _analyzer_value(config, key, value)
        elif key == "input-format":
            if value not in INPUT_FORMATS:
                raise config.error(f"'input-format' must be one of {', '.join(INPUT_FORMATS)}", key)
            inputs["input_format"] = value
        elif key == "max-bytes":
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise config.error("'max-bytes' must be a whole number of bytes, at least 1", key)
            inputs["max_bytes"] = value
        elif key == "fields":
            if not isinstance(value, dict):
                raise config.error("'fields' must be a table of field names (text = \"body\")", key)
            for name, field_name in value.items():
                if not isinstance(field_name, str) or not field_name:
                    raise config.error(f"[fields] {name!r} must be a field name (a non-empty string)", name, "fields")
            for name in value:
                if name not in FIELD_KEYS:
                    raise config.error(f"unknown field {name!r}{did_you_mean(name, FIELD_KEYS)} (known: "
                                       f"{', '.join(FIELD_KEYS)})", name, "fields")
            inputs["fields"] = replace(Fields(), **value)
    if "categories" in analyzer:
        _check_categories(config, analyzer)
    return analyzer, inputs


def _check_categories(config: ConfigFile, analyzer: dict) -> None:
    """Unknown category ids, named at their line: the categories of the lexicons this config loads
    and of the detectors."""
    from framing.detectors import detector_rules
    from framing.lexicon import load_lexicon

    lexicon = load_lexicon(analyzer.get("lexicons", ()), include_defaults=analyzer.get("default_lexicons", True))
    known = {*lexicon.categories, *(c.id for c in detector_rules()[0])}
    for name in analyzer["categories"]:
        if name not in known:
            raise config.error(f"unknown category {name!r}{did_you_mean(name, known)}", "categories")


def _analyzer_value(config: ConfigFile, key: str, value: Any) -> Any:
    def strings() -> tuple[str, ...]:
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise config.error(f"{key!r} must be a list of strings", key)
        return tuple(value)

    if key in ("lexicons", "actors"):
        paths = tuple(config.resolve(v) for v in strings())
        for given, path in zip(strings(), paths):
            if not path.exists():
                raise config.error(f"{key!r}: no such file or folder {given!r} (relative to the config file)", key)
        return paths
    if key == "detectors":
        from framing.detectors import NAMES

        for name in strings():
            if name not in (*NAMES, "all"):
                raise config.error(f"unknown detector {name!r}{did_you_mean(name, NAMES)} (known: {', '.join(NAMES)})",
                                   key)
        return strings()
    if key == "categories":
        return strings()
    if key == "default-lexicons":
        if not isinstance(value, bool):
            raise config.error("'default-lexicons' must be true or false", key)
        return value
    if key == "min-severity":
        if value not in SEVERITIES:
            raise config.error(f"'min-severity' must be one of {', '.join(SEVERITIES)}, not {value!r}", key)
        return value
    if key in ("quoted-weight", "threshold"):
        if not is_fraction(value):
            raise config.error(f"{key!r} must be a number between 0 and 1", key)
        return float(value)
    if key == "model":
        if not isinstance(value, str) or not value:
            raise config.error("'model' must be a file name or \"default\"", key)
        if value != MODEL and not config.resolve(value).is_file():
            raise config.error(f"'model': no such file {value!r} (relative to the config file)", key)
        return value if value == MODEL else str(config.resolve(value))
    raise AssertionError(key)  # pragma: no cover - every key above is handled


def merge(base: Any, **flags: Any) -> Any:
    """`base` with the flags that were given (None means not given) laid over it."""
    names = {f.name for f in fields(base)}
    return replace(base, **{k: v for k, v in flags.items() if v is not None and k in names})
