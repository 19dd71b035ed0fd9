"""Tone: framing's VADER scorer gives exactly the vaderSentiment package's scores.

framing.detectors.tone runs the package's rules in one pass over a sentence's tokens (and is
compiled where the machine can); every test here compares it with the package's own
`SentimentIntensityAnalyzer().polarity_scores`, both as imported (compiled or not) and as the
plain Python source, on sentences written to reach each rule, on random word salad and on real
text. Scores are compared as values and as their printed form (so 0.0 and -0.0 differ).
"""

from __future__ import annotations

import importlib.util
import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vaderSentiment.vaderSentiment import BOOSTER_DICT, NEGATE, SPECIAL_CASES, SentimentIntensityAnalyzer

import framing.detectors.tone as tone
from framing.detectors.tone import ToneDetector
from framing.document import Document
from framing.readers import read_paths

from conftest import DEMO, ROOT

BASIL = ROOT.parent / "shared" / "data" / "basil" / "basil_articles.jsonl"  # real news, measurement only


def _source_module():
    """tone.py run as Python even where the installed build imports a compiled copy of it."""
    spec = importlib.util.spec_from_file_location("framing_tone_source", ROOT / "framing" / "detectors" / "tone.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


STOCK = SentimentIntensityAnalyzer()
SCORERS = {"imported": tone.analyzer(), "source": _source_module().Vader()}


@pytest.fixture(params=sorted(SCORERS))
def vader(request):
    return SCORERS[request.param]


def assert_same(vader, texts):
    for text in texts:
        ours, theirs = vader.polarity_scores(text), STOCK.polarity_scores(text)
        assert ours == theirs and repr(ours) == repr(theirs), text


# Each line reaches a rule of the package (named first); with its parts split at ". " as well.
RULES = [
    "booster and dampener: it was very good, extremely bad, slightly sad and kinda happy",
    "booster in capitals: it was VERY good and EXTREMELY bad, not ALL CAPS",
    "sentiment word in capitals: The plan was GREAT and the result TERRIBLE",
    "ALL CAPS SENTENCE: THE PLAN WAS GREAT AND THE RESULT TERRIBLE",
    "negation one to three words before: not good. not very good. not at all bad. isn't bad. don't like it",
    "never so / never this: never so good, never this bad, it was never really so happy",
    "without doubt: without doubt good. without a doubt the best. without any doubt awful",
    "no: no problem. no good news. no hope or joy. no fear nor hate. no. No way this is GOOD",
    "least: the least good plan. at least good. the very least bad. least happy",
    "kind of: it was kind of good. kind of a mess. kind people. Kind of",
    "sort of / just enough: sort of sad. just enough hope. it was just enough for a smile",
    "idioms: the shit hit the fan. the bomb went off. bad ass move. yeah right. a kiss of death",
    "idioms after: a cake to die for. his beating heart. the bus stop was bad. the bomb good",
    "idioms, the word first: we all said it was a kiss of death for them. the yeah right good",
    "idioms, the word after: the food was to die for good measure. said the shit good",
    "but: the plan was good but the result was terrible. BUT it was fine",
    "but, repeated scores: good good but good. bad bad but bad and bad. nice but nice",
    "but, a score equal to an earlier one halved: their acceptance came but advantage stayed",
    "punctuation: good!!! bad!!!!! good?? bad???? good? !!! ??? :) :( :-( :D <3",
    "tokens stripped: 'good' \"bad\" (great) ...terrible... ,cat cat, !dog dog! !!word?? a b ok.",
    "contractions: it isn't good, it wasn't bad, they can't be happy, we won't cry",
    "emoji: I love it 😀 and 💔 broke my heart; 👍 good",
    "empty and blank: ", "   ", "\t\n", "",
    "no sentiment at all: The council met on Tuesday to discuss the budget.",
    "unicode: İstanbul’s “great” victory — ǅemal was HAPPY, ΣΟΦΙΑ sad",
    "Wow!! This is GREAT, isn't it?! :) The 'election' (so-called) was... a sham; truly awful!!!",
    "Hardly a kind of victory; sort of a win but the loss hurt, the shit hit the fan.",
    "it isn't bad, never this good, least of all sad",
]


def test_every_rule_gives_the_package_scores(vader):
    assert_same(vader, [part for text in RULES for part in [text, *text.split(". ")]])
    assert vader.polarity_scores("The council met on Tuesday.") == {"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.0}


def test_the_but_rule_keeps_the_package_changing_scores_by_value():
    # The package finds each score by value, so a score equal to an earlier one already halved
    # changes that earlier one: [2.0, but, 1.0] becomes [0.5, ., 1.0], not [1.0, ., 1.5].
    assert SentimentIntensityAnalyzer._but_check(["x", "but", "y"], [2.0, 0, 1.0]) == [0.5, 0, 1.0]
    assert STOCK.lexicon["acceptance"] == 2.0 and STOCK.lexicon["advantage"] == 1.0
    for vader in SCORERS.values():
        assert_same(vader, ["their acceptance came but advantage stayed", "acceptance acceptance but advantage"])


VOCABULARY = sorted(
    {"no", "or", "nor", "but", "least", "at", "very", "kind", "of", "sort", "never", "so", "this", "without",
     "doubt", "the", "and", "a", "good", "bad", "great", "awful", "love", "hate", "acceptance", "advantage"}
    | {word for phrase in SPECIAL_CASES for word in phrase.split()}
    | {word for phrase in BOOSTER_DICT for word in phrase.split()}
    | set(NEGATE)
)
EXTRA = [":)", ":-(", "<3", "!!!", "???", "?", "!", "😀", "💔", "—", "ok", "x", "I", "A", "İs", "ǅ", "3", "..."]
WRAPS = ["{}", "{}!", "'{}'", '"{}"', "({})", "{}?", "{},", "...{}", "{}!!", ":{}", "“{}”"]


SCORED_WORDS = sorted(STOCK.lexicon)


def word_salad(rng: random.Random) -> str:
    lexicon = SCORED_WORDS
    words = []
    for _ in range(rng.randint(0, 14)):
        roll = rng.random()
        word = rng.choice(lexicon) if roll < 0.3 else rng.choice(VOCABULARY) if roll < 0.85 else rng.choice(EXTRA)
        case = rng.random()
        word = word.upper() if case < 0.15 else word.capitalize() if case < 0.2 else word
        words.append(rng.choice(WRAPS).format(word) if rng.random() < 0.3 else word)
    return rng.choice([" ", " ", " ", "  ", "\n"]).join(words)


def test_random_word_salad_gives_the_package_scores(vader):
    rng = random.Random(12)
    assert_same(vader, [word_salad(rng) for _ in range(10_000)])


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(VOCABULARY + EXTRA), st.sampled_from(SCORED_WORDS),
                          st.text(alphabet="aAbB!?.,'\"():-nt’ 😀", max_size=6)), max_size=12),
       st.sampled_from([" ", "  ", "\n"]), st.booleans())
