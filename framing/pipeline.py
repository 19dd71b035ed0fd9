"""The pipeline: detectors built once, applied one document at a time, no global state."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from framing.detectors import Detector
from framing.document import Document
from framing.errors import FramingError
from framing.findings import SEVERITY_RANK, Finding
from framing.lexicon import Category, load_lexicon
from framing.scoring import score

SCHEMA = "framing/analysis@1"
BATCH = 64  # documents a detector's prepare() step sees at once: enough to amortise a model call


@dataclass
class DocumentResult:
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


@dataclass
class Analyzer:
    """Holds the detectors; `analyze` is a pure function of one document."""

    detectors: Sequence[Detector]
    min_severity: str = "info"
    categories: dict[str, Category] = field(default_factory=dict)
    only: frozenset[str] | None = None
    quoted_weight: float = 0.5

    def __post_init__(self) -> None:
        if not self.categories:
            for detector in self.detectors:
                for category in detector.categories:
                    if self.only is None or category.id in self.only:
                        self.categories.setdefault(category.id, category)

    @classmethod
    def from_options(
        cls,
        lexicons: Iterable[str | Path] = (),
        default_lexicons: bool = True,
        categories: Iterable[str] | None = None,
        min_severity: str = "info",
        detectors: Iterable[str] | None = None,
        exclude: Iterable[str] = (),
        quoted_weight: float = 0.5,
        actors: Iterable[str | Path] = (),
        model: str | Path = "default",
        threshold: float | None = None,
    ) -> Analyzer:
        """An analyzer from command-line style options: which lexicons, categories and detectors."""
        from framing.detectors import NAMES, DEFAULT

        names = list(detectors) if detectors else list(DEFAULT)
        if "all" in names:
            names = list(NAMES)
        unknown = sorted((set(names) | set(exclude)) - set(NAMES))
        if unknown:
            raise FramingError(f"unknown detector {', '.join(unknown)} (known: {', '.join(NAMES)})")
        names = [n for n in NAMES if n in names and n not in set(exclude)]
        if not 0 <= quoted_weight <= 1:
            raise FramingError("the weight of quoted findings must be between 0 and 1")
        lexicon = load_lexicon([Path(p) for p in lexicons], include_defaults=default_lexicons)
        wanted = list(categories) if categories else None
        if threshold is not None and not 0 <= threshold <= 1:
            raise FramingError("the classifier threshold must be between 0 and 1")
        built: list[Detector] = []
        for name in names:
            if name == "classifier":
                from framing.detectors.classifier import ClassifierDetector
                from framing.model import load

                built.append(ClassifierDetector(load(model), threshold))
                continue
            built.append(_build(name, lexicon, wanted, min_severity, actors, default_lexicons))
        if wanted:
            known = {c.id for d in built for c in d.categories} | set(lexicon.categories)
            unknown = sorted(set(wanted) - known)
            if unknown:
                raise FramingError(f"unknown category {', '.join(unknown)} (known: {', '.join(sorted(known))})")
        return cls(built, min_severity, only=frozenset(wanted) if wanted else None, quoted_weight=quoted_weight)

    def analyze(self, document: Document) -> DocumentResult:
        floor = SEVERITY_RANK[self.min_severity]
        only = self.only
        findings: list[Finding] = []
        sections: dict[str, dict] = {}
        for detector in self.detectors:
            found = detector.detect(document)
            summarize = getattr(detector, "summarize", None)
            if summarize is not None:
                sections[detector.section] = summarize(document, found)
            if floor or only is not None:
                found = [f for f in found if SEVERITY_RANK[f.severity] >= floor and (only is None or f.category in only)]
            findings.extend(found)
        if findings:
            self._mark_quoted(document, findings)
        findings.sort(key=lambda f: (f.start, f.end, f.rule))
        words = document.word_count
        scores = score(findings, words, self.categories)
        scores.update(sections)
        return DocumentResult(
            document=document,
            findings=findings,
            scores=scores,
            words=words,
            sentences=len(document.sentence_spans),
            weight=sum(f.weight for f in findings),
        )

    def _mark_quoted(self, document: Document, findings: list[Finding]) -> None:
        """Words inside a direct quotation are the source's, not the writer's: flag them
        and let them weigh less (quoted_weight) in the framing index."""
        from framing.quotation import inside, speech_spans

        spans = speech_spans(document)
        if not spans:
            return
        for finding in findings:
            if finding.category not in ("sourcing", "classifier") and inside(spans, finding.start, finding.end):
                finding.quoted = True
                finding.weight = round(finding.weight * self.quoted_weight, 4)

    def analyze_all(self, documents: Iterable[Document], batch: int = BATCH) -> Iterator[DocumentResult]:
        """Results in input order. Detectors with a `prepare(documents)` step (the classifier)
        get the documents `batch` at a time first, to do their work for many at once."""
        preparers = [d.prepare for d in self.detectors if hasattr(d, "prepare")]
        if not preparers:
            for document in documents:
                yield self.analyze(document)
            return
        for group in batched(documents, batch):
            for prepare in preparers:
                prepare(group)
            for document in group:
                yield self.analyze(document)


def batched(items: Iterable, size: int) -> Iterator[list]:
    """Lists of `size` consecutive items (the last may be shorter), read lazily."""
    iterator = iter(items)
    while group := list(islice(iterator, size)):
        yield group


def _build(name: str, lexicon, wanted, min_severity: str, actors, default_lexicons: bool) -> Detector:
    """One detector by name; heavy modules load only for the detectors asked for."""
    if name == "lexicon":
        from framing.detectors.lexicon import LexiconDetector

        return LexiconDetector(lexicon.select(wanted, min_severity))
    if name == "quotes":
        from framing.detectors.quotes import ScareQuoteDetector

        return ScareQuoteDetector()
    if name == "attribution":
        from framing.detectors.attribution import AttributionDetector

        return AttributionDetector()
    if name == "agency":
        from framing.detectors.agency import AgencyDetector

        return AgencyDetector()
    if name == "tone":
        from framing.detectors.tone import ToneDetector

        return ToneDetector()
    from framing.detectors.actors import ActorNamingDetector

    return ActorNamingDetector.from_files([Path(p) for p in actors], include_defaults=default_lexicons)


def analyze_text(text: str, **options) -> DocumentResult:
    """Analyze one string with the default lexicons: the shortest way in from Python."""
    doc_fields = {k: options.pop(k) for k in ("id", "title", "outlet", "date", "url") if k in options}
    document = Document(id=doc_fields.pop("id", "text"), text=text, **doc_fields)
    return Analyzer.from_options(**options).analyze(document)

