"""The biased-sentence classifier: a linear model over hashed features, its training, its safe
file format, and explanations of its scores down to the words.

Features (framing.features, framing.cues): word 1-2-grams and character 3-4-grams hashed in one
vectorised pass, TF-IDF weighted and scaled to unit length per block, plus the project's own
cues (lexicon categories, short quotations, sentiment-bearing words). Model: logistic regression,
its scores calibrated to probabilities by a sigmoid fitted on out-of-fold scores (Platt). Linear,
so each score explains itself: the words whose weight times value pushed a sentence up the most.

Scoring is pure numpy: a sentence's score is a few gathers and sums over its hashed features,
with no scikit-learn at run time (it is imported only to train). A model file is a zip of
numpy arrays (`.npz`) read with pickling disabled, so a file can hold numbers and strings and
nothing that runs; every array is checked for its name, type, shape and range before use.
"""

from __future__ import annotations

import io
import json
import platform
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from framing import __version__
from framing.config import THRESHOLD
from framing.errors import FramingError

FORMAT = "framing-model@2"
DEFAULT_THRESHOLD = THRESHOLD
ASSESS_CHUNK = 2048  # sentences per feature batch in Model.assess
BITS = 18  # 2**18 hashed columns for words, as many for character n-grams
CHARS = True  # character n-grams by default (`framing train --no-char-ngrams` leaves them out)
C = 1.0  # inverse regularisation strength of the logistic regression when fixed (`--regularization C`)
AUTO = "auto"  # `framing train`'s default: C chosen by an inner cross-validation on the training rows
C_GRID = (0.1, 0.2, 0.35, 0.5, 1.0, 2.0, 4.0)  # the Cs that search tries
INNER_FOLDS = 3  # folds of that inner cross-validation
CUE_SCALE = 3.0  # the cue block's weight beside the two unit-length n-gram blocks
WEIGHTINGS = ("tfidf", "nb")  # a column's value: count x idf, or count x idf x |log-count ratio| (`--weighting`)
WEIGHTING = "tfidf"
NB_ALPHA = 1.0  # the log-count ratio's smoothing: this many pseudo-sentences per class hold every feature
MAX_UNPACKED = 256 * 2**20  # a model file unpacks to at most this many bytes
WORDS_SHOWN = 3  # words named per flagged sentence
MIN_PUSH = 0.15  # a word is named when it raises the score (log-odds) by at least this much
ARRAYS = {  # name: (dtype kind, number of dimensions)
    "format": ("U", 0), "meta": ("U", 0), "columns": ("i", 1), "weights": ("f", 1), "idf": ("f", 1),
    "cue_weights": ("f", 1),
}
# Words that carry weight in a model but explain nothing to a reader ("that", "of the").
FUNCTION_WORDS = frozenset(
    "a about above after again against all am an and any are as at be because been before being below between "
    "both but by can could did do does doing down during each few for from further had has have having he her "
    "here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not "
    "now of off on once only or other our ours ourselves out over own same she should so some such than that "
    "the their theirs them themselves then there these they this those through to too under until up very was "
    "we were what when where which while who whom why will with would you your yours yourself yourselves "
    "it's that's there's he's she's they're we're i'm isn't wasn't don't didn't doesn't can't won't said says "
    "also one two three".split()
)


@dataclass
class Word:
    """A word or phrase of a sentence that raised its score: where it is in the sentence and by how much."""

    start: int
    end: int
    text: str
    push: float


@dataclass
class Explanation:
    """What raised a sentence's score: feature names ("word: regime", "lexicon:emotive") and the words' spans."""

    features: list[str]
    words: list[Word] = field(default_factory=list)


@dataclass
class Params:
    """A trained model's numbers. Columns are hashed feature ids; idf holds each trained column's
    inverse document frequency (untrained columns have idf_default and weight 0)."""

    bits: int
    chars: bool
    categories: list[str]
    columns: np.ndarray
    weights: np.ndarray
    idf: np.ndarray
    idf_default: float
    cue_weights: np.ndarray
    intercept: float
    calibration: tuple[float, float]
    bigrams: bool = True

    def meta(self) -> dict:
        meta = {"bits": self.bits, "chars": self.chars, "categories": self.categories, "idf_default": self.idf_default,
                "intercept": self.intercept, "calibration": list(self.calibration)}
        if not self.bigrams:  # written only when off: files of models with bigrams keep their bytes
            meta["bigrams"] = False
        return meta


