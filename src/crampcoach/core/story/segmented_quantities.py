"""The numbers of a story written without spaces, with their units: distances, durations,
temperatures, masses, ages, weeks of pregnancy, volumes and how often a week.

Which Intake field a number fills is told by the words near it, from the language's data:
a temperature after a water word is the water's, after a body word a body's (a fever at or
over the story numbers' `fever_c` is very hot skin); a duration in a clause after a cramp
word is the cramp's, else the session's; a mass after a loss word is lost over the
session, after a weight word the body's. The thresholds are the English reader's
(lexicon.yaml `numbers`), so both languages read a number alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from crampcoach.core.story.han_numbers import NumberReader
from crampcoach.core.story.quantities import Found
from crampcoach.knowledge.plan_rules import Number
from crampcoach.knowledge.regexes import CompiledPattern
from crampcoach.knowledge.story_cues import StoryNumbers
from crampcoach.knowledge.story_languages import Quantities, StoryLanguage

_NEAR = 8  # characters before a number that say what it measures
_TEMPERATURE_SIGNS = ("℃", "°c", "°")  # a temperature however it is told


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"


@dataclass(frozen=True)
class QuantityRules:
    """A language's quantities, compiled once."""

    regex: re.Pattern[str]
    per_week: tuple[CompiledPattern, ...]
    per_month: tuple[CompiledPattern, ...]
    units: Mapping[str, tuple[str, float]]  # unit word -> (quantity, factor)
    numbers: NumberReader
    data: Quantities
    halves: frozenset[str]

    @classmethod
    def of(cls, language: StoryLanguage) -> QuantityRules:
        numbers = NumberReader.of(language.numerals)
        numerals, data = language.numerals, language.quantities
        units = {w.lower(): (u.quantity, u.factor) for u in data.units for w in u.words}
        about = _alternation(numerals.about)
        measure = _alternation(numerals.measure)
        half = _alternation(numerals.half)
        unit = _alternation(list(units))
        regex = re.compile(
            f"(?P<neg>{_alternation(data.below_zero)})?"
            f"(?:(?P<n>{numbers.pattern()})(?:{about})?(?:{measure})?(?P<half>{half})?"
            f"|(?P<only_half>{half})(?:{measure})?)"
            f"(?:{about})?\\s*(?P<unit>{unit})"
        )
        return cls(
            regex,
            data.compiled_per_week(),
            data.compiled_per_month(),
            units,
            numbers,
            data,
            frozenset(numerals.half),
        )


def _near(norm: str, start: int, words: list[str], reach: int = _NEAR) -> bool:
    before = norm[max(0, start - reach) : start]
    return any(w in before for w in words)


