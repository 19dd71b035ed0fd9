"""One hand-made result of every kind a renderer takes, for the golden files in tests/render/golden.

Nothing here runs the analyzer: the findings, scores and tables are written out by hand, in the
shape `framing analyze -f json`, `compare`, `actors`, `classify` and `evaluate` produce, so the
golden files change only when a renderer does, never when a detector or lexicon does.
(`test_fixture.py` checks that the hand-written numbers and offsets agree with each other.)

Two documents: a short article with findings of eight categories and all three severities (one
finding inside a direct quotation, one from the classifier), curly quotes, a curly apostrophe and
an accented name; and a two-sentence item with no findings from an outlet whose name is not ASCII.
`check_report()` is a `framing check` run over the first document and two more files (see its
section at the end). Every builder returns new objects (the analysis results as a one-pass
iterator, as the analyzer streams them), so a test can render the same data as often as it likes.
"""

from __future__ import annotations

from framing.document import Document
from framing.errors import InputError
from framing.metrics import classification_report
from framing.report import (
    ActorConcept,
    ActorTable,
    BaselineEntry,
    CheckFinding,
    CheckReport,
    ClassifierFinding,
    ComparisonGroup,
    ComparisonPair,
    ComparisonResult,
    DocumentResult,
    EventGroup,
    EventMember,
    EventTable,
    Finding,
    Report,
    SentenceScore,
)
from framing.rules import Registry, Rule

# A fixed version, so that a release does not change the golden files.
VERSION = "0.0.0+fixture"

# ----------------------------------------------------------------------------------- documents

ARTICLE_ID = "articles/harrowgate-quarry.md"
ARTICLE_TEXT = (
    # line 1, sentence 0: offsets 0-136
    "Residents of Harrowgate slammed the council’s so-called consultation on the Brackenfell quarry on Tuesday, "
    "saying nobody had asked them.\n"
    # line 2 starts at 137; sentence 1: 137-248, sentence 2: 249-289
    "Mayor Zoë Marchetti insisted the quarry would bring “real jobs” and called the protesters “low-life agitators”. "
    "Critics say the plan was rushed through.\n"
    # line 3 starts at 290; sentence 3: 290-340
    "Several homes were quietly demolished last spring.\n"
)
ARTICLE_SENTENCES = [(0, 136), (137, 248), (249, 289), (290, 340)]
ARTICLE_WORDS = 49  # words separated by white space

BRIEF_ID = "articles/council-diary.txt"
BRIEF_TEXT = "The council will meet again on 4 March to hear objections. Protesters plan to attend.\n"
BRIEF_SENTENCES = [(0, 58), (59, 85)]
BRIEF_WORDS = 15

ARTICLE_OUTLET = "The Harrowgate Herald"
BRIEF_OUTLET = "Val d’Or Courier"


def article() -> Document:
    return Document(
        id=ARTICLE_ID, text=ARTICLE_TEXT, title="Harrowgate residents condemn “so-called” quarry consultation",
        outlet=ARTICLE_OUTLET, date="2026-02-24", source=ARTICLE_ID,
    )


def brief() -> Document:
    """No title: headers fall back to the source."""
    return Document(id=BRIEF_ID, text=BRIEF_TEXT, outlet=BRIEF_OUTLET, date="2026-02-25", source=BRIEF_ID)


# ------------------------------------------------------------------------------------ findings

CLASSIFIER_EXPLANATION = (
    "The classifier scores this sentence as biased language: probability 0.93. "
    "Loaded words, one-sided framing or opinion presented as fact are what it learned to recognise."
)
ANONYMOUS = (
    "The claim rests on a source readers cannot identify, so they cannot judge its interest or reliability.",
    "Name the source, or say why they cannot be named and how they know ('an official involved in the talks').",
)