class Model:
    def __init__(self, params: Params, card: dict, threshold: float = DEFAULT_THRESHOLD, path: str = ""):
        self.params = params
        self.card = card
        self.threshold = threshold
        self.path = path
        width = 2 << params.bits
        self._pushes = np.zeros(width)  # weight x idf per column: a feature occurrence's push before scaling
        self._squares = np.full(width, params.idf_default**2)  # idf squared: its share of the block's length
        self._pushes[params.columns] = params.weights * params.idf
        self._squares[params.columns] = params.idf**2

    def probabilities(self, texts: Sequence[str]) -> list[float]:
        return self.assess(texts, lambda i, p: False)[0]

    def explain(self, texts: Sequence[str], top: int = 5) -> list[list[str]]:
        """For each text, what pushed its score up the most: its strongest words first, then
        the lexicon categories and other cues ("word: devastate", "lexicon:emotive")."""
        explained = self.assess(texts, lambda i, p: True, top)[1]
        return [explained[i].features for i in range(len(texts))]

    def assess(self, texts: Sequence[str], flag: Callable[[int, float], bool], top: int = 5,
               matches: Any = None) -> tuple[list[float], dict[int, Explanation]]:
        """Probabilities for all texts, and explanations for the ones `flag(index, probability)`
        picks, from one pass of feature extraction per chunk of texts. `matches`: each text's
        default-lexicon matches, when the caller has them (a framing.cues.Matches)."""
        probabilities: list[float] = []
        explained: dict[int, Explanation] = {}
        texts = list(texts)
        for offset in range(0, len(texts), ASSESS_CHUNK):  # bounded memory, even for one huge document
            chunk = texts[offset : offset + ASSESS_CHUNK]
            scored = self._score(chunk, None if matches is None else matches.between(offset, offset + len(chunk)))
            chunk_probabilities = scored.probabilities.tolist()
            picked = [row for row, p in enumerate(chunk_probabilities) if flag(offset + row, p)]
            if picked:
                for row, explanation in zip(picked, self._explain(scored, chunk, picked, top)):
                    explained[offset + row] = explanation
            probabilities += chunk_probabilities
        return probabilities, explained

    def decisions(self, texts: Sequence[str]) -> np.ndarray:
        """The uncalibrated linear scores (log-odds before calibration)."""
        return self._score(list(texts)).decisions

    def _score(self, texts: list[str], matches: Any = None) -> _Scored:
        from framing.cues import cue_matrix
        from framing.features import featurize

        params = self.params
        batch = featurize(texts, params.bits, params.chars, params.bigrams)
        n = batch.size
        block = (batch.rows << 1) | (batch.columns >> params.bits)  # (row, block) as one index
        lengths = np.sqrt(np.bincount(block, weights=self._squares[batch.columns], minlength=2 * n))
        lengths[lengths == 0] = 1.0
        pushes = self._pushes[batch.columns] / lengths[block]
        decisions = np.bincount(batch.rows, weights=pushes, minlength=n)[:n] + params.intercept
        sources: list = []
        cues = cue_matrix(batch, params.categories, sources, matches) * params.cue_weights
        decisions += cues.sum(axis=1)
        a, b = params.calibration
        probabilities = 1.0 / (1.0 + np.exp(-(a * decisions + b)))
        return _Scored(batch, lengths, decisions, probabilities, cues, sources[0] if sources else None)

    def _explain(self, scored: _Scored, texts: list[str], picked: list[int], top: int) -> list[Explanation]:
        """Each picked text's words ranked by how much they raised its score: a word's own weight,
        half of each word pair it is in, and the character n-grams inside it."""
        from framing.cues import names as cue_names
        from framing.features import last_start_at

        batch, bits = scored.batch, self.params.bits
        word_push = self._pushes[batch.word_columns] / scored.lengths[batch.word_rows << 1]
        bigram_push = self._pushes[batch.bigram_columns] / scored.lengths[batch.bigram_rows << 1]
        np.add.at(word_push, batch.bigram_first, bigram_push / 2)
        np.add.at(word_push, batch.bigram_first + 1, bigram_push / 2)
        if len(batch.char_starts) and len(batch.word_global_starts) and picked:
            # Only the picked rows' n-grams are handed to words (a word's push matters only where it
            # is named). Each goes to the last word starting at or before its first inner
            # character, found by lookup, if it lies inside that word.
            wanted = np.zeros(batch.size, dtype=bool)
            wanted[picked] = True
            mine = np.flatnonzero(wanted[batch.char_rows])
            char_starts, char_rows = batch.char_starts[mine], batch.char_rows[mine]
            owner = last_start_at(len(batch.joined), batch.word_global_starts)[char_starts + 1]
            ends = batch.word_global_starts + (batch.word_ends - batch.word_starts)
            inside = (owner >= 0) & (char_starts + 1 < ends[np.maximum(owner, 0)])
            char_push = self._pushes[batch.char_columns[mine]] / scored.lengths[(char_rows << 1) | 1]
            np.add.at(word_push, owner[inside], char_push[inside])
        matched = _add_cue_pushes(self, scored, word_push)
        chosen = _chosen_words(batch, word_push, matched, picked)
        labels = cue_names(self.params.categories)
        cues = scored.cues[picked]
        order = np.argsort(-cues, axis=1, kind="stable")
        positive = (cues > 0).sum(axis=1).tolist()
        out = []
        for slot, row in enumerate(picked):
            words = _phrases(texts[row], chosen[slot], batch.word_starts, batch.word_ends, word_push)
            features = [f"word: {w.text.lower()}" for w in sorted(words, key=lambda w: -w.push)]
            for column in order[slot, : min(positive[slot], max(top - len(features), 0))].tolist():
                label = labels[column]
                features.append(label if label.startswith("lexicon:") else f"cue: {label}")
            out.append(Explanation(features[:top], words))
        return out


