"""The project's own cues as classifier features: lexicon categories, scare quotes and
sentiment-bearing words. They let the lexicons and the classifier strengthen each other:
a loaded word the model's vocabulary never saw still counts through its category.

Cues are rates per 20 words, not counts, and sentence length and punctuation are left out:
with them, a model trained on short sentences called nine in ten longer news sentences
biased (BABE, out of domain: macro F1 0.42 with counts, 0.64 with rates; in domain the
two score the same).

All cues of a batch come from one lexicon scan of the joined batch and from the words the
featurizer already hashed (framing.features): nothing is read sentence by sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from framing.features import Batch, word_hashes

GENERAL = ("lexicon_weight", "scare_quotes", "valence_positive", "valence_negative", "valenced_share", "valence_max")
_PER = 20.0  # rates per 20 words, about one news sentence
# A short quotation inside a sentence: one to three words in double quotes, no sentence end inside.
_SHORT_QUOTE = re.compile(r"[\"\u201c]([^\"\u201c\u201d\n.!?]{1,40})[\"\u201d]")


_DEFAULT_DETECTOR = None


def lexicon_detector():
    """A detector over the default lexicons: cue features always read those, whatever the run's
    own lexicon options (a model is trained on them). Made once per process."""
    global _DEFAULT_DETECTOR
    if _DEFAULT_DETECTOR is None:
        from framing.detectors.lexicon import LexiconDetector
        from framing.lexicon import load_lexicon

        _DEFAULT_DETECTOR = LexiconDetector(load_lexicon())
    return _DEFAULT_DETECTOR


def share_default_lexicon(lexicon) -> None:
    """The run's lexicon, when it is the default lexicons alone (no files of the user's, defaults
    on), serves the cue features too: the same entries, in the same order, without loading
    them a second time (about 0.05 s of every start-up)."""
    global _DEFAULT_DETECTOR
    if _DEFAULT_DETECTOR is None:
        from framing.detectors.lexicon import LexiconDetector

        _DEFAULT_DETECTOR = LexiconDetector(lexicon)


def default_categories() -> list[str]:
    return sorted(lexicon_detector().lexicon.categories)


@lru_cache(maxsize=1)
def _valences() -> tuple[np.ndarray, np.ndarray]:
    """VADER's single-word valences, keyed by the featurizer's word hash (sorted for lookup)."""
    from framing.resources import vader_lexicon_text

    words, values = [], []
    for line in vader_lexicon_text().splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].replace("'", "").isalnum():
            try:
                values.append(float(parts[1]))
            except ValueError:
                continue
            words.append(parts[0])
    hashes = word_hashes(words)
    keep = hashes != 0
    hashes, valued = hashes[keep], np.array(values)[keep]
    order = np.argsort(hashes, kind="stable")
    hashes, valued = hashes[order], valued[order]
    first = np.concatenate([[True], hashes[1:] != hashes[:-1]])  # one valence per word
    return hashes[first], valued[first]


class Matches:
    """Default-lexicon matches of many texts, found already (the lexicon detector's, shared), as
    arrays sorted by text: each match's text (`rows`), its start and end within that text and its
    entry's index in `entries`."""

    def __init__(self, rows: np.ndarray, starts: np.ndarray, ends: np.ndarray, indices: np.ndarray, entries: list):
        self.rows, self.starts, self.ends, self.indices, self.entries = rows, starts, ends, indices, entries

    def between(self, first: int, last: int) -> Matches:
        """The matches of texts first..last-1, numbered from 0."""
        lo, hi = np.searchsorted(self.rows, [first, last])
        return Matches(self.rows[lo:hi] - first, self.starts[lo:hi], self.ends[lo:hi], self.indices[lo:hi], self.entries)


def _entry_tables(entries: list, categories: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Per entry index: its category's cue column (-1 for a category the model has no column
    for) and its weight."""
    key = tuple(categories)
    found = _TABLES.get(key)
    if found is None or found[0] is not entries:  # kept for the one entry list it was made from
        index = {cid: i for i, cid in enumerate(categories)}
        found = _TABLES[key] = (
            entries,
            np.array([index.get(e.category, -1) for e in entries], dtype=np.int64),
            np.array([e.weight for e in entries], dtype=np.float64),
        )
    return found[1], found[2]


_TABLES: dict[tuple, tuple[list, np.ndarray, np.ndarray]] = {}


def names(categories: list[str]) -> list[str]:
    return [f"lexicon:{cid}" for cid in categories] + list(GENERAL)


class Sources:
    """Where a batch's cues come from, so a score can be traced to words: the lexicon matches
    (start and end in the joined batch, row, cue column, entry weight) and each word's valence."""

    def __init__(self, starts, ends, rows, columns, weights, valences):
        self.starts, self.ends, self.rows, self.columns, self.weights = starts, ends, rows, columns, weights
        self.valences = valences


def cue_matrix(batch: Batch, categories: list[str], sources: list | None = None,
               matches: Matches | None = None) -> np.ndarray:
    """Per text: matches of each lexicon category per 20 words, then the cues in GENERAL. With
    `sources` (a list), a Sources is appended to it. `matches`, if given, are the texts' default
    lexicon matches, found already (their Documents', shared with the lexicon detector);
    otherwise the joined batch is scanned, and a match that would run from one text into the
    next is no match."""
    n = batch.size
    width = len(categories) + len(GENERAL)
    out = np.zeros((n, width))
    if not n:
        return out
    empty = np.zeros(0, dtype=np.int64)
    starts = ends = rows = columns = empty
    weights = np.zeros(0)
    rate = _PER / np.maximum(batch.words_per_row, 1)
    index = {cid: i for i, cid in enumerate(categories)}
    if matches is not None:
        if len(matches.rows):
            rows = matches.rows
            starts = batch.offsets[rows] + matches.starts
            ends = batch.offsets[rows] + matches.ends
            columns, entry_weights = _entry_tables(matches.entries, categories)
            columns, weights = columns[matches.indices], entry_weights[matches.indices]
    else:
        found = lexicon_detector().matches(batch.joined)
        if found:
            starts = np.fromiter((m[0] for m in found), dtype=np.int64, count=len(found))
            rows = np.searchsorted(batch.offsets, starts, side="right") - 1
            columns = np.fromiter((index.get(m[2].category, -1) for m in found), dtype=np.int64, count=len(found))
            weights = np.fromiter((m[2].weight for m in found), dtype=np.float64, count=len(found))
            ends = np.fromiter((m[1] for m in found), dtype=np.int64, count=len(found))
    if len(starts):
        within = (rows < n) & (ends <= batch.offsets[np.minimum(rows + 1, n)] - 1)  # not into the next text
        starts, ends, rows, columns, weights = starts[within], ends[within], rows[within], columns[within], weights[within]
        known = columns >= 0
        np.add.at(out, (rows[known], columns[known]), 1.0)
        out[:, len(categories)] = np.bincount(rows, weights=weights, minlength=n)[:n]
    base = len(categories)
    out[:, :base] *= rate[:, None]
    out[:, base] *= rate
    quotes = [m.start() for m in _SHORT_QUOTE.finditer(batch.joined) if len(m.group(1).split()) <= 3]
    if quotes:
        out[:, base + 1] = np.bincount(np.searchsorted(batch.offsets, quotes, side="right") - 1, minlength=n)[:n]
    keys, valued = _valences()
    at = np.minimum(np.searchsorted(keys, batch.word_hashes), len(keys) - 1)
    values = np.where(keys[at] == batch.word_hashes, valued[at], 0.0)
    owners = batch.word_rows
    out[:, base + 2] = np.bincount(owners, weights=np.maximum(values, 0), minlength=n) * rate
    out[:, base + 3] = np.bincount(owners, weights=np.maximum(-values, 0), minlength=n) * rate
    out[:, base + 4] = np.bincount(owners, weights=(values != 0).astype(float), minlength=n) / np.maximum(batch.words_per_row, 1)
    maxima = np.zeros(n)
    np.maximum.at(maxima, owners, np.abs(values))
    out[:, base + 5] = maxima
    if sources is not None:
        sources.append(Sources(starts, ends, rows, columns, weights, values))
    return out
