"""Comparison with uncertainty: groups of articles (outlets, events, periods, any metadata key)
with per-measure means, medians and bootstrap intervals, and pairwise differences with
permutation tests, effect sizes and adjusted p-values (`framing compare`).

The unit is the article: every statistic is over per-document records (`framing.records`), so
an outlet's mean is the mean of its articles' values, and intervals resample articles (or, paired
`within="event"`, the events two groups have both covered). The numbers come from
`framing.statistics`; this module chooses the measures, forms the groups and pairs, and builds
the `framing/comparison@2` result.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np

from framing import grouping
from framing.errors import ConfigError
from framing.report import COMPARISON_SCHEMA as SCHEMA
from framing.report import ComparisonGroup as Group
from framing.report import ComparisonPair as Pair
from framing.report import ComparisonResult

__all__ = ["SCHEMA", "ComparisonResult", "Measure", "available_measures", "compare"]
RESAMPLES = 2000
MIN_DOCUMENTS = 5
DIGITS = 4  # measures, intervals, differences and effects are rounded to this many decimals
P_DIGITS = 6
WITHIN = ("event",)


@dataclass(frozen=True)
class Measure:
    """An output measure: `name` in the result, read from the record column `column`; with a
    `denominator` column, an article where that count is 0 has no value (its share is undefined)."""

    name: str
    column: str
    denominator: str | None = None


def available_measures(columns: Iterable[str]) -> list[Measure]:
    """Every measure the record columns allow, in output order: the framing index, each category's
    density per 1,000 words (named by the category id), then the per-article forms of the
    detectors' comparison columns (`attribution.anonymous_share`, `tone.mean`, ...)."""
    from framing.detectors import REGISTRY

    columns = set(columns)
    found = [Measure("framing_index", "framing_index")] if "framing_index" in columns else []
    suffix = ".per_1000_words"
    for column in sorted(columns):
        name = column[: -len(suffix)]
        if column.endswith(suffix) and "." not in name:
            found.append(Measure(name, column))
    for info in REGISTRY:
        for col in info.columns:
            if col.denominator == "documents":
                source, denominator = col.numerator, None
            elif col.denominator == "words":
                source, denominator = f"{col.numerator}_per_1000_words", None
            else:
                source, denominator = f"{info.section}.{col.name}", col.denominator
            if source in columns:
                found.append(Measure(source, source, denominator if denominator in columns else None))
    return found


def _number(value: float, digits: int = DIGITS) -> float | None:
    value = float(value)
    if math.isnan(value) or math.isinf(value):
        return None
    rounded = round(value, digits)
    return 0.0 if rounded == 0 else rounded  # never -0.0


def _number_of(raw) -> float:
    if raw is None or raw == "" or isinstance(raw, bool):
        return math.nan
    try:
        return float(raw)
    except (TypeError, ValueError):
        return math.nan


def _check(by: Sequence[str], within: str | None, adjust: str, min_documents: int, resamples: int,
           seed: int) -> None:
    from framing.statistics import ADJUSTMENTS

    if not by:
        raise ConfigError("--by needs at least one field")
    if len(set(by)) != len(by):
        raise ConfigError("--by names a field twice")
    if within is not None and within not in WITHIN:
        raise ConfigError(f"--within must be {' or '.join(WITHIN)}")
    if within == "event" and "event" in by:
        raise ConfigError("--within event compares groups on shared events: it cannot be used with --by event")
    if adjust not in ADJUSTMENTS:
        raise ConfigError(f"--adjust must be one of {', '.join(ADJUSTMENTS)}")
    if min_documents < 1:
        raise ConfigError("--min-documents must be at least 1")
    if resamples < 100:
        raise ConfigError("--resamples must be at least 100")
    if seed < 0:
        raise ConfigError("--seed must be 0 or more")


