"""The geometry of the plan page's two forecast pictures, drawn as inline SVG by the
template: a gauge (the chance, its interval and the three bands on one bar) and the
similar sessions on a small chart (air temperature across, duration up; a filled dot
had a cramp, its size how alike it is; a cross marks the planned session)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from crampcoach.core.forecast import Forecast
from crampcoach.core.forecast_replay import Calibration
from crampcoach.core.plan import PlanSession

GAUGE_WIDTH = 300
CHART_WIDTH, CHART_HEIGHT = 300, 160
PAD = 30  # room for the axis labels, left and below
MAX_DOT_RADIUS = 7


@dataclass(frozen=True)
class Gauge:
    width: int
    bands: list[tuple[str, float, float]]  # band, x from, x to
    marker: float
    low: float
    high: float


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    r: float
    cramped: bool
    label: str


@dataclass(frozen=True)
class Scatter:
    width: int
    height: int
    dots: list[Dot]
    planned: tuple[float, float]
    x_ticks: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]


def gauge(forecast: Forecast) -> Gauge:
    """The bar from 0 to 100%: the bands, the forecast and its interval, in pixels."""
    moderate, high = forecast.band_edges
    x = [0.0, moderate * GAUGE_WIDTH, high * GAUGE_WIDTH, float(GAUGE_WIDTH)]
    risk = forecast.risk
    return Gauge(
        width=GAUGE_WIDTH,
        bands=[("low", x[0], x[1]), ("moderate", x[1], x[2]), ("high", x[2], x[3])],
        marker=risk.probability * GAUGE_WIDTH,
        low=risk.low * GAUGE_WIDTH,
        high=risk.high * GAUGE_WIDTH,
    )


def _ticks(low: float, high: float, step: float) -> list[float]:
    first = math.ceil(low / step) * step
    return [first + i * step for i in range(int((high - first) / step) + 1)]


def scatter(forecast: Forecast, session: PlanSession) -> Scatter | None:
    """The similar sessions with a known temperature, around the planned one; None when
    there are none to draw, or the planned session's air temperature is not known (a swim
    planned by the water alone has no place on the air's axis)."""
    shown = [s for s in forecast.similar if s.temperature_c is not None]
    planned_c = session.temperature_c
    if not shown or planned_c is None:
        return None
    temps = [s.temperature_c for s in shown if s.temperature_c is not None]
    temps.append(planned_c)
    hours = [s.duration_h for s in shown] + [session.duration_h]
    t_low, t_high = min(temps) - 2, max(temps) + 2
    h_low, h_high = 0.0, max(hours) * 1.15
    inner_w, inner_h = CHART_WIDTH - PAD, CHART_HEIGHT - PAD

    def x(temp: float) -> float:
        return PAD + (temp - t_low) / (t_high - t_low) * inner_w

    def y(h: float) -> float:
        return inner_h - (h - h_low) / (h_high - h_low) * inner_h

    dots = [
        Dot(
            x=x(s.temperature_c),
            y=y(s.duration_h),
            r=2 + (MAX_DOT_RADIUS - 2) * s.weight,
            cramped=s.cramped,
            label=f"{s.start.date().isoformat()} · {s.temperature_c:g} °C · {s.duration_h:.1f} h",
        )
        for s in shown
        if s.temperature_c is not None
    ]
    t_step = 5.0 if t_high - t_low <= 30 else 10.0
    h_step = 0.5 if h_high <= 3 else 1.0
    return Scatter(
        width=CHART_WIDTH,
        height=CHART_HEIGHT,
        dots=dots,
        planned=(x(planned_c), y(session.duration_h)),
        x_ticks=[(x(v), f"{v:g} °C") for v in _ticks(t_low, t_high, t_step)],
        y_ticks=[(y(v), f"{v:g} h") for v in _ticks(h_low, h_high, h_step) if v > 0],
    )


RELIABILITY_SIZE = 240


@dataclass(frozen=True)
class Reliability:
    size: int
    pad: int
    dots: list[Dot]
    ticks: list[tuple[float, str]]


def reliability(report: Calibration) -> Reliability:
    """The reliability plot: each bin's mean forecast across, its share with a cramp up."""
    inner = RELIABILITY_SIZE - PAD

    def x(share: float) -> float:
        return PAD + share * inner

    def y(share: float) -> float:
        return inner - share * inner

    most = max((b.forecasts for b in report.bins), default=1) or 1
    dots = [
        Dot(
            x=x(b.mean_forecast),
            y=y(b.observed),
            r=3 + (MAX_DOT_RADIUS - 1) * b.forecasts / most,
            cramped=True,
            label=f"{b.mean_forecast:.0%} → {b.observed:.0%} ({b.forecasts})",
        )
        for b in report.bins
        if b.mean_forecast is not None and b.observed is not None
    ]
    return Reliability(
        size=RELIABILITY_SIZE,
        pad=PAD,
        dots=dots,
        ticks=[(x(v), f"{v:.0%}") for v in (0.0, 0.5, 1.0)],
    )
