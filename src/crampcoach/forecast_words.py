"""A plan's cramp forecast in words, for every face: the command line, the API's JSON
and the web page say the same sentences, in the run's language."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from crampcoach.core.forecast import Forecast, PersonalReason
from crampcoach.core.forecast_replay import Calibration
from crampcoach.core.plan import Plan
from crampcoach.i18n import N_, NP_, Translator
from crampcoach.knowledge.schema import EVIDENCE_NAME

BANDS = {"low": N_("low"), "moderate": N_("moderate"), "high": N_("high")}
HEADLINE = N_(
    "Your chance of a cramp in this session: {band}, about {probability} "
    "({confidence} interval {low}-{high})."
)
PERSONAL_BASIS = N_(
    "{cramps} of your {sessions} similar sessions had a cramp; studies of others and "
    "general advice give {prior} for a session like this."
)
NOT_ENOUGH = NP_(
    "Not enough data yet: your diary has {sessions} session like this one, and at least "
    "{needed} are needed. The figure leans on studies of others and general advice.",
    "Not enough data yet: your diary has {sessions} sessions like this one, and at least "
    "{needed} are needed. The figure leans on studies of others and general advice.",
    by="sessions",
)
NO_DIARY = N_(
    "Your diary has no sessions yet: the figure is from studies of others and general "
    "advice. Log your sessions and cramps and it becomes your own."
)
LEVEL = N_(
    "Over your diary you had a cramp in {cramps} of {sessions} sessions, where the figures "
    "for others expect about {expected}: your own level is {level:.1f} times theirs."
)
HISTORY = {
    "diary": N_("Cramps before: {answer}, from your diary."),
    "given": N_("Cramps before: {answer}, as you said."),
}
YES_NO = {True: N_("yes"), False: N_("no")}
REASON = N_(
    "You had a cramp in {cramps} of {sessions} sessions ({what}), against {rest_cramps} of "
    "{rest} otherwise. Factor: {factor} (evidence: {evidence})."
)
SHAPED = {
    "sodium": N_("This plan: about {mg} mg of sodium per hour."),
    "sodium_none": N_("This plan: drinks with sodium whenever you drink."),
    "pacing": N_("This plan: pacing for people who have cramped before."),
}
POPULATION = N_("From studies of others and general advice: {rules}.")
ODDS_CITED = N_("{factor} ×{ratio:g} [{sources}]")
ODDS_GENERAL = N_("{factor} ×{ratio:g} ({evidence})")


@dataclass(frozen=True)
class ForecastWords:
    """The forecast's sentences: the headline, what it rests on, and why."""

    headline: str
    basis: list[str]
    reasons: list[str]
    population: str | None


def _percent(value: float) -> str:
    return f"{value:.0%}"


def _reason(
    reason: PersonalReason, plan: Plan, labels: Mapping[str, str], t: Translator, said: set[str]
) -> str:
    """One reason in words; what it changes in the plan is said once (`said` so far)."""
    what = f"{reason.condition}: {reason.level}" if reason.level != "yes" else reason.condition
    words = t(
        REASON,
        cramps=reason.cramp_sessions,
        sessions=reason.sessions,
        what=what,
        rest_cramps=reason.rest_cramp_sessions,
        rest=reason.rest_sessions,
        factor=t(labels.get(reason.factor, reason.factor)),
        evidence=t(EVIDENCE_NAME[reason.evidence]),
    )
    if reason.shapes is None or reason.shapes in said:
        return words
    said.add(reason.shapes)
    if reason.shapes == "sodium":
        shaped = (
            t(SHAPED["sodium"], mg=plan.sodium_mg_per_h)
            if plan.sodium_mg_per_h
            else t(SHAPED["sodium_none"])
        )
        words = f"{words} {shaped}"
    elif reason.shapes == "pacing":
        words = f"{words} {t(SHAPED['pacing'])}"
    return words