def article_findings() -> list[Finding]:
    """Sorted by (start, end, rule), as the analyzer sorts them."""
    return [
        Finding(
            rule="emotive/slammed", category="emotive", detector="lexicon", text="slammed",
            start=24, end=31, line=1, column=25, sentence=0, severity="warning", weight=0.75,
            explanation="Dramatises criticism as a violent blow, exaggerating its force.",
            suggestion="Use 'criticised', 'said' or quote what was said.",
            context="Residents of Harrowgate slammed the council’s so-called consultation on the Brackenfell qua…",
        ),
        Finding(
            rule="distancing/so-called", category="distancing", detector="lexicon", text="so-called",
            start=46, end=55, line=1, column=47, sentence=0, severity="warning", weight=1.0,
            explanation="Tells the reader the name that follows is false or undeserved, while never saying why.",
            suggestion="Drop 'so-called' and use the name, or attribute the objection to a named source.",
            context="Residents of Harrowgate slammed the council’s so-called consultation on the Brackenfell quarry "
            "on Tuesday, saying n…",
        ),
        ClassifierFinding(
            rule="classifier/biased-sentence", category="classifier", detector="classifier",
            text="Mayor Zoë Marchetti insisted the quarry would bring “real jobs” and called the protesters "
            "“low-life agitators”.",
            start=137, end=248, line=2, column=1, sentence=1, severity="info", weight=0.0,
            explanation=CLASSIFIER_EXPLANATION,
            suggestion="Check 'insisted', 'low life', attribution-verbs wording; state the facts plainly and "
            "attribute opinions to who holds them.",
            context="Mayor Zoë Marchetti insisted the quarry would bring “real jobs” and called the protesters "
            "“low-life agitators”.",
            probability=0.9312,
            features=("word: insisted", "word: low life", "cue: lexicon_weight", "lexicon:attribution-verbs"),
        ),
        Finding(
            rule="attribution-verbs/insist", category="attribution-verbs", detector="lexicon", text="insisted",
            start=157, end=165, line=2, column=21, sentence=1, severity="warning", weight=0.75,
            explanation="Suggests the speaker is clinging to a position against evidence or pressure.",
            # Straight double quotes, for CSV's doubling and JSON's escaping.
            suggestion='Use "said"; report the counter-evidence separately if there is any.',
            context="Mayor Zoë Marchetti insisted the quarry would bring “real jobs” and called the protester…",
        ),
        Finding(
            rule="actor-labels/low-life", category="actor-labels", detector="lexicon", text="low-life",
            start=228, end=236, line=2, column=92, sentence=1, severity="error",
            weight=0.75,  # 1.5, halved: the mayor's words, not the writer's
            explanation="Ranks people as morally and socially worthless, a judgement about their character.",
            suggestion="Describe the conduct or use a neutral noun for the person.",
            context="…e quarry would bring “real jobs” and called the protesters “low-life agitators”.",
            quoted=True,
        ),
        Finding(
            rule="sourcing/anonymous-source", category="sourcing", detector="attribution", text="Critics",
            start=249, end=256, line=2, column=113, sentence=2, severity="info", weight=0.1,
            explanation=ANONYMOUS[0], suggestion=ANONYMOUS[1],
            context="Critics say the plan was rushed through.",
        ),
        Finding(
            rule="hedges/critics-say", category="hedges", detector="lexicon", text="Critics say",
            start=249, end=260, line=2, column=113, sentence=2, severity="warning", weight=0.75,
            explanation="Presents an unnamed group's view, letting the writer voice an opinion at one remove.",
            suggestion="Name the critics and quote them, or drop the claim.",
            context="Critics say the plan was rushed through.",
        ),
        Finding(
            rule="agency/agentless-passive", category="agency", detector="agency", text="was rushed through",
            start=270, end=288, line=2, column=134, sentence=2, severity="info", weight=0.02,
            explanation="A passive without an agent: the sentence does not say who acted.",
            suggestion="Name who rushed it through, if it is known.",
            context="Critics say the plan was rushed through.",
        ),
        Finding(
            rule="agency/agentless-harm", category="agency", detector="agency", text="were quietly demolished",
            start=304, end=327, line=3, column=15, sentence=3, severity="info", weight=0.1,
            explanation="Harm is reported without who caused it.",
            suggestion="Say who demolished the homes.",
            context="Several homes were quietly demolished last spring.",
        ),
    ]


