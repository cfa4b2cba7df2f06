"""Quantities as people write them ("68.5 kg", "154 lb", "86F", "2h30") turned into SI numbers.

pint does the conversion; its registry is built on first use only, so code that
never sees a unit string never pays for it.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any

# What each stored field is measured in, and pint's name for it.
TARGET_UNITS = {
    "s": "second",
    "m": "meter",
    "kg": "kilogram",
    "l": "liter",
    "l_per_h": "liter / hour",
    "degC": "degC",
    "mg": "milligram",
    "mg_per_l": "milligram / liter",
    "percent": "percent",
}

_ALIASES = [
    # Spellings pint does not know, or reads differently from people.
    (re.compile(r"(?<![a-z])(?:°|º|deg(?:rees?)?\s*)\s*c(?:elsius)?\b", re.I), " degC"),
    (re.compile(r"(?<![a-z])(?:°|º|deg(?:rees?)?\s*)\s*f(?:ahrenheit)?\b", re.I), " degF"),
    (re.compile(r"(?<=\d)\s*c\b", re.I), " degC"),
    (re.compile(r"(?<=\d)\s*f\b", re.I), " degF"),
    (re.compile(r"\bcelsius\b", re.I), "degC"),
    (re.compile(r"\bfahrenheit\b", re.I), "degF"),
    (re.compile(r"(?<![a-z])(?:mins?|minutes?)\b", re.I), "minute"),
    (re.compile(r"(?<![a-z])(?:hrs?|hours?)\b", re.I), "hour"),
    (re.compile(r"(?<![a-z])(?:secs?|seconds?)\b", re.I), "second"),
    (re.compile(r"(?<![a-z])(?:kms?|kilometres?|kilometers?)\b", re.I), "kilometer"),
    (re.compile(r"(?<![a-z])(?:miles?|mi)\b", re.I), "mile"),
    (re.compile(r"(?<![a-z])(?:lbs?|pounds?)\b", re.I), "pound"),
    (re.compile(r"(?<![a-z])(?:kgs?|kilos?)\b", re.I), "kilogram"),
    (re.compile(r"(?<![a-z])(?:fl\.?\s*oz|oz|ounces?)\b", re.I), "fluid_ounce"),
    (re.compile(r"(?<![a-z])ml\b", re.I), "milliliter"),
    (re.compile(r"(?<![a-z])(?:l|litres?|liters?)\b", re.I), "liter"),
    (re.compile(r"%"), " percent"),
]
_HMS = re.compile(r"^\s*(\d+):(\d{1,2})(?::(\d{1,2}))?\s*$")
_H_MIN = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*h\s*(\d+)\s*(?:m|min)?\s*$", re.I)


class UnitError(ValueError):
    """A quantity that cannot be read, or is of the wrong kind."""


@lru_cache(maxsize=1)
def registry() -> Any:
    import pint

    ureg: Any = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
    return ureg


def parse_quantity(value: object, target: str) -> float:
    """Return `value` in the `target` unit (a key of TARGET_UNITS).

    Numbers are taken as already in the target unit. Strings may carry any unit
    of the right kind ("5 km", "3.1 mi", "86 F", "1h30", "2:31:00").
    Raises UnitError for text that is not a quantity of that kind.
    """
    if isinstance(value, bool):
        raise UnitError(f"expected a quantity, got {value!r}")
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, dict) and "value" in value:
        return parse_quantity(f"{value['value']} {value.get('unit', '')}".strip(), target)
    if not isinstance(value, str) or not value.strip():
        raise UnitError(f"expected a quantity, got {value!r}")
    text = value.strip()
    if target == "s":
        seconds = _clock_seconds(text)
        if seconds is not None:
            return seconds
    try:
        return float(text)
    except ValueError:
        pass
    for pattern, replacement in _ALIASES:
        text = pattern.sub(replacement, text)
    ureg = registry()
    try:
        quantity = ureg.Quantity(text)
        if isinstance(quantity, int | float):
            return float(quantity)
        return float(quantity.to(TARGET_UNITS[target]).magnitude)
    except Exception as exc:  # pint raises several unrelated error types
        raise UnitError(f"cannot read {value!r} as a quantity in {TARGET_UNITS[target]}") from exc


def _clock_seconds(text: str) -> float | None:
    """Read "2:31:00", "45:10" (min:s) and "1h30" as seconds."""
    match = _HMS.match(text)
    if match:
        a, b, c = match.groups()
        if c is None:
            return int(a) * 60 + int(b)
        return int(a) * 3600 + int(b) * 60 + int(c)
    match = _H_MIN.match(text)
    if match:
        return float(match.group(1)) * 3600 + int(match.group(2)) * 60
    return None


def heat_index_c(temperature_c: float, humidity_percent: float) -> float:
    """Apparent temperature from air temperature and humidity: the US National Weather
    Service's heat index (the Rothfusz regression with its adjustments), a formula of the
    weather, not a medical threshold; when heat changes a session is plan.yaml's heat bands.

    Below about 27 °C the heat index is the air temperature itself; results stop at 60 °C.
    """
    if temperature_c < 26.7:
        return temperature_c
    t = temperature_c * 9 / 5 + 32
    rh = humidity_percent
    simple = 0.5 * (t + 61.0 + (t - 68.0) * 1.2 + rh * 0.094)
    if (simple + t) / 2 < 80:
        hi = simple
    else:
        hi = (
            -42.379
            + 2.04901523 * t
            + 10.14333127 * rh
            - 0.22475541 * t * rh
            - 0.00683783 * t * t
            - 0.05481717 * rh * rh
            + 0.00122874 * t * t * rh
            + 0.00085282 * t * rh * rh
            - 0.00000199 * t * t * rh * rh
        )
        if rh < 13 and 80 <= t <= 112:
            hi -= (13 - rh) / 4 * math.sqrt((17 - abs(t - 95)) / 17)
        elif rh > 85 and 80 <= t <= 87:
            hi += (rh - 85) / 10 * ((87 - t) / 5)
    # The regression is fitted up to about 60 °C apparent; beyond that it only says "extreme".
    return min((hi - 32) * 5 / 9, 60.0)
