"""Numbers in a story: temperatures, distances, durations, masses, volumes, ages, rates.

Units are converted here with plain arithmetic (the same factors pint uses): the parser
must start fast, and pint's registry takes a second to build. Each number is placed in a
field by the words around it ("the water was 14 degrees", "lost 3 kg", "ten hours in").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from crampcoach.core.story.phrases import Pattern
from crampcoach.core.story.text import StoryText
from crampcoach.knowledge.plan_rules import Number
from crampcoach.knowledge.regexes import kept_regex
from crampcoach.knowledge.story_cues import StoryNumbers

_SMALL = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
WORD_VALUES: dict[str, float] = {w: float(i) for i, w in enumerate(_SMALL)}
WORD_VALUES.update({w: float(20 + 10 * i) for i, w in enumerate(_TENS)})
WORD_VALUES.update(
    {
        "a couple of": 2,
        "a couple": 2,
        "couple of": 2,
        "a few": 3,
        "few": 3,
        "several": 3,
        "a dozen": 12,
        "dozen": 12,
        "half an": 0.5,
        "half a": 0.5,
        "an": 1,
        "a": 1,
        "one": 1,
    }
)
WORDNUM = (
    r"(?:(?:" + "|".join(_TENS) + r")(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|a couple of|a couple|couple of|a few|several|a dozen|half an|half a|"
    + "|".join(sorted(_SMALL, key=len, reverse=True))
    + r")"
)
NUM = r"(?:\d+(?:[.,]\d+)?|" + WORDNUM + r")"
# A search over a whole story is a `Pattern` (phrases.py) where that is faster: a story
# without the words every match holds is not searched, and a leading \b is checked apart;
# the others (`_DISTANCE`, `_VOLUME`) were measured as fast or faster as plain regexes.
# ... also in the words of other languages' speakers: "the water was 15 grades" (grados).
_TEMPERATURE = Pattern(
    r"(?P<neg>\bminus\s+|\bnegative\s+|(?<![\d\w])-\s?)?(?<![\w.])(?P<n>" + NUM + r")\s*"
    r"(?:(?:°|degrees?|deg|grades|grados)\s*(?P<u1>celsius|centigrade|fahrenheit|c|f)?"
    r"|(?P<u2>c|f)(?![a-z]))"
    r"(?![a-z])"
)
_DISTANCE = kept_regex(
    r"(?<![\w.])(?P<n>" + NUM + r")[\s-]*(?P<u>kilomet(?:re|er)s?|kms?|k|miles?|mi|"
    r"met(?:re|er)s?|m|yards?|yds)(?![a-z])"
    r"|\b(?:km|kilomet(?:re|er))\s*(?P<km>\d+(?:\.\d+)?)\b|\bmile\s+(?P<mile>\d+(?:\.\d+)?)\b"
)
_MASS = Pattern(
    r"(?<![\w.])(?P<n>"
    + NUM
    + r")\s*(?P<u>kgs?|kilos?|kilograms?|lbs?|pounds?|stones?|st)(?![a-z])"
)
_VOLUME = kept_regex(
    r"(?<![\w.])(?P<n>" + NUM + r")\s*(?P<u>l|litres?|liters?|ltrs?|ml|millilit(?:re|er)s?|"
    r"fl\.?\s*oz|oz|ounces?|pints?|cups?|glasses|glass|bottles?)(?![a-z])"
)
_HUMIDITY = Pattern(
    r"\b(?P<n>\d{1,3})\s*%\s*(?:relative\s+)?humidity\b|\bhumidity\s+(?:\w+\s+){0,2}?(?P<m>\d{1,3})\s*%"
)
_WATER = kept_regex(
    r"\b(?:water|lake|sea|ocean|river|pool|loch|reservoir|quarry|wetsuit|swim\w*|swam)\b"
)
_WATER_NEXT = kept_regex(r"[\s-]*(?:water|lake|sea|ocean|river|pool|loch|reservoir|quarry)\b")
_SWIMMING = kept_regex(
    r"\b(?:swim\w*|swam|lake|sea|ocean|pool|open water|river|loch|bay|wetsuit|dip|triathlon)\b"
)
_DRINKING = kept_regex(r"\b(?:drank|drink\w*|bottles?|sips?|sipping)\b")
_BODY_TEMP = kept_regex(
    r"\b(?:his|her|my|body|core|rectal|their)\s+temp(?:erature)?\b|\bfever\b|\bthermometer\b"
)
# "a temperature of 40": a body's unless the sentence is of the weather ("in summer the
# temperature is 40 degree").
_FEVERISH = kept_regex(r"\btemperature\s+(?:of|was|is)\s+(?:\w+\s+)?(?:39|4\d)")


@dataclass(frozen=True)
class Found:
    """A number placed in an Intake field (or a pseudo-field the parser uses)."""

    field: str
    value: float
    start: int
    end: int
    estimated: bool = False


def number(text: str) -> float | None:
    """The value of "12", "2.5", "2,5", "twenty-five", "a few"; None if it is not a number."""
    text = text.strip()
    if text and text[0].isdigit():
        if "," in text:
            whole, _, tail = text.partition(",")
            text = whole + tail if len(tail) == 3 else whole + "." + tail
        try:
            return float(text)
        except ValueError:
            return None
    text = re.sub(r"\s+", " ", text.replace("-", " "))
    if text in WORD_VALUES:
        return WORD_VALUES[text]
    parts = text.split(" ")
    if len(parts) == 2 and parts[0] in WORD_VALUES and parts[1] in WORD_VALUES:
        return WORD_VALUES[parts[0]] + WORD_VALUES[parts[1]]
    return None


def _within(celsius: float, band: Number) -> bool:
    assert band.low is not None and band.high is not None  # StoryNumbers checks they are
    return band.low <= celsius <= band.high


def temperatures(text: StoryText, numbers: StoryNumbers) -> Iterator[Found]:
    """Air and water temperatures; a body temperature at or over `numbers.fever_c` as very
    hot skin."""
    norm = text.norm
    for m in _TEMPERATURE.finditer(norm):
        value = number(m.group("n"))
        if value is None:
            continue
        unit = (m.group("u1") or m.group("u2") or "").lower()
        if not unit and not re.search(r"°|deg|grad", m.group()):
            continue
        if m.group("neg"):
            value = -value
        fahrenheit = unit.startswith("f") or (not unit and value > 45)
        celsius = (value - 32) * 5 / 9 if fahrenheit else value
        celsius = round(celsius, 1)
        sentence = text.sentence_text(m.start())
        if _BODY_TEMP.search(sentence) or (
            _FEVERISH.search(sentence) and not _WEATHER.search(sentence)
        ):
            if celsius >= numbers.fever_c.v:
                yield Found("findings.very_hot_skin", 1.0, m.start(), m.end())
            continue
        # "the water was 14 degrees", "a 12 °C lake"; not "only water, 28 °C".
        near = " ".join(text.words_before(m.start(), 6))
        water = (
            _WATER.search(near)
            or _WATER_NEXT.match(norm, m.end())
            or (_SWIMMING.search(sentence) and not _DRINKING.search(sentence))
        )
        if water and _within(celsius, numbers.water_temperature_c):
            yield Found("activity.water_temperature_c", celsius, m.start(), m.end())
        elif _within(celsius, numbers.air_temperature_c):
            yield Found("activity.air_temperature_c", celsius, m.start(), m.end())


_BODY_READING = Pattern(
    r"\b(?:(?:temp(?:erature)?|fever)\s+|thermometer\b[^.;!?\d]{0,25}?\b)(?:of|was|is|at|reached|"
    r"hit|over|says|said|reads|read|showed|shows|gave|gives|shown)\s+(?:\w+\s+)?"
    r"(?P<n>\d{2,3}(?:\.\d)?)(?!\s*(?:°|degrees?|deg|c\b|f\b|%|km|miles?))"
)


# A temperature of the weather, not of a body: "in May the temperature is 42".
_WEATHER = kept_regex(
    r"\b(?:weather|outside|outdoors|air|shade|sun|sunny|forecast|heat\s*wave|heatwave|"
    r"climate|month|summer|spring|autumn|winter|season|january|february|march|april|in\s+may|june|"
    r"july|august|september|october|november|december|"
    r"afternoon|midday|noon|day\s+(?:was|is)|today\s+(?:was|is)|city|"
    r"town|court|pitch|field|kitchen|room|flat|house|office|factory|warehouse)\b"
)
_OF_A_BODY = frozenset(
    {"my", "his", "her", "their", "your", "body", "core", "rectal", "oral", "ear", "baby's"}
)


def _of_a_body(text: StoryText, m: re.Match[str]) -> bool:
    """Whether a temperature told without a unit is a body's: a thermometer or a fever, a
    person's ("his temperature"), or any other in a sentence not of the weather (when it is
    not said whose, the cautious reading)."""
    said = m.group(0)
    if said.startswith(("thermometer", "fever")):
        return True
    if _OF_A_BODY.intersection(text.words_before(m.start(), 2)):
        return True
    return not _WEATHER.search(text.sentence_text(m.start()))


def body_temperatures(text: StoryText, numbers: StoryNumbers) -> Iterator[Found]:
    """A body temperature without a unit ("his temperature was 40.5", "the thermometer
    reads 40.2") at or over `numbers.fever_c`."""
    for m in _BODY_READING.finditer(text.norm):
        if not _of_a_body(text, m):
            continue
        value = float(m.group("n"))
        celsius = (value - 32) * 5 / 9 if value > 45 else value
        if celsius >= numbers.fever_c.v and _within(celsius, numbers.body_temperature_c):
            yield Found("findings.very_hot_skin", 1.0, m.start(), m.end())


def distances(text: StoryText) -> Iterator[Found]:
    """The distance of the session ("at km 32", "20 miles"); not a walk to the shops."""
    norm = text.norm
    for m in _DISTANCE.finditer(norm):
        if m.group("km") or m.group("mile"):
            raw = m.group("km") or m.group("mile")
            metres = float(raw) * (1000 if m.group("km") else 1609.344)
        else:
            value = number(m.group("n"))
            unit = m.group("u")
            if value is None or m.group("n") in ("a", "an"):
                continue
            if unit == "k" and not m.group("n")[0].isdigit():
                continue
            if unit.startswith("k"):
                metres = value * 1000
            elif unit.startswith("mi"):
                metres = value * 1609.344
            elif unit.startswith("y"):
                metres = value * 0.9144
            else:
                if unit == "m" and value < 50:
                    continue
                metres = value
        sentence = text.sentence_text(m.start())
        if metres < 5000 and re.search(r"\bwalk", sentence):
            continue  # "hurts when I walk 200 metres": a symptom, not the session
        if 0 < metres <= 2_000_000:
            yield Found("activity.distance_m", round(metres), m.start(), m.end())


# Weight put on over months, not over a session: "put on 6 kg since the summer", "gained a
# stone over the winter".
_OVER_TIME = kept_regex(
    r"\b(?:months?|years?|weeks|since|over\s+the\s+(?:winter|summer|holidays?|last)|lately|"
    r"recently|without\s+changing|this\s+year|last\s+year|pregnan\w*)\b"
)


def masses(text: StoryText) -> Iterator[Found]:
    """Body mass ("I weigh 80 kg") and mass lost or gained over the session."""
    norm = text.norm
    for m in _MASS.finditer(norm):
        value = number(m.group("n"))
        if value is None or m.group("n") in ("a", "an"):
            continue
        unit = m.group("u")
        if unit.startswith(("lb", "pound")):
            kg = value * 0.45359237
        elif unit.startswith("st"):
            kg = value * 6.35029318
        else:
            kg = value
        before = " ".join(text.words_before(m.start(), 4, clause=False))
        after = norm[m.end() : m.end() + 30]
        if re.search(r"\b(?:lost|lose|losing|down|dropped|drop)\b", before) or re.match(
            r"\s*(?:lighter|less|down)\b", after
        ):
            field, value, low, high = "activity.mass_loss_kg", round(kg, 2), 0.0, 20.0
        elif re.search(r"\b(?:gained|gain|gaining|put on|up)\b", before) or re.match(
            r"\s*(?:heavier|more)\b", after
        ):
            if _OVER_TIME.search(text.sentence_text(m.start())):
                continue  # "put on 6 kg in the last year": the body's, not the session's
            field, value, low, high = "activity.mass_loss_kg", -round(kg, 2), -10.0, 0.0
        elif re.search(r"\b(?:weigh|weighs|weighed|weight|i'm|i am|im|he's|she's)\b", before):
            field, value, low, high = "person.body_mass_kg", round(kg, 1), 2.0, 350.0
        else:
            continue
        if low <= value <= high:
            yield Found(field, value, m.start(), m.end())


_LITRES = {
    "l": 1.0,
    "litre": 1.0,
    "liter": 1.0,
    "ltr": 1.0,
    "ml": 0.001,
    "millilitre": 0.001,
    "milliliter": 0.001,
    "oz": 0.0295735,
    "ounce": 0.0295735,
    "pint": 0.5,
    "cup": 0.25,
    "glass": 0.25,
    "bottle": 0.5,
}


def volumes(text: StoryText) -> Iterator[Found]:
    """Fluid drunk during the session ("8 litres", "500 ml", "two bottles")."""
    norm = text.norm
    for m in _VOLUME.finditer(norm):
        value = number(m.group("n"))
        if value is None:
            continue
        unit = re.sub(r"^fl\.?\s*", "", m.group("u"))
        unit = "glass" if unit.startswith("glass") else unit.rstrip("s") if unit != "s" else unit
        factor = next((f for k, f in _LITRES.items() if unit == k or unit.startswith(k)), None)
        if factor is None:
            continue
        sentence = text.sentence_text(m.start())
        if not re.search(
            r"\b(?:drink\w*|drank|drunk|water|fluids?|sports drink|bottles?)\b", sentence
        ):
            continue
        litres = round(value * factor, 2)
        if 0 < litres <= 40:
            yield Found("activity.fluid_l", litres, m.start(), m.end())


def humidity(text: StoryText) -> Iterator[Found]:
    for m in _HUMIDITY.finditer(text.norm):
        value = float(m.group("n") or m.group("m"))
        if 0 <= value <= 100:
            yield Found("activity.humidity_percent", value, m.start(), m.end())
