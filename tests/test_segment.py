from framing.document import Document
from framing.segment import abbreviations, sentence_spans, word_count

from conftest import DEMO


def sentences(text):
    return [text[s:e] for s, e in sentence_spans(text)]


def test_abbreviations_do_not_split_sentences():
    text = "Gen. Smith met U.S. and U.N. envoys on Oct. 3 in St. Louis. Talks went on. Dr. Lee left."
    assert sentences(text) == [
        "Gen. Smith met U.S. and U.N. envoys on Oct. 3 in St. Louis.",
        "Talks went on.",
        "Dr. Lee left.",
    ]


def test_initials_question_marks_and_quotes():
    text = 'John F. Kennedy spoke. "Is it over?" she asked. It is! "We stay." Then silence.'
    assert sentences(text) == [
        "John F. Kennedy spoke.",
        '"Is it over?" she asked.',
        "It is!",
        '"We stay."',
        "Then silence.",
    ]


def test_paragraph_break_ends_a_headline_without_full_stop():
    text = "Strikes hit Telmar\n\nTELMAR — Strikes hit the town. More followed."
    assert sentences(text) == ["Strikes hit Telmar", "TELMAR — Strikes hit the town.", "More followed."]


def test_text_without_any_sentence_punctuation_is_one_sentence():
    text = "no punctuation at all just words and more words " * 40  # up to MAX_SENTENCE characters
    assert sentences(text) == [text.strip()]


def test_offsets_refer_to_the_original_text():
    text = "  One.   Two.  "
    assert sentence_spans(text) == [(2, 6), (9, 13)]
    assert sentence_spans(text, start=7) == [(9, 13)]


def test_word_count_counts_whitespace_separated_words():
    assert word_count("The so-called  coalition\nsaid — nothing.") == 6


def test_word_count_from_folded_text_agrees_with_split_everywhere():
    """The fast count (spaces of the folded text) must equal str.split on any text:
    runs of spaces of every length, every Unicode space, leading and trailing space."""
    import random

    from framing.matcher import normalize

    pieces = ["word", "a", " ", "  ", "   ", "\n", "\n\n", "\t", "\xa0", "\u2009", "\u3000", "\x1c", "İ", "-", "\r\n"]
    rng = random.Random(0)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        start = rng.randint(0, len(text))
        assert word_count(text, start, normalize(text)) == len(text[start:].split()), (text, start)
    doc = Document(id="t", text="Title\n\nBody  text here.\n", body_start=7)
    assert doc.word_count == 3


def _punkt():
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(abbreviations())
    return PunktSentenceTokenizer(params)


def test_sentences_agree_with_nltk_punkt_on_the_demo_corpus():
    """Our single-pass splitter applies Punkt's rule; check on real paragraphs that they agree."""
    punkt = _punkt()
    compared = 0
    for path in sorted(DEMO.glob("*.md")):
        if path.name == "README.md":
            continue
        doc = Document(id=path.name, text=path.read_text("utf-8"))
        for paragraph in doc.text.split("\n\n")[1:]:
            paragraph = paragraph.strip()
            if not paragraph or paragraph.startswith("---"):
                continue
            ours = sentences(paragraph)
            theirs = [paragraph[s:e] for s, e in punkt.span_tokenize(paragraph)]
            assert ours == theirs, path.name
            compared += 1
    assert compared > 100


def test_over_long_sentences_are_cut_at_a_space_below_the_limit():
    from framing.segment import MAX_SENTENCE

    text = " ".join(["word"] * 3000) + ". A short one."
    spans = sentence_spans(text)
    assert all(e - s <= MAX_SENTENCE for s, e in spans)
    assert all(not text[s].isspace() and not text[e - 1].isspace() for s, e in spans)
    assert " ".join(text[s:e] for s, e in spans) == text  # nothing lost, pieces meet at single spaces
    unbroken = "x" * (MAX_SENTENCE * 2 + 5)
    assert [e - s for s, e in sentence_spans(unbroken)] == [MAX_SENTENCE, MAX_SENTENCE, 5]