def _chosen_words(batch, word_push: np.ndarray, matched: np.ndarray, picked: list[int]) -> list[list[int]]:
    """For each picked row, the words it names (indices into the batch's word arrays, in text
    order): the WORDS_SHOWN that raised its score most, by at least MIN_PUSH, function words
    left out unless they are part of a lexicon match; ties in text order. One sort for all
    rows; only the few candidates are looked at one by one (their text). `picked` is in
    ascending order."""
    rows = np.asarray(picked, dtype=np.int64)
    first_word = np.searchsorted(batch.word_rows, np.arange(batch.size + 1))
    lo, hi = first_word[rows], first_word[rows + 1]
    counts = hi - lo
    words = np.arange(counts.sum()) + np.repeat(lo - np.cumsum(counts) + counts, counts)
    words = words[word_push[words] >= MIN_PUSH]
    owner = np.searchsorted(hi, words, side="right")  # the picked row (slot) each word belongs to
    joined, starts = batch.joined, batch.word_global_starts
    lengths = batch.word_ends - batch.word_starts
    keep = [bool(matched[k]) or joined[starts[k] : starts[k] + lengths[k]].lower() not in FUNCTION_WORDS
            for k in words.tolist()]
    words, owner = words[keep], owner[keep]
    ranked = np.lexsort((words, -word_push[words], owner))
    words, owner = words[ranked], owner[ranked]
    group_start = np.searchsorted(owner, owner, side="left")
    shown = np.arange(len(words)) - group_start < WORDS_SHOWN
    words, owner = words[shown], owner[shown]
    chosen: list[list[int]] = [[] for _ in picked]
    for slot, k in zip(owner.tolist(), words.tolist()):
        chosen[slot].append(k)
    return [sorted(mine) for mine in chosen]


def _share(values: np.ndarray, rows: np.ndarray, n: int) -> np.ndarray:
    """Each value over its row's total: how a row's cue is shared among its sources."""
    totals = np.bincount(rows, weights=values, minlength=n)
    return np.divide(values, totals[rows], out=np.zeros(len(values)), where=totals[rows] != 0)


def _add_cue_pushes(model: Model, scored: _Scored, word_push: np.ndarray) -> np.ndarray:
    """The cue block's part of each score, handed to the words it came from: a lexicon category's
    push shared among that category's matches in the sentence (and the lexicon weight's by entry
    weight), the sentiment cues' among the words with a valence, each match's share among its words."""
    sources, batch = scored.sources, scored.batch
    matched = np.zeros(len(batch.word_rows), dtype=bool)  # words inside a lexicon match ("so" of "so-called")
    if sources is None or not len(batch.word_rows):
        return matched
    n, base = batch.size, len(model.params.categories)
    cues = scored.cues
    values = sources.valences
    rows = batch.word_rows
    for column, weight in ((base + 2, np.maximum(values, 0)), (base + 3, np.maximum(-values, 0)),
                           (base + 4, (values != 0).astype(float))):
        word_push += cues[rows, column] * _share(weight, rows, n)
    if len(sources.starts):
        known = sources.columns >= 0
        match_push = np.zeros(len(sources.starts))
        key = np.where(known, sources.rows * (base + 1) + sources.columns, -1)
        counts = np.bincount(key[known], minlength=n * (base + 1))
        match_push[known] = cues[sources.rows[known], sources.columns[known]] / counts[key[known]]
        match_push += cues[sources.rows, base] * _share(sources.weights, sources.rows, n)
        # each match's push to the words inside its span, shared equally
        ends = batch.word_global_starts + (batch.word_ends - batch.word_starts)
        first = np.searchsorted(ends, sources.starts, side="right")
        last = np.searchsorted(batch.word_global_starts, sources.ends, side="left")
        for start, stop, push in zip(first.tolist(), last.tolist(), match_push.tolist()):
            if stop > start:
                matched[start:stop] = True
                word_push[start:stop] += push / (stop - start)
    return matched


