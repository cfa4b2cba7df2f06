"""Sweat rate from a weighed session: loss, rate, body-mass change, sodium, and a reading.

Pure: values in, values out. Formulas from the evidence brief §6.1 [S46, S47, S69]:
sweat loss (L) = (before − after, kg) + drunk (L) − urine (L); rate = loss ÷ hours;
body-mass change (%) = (after − before) ÷ before × 100 (negative = a loss).
"""

from __future__ import annotations

from typing import Any, Literal

from crampcoach.core.advice import Disclaimed, PlanItem, render
from crampcoach.core.plan_inputs import (
    PlanInputError,
    check_range,
    read_quantity,
    round_half_up,
)
from crampcoach.i18n import N_
from crampcoach.knowledge.plan_rules import PlanRules, SweatCategory
from crampcoach.message import Message

SweatStatus = Literal["gain", "ok", "over_2", "over_5"]
SodiumBasis = Literal["measured", "low", "typical", "high", "assumed_typical"]


class SweatRateResult(Disclaimed):
    """What one weighed session says about a person's sweating."""

    before_kg: float
    after_kg: float
    drank_l: float
    urine_l: float
    duration_h: float
    mass_change_kg: float
    mass_change_percent: float
    sweat_loss_l: float
    sweat_rate_l_per_h: float
    status: SweatStatus
    sweat_sodium_mg_per_l: float | None
    sodium_basis: SodiumBasis | None
    sweat_sodium_range_mg_per_l: tuple[float, float] | None
    sodium_mg_per_h: float | None
    sodium_mg_per_h_range: tuple[float, float] | None
    sodium_lost_mg: float | None
    rehydrate_l: float | None
    reading: list[PlanItem]


def sweat_sodium(
    rules: PlanRules,
    sodium: object | None,
    sweat: SweatCategory | str | None,
) -> tuple[float | None, SodiumBasis | None, tuple[float, float] | None]:
    """Sweat sodium in mg/L from a measurement or a category: (value, basis, band)."""
    if sodium is not None and sweat is not None:
        raise PlanInputError("sodium", N_("give either a measured sweat sodium or a category"))
    if sodium is not None:
        mmol = rules.numbers.mg_per_mmol_sodium.v
        value = read_quantity("sodium", sodium, "sodium", mmol)
        if value <= 0:
            raise PlanInputError(
                "sodium",
                N_("must be more than zero (got {value:g} {unit})"),
                value=value,
                unit="mg/L",
            )
        check_range("sodium", value, rules.ranges.sweat_sodium_mg_per_l)
        return value, "measured", None
    if sweat is not None:
        key = str(sweat).strip().lower()
        if key not in rules.sweat_categories:
            raise PlanInputError(
                "sweat", N_("choose low, typical or high (got {value!r})"), value=sweat
            )
        category = rules.sweat_categories[key]  # type: ignore[index]
        basis: SodiumBasis = key  # type: ignore[assignment]
        return category.mg_per_l, basis, (category.low, category.high)
    return None, None, None


