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

    @property
    def verbs(self) -> frozenset[str]:
        return self.neutral | self.one_sided

    @property
    def single_words(self) -> frozenset[str]:
        """Every one-word reporting word, for a per-word lookup."""
        return frozenset(w for w in self.verbs | self.other if " " not in w)


@lru_cache(maxsize=1)
def reporting_words() -> ReportingWords:
    data = tomllib.loads(resources.files("framing").joinpath("data/reporting.toml").read_text("utf-8"))
    return ReportingWords(
        frozenset(data["verbs"]["neutral"]), frozenset(data["verbs"]["one_sided"]),
        frozenset(data["other"]["words"]), frozenset(data["other"]["before_to"]),
    )