@dataclass
class _Scored:
    batch: Any
    lengths: np.ndarray
    decisions: np.ndarray
    probabilities: np.ndarray
    cues: np.ndarray
    sources: Any = None


def _phrases(text: str, chosen: list[int], starts, ends, pushes) -> list[Word]:
    """Chosen words, neighbours with only spaces or a hyphen between them joined into one phrase."""
    words: list[Word] = []
    for k in chosen:
        start, end = int(starts[k]), int(ends[k])
        if words and k - 1 == last and text[words[-1].end:start].strip(" -") == "":
            merged = words[-1]
            words[-1] = Word(merged.start, end, text[merged.start:end], round(merged.push + float(pushes[k]), 4))
        else:
            words.append(Word(start, end, text[start:end], round(float(pushes[k]), 4)))
        last = k
    return words


# Training ------------------------------------------------------------------------------------

def _design(texts: list[str], bits: int, categories: list[str], chars: bool = False, bigrams: bool = True):
    """Occurrence counts per hashed column (CSR) and the cue matrix of `texts`."""
    from scipy import sparse

    from framing.cues import cue_matrix
    from framing.features import featurize

    batch = featurize(texts, bits, chars, bigrams)
    counts = sparse.csr_matrix((np.ones(len(batch.rows)), (batch.rows, batch.columns)), shape=(len(texts), 2 << bits))
    counts.sum_duplicates()
    return counts, cue_matrix(batch, categories)


def _weighed(counts, idf: np.ndarray, bits: int):
    """TF-IDF values scaled per (row, block) as Model._score does: count x idf over the root of
    the sum of squared idf over the block's occurrences."""
    matrix = counts.copy().astype(np.float64)
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    block = (rows << 1) | (matrix.indices >> bits)
    squares = np.bincount(block, weights=matrix.data * idf[matrix.indices] ** 2, minlength=2 * matrix.shape[0])
    lengths = np.sqrt(squares)
    lengths[lengths == 0] = 1.0
    matrix.data = matrix.data * idf[matrix.indices] / lengths[block]
    return matrix


def _ratios(counts, labels: np.ndarray) -> tuple[np.ndarray, float]:
    """Each column's log-count ratio (Wang & Manning 2012): the log of its share of the biased
    sentences that hold it over its share of the others, smoothed by NB_ALPHA; and the ratio of a
    column no training sentence holds."""
    present = counts.copy()
    present.data[:] = 1.0
    labels = np.asarray(labels)
    biased = np.asarray(present[labels == 1].sum(axis=0)).ravel()
    other = np.asarray(present[labels == 0].sum(axis=0)).ravel()
    n_biased, n_other = float((labels == 1).sum()) + 2 * NB_ALPHA, float((labels == 0).sum()) + 2 * NB_ALPHA
    ratios = np.log((biased + NB_ALPHA) / n_biased) - np.log((other + NB_ALPHA) / n_other)
    return ratios, float(np.log(NB_ALPHA / n_biased) - np.log(NB_ALPHA / n_other))


def _values(counts, cues: np.ndarray, labels: np.ndarray, weighting: str = WEIGHTING):
    """What a fit learns before the regression: every column's value per occurrence (its idf, or
    idf x |log-count ratio|), the value of a column no training row holds, the cue block's scale."""
    n = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    idf_all = np.log((1.0 + n) / (1.0 + df)) + 1.0
    idf_default = float(np.log(1.0 + n) + 1.0)
    if weighting == "nb":
        # NB-weighted features: a column's value also scales by how far its presence leans to
        # one class, so the regression starts from what counting alone says. The scorer reads
        # the product as the column's idf: scoring is unchanged.
        ratios, unseen = _ratios(counts, labels)
        idf_all = idf_all * np.abs(ratios)
        idf_default *= abs(unseen)
    scale = np.abs(cues).max(axis=0)
    scale[scale == 0] = 1.0
    return df, idf_all, idf_default, scale


def _matrix(counts, cues: np.ndarray, idf_all: np.ndarray, scale: np.ndarray, bits: int):
    """The regression's input: the weighed n-gram blocks beside the scaled cue block. For rows a
    fit never saw it equals what Model._score computes (a column no training row holds has
    idf_all = idf_default there, the value the scorer gives it), so a search can score held-out
    rows from the matrix alone."""
    from scipy import sparse

    return sparse.hstack([_weighed(counts, idf_all, bits), sparse.csr_matrix(cues / scale * CUE_SCALE)]).tocsr()


