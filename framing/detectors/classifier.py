"""The classifier detector: every sentence scored for biased language; sentences at or
above the threshold become findings that say which features pushed them up, and each word or
phrase that raised a flagged sentence's score most becomes a finding of its own, at its span."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Iterator

from framing.document import BATCH, Document, batched
from framing.findings import locate
from framing.report import Finding, SentenceScore, classifier_finding
from framing.rules.core import Category, category_rule

if TYPE_CHECKING:
    from framing.model import Explanation, Model

CATEGORY = Category(
    id="classifier",
    name="Biased sentences",
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
# A sentence that does not end as a sentence does (. ! ? or a closing quotation mark or bracket
# after one) is a headline, dateline or caption: another register, whose clipped verbs ("kills
# four", "blames sabotage") the model reads as loaded (plain wire headlines score 0.6-0.9). Such
# a line is flagged only when the model is all but certain (HEADLINE_PROBABILITY), as it is of
# "Regime's thugs storm ..." (0.99 and up). A sentence that opens with a quotation mark is
# someone's words, quoted: reporting it is no bias of the writer's, and it is never flagged; so is
# one that opens inside a quotation of speech begun in an earlier sentence (ClassifierDetector.assess
# sees the document's quotations). All are still scored, and the lexicon detectors still read them.
HEADLINE_PROBABILITY = 0.97
_ENDS = frozenset(".!?")
_CLOSERS = frozenset("\"'”’)]»")
_OPENERS = frozenset("\"“„«'‘")


def bar(sentence: str, threshold: float) -> float:
    """The probability at which the classifier flags this sentence: its threshold for a whole
    sentence of the writer's own, HEADLINE_PROBABILITY (or the threshold, if higher) for a line
    that does not end as a sentence, and above 1 (never) for a quotation or a fragment."""
    text = sentence.strip()
    if not text or text[0] in _OPENERS or len(text.split(None, MIN_WORDS - 1)) < MIN_WORDS:
        return 2.0
    end = text.rstrip("".join(_CLOSERS))
    if end and end[-1] in _ENDS:
        return threshold
    return max(threshold, HEADLINE_PROBABILITY)


CATEGORIES = (CATEGORY,)
# Each finding says its own probability and features; the rule says it in general.
BIASED_SENTENCE = category_rule(
    CATEGORY, "biased-sentence", "classifier",
    "The classifier scores the sentence as biased language, at or above its threshold probability. "
    "Loaded words, one-sided framing or opinion presented as fact are what it learned to recognise.",
    SUGGESTION.format(features="the words that raised the score"), "Biased sentence", __name__,
)
WORD_EXPLANATION = (
    "One of the words that raised the classifier's score of its sentence the most (by {push:.2f} in log-odds; "
    "the sentence's probability is {probability:.2f})."
)
WORD_SUGGESTION = "Consider a plainer word for '{word}', or attribute the judgement to who holds it."
BIASED_WORD = category_rule(
    CATEGORY, "word", "classifier",
    "A word or phrase that raised the classifier's score of a flagged sentence the most, by its weight in the "
    "linear model. The sentence's own finding (classifier/biased-sentence) is the summary.",
    "Consider a plainer word, or attribute the judgement to who holds it.", "Word that raised the score", __name__,
)
RULES = (BIASED_SENTENCE, BIASED_WORD)


def _readable(features: list[str]) -> str:
    """'word: regime', 'lexicon:emotive' -> "'regime', emotive wording"."""
    parts = []
    for feature in features:
        if feature.startswith("word: "):
            parts.append(f"'{feature[6:]}'")
        elif feature.startswith("lexicon:"):
            parts.append(f"{feature[8:]} wording")
    return ", ".join(parts[:4]) or "the sentence's wording"


class Assessment:
    """One document's sentence probabilities, and for each flagged sentence what raised it."""

    __slots__ = ("probabilities", "explained")

    def __init__(self, probabilities: list[float], explained: dict[int, Explanation]):
        self.probabilities = probabilities
        self.explained = explained

    @property
    def flagged(self) -> list[int]:
        return sorted(self.explained)


def _sentence_matches(documents: list[Document], detector):
    """The documents' default-lexicon matches (shared with the lexicon detector), each given to
    the sentence it lies in (numbered across all the documents), in that sentence's offsets; a
    match that runs past its sentence's end is left out. All documents are placed end to end, so
    each step is one array operation however many documents and matches there are."""
    import numpy as np

    from framing.cues import Matches
    from framing.detectors.lexicon import default_matches_many

    found: list[tuple[int, int, int]] = []
    spans: list[tuple[int, int]] = []
    found_counts, span_counts, bases = [], [], []
    base = 0
    for document, mine in zip(documents, default_matches_many(documents, detector)):
        found.extend(mine)
        spans.extend(document.sentence_spans)
        found_counts.append(len(mine))
        span_counts.append(len(document.sentence_spans))
        bases.append(base)
        base += len(document.text) + 1  # a gap: no sentence ends where the next document starts
    entries = detector.lexicon.entries
    if not found or not spans:
        empty = np.zeros(0, dtype=np.int64)
        return Matches(empty, empty, empty, empty, entries)
    hits = np.array(found, dtype=np.int64)
    placed = np.array(spans, dtype=np.int64) + np.repeat(bases, span_counts)[:, None]
    shift = np.repeat(bases, found_counts)
    begins, finishes = hits[:, 0] + shift, hits[:, 1] + shift
    sentence = np.searchsorted(placed[:, 0], begins, side="right") - 1
    keep = (sentence >= 0) & (finishes <= placed[np.maximum(sentence, 0), 1])
    sentence, begins, finishes = sentence[keep], begins[keep], finishes[keep]
    first = placed[sentence, 0]
    return Matches(sentence, begins - first, finishes - first, hits[keep, 2], entries)


