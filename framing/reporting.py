"""Reporting words (framing/data/reporting.toml): the one list of verbs and nouns that say a
clause reports someone's words, read by the attribution and scare-quote detectors."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class ReportingWords:
    neutral: frozenset[str]  # "said", "told", "according to"
    one_sided: frozenset[str]  # "claimed", "insisted": they judge the speaker or the claim
    other: frozenset[str]  # "called", "vowed", "statement": reporting, but no attribution verb
    before_to: frozenset[str]  # "according", "referred": reporting when "to" follows
    not_for_quotes: frozenset[str] = frozenset()  # verbs the scare-quote check leaves out

    @property
    def verbs(self) -> frozenset[str]:
        return self.neutral | self.one_sided

    @property
    def single_words(self) -> frozenset[str]:
        """Every one-word reporting word, for a per-word lookup."""
        return frozenset(w for w in self.verbs | self.other if " " not in w)

    @property
    def quote_words(self) -> frozenset[str]:
        """The one-word reporting words of the scare-quote check: a quoted fragment in a clause
        with one of these is the source's wording."""
        return self.single_words - self.not_for_quotes


@lru_cache(maxsize=1)
def reporting_words() -> ReportingWords:
    data = tomllib.loads(resources.files("framing").joinpath("data/reporting.toml").read_text("utf-8"))
    return ReportingWords(
        frozenset(data["verbs"]["neutral"]), frozenset(data["verbs"]["one_sided"]),
        frozenset(data["other"]["words"]), frozenset(data["other"]["before_to"]),
        frozenset(data.get("scare-quotes", {}).get("not_reporting", ())),
    )
