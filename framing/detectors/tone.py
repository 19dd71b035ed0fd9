"""Tone: sentence sentiment (VADER) and how much of the wording carries sentiment at all.

VADER (Hutto & Gilbert 2014), the authors' own implementation (the vaderSentiment package,
with the lexicon it ships: nothing is downloaded). It is chosen over nltk's port of the same
rules for speed: it imports in about 10 ms where nltk takes most of a second, and scores real
news about twice as fast; the two differ slightly on negation and "but" clauses. Subjectivity is
the share of a sentence's wording that carries sentiment (VADER's pos + neg), so a flat
report scores near 0 whichever way it leans. Per document: mean compound score, mean
subjectivity, share of negative sentences, and the most negative sentences.

The package's rules run here as one pass over a sentence's tokens (see `Vader`), with its own
lexicon, word lists and constants, giving exactly its scores; the module is compiled with the
other hot-path modules where the machine can (hatch_build.py, C types in tone.pxd).
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


class Vader:
    """VADER's sentence scores, exactly as the vaderSentiment package's
    SentimentIntensityAnalyzer gives them, computed with less work per word.

    The package builds a sentence's tokens, then for every token lowercases it and its
    neighbours again in each rule (the negation, idiom and "but" rules lowercase the whole
    sentence each time they run), and sums the scores in separate passes. Here each token is
    stripped and lowercased once; only lexicon words go through the rules (every other token
    scores 0 in the package too: boosters, "kind of" and words outside the lexicon); the idiom
    rule builds its phrases only when the words around a lexicon word could make one of the
    package's phrases; the whole-sentence case test ("some words in capitals but not all") is
    made only when a capitalised sentiment or booster word asks for it; and a sentence with no
    lexicon word scores as neutral at once. The rules themselves (the order of the checks,
    the constants and the floating-point operations) are the package's, read from the package.
    A sentence with an emoji goes to the package itself, which rewrites emoji as words.
    tests/test_tone.py compares the two on made-up and real text."""

    def __init__(self):
        from vaderSentiment import vaderSentiment as package

        self.reference = package.SentimentIntensityAnalyzer()
        self.lexicon = self.reference.lexicon
        self.emoji_characters = frozenset(self.reference.emojis)
        self.boosters = package.BOOSTER_DICT
        self.negations = frozenset(package.NEGATE)
        self.special = package.SPECIAL_CASES
        self.normalize = package.normalize
        self.n_scalar = package.N_SCALAR
        self.c_incr = package.C_INCR
        # Every word of the package's phrases (its special cases and its booster phrases such
        # as "kind of"): a phrase can only be formed from these.
        phrases = [key for key in [*self.special, *self.boosters] if " " in key]
        self.phrase_words = frozenset(word for key in phrases for word in key.split(" "))

    def polarity_scores(self, text: str) -> dict:
        """The package's `polarity_scores`: neg, neu, pos and compound."""
        neg, neu, pos, compound = self.scores(text)
        return {"neg": neg, "neu": neu, "pos": pos, "compound": compound}

    def scores(self, text: str) -> tuple:
        """(neg, neu, pos, compound) of `text`, rounded as the package rounds them."""
        return _scores(self, text)

    def sentence_tones(self, text: str, spans: list) -> list:
        """(sentence index, compound, subjectivity) for the sentences at `spans` in `text`."""
        return _tones(self, text, spans)


def _tones(vader: Vader, text: str, spans: list) -> list:
    tones = []
    index = 0
    for start, end in spans:
        neg, _, pos, compound = _scores(vader, text[start:end])
        tones.append((index, compound, round(pos + neg, 3)))
        index += 1
    return tones


