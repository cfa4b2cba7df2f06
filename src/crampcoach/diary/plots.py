"""Figures of the diary: cramps over time and the cramp rate by condition (PNG or SVG)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from crampcoach.core.forecast_replay import Calibration
from crampcoach.core.patterns import Pattern, PatternReport
from crampcoach.diary.records import Cramp
from crampcoach.errors import InputError
from crampcoach.i18n import N_

FORMATS = {".png": "png", ".svg": "svg"}
MAX_BARS = 15


def plot_format(path: Path) -> str:
    """The figure format from the file suffix; InputError unless .png or .svg."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(N_("--plot: {file} must end in .png or .svg"), file=path.name)
    return fmt


def _month(day: date) -> date:
    return day.replace(day=1)


def _cramps_over_time(ax: Any, cramps: Sequence[Cramp]) -> None:
    """Cramps per month, stacked: in sessions, at night, other."""
    kinds = ("in a session", "at night", "other")
    counts: dict[str, Counter[date]] = {k: Counter() for k in kinds}
    for c in cramps:
        kind = kinds[0] if c.session_id is not None else kinds[1] if c.at_night else kinds[2]
        counts[kind][_month(c.time.date())] += 1
    months = sorted({m for counter in counts.values() for m in counter})
    ax.set_title("Cramps per month")
    if not months:
        ax.text(0.5, 0.5, "No cramps recorded yet", ha="center", va="center")
        ax.set_axis_off()
        return
    labels = [m.strftime("%Y-%m") for m in months]
    bottom = [0] * len(months)
    for kind in kinds:
        if not counts[kind]:
            continue
        values = [counts[kind][m] for m in months]
        ax.bar(labels, values, bottom=bottom, label=kind)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_ylabel("cramps")
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts, not fractions
    ax.legend(loc="upper left", fontsize="small")
    if len(labels) > 6:
        ax.tick_params(axis="x", labelrotation=90 if len(labels) > 18 else 45, labelsize="small")


def _rates(ax: Any, patterns: Sequence[Pattern]) -> None:
    """Rate with its exact 95% interval for each condition level that has data."""
    shown = [p for p in patterns if p.rate is not None and p.status != "not_enough_data"]
    shown = shown[:MAX_BARS]
    ax.set_title("Share of sessions (or nights) with a cramp, 95% interval")
    if not shown:
        ax.text(0.5, 0.5, "Not enough data yet", ha="center", va="center")
        ax.set_axis_off()
        return
    labels = [f"{p.condition}: {p.level}" for p in shown]
    rates = [p.rate.value * 100 for p in shown if p.rate is not None]
    lows = [(p.rate.value - p.rate.low) * 100 for p in shown if p.rate is not None]
    highs = [(p.rate.high - p.rate.value) * 100 for p in shown if p.rate is not None]
    colors = ["tab:red" if p.status == "higher" else "tab:gray" for p in shown]
    y = list(range(len(shown)))
    ax.barh(y, rates, xerr=[lows, highs], color=colors, capsize=3)
    for i, p in enumerate(shown):
        if p.rest_rate is not None:
            ax.plot([p.rest_rate.value * 100], [i], marker="|", color="black", markersize=12)
    ax.set_yticks(y, labels, fontsize="small")
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("% with a cramp (black tick: the rest)")


def save_patterns_plot(path: Path, report: PatternReport, cramps: Sequence[Cramp]) -> Path:
    """Write cramps over time and rate by condition to `path` (.png or .svg)."""
    fmt = plot_format(path)
    from matplotlib.figure import Figure

    figure = Figure(figsize=(9, 10), layout="constrained")
    top, bottom = figure.subplots(2, 1, height_ratios=[1, 2])
    _cramps_over_time(top, cramps)
    _rates(bottom, report.patterns)
    return _save(figure, path, fmt)


def save_reliability_plot(path: Path, report: Calibration) -> Path:
    """Write the forecast's reliability plot to `path` (.png or .svg): in each bin of
    forecasts, the share of sessions that had a cramp against the mean forecast."""
    fmt = plot_format(path)
    from matplotlib.figure import Figure

    figure = Figure(figsize=(6, 6), layout="constrained")
    ax = figure.subplots()
    ax.plot([0, 1], [0, 1], linestyle="--", color="tab:gray", label="perfectly calibrated")
    shown = [
        (b.mean_forecast, b.observed, b.forecasts)
        for b in report.bins
        if b.mean_forecast is not None and b.observed is not None
    ]
    if shown:
        ax.scatter(
            [mean for mean, _, _ in shown],
            [observed for _, observed, _ in shown],
            s=[30 + 10 * n for _, _, n in shown],
            color="tab:red",
            label="your forecasts (dot size: how many)",
            zorder=3,
        )
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("forecast chance of a cramp")
    ax.set_ylabel("share of those sessions with a cramp")
    title = "Forecast reliability"
    if report.brier is not None and report.brier_prior is not None:
        title += f"\nBrier {report.brier:.3f} (population figure alone {report.brier_prior:.3f})"
    ax.set_title(title)
    ax.legend(loc="upper left", fontsize="small")
    return _save(figure, path, fmt)


def _save(figure: Any, path: Path, fmt: str) -> Path:
    """Write `figure` to `path`; InputError saying why it cannot be written."""
    try:
        figure.savefig(path, format=fmt)
    except OSError as exc:
        raise InputError(
            N_("--plot: cannot write {path}: {reason}"), path=path, reason=exc.strerror
        ) from exc
    return path
