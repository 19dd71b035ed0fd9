"""Agency: passives that hide who acted ("civilians were killed") versus those that say it
("... were killed by the strikes"), and active clauses.

A rule-based reader over tokens, needing no tagger model: an auxiliary (be, get) followed,
perhaps after adverbs or "not", by a past participle (regular -ed, or an irregular form
from framing/data/agency.toml). The passive has an agent when "by" + a noun phrase
follows in the same clause and the phrase is not one of time, place, manner or amount.
Reduced relatives ("the people killed in the attack") are read for verbs of harm only,
where an intransitive reading is rare. Limits, measured in the README: other reduced
relatives ("a report published on Friday") are missed; adjectival participles ("was
closed for the holiday") may pass for passives.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources
from operator import attrgetter

from framing.document import Document
from framing.findings import locate_many
from framing.report import Finding
from framing.rules.core import Category, category_rule
from framing.matcher import build_matcher
from framing.phrasehits import hits as phrase_hits
from framing.segment import TOKEN_PATTERN

CATEGORY = Category(
    id="agency",
    name="Agentless passives",
    description="Passive clauses that report an act without saying who did it.",
    severity="info",
    weight=0.02,
    references=(
        "Quirk, R., Greenbaum, S., Leech, G. & Svartvik, J. (1985). A Comprehensive Grammar of the English Language. London: Longman.",
        "Fowler, R. (1991). Language in the News: Discourse and Ideology in the Press. London: Routledge. (Transitivity and agent deletion.)",
        "Trew, T. (1979). Theory and ideology at work. In R. Fowler et al., Language and Control. London: Routledge.",
    ),
)
HARM_WEIGHT = 0.1  # agentless harm ('civilians were killed') is what researchers code for
EXPLANATION = "A passive without an agent reports what happened but not who did it, leaving responsibility open."
SUGGESTION = "Name who acted, if it is known: 'the ministry approved the plan' rather than 'the plan was approved'."
HARM_EXPLANATION = (
    "Harm reported in the passive with no agent ('civilians were killed') says what was done to people but not "
    "who did it: the omission news framing studies code for, as it leaves responsibility unstated."
)
HARM_SUGGESTION = "Name who caused the harm if it is known ('... were killed by the strike'), or say that it is not known."
CATEGORIES = (CATEGORY,)
AGENTLESS = category_rule(CATEGORY, "agentless-passive", "agency", EXPLANATION, SUGGESTION, "Agentless passive", __name__)
AGENTLESS_HARM = category_rule(CATEGORY, "agentless-harm", "agency", HARM_EXPLANATION, HARM_SUGGESTION,
                               "Agentless passive of harm", __name__, weight=HARM_WEIGHT)
RULES = (AGENTLESS, AGENTLESS_HARM)

_TOKEN = re.compile(TOKEN_PATTERN)
_CLAUSE_END = {".", ";", ":", "!", "?", ",", "(", ")", "\u2014", "\u2013", '"', "\u201c", "\u201d",
               "and", "but", "while", "because", "although", "when", "after", "before", "as", "which", "who"}
_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those", "our", "my"}
_WINDOW = 160


@lru_cache(maxsize=1)
def _data() -> dict:
    raw = tomllib.loads(resources.files("framing").joinpath("data/agency.toml").read_text("utf-8"))
    auxiliaries = raw["auxiliaries"]
    between = sorted(raw["between"], key=len, reverse=True)
    return {
        # Aho-Corasick finds the auxiliaries and harm participles in one pass each; a regex
        # alternation of words scans far slower.
        "aux_matcher": build_matcher((a, 0) for a in auxiliaries),
        "harm_matcher": build_matcher((h, 0) for h in raw["harm"]),
        # What may follow an auxiliary: up to three adverbs or "not", then the candidate participle.
        "after_aux": re.compile(
            r"(?:\s+(?:" + "|".join(re.escape(b) for b in between) + r"|[a-z]+ly)\b){0,3}\s+([A-Za-z][a-z]*)\b"
        ),
        "reduced_before": re.compile(r"([A-Za-z][\w'\u2019-]*)\s+$"),
        "reduced_after": re.compile(r"\s+(" + "|".join(raw["reduced_followers"]) + r")\b", re.IGNORECASE),
        "between": set(raw["between"]),
        "irregular": set(raw["irregular_participles"]),
        "adjectival": set(raw["adjectival"]),
        "not_participles": set(raw["not_participles"]),
        "non_agents": set(raw["non_agents"]),
        "bare_non_agents": set(raw["bare_non_agents"]),
        "amount_units": set(raw["amount_units"]),
        "harm": set(raw["harm"]),
        "not_nouns": set(raw["not_nouns"]) | set(auxiliaries),
    }


_START = attrgetter("start")  # passives in text order


class Passive:
    """One passive verb group, as plain data."""

    __slots__ = ("start", "end", "participle", "agent")

    def __init__(self, start: int, end: int, participle: str, agent: bool):
        self.start, self.end, self.participle, self.agent = start, end, participle, agent


def _is_participle(word: str, data: dict) -> bool:
    if word in data["irregular"]:
        return True
    return len(word) > 3 and word.endswith("ed") and word not in data["not_participles"]


_NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens",
                 "hundreds", "thousands", "millions", "several", "a few"}


def _has_agent(tokens: list[str], data: dict) -> bool:
    for index, token in enumerate(tokens):
        if token in _CLAUSE_END:
            return False
        if token != "by":
            continue
        rest = tokens[index + 1 : index + 6]
        determiner = bool(rest) and rest[0] in _DETERMINERS
        words = [t for t in rest if t not in _DETERMINERS]
        if not words:
            return False
        head = words[0]
        if head in data["non_agents"] or (not determiner and head in data["bare_non_agents"]):
            return False
        if head[0].isdigit() or head in _NUMBER_WORDS:
            # "by 20 points" is an amount; "by three former presidents" an agent.
            return not (len(words) == 1 or words[1] in data["amount_units"] or head[-1] == "%")
        return True
    return False


def _agent_after(text: str, start: int, stop: int, data: dict) -> bool:
    """_has_agent over the tokens of text[start:stop]. Without the letters "by" there (in any
    case) there is no agent to find, and most passives have none: the tokens are not built."""
    window = text[start:stop]
    if "by" not in window and "BY" not in window and "By" not in window and "bY" not in window:
        return False
    return _has_agent([m.group().lower() for m in _TOKEN.finditer(window)], data)


def _word_after(text: str, at: int, stop: int, between: set, after_aux) -> tuple[str, int] | None:
    """What after_aux.match(text, at, stop) finds: the candidate participle after an auxiliary,
    past up to three adverbs or "not", with where it ends; None when there is none. Read without the
    regex when the first word after the spaces cannot be an adverb, as in most clauses."""
    size = len(text)
    if stop > size:
        stop = size
    if at >= stop or not text[at].isspace():
        return None  # the pattern starts with whitespace
    q = at
    while q < stop and text[q].isspace():
        q += 1
    if q == stop:
        return None
    first = text[q]
    if not ("a" <= first <= "z" or "A" <= first <= "Z"):
        return None  # neither an adverb (lowercase) nor a candidate can start here
    e = q + 1
    while e < stop and "a" <= text[e] <= "z":
        e += 1
    bounded = e == stop or not (text[e].isalnum() or text[e] == "_")
    if "a" <= first <= "z":
        word = text[q:e]
        if (bounded and (word in between or (word.endswith("ly") and len(word) > 2))) or text.startswith("n't", q):
            match = after_aux.match(text, at, stop)  # adverbs to read past: the pattern decides
            return (match.group(1), match.end(1)) if match else None
    return (text[q:e], e) if bounded else None


def passives(document: Document) -> list[Passive]:
    """Every passive verb group in the document, in text order."""
    return document.derived("passives", _find)


def _find(document: Document) -> list[Passive]:
    data = _data()
    text = document.text
    found: list[Passive] = []
    last_end = -1
    after_aux = data["after_aux"]
    between = data["between"]
    for aux_start, aux_end, _, _ in phrase_hits(document, data["aux_matcher"]):
        if aux_start < last_end:
            continue  # "has been being": already part of the previous group
        candidate = _word_after(text, aux_end, aux_end + 80, between, after_aux)
        if candidate is None:
            continue
        participle, end = candidate
        participle = participle.lower()
        if not _is_participle(participle, data):
            continue
        _, s_end = document.sentence_span(aux_start)
        if end > s_end:
            continue
        agent = _agent_after(text, end, min(s_end, end + _WINDOW), data)
        adjectival = participle in data["adjectival"] or (participle.startswith("un") and participle.endswith("ed"))
        if adjectival and not agent:
            continue
        found.append(Passive(aux_start, end, participle, agent))
        last_end = end
    # Reduced relatives of harm verbs: "the people killed in the attack".
    taken = {p.end for p in found}
    for start, end, _, _ in phrase_hits(document, data["harm_matcher"]):
        if end in taken:
            continue
        before = data["reduced_before"].search(text, max(document.body_start, start - 40), start)
        if before is None or before.group(1).lower() in data["not_nouns"]:
            continue
        follower = data["reduced_after"].match(text, end)
        if follower is None:
            continue
        _, s_end = document.sentence_span(start)
        agent = _agent_after(text, follower.start(1), min(s_end, end + _WINDOW), data)
        found.append(Passive(start, end, text[start:end].lower(), agent))
    found.sort(key=_START)
    return found


class AgencyDetector:
    name = "agency"
    section = "agency"

    @classmethod
    def build(cls, settings, lexicon) -> AgencyDetector:
        return cls()

    @property
    def categories(self) -> list[Category]:
        return [CATEGORY]

    def phrase_matchers(self) -> list:
        return [_data()["aux_matcher"], _data()["harm_matcher"]]

    def detect(self, document: Document) -> list[Finding]:
        harm = _data()["harm"]
        plain, harmful = (
            (r.id, r.category, self.name, r.severity, r.weight, r.explanation, r.suggestion)
            for r in (AGENTLESS, AGENTLESS_HARM)
        )
        return locate_many(
            document,
            [(p.start, p.end, harmful if p.participle in harm else plain) for p in passives(document) if not p.agent],
        )

    def summarize(self, document: Document, findings: list[Finding]) -> dict:
        found = passives(document)
        agentless = sum(not p.agent for p in found)
        words = document.word_count
        return {
            "passives": len(found),
            "agentless": agentless,
            "with_agent": len(found) - agentless,
            "agentless_share": round(agentless / len(found), 3) if found else 0.0,
            "agentless_per_1000_words": round(1000 * agentless / words, 3) if words else 0.0,
        }