# -------------------------------------------------------------------------------------- scores

CATEGORY_IDS = (
    "actor-labels", "agency", "attribution-verbs", "classifier", "distancing", "emotive", "euphemism",
    "foreign-agency", "hedges", "intensifiers", "legitimacy", "presupposition", "scare-quotes", "sourcing",
)
ONE = 20.408  # one finding in 49 words, per 1,000 words
ARTICLE_COUNTS = {"actor-labels": 1, "agency": 2, "attribution-verbs": 1, "classifier": 1, "distancing": 1,
                  "emotive": 1, "hedges": 1, "sourcing": 1}
ARTICLE_WEIGHT = 4.22  # 0.75 + 1.0 + 0.0 + 0.75 + 0.75 + 0.1 + 0.75 + 0.02 + 0.1


def article_scores() -> dict:
    return {
        "framing_index": 86.122,  # 1000 * 4.22 / 49
        "categories": {
            cid: {"count": ARTICLE_COUNTS.get(cid, 0),
                  "per_1000_words": {0: 0.0, 1: ONE, 2: 40.816}[ARTICLE_COUNTS.get(cid, 0)]}
            for cid in CATEGORY_IDS
        },
        "attribution": {
            "attributions": 3, "direct_quotes": 2, "sources": 3, "anonymous": 1, "anonymous_share": 0.333,
            "neutral_verbs": 2, "one_sided_verbs": 1, "one_sided_share": 0.333,
            "source_names": ["critics", "marchetti", "residents"],
        },
        "agency": {"passives": 2, "agentless": 2, "with_agent": 0, "agentless_share": 1.0,
                   "agentless_per_1000_words": 40.816},
        "actors": {"crowd": {"agitator": 1, "protester": 1}, "opposition": {"critic": 1}},
        "classifier": {
            "mean_probability": 0.539, "biased_share": 0.25, "threshold": 0.5,
            "top_sentences": [
                {"sentence": 1, "probability": 0.9312, "text": ARTICLE_TEXT[137:248]},
                {"sentence": 0, "probability": 0.4962, "text": ARTICLE_TEXT[0:136]},
                {"sentence": 2, "probability": 0.4411, "text": ARTICLE_TEXT[249:289]},
            ],
        },
    }


def brief_scores() -> dict:
    return {
        "framing_index": 0.0,
        "categories": {cid: {"count": 0, "per_1000_words": 0.0} for cid in CATEGORY_IDS},
        "attribution": {
            "attributions": 0, "direct_quotes": 0, "sources": 0, "anonymous": 0, "anonymous_share": 0.0,
            "neutral_verbs": 0, "one_sided_verbs": 0, "one_sided_share": 0.0, "source_names": [],
        },
        "agency": {"passives": 0, "agentless": 0, "with_agent": 0, "agentless_share": 0.0,
                   "agentless_per_1000_words": 0.0},
        "actors": {"crowd": {"protester": 1}},
        "classifier": {
            "mean_probability": 0.0439, "biased_share": 0.0, "threshold": 0.5,
            "top_sentences": [
                {"sentence": 1, "probability": 0.0566, "text": BRIEF_TEXT[59:85]},
                {"sentence": 0, "probability": 0.0312, "text": BRIEF_TEXT[0:58]},
            ],
        },
    }


# ------------------------------------------------------------------------------------- builders


