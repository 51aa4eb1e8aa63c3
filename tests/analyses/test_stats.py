"""Wilson intervals and the choice between Fisher's exact and the chi-square test, checked
against values computed by hand (the arithmetic is in the comments)."""

from __future__ import annotations

import math
import random

import pytest

from netaudit.analyses.stats import (
    TEST_LABELS,
    SignificanceTest,
    chi_square_sf,
    compare_proportions,
    fisher_two_sided,
    wilson_interval,
)

Z95 = 1.959963984540054  # two-sided 95% normal quantile


def _wilson_by_hand(x: int, n: int) -> tuple[float, float]:
    # The textbook formula written out once more, term by term, independently of the module.
    p = x / n
    a = p + Z95**2 / (2 * n)
    b = Z95 * math.sqrt(p * (1 - p) / n + Z95**2 / (4 * n**2))
    c = 1 + Z95**2 / n
    return (a - b) / c, (a + b) / c


def test_wilson_article_figure():
    # 42/1050: p = 0.04, z² = 3.841459; centre = (0.04 + 0.0018293) / 1.0036585 = 0.0416768;
    # half = 1.959964 * sqrt(3.657143e-5 + 8.7108e-7) / 1.0036585 = 0.0119494
    # -> 0.0297274 .. 0.0536261, the essay's 2.97% - 5.36%.
    low, high = wilson_interval(42, 1050)
    assert round(low * 100, 2) == 2.97
    assert round(high * 100, 2) == 5.36
    assert low == pytest.approx(0.0297274, abs=1e-7)
    assert high == pytest.approx(0.0536261, abs=1e-7)
    assert (low, high) == pytest.approx(_wilson_by_hand(42, 1050), rel=1e-12)


@pytest.mark.parametrize(("x", "n"), [(1, 3), (7, 20), (3, 3), (50, 100)])
def test_wilson_matches_the_formula(x, n):
    assert wilson_interval(x, n) == pytest.approx(_wilson_by_hand(x, n), rel=1e-12)


def test_wilson_ends_and_empty():
    # 0 of 10: low is exactly 0, high = z²/n / (1 + z²/n) = 0.384146 / 1.384146 = 0.277533.
    low, high = wilson_interval(0, 10)
    assert low == 0.0
    assert high == pytest.approx(0.277533, abs=1e-6)
    low, high = wilson_interval(10, 10)
    assert high == 1.0
    assert low == pytest.approx(1 - 0.277533, abs=1e-6)
    assert wilson_interval(0, 0) is None
    with pytest.raises(ValueError):
        wilson_interval(5, 4)


def test_wilson_other_confidence():
    # 90%: z = 1.6448536; 5/10: centre 0.5,
    # half = 1.6448536 * sqrt(0.025 + 0.0067639) / 1.2705544 = 0.2931532 / 1.2705544 = 0.2307282
    low, high = wilson_interval(5, 10, confidence=0.90)
    assert low == pytest.approx(0.5 - 0.2307282, abs=1e-6)
    assert high == pytest.approx(0.5 + 0.2307282, abs=1e-6)


def test_fisher_for_small_2x2():
    # [[1, 3], [2, 1]]: 1 of 4 vs 2 of 3; expected successes 4*3/7 = 1.71 < 5 -> Fisher.
    # Hypergeometric N=7, K=3, n=4: P(k) = C(4,k) C(3,3-k) / 35 = 1, 12, 18, 4 (/35) for k=0..3.
    # Observed k=1 (12/35); two-sided sums P <= 12/35: (1 + 12 + 4) / 35 = 0.4857143.
    result = compare_proportions([1, 2], [4, 3])
    assert result.test is SignificanceTest.FISHER
    assert result.p_value == pytest.approx(17 / 35, rel=1e-9)


def test_chi_square_when_expected_counts_are_large():
    # 10/50 vs 20/50: expected 15/35 per row; chi² = 2*(25/15 + 25/35) = 4.7619048, dof 1,
    # p = erfc(sqrt(chi²/2)) = erfc(1.5430335) = 0.0290963.
    result = compare_proportions([10, 20], [50, 50])
    assert result.test is SignificanceTest.CHI_SQUARE
    assert result.statistic == pytest.approx(100 / 21, rel=1e-9)
    assert result.dof == 1
    assert result.p_value == pytest.approx(math.erfc(math.sqrt(50 / 21)), rel=1e-9)
    assert result.note == ""


def test_chi_square_for_three_groups_says_when_approximate():
    # 1/3, 2/2, 0/1 (p = 1/2 overall): expected 1.5/1.5, 1/1, .5/.5;
    # chi² = .25/1.5*2 + 1/1*2 + .25/.5*2 = 3.3333333; dof 2 -> p = exp(-chi²/2) = 0.1888756.
    result = compare_proportions([1, 2, 0], [3, 2, 1])
    assert result.test is SignificanceTest.CHI_SQUARE
    assert result.dof == 2
    assert result.statistic == pytest.approx(10 / 3, rel=1e-9)
    assert result.p_value == pytest.approx(math.exp(-5 / 3), rel=1e-9)
    assert result.note == "approximate: 6 of 6 expected counts are below 5"