class _Table:
    """The records reduced to what the comparison needs: group keys, events and a float matrix
    of every numeric record column (NaN where a record has no value)."""

    def __init__(self, records: Iterable[dict], by: Sequence[str]):
        self.keys: list[tuple[str, ...]] = []
        self.events: list[str | None] = []
        self.unknown: dict[str, int] = {}
        columns: list[str] | None = None
        rows: list[list] = []
        for record in records:
            if columns is None:
                columns = _needed(record)
            key = grouping.key(record, by)
            for name, part in zip(by, key):
                if part == grouping.UNKNOWN:
                    self.unknown[name] = self.unknown.get(name, 0) + 1
            self.keys.append(key)
            self.events.append(grouping.event_of(record))
            rows.append([record.get(c) for c in columns])
        self.columns = columns or []
        try:  # numbers (or numeric strings) throughout: one conversion
            self.values = np.array(rows, dtype=np.float64).reshape(len(rows), len(self.columns))
        except (TypeError, ValueError):
            self.values = np.array([[_number_of(v) for v in row] for row in rows],
                                   dtype=np.float64).reshape(len(rows), len(self.columns))
        self.index = {c: i for i, c in enumerate(self.columns)}

    def matrix(self, measures: list[Measure]) -> np.ndarray:
        out = np.empty((len(self.keys), len(measures)))
        for j, measure in enumerate(measures):
            column = self.values[:, self.index[measure.column]]
            if measure.denominator is not None:
                column = np.where(self.values[:, self.index[measure.denominator]] > 0, column, np.nan)
            out[:, j] = column
        return out


def _needed(record: dict) -> list[str]:
    """The record columns a comparison can read: its measures, their denominators and each
    category's count (every record of a corpus has the same columns)."""
    needed = []
    for measure in available_measures(record):
        needed += [measure.column, measure.denominator, measure.name + ".count"]
    return [c for c in dict.fromkeys(needed) if c is not None and c in record]


def _choose(table: _Table, wanted: Sequence[str] | None) -> list[Measure]:
    available = available_measures(table.columns)
    if wanted is not None:
        by_name = {m.name: m for m in available}
        unknown = [name for name in wanted if name not in by_name]
        if unknown:
            raise ConfigError(f"unknown measure {unknown[0]!r}; the records have: {', '.join(by_name)}")
        return [by_name[name] for name in dict.fromkeys(wanted)]
    chosen = []
    for measure in available:
        column = table.values[:, table.index[measure.column]] if len(table.keys) else np.array([])
        count = measure.name + ".count"
        if count in table.index and measure.column.endswith(".per_1000_words"):
            # A category is shown when some article has it (as the density table did).
            if not np.nansum(table.values[:, table.index[count]]) and not np.nansum(column):
                continue
        chosen.append(measure)
    return chosen


MAX_PAIRS = 5000  # pairs of groups tested at most (each is a test per measure)


def _pairs(keys: list[tuple[str, ...]], by: Sequence[str], eligible: list[bool]) -> list[tuple[int, int]]:
    """Which groups are compared: eligible ones (not small) whose keys differ in exactly one
    field; where that field is a date period, only consecutive eligible periods (the later one
    first), "unknown" left out. Documents are never compared pairwise."""
    pairs: list[tuple[int, int]] = []
    if list(by) == ["document"]:
        return pairs
    for j, name in enumerate(by):
        rest: dict[tuple, list[int]] = {}
        for i, key in enumerate(keys):
            if eligible[i]:
                rest.setdefault(key[:j] + key[j + 1:], []).append(i)
        for members in rest.values():
            if name in grouping.PERIODS:
                timeline = sorted((i for i in members if keys[i][j] != grouping.UNKNOWN), key=lambda i: keys[i][j])
                pairs += [(later, earlier) for earlier, later in zip(timeline, timeline[1:])]
            else:
                if len(pairs) + len(members) * (len(members) - 1) // 2 > MAX_PAIRS:
                    raise _TooMany()
                pairs += [(x, y) for n, x in enumerate(members) for y in members[n + 1:]]
    return pairs


class _TooMany(Exception):
    pass


