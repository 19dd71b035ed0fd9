import pickle

from framing.detectors.lexicon import LexiconDetector
from framing.lexicon.compile import entry_phrases
from framing.document import Document
from framing.inflect import inflections
from framing.lexicon import load_lexicon
from framing.matcher import spellings

from conftest import LEXICON


def detector(lexicon_file):
    return LexiconDetector(load_lexicon([lexicon_file], include_defaults=False))


def found(lexicon_file, text):
    doc = Document(id="t", text=text)
    return [(f.text, f.rule) for f in detector(lexicon_file).detect(doc)]


def test_case_insensitive_whole_words(lexicon_file):
    assert found(lexicon_file, "The REGIME fell. Regimes fall.") == [
        ("REGIME", "test-cat/regime"),
        ("Regimes", "test-cat/regime"),
    ]
    assert found(lexicon_file, "the regimental band") == []


def test_slaughter_never_matches_manslaughter(lexicon_file):
    assert found(lexicon_file, "charged with manslaughter") == []
    assert found(lexicon_file, "they slaughtered and slew") == [
        ("slaughtered", "test-cat/slaughter"),
        ("slew", "test-cat/slaughter"),
    ]


def test_hyphen_space_and_closed_spellings_match_alike(lexicon_file):
    texts = ["a foreign-backed group", "a foreign backed group", "a foreignbacked group", "a Foreign‐backed group",
             "a foreign\nbacked group"]
    for text in texts:
        assert found(lexicon_file, text)[0][1] == "test-cat/foreign-backed", text
    assert found(lexicon_file, "the so called army")[0][1] == "test-cat/so-called"


def test_wildcard_compounds_match_hyphenated_words_only(lexicon_file):
    assert found(lexicon_file, "Iran-backed and U.S.-backed militias") == [
        ("Iran-backed", "test-cat/any-backed"),
        ("U.S.-backed", "test-cat/any-backed"),
    ]
    assert found(lexicon_file, "he backed the plan; the -backed") == []


def test_exact_entry_beats_wildcard_and_longest_match_wins(lexicon_file):
    assert found(lexicon_file, "foreign-backed") == [("foreign-backed", "test-cat/foreign-backed")]
    assert found(lexicon_file, "collateral damage and damage") == [
        ("collateral damage", "test-cat/collateral-damage"),
        ("damage", "test-cat/damage"),
    ]


def test_findings_carry_span_location_and_advice(lexicon_file):
    doc = Document(id="t", text="Calm start.\nThe so-called army came.")
    (finding,) = detector(lexicon_file).detect(doc)
    assert (finding.start, finding.end) == (16, 25)
    assert doc.text[finding.start : finding.end] == "so-called"
    assert (finding.line, finding.column, finding.sentence) == (2, 5, 1)
    assert finding.explanation == "Signals doubt." and finding.suggestion == "Drop it."
    assert finding.severity == "warning" and finding.context == "The so-called army came."


def test_offsets_survive_characters_that_lowercase_to_two():
    from framing.matcher import build_matcher

    matcher = build_matcher([("regime", 0)])
    text = "İİ regime"
    (hit,) = matcher.find(text)
    assert text[hit[0] : hit[1]] == "regime"


def test_detector_pickles_small_and_still_works(lexicon_file):
    det = detector(lexicon_file)
    det.detect(Document(id="t", text="regime"))
    clone = pickle.loads(pickle.dumps(det))
    assert clone._matcher is None
    assert [f.text for f in clone.detect(Document(id="t", text="the regime"))] == ["regime"]


def test_matcher_scans_from_an_offset_and_pickles_without_its_automaton():
    from framing.matcher import build_matcher, scan_bytes

    matcher = build_matcher([("regime", 0), ("*-backed", 1)])
    text = "The regime and a Varnia-backed regime."
    assert [(s, e, p) for s, e, p, _ in matcher.find(text)] == [(4, 10, 0), (17, 30, 1), (31, 37, 0)]
    assert [(s, e) for s, e, _, _ in matcher.find(text, 11, scan_bytes(text))] == [(17, 30), (31, 37)]
    # The wildcard word never reaches back before the offset.
    assert [(s, e) for s, e, _, _ in matcher.find(text, 20)] == [(20, 30), (31, 37)]
    clone = pickle.loads(pickle.dumps(matcher))
    assert clone._automaton is None and clone.find(text) == matcher.find(text)


def test_large_lexicons_fall_back_to_the_smaller_automaton_with_the_same_matches(monkeypatch):
    from framing.matcher import PhraseMatcher, build_matcher

    phrases = [("regime", 0), ("so-called", 1), ("so called", 1), ("*-backed", 2)]
    text = "The so-called regime, a Varnia-backed regime."
    expected = build_matcher(phrases).find(text)
    monkeypatch.setattr(PhraseMatcher, "DFA_LIMIT", 2)
    assert build_matcher(phrases).find(text) == expected and len(expected) == 4