def _fit(counts, cues: np.ndarray, labels: np.ndarray, bits: int, categories: list[str], seed: int,
         chars: bool = CHARS, c: float = C, weighting: str = WEIGHTING, bigrams: bool = True,
         solver: str = "lbfgs") -> Params:
    df, idf_all, idf_default, scale = _values(counts, cues, labels, weighting)
    design = _matrix(counts, cues, idf_all, scale, bits)
    regression = _regression(c, seed, solver).fit(design, labels)
    coef = regression.coef_[0]
    width = counts.shape[1]
    columns = np.flatnonzero(df)
    return Params(
        bits=bits, chars=chars, categories=list(categories), columns=columns.astype(np.int64),
        weights=coef[:width][columns].astype(np.float64), idf=idf_all[columns], idf_default=idf_default,
        cue_weights=(coef[width:] / scale * CUE_SCALE).astype(np.float64), intercept=float(regression.intercept_[0]),
        calibration=(1.0, 0.0), bigrams=bigrams,
    )


def _regression(c: float, seed: int, solver: str = "lbfgs"):
    """The logistic regression. A fixed C fits with lbfgs (what the shipped model was trained with);
    a chosen C, and the search that chooses it, with liblinear's dual solver: the same objective
    (its intercept, scaled up tenfold, is barely penalised), reached several times faster when
    there are far more columns than rows."""
    from sklearn.linear_model import LogisticRegression

    if solver == "liblinear":
        return LogisticRegression(C=c, solver="liblinear", dual=True, intercept_scaling=10, max_iter=5000,
                                  random_state=seed)
    return LogisticRegression(C=c, max_iter=5000, random_state=seed)


@dataclass
class Choice:
    """C chosen by an inner cross-validation on training rows: the sigmoid fitted on the chosen C's
    out-of-fold scores, and every C's out-of-fold macro F1 at the threshold."""

    c: float
    calibration: tuple[float, float]
    scores: dict[str, float]


def parse_regularization(value: str | float) -> float | str:
    """`--regularization`: "auto" or a positive number."""
    if isinstance(value, str) and value.strip().lower() == AUTO:
        return AUTO
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = float("nan")
    if not (number > 0 and np.isfinite(number)):
        raise FramingError(f"--regularization must be {AUTO!r} or a positive number, not {value!r}")
    return number


def choose_c(counts, cues: np.ndarray, labels: np.ndarray, groups: Sequence, bits: int, seed: int = 0,
             weighting: str = WEIGHTING, threshold: float = DEFAULT_THRESHOLD, grid: Sequence[float] = C_GRID,
             folds: int = INNER_FOLDS) -> Choice:
    """The C of `grid` whose out-of-fold scores, sigmoid-calibrated, give the highest macro F1 at
    `threshold`, by `folds`-fold grouped cross-validation on these rows only (ties: the smaller C).
    Each inner fold's features are weighed from its own training part, as a fit would."""
    from framing.metrics import classification_report

    labels = np.asarray(labels)
    splits = _folds(labels, groups, folds, seed)
    matrices = []
    for train, test in splits:
        _, idf_all, _, scale = _values(counts[train], cues[train], labels[train], weighting)
        matrices.append((_matrix(counts[train], cues[train], idf_all, scale, bits),
                         _matrix(counts[test], cues[test], idf_all, scale, bits)))
    best: Choice | None = None
    best_score = -1.0
    scores: dict[str, float] = {}
    for c in sorted(grid):
        decisions = np.zeros(len(labels))
        for (train, test), (inside, outside) in zip(splits, matrices):
            regression = _regression(c, seed, "liblinear").fit(inside, labels[train])
            decisions[test] = regression.decision_function(outside)
        a, b = _platt(decisions, labels)
        probabilities = 1.0 / (1.0 + np.exp(-(a * decisions + b)))
        score = classification_report(labels.tolist(), probabilities.tolist(), threshold)["macro_f1"]
        scores[f"{c:g}"] = round(float(score), 4)
        if score > best_score:
            best, best_score = Choice(float(c), (a, b), scores), score
    assert best is not None
    return best


def _platt(decisions: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """Sigmoid calibration (Platt): P(biased) = 1 / (1 + exp(-(a * score + b)))."""
    from sklearn.linear_model import LogisticRegression

    fitted = LogisticRegression(C=1e6, max_iter=1000).fit(decisions.reshape(-1, 1), labels)
    return float(fitted.coef_[0, 0]), float(fitted.intercept_[0])


def _folds(labels, groups, folds: int, seed: int):
    from sklearn.model_selection import StratifiedGroupKFold

    return list(StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed).split(labels, labels, groups))


