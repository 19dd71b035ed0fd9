"""Tone: sentence sentiment (VADER) and how much of the wording carries sentiment at all.

VADER (Hutto & Gilbert 2014), the authors' own implementation (the vaderSentiment package,
with the lexicon it ships: nothing is downloaded). It is chosen over nltk's port of the same
rules for speed: it imports in about 10 ms where nltk takes most of a second, and scores real
news about twice as fast; the two differ slightly on negation and "but" clauses. Subjectivity is
the share of a sentence's wording that carries sentiment (VADER's pos + neg), so a flat
report scores near 0 whichever way it leans. Per document: mean compound score, mean
subjectivity, share of negative sentences, and the most negative sentences.
"""

from __future__ import annotations

import string
from functools import lru_cache

from framing.document import Document
from framing.report import Finding
from framing.rules.core import Category

NEGATIVE = -0.05  # VADER's usual threshold for a negative sentence
MOST_NEGATIVE = 3


_PUNCTUATION = string.punctuation  # what vaderSentiment strips from the ends of a token


@lru_cache(maxsize=1)
def analyzer():
    """The reference VADER analyzer (the vaderSentiment package, by VADER's authors), with two
    short cuts that keep its scores exactly: emoji are looked up only in sentences that have a
    character of its emoji table, and a sentence none of whose tokens is a lexicon word scores
    0 without running the rules (every token's valence is then 0, and so are compound, pos and
    neg). tests/test_linguistic.py compares the scores with the package's own."""
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentimentIntensityAnalyzer, SentiText

    class _Vader(SentimentIntensityAnalyzer):
        def __init__(self):
            super().__init__()
            self.emoji_characters = frozenset(self.emojis)

        # The package's negation and idiom rules lowercase the whole sentence for every
        # sentiment word, though they read at most three words either side of it (and are only
        # called with three words before it): handed that window, they give the same answer.
        @staticmethod
        def _negation_check(valence, words, start_i, i):
            low = max(0, i - 3)
            return SentimentIntensityAnalyzer._negation_check(valence, words[low : i + 3], start_i, i - low)

        @staticmethod
        def _special_idioms_check(valence, words, i):
            low = max(0, i - 3)
            return SentimentIntensityAnalyzer._special_idioms_check(valence, words[low : i + 3], i - low)

        def has_sentiment_words(self, text: str) -> bool:
            """False only when no token of `text`, lowercased and with or without the
            punctuation at its ends, is a lexicon word: a superset of the tokens VADER looks up."""
            lexicon = self.lexicon
            for token in text.lower().split():
                if token in lexicon or token.strip(_PUNCTUATION) in lexicon:
                    return True
            return False

        def polarity_scores(self, text: str) -> dict:
            if not self.emoji_characters.isdisjoint(text):
                return super().polarity_scores(text)
            # No emoji: the package's per-character rewrite would only strip the text. The
            # steps below are the package's own, in its order, without that rewrite.
            if not self.has_sentiment_words(text):
                # Every token neutral: all of the text is neutral (none of it, when empty).
                neutral = 1.0 if text.split() else 0.0
                return {"neg": 0.0, "neu": neutral, "pos": 0.0, "compound": 0.0}
            text = text.strip()
            senti = SentiText(text)
            tokens = senti.words_and_emoticons
            sentiments: list = []
            last = len(tokens) - 1
            for index, token in enumerate(tokens):
                lowered = token.lower()
                if lowered in BOOSTER_DICT or (lowered == "kind" and index < last and tokens[index + 1].lower() == "of"):
                    sentiments.append(0)
                    continue
                sentiments = self.sentiment_valence(0, senti, token, index, sentiments)
            return self.score_valence(self._but_check(tokens, sentiments), text)

    return _Vader()


def sentence_tones(document: Document) -> list[tuple[int, float, float]]:
    """(sentence index, compound, subjectivity) for every sentence, computed once."""

    def compute(doc: Document):
        vader = analyzer()
        tones = []
        for index, (start, end) in enumerate(doc.sentence_spans):
            scores = vader.polarity_scores(doc.text[start:end])
            tones.append((index, scores["compound"], round(scores["pos"] + scores["neg"], 3)))
        return tones

    return document.derived("sentence-tones", compute)


class ToneDetector:
    name = "tone"
    section = "tone"

    @classmethod
    def build(cls, settings, lexicon) -> ToneDetector:
        return cls()

    @property
    def categories(self) -> list[Category]:
        return []

    def detect(self, document: Document) -> list[Finding]:
        return []

    def summarize(self, document: Document, findings: list[Finding]) -> dict:
        tones = sentence_tones(document)
        if not tones:
            return {"mean": 0.0, "subjectivity": 0.0, "negative_share": 0.0, "most_negative": []}
        count = len(tones)
        worst = sorted((t for t in tones if t[1] <= NEGATIVE), key=lambda t: (t[1], t[0]))[:MOST_NEGATIVE]
        spans = document.sentence_spans
        return {
            "mean": round(sum(t[1] for t in tones) / count, 3),
            "subjectivity": round(sum(t[2] for t in tones) / count, 3),
            "negative_share": round(sum(t[1] <= NEGATIVE for t in tones) / count, 3),
            "most_negative": [
                {"sentence": index, "compound": compound, "text": " ".join(document.text[slice(*spans[index])].split())}
                for index, compound, _ in worst
            ],
        }