def _event_means(values: np.ndarray, events: list[str | None]) -> dict[str, np.ndarray]:
    """Per event, the NaN-aware mean of its articles' rows."""
    named = [i for i, e in enumerate(events) if e is not None]
    if not named:
        return {}
    labels = sorted({events[i] for i in named})
    position = {label: n for n, label in enumerate(labels)}
    inverse = np.array([position[events[i]] for i in named])
    rows = values[named]
    present = ~np.isnan(rows)
    sums = np.zeros((len(labels), rows.shape[1]))
    counts = np.zeros_like(sums)
    np.add.at(sums, inverse, np.where(present, rows, 0.0))
    np.add.at(counts, inverse, present)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = sums / counts
    return {label: means[n] for n, label in enumerate(labels)}


def compare(records: Iterable[dict], by: Sequence[str] = ("outlet",), within: str | None = None, seed: int = 0,
            adjust: str = "holm", min_documents: int = MIN_DOCUMENTS, measures: Sequence[str] | None = None,
            resamples: int = RESAMPLES, require_events: str | None = None) -> ComparisonResult:
    """Compare groups of per-document records (`framing.records.record` rows, or the rows of a
    records file).

    by: grouping fields (`document`, `outlet`, `event`, `day`, `week`, `month`, `year`, or any
        metadata key).
    within: "event" to compare groups on the events both have covered (paired over events);
        None for unpaired article-level comparisons. `within="auto"` means "event" when `by` is
        ["outlet"] and every record has an event, else None.
    measures: output measure names to keep (default: the framing index, every category some
        article has, and the detectors' per-article measures present in the records).
    Groups with fewer than `min_documents` articles are marked small and left out of the tests.
    require_events: when set, a record without an event is a ConfigError with this message.
    """
    from framing import statistics

    by = list(by)
    table = _Table(records, by)
    if require_events and any(e is None for e in table.events):
        raise ConfigError(require_events)
    if within == "auto":
        within = "event" if by == ["outlet"] and table.keys and all(e is not None for e in table.events) else None
    _check(by, within, adjust, min_documents, resamples, seed)
    chosen = _choose(table, measures)
    values = table.matrix(chosen)
    notes = []
    for name, count in table.unknown.items():
        what = {"outlet": "no outlet", "event": "no event"}.get(name)
        if name in grouping.PERIODS:
            what = "no usable date"
        notes.append(f"{count} document(s) with {what or f'no {name}'} are grouped as "
                     f"{grouping.value({}, name)!r}")

    members: dict[tuple[str, ...], list[int]] = {}
    for i, key in enumerate(table.keys):
        members.setdefault(key, []).append(i)
    keys = list(members)
    summaries = {key: statistics.summarize(values[members[key]], statistics.generator(seed, "group", repr(key)),
                                           resamples) for key in keys}

    def rank(key):
        if any(name in grouping.PERIODS for name in by) or not chosen or chosen[0].name != "framing_index":
            return (0.0, key)
        mean = summaries[key].mean[0]
        return (-mean if not math.isnan(mean) else math.inf, key)

    keys.sort(key=rank)
    groups = [Group(dict(zip(by, key)), len(members[key]), len(members[key]) < min_documents,
                    {m.name: {"mean": _number(summaries[key].mean[j]), "median": _number(summaries[key].median[j]),
                              "ci95": [_number(summaries[key].low[j]), _number(summaries[key].high[j])]}
                     for j, m in enumerate(chosen)})
              for key in keys]

    event_means = {}
    if within == "event":
        missing = sum(1 for e in table.events if e is None)
        if missing:
            notes.append(f"{missing} document(s) with no event are left out of the paired comparisons")
        event_means = {key: _event_means(values[members[key]], [table.events[i] for i in members[key]])
                       for key in keys}
    differences = []
    eligible = [len(members[key]) >= max(min_documents, 2) for key in keys]
    try:
        pairs = _pairs(keys, by, eligible)
    except _TooMany:
        pairs = []
        notes.append(f"more than {MAX_PAIRS} pairs of groups: none tested; group by fewer values or raise "
                     f"--min-documents")
    for x, y in pairs:
        a, b = keys[x], keys[y]
        rng = statistics.generator(seed, "pair", repr(a), repr(b))
        if within == "event":
            shared = sorted(set(event_means[a]) & set(event_means[b]))
            if len(shared) < 2:
                notes.append(f"{_label(a)} and {_label(b)} share {len(shared)} event(s): not compared")
                continue
            result = statistics.paired(np.array([event_means[a][e] for e in shared]),
                                       np.array([event_means[b][e] for e in shared]), rng, resamples)
        else:
            result = statistics.unpaired(values[members[a]], values[members[b]], summaries[a], summaries[b], rng,
                                         resamples)
        differences.append((a, b, result))

    p_values = np.array([r.p[j] for _, _, r in differences for j in range(len(chosen))], dtype=float)
    adjusted = statistics.ADJUSTMENTS[adjust](p_values) if len(p_values) else p_values
    tests = int(np.sum(~np.isnan(p_values)))
    if tests and adjust == "holm":
        least = min(r.floor for _, _, r in differences)
        if least * tests >= statistics.ALPHA:
            exact = least > 2.0 / (resamples + 1)
            notes.append(f"{tests} tests: no test here can give a p-value below {least:.4g}, so no Holm-adjusted "
                         f"p-value falls below {statistics.ALPHA}" + (
                             " (too few articles or events for more)" if exact else
                             f"; use --resamples {math.ceil(tests * 2 / statistics.ALPHA)} or more"))
    pairwise = []
    n = 0
    for a, b, result in differences:
        for j, measure in enumerate(chosen):
            p_adj = _number(adjusted[n], P_DIGITS)
            pairwise.append(Pair(
                dict(zip(by, a)), dict(zip(by, b)), measure.name, _number(result.difference[j]),
                [_number(result.low[j]), _number(result.high[j])], _number(result.effect[j]),
                _number(result.p[j], P_DIGITS), p_adj,
                bool(p_adj is not None and adjusted[n] < statistics.ALPHA), result.events))
            n += 1
    return ComparisonResult(by, within, seed, resamples, adjust, min_documents, [m.name for m in chosen], groups,
                            pairwise, notes)


