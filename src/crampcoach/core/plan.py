"""A prevention plan for one session: warm-up, cold and heat, pacing, fluid, sodium, first aid.

Pure: values in, values out. Every figure comes from knowledge/data/plan.yaml with its
sources; every item carries its reason and evidence. Two guarantees hold for any valid
input (tested as properties): the fluid per hour is never above the sweat rate (the low end
of the estimate when it is not measured) nor above the absolute cap, and the sodium per hour
is never above its cap nor above the sodium lost in sweat.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from crampcoach.core.advice import NOT_MEDICAL_ADVICE, Disclaimed, PlanItem, render
from crampcoach.core.forecast import Forecast
from crampcoach.core.hydration import (
    FluidPlan,
    SodiumPlan,
    SweatEstimate,
    estimate_sweat_rate,
    plan_fluid,
    plan_sodium,
)
from crampcoach.core.plan_inputs import (
    PlanInputError,
    check_bounds,
    check_range,
    feels_like_c,
    read_quantity,
    round_half_up,
)
from crampcoach.core.sweat import SweatRateResult, sweat_rate, sweat_sodium
from crampcoach.i18n import N_
from crampcoach.knowledge.plan_rules import (
    PlanRules,
    SportRule,
    SweatCategory,
)
from crampcoach.knowledge.sports import sport_key, sport_name
from crampcoach.knowledge.vocabulary import Intensity, MuscleId
from crampcoach.message import Message

__all__ = [
    "NOT_MEDICAL_ADVICE",
    "CrampResponse",
    "FluidPlan",
    "Plan",
    "PlanInputError",
    "PlanItem",
    "PlanSession",
    "SodiumPlan",
    "SweatEstimate",
    "SweatRateResult",
    "Warmup",
    "make_plan",
    "sweat_rate",
]

MUSCLE_WORDS: dict[str, str] = {
    "calf": N_("calves"),
    "hamstring": N_("hamstrings"),
    "quadriceps": N_("quadriceps (front of the thighs)"),
    "foot": N_("feet"),
    "other": N_("working muscles"),
}
AND = N_("{most} and {last}")  # "calves, hamstrings and feet"
COMMA = N_("{most}, {last}")
HEAT_INDEX_BASIS = N_("heat index, from temperature and humidity")
AIR_BASIS = N_("air temperature; humid air feels hotter")


def _listed(words: list[str]) -> Message:
    """The message of a list in words: "a", "a and b", "a, b and c"."""
    if len(words) == 1:
        return Message(words[0])
    most = Message(words[0])
    for word in words[1:-1]:
        most = Message(COMMA, {"most": most, "last": Message(word)})
    return Message(AND, {"most": most, "last": Message(words[-1])})


class PlanSession(BaseModel):
    """The planned session as understood, in SI-style units."""

    sport: str
    sport_label: str
    duration_h: float
    temperature_c: float | None  # None: not given (a swim needs only the water's)
    humidity_percent: float | None
    feels_like_c: float | None
    water_temperature_c: float | None
    intensity: Intensity
    body_mass_kg: float | None
    cramp_history: bool


class Warmup(BaseModel):
    minutes_low: int
    minutes_high: int
    muscles: list[MuscleId]
    cold: bool
    items: list[PlanItem]


class CrampResponse(BaseModel):
    land: list[PlanItem]
    water: list[PlanItem]


class Plan(Disclaimed):
    """The whole plan; `fluid_ml_per_h` and `sodium_mg_per_h` repeat the headline figures.

    `forecast` is this person's chance of a cramp in the session, from their diary
    (`core.personal_plan`); None for a plan made without one."""

    session: PlanSession
    warmup: Warmup
    conditions: list[PlanItem]
    pacing: list[PlanItem]
    fluid_ml_per_h: int
    fluid: FluidPlan
    sodium_mg_per_h: int
    sodium: SodiumPlan
    if_cramp: CrampResponse
    forecast: Forecast | None = None


def find_sport(rules: PlanRules, sport: str) -> str:
    """The sport id for a name or alias ("run", "Open water"); PlanInputError if unknown."""
    name = sport_name(str(sport))
    for sport_id, rule in rules.sports.items():
        names = {sport_id, sport_key(rule.label), *(sport_name(alias) for alias in rule.aliases)}
        if name in names:
            return sport_id
    choices = ", ".join(rules.sports)
    raise PlanInputError(
        "sport",
        N_("unknown sport {value!r}; choose one of: {choices}"),
        value=sport,
        choices=choices,
    )


def make_plan(
    sport: str,
    duration: object,
    temperature: object | None,
    *,
    humidity: object | None = None,
    water_temperature: object | None = None,
    intensity: Intensity | str = "usual",
    sweat_rate: object | None = None,
    body_mass: object | None = None,
    cramp_history: bool = False,
    sodium: object | None = None,
    sweat: SweatCategory | str | None = None,
    personal_sodium: bool = False,
    rules: PlanRules,
) -> Plan:
    """Plan one session from its sport, duration and conditions.

    Quantities are numbers or strings with units: duration (hours, or "3h", "90min"),
    temperature (the air's) and water_temperature (°C, or "86F"), humidity (%), sweat_rate (L/h),
    body_mass (kg, or "154lb"), sodium (measured sweat sodium, mg/L or "40mmol/L"); sweat
    is a sodium category (low, typical, high); `personal_sodium` gives sodium where the
    person's own diary links their cramps to sessions without it, even when the general
    rule would not; `rules` are plan.yaml's. The air temperature may be None for a sport
    only in the water, where it says little about sweating: the plan then says it was not
    given. Raises PlanInputError naming the field.
    """
    session, sport_rule = _session(
        rules,
        sport,
        duration,
        temperature,
        humidity,
        water_temperature,
        intensity,
        body_mass,
        cramp_history,
    )
    measured = None
    if sweat_rate is not None:
        measured = read_quantity("sweat_rate", sweat_rate, "rate")
        if measured <= 0:
            raise PlanInputError(
                "sweat_rate",
                N_("must be more than zero (got {value:g} {unit})"),
                value=measured,
                unit="L/h",
            )
        limit = rules.numbers.max_plausible_sweat_rate_l_per_h.v
        check_bounds("sweat_rate", measured, 0, limit, "L/h")
    concentration, basis, _ = sweat_sodium(rules, sodium, sweat)
    if concentration is None:
        concentration, basis = rules.sweat_categories["typical"].mg_per_l, "assumed_typical"
    assert basis is not None

    estimate = estimate_sweat_rate(
        rules,
        sport_rule,
        session.intensity,
        session.feels_like_c,
        measured,
        in_water=sport_rule.only_in_water,
    )
    fluid = plan_fluid(rules, session.duration_h, session.body_mass_kg, sport_rule, estimate)
    sodium_plan = plan_sodium(
        rules, session.duration_h, fluid, concentration, basis, personal_sodium
    )
    return Plan(
        session=session,
        warmup=_warmup(rules, session, sport_rule),
        conditions=_conditions(rules, session, sport_rule),
        pacing=_pacing(rules, session),
        fluid_ml_per_h=fluid.ml_per_h,
        fluid=fluid,
        sodium_mg_per_h=sodium_plan.mg_per_h,
        sodium=sodium_plan,
        if_cramp=_if_cramp(rules, session, sport_rule),
    )


def _session(
    rules: PlanRules,
    sport: str,
    duration: object,
    temperature: object | None,
    humidity: object | None,
    water_temperature: object | None,
    intensity: str,
    body_mass: object | None,
    cramp_history: bool,
) -> tuple[PlanSession, SportRule]:
    sport_id = find_sport(rules, sport)
    rule = rules.sports[sport_id]
    hours = read_quantity("duration", duration, "duration")
    if hours <= 0:
        raise PlanInputError(
            "duration", N_("must be more than zero (got {value:g} {unit})"), value=hours, unit="h"
        )
    check_range("duration", hours, rules.ranges.duration_h)
    air = None
    if temperature is not None:
        air = read_quantity("temperature", temperature, "temperature")
        check_range("temperature", air, rules.ranges.air_temperature_c)
    elif not rule.only_in_water:
        raise PlanInputError(
            "temperature",
            N_("give the air temperature for {sport}, e.g. 20C"),
            sport=Message(rule.label),
        )
    rh = None
    if humidity is not None:
        rh = check_bounds("humidity", read_quantity("humidity", humidity, "percent"), 0, 100, "%")
    water = None
    if water_temperature is not None:
        water = read_quantity("water_temperature", water_temperature, "temperature")
        check_range("water_temperature", water, rules.ranges.water_temperature_c)
    level = str(intensity).strip().lower()
    if level not in ("easy", "usual", "hard", "race"):
        raise PlanInputError(
            "intensity", N_("choose easy, usual, hard or race (got {value!r})"), value=intensity
        )
    mass = None
    if body_mass is not None:
        mass = check_range(
            "body_mass", read_quantity("body_mass", body_mass, "mass"), rules.ranges.body_mass_kg
        )
    feels = feels_like_c(air, rh)
    if feels is not None:
        feels = round_half_up(feels, 1)
    session = PlanSession(
        sport=sport_id,
        sport_label=rule.label,
        duration_h=round_half_up(hours, 3),
        temperature_c=round_half_up(air, 1) if air is not None else None,
        humidity_percent=round_half_up(rh, 0) if rh is not None else None,
        feels_like_c=feels,
        water_temperature_c=round_half_up(water, 1) if water is not None else None,
        intensity=level,  # type: ignore[arg-type]
        body_mass_kg=round_half_up(mass, 1) if mass is not None else None,
        cramp_history=bool(cramp_history),
    )
    return session, rule


def _warmup(rules: PlanRules, session: PlanSession, sport: SportRule) -> Warmup:
    n = rules.numbers
    water, air = session.water_temperature_c, session.temperature_c
    cold = (air is not None and air < n.cold_air_c.v) or (
        sport.in_water and water is not None and water < n.cold_water_c.v
    )
    minutes = n.cold_warmup_minutes if cold else n.warmup_minutes
    low, high = int(minutes.low or minutes.v), int(minutes.high or minutes.v)
    muscles = _listed([MUSCLE_WORDS[m] for m in sport.muscles])
    values = {"minutes": f"{low}-{high}", "sport": Message(sport.label), "muscles": muscles}
    items = [render("warmup", rules.advice["warmup"], values)]
    if cold:
        items.append(render("warmup_cold", rules.advice["warmup_cold"], values))
    items.append(
        render("stretching_not_prevention", rules.advice["stretching_not_prevention"], values)
    )
    return Warmup(
        minutes_low=low, minutes_high=high, muscles=list(sport.muscles), cold=cold, items=items
    )


def _conditions(rules: PlanRules, session: PlanSession, sport: SportRule) -> list[PlanItem]:
    n = rules.numbers
    advice = rules.advice
    water, air, feels = session.water_temperature_c, session.temperature_c, session.feels_like_c
    values: dict[str, Any] = {
        "water_c": f"{water:g}" if water is not None else "",
        "temperature_c": f"{air:g}" if air is not None else "",
        "feels_c": f"{feels:.0f}" if feels is not None else "",
        "feels_basis": Message(
            HEAT_INDEX_BASIS if session.humidity_percent is not None else AIR_BASIS
        ),
    }
    items: list[PlanItem] = []
    if air is None:
        items.append(render("air_unknown", advice["air_unknown"], values))
    if sport.in_water and water is None:
        items.append(render("water_unknown", advice["water_unknown"], values))
    if water is not None and water < n.cold_water_c.v:
        items.append(render("cold_water", advice["cold_water"], values))
        if water <= n.swim_failure_water_c.v:
            items.append(render("very_cold_water", advice["very_cold_water"], values))
    if sport.in_water:
        items.append(render("swim_foot", advice["swim_foot"], values))
    if air is not None and air < n.cold_air_c.v:
        items.append(render("cold_air", advice["cold_air"], values))
    band = None
    for candidate in rules.heat_bands:
        if feels is not None and feels >= candidate.from_c:
            band = candidate
    if band is not None:
        items.append(render(band.advice, advice[band.advice], values))
        items.append(render("heat_illness_signs", advice["heat_illness_signs"], values))
        items.append(render("heat_not_cramp_cause", advice["heat_not_cramp_cause"], values))
    return items


def _pacing(rules: PlanRules, session: PlanSession) -> list[PlanItem]:
    advice = rules.advice
    values = {"duration_h": f"{session.duration_h:g}"}
    items = [render("pacing", advice["pacing"], values)]
    if session.cramp_history:
        items.append(render("pacing_history", advice["pacing_history"], values))
    if session.intensity == "race":
        items.append(render("pacing_race", advice["pacing_race"], values))
    if session.duration_h >= rules.numbers.long_pacing_hours.v:
        items.append(render("pacing_long", advice["pacing_long"], values))
    items.append(render("pacing_damage", advice["pacing_damage"], values))
    return items


def _if_cramp(rules: PlanRules, session: PlanSession, sport: SportRule) -> CrampResponse:
    advice = rules.advice
    land = [render("cramp_land_stretch", advice["cramp_land_stretch"], {})]
    for muscle in sport.muscles:
        key = f"cramp_{muscle}"
        if key in advice:
            land.append(render(key, advice[key], {}))
    for key in ("cramp_after", "cramp_pickle", "cramp_when_help"):
        land.append(render(key, advice[key], {}))
    water: list[PlanItem] = []
    if sport.in_water or session.water_temperature_c is not None:
        water = [
            render(key, advice[key], {}) for key in ("cramp_water_float", "cramp_water_stretch")
        ]
    return CrampResponse(land=land, water=water)