def results() -> list[DocumentResult]:
    return [
        DocumentResult(article(), article_findings(), article_scores(), words=ARTICLE_WORDS,
                       sentences=len(ARTICLE_SENTENCES), weight=ARTICLE_WEIGHT),
        DocumentResult(brief(), [], brief_scores(), words=BRIEF_WORDS, sentences=len(BRIEF_SENTENCES), weight=0.0),
    ]


def report() -> Report:
    """The analysis view's input: the results as a stream, read once."""
    return Report(results=iter(results()), errors=[], rules=None, version=VERSION)


# `compare --by document`: the compared detectors (lexicon, quotes, attribution, agency), so no
# classifier measure; each document is a group of one, so its mean and median are its value and
# it has no interval; groups of one are small and never tested.
COMPARED = ["actor-labels", "agency", "attribution-verbs", "distancing", "emotive", "hedges", "sourcing"]
MEASURES = ["framing_index", *COMPARED, "attribution.sources", "attribution.anonymous_share"]
ARTICLE_VALUES = [86.122, ONE, 40.816, ONE, ONE, ONE, ONE, ONE, 3.0, 0.333]
BRIEF_VALUES = [0.0] * 8 + [0.0, None]  # no attributions: no anonymous share


def _group(key: dict, documents: int, values: list, intervals: list | None = None) -> ComparisonGroup:
    intervals = intervals or [[None, None]] * len(values)
    return ComparisonGroup(key, documents, documents < 5, {
        name: {"mean": value, "median": value, "ci95": list(ci)} for name, value, ci in zip(MEASURES, values, intervals)
    })


def comparison_by_document() -> ComparisonResult:
    return ComparisonResult(
        by=["document"], within=None, seed=0, resamples=2000, adjust="holm", min_documents=5, measures=MEASURES,
        groups=[_group({"document": ARTICLE_ID}, 1, ARTICLE_VALUES), _group({"document": BRIEF_ID}, 1, BRIEF_VALUES)],
        pairwise=[],
    )


# `compare --by outlet --within event`: two outlets of six articles each on five shared events,
# with intervals; one difference significant, one not. (Made-up numbers in the shape of a result.)
def comparison_by_outlet() -> ComparisonResult:
    herald, ledger = {"outlet": ARTICLE_OUTLET}, {"outlet": BRIEF_OUTLET}
    herald_values = [31.25, 12.5, 8.4, 4.2, 2.1, 6.3, 2.0, 4.4, 2.5, 0.25]
    ledger_values = [3.1, 0.0, 9.2, 1.1, 0.0, 0.5, 2.2, 1.0, 3.5, 0.05]
    spread = [[v * 0.8, v * 1.2] for v in herald_values]
    narrow = [[v * 0.9, v * 1.1] for v in ledger_values]
    groups = [
        ComparisonGroup(herald, 6, False, {n: {"mean": v, "median": v, "ci95": [round(lo, 4), round(hi, 4)]}
                                          for n, v, (lo, hi) in zip(MEASURES, herald_values, spread)}),
        ComparisonGroup(ledger, 6, False, {n: {"mean": v, "median": v, "ci95": [round(lo, 4), round(hi, 4)]}
                                          for n, v, (lo, hi) in zip(MEASURES, ledger_values, narrow)}),
    ]
    pairwise = [
        ComparisonPair(herald, ledger, "framing_index", 28.15, [21.9, 34.6], 1.0, 0.0625, 0.0625, False, 5),
        ComparisonPair(herald, ledger, "actor-labels", 12.5, [9.1, 15.8], 1.0, 0.004, 0.04, True, 5),
        ComparisonPair(herald, ledger, "agency", -0.8, [-2.5, 1.1], -0.2, 0.62, 1.0, False, 5),
    ]
    return ComparisonResult(
        by=["outlet"], within="event", seed=0, resamples=2000, adjust="holm", min_documents=5, measures=MEASURES,
        groups=groups, pairwise=pairwise,
        notes=["12 document(s) without an event field clustered into 5 event(s) from their text"],
    )


