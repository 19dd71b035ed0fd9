"""Regular English inflections for lexicon terms, so "slaughter" also finds "slaughtered".

Rules, not a stemmer: the matcher compares exact surface forms, so every form a term can
take is listed up front and whole-word matching keeps "manslaughter" out.
"""

from __future__ import annotations

import re

_VOWELS = "aeiou"
_NO_INFLECTION = ("ed", "ing", "ous", "ful", "less")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
# Words whose final "ch" is said /k/, and compounds ending in them ("biotech"): their plural is
# plain -s ("oligarchs", not "oligarches"), unlike "marches" and "searches".
_CH_AS_K = ("monarch", "oligarch", "patriarch", "matriarch", "hierarch", "tetrarch", "anarch", "stomach",
            "epoch", "eunuch", "tech", "loch", "czech", "psych")


def _syllables(word: str) -> int:
    groups = _VOWEL_GROUPS.findall(word[1:] if word.startswith("y") else word)
    if word.endswith("e") and not word.endswith(("le", "ee")) and len(groups) > 1:
        return len(groups) - 1
    return max(len(groups), 1)


def _ends_cvc(word: str) -> bool:
    return (
        len(word) >= 3
        and word[-1] not in _VOWELS + "wxy"
        and word[-2] in _VOWELS
        and word[-3] not in _VOWELS
    )


def inflections(word: str, plural_only: bool = False) -> set[str]:
    """Plural / third-person, past and -ing forms of a single lowercase word; with
    `plural_only`, the -s form alone (for noun phrases: "police state" -> "police states",
    never "police stated"; "targeted killing" -> "targeted killings")."""
    if plural_only and len(word) >= 4 and word.isalpha() and word.endswith("ing"):
        return {word + "s"}  # a noun in -ing: "targeted killings", "illegal gatherings"
    if len(word) < 2 or not word.isalpha() or word.endswith(_NO_INFLECTION):
        return set()
    if word.endswith("ly") and len(word) >= 6:  # adverbs ("utterly"); "bully", "rally" still inflect
        return set()
    forms: set[str] = set()
    consonant_y = word.endswith("y") and word[-2] not in _VOWELS
    if word.endswith(_CH_AS_K):
        forms.add(word + "s")  # "monarchs", "patriarchs", "epochs"
    elif word.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(word + "es")
    elif consonant_y:
        forms.add(word[:-1] + "ies")
    else:
        forms.add(word + "s")
    if plural_only:
        return forms

    if word.endswith("e"):
        forms.add(word + "d")
        forms.add(word + "ing" if word.endswith(("ee", "ye", "oe")) else word[:-1] + "ing")
    elif consonant_y:
        forms.add(word[:-1] + "ied")
        forms.add(word + "ing")
    elif _ends_cvc(word):
        doubled = word + word[-1]
        forms.update((doubled + "ed", doubled + "ing"))
        if _syllables(word) > 1:  # "visit" -> "visited"; "admit" -> "admitted": keep both
            forms.update((word + "ed", word + "ing"))
    else:
        forms.update((word + "ed", word + "ing"))
    return forms