def test_no_test_without_variation_or_groups():
    assert compare_proportions([3], [10]).test is None
    assert compare_proportions([3, 0], [10, 0]).note == "no test: fewer than two groups with data"
    none = compare_proportions([0, 0], [4, 5])
    assert (none.test, none.p_value) == (None, None)
    assert compare_proportions([4, 5], [4, 5]).note == (
        "no test: every group has the same rate (100%)")


def test_infinite_odds_ratio_is_none_in_json():
    # [[1, 2], [0, 2]]: a zero cell makes Fisher's odds ratio infinite; JSON has no infinity.
    result = compare_proportions([1, 0], [3, 2])
    assert result.test is SignificanceTest.FISHER and math.isinf(result.statistic)
    assert result.to_dict()["statistic"] is None
    # P(k) for k = 0, 1 successes in the first group of 3 (N=5, K=1): 2/5, 3/5 -> two-sided 1.
    assert result.p_value == pytest.approx(1.0)


def test_every_test_has_a_label():
    for member in SignificanceTest:
        assert TEST_LABELS[member] == member.label
        assert member.label
    assert compare_proportions([1, 2], [4, 3]).to_dict()["test"] == "fisher"


def test_plain_words_beside_each_test_result():
    from netaudit.analyses.stats import plain_words

    # 1 of 10 vs 9 of 10: expected 5 per cell -> chi-square, p = 0.00035 < 0.05: real.
    assert plain_words(compare_proportions([1, 9], [10, 10])) == (
        "a real difference between these groups (unlikely to be chance alone)")
    # 1 of 4 vs 2 of 3: expected replies 4 * 3/7 = 1.7 < 5 -> Fisher, p = 0.486: too few.
    assert plain_words(compare_proportions([1, 2], [4, 3])) == (
        "no clear difference between these groups (too few people to tell)")
    # 40 of 100 vs 45 of 100: all expected counts >= 5 (42.5, 57.5) -> exact chi-square,
    # p = 0.47: no clear difference, and not for lack of people.
    assert plain_words(compare_proportions([40, 45], [100, 100])) == (
        "no clear difference between these groups (gaps this size often come by chance)")
    assert compare_proportions([1, 9], [10, 10]).to_dict()["meaning"].startswith("a real")


def test_chi_square_tail_for_an_odd_dof_beyond_one():
    # dof 3, x = 2: y = 1, Q(3/2, 1) = erfc(1) + 1^(1/2) e^-1 / Gamma(3/2)
    # = 0.1572992071 + 0.3678794412 / 0.8862269255 = 0.1572992071 + 0.4151074974 = 0.5724067045.
    assert chi_square_sf(2.0, 3) == pytest.approx(0.5724067045, rel=1e-9)
    # dof 4, x = 2: e^-1 (1 + 1) = 0.7357588823.
    assert chi_square_sf(2.0, 4) == pytest.approx(0.7357588823, rel=1e-9)
    assert chi_square_sf(0.0, 5) == 1.0


def test_fisher_counts_tables_as_likely_as_the_observed_one():
    # [[2, 2], [2, 2]]: N=8, K=4, n=4: P(k) = C(4,k)^2 / 70 = 1, 16, 36, 16, 1 (/70); the
    # observed k=2 is the most likely table, so every table counts: p = 70/70 = 1.
    assert fisher_two_sided(2, 2, 2, 2) == pytest.approx(1.0, rel=1e-12)
    # [[0, 4], [4, 0]]: P(k=0) = 1/70; as unlikely: k=4 (1/70): p = 2/70 = 0.0285714.
    assert fisher_two_sided(0, 4, 4, 0) == pytest.approx(2 / 70, rel=1e-9)


def test_p_values_agree_with_scipy_on_random_tables():
    # The two tests are computed without scipy (0.8 s of import per report, issue 17); scipy
    # is still installed (team uses scipy.sparse), so it checks them on 300 random tables.
    stats = pytest.importorskip("scipy.stats")
    rng = random.Random(17)
    for _ in range(300):
        groups = rng.choice([2, 2, 3, 5, 11])
        trials = [rng.randint(1, rng.choice([8, 60, 3000])) for _ in range(groups)]
        successes = [rng.randint(0, n) for n in trials]
        result = compare_proportions(successes, trials)
        if result.test is None:
            continue
        table = [[s, n - s] for s, n in zip(successes, trials, strict=True)]
        if result.test is SignificanceTest.FISHER:
            expected = stats.fisher_exact(table, alternative="two-sided")
            assert result.p_value == pytest.approx(float(expected.pvalue), rel=1e-6, abs=1e-12)
            assert result.statistic == pytest.approx(float(expected.statistic), rel=1e-12)
        else:
            expected = stats.chi2_contingency(table, correction=False)
            assert result.statistic == pytest.approx(float(expected.statistic), rel=1e-9)
            assert result.dof == int(expected.dof)
            assert result.p_value == pytest.approx(float(expected.pvalue), rel=1e-6, abs=1e-300)
