"""framing.statistics: the resampling agrees with scipy's on plain values, intervals narrow with
more articles, adjusted p-values match a hand computation, paired tests use the pairing."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from framing import statistics


def test_bootstrap_interval_is_scipys_on_the_values():
    """Handing scipy row numbers and taking means by counts gives scipy's own interval on the values."""
    values = np.random.default_rng(3).gamma(2.0, 3.0, size=(57, 1))
    ours = statistics.summarize(values, np.random.default_rng(11), 999)
    theirs = stats.bootstrap((values[:, 0],), np.mean, n_resamples=999, method="percentile",
                             rng=np.random.default_rng(11)).confidence_interval
    assert ours.low[0] == pytest.approx(theirs.low, rel=1e-9)
    assert ours.high[0] == pytest.approx(theirs.high, rel=1e-9)
    assert ours.mean[0] == pytest.approx(values.mean()) and ours.median[0] == pytest.approx(np.median(values))


def test_permutation_p_is_scipys_on_the_values():
    rng = np.random.default_rng(5)
    a, b = rng.normal(1.0, 1.0, (30, 1)), rng.normal(0.4, 1.0, (25, 1))
    sa = statistics.summarize(a, np.random.default_rng(1), 500)
    sb = statistics.summarize(b, np.random.default_rng(2), 500)
    ours = statistics.unpaired(a, b, sa, sb, np.random.default_rng(9), 999)
    theirs = stats.permutation_test((a[:, 0], b[:, 0]), lambda x, y, axis: x.mean(axis) - y.mean(axis),
                                    vectorized=True, n_resamples=999, rng=np.random.default_rng(9))
    assert ours.p[0] == pytest.approx(theirs.pvalue)
    assert ours.difference[0] == pytest.approx(a.mean() - b.mean())


def test_intervals_narrow_as_articles_are_added():
    rng = np.random.default_rng(0)
    population = rng.gamma(2.0, 5.0, size=(4000, 2))
    widths = []
    for n in (10, 40, 160, 640):
        summary = statistics.summarize(population[:n], statistics.generator(0, "g"), 2000)
        widths.append(summary.high - summary.low)
    widths = np.array(widths)
    assert (np.diff(widths, axis=0) < 0).all()  # narrower at every step, for both measures
    assert (widths[-1] < widths[0] / 3).all()  # about 1/sqrt(n): 64 times the articles, near an eighth


def test_missing_values_are_left_out_of_their_measure_only():
    values = np.array([[1.0, np.nan], [3.0, 0.5], [5.0, np.nan], [7.0, 0.25]])
    summary = statistics.summarize(values, np.random.default_rng(0), 500)
    assert summary.mean.tolist() == [4.0, 0.375]
    assert summary.low[1] >= 0.25 and summary.high[1] <= 0.5  # means of the two values only


def test_a_single_article_has_no_interval():
    summary = statistics.summarize(np.array([[2.0, 3.0]]), np.random.default_rng(0), 500)
    assert summary.mean.tolist() == [2.0, 3.0] and np.isnan(summary.low).all() and summary.distribution is None


def test_holm_and_bh_match_a_hand_computation():
    p = np.array([0.01, 0.04, 0.03, 0.005, np.nan])
    # Holm: sorted 0.005, 0.01, 0.03, 0.04 times 4, 3, 2, 1 -> 0.02, 0.03, 0.06, 0.04 -> running max 0.02, 0.03, 0.06, 0.06
    assert statistics.holm(p)[:4].tolist() == pytest.approx([0.03, 0.06, 0.06, 0.02])
    # BH: sorted p times m/rank -> 0.02, 0.02, 0.04, 0.04 -> running min from the top 0.02, 0.02, 0.04, 0.04
    assert statistics.benjamini_hochberg(p)[:4].tolist() == pytest.approx([0.02, 0.04, 0.04, 0.02])
    assert np.isnan(statistics.holm(p)[4]) and np.isnan(statistics.benjamini_hochberg(p)[4])
    assert statistics.holm(np.array([0.6, 0.5])).tolist() == [1.0, 1.0]  # capped at 1


