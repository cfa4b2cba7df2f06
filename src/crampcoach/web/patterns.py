"""The diary's patterns in words and as a chart drawn in the page (accessible SVG).

Each condition is named in the person's language; its levels ("below 10 °C", "hard or
race") and the prevention lines are the core's English, like the CLI's (see
docs/architecture.md, "Where text is made"), shown as data (`translate="no"`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from crampcoach.diary_words import pattern_totals
from crampcoach.i18n import N_

if TYPE_CHECKING:
    from crampcoach.core.patterns import Pattern, PatternReport
    from crampcoach.web.pages import Page

CONDITIONS = {
    "duration": N_("Duration"),
    "intensity": N_("Effort"),
    "temperature": N_("Temperature"),
    "warm-up": N_("Warm-up"),
    "sport": N_("Sport"),
    "time of day": N_("Time of day"),
    "fluids": N_("Fluids"),
    "sodium": N_("Sodium"),
    "heat and sodium": N_("Heat and sodium"),
    "duration and heat": N_("Duration and heat"),
    "days since last hard session": N_("Days since the last hard session"),
    "night after a hard or long session": N_("The night after a hard or long session"),
}
VERDICT = {
    "higher": N_("more cramps"),
    "lower": N_("fewer cramps"),
    "no_clear_difference": N_("no clear difference"),
    "not_enough_data": N_("not enough data yet"),
}
COUNT = N_("{cramps} of {total} with a cramp ({rate}%, 95% interval {low}-{high}%)")
CAVEAT = N_(
    "These are associations in your own diary, not proof of cause: conditions overlap (long "
    "sessions are often hot), and with many comparisons some can look clear by chance."
)
RULE = N_(
    "A pattern counts only when both groups have at least {sessions} sessions (or nights) and "
    "at least {cramps} of them had a cramp; it is more or fewer only when the 95% interval of "
    "the rate ratio leaves out 1."
)
ROW = 46  # the chart's height per condition level, in its own units
WIDTH = 300


@dataclass(frozen=True)
class Row:
    condition: str
    level: str
    counts: str
    verdict: str
    status: str
    factor: str | None
    prevention: str
    y: int
    bar: float
    low: float
    high: float


def percent(value: float) -> int:
    return round(value * 100)


def rows_of(page: Page, patterns: list[Pattern]) -> list[Row]:
    t, kb = page.t, page.coach.kb
    rows: list[Row] = []
    for pattern in patterns:
        if pattern.rate is None:
            continue
        rate = pattern.rate
        label = CONDITIONS.get(pattern.condition)
        rows.append(
            Row(
                condition=t(label) if label else pattern.condition,
                level="" if pattern.level in ("yes", "other") else pattern.level,
                counts=t(
                    COUNT,
                    cramps=pattern.cramp_sessions,
                    total=pattern.sessions,
                    rate=percent(rate.value),
                    low=percent(rate.low),
                    high=percent(rate.high),
                ),
                verdict=t(VERDICT[pattern.status]),
                status=pattern.status,
                factor=t(kb.factors[pattern.factor_id].label)
                if pattern.factor_id in kb.factors
                else None,
                prevention=pattern.prevention,
                y=len(rows) * ROW,
                bar=round(rate.value * WIDTH, 1),
                low=round(rate.low * WIDTH, 1),
                high=round(rate.high * WIDTH, 1),
            )
        )
    return rows


def pattern_context(page: Page, report: PatternReport) -> dict[str, Any]:
    from crampcoach.core.patterns import MIN_CRAMP_SESSIONS, MIN_GROUP_SESSIONS

    rows = rows_of(page, report.patterns)
    return {
        "report": report,
        "totals": pattern_totals(
            report.sessions, report.session_cramps, report.night_cramps, page.t
        ),
        "rows": rows,
        "height": max(len(rows) * ROW, ROW),
        "width": WIDTH,
        "caveat": page.t(CAVEAT),
        "rule": page.t(RULE, sessions=MIN_GROUP_SESSIONS, cramps=MIN_CRAMP_SESSIONS),
    }