def quantities(
    norm: str,
    rules: QuantityRules,
    numbers: StoryNumbers,
    clause: Callable[[int], tuple[int, int]],
    sentence: Callable[[int], tuple[int, int]],
    cramp_at: Callable[[int, int], bool],
) -> Iterator[Found]:
    """Every number with a unit the story gives, as the field it fills (`clause` and
    `sentence` give those around a position; `cramp_at(start, end)` says whether a cramp is
    told there)."""
    data = rules.data
    for m in rules.regex.finditer(norm):
        if m.group("only_half"):
            value: float | None = 0.5
        else:
            value = rules.numbers.value(m.group("n"))
            if value is not None and m.group("half"):
                value += 0.5
        if value is None:
            continue
        quantity, factor = rules.units[m.group("unit").lower()]
        start, end = m.start(), m.end()
        clause_start = clause(start)[0]
        if quantity == "distance":
            yield Found("activity.distance_m", value * factor, start, end)
        elif quantity == "duration":
            seconds = value * factor
            cramp_before = cramp_at(clause_start, start)
            lasting = _near(norm, start, data.lasting, 4) and cramp_at(*sentence(start))
            field = "episode.duration_s" if cramp_before or lasting else "activity.duration_s"
            yield Found(field, seconds, start, end)
        elif quantity == "temperature":
            tenth = rules.numbers.digits.get(norm[end : end + 1])
            if tenth is not None and norm[end + 1 : end + 2] not in rules.numbers.digits:
                value += tenth / 10  # "三十九度五": 39.5 degrees, as it is said
                end += 1
            found = _temperature(norm, m, value * factor, data, numbers, clause_start, end)
            if found is not None:
                yield found
        elif quantity == "mass":
            kilograms = value * factor
            if _near(norm, start, data.loss, 4):
                yield Found("activity.mass_loss_kg", kilograms, start, end)
            elif _near(norm, start, data.weight, 6):
                yield Found("person.body_mass_kg", kilograms, start, end)
        elif quantity == "age":
            yield Found("story.age", value, start, end)
        elif quantity == "pregnancy":
            week = round(value * factor)
            low, high = _band(numbers.pregnancy_week)
            if _near(norm, start, data.pregnancy, 4) and low <= week <= high:
                yield Found("person.pregnancy_week", float(week), start, end)
        elif quantity == "volume" and _near(norm, start, data.drinking, 10):
            yield Found("activity.fluid_l", value * factor, start, end)
    # A count a month is so many a week over the month's weeks ("每月两回": rare).
    for patterns, weeks in ((rules.per_week, 1.0), (rules.per_month, data.weeks_a_month)):
        for pattern in patterns:
            for m in pattern.regex.finditer(norm):
                count = rules.numbers.value(m.group("n"))
                if count is not None and _counts_cramps(norm, m, data, clause, sentence, cramp_at):
                    yield Found("episode.per_week", count / weeks, m.start(), m.end())


def _counts_cramps(
    norm: str,
    m: re.Match[str],
    data: Quantities,
    clause: Callable[[int], tuple[int, int]],
    sentence: Callable[[int], tuple[int, int]],
    cramp_at: Callable[[int, int], bool],
) -> bool:
    """Whether a count a week is of the cramps: its clause tells one, or it ends its clause
    in a sentence that tells one ("每周游两次泳, 小腿抽筋" counts swims), or it is a
    sentence of its own after one that tells one ("凌晨脚心抽。一周两次吧。")."""
    if cramp_at(*clause(m.start())):
        return True
    rest = norm[m.end() : clause(m.start())[1]]
    for word in sorted(data.count_ends, key=len, reverse=True):
        rest = rest.replace(word, "")
    if rest.strip():
        return False
    start, _ = sentence(m.start())
    if cramp_at(start, sentence(m.start())[1]):
        return True
    alone = not norm[start : m.start()].strip() and clause(m.start())[1] == sentence(start)[1]
    return alone and start > 0 and cramp_at(*sentence(start - 1))


def _band(number: Number) -> tuple[float, float]:
    assert number.low is not None and number.high is not None  # StoryNumbers checks they are
    return number.low, number.high


def _temperature(
    norm: str,
    m: re.Match[str],
    value: float,
    data: Quantities,
    numbers: StoryNumbers,
    clause_start: int,
    end: int,
) -> Found | None:
    """A temperature: a body's at or over a fever (very hot skin), the water's, or the air's.
    A bare 度 counts only in a sentence of weather, water or a body ("一度" is "once")."""
    celsius = -value if m.group("neg") else value
    start = m.start()
    before = norm[max(clause_start - _NEAR, 0, start - 2 * _NEAR) : start]
    if any(w in before for w in data.body):
        low, high = _band(numbers.body_temperature_c)
        if celsius >= numbers.fever_c.v and low <= celsius <= high:
            return Found("findings.very_hot_skin", 1.0, start, end)
        return None
    signed = m.group("unit").lower() in _TEMPERATURE_SIGNS or m.group("neg")
    if any(w in before for w in data.water):
        low, high = _band(numbers.water_temperature_c)
        if low <= celsius <= high:
            return Found("activity.water_temperature_c", celsius, start, end)
        return None
    low, high = _band(numbers.air_temperature_c)
    around = norm[max(0, start - 2 * _NEAR) : end + _NEAR]
    weather = any(w in around for w in data.weather)
    if (signed or weather) and low <= celsius <= high:
        return Found("activity.air_temperature_c", celsius, start, end)
    return None
