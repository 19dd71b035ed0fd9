"""Detectors: objects built once (from lexicons or rules) and applied to many documents.

The registry below is the one place that knows them: its order is the order they run in,
and each line says what the rest of framing needs to know (on by default or not, the
summary section it adds to a document's scores, its comparison columns, whether its
findings inside quoted speech weigh less). Adding a detector is one module in this package
and one line here.

A detector module defines a class with
- `name`, `categories` (the Category objects it reports) and a module-level `RULES`
  (framing.rules.Rule for every rule id it can emit; a lexicon's rules come from its entries);
- `build(settings, lexicon)`, a classmethod making it from framing.config.AnalyzerSettings;
- `detect(document) -> list[Finding]`, a pure function of the document;
- optionally `section` and `summarize(document, findings) -> dict`, a measure of the whole
  document that joins its scores under `section`;
- optionally `detect_many(documents) -> [(findings, summary)]`, for detectors that work best on
  many documents at once (the classifier: one model call for 64 documents).
Detectors keep no per-document state and pickle without their automata (rebuilt on first use
where they arrive; the classifier carries its model, about 9 MB), so a pool of worker processes or
a Dask cluster can receive them once and reuse them.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from framing.document import Document
    from framing.report import Finding
    from framing.rules.core import Category, Rule


@dataclass(frozen=True)
class Column:
    """A comparison column: a group's pooled numerator over its pooled denominator, scaled.
    Names are `section.key` from the document scores, or `documents` / `words`."""

    name: str
    numerator: str
    denominator: str
    scale: float = 1.0


@dataclass(frozen=True)
class DetectorInfo:
    name: str
    target: str  # "module:Class", imported only when the detector is used
    summary: str  # one line for --help and the README
    default: bool = True  # run by `analyze` when no --detector is given
    compared: bool = False  # run by `compare` by default: its table always shows these
    section: str | None = None  # the scores section its summarize() fills
    columns: tuple[Column, ...] = ()  # what `compare --with NAME` adds
    quoted_discount: bool = True  # its findings inside direct quotations weigh less

    def load(self) -> type:
        module, _, name = self.target.partition(":")
        return getattr(import_module(module), name)

    @property
    def module(self) -> str:
        return self.target.partition(":")[0]


REGISTRY: tuple[DetectorInfo, ...] = (
    DetectorInfo("lexicon", "framing.detectors.lexicon:LexiconDetector", "loaded words from the lexicons",
                 compared=True),
    DetectorInfo("quotes", "framing.detectors.quotes:ScareQuoteDetector", "scare quotes", compared=True),
    DetectorInfo(
        "attribution", "framing.detectors.attribution:AttributionDetector",
        "sources, reporting verbs and anonymous sourcing", compared=True, section="attribution",
        # Sums are pooled over a group's documents before dividing, so an outlet's share is the
        # share of all its attributions, not an average of its articles' shares.
        columns=(
            Column("sources_per_doc", "attribution.sources", "documents"),
            Column("anonymous_share", "attribution.anonymous", "attribution.attributions"),
            Column("one_sided_share", "attribution.one_sided_verbs", "attribution.attributions"),
        ),
        quoted_discount=False,  # an anonymous source is the article's sourcing, quoted or not
    ),
    DetectorInfo(
        "agency", "framing.detectors.agency:AgencyDetector", "agentless passives", compared=True, section="agency",
        columns=(
            Column("agentless_share", "agency.agentless", "agency.passives"),
            Column("agentless_per_1000", "agency.agentless", "words", 1000.0),
        ),
    ),
    # Tone (VADER, about 2 MB/s) is the one measure slow enough to leave to those who ask.
    DetectorInfo(
        "tone", "framing.detectors.tone:ToneDetector", "sentence sentiment and subjectivity (VADER)", default=False,
        section="tone",
        columns=(
            Column("tone", "tone.mean", "documents"),
            Column("subjectivity", "tone.subjectivity", "documents"),
            Column("negative_share", "tone.negative_share", "documents"),
        ),
    ),
    DetectorInfo("actors", "framing.detectors.actors:ActorNamingDetector", "which word names each actor",
                 section="actors"),
    DetectorInfo(
        "classifier", "framing.detectors.classifier:ClassifierDetector", "biased sentences (trained model)",
        section="classifier",
        columns=(
            Column("biased_mean", "classifier.mean_probability", "documents"),
            Column("biased_share", "classifier.biased_share", "documents"),
        ),
        quoted_discount=False,  # it scores whole sentences, quotation or not
    ),
)

BY_NAME = {info.name: info for info in REGISTRY}
# Detectors by name, for --detector/--no-detector, in the order they run.
NAMES = tuple(BY_NAME)
DEFAULT = tuple(info.name for info in REGISTRY if info.default)
COMPARED = tuple(info.name for info in REGISTRY if info.compared)
# The sections `compare --with` can add, and their columns.
SECTION_COLUMNS = {info.name: info.columns for info in REGISTRY if info.columns}


def detector_rules() -> tuple[list[Category], list[Rule]]:
    """The categories and rules that detector modules define in code (lexicon rules aside)."""
    categories: list[Category] = []
    rules: list[Rule] = []
    for entry in REGISTRY:
        module = import_module(entry.module)
        categories.extend(getattr(module, "CATEGORIES", ()))
        rules.extend(getattr(module, "RULES", ()))
    return categories, rules


@runtime_checkable
class Detector(Protocol):
    name: str

    @property
    def categories(self) -> list[Category]: ...

    def detect(self, document: Document) -> list[Finding]: ...


class Summarizer(Protocol):
    """A detector that also measures the whole document adds a section to its scores."""

    section: str

    def summarize(self, document: Document, findings: list[Finding]) -> dict: ...


class BatchDetector(Protocol):
    """A detector that does its work for many documents at once."""

    def detect_many(self, documents: list[Document]) -> list[tuple[list[Finding], dict | None]]: ...
