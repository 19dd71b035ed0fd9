from framing.detectors.quotes import ScareQuoteDetector
from framing.document import Document


def scare(text):
    """The scare quotes the detector finds (its partial-quote findings left aside)."""
    return [f.text for f in ScareQuoteDetector().detect(Document(id="q", text=text))
            if f.rule != "scare-quotes/partial-quote"]


def partial(text):
    return [f.text for f in ScareQuoteDetector().detect(Document(id="q", text=text))
            if f.rule == "scare-quotes/partial-quote"]


def test_short_quoted_terms_in_the_writers_voice_are_scare_quotes():
    assert scare('The "election" was held on Sunday amid a boycott.') == ['"election"']
    assert scare("The regime’s ‘counter-terrorism operation’ went on.") == ["‘counter-terrorism operation’"]
    assert scare("They sent in 'peacekeepers' overnight.") == ["'peacekeepers'"]
    assert scare("the “peaceful protest” ended") == ["“peaceful protest”"]


def test_quoted_speech_is_not_a_scare_quote():
    assert scare('"We will stay," he said. The rest followed.') == []
    assert scare('He said: "No comment." Then he left.') == []
    assert scare('The minister said "never" twice.') == []
    assert scare('"Enough," said Ms. Oran.') == []
    assert scare('Protesters chanted "freedom now" outside.') == []
    assert scare('The word "genocide" appears in the report.') == []


def test_long_quotes_titles_and_apostrophes_are_left_alone():
    assert scare('The judge said the ruling was "a matter for the courts to settle".') == []
    assert scare('The film "Dark Harbour Nights" opened.') == []
    assert scare("The boys' and girls' teams won; it's the players' day.") == []


def test_a_quote_that_never_closes_does_not_swallow_the_article():
    text = 'He said "this never ends\n\nNext paragraph has the "election" in it.'
    assert scare(text) == ['"election"']


def test_finding_span_covers_the_quote_marks():
    doc = Document(id="q", text='A calm line.\nThe "election" was held.')
    (finding,) = ScareQuoteDetector().detect(doc)
    assert doc.text[finding.start : finding.end] == '"election"'
    assert (finding.line, finding.column, finding.category) == (2, 5, "scare-quotes")


def test_fragments_quoted_from_a_source_and_nested_quotes_are_not_scare_quotes():
    assert scare('He called the plan "reckless" and "cruel" in a speech.') == []
    assert scare('Critics, however, dismissed the "reform" as cosmetic.') == []
    assert scare('"They are forcing this \'reform\' on us," Brown said.') == []
    assert scare('Several of the "activists" detained carried helmets, according to police.') == ['"activists"']
    assert scare('She appeared on "Meet the Press" on Sunday.') == []


def test_so_called_before_a_quoted_term_is_no_reporting_verb():
    """'called' inside 'so-called' is the writer distancing themselves, not a report of speech."""
    assert scare('Troops guarded the so-called "buffer zone" near the river.') == ['"buffer zone"']
    assert scare('The so called "audit" found nothing.') == ['"audit"']
    assert scare('He called the plan "reckless".') == []


def test_attribution_verbs_the_scare_quote_check_leaves_out_keep_their_findings():
    """reporting.toml is the one list of reporting words; the scare-quote check leaves out the
    verbs of fact and stance it lists under [scare-quotes], as it always has."""
    from framing.pipeline import Analyzer

    analyzer = Analyzer.from_options(detectors=["quotes"])
    for text in ['The ministry confirmed the "reform" would start in May.',
                 'Police reported that the "protest" ended at noon.']:
        result = analyzer.analyze(Document(id="t", text=text))
        assert [f.rule for f in result.findings] == ["scare-quotes/quoted-term"], text
    said = analyzer.analyze(Document(id="t", text='The minister said the "reform" would start in May.'))
    assert [f.rule for f in said.findings] == ["scare-quotes/partial-quote"]  # her word, singled out: info only


def test_thousands_commas_ing_verbs_and_reported_speech_are_not_scare_quotes():
    assert scare("Officials said 1,600 people lived in the 'camp' until May.") == []
    assert scare("Officials said 1600 people lived in the 'camp' until May.") == []
    assert scare('The army said it acted, insisting that its troops struck "terrorist positions" only.') == []
    assert scare('Monitors said that the camp, which held 4,000 people, had become a "death trap" for them.') == []
    # The writer's own distancing is still found.
    assert scare('The "reforms", passed in 2,024 pages of law, changed nothing.') == ['"reforms"']


def test_one_or_two_words_quoted_from_a_source_are_partial_quotes_of_info_level():
    text = 'The minister argued that the province "administers" the bank and called the talks "going nowhere fast".'
    assert partial(text) == ['"administers"']  # three words are no fragment to point at
    (finding,) = [f for f in ScareQuoteDetector().detect(Document(id="q", text=text)) if f.text == '"administers"']
    assert (finding.severity, finding.weight, finding.category) == ("info", 0.25, "scare-quotes")
    assert partial('He claimed the convoy carried "senior commanders" and weapons.') == ['"senior commanders"']
    assert partial('The minister said "never" twice.') == ['"never"']


def test_whole_quotations_names_and_scare_quotes_are_no_partial_quotes():
    assert partial('"We will stay," he said. The rest followed.') == []
    assert partial('He said the plan was "a matter for the courts to settle".') == []
    assert partial('He said: "No comment." Then he left.') == []
    assert partial('The spokesman praised "Operation Dawn" on Monday.') == []  # Title Case: a name
    assert partial('The word "genocide" appears in the report.') == []  # a mention
    assert partial('The "election" was held on Sunday amid a boycott.') == []  # the writer's: a scare quote
    assert scare('The "election" was held on Sunday amid a boycott.') == ['"election"']