def event_table() -> EventTable:
    """`framing events`: the two documents as two one-article events, and one undated member."""
    article = EventMember(ARTICLE_ID, ARTICLE_ID, ARTICLE_OUTLET, "2024-03-05")
    brief = EventMember(BRIEF_ID, BRIEF_ID, BRIEF_OUTLET, None)
    return EventTable(
        events=[EventGroup("e1", ["quarry", "harrowgate", "council", "consultation"], [article]),
                EventGroup("e2", ["council", "objections", "march"], [brief])],
        documents=[(article, "e1"), (brief, "e2")], threshold=0.8, window=7,
    )


def actor_table() -> ActorTable:
    """`framing actors`, by document: every member of a concept set, and a (maybe empty) cell per column."""
    return ActorTable(
        by="document",
        columns=[ARTICLE_ID, BRIEF_ID],
        concepts=[
            ActorConcept(
                id="crowd", name="People taking part in a protest",
                members={"protester": "neutral", "demonstrator": "neutral", "marcher": "neutral",
                         "activist": "neutral", "rioter": "negative", "mob": "negative", "agitator": "negative"},
                counts={ARTICLE_ID: {"protester": 1, "agitator": 1}, BRIEF_ID: {"protester": 1}},
            ),
            ActorConcept(
                id="opposition", name="Political opponents of a government",
                members={"opposition": "neutral", "critic": "neutral", "dissident": "positive",
                         "pro-democracy activist": "positive", "traitor": "negative", "foreign agent": "negative",
                         "fifth column": "negative", "enemy of the state": "negative"},
                counts={ARTICLE_ID: {"critic": 1}, BRIEF_ID: {}},
            ),
        ],
    )


# `framing classify`: every sentence, threshold 0.5. Sentence 0 is just under it (0.4962 shows
# as 0.50 with two decimals); sentence 1 is the classifier finding above.
SENTENCE_PROBABILITIES = [
    (ARTICLE_ID, ARTICLE_TEXT, ARTICLE_SENTENCES, [0.4962, 0.9312, 0.4411, 0.2875],
     {1: ["word: insisted", "word: low life", "cue: lexicon_weight", "lexicon:attribution-verbs"]}),
    (BRIEF_ID, BRIEF_TEXT, BRIEF_SENTENCES, [0.0312, 0.0566], {}),
]
LINES = {ARTICLE_ID: [0, 137, 290], BRIEF_ID: [0]}  # where each line starts


def sentence_scores():
    """A stream of SentenceScore, read once, as `classify` yields them."""
    rows = []
    for doc_id, text, spans, probabilities, biased in SENTENCE_PROBABILITIES:
        for index, ((start, end), probability) in enumerate(zip(spans, probabilities)):
            line = max(i for i, s in enumerate(LINES[doc_id]) if s <= start)
            rows.append(SentenceScore(
                document=doc_id, sentence=index, start=start, end=end, line=line + 1,
                column=start - LINES[doc_id][line] + 1, probability=probability, biased=index in biased,
                text=" ".join(text[start:end].split()), features=biased.get(index, []),
            ))
    return iter(rows)


# `framing evaluate`: ten labelled sentences (1 = biased), threshold 0.5.
EVALUATION_LABELS = [1, 1, 1, 1, 0, 0, 0, 0, 1, 0]
EVALUATION_PROBABILITIES = [0.97, 0.81, 0.55, 0.42, 0.61, 0.18, 0.07, 0.52, 0.5, 0.0]


def evaluation_report() -> dict:
    """tp 4 (0.97, 0.81, 0.55, 0.5), fn 1 (0.42), fp 2 (0.61, 0.52), tn 3: precision 4/6, recall 4/5.
    Skipped rows as `evaluate` adds them, one with a label that is not ASCII."""
    report = classification_report(EVALUATION_LABELS, EVALUATION_PROBABILITIES, 0.5)
    report["skipped"] = {"label 'biaisé'": 1, "no label": 2}
    return report


