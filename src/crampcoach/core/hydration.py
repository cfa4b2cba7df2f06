"""Fluid and sodium for a session: the sweat rate they rest on, and caps that always hold.

Pure: values in, values out. Fluid per hour is never above the sweat rate (the low end of
the estimate when it is not measured) nor the absolute cap; sodium per hour is never above
the sodium lost in sweat nor its cap. Every figure comes from knowledge/data/plan.yaml.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Literal

from pydantic import BaseModel

from crampcoach.core.advice import PlanItem, render
from crampcoach.core.plan_inputs import ceil_to, floor_to, round_half_up
from crampcoach.core.sweat import SodiumBasis, sodium_basis_label
from crampcoach.i18n import N_
from crampcoach.knowledge.plan_rules import PlanRules, SportRule
from crampcoach.knowledge.vocabulary import Intensity
from crampcoach.message import Message

# Words the fluid and sodium advice is filled with (see plan.yaml's templates).
LOSS_OVER_CEILING = N_(
    ": over 2%, because the plan never goes above the ceiling; shorten the session or pick a"
    " cooler time rather than drink more"
)
MEASURED = N_("measured")
ESTIMATED = N_("estimated")
NO_SALT = N_("none")
A_PINCH = N_("a pinch")

FluidMode = Literal["none_needed", "plan", "drink_to_thirst"]


class SweatEstimate(BaseModel):
    """The sweat rate the fluid plan rests on: measured, or estimated with its range."""

    basis: Literal["measured", "estimated"]
    l_per_h: float
    low_l_per_h: float
    high_l_per_h: float
    group: str | None = None


class FluidPlan(BaseModel):
    mode: FluidMode
    ml_per_h: int
    ceiling_ml_per_h: int
    cap_ml_per_h: int
    sweat_rate: SweatEstimate
    body_mass_kg: float
    body_mass_assumed: bool
    expected_loss_percent: float | None
    items: list[PlanItem]


class SodiumPlan(BaseModel):
    needed: bool
    mg_per_h: int
    drink_mg_per_l: int | None
    sweat_sodium_mg_per_l: float
    sweat_sodium_basis: SodiumBasis
    sweat_sodium_loss_mg_per_h: int
    cap_mg_per_h: int
    salt_g_per_h: float
    items: list[PlanItem]


def estimate_sweat_rate(
    rules: PlanRules,
    sport: SportRule,
    intensity: Intensity,
    feels_like_c: float | None,
    measured: float | None,
    *,
    in_water: bool = False,
) -> SweatEstimate:
    """The measured sweat rate, or one estimated from sport and conditions with its range.

    `in_water` (a swim) leaves out the air-temperature factor, as does an air temperature
    not known (None).
    """
    if measured is not None:
        # The low end is rounded down, so a ceiling built on it never exceeds the measurement.
        rate = round_half_up(measured, 2)
        return SweatEstimate(
            basis="measured",
            l_per_h=rate,
            low_l_per_h=floor_to(measured, 0.01),
            high_l_per_h=rate,
        )
    adjust = rules.sweat_rate_adjustments
    factor = adjust.intensity[intensity]
    if not in_water and feels_like_c is not None:  # in water, the air says little
        factor *= next(
            (band.factor for band in adjust.temperature if feels_like_c < band.below_c),
            adjust.temperature[-1].factor,
        )
    n = rules.numbers
    point = sport.sweat_rate_l_per_h * factor
    spread = n.sweat_rate_sd_l_per_h.v * factor
    low = max(n.sweat_rate_min_l_per_h.v, point - spread)
    return SweatEstimate(
        basis="estimated",
        l_per_h=round_half_up(point, 2),
        low_l_per_h=floor_to(low, 0.01),
        high_l_per_h=round_half_up(point + spread, 2),
        group=sport.sweat_group,
    )


def plan_fluid(
    rules: PlanRules,
    hours: float,
    body_mass_kg: float | None,
    sport: SportRule,
    estimate: SweatEstimate,
) -> FluidPlan:
    """Fluid per hour: enough to keep the loss under 2%, never above the sweat rate or cap."""
    n = rules.numbers
    advice = rules.advice
    cap = int(n.fluid_cap_ml_per_h.v)
    ceiling = min(estimate.low_l_per_h * 1000, float(cap))
    mass_assumed = body_mass_kg is None
    mass = body_mass_kg if body_mass_kg is not None else n.reference_body_mass_kg.v
    budget_l = n.target_max_loss_percent.v / 100 * mass * n.litres_per_kg.v
    need = max(0.0, (estimate.l_per_h * hours - budget_l) / hours * 1000)
    ml = int(min(ceil_to(need, 50), floor_to(ceiling, 50)))
    if hours * 60 < n.no_fluid_needed_minutes.v:
        ml = 0
    expected = max(0.0, (estimate.l_per_h - ml / 1000) * hours / n.litres_per_kg.v) / mass * 100
    expected = round_half_up(expected, 1)
    over = expected > n.target_max_loss_percent.v
    values: dict[str, Any] = {
        "fluid_ml_per_h": ml,
        "fluid_per_15_ml": int(round_half_up(ml / 4, -1)),
        "ceiling_ml_per_h": int(floor_to(ceiling, 50)),
        "expected_loss_percent": f"{expected:.1f}",
        "loss_note": Message(LOSS_OVER_CEILING) if over else "",
        "sweat_rate_l_per_h": f"{estimate.l_per_h:.2f}",
        "sweat_rate_basis": Message(MEASURED if estimate.basis == "measured" else ESTIMATED),
        "sport": Message(sport.label),
        "estimate_l_per_h": f"{estimate.l_per_h:.2f}",
        "estimate_low": f"{estimate.low_l_per_h:.2f}",
        "estimate_high": f"{estimate.high_l_per_h:.2f}",
        "sweat_group": Message(estimate.group) if estimate.group else "",
        "reference_kg": f"{n.reference_body_mass_kg.v:g}",
        "pre_low_ml": int(round_half_up((n.prehydration_ml_per_kg.low or 0) * mass, -1)),
        "pre_high_ml": int(round_half_up((n.prehydration_ml_per_kg.high or 0) * mass, -1)),
    }
    items: list[PlanItem] = []
    if hours * 60 < n.no_fluid_needed_minutes.v:
        mode: FluidMode = "none_needed"
        items.append(render("fluid_none_needed", advice["fluid_none_needed"], values))
    else:
        if ml == 0:
            mode = "drink_to_thirst"
            items.append(render("fluid_thirst_enough", advice["fluid_thirst_enough"], values))
        elif estimate.basis == "measured":
            mode = "plan"
            items.append(render("fluid_plan", advice["fluid_plan"], values))
        else:
            mode = "drink_to_thirst"
            items.append(render("fluid_guide", advice["fluid_guide"], values))
        if estimate.basis == "estimated":
            item = render("fluid_estimate", advice["fluid_estimate"], values)
            merged = list(dict.fromkeys(sport.sources + item.sources))
            items.append(item.model_copy(update={"sources": merged}))
        if mass_assumed:
            items.append(render("fluid_mass_assumed", advice["fluid_mass_assumed"], values))
        if hours >= n.overdrinking_risk_hours.v:
            items.append(render("prehydrate", advice["prehydrate"], values))
    items.append(render("overdrinking", advice["overdrinking"], values))
    if hours >= n.overdrinking_risk_hours.v:
        items.append(render("hyponatraemia_signs", advice["hyponatraemia_signs"], values))
    return FluidPlan(
        mode=mode,
        ml_per_h=ml,
        ceiling_ml_per_h=int(floor_to(ceiling, 50)),
        cap_ml_per_h=cap,
        sweat_rate=estimate,
        body_mass_kg=mass,
        body_mass_assumed=mass_assumed,
        expected_loss_percent=expected if mode != "none_needed" else None,
        items=items,
    )


def plan_sodium(
    rules: PlanRules,
    hours: float,
    fluid: FluidPlan,
    concentration: float,
    basis: SodiumBasis,
    personal: bool = False,
) -> SodiumPlan:
    """Sodium per hour for long or salty sessions, or where the person's own diary links
    their cramps to sessions without it (`personal`); never above the loss or the cap."""
    n = rules.numbers
    advice = rules.advice
    loss_per_h = fluid.sweat_rate.l_per_h * concentration
    cap = int(n.sodium_cap_mg_per_h.v)
    salty = concentration >= n.salty_sweat_mg_per_l.v
    long = hours > n.long_session_hours.v
    needed = fluid.mode != "none_needed" and (long or salty or personal)
    drink_low, drink_high = n.drink_sodium_mg_per_l.low or 0, n.drink_sodium_mg_per_l.high or 0
    drink = int(round_half_up(min(max(concentration, drink_low), drink_high), -1))
    mg = 0
    if needed:
        mg = int(floor_to(min(drink * fluid.ml_per_h / 1000, loss_per_h, float(cap)), 10))
    salt_g = mg / 1000 / n.sodium_fraction_of_salt.v
    values: dict[str, Any] = {
        "sodium_mg_per_h": mg,
        "drink_mg_per_l": drink,
        "fluid_ml_per_h": fluid.ml_per_h,
        "salt_g_per_h": f"{salt_g:.1f}",
        "teaspoon": _teaspoon(salt_g / n.grams_salt_per_teaspoon.v),
        "sweat_sodium_mg_per_l": f"{concentration:.0f}",
        "sodium_basis": sodium_basis_label(basis),
    }
    items: list[PlanItem] = []
    if not needed:
        items.append(render("sodium_not_needed", advice["sodium_not_needed"], values))
    else:
        if not (long or salty):
            items.append(render("sodium_personal", advice["sodium_personal"], values))
        key = "sodium_plan" if mg > 0 else "sodium_with_thirst"
        items.append(render(key, advice[key], values))
        if salty:
            items.append(render("salty_sweater", advice["salty_sweater"], values))
        items.append(render("sodium_gi", advice["sodium_gi"], values))
        items.append(render("sodium_honesty", advice["sodium_honesty"], values))
    return SodiumPlan(
        needed=needed,
        mg_per_h=mg,
        drink_mg_per_l=drink if needed else None,
        sweat_sodium_mg_per_l=round_half_up(concentration, 0),
        sweat_sodium_basis=basis,
        sweat_sodium_loss_mg_per_h=int(round_half_up(loss_per_h, -1)),
        cap_mg_per_h=cap,
        salt_g_per_h=round_half_up(salt_g, 2),
        items=items,
    )


def _teaspoon(share: float) -> Message | str:
    """A share of a teaspoon in kitchen words ("1/4", "1/2", "1 1/2")."""
    if share <= 0:
        return Message(NO_SALT)
    nearest = Fraction(share).limit_denominator(8)
    if nearest == 0:
        return Message(A_PINCH)
    whole, part = divmod(nearest, 1)
    if whole and part:
        return f"{whole} {part}"
    return str(whole) if whole else str(part)
