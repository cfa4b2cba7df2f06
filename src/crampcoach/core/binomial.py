"""Exact binomial intervals and rate ratios, in pure Python (no scipy needed)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

CONFIDENCE = 0.95
_NORMAL = NormalDist()


@dataclass(frozen=True)
class Interval:
    """A point estimate with its lower and upper bound."""

    value: float
    low: float
    high: float


def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction of the incomplete beta function (modified Lentz)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 1000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            break
    return h


def beta_cdf(x: float, a: float, b: float) -> float:
    """Regularized incomplete beta I_x(a, b) for a, b > 0."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(log_front) * _betacf(a, b, x) / a
    return 1.0 - math.exp(log_front) * _betacf(b, a, 1.0 - x) / b


def beta_ppf(q: float, a: float, b: float) -> float:
    """The x with I_x(a, b) = q: Newton steps on the cdf, kept inside a bisection bracket
    (the cdf is monotone), so it converges in a few steps and never leaves (0, 1)."""
    if q <= 0.0:
        return 0.0
    if q >= 1.0:
        return 1.0
    log_norm = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    low, high = 0.0, 1.0
    # Start from the normal approximation: for large a and b, Newton then needs few steps.
    mean = a / (a + b)
    sd = math.sqrt(a * b / ((a + b) ** 2 * (a + b + 1.0)))
    x = min(max(mean + _NORMAL.inv_cdf(q) * sd, 1e-9), 1.0 - 1e-9)
    for _ in range(100):
        error = beta_cdf(x, a, b) - q
        if error < 0:
            low = x
        else:
            high = x
        if error == 0.0 or high - low < 1e-15:
            break
        log_pdf = log_norm + (a - 1.0) * math.log(x) + (b - 1.0) * math.log1p(-x)
        pdf = math.exp(min(log_pdf, 700.0))
        if pdf == 0.0:  # a flat tail: bisect
            x = (low + high) / 2.0
            continue
        x_new = x - error / pdf
        if abs(x_new - x) < 1e-15 * x:
            break  # Newton has converged
        x = x_new if low < x_new < high else (low + high) / 2.0
    return x


def clopper_pearson(k: int, n: int, confidence: float = CONFIDENCE) -> Interval:
    """Exact (Clopper-Pearson) interval of a binomial proportion k/n; n must be > 0."""
    if n <= 0 or not 0 <= k <= n:
        raise ValueError(f"need 0 <= k <= n and n > 0, got k={k}, n={n}")
    alpha = 1.0 - confidence
    low = 0.0 if k == 0 else beta_ppf(alpha / 2.0, k, n - k + 1)
    high = 1.0 if k == n else beta_ppf(1.0 - alpha / 2.0, k + 1, n - k)
    return Interval(k / n, low, high)


def rate_ratio(k1: int, n1: int, k2: int, n2: int, confidence: float = CONFIDENCE) -> Interval:
    """Ratio of two proportions with Katz's log interval (0.5 added to cells if one is 0)."""
    a, b, c, d = float(k1), float(n1 - k1), float(k2), float(n2 - k2)
    if 0.0 in (a, b, c, d):
        a, b, c, d = a + 0.5, b + 0.5, c + 0.5, d + 0.5
    ratio = (a / (a + b)) / (c / (c + d))
    se = math.sqrt(1.0 / a - 1.0 / (a + b) + 1.0 / c - 1.0 / (c + d))
    z = _normal_quantile(1.0 - (1.0 - confidence) / 2.0)
    return Interval(ratio, ratio * math.exp(-z * se), ratio * math.exp(z * se))


def _normal_quantile(p: float) -> float:
    """Standard normal quantile."""
    return _NORMAL.inv_cdf(p)
