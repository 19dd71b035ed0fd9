"""The pipeline: detectors built once, applied one document at a time, no global state."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from framing import __version__
from framing.detectors import Detector
from framing.document import Document
from framing.errors import FramingError
from framing.findings import SEVERITY_RANK, Finding
from framing.lexicon import Category, load_lexicon
from framing.scoring import score

SCHEMA = "framing/analysis@1"


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

    def __post_init__(self) -> None:
        if not self.categories:
            for detector in self.detectors:
                for category in detector.categories:
                    self.categories.setdefault(category.id, category)

    @classmethod
    def from_options(
        cls,
        lexicons: Iterable[str | Path] = (),
        default_lexicons: bool = True,
        categories: Iterable[str] | None = None,
        min_severity: str = "info",
        scare_quotes: bool = True,
    ) -> Analyzer:
        from framing.detectors.lexicon import LexiconDetector
        from framing.detectors.quotes import CATEGORY as QUOTES, ScareQuoteDetector

        lexicon = load_lexicon([Path(p) for p in lexicons], include_defaults=default_lexicons)
        wanted = list(categories) if categories else None
        if wanted:
            known = set(lexicon.categories) | {QUOTES.id}
            unknown = sorted(set(wanted) - known)
            if unknown:
                raise FramingError(
                    f"unknown category {', '.join(unknown)} (known: {', '.join(sorted(known))})"
                )
        detectors: list[Detector] = [LexiconDetector(lexicon.select(wanted, min_severity))]
        if scare_quotes and (wanted is None or QUOTES.id in wanted):
            if SEVERITY_RANK[QUOTES.severity] >= SEVERITY_RANK[min_severity]:
                detectors.append(ScareQuoteDetector())
        return cls(detectors, min_severity)

    def analyze(self, document: Document) -> DocumentResult:
        floor = SEVERITY_RANK[self.min_severity]
        findings: list[Finding] = []
        for detector in self.detectors:
            findings.extend(f for f in detector.detect(document) if SEVERITY_RANK[f.severity] >= floor)
        findings.sort(key=lambda f: (f.start, f.end, f.rule))
        words = document.word_count
        return DocumentResult(
            document=document,
            findings=findings,
            scores=score(findings, words, self.categories),
            words=words,
            sentences=len(document.sentence_spans),
            weight=sum(f.weight for f in findings),
        )

    def analyze_all(self, documents: Iterable[Document]) -> Iterator[DocumentResult]:
        for document in documents:
            yield self.analyze(document)


def analyze_text(text: str, **options) -> DocumentResult:
    """Analyze one string with the default lexicons: the shortest way in from Python."""
    doc_fields = {k: options.pop(k) for k in ("id", "title", "outlet", "date", "url") if k in options}
    document = Document(id=doc_fields.pop("id", "text"), text=text, **doc_fields)
    return Analyzer.from_options(**options).analyze(document)