def cross_validate(texts, labels, groups, folds: int = 5, seed: int = 0, threshold: float = DEFAULT_THRESHOLD,
                   bits: int = BITS, chars: bool = CHARS, c: float | str = C, weighting: str = WEIGHTING,
                   bigrams: bool = True) -> tuple[dict, np.ndarray]:
    """Precision, recall, F1, macro F1 and calibration error over folds (mean and standard
    deviation), and every text's out-of-fold score. Folds keep a group's texts together (several
    phrasings of one fact must not straddle a split); each fold is scored by the same numpy path
    a saved model uses. With a fixed C the sigmoid is fitted on all out-of-fold scores (two
    numbers). With c="auto" the estimate is nested: in each fold, C and the sigmoid are chosen by
    choose_c on that fold's training part alone, as `train` chooses them on all the rows, so the
    held-out part judges the whole procedure, choice included."""
    from framing.cues import default_categories
    from framing.metrics import classification_report

    texts, labels, groups = list(texts), np.asarray(labels), list(groups)
    categories = default_categories()
    counts, cues = _design(texts, bits, categories, chars, bigrams)
    decisions = np.zeros(len(texts))
    probabilities = np.zeros(len(texts))
    splits = _folds(labels, groups, folds, seed)
    chosen = []
    for train, test in splits:
        fold_c = c
        if c == AUTO:
            choice = choose_c(counts[train], cues[train], labels[train], [groups[i] for i in train], bits, seed,
                              weighting, threshold)
            fold_c = choice.c
            chosen.append(choice.c)
        params = _fit(counts[train], cues[train], labels[train], bits, categories, seed, chars, fold_c, weighting,
                      bigrams, "liblinear" if c == AUTO else "lbfgs")
        decisions[test] = Model(params, {}).decisions([texts[i] for i in test])
        if c == AUTO:
            a, b = choice.calibration
            probabilities[test] = 1.0 / (1.0 + np.exp(-(a * decisions[test] + b)))
    if c != AUTO:
        a, b = _platt(decisions, labels)
        probabilities = 1.0 / (1.0 + np.exp(-(a * decisions + b)))
    per_fold = [classification_report(labels[test].tolist(), probabilities[test].tolist(), threshold)
                for _, test in splits]
    summary: dict[str, Any] = {"folds": folds}
    if c == AUTO:
        summary["nested"] = {"inner_folds": INNER_FOLDS, "chosen_c": chosen}
    for key in ("precision", "recall", "f1", "macro_f1", "ece"):
        values = [fold["calibration"]["ece"] if key == "ece" else fold[key] for fold in per_fold]
        summary[key] = {"mean": round(float(np.mean(values)), 4), "std": round(float(np.std(values)), 4)}
    return summary, decisions


def held_out_groups(groups: Sequence[str], fraction: float) -> set[str]:
    """About `fraction` of the groups, chosen by a hash of each group's name: the same groups
    whatever the order or number of rows, and a group's rows never split."""
    import hashlib

    if fraction <= 0:
        return set()
    return {g for g in set(groups) if int(hashlib.sha256(g.encode("utf-8")).hexdigest()[:8], 16) / 16**8 < fraction}