def _scores(vader: Vader, text: str) -> tuple:
    """(neg, neu, pos, compound) of `text` (see `Vader`)."""
    if not vader.emoji_characters.isdisjoint(text):
        found = vader.reference.polarity_scores(text)
        return found["neg"], found["neu"], found["pos"], found["compound"]
    lexicon = vader.lexicon
    tokens = []
    lowers = []
    hits = []
    index = 0
    for word in text.split():
        # The package's token: the word without the punctuation at its ends, unless that
        # leaves two characters or fewer (an emoticon such as ":)" stays whole).
        # (string.punctuation spelled out, which the compiled build tests as characters)
        if word[0] in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~" or word[-1] in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~":
            stripped = word.strip(_PUNCTUATION)
            token = word if len(stripped) <= 2 else stripped
        else:
            token = word
        lower = token.lower()
        tokens.append(token)
        lowers.append(lower)
        if lower in lexicon:
            hits.append(index)
        index += 1
    count = index
    if not hits:
        # Every token scores 0: all of the text is neutral (none of it, when it has no token).
        return 0.0, (1.0 if count else 0.0), 0.0, 0.0
    sentiments = [0] * count
    boosters = vader.boosters
    negations = vader.negations
    phrase_words = vader.phrase_words
    special = vader.special
    n_scalar = vader.n_scalar
    c_incr = vader.c_incr
    last = count - 1
    cap_differential = -1  # not known yet: 1 when some tokens but not all are in capitals
    for i in hits:
        lower = lowers[i]
        if lower in boosters:
            continue
        if i < last and lower == "kind" and lowers[i + 1] == "of":
            continue
        valence = lexicon[lower]
        # "no" before a lexicon word negates that word instead of counting itself
        if lower == "no" and i != last and lowers[i + 1] in lexicon:
            valence = 0.0
        if (
            (i > 0 and lowers[i - 1] == "no")
            or (i > 1 and lowers[i - 2] == "no")
            or (i > 2 and lowers[i - 3] == "no" and (lowers[i - 1] == "or" or lowers[i - 1] == "nor"))
        ):
            valence = lexicon[lower] * n_scalar
        if tokens[i].isupper():
            if cap_differential < 0:
                cap_differential = _cap_differential(tokens)
            if cap_differential:
                if valence > 0:
                    valence += c_incr
                else:
                    valence -= c_incr
        # The three words before: boosters and dampeners, negations, idioms.
        for start_i in range(3):
            j = i - start_i - 1
            if j < 0:
                break
            before = lowers[j]
            if before in lexicon:
                continue
            scalar = 0.0
            if before in boosters:
                scalar = boosters[before]
                if valence < 0:
                    scalar *= -1
                if tokens[j].isupper():
                    if cap_differential < 0:
                        cap_differential = _cap_differential(tokens)
                    if cap_differential:
                        if valence > 0:
                            scalar += c_incr
                        else:
                            scalar -= c_incr
                if start_i == 1:
                    scalar = scalar * 0.95
                elif start_i == 2:
                    scalar = scalar * 0.9
            valence = valence + scalar
            if start_i == 0:
                if before in negations or "n't" in before:
                    valence = valence * n_scalar
            elif start_i == 1:
                if lowers[i - 2] == "never" and (lowers[i - 1] == "so" or lowers[i - 1] == "this"):
                    valence = valence * 1.25
                elif lowers[i - 2] == "without" and lowers[i - 1] == "doubt":
                    pass
                elif before in negations or "n't" in before:
                    valence = valence * n_scalar
            else:
                if (lowers[i - 3] == "never" and (lowers[i - 2] == "so" or lowers[i - 2] == "this")) or (
                    lowers[i - 1] == "so" or lowers[i - 1] == "this"
                ):
                    valence = valence * 1.25
                elif lowers[i - 3] == "without" and (lowers[i - 2] == "doubt" or lowers[i - 1] == "doubt"):
                    pass
                elif before in negations or "n't" in before:
                    valence = valence * n_scalar
                # (every phrase the rule looks for has the word, or one of the two before it)
                if lower in phrase_words or lowers[i - 1] in phrase_words or lowers[i - 2] in phrase_words:
                    valence = _idioms(valence, lowers, i, special, boosters)
        # "least" before a word negates it, but not in "at least" or "very least"
        if i > 0 and lowers[i - 1] == "least" and "least" not in lexicon:
            if i > 1:
                if lowers[i - 2] != "at" and lowers[i - 2] != "very":
                    valence = valence * n_scalar
            else:
                valence = valence * n_scalar
        sentiments[i] = valence
    if "but" in lowers:
        _but(lowers, sentiments)
    return _score(sentiments, text, vader.normalize)


