"""Resampling statistics for comparing groups of articles: bootstrap intervals, permutation
tests, Cliff's delta and adjusted p-values.

Every function takes a matrix of per-article values, one column per measure (NaN where an
article has no value for a measure, such as an anonymous-source share without attributions),
and works on all measures at once. The article is the unit that is resampled, never a token.

The resampling is scipy's (`scipy.stats.bootstrap`, `scipy.stats.permutation_test`) for groups of
up to SCIPY_ARTICLES articles, and for every exact permutation test. scipy is handed the articles'
row numbers rather than their values, and the statistic turns each batch of resampled row numbers
into counts and the counts into means with one matrix product (`_Means`), so all measures share
the resamples and memory is a batch of resamples times the articles, never resamples times
articles times measures. Larger groups are resampled here the same way scipy does it (the same
percentile interval; random permutations with scipy's p-value and tie tolerance), but with 32-bit
row numbers and counts made row by row, which is about three times faster at 10^5 articles: the
tests check both paths against scipy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

CONFIDENCE = 0.95
ALPHA = 0.05
BATCH_CELLS = 4_000_000  # resamples x articles held at once (a few tens of MB)
SCIPY_ARTICLES = 2000  # groups (or pairs) up to this size are resampled by scipy itself
# Test statistics are rounded to this many decimals before they are compared, so that arrangements
# whose differences are equal (ties, common with densities of few findings) compare equal whatever
# order the floating-point sums took; distinct differences of real data are much further apart.
TIE_DECIMALS = 10


def generator(seed: int, *parts: str) -> np.random.Generator:
    """A random stream of its own for each (seed, group or pair, purpose): adding a group to a
    comparison never changes the numbers of another."""
    import zlib

    words = [zlib.crc32(part.encode("utf-8")) for part in parts]
    return np.random.default_rng([int(seed), *words])


class _Means:
    """Column means of `values` (articles x measures) over resampled row numbers, NaN-aware:
    a measure's mean is over the resampled articles that have a value for it."""

    def __init__(self, values: np.ndarray):
        present = ~np.isnan(values)
        self.n = values.shape[0]
        self.values = np.where(present, values, 0.0)
        self.present = present.astype(np.float64) if not present.all() else None
        self.total = self.values.sum(axis=0)
        self.total_present = present.sum(axis=0).astype(np.float64)
        # values and presence side by side: sums and counts from one product
        self.stacked = np.hstack([self.values, self.present]) if self.present is not None else self.values

    def sums(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray | float]:
        """(batch, k) row numbers -> per resample and measure, the sums and the counts of values."""
        batch = rows.shape[0]
        flat = (rows + (np.arange(batch) * self.n)[:, None]).ravel()
        counts = np.bincount(flat, minlength=batch * self.n).reshape(batch, self.n).astype(np.float64)
        sums = counts @ self.values
        return sums, (counts @ self.present if self.present is not None else float(rows.shape[-1]))

    def _products(self, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        product = counts @ self.stacked
        m = self.values.shape[1]
        if self.present is not None:
            return product[:, :m], product[:, m:]
        return product, counts.sum(axis=1, keepdims=True)

    def from_counts(self, counts: np.ndarray) -> np.ndarray:
        """(batch, n) counts of each row -> (batch, measures) means."""
        sums, divisor = self._products(counts)
        with np.errstate(invalid="ignore", divide="ignore"):
            return sums / divisor

    def difference_from_counts(self, counts: np.ndarray) -> np.ndarray:
        """(batch, n) 0/1 membership of the first group -> mean of the first minus mean of the rest."""
        sums, inside = self._products(counts)
        outside = (self.total_present if self.present is not None else self.n) - inside
        with np.errstate(invalid="ignore", divide="ignore"):
            return sums / inside - (self.total - sums) / outside

    def __call__(self, rows: np.ndarray) -> np.ndarray:
        """(..., k) row numbers -> (..., measures) means."""
        single = rows.ndim == 1
        sums, counts = self.sums(rows[None, :] if single else rows)
        with np.errstate(invalid="ignore", divide="ignore"):
            means = sums / counts
        return means[0] if single else means

    def difference(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Mean over rows `x` minus mean over rows `y`, where x and y split all rows (a
        permutation): y's sums are the totals less x's, one product instead of two."""
        single = x.ndim == 1
        sums, counts = self.sums(x[None, :] if single else x)
        other_counts = (self.total_present - counts) if self.present is not None else float(y.shape[-1])
        with np.errstate(invalid="ignore", divide="ignore"):
            result = sums / counts - (self.total - sums) / other_counts
        return result[0] if single else result


def _batch(n: int, resamples: int) -> int:
    return max(1, min(resamples, BATCH_CELLS // max(n, 1)))


@dataclass(frozen=True)
class Summary:
    """One group: per measure the mean, the median, the 95% percentile-bootstrap interval of the
    mean (NaN when the group has fewer than two articles), and the bootstrap distribution of
    the mean (resamples x measures) that the pairwise intervals reuse."""

    n: int
    mean: np.ndarray
    median: np.ndarray
    low: np.ndarray
    high: np.ndarray
    distribution: np.ndarray | None


def summarize(values: np.ndarray, rng: np.random.Generator, resamples: int) -> Summary:
    """Mean, median and percentile-bootstrap CI of the mean for every column of `values`."""
    from scipy.stats import bootstrap

    n, measures = values.shape
    with np.errstate(invalid="ignore"), _quiet():
        mean = np.nanmean(values, axis=0) if n else np.full(measures, np.nan)
        median = np.nanmedian(values, axis=0) if n else np.full(measures, np.nan)
    if n < 2:
        nan = np.full(measures, np.nan)
        return Summary(n, mean, median, nan, nan, None)
    means = _Means(values)
    if n <= SCIPY_ARTICLES:
        with np.errstate(invalid="ignore"), _quiet():
            result = bootstrap(
                (np.arange(n),), lambda rows, axis: means(rows).T, vectorized=True, n_resamples=resamples,
                batch=_batch(n, resamples), method="percentile", confidence_level=CONFIDENCE, rng=rng,
            )
        distribution = np.asarray(result.bootstrap_distribution).T  # resamples x measures
    else:
        distribution = _bootstrap_means(means, rng, resamples)
    # scipy's percentile interval, but over the resamples where a measure has a value (a resample
    # may hold no article with a value for a sparse measure).
    low, high = _interval(distribution)
    return Summary(n, mean, median, low, high, distribution)


def _bootstrap_means(means: _Means, rng: np.random.Generator, resamples: int) -> np.ndarray:
    """resamples x measures bootstrap means: each resample draws n rows with replacement."""
    n = means.n
    out = np.empty((resamples, means.values.shape[1]))
    batch = _batch(n, resamples)
    for start in range(0, resamples, batch):
        size = min(batch, resamples - start)
        rows = rng.integers(0, n, size=(size, n), dtype=np.uint32)
        counts = np.empty((size, n))
        for j in range(size):
            counts[j] = np.bincount(rows[j], minlength=n)
        out[start:start + size] = means.from_counts(counts)
    return out


def _permutation_p(means: _Means, k: int, observed: np.ndarray, rng: np.random.Generator,
                   resamples: int) -> np.ndarray:
    """Two-sided p-values of a random permutation test of the difference in means between the
    first k rows and the rest, as scipy.stats.permutation_test computes them: (hits + 1) /
    (resamples + 1) on each side, twice the smaller, with scipy's tolerance for ties. Each
    permutation is drawn as the random subset of rows that takes the smaller group's place."""
    n = means.n
    sign = 1.0
    if k > n - k:  # draw the smaller side; the difference of the rest is the same with its sign turned
        k, sign = n - k, -1.0
    greater = np.zeros(len(observed))
    less = np.zeros(len(observed))
    tolerance = np.abs(observed) * np.finfo(float).eps * 100
    batch = _batch(n, resamples)
    for start in range(0, resamples, batch):
        size = min(batch, resamples - start)
        counts = np.zeros((size, n))
        for j in range(size):
            counts[j, rng.choice(n, k, replace=False, shuffle=False)] = 1.0
        null = np.round(sign * means.difference_from_counts(counts), TIE_DECIMALS)
        greater += np.sum(null >= observed - tolerance, axis=0)
        less += np.sum(null <= observed + tolerance, axis=0)
    return np.minimum(1.0, 2.0 * np.minimum((greater + 1) / (resamples + 1), (less + 1) / (resamples + 1)))


@dataclass(frozen=True)
class Difference:
    """a minus b for every measure: the difference in means, its 95% bootstrap interval, the
    permutation test's two-sided p-value, Cliff's delta, and the number of events a paired
    comparison rests on (None when unpaired)."""

    difference: np.ndarray
    low: np.ndarray
    high: np.ndarray
    p: np.ndarray
    effect: np.ndarray
    events: int | None = None
    floor: float = 0.0  # the smallest p-value this test can give


def floor(arrangements: float, resamples: int) -> float:
    """The smallest two-sided p-value of a permutation test: exact when the arrangements
    (permutations or sign flips) number at most `resamples`, as scipy then enumerates them."""
    return min(1.0, 2.0 / arrangements) if arrangements <= resamples else min(1.0, 2.0 / (resamples + 1))


def _interval(distribution: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    tail = (1 - CONFIDENCE) / 2 * 100
    with np.errstate(invalid="ignore"), _quiet():
        return (np.nanpercentile(distribution, tail, axis=0), np.nanpercentile(distribution, 100 - tail, axis=0))


def unpaired(a: np.ndarray, b: np.ndarray, summary_a: Summary, summary_b: Summary, rng: np.random.Generator,
             resamples: int) -> Difference:
    """Two independent groups of articles (rows of `a` and `b`). The interval is the percentile
    interval of the difference of the two groups' independent bootstrap means (their summaries'
    distributions, so no second bootstrap is drawn); the p-value is a permutation test of the
    difference in means, articles shuffled between the two groups."""
    from scipy.stats import permutation_test

    na, nb = len(a), len(b)
    difference = summary_a.mean - summary_b.mean
    nan = np.full(a.shape[1], np.nan)
    if summary_a.distribution is not None and summary_b.distribution is not None:
        low, high = _interval(summary_a.distribution - summary_b.distribution)
    else:
        low, high = nan, nan
    effect = cliffs_delta(a, b)
    if not na or not nb:
        return Difference(difference, low, high, nan, effect, None, 1.0)
    means = _Means(np.vstack([a, b]))
    # Splits of the pooled articles; past 64 in the smaller group there are more than any run resamples.
    arrangements = math.comb(na + nb, na) if min(na, nb) <= 64 else math.inf
    if na + nb <= SCIPY_ARTICLES or arrangements <= resamples:

        def statistic(x, y, axis):
            return np.round(means.difference(x, y), TIE_DECIMALS)

        with np.errstate(invalid="ignore"), _quiet():
            result = permutation_test((np.arange(na), np.arange(na, na + nb)), statistic, vectorized=True,
                                      n_resamples=resamples, batch=_batch(na + nb, resamples), rng=rng)
        p = np.asarray(result.pvalue, dtype=float)
    else:
        observed = np.round(means.difference(np.arange(na), np.arange(na, na + nb)), TIE_DECIMALS)
        p = _permutation_p(means, na, observed, rng, resamples)
    p = np.where(np.isnan(difference), np.nan, p)
    return Difference(difference, low, high, p, effect, None, floor(arrangements, resamples))


def paired(a: np.ndarray, b: np.ndarray, rng: np.random.Generator, resamples: int) -> Difference:
    """Two groups compared on the same events: row e of `a` and of `b` are the two groups' mean
    values on event e. The difference is the mean over events of a - b (per measure over the
    events where both have a value); the interval a percentile bootstrap over events (scipy's, as
    for a group); the p-value a permutation test that swaps the two groups within events, that
    is flips the sign of each event's difference (`sign_flip_test`); the effect Cliff's delta over
    events (the share of events where a is higher minus the share where b is)."""
    events, measures = a.shape
    d = a - b  # events x measures
    nan = np.full(measures, np.nan)
    with np.errstate(invalid="ignore"), _quiet():
        difference = np.nanmean(d, axis=0) if events else nan
        higher, lower = np.sum(d > 0, axis=0), np.sum(d < 0, axis=0)
        defined = np.sum(~np.isnan(d), axis=0)
        effect = np.where(defined > 0, (higher - lower) / np.maximum(defined, 1), np.nan)
    if events < 2:
        return Difference(difference, nan, nan, nan, effect, events, 1.0)
    summary = summarize(d, rng, resamples)
    p = sign_flip_test(d, rng, resamples)
    p = np.where(np.isnan(difference), np.nan, p)
    return Difference(difference, summary.low, summary.high, p, effect, events, floor(2 ** events, resamples))


def sign_flip_test(d: np.ndarray, rng: np.random.Generator, resamples: int) -> np.ndarray:
    """Two-sided p-values of the paired permutation test of mean(d) = 0 for every column of `d`
    (events x measures, NaN where an event has no value), as scipy.stats.permutation_test with
    permutation_type="samples" computes them: every sign pattern when there are at most
    `resamples` of them, else `resamples` random ones (p = (hits + 1) / (resamples + 1)), and
    the same tolerance for ties. scipy's own loop over the events is slow for thousands of
    events; here a batch of sign patterns is one matrix product for all measures."""
    events = d.shape[0]
    present = ~np.isnan(d)
    values = np.where(present, d, 0.0)
    count = present.sum(axis=0).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        observed = np.round(values.sum(axis=0) / count, TIE_DECIMALS)
    exact = 2 ** events <= resamples
    total = 2 ** events if exact else resamples
    greater = np.zeros(d.shape[1])
    less = np.zeros(d.shape[1])
    tolerance = np.abs(observed) * np.finfo(float).eps * 100  # scipy's tolerance for equal values
    batch = _batch(events, total)
    for start in range(0, total, batch):
        size = min(batch, total - start)
        if exact:
            codes = np.arange(start, start + size)[:, None]
            signs = 1.0 - 2.0 * ((codes >> np.arange(events)[None, :]) & 1)
        else:
            signs = 1.0 - 2.0 * rng.integers(0, 2, size=(size, events))
        with np.errstate(invalid="ignore", divide="ignore"):
            null = np.round((signs @ values) / count, TIE_DECIMALS)
        greater += np.sum(null >= observed - tolerance, axis=0)
        less += np.sum(null <= observed + tolerance, axis=0)
    adjustment = 0 if exact else 1
    p_greater = (greater + adjustment) / (total + adjustment)
    p_less = (less + adjustment) / (total + adjustment)
    return np.minimum(1.0, 2.0 * np.minimum(p_greater, p_less))


def cliffs_delta(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cliff's delta per column: P(a > b) - P(a < b) over all pairs of an article of `a` and one of
    `b` (from the Mann-Whitney U statistic; ties count half), NaN where a side has no values."""
    from scipy.stats import mannwhitneyu

    out = np.full(a.shape[1], np.nan)
    for column in range(a.shape[1]):
        x, y = a[:, column], b[:, column]
        x, y = x[~np.isnan(x)], y[~np.isnan(y)]
        if len(x) and len(y):
            u = mannwhitneyu(x, y, method="asymptotic", use_continuity=False).statistic
            out[column] = 2.0 * u / (len(x) * len(y)) - 1.0
    return out


def holm(p: np.ndarray) -> np.ndarray:
    """Holm's step-down adjustment (1979): the i-th smallest of m p-values times (m - i + 1),
    made non-decreasing, at most 1. NaN p-values are left out of m and stay NaN."""
    p = np.asarray(p, dtype=float)
    out = np.full(p.shape, np.nan)
    known = np.flatnonzero(~np.isnan(p))
    if not len(known):
        return out
    order = known[np.argsort(p[known], kind="stable")]
    m = len(order)
    scaled = p[order] * (m - np.arange(m))
    out[order] = np.minimum(np.maximum.accumulate(scaled), 1.0)
    return out


def benjamini_hochberg(p: np.ndarray) -> np.ndarray:
    """Benjamini and Hochberg's (1995) false-discovery-rate adjustment (scipy's), NaN left out."""
    from scipy.stats import false_discovery_control

    p = np.asarray(p, dtype=float)
    out = np.full(p.shape, np.nan)
    known = ~np.isnan(p)
    if known.any():
        out[known] = false_discovery_control(p[known], method="bh")
    return out


ADJUSTMENTS = {"holm": holm, "bh": benjamini_hochberg}


class _quiet:
    """Silences numpy's and scipy's warnings about empty slices and degenerate resamples: a
    measure no article of a group has is NaN, which is what the output says."""

    def __enter__(self):
        import warnings

        self._catch = warnings.catch_warnings()
        self._catch.__enter__()
        warnings.simplefilter("ignore")

    def __exit__(self, *exc):
        return self._catch.__exit__(*exc)