def train(data, folds: int = 5, seed: int = 0, threshold: float = DEFAULT_THRESHOLD, hold_out: float = 0.0,
          chars: bool = CHARS, c: float | str = AUTO, weighting: str = WEIGHTING, bigrams: bool = True) -> Model:
    """Cross-validate, then fit on all the data (but the held-out groups, measured last); the
    model card records how. With c="auto" (the default), C is chosen by choose_c on those rows and
    the cross-validation is nested (see cross_validate)."""
    from framing.cues import default_categories, names as cue_names
    from framing.lexicon import load_lexicon
    from framing.lexicon.load import default_lexicon_digest
    from framing.metrics import classification_report

    if folds < 2:
        raise FramingError("--folds must be at least 2")
    c = parse_regularization(c)
    if not 0 <= hold_out < 1:
        raise FramingError("--hold-out must be at least 0 and below 1")
    if weighting not in WEIGHTINGS:
        raise FramingError(f"--weighting must be one of {', '.join(WEIGHTINGS)}, not {weighting!r}")
    held = held_out_groups(data.groups, hold_out)
    kept = [i for i, g in enumerate(data.groups) if g not in held]
    texts = [data.texts[i] for i in kept]
    labels = np.asarray([data.labels[i] for i in kept])
    groups = [data.groups[i] for i in kept]
    if len(set(labels.tolist())) < 2:
        raise FramingError("the data left after the held-out part holds only one of the two classes")
    cv, decisions = cross_validate(texts, labels, groups, folds, seed, threshold, BITS, chars, c, weighting,
                                   bigrams)
    categories = default_categories()
    counts, cues = _design(texts, BITS, categories, chars, bigrams)
    choice = choose_c(counts, cues, labels, groups, BITS, seed, weighting, threshold) if c == AUTO else None
    fitted_c = choice.c if choice else c
    params = _fit(counts, cues, labels, BITS, categories, seed, chars, fitted_c, weighting, bigrams,
                  "liblinear" if choice else "lbfgs")
    params.calibration = choice.calibration if choice else _platt(decisions, labels)
    lexicon = load_lexicon()
    # No dates or timings: the same data, seed and versions give the same card, byte for byte.
    card: dict[str, Any] = {
        "format": FORMAT,
        "data": {
            "files": data.sources,
            "sha256": data.sha256,
            "rows": len(data.texts),
            "skipped": dict(sorted(data.skipped.items())),
            "labels": {"biased": data.positive, "not_biased": data.negative},
            "balance": data.balance,
            "trained_rows": len(texts),
        },
        "cross_validation": cv,
        "threshold": threshold,
        "seed": seed,
        "features": ("word 1-2-grams" if bigrams else "words") + (" and character 3-4-grams" if chars else "")
        + f" hashed into 2^{BITS} columns each, "
        + ("TF-IDF x |log-count ratio| (NB weighting)" if weighting == "nb" else "TF-IDF")
        + ", unit length per block; framing cues (" + ", ".join(cue_names(categories)) + "; lexicon categories per 20 words)",
        "lexicon_entries": len(lexicon.entries),
        "lexicon_sha256": default_lexicon_digest(),
        "model": f"logistic regression (C={fitted_c}, cue block x{CUE_SCALE}), sigmoid-calibrated on out-of-fold scores",
        "versions": versions(),
    }
    if choice:  # written only when chosen: cards of models with a fixed C keep their bytes
        card["regularization"] = {
            "c": choice.c, "chosen_by": f"{INNER_FOLDS}-fold grouped cross-validation on the trained rows, macro F1",
            "macro_f1_by_c": choice.scores,
        }
    model = Model(params, card, threshold)
    if held:
        rows = [i for i, g in enumerate(data.groups) if g in held]
        report = classification_report([data.labels[i] for i in rows],
                                       model.probabilities([data.texts[i] for i in rows]), threshold)
        card["held_out"] = {
            "fraction": hold_out, "groups": len(held), "rows": len(rows),
            **{key: report[key] for key in ("precision", "recall", "f1", "macro_f1", "accuracy")},
            "ece": report["calibration"]["ece"], "brier": report["calibration"]["brier"],
        }
    return model


def versions() -> dict[str, str]:
    import scipy
    import sklearn

    return {
        "framing": __version__,
        "python": platform.python_version(),
        "scikit-learn": sklearn.__version__,
        "numpy": np.__version__,
        "scipy": scipy.__version__,
    }


# The file format -----------------------------------------------------------------------------

def _array_bytes(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, np.asanyarray(array), allow_pickle=False)
    return buffer.getvalue()


def save(model: Model, path: Path) -> None:
    """The model as a zip of .npy arrays (numpy's .npz layout) with fixed timestamps, so the
    same model gives the same bytes; its card beside it as JSON."""
    params = model.params
    meta = {**params.meta(), "threshold": model.threshold, "card": model.card}
    arrays = {
        "format": np.array(FORMAT),
        "meta": np.array(json.dumps(meta, sort_keys=True, ensure_ascii=False)),
        "columns": params.columns.astype(np.int64),
        "weights": params.weights.astype(np.float64),
        "idf": params.idf.astype(np.float64),
        "cue_weights": params.cue_weights.astype(np.float64),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, array in arrays.items():
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, _array_bytes(array), compresslevel=9)
    path.write_bytes(buffer.getvalue())
    card_path = path.with_suffix(".card.json")
    card_path.write_text(json.dumps(model.card, indent=2, ensure_ascii=False) + "\n", "utf-8")


