import pickle

from framing import analyze_text
from framing.document import Document
from framing.pipeline import Analyzer
from framing.scoring import score


def test_analyze_text_uses_the_default_lexicons():
    result = analyze_text("The so-called coalition struck again.", outlet="Herald", exclude=["classifier"])
    assert [f.rule for f in result.findings] == ["distancing/so-called"]
    assert result.document.outlet == "Herald"
    assert result.words == 5 and result.sentences == 1


def test_an_analyzer_pickles_and_gives_the_same_results(lexicon_file):
    analyzer = Analyzer.from_options([lexicon_file], default_lexicons=False, exclude=["classifier"])
    doc = Document(id="d", text='The "election" and the regime. The slaughter went on.')
    expected = analyzer.analyze(doc).to_dict()
    clone = pickle.loads(pickle.dumps(analyzer))
    assert clone.analyze(Document(id="d", text=doc.text)).to_dict() == expected
    assert len(pickle.dumps(analyzer)) < 20_000  # no automaton inside: cheap to ship to workers


def test_scores_are_densities_and_the_index_is_weighted(lexicon_file):
    analyzer = Analyzer.from_options([lexicon_file], default_lexicons=False, exclude=["classifier"])
    text = "The regime. " + "calm words here " * 30 + "They slaughtered many."
    result = analyzer.analyze(Document(id="d", text=text))
    words = len(text.split())
    cats = result.scores["categories"]
    assert cats["test-cat"]["count"] == 2
    assert cats["test-cat"]["per_1000_words"] == round(2 * 1000 / words, 3)
    assert cats["scare-quotes"] == {"count": 0, "per_1000_words": 0.0}
    # regime weighs 1.0, slaughter 2.0
    assert result.scores["framing_index"] == round(3.0 * 1000 / words, 3)


def test_empty_scores_for_a_document_without_words():
    assert score([], 0, ["a"]) == {"framing_index": 0.0, "categories": {"a": {"count": 0, "per_1000_words": 0.0}}}


def test_loaded_report_outranks_neutral_report_of_the_same_event():
    neutral = analyze_text(
        "Security forces dispersed a protest in the capital on Monday, police said. "
        "At least 12 people were injured, according to the health ministry. "
        "Opposition leaders said the demonstration had been peaceful.",
        exclude=["classifier"],
    )
    loaded = analyze_text(
        "The regime's thugs brutally crushed a peaceful protest on Monday in yet another shameful crackdown. "
        "The so-called security forces slaughtered demonstrators, and the government predictably claimed "
        "that foreign-backed agitators had provoked the violence.",
        exclude=["classifier"],
    )
    assert [f.rule for f in neutral.findings] == ["agency/agentless-harm"]  # "were injured": info only
    assert neutral.scores["framing_index"] < 5.0
    assert loaded.scores["framing_index"] > 10 * max(neutral.scores["framing_index"], 1.0)