# ------------------------------------------------------------------------------- framing check
#
# `framing check` over a small project: four files checked, three with findings, and one input
# that could not be read. Findings are in path, line, column, rule order, as the check sorts them.
#
# - articles/council-diary.txt: two findings, neither counting (a file-level suppression and a
#   term the policy allows).
# - articles/harrowgate-quarry.md (ARTICLE_TEXT): the analysis fixture's findings, graded: two
#   with a safe fix (a replacement and a deletion), one inside a quotation, one suppressed inline,
#   one known to the baseline, and one the policy raises from info to warning.
# - posts/rally-thread.txt: an emoji (outside the BMP: two UTF-16 units) starts line 1, so the
#   UTF-16 columns of the findings after it are one more than their code-point columns; one
#   finding runs over a line break.
#
# The policy fails on warning, so the report failed. One baseline entry is no longer found.

DIARY_ID = "articles/council-diary.txt"
DIARY_TEXT = "Council officers admit the timetable is tight. The regime of weekly meetings ends in March.\n"
DIARY_SENTENCES = [(0, 46), (47, 91)]

RALLY_ID = "posts/rally-thread.txt"
RALLY_TEXT = (
    "📣 Live: thugs stormed the town hall tonight.\n"  # 📣 is U+1F4E3, two UTF-16 units
    "The march was, according to\n"
    "sources, organised online.\n"
)
RALLY_SENTENCES = [(0, 44), (45, 99)]

CHECK_TEXTS = {DIARY_ID: DIARY_TEXT, ARTICLE_ID: ARTICLE_TEXT, RALLY_ID: RALLY_TEXT}
CHECK_SPANS = {DIARY_ID: DIARY_SENTENCES, ARTICLE_ID: ARTICLE_SENTENCES, RALLY_ID: RALLY_SENTENCES}
CHECK_FILES = 4  # the three above and one with no findings
CHECK_ERROR = ("invalid UTF-8 (byte 312)", "articles/broken.txt", 4)
GONE_SENTENCE = "5be0c9f1a2d34e6f7a81"


def _lexicon_finding(rule, text, start, line, column, sentence, severity, weight, explanation, suggestion, context):
    return Finding(
        rule=rule, category=rule.split("/")[0], detector="lexicon", text=text, start=start, end=start + len(text),
        line=line, column=column, sentence=sentence, severity=severity, weight=weight, explanation=explanation,
        suggestion=suggestion, context=context,
    )


def diary_findings() -> list[Finding]:
    return [
        _lexicon_finding(
            "attribution-verbs/admit", "admit", 17, 1, 18, 0, "warning", 0.75,
            "Casts a statement as a confession of something damaging.",
            "Use 'say' unless the speaker is conceding a fault.",
            "Council officers admit the timetable is tight.",
        ),
        _lexicon_finding(
            "actor-labels/regime", "regime", 51, 1, 52, 1, "error", 1.5,
            "Labels a government as illegitimate or authoritarian.",
            "Use 'government' or 'administration'.",
            "The regime of weekly meetings ends in March.",
        ),
    ]


def rally_findings() -> list[Finding]:
    return [
        _lexicon_finding(
            "actor-labels/thugs", "thugs", 8, 1, 9, 0, "error", 1.5,
            "Brands people as violent criminals, a judgement about their character.",
            "Describe what they did, or call them 'protesters' or 'men'.",
            "📣 Live: thugs stormed the town hall tonight.",
        ),
        _lexicon_finding(
            "emotive/stormed", "stormed", 14, 1, 15, 0, "warning", 0.75,
            "Makes entering a place sound like a military assault.",
            "Use 'entered' or say how they got in.",
            "📣 Live: thugs stormed the town hall tonight.",
        ),
        # Over the line break of a hard-wrapped paragraph.
        _lexicon_finding(
            "hedges/according-to-sources", "according to\nsources", 60, 2, 16, 1, "info", 0.5,
            "Vague attribution: the reader cannot tell who the sources are or whether there is more than one.",
            "Say who the sources are, or how many, and how they know.",
            "The march was, according to sources, organised online.",
        ),
    ]


