"""Attribution and sourcing: who is quoted or paraphrased, with which reporting verb.

Media researchers code this by hand: how many sources an article gives, how many are
anonymous, and whether the reporting verbs are neutral ("said", "told") or take sides
("claimed", "admitted", "insisted"). The rules here read each reporting verb with its
subject ("the minister said", "officials who asked not to be named said"), an inverted
subject after a quotation ('"...," said Ms. Oran') or an "according to" phrase. Their limits
are in the README: a source named in one sentence and referred to by a pronoun in the
next counts once; a verb whose subject is a whole clause may take the wrong words.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources

from framing.document import Document
from framing.findings import locate_many
from framing.matcher import build_matcher
from framing.phrasehits import hits as phrase_hits
from framing.quotation import inside, speech_spans
from framing.report import Finding
from framing.reporting import reporting_words
from framing.rules.core import Category, category_rule

CATEGORY = Category(
    id="sourcing",
    name="Anonymous sourcing",
    description="Claims attributed to sources the reader cannot identify or weigh.",
    severity="info",
    weight=0.1,
    references=(
        "Sheehy, M. (2008). Foreign News Stories More Likely to Include Unnamed Sources. Newspaper Research Journal 29(3).",
        "The Associated Press: standards on anonymous sources (say why the source cannot be named).",
    ),
)
EXPLANATION = "The claim rests on a source readers cannot identify, so they cannot judge its interest or reliability."
SUGGESTION = "Name the source, or say why they cannot be named and how they know ('an official involved in the talks')."
CATEGORIES = (CATEGORY,)
ANONYMOUS_SOURCE = category_rule(
    CATEGORY, "anonymous-source", "attribution", EXPLANATION, SUGGESTION, "Anonymous source", __name__
)
RULES = (ANONYMOUS_SOURCE,)

# Clause punctuation. Periods are left out: the text searched never crosses a sentence end,
# and a period inside a sentence closes an abbreviation ("Col.", "U.N.").
_PUNCTUATION = re.compile(r"""[,;:!?()\u2013\u2014"\u201c\u201d]|\s[-\u2013]\s""")
# Words that end a subject read backwards from the verb (or forwards after an inverted one).
_STOP = {
    "that", "which", "who", "whom", "whose", "what", "when", "where", "while", "if", "because", "as",
    "and", "but", "or", "so", "was", "were", "is", "are", "be", "been", "had", "has", "have", "after",
    "before", "than", "then", "once", "since", "until", "unless", "whether", "said", "says", "told",
    "it's", "there", "here", "about", "though", "although", "even", "yet", "being", "not", "never",
}
# Words between a subject and its verb that are not part of the subject ("officials also said").
_FILLER = {"also", "later", "earlier", "previously", "repeatedly", "again", "has", "had", "have", "once",
           "then", "still", "had also", "further", "separately", "privately", "publicly", "first", "last"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our"}
_NOT_SUBJECT_END = _DETERMINERS | {"of", "to", "in", "on", "for", "with", "by", "at", "from", "as", "not"}
_WORD = re.compile(r"[\w][\w'\u2019.-]*")
# A relative clause between subject and verb: any clause of a word or more after "who" ("Residents who
# escaped the town described ..."); after "which"/"that", only with these verbs, as "that" also opens
# other clauses.
_RELATIVE_TAIL = re.compile(
    r"\s+(?:who\s+[^\s,;:\"\u201c\u201d]|(?:which|that)\s+(?:asked|declined|requested|were|was|are|is|did|does|do|had|have|has|spoke|"
    r"know|knows|saw|see|work|works|worked|live|lives|lived|attended|took part)\b)[^,;:\"\u201c\u201d]*\s*$",
    re.IGNORECASE,
)
_CLOSING_QUOTES = "\"\u201d\u2019'"
_POSSESSIVE_OR_STOP = re.compile(r"(?:['\u2019]s|[.,])+$")
_MAX_SOURCE_WORDS = 6
_LOOK_BACK = 80


@lru_cache(maxsize=1)
def _data() -> dict:
    raw = resources.files("framing").joinpath("data/attribution.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    words = reporting_words()
    neutral = set(words.neutral)
    one_sided = set(words.one_sided)
    verbs = sorted(neutral | one_sided, key=lambda v: (-len(v), v))
    return {
        "neutral": neutral,
        "one_sided": one_sided,
        "verbs": verbs,
        # One Aho-Corasick pass finds every verb; a regex alternation of 100 words runs at 5 MB/s.
        "verb_matcher": build_matcher((verb, index) for index, verb in enumerate(verbs)),
        "anonymous_re": re.compile(
            r"\b(?:" + "|".join(re.escape(w) for w in sorted(data["sources"]["anonymous"], key=len, reverse=True)) + r")\b"
        ),
        "marker_matcher": build_matcher((w, 0) for w in data["sources"]["anonymity_markers"]),
        "pronouns": set(data["sources"]["pronouns"]),
    }


def _subject_before(text: str, start: int, stop: int) -> tuple[int, int]:
    """Span of the subject that ends where the verb starts: words read backwards until
    punctuation, a clause word ("that", "who", "was", ...) or six words. A relative clause
    between subject and verb is skipped ("Officials who asked not to be named said")."""
    start = max(start, stop - _LOOK_BACK)  # a subject sits close to its verb
    if text.find(" who ", start, stop) != -1 or text.find(" which ", start, stop) != -1 \
            or text.find(" that ", start, stop) != -1:
        tail = _RELATIVE_TAIL.search(text, start, stop)
        if tail:
            stop = tail.start()
    floor = start + _after_punctuation(text, start, stop)
    # The words (as _WORD finds them from the left) read from the last one back, lowercased:
    # only those the subject can take, not the whole clause.
    ends: list[int] = []
    starts: list[int] = []
    lows: list[str] = []
    at = stop
    while True:
        word_start, word_end = _word_before(text, floor, at)
        if word_start < 0:
            break
        low = text[word_start:word_end].lower()
        at = word_start
        if not ends and (low in _FILLER or low.endswith("ly")):
            continue  # "officials also said", "the minister flatly denied"
        if low in _STOP or len(ends) == _MAX_SOURCE_WORDS:
            break
        starts.append(word_start)
        ends.append(word_end)
        lows.append(low)
        if len(ends) == 1 and low in _NOT_SUBJECT_END:
            return stop, stop
    if not ends:
        return stop, stop
    first = len(ends) - 1  # the words were read last first
    while first >= 0 and lows[first] in _POSSESSIVES:
        first -= 1
    if first < 0:
        return stop, stop
    return starts[first], ends[0]


def _word_before(text: str, floor: int, at: int) -> tuple[int, int]:
    """(start, end) of the last _WORD match in text[floor:at], or (-1, -1). _WORD's matches are
    the runs of word characters, apostrophes, dots and hyphens, each from its first word
    character on."""
    end = at
    while end > floor and not _word_char(text[end - 1]):
        end -= 1
    while end > floor:
        run = end
        while run > floor and _word_char(text[run - 1]):
            run -= 1
        begin = run
        while begin < end and not (text[begin].isalnum() or text[begin] == "_"):
            begin += 1
        if begin < end:
            return begin, end
        end = run  # a run of marks only (" -- "): no word; read on before it
        while end > floor and not _word_char(text[end - 1]):
            end -= 1
    return -1, -1


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch in "_'\u2019.-"


_POSSESSIVES = _DETERMINERS - {"the", "a", "an"}  # "its officials said": the source is "officials"


def _after_punctuation(text: str, start: int, stop: int) -> int:
    """One past the last _PUNCTUATION match in text[start:stop], counted from start: where the
    subject's clause starts. Read back from the end, where the break usually is."""
    at = stop
    while at > start:
        at -= 1
        ch = text[at]
        if ch in ",;:!?()\u2013\u2014\"\u201c\u201d":  # _PUNCTUATION's marks
            return at + 1 - start
        if ch == "-" and at > start and text[at - 1].isspace() and at + 1 < stop and text[at + 1].isspace():
            return at + 2 - start  # " - ": a hyphen between whitespace
    return 0


def _subject_after(text: str, start: int, stop: int) -> tuple[int, int]:
    """Span of an inverted subject ('"...," said Ms. Oran') or an 'according to' source."""
    piece = _PUNCTUATION.split(text[start:stop], 1)[0]
    kept = []
    for word in _WORD.finditer(piece):
        if word.group().lower() in _STOP or len(kept) == _MAX_SOURCE_WORDS:
            break
        kept.append(word)
    while kept and kept[-1].group().lower() in _NOT_SUBJECT_END:
        kept.pop()
    if not kept:
        return start, start
    end = start + kept[-1].end()
    last = kept[-1].group()
    if last.endswith(".") and last.count(".") == 1 and len(last) > 2:
        end -= 1  # the sentence's full stop, not an initialism's
    return start + kept[0].start(), end


def _capital_runs(phrase: str, sentence_initial: bool) -> list[list[str]]:
    """The runs of capitalised words in a phrase (its first word not counted at a sentence's
    start), each word without a trailing possessive, full stop or comma ("Oran's" -> "Oran")."""
    runs, run = [], []
    for index, word in enumerate(phrase.split()):
        capital = word[:1].isupper() and not (index == 0 and sentence_initial)
        if capital:
            run.append(_without_trail(word))
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return runs


def _without_trail(word: str) -> str:
    """The word without _POSSESSIVE_OR_STOP's suffix: any run of "'s", "’s", "." and ","."""
    end = len(word)
    while end:
        last = word[end - 1]
        if last == "." or last == ",":
            end -= 1
        elif last == "s" and end > 1 and (word[end - 2] == "'" or word[end - 2] == "\u2019"):
            end -= 2
        else:
            break
    return word[:end]


class Attribution:
    """One reporting verb with its source, as plain data."""

    __slots__ = ("verb", "kind", "source", "key", "anonymous", "start", "end")

    def __init__(self, verb, kind, source, key, anonymous, start, end):
        self.verb, self.kind, self.source, self.key = verb, kind, source, key
        self.anonymous, self.start, self.end = anonymous, start, end


def attributions(document: Document) -> list[Attribution]:
    """Every attributed statement in the document, in text order."""
    return document.derived("attributions", _find)


def _find(document: Document) -> list[Attribution]:
    data = _data()
    text = document.text
    speech = speech_spans(document)
    found: list[Attribution] = []
    verbs = data["verbs"]
    hits = phrase_hits(document, data["verb_matcher"])
    if not hits:
        return found
    # Sentences that say their source is unnamed ("on condition of anonymity"), found in one pass.
    unnamed = {document.sentence_index(start) for start, _, _, _ in phrase_hits(document, data["marker_matcher"])}
    pronouns = data["pronouns"]
    anonymous_re = data["anonymous_re"]
    one_sided = data["one_sided"]
    for v_start, v_end, index, _ in hits:
        if inside(speech, v_start, v_end):
            continue  # a speaker's own words, not the article's attribution
        verb = verbs[index]
        s_start, s_end = document.sentence_span(v_start)
        if verb == "according to":
            src_start, src_end = _subject_after(text, v_end, s_end)
        else:
            src_start, src_end = _subject_before(text, s_start, v_start)
            if src_start == src_end:
                lead = text[s_start:v_start].rstrip()
                if not lead or lead[-1] in _CLOSING_QUOTES or (lead[-1] == "," and lead[:-1].rstrip()[-1:] in _CLOSING_QUOTES):
                    # Inverted after a quotation: '"...," said Ms. Oran.'
                    src_start, src_end = _subject_after(text, v_end, s_end)
                elif lead[-1] == ",":
                    # An appositive between subject and verb: 'The coalition, led by Aldoria, said'.
                    previous = lead[:-1].rfind(",")
                    if previous > 0:
                        src_start, src_end = _subject_before(text, s_start, s_start + previous)
        if src_start >= src_end:
            continue
        source = text[src_start:src_end]
        runs = _capital_runs(source, src_start == s_start)
        longest = None
        for run in runs:
            if longest is None or len(run) > len(longest):
                longest = run  # the first of the longest runs
        named = longest is not None and (len(longest) >= 2 or len(source.split()) == 1)
        lowered = source.lower()
        pronoun = lowered in pronouns
        anonymous = not named and not pronoun and (
            document.sentence_index(v_start) in unnamed or anonymous_re.search(lowered) is not None
        )
        if named:
            key = longest[-1].lower()
        elif pronoun:
            key = None
        else:
            key = " ".join([w for w in lowered.split() if w not in _DETERMINERS])
        kind = "one_sided" if verb in one_sided else "neutral"
        found.append(Attribution(verb, kind, source, key, anonymous, src_start, src_end))
    return found


class AttributionDetector:
    name = "attribution"
    section = "attribution"

    @classmethod
    def build(cls, settings, lexicon) -> AttributionDetector:
        return cls()

    @property
    def categories(self) -> list[Category]:
        return [CATEGORY]

    def phrase_matchers(self) -> list:
        return [_data()["verb_matcher"], _data()["marker_matcher"]]

    def detect(self, document: Document) -> list[Finding]:
        rule = ANONYMOUS_SOURCE
        fields = (rule.id, rule.category, self.name, rule.severity, rule.weight, rule.explanation, rule.suggestion)
        return locate_many(document, [(a.start, a.end, fields) for a in attributions(document) if a.anonymous])

    def summarize(self, document: Document, findings: list[Finding]) -> dict:
        found = attributions(document)
        total = len(found)
        anonymous = sum(a.anonymous for a in found)
        one_sided = sum(a.kind == "one_sided" for a in found)
        sources = sorted({a.key for a in found if a.key})
        return {
            "attributions": total,
            "direct_quotes": len(speech_spans(document)),
            "sources": len(sources),
            "anonymous": anonymous,
            "anonymous_share": round(anonymous / total, 3) if total else 0.0,
            "neutral_verbs": total - one_sided,
            "one_sided_verbs": one_sided,
            "one_sided_share": round(one_sided / total, 3) if total else 0.0,
            "source_names": sources,
        }