def test_phrases_inflect_only_in_the_plural_unless_told(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text(LEXICON + '\n[[entry]]\nterm = "police state"\nexplanation = "e"\nsuggestion = "s"\n'
                    '\n[[entry]]\nterm = "critics say"\ninflect = true\nexplanation = "e"\nsuggestion = "s"\n',
                    encoding="utf-8")
    det = LexiconDetector(load_lexicon([path], include_defaults=False))
    text = "Two police states. The police stated it. Critics saying so, as critics say."
    assert [f.text for f in det.detect(Document(id="t", text=text))] == ["police states", "Critics saying", "critics say"]


def test_exceptions_cancel_their_own_entry_only(tmp_path):
    path = tmp_path / "x.toml"
    path.write_text(
        LEXICON.replace('term = "regime"\n', 'term = "regime"\nexceptions = ["tax regime"]\n')
        .replace('term = "*-backed"\n', 'term = "*-backed"\nexceptions = ["mortgage-backed"]\n')
        + '\n[[entry]]\nterm = "tax"\nexplanation = "e"\nsuggestion = "s"\n',
        encoding="utf-8",
    )
    det = LexiconDetector(load_lexicon([path], include_defaults=False))
    text = "The regime raised the tax regime and its tax regimes; mortgage-backed bonds, Iran-backed militias."
    assert [f.text for f in det.detect(Document(id="t", text=text))] == ["regime", "tax", "tax", "Iran-backed"]


def test_a_users_entry_wins_over_a_default_one_for_the_same_words(tmp_path):
    mine = tmp_path / "mine.toml"
    mine.write_text(LEXICON.replace('id = "test-cat"', 'id = "house"').replace('term = "regime"', 'term = "pretend"'),
                    encoding="utf-8")
    det = LexiconDetector(load_lexicon([mine]))
    assert [f.rule for f in det.detect(Document(id="t", text="They pretend to care."))] == ["house/pretend"]
    defaults_only = LexiconDetector(load_lexicon())
    assert [f.rule for f in defaults_only.detect(Document(id="t", text="They pretend to care."))] == ["presupposition/pretend"]


def test_inflections_follow_english_spelling_rules():
    assert inflections("slaughter") >= {"slaughters", "slaughtered", "slaughtering"}
    assert inflections("mob") == {"mobs", "mobbed", "mobbing"}
    assert inflections("massacre") == {"massacres", "massacred", "massacring"}
    assert inflections("occupy") == {"occupies", "occupied", "occupying"}
    assert inflections("crush") == {"crushes", "crushed", "crushing"}
    assert inflections("oligarch", plural_only=True) == {"oligarchs"}  # a /k/ "ch"
    assert inflections("biotech", plural_only=True) == {"biotechs"}
    assert inflections("march", plural_only=True) == {"marches"}
    assert inflections("killing", plural_only=True) == {"killings"}  # a noun in -ing
    assert inflections("killing") == set()  # as a verb form it takes no more endings
    assert inflections("king", plural_only=True) == {"kings"}
    assert inflections("utterly") == set()
    assert "rated" not in inflections("rat")


def test_spellings_and_entry_phrases(lexicon_file):
    assert spellings("foreign-backed") == {"foreign-backed", "foreign backed", "foreignbacked"}
    assert spellings("so called") == {"so called", "so-called"}
    assert spellings("so-called reform") == {"so-called reform", "so called reform", "socalled reform",
                                             "so-called-reform", "so called-reform", "socalled-reform"}
    assert spellings("edge of the abyss") == {"edge of the abyss", "edge-of-the-abyss"}  # four words: no mixes
    lexicon = load_lexicon([lexicon_file], include_defaults=False)
    regime = next(e for e in lexicon.entries if e.term == "regime")
    assert {"regime", "regimes"} <= entry_phrases(regime)


def test_a_huge_lexicon_and_adversarial_text_stay_linear():
    """Thousands of overlapping terms over repetitive text: one pass, bounded hits per position."""
    from framing.matcher import build_matcher

    matcher = build_matcher((("a" * n, n) for n in range(1, 60)))
    text = ("a" * 5000 + " ") * 4
    hits = matcher.find(text)
    assert hits == []  # no 1-59 letter run is a whole word inside 5000 a's
    assert len(matcher) == 59


def test_spaced_false_keeps_a_hyphenated_term_from_matching_the_open_phrase(tmp_path):
    from conftest import LEXICON

    path = tmp_path / "w.toml"
    path.write_text(LEXICON + '\n[[entry]]\nterm = "would-be"\nspaced = false\nexplanation = "e"\nsuggestion = "s"\n', "utf-8")
    assert found(path, "the would-be king") == [("would-be", "test-cat/would-be")]
    assert found(path, "it would be wrong") == []
    assert found(path, "the wouldbe king") == [("wouldbe", "test-cat/would-be")]


def test_scan_bytes_fold_every_character_as_normalize_does_one_byte_each():
    import sys

    from framing.matcher import normalize, scan_bytes

    # Every code point alone, and a mixed text: the automaton's bytes are the folded text with
    # anything non-ASCII as "?", offsets unchanged (the Kelvin sign lowercases to "k").
    mismatched = [hex(c) for c in range(sys.maxunicode + 1) if scan_bytes(chr(c)) != normalize(chr(c)).encode("ascii", "replace")]
    assert mismatched == []
    text = "İstanbul\u2019s \u201cso\u2011called\u201d\u00a0\u212aelvin\tNAÏVE\r\n\ud800 ß"
    assert scan_bytes(text) == normalize(text).encode("ascii", "replace")
    assert len(scan_bytes(text)) == len(text)


def test_non_ascii_phrases_match_only_their_own_letters():
    from framing.matcher import build_matcher

    # "naïve" is scanned as "na?ve": a question mark or another letter there is no match.
    matcher = build_matcher([("naïve", 0), ("über-hawk", 1)])
    text = "So na?ve, so naive, so naïve and NAÏVE; an Über-hawk, an uber-hawk."
    assert [text[s:e] for s, e, _, _ in matcher.find(text)] == ["naïve", "NAÏVE", "Über-hawk"]


def test_non_ascii_lexicons_are_matched_on_the_folded_text_not_on_question_marks():
    import sys

    from framing import matcher as m

    # Cyrillic or Greek terms are not scanned as "?????" bytes (every run of five Cyrillic letters
    # would be a candidate): they have an automaton of their own over the folded text.
    words = ["власть", "режим", "хунта", "ΟΔΟΣ".lower()]
    found = m.build_matcher([(w, i) for i, w in enumerate(words)])
    text = "Новый режим и старая ВЛАСТЬ; " * 2000 + "οδος ΟΔΟΣ."
    hits = found.find(text)
    assert found._automaton is None and found._wide is not None  # no byte patterns of "?"
    assert [text[b:e] for b, e, _, _ in hits[:2]] == ["режим", "ВЛАСТЬ"] and len(hits) == 4002
    assert [text[b:e] for b, e, _, _ in hits[-2:]] == ["οδος", "ΟΔΟΣ"]
    # The letters that decide whether that automaton runs include every case that folds to them.
    irregular = "".join(chr(c) for c in range(sys.maxunicode + 1)
                        if len(chr(c).lower()) == 1 and chr(c).lower() != chr(c)
                        and chr(c) not in (chr(c).lower().upper(), chr(c).lower().title()))
    assert irregular == m._IRREGULAR
    assert found.find("\u212a" + "ελβιν", 0) == []  # no such phrase; the prefilter only skips work
    assert m.build_matcher([("ßtraße", 0)]).find("ẞTRASSE ẞtraße") == [(8, 14, 0, 0)]
    # The folded text may still be passed by keyword, as earlier releases took it.
    assert m.build_matcher([("regime", 0)]).find("the regime", 0, folded="the regime") == [(4, 10, 0, 0)]


def test_many_documents_scanned_together_give_each_its_own_hits(monkeypatch):
    from framing import matcher as m

    matcher = m.build_matcher([("regime", 0), ("*-backed", 1), ("anti-*", 2), ("naïve", 3), ("режим", 4), ("so-called", 5)])
    texts = [
        ("title: regime\n---\nThe regime, a Varnia-backed regime.", 18),  # front matter: not scanned
        ("regime", 0),
        ("", 0),
        ("Naïve anti-war talk; the режим and the regime", 0),
        ("x-backed", 2),  # the wildcard word never reaches back before the start
        ("so-called", 9),  # the start at the end: nothing
        ("regimes regime_ regime", 0),
    ]
    documents = [(text, start, m.scan_bytes(text)) for text, start in texts]
    expected = [matcher.find(text, start, scan) for text, start, scan in documents]
    assert matcher.find_many(documents) == expected
    assert [len(hits) for hits in expected] == [3, 1, 0, 4, 0, 0, 1]
    # However the documents are cut into stretches for the automaton, the hits stay the same.
    for limit in (1, 10, 40):
        monkeypatch.setattr(m.PhraseMatcher, "JOINED", limit)
        assert matcher.find_many(documents) == expected
    assert m.build_matcher([]).find_many(documents) == [[] for _ in documents]


def test_the_lexicon_detector_finds_the_same_in_a_batch_as_one_by_one(lexicon_file):
    detector = LexiconDetector(load_lexicon([lexicon_file]))
    documents = [Document(id=str(i), text=text) for i, text in enumerate([
        "The so-called regime.", "Nothing here.", "A Varnia-backed regime and the REGIME's men.",
    ])]
    one_by_one = [detector.detect(Document(id=d.id, text=d.text)) for d in documents]
    assert [found for found, _ in detector.detect_many(documents)] == one_by_one
    assert [len(found) for found in one_by_one] == [2, 0, 3]


def test_a_shared_scan_gives_each_matcher_the_hits_its_own_scan_gives(monkeypatch):
    from framing import matcher as m

    lexicon = m.build_matcher([("regime", 0), ("so-called", 1), ("*-backed", 2), ("said", 3), ("naïve", 4), ("режим", 5)])
    verbs = m.build_matcher([("said", 0), ("told", 1), ("according to", 2)])  # "said" in both
    auxiliaries = m.build_matcher([("was", 0), ("has been", 1), ("been", 2)])  # a pattern inside another
    empty = m.build_matcher([])
    texts = [
        ("title: regime said\n---\nThe so-called regime was told; it has been Varnia-backed, he said.", 24),
        ("", 0),
        ("Naïve? The режим said so, according to the naive ones who were told.", 0),
        ("unsaid, wasp, beenish, regimes", 0),
        ("x-backed was", 3),
    ]
    documents = [(text, start, m.scan_bytes(text)) for text, start in texts]
    matchers = [lexicon, verbs, auxiliaries, empty, verbs]
    scan = m.SharedScan(matchers)
    assert len(scan.matchers) == 4  # the same matcher twice is scanned for once
    expected = [[x.find(text, start, scan_) for text, start, scan_ in documents] for x in scan.matchers]
    assert scan.find_many(documents) == expected
    assert [len(h) for h in expected[2]] == [3, 0, 0, 0, 1]  # "has been" and "been" both, in the order found
    for limit in (1, 30):  # however the texts are cut into stretches
        monkeypatch.setattr(m.PhraseMatcher, "JOINED", limit)
        assert scan.find_many(documents) == expected
    assert m.SharedScan([verbs]).find_many(documents) == [expected[1]]


def test_the_analyzer_finds_each_detectors_phrases_in_one_scan_with_the_same_results():
    from framing.pipeline import Analyzer

    analyzer = Analyzer.from_options(detectors=["lexicon", "quotes", "attribution", "agency", "actors"])
    texts = ["Officials who asked not to be named said the so-called regime was shelled by Varnia-backed militants.",
             "The minister claimed the protesters were killed. Rebels told reporters the army was to blame.", ""]
    results = list(analyzer.analyze_all(Document(id=str(i), text=t) for i, t in enumerate(texts)))
    together = [r.to_dict() for r in results]
    # A result keeps its document, but not the raw phrase hits the detectors read.
    assert not any(r.document.has_derived("phrase-hits") for r in results)
    alone = []
    for i, text in enumerate(texts):  # each detector scanning for its own phrases, document by document
        document = Document(id=str(i), text=text)
        found = [f for d in analyzer.detectors for f in d.detect(document)]
        alone.append(sorted((f.start, f.end, f.rule) for f in found))
    assert [sorted((f["start"], f["end"], f["rule"]) for f in r["findings"]) for r in together] == alone
    assert analyzer._phrases and len(analyzer._phrases.matchers) == 6
    assert any(f["rule"] == "sourcing/anonymous-source" for f in together[0]["findings"])


def test_renumbering_the_automatons_bytes_changes_no_match():
    import random

    import ahocorasick_rs

    from framing.matcher import _BytesAutomaton

    rng = random.Random(7)
    alphabet = b"ab -'?.,9z\x00\xff"
    for _ in range(30):
        patterns = list({bytes(rng.choice(alphabet) for _ in range(rng.randint(1, 4))) for _ in range(12)})
        text = bytes(rng.choice(alphabet + b"xyQ\n") for _ in range(300))
        plain = ahocorasick_rs.BytesAhoCorasick(patterns)
        assert _BytesAutomaton(patterns).find_matches_as_indexes(text) == plain.find_matches_as_indexes(text, overlapping=True)
    every = [bytes([b]) for b in range(256)]  # all 256 bytes in use: nothing to renumber
    assert _BytesAutomaton(every).find_matches_as_indexes(b"\x00a") == [(0, 0, 1), (97, 1, 2)]