def test_paired_test_sees_a_difference_the_unpaired_one_misses():
    """Events vary far more than outlets do: a small, consistent outlet difference on each event is
    clear when compared within events and lost among events when not."""
    rng = np.random.default_rng(2)
    events = rng.normal(20.0, 8.0, size=(40, 1))  # how loaded each story is
    a = events + 1.0 + rng.normal(0, 0.3, (40, 1))
    b = events + rng.normal(0, 0.3, (40, 1))
    paired = statistics.paired(a, b, np.random.default_rng(0), 2000)
    sa = statistics.summarize(a, np.random.default_rng(1), 2000)
    sb = statistics.summarize(b, np.random.default_rng(2), 2000)
    unpaired = statistics.unpaired(a, b, sa, sb, np.random.default_rng(3), 2000)
    assert paired.events == 40 and unpaired.events is None
    assert paired.p[0] < 0.001 < 0.3 < unpaired.p[0]
    assert paired.low[0] > 0 and unpaired.low[0] < 0
    assert paired.effect[0] > 0.8  # a is higher on nearly every event
    assert paired.difference[0] == pytest.approx(unpaired.difference[0])


def test_cliffs_delta():
    a = np.array([[1.0], [2.0], [3.0]])
    b = np.array([[0.0], [2.0]])
    # pairs (a, b): 1>0, 1<2, 2>0, 2=2, 3>0, 3>2 -> (4 - 1) / 6
    assert statistics.cliffs_delta(a, b)[0] == pytest.approx(3 / 6)
    assert statistics.cliffs_delta(b, a)[0] == pytest.approx(-3 / 6)


def test_exact_tests_say_how_low_they_can_go():
    assert statistics.floor(2 ** 6, 2000) == pytest.approx(2 / 64)  # six events: 64 sign patterns, enumerated
    assert statistics.floor(1e9, 2000) == pytest.approx(2 / 2001)


def test_streams_depend_on_the_seed_and_the_name():
    one = statistics.generator(0, "group", "A").random(3)
    assert (one == statistics.generator(0, "group", "A").random(3)).all()
    assert (one != statistics.generator(1, "group", "A").random(3)).all()
    assert (one != statistics.generator(0, "group", "B").random(3)).all()


def test_sign_flip_test_is_scipys_paired_permutation_test():
    rng = np.random.default_rng(8)
    d = rng.normal(0.6, 1.0, size=(9, 2))  # 512 sign patterns: both enumerate them all
    ours = statistics.sign_flip_test(d, np.random.default_rng(0), 2000)
    for column in range(2):
        theirs = stats.permutation_test((d[:, column],), np.mean, permutation_type="samples", n_resamples=2000,
                                        rng=np.random.default_rng(0)).pvalue
        assert ours[column] == pytest.approx(theirs)
    # Random sign patterns: the same test, up to resampling noise.
    d = rng.normal(0.3, 1.0, size=(40, 1))
    ours = statistics.sign_flip_test(d, np.random.default_rng(1), 4000)[0]
    theirs = stats.permutation_test((d[:, 0],), np.mean, permutation_type="samples", n_resamples=4000,
                                    rng=np.random.default_rng(2)).pvalue
    assert abs(ours - theirs) < 0.03


def test_large_groups_resample_as_scipy_does(monkeypatch):
    """Above SCIPY_ARTICLES the resampling is framing's own: the same interval and p-value as
    scipy's up to resampling noise."""
    rng = np.random.default_rng(4)
    a, b = rng.gamma(2.0, 3.0, (300, 2)), rng.gamma(2.0, 3.3, (280, 2))
    a[::7, 1] = np.nan
    reference = [statistics.summarize(a, np.random.default_rng(1), 4000),
                 statistics.summarize(b, np.random.default_rng(2), 4000)]
    scipy_p = statistics.unpaired(a, b, *reference, np.random.default_rng(3), 4000).p
    monkeypatch.setattr(statistics, "SCIPY_ARTICLES", 10)
    own = [statistics.summarize(a, np.random.default_rng(5), 4000),
           statistics.summarize(b, np.random.default_rng(6), 4000)]
    own_p = statistics.unpaired(a, b, *own, np.random.default_rng(7), 4000).p
    for ours, theirs in zip(own, reference):
        width = theirs.high - theirs.low
        assert np.abs(ours.low - theirs.low).max() < 0.1 * width.max()
        assert np.abs(ours.high - theirs.high).max() < 0.1 * width.max()
        assert (ours.mean == theirs.mean).all()
    assert np.abs(own_p - scipy_p).max() < 0.06  # about four standard errors of two p estimates
