"""Quantities as people write them ("68.5 kg", "154 lb", "86F", "2h30") turned into SI numbers.

pint does the conversion; its registry is built on first use only, so code that
never sees a unit string never pays for it.
"""

from __future__ import annotations

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