def load(path: str | Path) -> Model:
    """A model from its file. Nothing in the file can run: arrays are read with pickling
    refused, and every array and setting is checked before use. Every failure is one
    FramingError naming the file."""
    from framing import resources

    display = str(path)
    if str(path) == "default":
        path = resources.default_model_path()
        display = "default model"
        if not path.is_file():
            raise FramingError("no default model in this installation (build it with `make model`)", display)
    path = Path(str(path)) if not hasattr(path, "read_bytes") else path
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise FramingError(f"cannot read model: {exc.strerror or exc}", display) from None
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = {info.filename: info for info in archive.infolist()}
            if "schema.json" in members:
                raise FramingError("model format 'framing-model@1' (skops) is not one this framing "
                                   f"{__version__} reads ({FORMAT}): retrain it with `framing train`", display)
            expected = {f"{name}.npy" for name in ARRAYS}
            if set(members) != expected:
                odd = sorted(set(members) ^ expected)
                raise FramingError(f"not a framing model: unexpected or missing parts {', '.join(odd[:5])}", display)
            if sum(info.file_size for info in members.values()) > MAX_UNPACKED:
                raise FramingError(f"refusing to load: the model unpacks to more than {MAX_UNPACKED >> 20} MB", display)
            arrays = {}
            for name, (kind, dims) in ARRAYS.items():
                with archive.open(f"{name}.npy") as member:
                    try:
                        array = np.lib.format.read_array(member, allow_pickle=False)
                    except ValueError as exc:
                        if "pickle" in str(exc).lower() or "object" in str(exc).lower():
                            raise FramingError(f"refusing to load: {name} holds Python objects, which a framing "
                                               "model never contains", display) from None
                        raise
                if array.dtype.kind != kind or array.ndim != dims:
                    raise FramingError(f"not a framing model: {name} is {array.dtype} with {array.ndim} "
                                       "dimension(s)", display)
                arrays[name] = array
    except FramingError:
        raise
    except Exception as exc:  # a truncated or corrupted archive: zipfile, format, JSON errors
        raise FramingError(f"not a readable model file ({type(exc).__name__}: {exc})", display) from None
    found = str(arrays["format"])
    if found != FORMAT:
        raise FramingError(f"model format {found!r} is not one this framing {__version__} reads ({FORMAT})", display)
    params, card, threshold = _checked(arrays, display)
    _check_lexicons(card, display)
    return Model(params, card, threshold, display)


def _checked(arrays: dict, display: str) -> tuple[Params, dict, float]:
    """Params from the arrays, or a FramingError saying what is wrong with them."""
    from framing.cues import GENERAL

    def bad(what: str) -> FramingError:
        return FramingError(f"not a valid framing model: {what}", display)

    try:
        meta = json.loads(str(arrays["meta"]))
    except ValueError:
        raise bad("its settings are not JSON") from None
    if not isinstance(meta, dict):
        raise bad("its settings are not a JSON object")
    bits, categories, chars = meta.get("bits"), meta.get("categories"), meta.get("chars")
    bigrams = meta.get("bigrams", True)
    if not isinstance(chars, bool):
        raise bad("'chars' must be true or false")
    if not isinstance(bigrams, bool):
        raise bad("'bigrams' must be true or false")
    if not isinstance(bits, int) or not 8 <= bits <= 24:
        raise bad("'bits' must be a whole number from 8 to 24")
    if not isinstance(categories, list) or not all(isinstance(c, str) for c in categories):
        raise bad("'categories' must be a list of category ids")
    numbers = [meta.get("idf_default"), meta.get("intercept"), meta.get("threshold", DEFAULT_THRESHOLD)]
    calibration = meta.get("calibration")
    if not isinstance(calibration, list) or len(calibration) != 2:
        raise bad("'calibration' must be two numbers")
    numbers += calibration
    if not all(isinstance(x, (int, float)) and not isinstance(x, bool) and np.isfinite(x) for x in numbers):
        raise bad("idf_default, intercept, threshold and calibration must be finite numbers")
    if not 0 <= numbers[2] <= 1:
        raise bad("the threshold must be from 0 to 1")
    columns, weights, idf, cue_weights = (arrays[k] for k in ("columns", "weights", "idf", "cue_weights"))
    if not len(columns) == len(weights) == len(idf):
        raise bad("columns, weights and idf differ in length")
    if len(columns) and (columns.min() < 0 or columns.max() >= 2 << bits or np.any(np.diff(columns) <= 0)):
        raise bad("columns must be increasing and within the hashed feature space")
    if len(cue_weights) != len(categories) + len(GENERAL):
        raise bad("the cue weights do not match the categories")
    if not (np.isfinite(weights).all() and np.isfinite(idf).all() and np.isfinite(cue_weights).all()):
        raise bad("weights must be finite")
    card = meta.get("card") if isinstance(meta.get("card"), dict) else {}
    params = Params(bits, chars, categories, columns.astype(np.int64), weights.astype(np.float64), idf.astype(np.float64),
                    float(numbers[0]), cue_weights.astype(np.float64), float(numbers[1]),
                    (float(calibration[0]), float(calibration[1])), bigrams)
    return params, card, float(numbers[2])


class LexiconDriftWarning(UserWarning):
    """The model's lexicon features were computed from other lexicons than the installed ones."""


def _check_lexicons(card: dict, display: str) -> None:
    """The cue features read the default lexicons at scoring time; a model trained on other
    lexicons still works but scores differently from when it was evaluated: say so."""
    from framing.lexicon.load import default_lexicon_digest

    recorded = card.get("lexicon_sha256")
    if recorded and recorded != default_lexicon_digest():
        warnings.warn(f"{display}: trained with other default lexicons than these; its scores may differ "
                      "from its card's (retrain it: `make model` for the default)", LexiconDriftWarning, stacklevel=3)
