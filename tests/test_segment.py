from hypothesis import given, settings
from hypothesis import strategies as st

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


def test_the_character_reader_finds_the_breaks_the_regexes_find():
    """segment._mark_breaks (the compiled build's path) against the regexes it replaces, on random
    text of full stops, abbreviations, initials, closers, runs of marks, Unicode spaces and case."""
    import random

    from framing import segment

    pieces = ["Mr", "mr", "MR", "Dr", "U", "S", "J", "x", "Xmr", "_mr", "émr", "vol", "no", "word", "Word", "1",
              ".", ".", ".", "!", "?", "\u2026", "\"", "'", "\u2019", "\u201d", ")", "]", " ", " ", "  ", "\n",
              "\n\n", "\t", "\xa0", "\u2009", "a", "B", "é", "É", "_", "-", ",", "(", "“", "\n \n", "\r\n", "\v", "\x0c"]
    rng = random.Random(3)
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        start = rng.randint(0, len(text))
        assert segment._mark_breaks(text, start) == segment._regex_breaks(text, start, len(text)), (text, start)
        paragraphs = []
        for match in segment._PARAGRAPH.finditer(text, start):
            stop = match.start()
            while stop > start and text[stop - 1].isspace():
                stop -= 1
            paragraphs.append((stop, match.end()))
        assert segment._paragraph_breaks(text, start) == paragraphs, (text, start)
    many = "Why" + "?" * 20 + " Yes" + "!" * 16 + " No." + ")" * 17 + " So"
    assert segment._mark_breaks(many, 0) == segment._regex_breaks(many, 0, len(many))
    assert segment._TAIL == ".!?\u2026" + segment._CLOSERS


def test_the_regexes_case_insensitive_letters_beyond_ascii_are_the_listed_four():
    import re
    import sys

    from framing import segment

    letter = re.compile("(?i)[a-z]")
    found = "".join(chr(c) for c in range(128, sys.maxunicode + 1) if letter.fullmatch(chr(c)))
    assert found == segment._CASE_FOLDS_TO_ASCII


def test_sentences_are_the_same_from_the_regexes_and_the_character_reader(monkeypatch):
    from framing import segment
    from framing.readers import read_paths

    from conftest import ROOT

    texts = [doc.text for doc in read_paths([str(ROOT / "corpora" / "demo")])] + ["K. Smith \u212a. Jones. Next one."]
    spans = {}
    for compiled in (True, False):
        monkeypatch.setattr(segment, "_COMPILED", compiled)
        spans[compiled] = [segment.sentence_spans(text) for text in texts]
    assert spans[True] == spans[False] and sum(map(len, spans[True])) > 100


@settings(max_examples=300, derandomize=True, database=None)
@given(st.text(alphabet=" \n\tab\u00e9\u2019.", max_size=40), st.integers(0, 45))
def test_word_counts_and_line_starts_agree_with_their_definitions(text, start):
    from framing.matcher import scan_bytes
    from framing.segment import line_starts, word_count

    scan = scan_bytes(text)
    assert word_count(text, start, scan=scan) == len(text[start:].split())
    assert line_starts(text) == [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