def _rule(finding: Finding, name: str, path: str, explanation: str | None = None, suggestion: str | None = None,
          severity: str | None = None) -> Rule:
    return Rule(
        id=finding.rule, category=finding.category, detector=finding.detector, severity=severity or finding.severity,
        weight=finding.weight, explanation=explanation or finding.explanation,
        suggestion=suggestion or finding.suggestion, name=name, path=path,
    )


def check_rules() -> Registry:
    """The rules the findings carry, as the registry would hold them, and one no finding uses. The
    classifier's rule says in general what its finding says for one sentence; the low-life entry is
    the lexicon's error (the quoted finding's weight is halved, not its severity); the vague
    attribution rule has no name, so SARIF falls back to its id."""
    article = {f.rule: f for f in article_findings()}
    diary = {f.rule: f for f in diary_findings()}
    rally = {f.rule: f for f in rally_findings()}
    lexicon = "lexicons/en/{}.toml:{}".format
    return Registry([], [
        _rule(article["agency/agentless-passive"], "Agentless passive", "framing.detectors.agency"),
        _rule(article["agency/agentless-harm"], "Agentless passive of harm", "framing.detectors.agency"),
        _rule(article["sourcing/anonymous-source"], "Anonymous source", "framing.detectors.attribution"),
        _rule(article["classifier/biased-sentence"], "Biased sentence", "framing.detectors.classifier",
              explanation="The classifier scores the sentence as biased language, at or above its threshold "
              "probability. Loaded words, one-sided framing or opinion presented as fact are what it learned "
              "to recognise.",
              suggestion="Check the words that raised the score; state the facts plainly and attribute opinions "
              "to who holds them."),
        _rule(article["emotive/slammed"], "slammed", lexicon("emotive", 212)),
        _rule(rally["emotive/stormed"], "stormed", lexicon("emotive", 240)),
        _rule(article["distancing/so-called"], "so-called", lexicon("distancing", 14)),
        _rule(article["attribution-verbs/insist"], "insist", lexicon("attribution-verbs", 88)),
        _rule(diary["attribution-verbs/admit"], "admit", lexicon("attribution-verbs", 12)),
        _rule(article["actor-labels/low-life"], "low-life", lexicon("actor-labels", 301)),
        _rule(diary["actor-labels/regime"], "regime", lexicon("actor-labels", 356)),
        _rule(rally["actor-labels/thugs"], "thugs", lexicon("actor-labels", 420)),
        _rule(article["hedges/critics-say"], "critics say", lexicon("hedges", 40)),
        _rule(rally["hedges/according-to-sources"], "", lexicon("hedges", 9)),
        Rule(id="intensifiers/totally", category="intensifiers", detector="lexicon", severity="info", weight=0.25,
             explanation="Intensifies a claim without adding information.", suggestion="Drop it.",
             name="totally", path=lexicon("intensifiers", 77)),
    ])


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def utf16_columns(path: str, finding: Finding) -> tuple[int, int]:
    """(start, end) column in UTF-16 units, 1-based, end exclusive, from the file's text."""
    text = CHECK_TEXTS[path]
    line_start = text.rfind("\n", 0, finding.start) + 1
    end_line_start = text.rfind("\n", 0, finding.end) + 1
    return (_utf16(text[line_start:finding.start]) + 1, _utf16(text[end_line_start:finding.end]) + 1)


