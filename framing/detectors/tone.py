"""Tone: sentence sentiment (VADER) and how much of the wording carries sentiment at all.

VADER (Hutto & Gilbert 2014) through nltk's analyzer, with the lexicon file that ships
inside the vaderSentiment package, read directly: nothing is downloaded. Subjectivity is
the share of a sentence's wording that carries sentiment (VADER's pos + neg), so a flat
report scores near 0 whichever way it leans. Per document: mean compound score, mean
subjectivity, share of negative sentences, and the most negative sentences.
"""

from __future__ import annotations

from functools import lru_cache

from framing.document import Document
from framing.report import Finding
from framing.rules.core import Category

NEGATIVE = -0.05  # VADER's usual threshold for a negative sentence
MOST_NEGATIVE = 3


class _PunctuatedWords:
    """What nltk's SentiText._words_plus_punc returns ({",cat": "cat", "cat!": "cat", ...}),
    answered per token instead of built in full: nltk builds every punctuation x word pair
    for every sentence, which is most of VADER's running time. Same answers: the words
    carry no punctuation, so a token splits into mark + word in at most one way."""

    def __init__(self, words: set[str], marks: list[str]):
        self.words = words
        self.marks = marks

    def _word(self, token: str) -> str | None:
        for mark in self.marks:
            if token.startswith(mark) and token[len(mark) :] in self.words:
                return token[len(mark) :]
            if token.endswith(mark) and token[: -len(mark)] in self.words:
                return token[: -len(mark)]
        return None

    def __contains__(self, token: str) -> bool:
        return self._word(token) is not None

    def __getitem__(self, token: str) -> str:
        word = self._word(token)
        if word is None:
            raise KeyError(token)
        return word


@lru_cache(maxsize=1)
def analyzer():
    """nltk's VADER analyzer over the lexicon shipped in the vaderSentiment package."""
    from nltk.sentiment import vader

    from framing.resources import vader_lexicon_text

    class _FastSentiText(vader.SentiText):
        def _words_plus_punc(self):
            no_punctuation = self.REGEX_REMOVE_PUNCTUATION.sub("", self.text)
            return _PunctuatedWords({w for w in no_punctuation.split() if len(w) > 1}, self.PUNC_LIST)

    class _PackagedVader(vader.SentimentIntensityAnalyzer):
        """nltk's analyzer, handed the lexicon text (nltk's constructor looks it up in nltk_data)
        and scoring through _FastSentiText; nltk itself is left as it is."""

        senti_text = _FastSentiText

        def __init__(self, lexicon_text: str):
            self.lexicon_file = lexicon_text.strip("\n")
            self.lexicon = self.make_lex_dict()
            self.constants = vader.VaderConstants()

        def polarity_scores(self, text: str) -> dict:
            # nltk's own steps (sentiment_valence, _but_check, score_valence) in nltk's order;
            # only the SentiText differs. tests/test_linguistic.py compares the scores.
            constants = self.constants
            senti = _FastSentiText(text, constants.PUNC_LIST, constants.REGEX_REMOVE_PUNCTUATION)
            tokens = senti.words_and_emoticons
            first: dict[str, int] = {}
            for index, token in enumerate(tokens):
                first.setdefault(token, index)  # nltk reads a repeated token at its first place
            sentiments: list = []
            for token in tokens:
                index = first[token]
                lowered = token.lower()
                kind_of = lowered == "kind" and index + 1 < len(tokens) and tokens[index + 1].lower() == "of"
                if kind_of or lowered in constants.BOOSTER_DICT:
                    sentiments.append(0)
                    continue
                sentiments = self.sentiment_valence(0, senti, token, index, sentiments)
            return self.score_valence(self._but_check(tokens, sentiments), text)

    return _PackagedVader(vader_lexicon_text())


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
