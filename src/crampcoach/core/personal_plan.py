"""A plan that knows the person: their diary answers the cramp history, their own
patterns shape the advice, and the plan carries their cramp forecast.

Pure: the plan's inputs, the diary's sessions and cramps, the time and time zone, and the
rules of plan.yaml, patterns.yaml and forecast.yaml in; a `Plan` with its `forecast` out.
The steps:

1. The cramp history is the diary's when it has sessions (`forecast.history_of`).
2. The plan is made; the person's clearly higher cramp rates (`patterns`) under conditions
   this session shares become reasons, and a reason whose factor shapes a part of the plan
   (forecast.yaml `shapes`) changes it: sodium for a session the general rule leaves
   without it (under the same caps).
3. The forecast is made for the plan as it now stands.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, tzinfo
from typing import Any

from crampcoach.core.forecast import forecast, personal_reasons
from crampcoach.core.forecast_inputs import PlannedSession, past_sessions
from crampcoach.core.forecast_person import record_of
from crampcoach.core.pattern_conditions import PatternRules, SessionFacts
from crampcoach.core.patterns import CrampFacts, find_patterns
from crampcoach.core.plan import Plan, PlanInputError, find_sport, make_plan
from crampcoach.knowledge.forecast_rules import ForecastRules
from crampcoach.knowledge.plan_rules import PlanRules
from crampcoach.knowledge.vocabulary import EvidenceGrade

PLANNED_ID = -1  # the planned session among the diary's, where patterns classify it


def personal_plan(
    sport: str,
    duration: object,
    temperature: object,
    *,
    sessions: Sequence[SessionFacts],
    cramps: Sequence[CrampFacts],
    now: datetime,
    tz: tzinfo,
    rules: PlanRules,
    pattern_rules: PatternRules,
    forecast_rules: ForecastRules,
    evidence: Mapping[str, EvidenceGrade],
    cramp_history: bool | None = None,
    **options: Any,
) -> Plan:
    """The plan for one session (as `core.plan.make_plan`), made for this person.

    `cramp_history` is what the person said (None: not said); the diary answers it when it
    holds sessions. `evidence` maps each factor id to its evidence grade. Raises
    PlanInputError naming the field, as `make_plan` does.
    """
    past = past_sessions(sessions, cramps, pattern_rules, plan_sport(rules))
    record = record_of(past, cramp_history, forecast_rules)
    history = record.history

    def plan_with(**changes: Any) -> Plan:
        merged = {**options, "cramp_history": bool(history), **changes}
        return make_plan(sport, duration, temperature, rules=rules, **merged)

    plan = plan_with()
    report = find_patterns(sessions, cramps, now.astimezone(tz).date(), tz, rules=pattern_rules)
    reasons = personal_reasons(
        _as_diary_session(plan, now),
        sessions,
        report,
        tz,
        pattern_rules,
        forecast_rules,
        evidence,
    )
    shapes = {r.shapes for r in reasons}
    if "sodium" in shapes and not plan.sodium.needed:
        plan = plan_with(personal_sodium=True)
    if "pacing" in shapes and not plan.session.cramp_history:
        plan = plan_with(cramp_history=True)
    session = plan.session
    planned = PlannedSession(
        sport=session.sport,
        duration_h=session.duration_h,
        intensity=session.intensity,
        air_c=session.temperature_c,
        feels_like_c=session.feels_like_c,
        water_c=session.water_temperature_c,
        sodium_planned=plan.sodium_mg_per_h > 0,
        warmup=True,  # every plan has a warm-up
        humidity_percent=session.humidity_percent,
    )
    personal = forecast(planned, record, forecast_rules, personal=reasons)
    return plan.model_copy(update={"forecast": personal})


def plan_sport(rules: PlanRules) -> Callable[[str], str]:
    """The plan's sport id of a diary's sport name ("trail running" is running); a sport
    the plan does not know keeps its name."""

    def sport_of(name: str) -> str:
        try:
            return find_sport(rules, name)
        except PlanInputError:
            return name

    return sport_of


def _as_diary_session(plan: Plan, now: datetime) -> SessionFacts:
    """The planned session as the diary would record it, for the patterns to classify."""
    s = plan.session
    return SessionFacts(
        id=PLANNED_ID,
        sport=s.sport,
        start=now,
        duration_s=s.duration_h * 3600.0,
        temperature_c=s.temperature_c,
        humidity_percent=s.humidity_percent,
        water_temperature_c=s.water_temperature_c,
        warmup=True,
        fluids_l=plan.fluid_ml_per_h * s.duration_h / 1000.0,
        sodium_mg=plan.sodium_mg_per_h * s.duration_h,
        effort=s.intensity,
    )
