"""The result model: what an analysis produces, and all a renderer may read.

Findings are immutable records with code-point offsets into `Document.text`; a document's
result holds its findings and scores; a Report is a run's results with the input errors met
on the way and the rules that could fire. Comparison, actor and sentence tables are computed
in the library (framing.comparison, framing.actors, the classifier detector) and handed to
renderers as the plain types below, so every output format shows the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, Callable, Iterable

from framing import __version__

if TYPE_CHECKING:
    from framing.document import Document
    from framing.errors import InputError
    from framing.rules import Registry

ANALYSIS_SCHEMA = "framing/analysis@1"
CLASSIFICATION_SCHEMA = "framing/classification@1"


@dataclass(frozen=True)
class Finding:
    """One framing marker: text[start:end] of a document, the rule it breaks and why."""

    rule: str
    category: str
    detector: str
    text: str
    start: int
    end: int
    line: int
    column: int
    sentence: int
    severity: str
    weight: float  # what it adds to the framing index (already discounted when `quoted`)
    explanation: str
    suggestion: str
    context: str
    quoted: bool = False  # inside a direct quotation: the source's words

    # Fields are in output order: orjson writes the dataclass as it stands, which is what
    # makes JSON output of millions of findings cheap. New fields go at the end. No __slots__:
    # orjson writes a dataclass from its instance __dict__ about four times as fast as one
    # with slots, which it reads field by field.

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _field_names(type(self))}

    def fingerprint(self, sentence: str, occurrence: int = 0) -> str:
        """A stable id for baselines and SARIF: the rule, the matched words, the words of the
        sentence around it and which occurrence of that triple it is in its document. No line
        or column, so an edit elsewhere in the file does not change it."""
        import hashlib

        key = "\x1f".join((self.rule, words(self.text), words(sentence), str(occurrence)))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


class _Unfrozen:
    """Finding's fields in Finding's order, without the frozen guard. new_finding fills one and
    turns it into a Finding (CPython lets an object change class between two classes of the
    same layout): the frozen dataclass's __init__ sets each field through object.__setattr__,
    four times slower, and detectors make millions of findings on a corpus. The attributes are
    set in field order, the order of the instance __dict__ orjson writes."""

    def __init__(self, rule, category, detector, text, start, end, line, column, sentence, severity, weight,
                 explanation, suggestion, context, quoted=False):
        self.rule = rule
        self.category = category
        self.detector = detector
        self.text = text
        self.start = start
        self.end = end
        self.line = line
        self.column = column
        self.sentence = sentence
        self.severity = severity
        self.weight = weight
        self.explanation = explanation
        self.suggestion = suggestion
        self.context = context
        self.quoted = quoted


@dataclass(frozen=True)
class ClassifierFinding(Finding):
    """A sentence the classifier flags: its probability and the features that raised it."""

    probability: float = 0.0
    features: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in _field_names(type(self))}
        data["features"] = list(self.features)
        return data


def classifier_finding(finding: Finding, probability: float, features: tuple[str, ...]) -> ClassifierFinding:
    """The same ClassifierFinding as ClassifierFinding(<finding's fields>, probability=..., features=...),
    made from a Finding new_finding just made (and nothing else holds), without copying its fields through
    the frozen __init__ (see _Unfrozen): the two fields are added at the end of its __dict__, in field order."""
    state = finding.__dict__
    state["probability"] = probability
    state["features"] = features
    object.__setattr__(finding, "__class__", ClassifierFinding)  # a frozen dataclass guards __setattr__
    return finding


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


def words(text: str) -> str:
    """Text as fingerprints and baselines compare it: lowercase, single spaces."""
    return " ".join(text.lower().split())


def fingerprints(findings: Iterable[Finding], sentences: Iterable[str]) -> list[str]:
    """Finding.fingerprint for each finding, given the sentence it sits in; the occurrence counts
    the same rule, words and sentence seen before it."""
    seen: dict[tuple[str, str, str], int] = {}
    prints = []
    for finding, sentence in zip(findings, sentences):
        key = (finding.rule, words(finding.text), words(sentence))
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        prints.append(finding.fingerprint(sentence, occurrence))
    return prints


def new_finding(rule, category, detector, text, start, end, line, column, sentence, severity, weight,
                explanation, suggestion, context, quoted=False) -> Finding:
    """The same Finding as Finding(...) with the same arguments, made faster (see _Unfrozen)."""
    finding = _Unfrozen(rule, category, detector, text, start, end, line, column, sentence, severity, weight,
                        explanation, suggestion, context, quoted)
    finding.__class__ = Finding
    return finding


if _Unfrozen.__init__.__code__.co_varnames[1:16] != tuple(Finding.__dataclass_fields__):  # pragma: no cover
    raise AssertionError("framing.report: _Unfrozen must take Finding's fields, in order")  # a new field goes in both
if tuple(ClassifierFinding.__dataclass_fields__) != (*Finding.__dataclass_fields__, "probability", "features"):  # pragma: no cover
    raise AssertionError("framing.report: classifier_finding must set ClassifierFinding's own fields, in order")


@dataclass(frozen=True)
class DocumentResult:
    """One document's findings (sorted by start, end, rule) and scores."""

    document: Document
    findings: list[Finding]
    scores: dict
    words: int
    sentences: int
    weight: float = 0.0

    def to_dict(self, plain: bool = True) -> dict:
        """The document's entry in the analysis JSON; with plain=False the findings stay
        Finding objects, for serializers (orjson) that write dataclasses themselves."""
        doc = self.document
        return {
            "id": doc.id,
            "source": doc.source,
            "title": doc.title,
            "outlet": doc.outlet,
            "date": doc.date,
            "words": self.words,
            "sentences": self.sentences,
            "scores": self.scores,
            "findings": [f.to_dict() for f in self.findings] if plain else self.findings,
        }

    def fingerprints(self) -> list[str]:
        """Finding.fingerprint for each finding, in order."""
        doc = self.document
        spans = doc.sentence_spans
        return fingerprints(self.findings,
                            (doc.text[slice(*spans[f.sentence])] if spans else doc.body for f in self.findings))


@dataclass
class Report:
    """A run: results in input order (a stream, read once), the inputs that could not be read
    (filled in as the results are read), the rules that could fire (a Registry, or a function
    making one when a format asks: most never do), and the version."""

    results: Iterable[DocumentResult]
    errors: list[InputError] = field(default_factory=list)
    rules: Registry | Callable[[], Registry] | None = None
    version: str = __version__
    schema: str = ANALYSIS_SCHEMA

    def registry(self) -> Registry | None:
        if callable(self.rules):
            self.rules = self.rules()
        return self.rules


COMPARISON_SCHEMA = "framing/comparison@2"


@dataclass(frozen=True)
class ComparisonGroup:
    """One group of a comparison: its key (field -> value), article count, whether it is under
    the minimum for tests, and per measure {"mean", "median", "ci95": [lo, hi]} (None: no value)."""

    key: dict[str, str]
    documents: int
    small: bool
    measures: dict[str, dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {"key": dict(self.key), "documents": self.documents, "small": self.small,
                "measures": {name: {"mean": v["mean"], "median": v["median"], "ci95": list(v["ci95"])}
                             for name, v in self.measures.items()}}


@dataclass(frozen=True)
class ComparisonPair:
    """Group a minus group b on one measure. `events` is the number of events a paired
    comparison rests on (None when unpaired)."""

    a: dict[str, str]
    b: dict[str, str]
    measure: str
    difference: float | None
    ci95: list[float | None]
    effect: float | None  # Cliff's delta
    p: float | None
    p_adjusted: float | None
    significant: bool
    events: int | None

    def to_dict(self) -> dict[str, Any]:
        return {"a": dict(self.a), "b": dict(self.b), "measure": self.measure, "difference": self.difference,
                "ci95": list(self.ci95), "effect": self.effect, "p": self.p, "p_adjusted": self.p_adjusted,
                "significant": self.significant, "events": self.events}


@dataclass(frozen=True)
class ComparisonResult:
    """Groups side by side with intervals, their pairwise differences, and how they were computed
    (framing.comparison.compare)."""

    by: list[str]
    within: str | None
    seed: int
    resamples: int
    adjust: str
    min_documents: int
    measures: list[str]
    groups: list[ComparisonGroup]
    pairwise: list[ComparisonPair]
    notes: list[str] = field(default_factory=list)
    schema: str = COMPARISON_SCHEMA

    def to_dict(self) -> dict[str, Any]:
        """The `framing/comparison@2` document."""
        return {
            "schema": self.schema, "by": list(self.by), "seed": self.seed, "within": self.within,
            "resamples": self.resamples, "adjust": self.adjust, "min_documents": self.min_documents,
            "measures": list(self.measures),
            "groups": [g.to_dict() for g in self.groups],
            "pairwise": [p.to_dict() for p in self.pairwise],
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class ActorConcept:
    id: str
    name: str
    members: dict[str, str]  # term -> connotation
    counts: dict[str, dict[str, int]]  # column -> term -> count


@dataclass(frozen=True)
class ActorTable:
    """Which word each document or outlet (`columns`) uses for each concept set."""

    by: str
    columns: list[str]
    concepts: list[ActorConcept]


@dataclass(frozen=True)
class SentenceScore:
    """One sentence's probability of biased language (`framing classify`)."""

    document: str
    sentence: int
    start: int
    end: int
    line: int
    column: int
    probability: float
    biased: bool
    text: str  # document.text[start:end], as it is
    features: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _field_names(type(self))}


CHECK_SCHEMA = "framing/check@1"
# Why a finding does not count against the policy (None: it counts).
SUPPRESSIONS = ("inline", "file", "baseline", "quoted", "allowed")


@dataclass(frozen=True)
class CheckFinding:
    """One finding of `framing check`, graded by the policy: `severity` is the policy's (a
    `[rules]` entry may change the lexicon's), `path` is relative to the project root with `/`,
    `fingerprint` identifies it across edits (baselines, SARIF partialFingerprints), `suppressed`
    says why it does not count (one of SUPPRESSIONS) and `fix` is the replacement a safe lexicon
    entry offers (`""` deletes the match and the space after it; None: no safe fix)."""

    path: str
    finding: Finding
    severity: str
    fingerprint: str
    suppressed: str | None = None
    fix: str | None = None
    # Start and end column in UTF-16 code units (SARIF's default unit), 1-based, end exclusive;
    # `finding.column` counts code points. They differ after characters outside the BMP.
    utf16_columns: tuple[int, int] = (0, 0)
    utf8_columns: tuple[int, int] = (0, 0)  # the same in UTF-8 bytes (reviewdog's unit)

    @property
    def rule(self) -> str:
        return self.finding.rule

    @property
    def line(self) -> int:
        return self.finding.line

    @property
    def column(self) -> int:
        return self.finding.column

    @property
    def end_line(self) -> int:
        """The line of the finding's last character."""
        return self.finding.line + self.finding.text.count("\n")

    @property
    def end_column(self) -> int:
        """1-based column just past the finding's last character (SARIF's endColumn)."""
        text = self.finding.text
        if "\n" in text:
            return len(text) - text.rfind("\n")
        return self.finding.column + len(text)

    @property
    def message(self) -> str:
        """The one-line message: what was found and why it frames."""
        return f"'{' '.join(self.finding.text.split())}': {self.finding.explanation}"


@dataclass(frozen=True)
class BaselineEntry:
    """A finding a baseline knows: where, which rule, which words, which sentence, how many."""

    path: str
    rule: str
    text: str
    sentence: str  # hash of the sentence's words
    count: int = 1


@dataclass
class CheckReport:
    """A `framing check` run, everything every check format needs.

    `findings` are in path, line, column, rule order, suppressed ones included (formats show
    or skip them); `failed` says whether the policy was broken (findings at or above
    `fail_on` that count); `errors` are inputs that could not be read; `gone` are baseline
    entries no longer found; `rules` is the registry the findings' rule ids are in."""

    root: str
    files: int
    findings: list[CheckFinding]
    fail_on: str
    rules: Registry
    errors: list[InputError] = field(default_factory=list)
    gone: list[BaselineEntry] = field(default_factory=list)
    failed: bool = False
    show_quoted: bool = False
    version: str = __version__
    schema: str = CHECK_SCHEMA

    def counted(self) -> list[CheckFinding]:
        """The findings that count against the policy (not suppressed)."""
        return [f for f in self.findings if f.suppressed is None]


EVENTS_SCHEMA = "framing/events@1"


@dataclass(frozen=True)
class EventMember:
    id: str
    source: str | None
    outlet: str | None
    date: str | None


@dataclass(frozen=True)
class EventGroup:
    id: str
    terms: list[str]
    members: list[EventMember]


@dataclass(frozen=True)
class EventTable:
    """Articles clustered into events (framing.events): each event with its top terms and members,
    and every document with its event, in input order (`framing events`)."""

    events: list[EventGroup]
    documents: list[tuple[EventMember, str]]
    threshold: float
    window: int | None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": EVENTS_SCHEMA, "threshold": self.threshold, "window": self.window,
            "events": [{"id": e.id, "size": len(e.members), "terms": list(e.terms),
                        "members": [{"id": m.id, "source": m.source, "outlet": m.outlet, "date": m.date}
                                    for m in e.members]} for e in self.events],
            "notes": list(self.notes),
        }