def _label(key: tuple[str, ...]) -> str:
    return " / ".join(key)


def document_records(results, names: list[str], cluster: bool = False, threshold: float | None = None,
                     window: int | None | str = "default",
                     assigned: dict[str, str] | None = None) -> tuple[Iterable[dict], list[str]]:
    """The records of analysed documents (`framing.records.record`), and notes. Without `cluster`,
    a stream of records made as the documents are analysed (the comparison keeps only their
    numbers); with it, a list, in which documents without an `event` field get one from
    `framing.events.cluster` over their text (only their features are kept while the corpus is
    read, not the texts). `assigned` ({id or source: event}, `framing.events.read_assignments`)
    gives documents their saved events first."""
    from framing import events, records

    if not cluster:
        made = (records.record(result, names) for result in results)
        return (events.assign(made, assigned) if assigned else made), []
    rows, texts, positions = [], [], []
    for result in results:
        row = records.record(result, names)
        if assigned:
            row = next(events.assign([row], assigned))
        if cluster and grouping.event_of(row) is None:
            doc = result.document
            texts.append(events.features(doc.text[doc.body_start:]))
            positions.append(len(rows))
        rows.append(row)
    notes = []
    if texts:
        found = events.cluster(texts, [rows[i]["date"] for i in positions],
                               threshold=events.THRESHOLD if threshold is None else threshold,
                               window=events.WINDOW if window == "default" else window)
        for i, label in zip(positions, found.labels):
            rows[i]["event"] = label
        notes.append(f"{len(texts)} document(s) without an event field clustered into {len(found.events)} event(s) "
                     f"from their text (framing events shows them)")
        notes += found.notes
    return rows, notes