# path, rule -> (policy severity, fingerprint, suppressed, fix)
CHECK_GRADES = {
    (DIARY_ID, "attribution-verbs/admit"): ("warning", "0c4e8a1f9b27d3560e1a", "file", None),
    (DIARY_ID, "actor-labels/regime"): ("error", "17a9d2e40b6c8f3a5d21", "allowed", None),
    (ARTICLE_ID, "emotive/slammed"): ("warning", "2f8b61c0d94e7a35b1c6", None, "criticised"),
    (ARTICLE_ID, "distancing/so-called"): ("warning", "3a0d7e52c81f96b4e2d7", None, ""),
    (ARTICLE_ID, "classifier/biased-sentence"): ("info", "4b1e8f63d92a07c5f3e8", None, None),
    (ARTICLE_ID, "attribution-verbs/insist"): ("warning", "5c2f9074ea3b18d6a4f9", None, "said"),
    (ARTICLE_ID, "actor-labels/low-life"): ("error", "6d30a185fb4c29e7b50a", "quoted", None),
    (ARTICLE_ID, "sourcing/anonymous-source"): ("info", "7e41b296ac5d3af8c61b", None, None),
    (ARTICLE_ID, "hedges/critics-say"): ("warning", "8f52c3a7bd6e4b09d72c", "baseline", None),
    (ARTICLE_ID, "agency/agentless-passive"): ("info", "9063d4b8ce7f5c1ae83d", "inline", None),
    (ARTICLE_ID, "agency/agentless-harm"): ("warning", "a174e5c9df806d2bf94e", None, None),  # the policy's, not info
    (RALLY_ID, "actor-labels/thugs"): ("error", "b285f6dae0917e3c0a5f", None, None),
    (RALLY_ID, "emotive/stormed"): ("warning", "c396a7ebf1a28f4d1b60", None, "entered"),
    (RALLY_ID, "hedges/according-to-sources"): ("info", "d4a7b8fc02b3905e2c71", None, None),
}


def check_findings() -> list[CheckFinding]:
    """Every finding of the three files, graded by CHECK_GRADES, in path, line, column, rule order."""
    graded = []
    for path, findings in ((DIARY_ID, diary_findings()), (ARTICLE_ID, article_findings()),
                           (RALLY_ID, rally_findings())):
        for finding in findings:
            severity, fingerprint, suppressed, fix = CHECK_GRADES[path, finding.rule]
            graded.append(CheckFinding(path=path, finding=finding, severity=severity, fingerprint=fingerprint,
                                       suppressed=suppressed, fix=fix,
                                       utf16_columns=utf16_columns(path, finding)))
    return sorted(graded, key=lambda f: (f.path, f.line, f.column, f.rule))


def check_report(**changes) -> CheckReport:
    """`framing check` that failed (fail-on warning); `changes` replace fields (show_quoted=True, ...)."""
    fields = dict(
        root=".", files=CHECK_FILES, findings=check_findings(), fail_on="warning", rules=check_rules(),
        errors=[InputError(*CHECK_ERROR)],
        gone=[BaselineEntry(path=ARTICLE_ID, rule="intensifiers/totally", text="totally", sentence=GONE_SENTENCE,
                            count=1)],
        failed=True, show_quoted=False, version=VERSION,
    )
    fields.update(changes)
    return CheckReport(**fields)


# ------------------------------------------------------------------------------- distinctive terms

def terms_report():
    """`framing terms --by outlet`: two outlets, one of them small, a lexicon entry among the terms,
    a term with a non-ASCII letter."""
    from framing.terms import Term, TermGroup, TermsReport

    return TermsReport(
        by=["outlet"],
        groups=[
            TermGroup({"outlet": ARTICLE_OUTLET}, 12, False, [
                Term("so-called", 3.2108, 9, 1, 7, "distancing/so-called"),
                Term("quarry", 2.0417, 14, 6, 9, None),
                Term("zoë marchetti", 1.5, 4, 0, 4, None),
            ]),
            TermGroup({"outlet": "Élan Quotidien"}, 3, True, [
                Term("council", 1.0325, 5, 2, 3, None),
            ]),
        ],
    )