def test_any_sentence_gives_the_package_scores(words, separator, shout):
    text = separator.join(words)
    for vader in SCORERS.values():
        assert_same(vader, [text, text.upper() if shout else text.title()])


def _sentences(documents):
    return [sentence for document in documents for sentence in document.sentences()]


def test_the_demo_corpus_gives_the_package_scores_sentence_by_sentence_and_per_document(vader):
    documents = [d for d in read_paths([DEMO]) if isinstance(d, Document)]
    assert len(documents) >= 10
    assert_same(vader, _sentences(documents))
    for document in documents:
        summary = ToneDetector().summarize(document, [])
        scores = [STOCK.polarity_scores(s) for s in document.sentences()]
        assert summary["mean"] == round(sum(s["compound"] for s in scores) / len(scores), 3)
        assert summary["subjectivity"] == round(sum(round(s["pos"] + s["neg"], 3) for s in scores) / len(scores), 3)
        assert summary["negative_share"] == round(sum(s["compound"] <= -0.05 for s in scores) / len(scores), 3)


@pytest.mark.skipif(not BASIL.is_file(), reason="the BASIL articles (real news) are not on this machine")
def test_real_news_gives_the_package_scores(vader):
    rows = [json.loads(line) for line in BASIL.read_text("utf-8").splitlines()]
    texts = ["\n\n".join(" ".join(p) if isinstance(p, list) else p for p in row["body-paragraphs"]) for row in rows]
    sentences = _sentences(Document(id=str(i), text=text) for i, text in enumerate(texts))
    assert len(sentences) > 5000
    assert_same(vader, sentences)
