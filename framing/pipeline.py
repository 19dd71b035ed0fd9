"""The pipeline: detectors built once from settings, applied one document at a time, no
global state. Text -> Document (framing.readers) -> detectors -> findings -> scores
(framing.scoring) -> a DocumentResult (framing.report) for the renderers."""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from framing.config import QUOTED_WEIGHT, AnalyzerSettings
from framing.detectors import BY_NAME, Detector
from framing.document import BATCH, Document, batched
from framing.errors import ConfigError
from framing.lexicon import load_lexicon
from framing.matcher import SharedScan
from framing.phrasehits import release, scan_together
from framing.report import ANALYSIS_SCHEMA as SCHEMA  # noqa: F401 - the name earlier releases exported
from framing.report import DocumentResult, Finding
from framing.rules import Registry
from framing.rules.core import SEVERITY_RANK, Category
from framing.scoring import discount_quoted, score

_ORDER = attrgetter("start", "end", "rule")  # findings in text order; ties by rule id


@dataclass
class Analyzer:
    """Holds the detectors; `analyze` is a pure function of one document."""

    detectors: Sequence[Detector]
    min_severity: str = "info"
    categories: dict[str, Category] = field(default_factory=dict)
    only: frozenset[str] | None = None
    quoted_weight: float = QUOTED_WEIGHT

    def __post_init__(self) -> None:
        if not self.categories:
            for detector in self.detectors:
                for category in detector.categories:
                    if self.only is None or category.id in self.only:
                        self.categories.setdefault(category.id, category)
        # Findings of these detectors' categories count in full inside quotations (framing.detectors).
        self._exempt = frozenset(
            c.id for d in self.detectors if d.name in BY_NAME and not BY_NAME[d.name].quoted_discount
            for c in d.categories
        )
        self._batchers = [d for d in self.detectors if hasattr(d, "detect_many")]
        self._phrases = None  # the detectors' phrase matchers, scanned together (built on first use)
        # Per detector, looked up once: (detector, summarize or None, section, whether it batches).
        self._plan = [
            (d, getattr(d, "summarize", None), getattr(d, "section", None), hasattr(d, "detect_many"))
            for d in self.detectors
        ]

    @classmethod
    def from_settings(cls, settings: AnalyzerSettings) -> Analyzer:
        """An analyzer for these settings; heavy modules load only for the detectors asked for."""
        settings = settings.check()
        lexicon = load_lexicon([Path(p) for p in settings.lexicons], include_defaults=settings.default_lexicons)
        built: list[Detector] = [BY_NAME[name].load().build(settings, lexicon) for name in settings.detector_names()]
        wanted = settings.categories
        if wanted:
            known = {c.id for d in built for c in d.categories} | set(lexicon.categories)
            unknown = sorted(set(wanted) - known)
            if unknown:
                raise ConfigError(f"unknown category {', '.join(unknown)} (known: {', '.join(sorted(known))})")
        return cls(built, settings.min_severity, only=frozenset(wanted) if wanted else None,
                   quoted_weight=settings.quoted_weight)

    @classmethod
    def from_options(
        cls,
        lexicons: Iterable[str | Path] = (),
        default_lexicons: bool = True,
        categories: Iterable[str] | None = None,
        min_severity: str = "info",
        detectors: Iterable[str] | None = None,
        exclude: Iterable[str] = (),
        quoted_weight: float = QUOTED_WEIGHT,
        actors: Iterable[str | Path] = (),
        model: str | Path = "default",
        threshold: float | None = None,
    ) -> Analyzer:
        """An analyzer from keyword options, as AnalyzerSettings takes them."""
        return cls.from_settings(AnalyzerSettings(
            lexicons=tuple(Path(p) for p in lexicons), default_lexicons=default_lexicons,
            categories=tuple(categories) if categories else None, min_severity=min_severity,
            detectors=tuple(detectors) if detectors else None, exclude=tuple(exclude), quoted_weight=quoted_weight,
            actors=tuple(Path(p) for p in actors), model=str(model), threshold=threshold,
        ))

    def rules(self) -> Registry:
        """The rules this analyzer's detectors can emit: their own, and their lexicons' entries."""
        from importlib import import_module

        from framing.rules import lexicon_rules

        registry = Registry()
        only = self.only
        for detector in self.detectors:
            info = BY_NAME.get(detector.name)
            rules = list(getattr(import_module(info.module), "RULES", ())) if info else []
            lexicon = getattr(detector, "lexicon", None)
            if lexicon is not None and detector.name == "lexicon":
                rules += lexicon_rules(lexicon)
            for rule in rules:
                if only is None or rule.category in only:
                    registry.add(rule)
            registry.categories.update({c.id: c for c in detector.categories if only is None or c.id in only})
        return registry

    def __getstate__(self):
        # The shared scan (an automaton) is rebuilt on first use in the receiving process.
        return {**self.__dict__, "_phrases": None}

    def analyze(self, document: Document) -> DocumentResult:
        self._scan_phrases([document])
        return self._analyze(document, None)

    def _scan_phrases(self, documents: list[Document]) -> None:
        """Every detector's phrases found in the documents in one pass (framing.phrasehits)."""
        if self._phrases is None:
            matchers = [m for d in self.detectors if hasattr(d, "phrase_matchers") for m in d.phrase_matchers()]
            self._phrases = SharedScan(matchers) if matchers else False
        if self._phrases:
            scan_together(documents, self._phrases)

    def _analyze(self, document: Document, done: dict[str, tuple[list[Finding], dict | None]] | None) -> DocumentResult:
        floor = SEVERITY_RANK[self.min_severity]
        only = self.only
        findings: list[Finding] = []
        sections: dict[str, dict] = {}
        for detector, summarize, section_name, batches in self._plan:
            if done is not None and detector.name in done:
                found, section = done[detector.name]
            elif batches:
                found, section = detector.detect_many([document])[0]
            else:
                found = detector.detect(document)
                section = summarize(document, found) if summarize is not None else None
            if section is not None:
                sections[section_name] = section
            if floor or only is not None:
                found = [f for f in found if SEVERITY_RANK[f.severity] >= floor and (only is None or f.category in only)]
            findings.extend(found)
        if findings:
            from framing.quotation import speech_spans

            findings = discount_quoted(findings, speech_spans(document), self.quoted_weight, self._exempt)
            findings.sort(key=_ORDER)
        words = document.word_count
        scores = score(findings, words, self.categories)
        scores.update(sections)
        release(document)  # its phrase hits: the detectors are done with them
        return DocumentResult(
            document=document,
            findings=findings,
            scores=scores,
            words=words,
            sentences=len(document.sentence_spans),
            weight=sum(f.weight for f in findings),
        )

    def analyze_all(self, documents: Iterable[Document], batch: int = BATCH) -> Iterator[DocumentResult]:
        """Results in input order. Documents are read `batch` at a time: the detectors' phrases
        are found in them in one scan, and detectors with `detect_many` (the lexicon, the
        classifier) do their work for the whole batch at once."""
        for group in batched(documents, batch):
            self._scan_phrases(group)
            if not self._batchers:
                for document in group:
                    yield self._analyze(document, None)
                continue
            done = [{} for _ in group]
            for detector in self._batchers:
                for slot, result in zip(done, detector.detect_many(group)):
                    slot[detector.name] = result
            for document, slot in zip(group, done):
                yield self._analyze(document, slot)


def analyze_text(text: str, **options) -> DocumentResult:
    """Analyze one string with the default lexicons: the shortest way in from Python."""
    doc_fields = {k: options.pop(k) for k in ("id", "title", "outlet", "date", "url") if k in options}
    document = Document(id=doc_fields.pop("id", "text"), text=text, **doc_fields)
    return Analyzer.from_options(**options).analyze(document)
