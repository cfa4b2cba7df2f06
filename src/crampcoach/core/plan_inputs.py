"""What `sweat-rate` and `plan` are given: quantities as people write them ("70kg",
"1:30:00", "40 mmol/L"), read into the units the planner counts in, checked against the
ranges of plan.yaml, and the rounding the planner shows its numbers with.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal

from crampcoach.errors import InputError
from crampcoach.i18n import N_
from crampcoach.knowledge.plan_rules import Number
from crampcoach.knowledge.regexes import kept_regex
from crampcoach.message import Message
from crampcoach.units import UnitError, heat_index_c, parse_quantity

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
_GLUED_UNIT = kept_regex(r"(?<=\d)(?=[a-zA-Zµ°%])")
_MMOL = kept_regex(r"^\s*(\d+(?:\.\d+)?)\s*mmol\s*/\s*l(?:itre|iter)?\s*$", re.I)


class PlanInputError(InputError):
    """A bad input to sweat_rate or make_plan; `field` names the parameter."""

    def __init__(self, field: str, detail: str, /, **values: object) -> None:
        self.field = field
        self.detail = Message(detail, values)  # a message id and its values
        super().__init__(N_("{where}: {problem}"), where=field, problem=self.detail)


def round_half_up(value: float, digits: int = 0) -> float:
    """Round as people expect (0.875 -> 0.88), not to even."""
    quantum = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def feels_like_c(air_c: float | None, humidity_percent: float | None) -> float | None:
    """How hot the air feels: the heat index of the air temperature and the relative
    humidity when both are known, else the air temperature itself (None without it). The
    plan's heat bands and the forecast's heat rules read it, for a planned session and for a
    past one alike."""
    if air_c is None:
        return None
    return heat_index_c(air_c, humidity_percent) if humidity_percent is not None else air_c


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

    def refused(detail: str) -> PlanInputError:
        return PlanInputError(field, detail, description=description, value=value)

    not_a_number = N_("expected {description}, got {value!r}")
    unreadable = N_("cannot read {value!r} as {description}")
    if isinstance(value, bool):
        raise refused(not_a_number)
    if isinstance(value, int | float):
        if not math.isfinite(value):
            raise refused(not_a_number)
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
            raise refused(unreadable) from None
        if not math.isfinite(result):
            raise refused(unreadable)
        return result * factor
    raise refused(not_a_number)


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