def _score(sentiments: list, text: str, normalize) -> tuple:
    """The package's `score_valence`, rounded, as (neg, neu, pos, compound)."""
    sum_s = float(sum(sentiments))
    # emphasis from exclamation marks (up to four) and question marks (two or more)
    exclamations = text.count("!")
    if exclamations > 4:
        exclamations = 4
    questions = text.count("?")
    question_emphasis = 0
    if questions > 1:
        if questions <= 3:
            question_emphasis = questions * 0.18
        else:
            question_emphasis = 0.96
    emphasis = exclamations * 0.292 + question_emphasis
    if sum_s > 0:
        sum_s += emphasis
    elif sum_s < 0:
        sum_s -= emphasis
    compound = normalize(sum_s)
    pos_sum = 0.0
    neg_sum = 0.0
    neu_count = 0
    for sentiment in sentiments:
        if sentiment > 0:
            pos_sum += float(sentiment) + 1
        elif sentiment < 0:
            neg_sum += float(sentiment) - 1
        else:
            neu_count += 1
    if pos_sum > abs(neg_sum):
        pos_sum += emphasis
    elif pos_sum < abs(neg_sum):
        neg_sum -= emphasis
    total = pos_sum + abs(neg_sum) + neu_count
    return (round(abs(neg_sum / total), 3), round(abs(neu_count / total), 3), round(abs(pos_sum / total), 3),
            round(compound, 4))


def _cap_differential(tokens: list) -> int:
    """1 when some of the tokens but not all are in capitals (the package's allcap_differential)."""
    capitals = 0
    for token in tokens:
        if token.isupper():
            capitals += 1
    return 1 if 0 < capitals < len(tokens) else 0


def _idioms(valence, lowers: list, i: int, special: dict, boosters: dict):
    """The package's `_special_idioms_check` for the lexicon word at `i` (i >= 3): a phrase of
    its special cases sets the valence, a booster phrase before the word adds to it."""
    zero = lowers[i]
    one = lowers[i - 1]
    two = lowers[i - 2]
    three = lowers[i - 3]
    two_one = two + " " + one
    three_two_one = three + " " + two_one
    three_two = three + " " + two
    for sequence in (one + " " + zero, two_one + " " + zero, two_one, three_two_one, three_two):
        if sequence in special:
            valence = special[sequence]
            break
    size = len(lowers)
    if size - 1 > i:
        zero_one = zero + " " + lowers[i + 1]
        if zero_one in special:
            valence = special[zero_one]
        if size - 1 > i + 1:
            zero_one_two = zero_one + " " + lowers[i + 2]
            if zero_one_two in special:
                valence = special[zero_one_two]
    for sequence in (three_two_one, three_two, two_one):
        if sequence in boosters:
            valence = valence + boosters[sequence]
    return valence


def _but(lowers: list, sentiments: list) -> None:
    """The package's `_but_check`, in place: scores before the first "but" halved, those after
    it raised by half. Its loop finds each score by value (`list.index`), so where a score
    repeats an earlier one it changes the earlier position; that is kept. Zeros are skipped:
    they stay zero either way and never equal another score."""
    but = lowers.index("but")
    for sentiment in sentiments:
        if sentiment == 0:
            continue
        position = sentiments.index(sentiment)
        if position < but:
            sentiments[position] = sentiment * 0.5
        elif position > but:
            sentiments[position] = sentiment * 1.5


@lru_cache(maxsize=1)
def analyzer() -> Vader:
    """The VADER scorer, built once (the package's lexicon is read on first use)."""
    return Vader()


def sentence_tones(document: Document) -> list[tuple[int, float, float]]:
    """(sentence index, compound, subjectivity) for every sentence, computed once."""
    return document.derived("sentence-tones", _compute_tones)


def _compute_tones(document: Document) -> list:
    return analyzer().sentence_tones(document.text, document.sentence_spans)


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