def forecast_words(
    forecast: Forecast, plan: Plan, labels: Mapping[str, str], t: Translator
) -> ForecastWords:
    """The forecast of `plan` in `t`'s language; `labels` maps factor ids to their labels."""
    risk, confidence = forecast.risk, f"{forecast.interval:.0%}"
    headline = t(
        HEADLINE,
        band=t(BANDS[risk.band]),
        probability=_percent(risk.probability),
        confidence=confidence,
        low=_percent(risk.low),
        high=_percent(risk.high),
    )
    basis: list[str] = []
    if forecast.diary_sessions == 0:
        basis.append(t(NO_DIARY))
    elif forecast.enough_data:
        basis.append(
            t(
                PERSONAL_BASIS,
                cramps=forecast.similar_cramp_sessions,
                sessions=forecast.similar_sessions,
                prior=_percent(forecast.prior.probability),
            )
        )
    else:
        basis.append(
            t.plural(NOT_ENOUGH, sessions=forecast.similar_sessions, needed=forecast.min_similar)
        )
    if forecast.diary_sessions >= forecast.min_similar:
        basis.append(
            t(
                LEVEL,
                cramps=forecast.diary_cramp_sessions,
                sessions=forecast.diary_sessions,
                expected=f"{forecast.expected_cramp_sessions:.1f}",
                level=forecast.level,
            )
        )
    if forecast.history is not None and forecast.history_source in HISTORY:
        basis.append(t(HISTORY[forecast.history_source], answer=t(YES_NO[forecast.history])))
    odds = [
        t(
            ODDS_CITED,
            factor=t(labels.get(o.factor, o.factor)),
            ratio=o.ratio,
            sources=", ".join(o.sources),
        )
        if o.sources
        else t(
            ODDS_GENERAL,
            factor=t(labels.get(o.factor, o.factor)),
            ratio=o.ratio,
            evidence=t(EVIDENCE_NAME.get(o.evidence, o.evidence)),
        )
        for o in forecast.odds
    ]
    said: set[str] = set()
    return ForecastWords(
        headline=headline,
        basis=basis,
        reasons=[_reason(r, plan, labels, t, said) for r in forecast.personal],
        population=t(POPULATION, rules=t.join(odds)) if odds else None,
    )


# The forecast report: how the forecast made before each session did.
REPORT_WAITS = NP_(
    "Not enough forecasts yet: {forecasts} session with an outcome, and at least {needed} "
    "are needed to say how well the forecast does.",
    "Not enough forecasts yet: {forecasts} sessions with an outcome, and at least {needed} "
    "are needed to say how well the forecast does.",
    by="forecasts",
)
# Shown from calibration.min_forecasts (20) forecasts on: never one.
REPORT_SCORE = N_(
    "Before each of your last {forecasts} sessions ({cramps} with a cramp), the forecast "
    "from the sessions before it scored a Brier score of {brier:.3f}, against {prior:.3f} "
    "for the figures from studies of others alone (lower is better)."
)
REPORT_VERDICT = {
    True: N_("Your own record makes the forecast better than the population figures."),
    False: N_("So far your own record does not make the forecast better."),
}
REPORT_BIN = NP_(
    "Forecasts of {low}-{high}: {forecasts} session, {observed} of it with a cramp "
    "(forecast on average {mean}).",
    "Forecasts of {low}-{high}: {forecasts} sessions, {observed} of them with a cramp "
    "(forecast on average {mean}).",
    by="forecasts",
)


def report_words(report: Calibration, t: Translator) -> list[str]:
    """The forecast report in sentences: the scores, the verdict, the reliability table."""
    if not report.enough or report.brier is None or report.brier_prior is None:
        return [t.plural(REPORT_WAITS, forecasts=report.forecasts, needed=report.needed)]
    lines = [
        t(
            REPORT_SCORE,
            forecasts=report.forecasts,
            cramps=report.cramps,
            brier=report.brier,
            prior=report.brier_prior,
        ),
        t(REPORT_VERDICT[report.brier < report.brier_prior]),
    ]
    for b in report.bins:
        if b.forecasts and b.mean_forecast is not None and b.observed is not None:
            lines.append(
                t.plural(
                    REPORT_BIN,
                    low=_percent(b.low),
                    high=_percent(b.high),
                    forecasts=b.forecasts,
                    observed=_percent(b.observed),
                    mean=_percent(b.mean_forecast),
                )
            )
    return lines