class ClassifierDetector:
    name = "classifier"
    section = "classifier"

    def __init__(self, model: Model, threshold: float | None = None):
        self.model = model
        self.threshold = model.threshold if threshold is None else threshold

    @classmethod
    def build(cls, settings, lexicon) -> ClassifierDetector:
        from framing.cues import share_default_lexicon
        from framing.model import load

        if lexicon is not None and not settings.lexicons and settings.default_lexicons:
            share_default_lexicon(lexicon)  # the run's lexicon is the one the cues read
        return cls(load(settings.model), settings.threshold)

    @property
    def categories(self) -> list[Category]:
        return [CATEGORY]

    def assess(self, documents: list[Document]) -> list[Assessment]:
        """Score the sentences of many documents in one call to the model (per call the model
        has a fixed cost of a few milliseconds, as much as scoring thirty sentences), and
        explain the flagged ones from the same features, not computed twice."""
        from framing.cues import lexicon_detector
        from framing.quotation import inside, speech_spans

        sentences: list[str] = []
        ends: list[int] = []
        quoted: set[int] = set()  # sentences that start inside a quotation of speech
        detector = lexicon_detector()
        for document in documents:
            text = document.text
            spans = document.sentence_spans
            speech = speech_spans(document)
            if speech:
                quoted.update(len(sentences) + k for k, (s, _) in enumerate(spans) if inside(speech, s, s + 1))
            sentences.extend(text[s:e] for s, e in spans)
            ends.append(len(sentences))
        matches = _sentence_matches(documents, detector)
        # A sentence that opens inside a quotation (the second sentence of a source's words) is theirs,
        # as one that opens with the quotation mark is: scored, never flagged.
        bars = [2.0 if i in quoted else bar(sentence, self.threshold) for i, sentence in enumerate(sentences)]
        probabilities, explained = self.model.assess(sentences, lambda i, p: p >= bars[i], matches=matches)
        assessments = []
        start = 0
        for end in ends:
            mine = {i - start: explained[i] for i in range(start, end) if i in explained}
            assessments.append(Assessment(probabilities[start:end], mine))
            start = end
        return assessments

    def detect_many(self, documents: list[Document]) -> list[tuple[list[Finding], dict]]:
        return [
            (self._findings(document, assessment), self._summary(document, assessment))
            for document, assessment in zip(documents, self.assess(documents))
        ]

    # One document on its own (the protocol every detector has); the pipeline calls detect_many,
    # which scores once for both.
    def detect(self, document: Document) -> list[Finding]:
        return self._findings(document, self.assess([document])[0])

    def summarize(self, document: Document, findings: list[Finding]) -> dict:
        return self._summary(document, self.assess([document])[0])

    def _findings(self, document: Document, assessment: Assessment) -> list[Finding]:
        probabilities, explained = assessment.probabilities, assessment.explained
        if not explained:
            return []
        spans = document.sentence_spans
        rule = BIASED_SENTENCE
        findings = []
        word_rule = BIASED_WORD
        for index in sorted(explained):
            top = explained[index].features
            probability = round(probabilities[index], 4)
            base = locate(
                document, *spans[index], rule=rule.id, category=rule.category, detector=self.name,
                severity=rule.severity, weight=rule.weight,
                explanation=EXPLANATION.format(probability=probability),
                suggestion=SUGGESTION.format(features=_readable(top)),
            )
            findings.append(classifier_finding(base, probability, tuple(top)))
            sentence_start = spans[index][0]
            for word in explained[index].words:
                findings.append(locate(
                    document, sentence_start + word.start, sentence_start + word.end, rule=word_rule.id,
                    category=word_rule.category, detector=self.name, severity=word_rule.severity,
                    weight=word_rule.weight, explanation=WORD_EXPLANATION.format(push=word.push, probability=probability),
                    suggestion=WORD_SUGGESTION.format(word=word.text),
                ))
        return findings

    def _summary(self, document: Document, assessment: Assessment) -> dict:
        probabilities = assessment.probabilities
        if not probabilities:
            return {"mean_probability": 0.0, "biased_share": 0.0, "threshold": self.threshold, "top_sentences": []}
        spans = document.sentence_spans
        ranked = sorted(range(len(probabilities)), key=lambda i: (-probabilities[i], i))[:TOP_SENTENCES]
        return {
            "mean_probability": round(sum(probabilities) / len(probabilities), 4),
            "biased_share": round(len(assessment.explained) / len(probabilities), 4),
            "threshold": self.threshold,
            "top_sentences": [
                {"sentence": i, "probability": round(probabilities[i], 4),
                 "text": " ".join(document.text[slice(*spans[i])].split())}
                for i in ranked
            ],
        }

    def sentence_scores(self, documents: Iterable[Document]) -> Iterator[SentenceScore]:
        """Every sentence's probability, documents read and scored BATCH at a time."""
        for group in batched(documents, BATCH):
            for document, assessment in zip(group, self.assess(group)):
                spans = document.sentence_spans
                for index, probability in enumerate(assessment.probabilities):
                    start, end = spans[index]
                    line, column = document.line_col(start)
                    yield SentenceScore(
                        document.id, index, start, end, line, column, round(probability, 4),
                        index in assessment.explained, document.text[start:end],
                        assessment.explained[index].features if index in assessment.explained else [],
                    )
