"""The classifier detector: every sentence scored for biased language; sentences at or
above the threshold become findings that say which features pushed them up."""

from __future__ import annotations

from dataclasses import dataclass

from framing.document import Document
from framing.findings import Finding, locate
from framing.lexicon import Category
from framing.model import Model

CATEGORY = Category(
    id="classifier",
    name="Biased sentences (classifier)",
    description="Sentences the trained classifier scores as written in biased language.",
    severity="info",
    weight=0.0,
    references=(
        "Recasens, M., Danescu-Niculescu-Mizil, C. & Jurafsky, D. (2013). Linguistic Models for Analyzing and "
        "Detecting Biased Language. ACL 2013.",
        "Spinde, T. et al. (2021). Neural Media Bias Detection Using Distant Supervision With BABE. Findings of EMNLP 2021.",
    ),
)
EXPLANATION = (
    "The classifier scores this sentence as biased language: probability {probability:.2f}. "
    "Loaded words, one-sided framing or opinion presented as fact are what it learned to recognise."
)
SUGGESTION = "Check {features}; state the facts plainly and attribute opinions to who holds them."
TOP_SENTENCES = 3
# Fragments ("Read more:", "Related news:", a dateline) carry no claim to judge: a sentence
# needs this many words before it can be flagged. Its probability is still reported.
MIN_WORDS = 4


@dataclass(slots=True)
class ClassifierFinding(Finding):
    probability: float = 0.0
    features: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        data = super(ClassifierFinding, self).to_dict()
        data["probability"] = self.probability
        data["features"] = list(self.features)
        return data


def _readable(features: list[str]) -> str:
    """'word: regime', 'lexicon:emotive' -> "'regime', emotive wording"."""
    parts = []
    for feature in features:
        if feature.startswith("word: "):
            parts.append(f"'{feature[6:]}'")
        elif feature.startswith("lexicon:"):
            parts.append(f"{feature[8:]} wording")
    return ", ".join(parts[:4]) or "the sentence's wording"


class ClassifierDetector:
    name = "classifier"
    section = "classifier"

    def __init__(self, model: Model, threshold: float | None = None):
        self.model = model
        self.threshold = model.threshold if threshold is None else threshold

    @property
    def categories(self) -> list[Category]:
        return [CATEGORY]

    def _key(self) -> str:
        return f"classifier:{id(self.model)}:{self.threshold}"

    def prepare(self, documents: list[Document]) -> None:
        """Score the sentences of many documents in one call to the model: per call the model
        has a fixed cost of a few milliseconds, as much as scoring thirty sentences."""
        key = self._key()
        todo = [d for d in documents if not d.has_derived(key)]
        for document, assessment in zip(todo, self._assess(todo)):
            document.remember(key, assessment)

    def _assess(self, documents: list[Document]) -> list[tuple[list[float], dict[int, list[str]]]]:
        """Per document: each sentence's probability, and what pushed each flagged one up
        (explained from the same features, not computed twice)."""
        sentences: list[str] = []
        ends: list[int] = []
        for document in documents:
            text = document.text
            sentences.extend(text[s:e] for s, e in document.sentence_spans)
            ends.append(len(sentences))
        eligible = [len(sentence.split(None, MIN_WORDS - 1)) >= MIN_WORDS for sentence in sentences]
        probabilities, explained = self.model.assess(sentences, lambda i, p: p >= self.threshold and eligible[i])
        assessments = []
        start = 0
        for end in ends:
            mine = {i - start: explained[i] for i in range(start, end) if i in explained}
            assessments.append((probabilities[start:end], mine))
            start = end
        return assessments

    def _assessment(self, document: Document) -> tuple[list[float], dict[int, list[str]]]:
        return document.derived(self._key(), lambda doc: self._assess([doc])[0])

    def scores(self, document: Document) -> list[float]:
        """Probability of biased language for each sentence, computed once per document."""
        return self._assessment(document)[0]

    def flagged(self, document: Document) -> list[int]:
        """Indexes of the sentences at or above the threshold, fragments left out."""
        return sorted(self._assessment(document)[1])

    def features(self, document: Document) -> dict[int, list[str]]:
        """For each flagged sentence, what pushed its score up most."""
        return self._assessment(document)[1]

    def detect(self, document: Document) -> list[Finding]:
        probabilities, explained = self._assessment(document)
        if not explained:
            return []
        spans = document.sentence_spans
        findings = []
        for index in sorted(explained):
            top = explained[index]
            probability = round(probabilities[index], 4)
            base = locate(
                document, *spans[index], rule="classifier/biased-sentence", category=CATEGORY.id, detector=self.name,
                severity=CATEGORY.severity, weight=CATEGORY.weight,
                explanation=EXPLANATION.format(probability=probability),
                suggestion=SUGGESTION.format(features=_readable(top)),
            )
            findings.append(ClassifierFinding(**{f: getattr(base, f) for f in Finding.__dataclass_fields__},
                                              probability=probability, features=tuple(top)))
        return findings

    def summarize(self, document: Document, findings: list[Finding]) -> dict:
        probabilities = self.scores(document)
        if not probabilities:
            return {"mean_probability": 0.0, "biased_share": 0.0, "threshold": self.threshold, "top_sentences": []}
        spans = document.sentence_spans
        ranked = sorted(range(len(probabilities)), key=lambda i: (-probabilities[i], i))[:TOP_SENTENCES]
        return {
            "mean_probability": round(sum(probabilities) / len(probabilities), 4),
            "biased_share": round(len(self.flagged(document)) / len(probabilities), 4),
            "threshold": self.threshold,
            "top_sentences": [
                {"sentence": i, "probability": round(probabilities[i], 4),
                 "text": " ".join(document.text[slice(*spans[i])].split())}
                for i in ranked
            ],
        }
