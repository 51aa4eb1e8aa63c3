"""How sure a proportion is, and whether proportions differ between groups.

Generic helpers every analysis may use:

- :func:`wilson_interval`: the Wilson score interval of a proportion. It stays inside [0, 1]
  and keeps sensible coverage for small counts and rates near 0 or 1, where the normal
  ("Wald") interval does not; it is the interval the article reports (42 of 1,050 -> 2.97% to
  5.36%).
- :func:`compare_proportions`: one test of "do these groups have the same success rate?" on the
  k x 2 table (successes, failures) of k groups. Fisher's exact test for a 2 x 2 table with an
  expected count below 5; Pearson's chi-square test (no continuity correction) otherwise. For
  more than two groups with small expected counts the chi-square p-value is only approximate,
  and the result says so in ``note``.

Pure functions, no printing. Both tests are computed here with the standard library (the
chi-square tail in closed form, Fisher's sum of hypergeometric probabilities): importing
``scipy.stats`` for them cost 0.8 s of every ``netaudit report`` (issue 17), and
``tests/analyses/test_stats.py`` checks the p-values against scipy's.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from statistics import NormalDist

#: Cochran's rule: the chi-square approximation is trusted when every expected count is >= 5.
MIN_EXPECTED = 5.0


def wilson_interval(successes: int, trials: int, confidence: float = 0.95
                    ) -> tuple[float, float] | None:
    """Wilson score interval ``(low, high)`` of ``successes / trials``, as fractions.

    With ``p = x/n`` and ``z`` the two-sided normal quantile of ``confidence``::

        centre = (p + z²/2n) / (1 + z²/n)
        half   = z / (1 + z²/n) * sqrt(p(1-p)/n + z²/4n²)

    Returns None when ``trials`` is 0 (no proportion to bound).

    Examples
    --------
    >>> low, high = wilson_interval(42, 1050)
    >>> f"{low:.2%} to {high:.2%}"
    '2.97% to 5.36%'
    >>> wilson_interval(0, 10)[0]
    0.0
    >>> wilson_interval(0, 0) is None
    True
    """
    if trials < 0 or successes < 0 or successes > trials:
        raise ValueError(f"need 0 <= successes <= trials, got {successes} of {trials}")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence}")
    if trials == 0:
        return None
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    n = trials
    p = successes / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    # At 0 or n successes the bound is exactly 0 or 1; the formula leaves rounding noise.
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return low, high


class SignificanceTest(StrEnum):
    """The significance test :func:`compare_proportions` chose."""

    FISHER = "fisher"
    CHI_SQUARE = "chi-square"

    @property
    def label(self) -> str:
        """How the test is named to a reader."""
        return TEST_LABELS[self]


TEST_LABELS: dict[SignificanceTest, str] = {
    SignificanceTest.FISHER: "Fisher's exact test",
    SignificanceTest.CHI_SQUARE: "Pearson's chi-square test",
}


@dataclass(frozen=True)
class Comparison:
    """The outcome of :func:`compare_proportions`.

    ``statistic`` is the odds ratio for Fisher's test (infinite when a cell is 0; None in
    :meth:`to_dict`), the chi-square statistic otherwise. ``test`` and ``p_value`` are None
    when no test is possible (fewer than two groups with
    data, or every group at 0% or every group at 100%); ``note`` then says why. ``note`` also
    flags a chi-square p-value that is only approximate because of small expected counts.
    """

    test: SignificanceTest | None
    p_value: float | None
    statistic: float | None = None
    dof: int | None = None
    note: str = ""

    @property
    def meaning(self) -> str:
        """The result in one sentence for a reader who is not a statistician
        (:func:`plain_words`)."""
        return plain_words(self)

    def to_dict(self) -> dict[str, object]:
        # JSON has no infinity: Fisher's odds ratio is infinite when a cell is 0.
        finite = self.statistic is not None and math.isfinite(self.statistic)
        return {
            "test": self.test.value if self.test else None,
            "p_value": self.p_value,
            "statistic": self.statistic if finite else None,
            "dof": self.dof,
            "note": self.note,
            "meaning": self.meaning,
        }


#: A segment of fewer people than this has a rate too uncertain to read on its own: renderers
#: grey it out and say so (2 of 2 is "100%" with a 95% interval of 34%-100%).
SMALL_SEGMENT = 5

#: Below this p-value a difference is called real (the usual 5% level).
SIGNIFICANCE = 0.05


def plain_words(comparison: Comparison) -> str:
    """What a test's result means, in words: p < 0.05 is "a real difference ... (unlikely to
    be chance alone)"; otherwise "no clear difference ...", with "(too few people to tell)"
    when the test was approximate (expected counts below 5) or Fisher's exact test (chosen
    only for small counts), else "(gaps this size often come by chance)".

    Examples
    --------
    >>> plain_words(compare_proportions([1, 9], [10, 10]))
    'a real difference between these groups (unlikely to be chance alone)'
    >>> plain_words(compare_proportions([1, 2], [4, 3]))
    'no clear difference between these groups (too few people to tell)'
    >>> plain_words(compare_proportions([0, 0], [4, 3]))
    'no test: every group has the same rate (0%)'
    """
    if comparison.test is None or comparison.p_value is None:
        return comparison.note
    if comparison.p_value < SIGNIFICANCE:
        return "a real difference between these groups (unlikely to be chance alone)"
    if comparison.note or comparison.test is SignificanceTest.FISHER:
        return "no clear difference between these groups (too few people to tell)"
    return "no clear difference between these groups (gaps this size often come by chance)"


def compare_proportions(successes: Sequence[int], trials: Sequence[int]) -> Comparison:
    """Test whether groups share one success rate (k groups, k x 2 table).

    Groups with 0 trials are left out. With 2 groups and any expected count below 5:
    Fisher's exact test (two-sided). Otherwise Pearson's chi-square test without continuity
    correction, on k - 1 degrees of freedom.

    Examples
    --------
    >>> r = compare_proportions([1, 9], [10, 10])      # expected 5 per cell -> chi-square
    >>> r.test.value, r.statistic, round(r.p_value, 6)
    ('chi-square', 12.8, 0.000347)
    >>> r = compare_proportions([1, 4], [10, 10])      # expected 2.5 successes -> Fisher
    >>> r.test.value, round(r.p_value, 4)
    ('fisher', 0.3034)
    >>> compare_proportions([0, 0], [5, 7]).note
    'no test: every group has the same rate (0%)'
    """
    if len(successes) != len(trials):
        raise ValueError("successes and trials must have the same length")
    pairs = [(int(s), int(n)) for s, n in zip(successes, trials, strict=True) if n > 0]
    for s, n in pairs:
        if not 0 <= s <= n:
            raise ValueError(f"need 0 <= successes <= trials, got {s} of {n}")
    if len(pairs) < 2:
        return Comparison(None, None, note="no test: fewer than two groups with data")
    total_s = sum(s for s, _ in pairs)
    total_n = sum(n for _, n in pairs)
    if total_s == 0:
        return Comparison(None, None, note="no test: every group has the same rate (0%)")
    if total_s == total_n:
        return Comparison(None, None, note="no test: every group has the same rate (100%)")
    table = [[s, n - s] for s, n in pairs]
    expected = [
        [n * total_s / total_n, n * (total_n - total_s) / total_n] for _, n in pairs
    ]
    small = sum(1 for row in expected for e in row if e < MIN_EXPECTED)
    if len(pairs) == 2 and small:
        (a, b), (c, d) = table
        odds = a * d / (b * c) if b > 0 and c > 0 else math.inf
        return Comparison(SignificanceTest.FISHER, fisher_two_sided(a, b, c, d), odds, None)
    statistic = sum((observed - e) ** 2 / e
                    for row, expect in zip(table, expected, strict=True)
                    for observed, e in zip(row, expect, strict=True))
    dof = len(pairs) - 1
    note = ""
    if small:
        cells = 2 * len(pairs)
        note = (f"approximate: {small} of {cells} expected counts are below "
                f"{MIN_EXPECTED:g}")
    return Comparison(SignificanceTest.CHI_SQUARE, chi_square_sf(statistic, dof), statistic,
                      dof, note)


def chi_square_sf(x: float, dof: int) -> float:
    """P(X >= x) for X chi-square with ``dof`` (a positive integer) degrees of freedom.

    The upper regularized gamma function Q(dof/2, x/2) in closed form: with y = x/2,
    Q(1, y) = exp(-y) and Q(1/2, y) = erfc(sqrt(y)), then Q(s + 1, y) = Q(s, y) +
    y^s exp(-y) / Gamma(s + 1) up to s = dof/2.

    >>> round(chi_square_sf(3.841458820694124, 1), 6)   # the 95% point of chi-square(1)
    0.05
    >>> chi_square_sf(2.0, 2) == math.exp(-1.0)
    True
    """
    if dof < 1:
        raise ValueError(f"degrees of freedom must be a positive integer, got {dof}")
    if x <= 0:
        return 1.0
    y = x / 2.0
    if dof % 2:
        total, s = math.erfc(math.sqrt(y)), 0.5
    else:
        total, s = math.exp(-y), 1.0
    log_y = math.log(y)
    while s < dof / 2.0:
        total += math.exp(s * log_y - y - math.lgamma(s + 1.0))
        s += 1.0
    return min(1.0, total)


def fisher_two_sided(a: int, b: int, c: int, d: int) -> float:
    """Two-sided p-value of Fisher's exact test on the 2 x 2 table [[a, b], [c, d]].

    With the margins fixed, ``a`` is hypergeometric; the p-value sums the probability of
    every table no more likely than the one observed (a relative tolerance of 1e-7 keeps
    tables of equal probability together despite rounding, as R's ``fisher.test`` does).

    >>> round(fisher_two_sided(1, 3, 2, 1), 7)   # (1 + 12 + 4) / 35, see the tests
    0.4857143
    """
    row, col, total = a + b, a + c, a + b + c + d
    low, high = max(0, row + col - total), min(row, col)

    def log_p(k: int) -> float:
        return (math.lgamma(row + 1) - math.lgamma(k + 1) - math.lgamma(row - k + 1)
                + math.lgamma(total - row + 1) - math.lgamma(col - k + 1)
                - math.lgamma(total - row - col + k + 1)
                - math.lgamma(total + 1) + math.lgamma(col + 1) + math.lgamma(total - col + 1))

    observed = log_p(a) + math.log1p(1e-7)
    p = math.fsum(math.exp(lp) for k in range(low, high + 1) if (lp := log_p(k)) <= observed)
    return min(1.0, p)
