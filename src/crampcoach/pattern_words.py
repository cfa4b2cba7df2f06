"""Diary patterns in words: each pattern's sentence (`pattern_words`) and the pattern report
as JSON data with those sentences (`pattern_report_data`), in one language, for the CLI and
the API."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crampcoach.i18n import N_, NP_, Translator

if TYPE_CHECKING:
    from crampcoach.core.patterns import Pattern, PatternReport


def pattern_report_data(report: PatternReport, t: Translator | None = None) -> dict[str, Any]:
    """The pattern report as JSON-ready data, each pattern with its sentence (`summary`) in
    `t`'s language (English without one)."""
    from dataclasses import asdict

    t = t or Translator()
    data = asdict(report)
    data["today"] = report.today.isoformat()
    for item, pattern in zip(data["patterns"], report.patterns, strict=True):
        item["summary"] = pattern_words(pattern, t)
    return data


# A pattern in one sentence: counts first, then the rate and its interval, then the verdict.
# Sessions or nights, as the pattern counts them.
_NO_DATA = {
    "session": N_("{what}: no sessions recorded yet."),
    "night": N_("{what}: no nights recorded yet."),
}
_COUNTS = {
    "session": NP_(
        "{what}: {cramps} of {total} session with a cramp ({rate}, {confidence} CI {low}-{high})",
        "{what}: {cramps} of {total} sessions with a cramp ({rate}, {confidence} CI {low}-{high})",
        "total",
    ),
    "night": NP_(
        "{what}: {cramps} of {total} night with a cramp ({rate}, {confidence} CI {low}-{high})",
        "{what}: {cramps} of {total} nights with a cramp ({rate}, {confidence} CI {low}-{high})",
        "total",
    ),
}
_AGAINST_REST = N_("{counts}, vs {cramps} of {total} otherwise ({rate})")
_VERDICTS = {
    "not_enough_data": N_("{counts}. Not enough data yet."),
    "higher": N_("{counts}: more cramps (rate ratio {ratio}, {confidence} CI {low}-{high})."),
    "lower": N_("{counts}: fewer cramps (rate ratio {ratio}, {confidence} CI {low}-{high})."),
    "no_clear_difference": N_(
        "{counts}: no clear difference (rate ratio {ratio}, {confidence} CI {low}-{high})."
    ),
}


def pattern_words(p: Pattern, t: Translator) -> str:
    """One sentence a person can read of a pattern; its condition and level are the data's."""
    from crampcoach.core.binomial import CONFIDENCE

    unit = "session" if p.unit == "session" else "night"
    what = f"{p.condition}: {p.level}" if p.level not in ("yes", "other") else p.condition
    if p.rate is None:
        return t(_NO_DATA[unit], what=what)
    confidence = f"{CONFIDENCE:.0%}"
    counts = t.plural(
        _COUNTS[unit],
        what=what,
        cramps=p.cramp_sessions,
        total=p.sessions,
        rate=f"{p.rate.value:.0%}",
        confidence=confidence,
        low=f"{p.rate.low:.0%}",
        high=f"{p.rate.high:.0%}",
    )
    if p.rest_rate is not None:
        counts = t(
            _AGAINST_REST,
            counts=counts,
            cramps=p.rest_cramp_sessions,
            total=p.rest_sessions,
            rate=f"{p.rest_rate.value:.0%}",
        )
    if p.status == "not_enough_data":
        return t(_VERDICTS[p.status], counts=counts)
    assert p.rate_ratio is not None
    ratio = p.rate_ratio
    return t(
        _VERDICTS[p.status],
        counts=counts,
        ratio=f"{ratio.value:.1f}",
        confidence=confidence,
        low=f"{ratio.low:.2f}",
        high=f"{ratio.high:.2f}",
    )