def sweat_rate(
    before: object,
    after: object,
    drank: object,
    duration: object,
    urine: object = 0.0,
    *,
    sodium: object | None = None,
    sweat: SweatCategory | str | None = None,
    rules: PlanRules,
) -> SweatRateResult:
    """Sweat loss and rate from body mass before and after a session.

    Takes masses (kg), volumes drunk and urinated (L), duration (hours) as numbers or
    strings with units ("154lb", "750ml", "90min"); optionally the measured sweat sodium
    (mg/L, or "40mmol/L") or a category (low, typical, high). Raises PlanInputError
    (an InputError naming the field) for impossible or implausible values.
    """
    n, ranges = rules.numbers, rules.ranges
    before_kg = check_range("before", read_quantity("before", before, "mass"), ranges.body_mass_kg)
    after_kg = check_range("after", read_quantity("after", after, "mass"), ranges.body_mass_kg)
    drank_l = check_range("drank", read_quantity("drank", drank, "volume"), ranges.drank_l)
    urine_l = check_range("urine", read_quantity("urine", urine, "volume"), ranges.urine_l)
    hours = read_quantity("duration", duration, "duration")
    if hours <= 0:
        raise PlanInputError(
            "duration", N_("must be more than zero (got {value:g} {unit})"), value=hours, unit="h"
        )
    check_range("duration", hours, ranges.duration_h)
    sodium_mg_per_l, basis, band = sweat_sodium(rules, sodium, sweat)

    change_kg = after_kg - before_kg
    change_percent = change_kg / before_kg * 100
    limit = n.max_plausible_mass_change_percent.v
    if abs(change_percent) > limit:
        raise PlanInputError(
            "after",
            N_(
                "a {change:.1f}% change in body mass in one session is not plausible "
                "(over {limit:g}%); check the before and after masses"
            ),
            change=abs(change_percent),
            limit=limit,
        )
    loss_l = (-change_kg) * n.litres_per_kg.v + drank_l - urine_l
    if loss_l < 0:
        raise PlanInputError(
            "after",
            N_(
                "the sweat loss comes out negative ({loss:.2f} L): mass lost plus fluid drunk is "
                "less than the urine passed; check after, drank and urine (food eaten counts too)"
            ),
            loss=loss_l,
        )
    rate = loss_l / hours
    max_rate = n.max_plausible_sweat_rate_l_per_h.v
    if rate > max_rate:
        raise PlanInputError(
            "duration",
            N_(
                "a sweat rate of {rate:.1f} L/h is above anything measured (about {limit:g} L/h);"
                " check the duration and the masses"
            ),
            rate=rate,
            limit=max_rate,
        )

    percent = round_half_up(change_percent, 1)
    loss_percent = -percent
    if change_kg > 0:
        status: SweatStatus = "gain"
    elif loss_percent > n.refer_loss_percent.v:
        status = "over_5"
    elif loss_percent > n.target_max_loss_percent.v:
        status = "over_2"
    else:
        status = "ok"

    rehydrate = None
    if change_kg < 0:
        rehydrate = round_half_up(-change_kg * n.rehydration_l_per_kg_lost.v, 1)
    per_h = sodium_range = lost = None
    if sodium_mg_per_l is not None:
        per_h = round_half_up(sodium_mg_per_l * rate, -1)
        lost = round_half_up(sodium_mg_per_l * loss_l, -1)
        if band is not None:
            sodium_range = (round_half_up(band[0] * rate, -1), round_half_up(band[1] * rate, -1))

    values: dict[str, Any] = {
        "gain_kg": f"{change_kg:.1f}",
        "change_percent": f"{percent:+.1f}",
        "loss_percent": f"{max(loss_percent, 0.0):.1f}",
        "rehydrate_l": f"{rehydrate:.1f}" if rehydrate is not None else "",
        "sweat_sodium_mg_per_l": f"{sodium_mg_per_l:.0f}" if sodium_mg_per_l else "",
        "sodium_basis": sodium_basis_label(basis),
        "sodium_mg_per_h": f"{per_h:.0f}" if per_h is not None else "",
        "sodium_lost_mg": f"{lost:.0f}" if lost is not None else "",
        "salt_g": f"{lost / 1000 / n.sodium_fraction_of_salt.v:.1f}" if lost is not None else "",
    }
    advice = rules.advice
    reading_id = {"gain": "reading_gain", "ok": "reading_ok"}.get(status, f"reading_{status}")
    reading = [render(reading_id, advice[reading_id], values)]
    if rehydrate is not None and rehydrate > 0:
        reading.append(render("rehydrate", advice["rehydrate"], values))
    if per_h is not None:
        reading.append(render("sodium_loss", advice["sodium_loss"], values))
        if sodium_mg_per_l is not None and sodium_mg_per_l >= n.salty_sweat_mg_per_l.v:
            reading.append(render("salty_sweater", advice["salty_sweater"], values))
    reading.append(render("weighing_tips", advice["weighing_tips"], values))

    return SweatRateResult(
        before_kg=round_half_up(before_kg, 2),
        after_kg=round_half_up(after_kg, 2),
        drank_l=round_half_up(drank_l, 3),
        urine_l=round_half_up(urine_l, 3),
        duration_h=round_half_up(hours, 3),
        mass_change_kg=round_half_up(change_kg, 2),
        mass_change_percent=percent,
        sweat_loss_l=round_half_up(loss_l, 2),
        sweat_rate_l_per_h=round_half_up(rate, 2),
        status=status,
        sweat_sodium_mg_per_l=round_half_up(sodium_mg_per_l, 0) if sodium_mg_per_l else None,
        sodium_basis=basis,
        sweat_sodium_range_mg_per_l=band,
        sodium_mg_per_h=per_h,
        sodium_mg_per_h_range=sodium_range,
        sodium_lost_mg=lost,
        rehydrate_l=rehydrate,
        reading=reading,
    )


SODIUM_BASIS = {
    "measured": N_("measured"),
    "low": N_("estimated: low category"),
    "typical": N_("estimated: typical category"),
    "high": N_("estimated: high ('salty sweater') category"),
    "assumed_typical": N_("not measured: the typical average is assumed"),
}


def sodium_basis_label(basis: SodiumBasis | None) -> Message | str:
    """How the sweat sodium figure was obtained, in words (a message; "" when not known)."""
    return Message(SODIUM_BASIS[basis]) if basis is not None else ""
