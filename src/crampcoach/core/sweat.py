"""Sweat rate from a weighed session: loss, rate, body-mass change, sodium, and a reading.

Pure: values in, values out. Formulas from the evidence brief §6.1 [S46, S47, S69]:
sweat loss (L) = (before − after, kg) + drunk (L) − urine (L); rate = loss ÷ hours;
body-mass change (%) = (after − before) ÷ before × 100 (negative = a loss).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field

from crampcoach.errors import InputError
from crampcoach.i18n import N_
from crampcoach.knowledge.plan_rules import (
    Advice,
    Number,
    PlanRules,
    SweatCategory,
)
from crampcoach.knowledge.schema import EvidenceGrade
from crampcoach.message import Message
from crampcoach.units import UnitError, parse_quantity

# One line even at 60 columns.
NOT_MEDICAL_ADVICE = N_("Not a diagnosis or medical advice: see a doctor if unsure.")
SweatStatus = Literal["gain", "ok", "over_2", "over_5"]
SodiumBasis = Literal["measured", "low", "typical", "high", "assumed_typical"]

# How a field is read: the parse_quantity target, the factor from that target to the unit
# results are given in (hours for durations; bare numbers are already in it), and a plain
# description for error messages.
_KINDS: dict[str, tuple[str, float, str]] = {
    "mass": ("kg", 1.0, N_("a body mass, e.g. 70kg or 154lb")),
    "volume": ("l", 1.0, N_("a volume, e.g. 0.75L, 750ml or 25oz")),
    "duration": ("s", 1 / 3600, N_("a duration, e.g. 2h, 90min or 1:30:00")),
    "temperature": ("degC", 1.0, N_("a temperature, e.g. 30C or 86F")),
    "percent": ("percent", 1.0, N_("a percentage, e.g. 60%")),
    "rate": ("l_per_h", 1.0, N_("a sweat rate, e.g. 1.2L/h or 40oz/h")),
    "sodium": ("mg_per_l", 1.0, N_("a sweat sodium concentration, e.g. 900mg/L or 40mmol/L")),
}
_GLUED_UNIT = re.compile(r"(?<=\d)(?=[a-zA-Zµ°%])")
_MMOL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*mmol\s*/\s*l(?:itre|iter)?\s*$", re.I)


class PlanInputError(InputError):
    """A bad input to sweat_rate or make_plan; `field` names the parameter."""

    def __init__(self, field: str, detail: str, /, **values: object) -> None:
        self.field = field
        self.detail = Message(detail, values)  # a message id and its values
        super().__init__(N_("{where}: {problem}"), where=field, problem=self.detail)


class PlanItem(BaseModel):
    """One piece of advice: what to do, why, and on what evidence.

    `text_id` and `reason_id` are message ids (plan.yaml's templates) and `values` fill
    their {placeholders}; a value may itself be a `Message` (a sport's name, a basis in
    words). `words(t)` renders both in the language of `t`; `text` and `reason` are the
    English.
    """

    model_config = ConfigDict(frozen=True)

    id: str
    # Left out of a dump, which keeps the English text and reason (`--json` renders them in
    # the run's language through `crampcoach.views`).
    text_id: str = Field(exclude=True)
    reason_id: str = Field(exclude=True)
    values: dict[str, Any] = Field(default_factory=dict, exclude=True)
    evidence: EvidenceGrade
    sources: list[str]

    def words(self, t: Callable[..., str]) -> tuple[str, str]:
        """(text, reason) in the language of `t`."""
        return (
            Message(self.text_id, self.values).words(t),
            Message(self.reason_id, self.values).words(t),
        )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def text(self) -> str:
        """What to do, in English."""
        return str(Message(self.text_id, self.values))

    @computed_field  # type: ignore[prop-decorator]
    @property
    def reason(self) -> str:
        """Why, in English."""
        return str(Message(self.reason_id, self.values))


class SweatRateResult(BaseModel):
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
    disclaimer: str = NOT_MEDICAL_ADVICE


def round_half_up(value: float, digits: int = 0) -> float:
    """Round as people expect (0.875 -> 0.88), not to even."""
    quantum = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def floor_to(value: float, step: float) -> float:
    """Largest multiple of `step` not above `value` (tolerant of float noise)."""
    return math.floor(value / step + 1e-9) * step


def ceil_to(value: float, step: float) -> float:
    """Smallest multiple of `step` not below `value` (tolerant of float noise)."""
    return math.ceil(value / step - 1e-9) * step


def read_quantity(field: str, value: object, kind: str, mg_per_mmol: float = 22.99) -> float:
    """Read `value` (a number or a string with units) as `kind`; PlanInputError names `field`.

    Bare numbers are in kg, L, hours, °C, %, L/h or mg/L according to `kind`.
    """
    target, factor, kind_words = _KINDS[kind]
    description = Message(kind_words)
    if isinstance(value, bool):
        raise PlanInputError(
            field, N_("expected {description}, got {value!r}"), description=description, value=value
        )
    if isinstance(value, int | float):
        if not math.isfinite(value):
            raise PlanInputError(
                field,
                N_("expected {description}, got {value!r}"),
                description=description,
                value=value,
            )
        return float(value)
    if isinstance(value, str):
        match = _MMOL.match(value)
        if kind == "sodium" and match:
            return float(match.group(1)) * mg_per_mmol
        text = value.strip()
        try:
            number = float(text)
        except ValueError:
            pass
        else:
            if kind == "sodium":
                # 40 could be mmol/L (typical) or mg/L (implausibly low): ask for the unit.
                raise PlanInputError(
                    field, N_("give a unit: {value!r} mg/L or {value!r} mmol/L?"), value=value
                )
            if kind == "percent" and 0 < number <= 1 and "." in text:
                return number * 100  # "0.6" humidity is a fraction: 60%
            return number
        text = _GLUED_UNIT.sub(" ", text)
        try:
            result = parse_quantity(text, target)
        except UnitError:
            raise PlanInputError(
                field,
                N_("cannot read {value!r} as {description}"),
                value=value,
                description=description,
            ) from None
        if not math.isfinite(result):
            raise PlanInputError(
                field,
                N_("cannot read {value!r} as {description}"),
                value=value,
                description=description,
            )
        return result * factor
    raise PlanInputError(
        field, N_("expected {description}, got {value!r}"), description=description, value=value
    )


def check_range(field: str, value: float, allowed: Number) -> float:
    """Return `value` if it is in the `allowed` range (plan.yaml `ranges`), else a
    PlanInputError naming `field`."""
    assert allowed.low is not None and allowed.high is not None
    return check_bounds(field, value, allowed.low, allowed.high, allowed.unit)


def check_bounds(field: str, value: float, low: float, high: float, unit: str) -> float:
    """Return `value` if low <= value <= high, else a PlanInputError naming `field`."""
    if value < 0 and low >= 0:
        raise PlanInputError(
            field, N_("must not be negative (got {value:g} {unit})"), value=value, unit=unit
        )
    if not low <= value <= high:
        raise PlanInputError(
            field,
            N_("{value:g} {unit} is outside {low:g}-{high:g} {unit}"),
            value=value,
            unit=unit,
            low=low,
            high=high,
        )
    return value


def render(advice_id: str, advice: Advice, values: dict[str, Any]) -> PlanItem:
    """Fill an advice template with `values` (placeholders were checked at load)."""
    return PlanItem(
        id=advice_id,
        text_id=advice.text,
        reason_id=advice.reason,
        values=values,
        evidence=advice.evidence,
        sources=list(advice.sources),
    )


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
