"""Reading a typed reply to an interview question into the Intake.

Pure. Yes/no takes y, yes, n, no and their everyday variants, in English or Chinese (是,
不是, 有, 没有: lexicon.yaml `replies`); numbers take units
("45 min", "86F", "3 lb") and words ("half an hour"); choices take synonyms ("gatorade"
is a sports drink); the muscle and the time of the cramp fall back on the story
parser's lexicon. A reply that does not fit raises ReplyError with a one-line reason,
so that the same question can be put again; nothing is recorded then.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import ValidationError

from crampcoach.core.assessment import FollowUp
from crampcoach.core.follow_up import (
    CONTEXT_FIELDS,
    MUSCLE_QUESTION,
    MUSCLES,
    WHEN_QUESTION,
    is_list_field,
)
from crampcoach.errors import InputError
from crampcoach.i18n import N_
from crampcoach.knowledge.intake import Intake
from crampcoach.knowledge.lexicon import Lexicon, default_lexicon
from crampcoach.knowledge.regexes import kept_regex
from crampcoach.message import Message
from crampcoach.units import UnitError, parse_quantity


class ReplyError(InputError):
    """A reply that does not fit its question; the message says why, in one line."""


_YES_NO_FIRST = {"yes": True, "yeah": True, "yep": True, "yup": True, "no": False, "nope": False}
_FIRST_PART = kept_regex(r"[\s,;.!，。；！、]+")  # "是的，很疼": the answer comes first


@dataclass(frozen=True)
class _Replies:
    """The reply words of every language of the lexicon, together: a reply is read in any."""

    yes: frozenset[str]
    no: frozenset[str]
    dont_know: frozenset[str]

    @classmethod
    def of(cls, lexicon: Lexicon) -> _Replies:
        words = lexicon.replies.values()
        return cls(
            frozenset(w.lower() for r in words for w in r.yes_words),
            frozenset(w.lower() for r in words for w in r.no_words),
            frozenset(w.lower() for r in words for w in r.dont_know),
        )


def _replies(lexicon: Lexicon | None) -> _Replies:
    return (lexicon or default_lexicon()).derived(_Replies.of)


_FILLER = kept_regex(
    r"\b(?:about|around|roughly|approx(?:imately)?|maybe|perhaps|probably|nearly|almost|"
    r"just|over|under|less than|more than|at least|i'm|i am|it was|it lasted|for|"
    r"a week|per week|each week|every week|a night|times|cramps?|years old|years|yrs|"
    r"y/?o|aged?)\b|[~≈]",
)
_COUNTS = ["zero", "", "", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
_NUMBER_WORDS = [
    (kept_regex(r"\bhalf an? hour\b"), "30 min"),
    (kept_regex(r"\ban? hour and a half\b"), "90 min"),
    (kept_regex(r"\ba couple of\b|\bcouple of\b"), "2"),
    (kept_regex(r"\ba few\b|\bfew\b"), "3"),
    (kept_regex(r"\b(?:an?|one|once)\b"), "1"),
    (kept_regex(r"\btwice\b|\btwo\b"), "2"),
    *((kept_regex(rf"\b{word}\b"), str(n)) for n, word in enumerate(_COUNTS) if word),
]
_RANGE = kept_regex(r"(\d+(?:\.\d+)?)\s*(?:-|–|to|or)\s*(\d+(?:\.\d+)?)")
_NUMBER = kept_regex(r"-?\d+(?:\.\d+)?")
_ZERO = frozenset({"none", "no", "never", "nothing", "zero", "0"})
_ZERO_OK = frozenset({"episode.per_week", "activity.mass_loss_kg"})  # "none" means 0 here
_WHAT = {"s": N_("a length of time"), "degC": N_("a temperature"), "kg": N_("a weight")}
_EXAMPLE = {"s": "45 min or 30 s", "degC": "24 C or 75 F", "kg": "1.5 kg or 3 lb"}
_BARE_UNIT = {"degC": "C", "kg": "kg"}  # a bare number in these questions is in this unit
_AIR_WORDS = {  # "How warm was it?" answered in words: what the words say
    "hot": "hot", "very hot": "hot", "really hot": "hot", "boiling": "hot",
    "scorching": "hot", "humid": "hot", "hot and humid": "hot",
    "cold": "cold", "very cold": "cold", "freezing": "cold", "chilly": "cold", "icy": "cold",
    "cool": "mild", "mild": "mild", "not hot": "mild", "normal": "mild", "comfortable": "mild",
}  # fmt: skip
_AIR_FIELDS: dict[str, dict[str, object]] = {
    "hot": {"activity.hot_weather": True},
    "cold": {"activity.cold_weather": True, "activity.hot_weather": False},
    "mild": {"activity.hot_weather": False},
}
_CHOICE_WORDS: dict[str, dict[str, str]] = {
    "activity.intensity": {
        "yes": "hard", "harder": "hard", "a race": "race", "competition": "race",
        "no": "usual", "normal": "usual", "same": "usual", "the same": "usual",
        "easier": "easy", "slow": "easy", "gentle": "easy", "light": "easy",
    },
    "activity.fluid_kind": {
        "nothing": "none", "no": "none", "a little": "little", "not much": "little",
        "hardly any": "little", "just water": "water", "only water": "water",
        "sports drink": "sports_drink", "gatorade": "sports_drink", "powerade": "sports_drink",
        "isotonic": "sports_drink", "electrolytes": "electrolyte", "salt tablets": "electrolyte",
        "both": "mixed", "a mix": "mixed", "mix": "mixed",
    },
    "person.medicines": {
        "water pill": "diuretic", "water pills": "diuretic", "furosemide": "diuretic",
        "blood thinner": "anticoagulant", "blood thinners": "anticoagulant",
        "warfarin": "anticoagulant", "hrt": "oestrogen", "the pill": "oestrogen",
        "estrogen": "oestrogen", "omeprazole": "ppi", "lansoprazole": "ppi",
        "pantoprazole": "ppi", "beta blocker": "beta_blocker", "iron infusion": "iv_iron",
    },
}  # fmt: skip
_NONE_OF_LIST: dict[
    str, dict[str, object]
] = {  # "none" to "Which ... ?": the list is complete and empty
    "person.medicines": {"person.takes_no_medicines": True},
    "person.conditions": {"person.conditions_known": False},
}
_WHEN_WORDS = [
    ("episode.after_exercise", kept_regex(r"\bafter\b|\b2\b")),
    (
        "episode.during_exercise",
        kept_regex(
            r"\bduring\b|\bwhile\b|\bexercis|\btraining\b|\bworkout\b|\brunning\b|"
            r"\bswimming\b|\bcycling\b|\bplaying\b|\bmid\b|\b1\b"
        ),
    ),
    ("episode.at_night", kept_regex(r"\bnight\b|\bbed\b|\bsleep|\basleep\b|\bwoke\b|\b3\b")),
    ("episode.at_rest", kept_regex(r"\brest|\bsitting\b|\blying\b|\bsofa\b|\bdesk\b|\b4\b")),
]


def _normal(text: str) -> str:
    text = text.replace("’", "'").strip().lower()
    return re.sub(r"\s+", " ", text).strip(" .!\"'")


def read_reply(
    intake: Intake, question: FollowUp, text: str, lexicon: Lexicon | None = None
) -> Intake:
    """`intake` with the answer to `question` in it; unchanged for "don't know" or Enter.

    Yes/no takes y, yes, n, no and their everyday variants; numbers take units ("45 min",
    "86F", "3 lb") and words ("half an hour"); which muscle and when are read with
    `lexicon` (the package's by default) when they are told in a sentence. Raises
    ReplyError with a one-line reason when the answer does not fit; nothing is recorded then.
    """
    answer = _normal(text)
    words = _replies(lexicon)
    if answer in words.dont_know:
        return intake
    if question.id == WHEN_QUESTION.id:
        return _with(intake, question, dict.fromkeys(_when(answer, lexicon), True))
    if question.id == MUSCLE_QUESTION.id:
        return _with(intake, question, _muscle(answer, lexicon))
    if question.kind == "number":
        if question.field == "activity.air_temperature_c" and answer in _AIR_WORDS:
            return _with(intake, question, _AIR_FIELDS[_AIR_WORDS[answer]])
        return _with(intake, question, {question.field: _number(question, answer)})
    if question.kind == "choice" and is_list_field(question.field):
        return _with(intake, question, _list_items(question, answer, words))
    if question.kind == "choice":
        return _with(intake, question, {question.field: _choice(question, answer)})
    truth = _truth(answer, words)
    if truth is None:
        raise ReplyError(N_("Please answer yes, no or don't know."))
    return _with(intake, question, {question.field: truth})


def _truth(answer: str, words: _Replies) -> bool | None:
    if answer in words.yes:
        return True
    if answer in words.no:
        return False
    first = _FIRST_PART.split(answer, maxsplit=1)[0]
    if first in _YES_NO_FIRST:
        return _YES_NO_FIRST[first]
    if not first.isascii() and first != answer:  # "没有，一点都不肿"
        return True if first in words.yes else False if first in words.no else None
    return None


def _number(question: FollowUp, answer: str) -> float:
    if question.field in _ZERO_OK and answer in _ZERO:
        return 0.0
    cleaned = _FILLER.sub(" ", answer)
    for pattern, replacement in _NUMBER_WORDS:
        cleaned = pattern.sub(replacement, cleaned)
    cleaned = _RANGE.sub(lambda m: f"{(float(m[1]) + float(m[2])) / 2:g}", cleaned).strip()
    unit = question.unit
    if unit is None:
        if re.search(r"\bevery (?:night|day)\b|\bdaily\b|\bnightly\b", cleaned):
            return 7.0
        numbers = _NUMBER.findall(cleaned)
        if len(numbers) != 1:
            raise ReplyError(N_("Please answer with one number."))
        return float(numbers[0])
    if unit == "degC":  # "28 degrees": Celsius unless it says F
        cleaned = re.sub(r"\s*\bdeg(?:ree)?s?\b(?!\s*[cf])", " C", cleaned).strip()
    if _NUMBER.fullmatch(cleaned):
        if unit not in _BARE_UNIT:
            raise ReplyError(
                N_("{number} what? Please give a unit, like {example}."),
                number=cleaned,
                example=_EXAMPLE[unit],
            )
        cleaned = f"{cleaned} {_BARE_UNIT[unit]}"
    first_digit = re.search(r"-?\d", cleaned)
    for candidate in (cleaned, cleaned[first_digit.start() :] if first_digit else ""):
        try:
            return parse_quantity(candidate, unit)
        except UnitError:
            continue
    what = Message(_WHAT.get(unit, N_("a quantity")))
    example = _EXAMPLE.get(unit, f"12 {unit}")
    if question.field == "activity.air_temperature_c":
        raise ReplyError(
            N_("I could not read that as {what}; write it like {example}, or say hot or cool."),
            what=what,
            example=example,
        )
    raise ReplyError(
        N_("I could not read that as {what}; write it like {example}."), what=what, example=example
    )


def _mentions(answer: str, words: dict[str, str]) -> list[str]:
    """The values of the words or phrases in `answer`, longest phrase first, no repeats."""
    found: list[str] = []
    rest = answer
    for word in sorted(words, key=len, reverse=True):
        pattern = re.compile(rf"\b{re.escape(word)}s?\b")
        if pattern.search(rest):
            rest = pattern.sub(" ", rest)
            if words[word] not in found:
                found.append(words[word])
    return found


def _choice(question: FollowUp, answer: str) -> str:
    words = {c.replace("_", " "): c for c in question.choices}
    words.update(_CHOICE_WORDS.get(question.field, {}))
    found = _mentions(answer, words)
    if len(found) > 1 and "mixed" in question.choices:
        return "mixed"
    if len(found) == 1:
        return found[0]
    shown = ", ".join(c.replace("_", " ") for c in question.choices)
    raise ReplyError(N_("Please choose one of: {choices}."), choices=shown)


def _list_items(question: FollowUp, answer: str, replies: _Replies) -> dict[str, object]:
    """Items to add to a list field (key "+field"), or the fields that say it is empty."""
    words = {c.replace("_", " "): c for c in question.choices}
    words.update(
        {k: v for k, v in _CHOICE_WORDS.get(question.field, {}).items() if v in question.choices}
    )
    found = _mentions(answer, words)
    if question.field == "person.medicines" and "statin" in question.choices:
        found += ["statin"] * bool(re.search(r"statin\b", answer) and "statin" not in found)
    if found:
        return {f"+{question.field}": found}
    truth = _truth(answer, replies)
    few = len(question.choices) <= 2  # "Do you have diabetes?": yes or no
    if few and truth is not None:
        return {f"+{question.field}": question.choices[:1]} if truth else {}
    if not few and truth is False and question.field in _NONE_OF_LIST:
        return _NONE_OF_LIST[question.field]
    shown = ", ".join(c.replace("_", " ") for c in question.choices[:4])
    more = ", …" if len(question.choices) > 4 else ""
    if few:
        raise ReplyError(N_("Please answer yes, no or don't know."))
    raise ReplyError(
        N_("Please name them ({choices}), or say other, or none."), choices=shown + more
    )


def _muscle(answer: str, lexicon: Lexicon | None) -> dict[str, object]:
    found = _mentions(answer, {m: m for m in MUSCLES})
    if len(found) == 1:
        return {"episode.muscle": found[0]}
    from crampcoach.core.story import parse_story  # the lexicon loads on first use only

    episode = parse_story(answer, lexicon).intake.episode
    if episode.widespread:
        return {"episode.widespread": True}
    if episode.muscle is not None:
        return {"episode.muscle": episode.muscle}
    if re.search(r"\blegs?\b|\bthighs?\b", answer):
        raise ReplyError(
            N_(
                "Which part: calf, hamstring (back of the thigh), quadriceps (front of the thigh)"
                " or foot?"
            )
        )
    raise ReplyError(N_("Please say calf, hamstring, quadriceps, foot, or other."))


def _when(answer: str, lexicon: Lexicon | None) -> list[str]:
    fields = [field for field, pattern in _WHEN_WORDS if pattern.search(answer)]
    if not fields:
        from crampcoach.core.story import parse_story  # the lexicon loads on first use only

        episode = parse_story(answer, lexicon).intake.episode
        fields = [f for f in CONTEXT_FIELDS.values() if getattr(episode, f.split(".")[1])]
    if "episode.after_exercise" in fields and "episode.during_exercise" in fields:
        fields.remove("episode.during_exercise")  # "after my run": the run is not the time
    if not fields:
        raise ReplyError(
            N_("Please say during exercise, after exercise, at night in bed, or at rest.")
        )
    return fields


def _with(intake: Intake, question: FollowUp, values: dict[str, object]) -> Intake:
    """`intake` with `values` set ("+field" adds items to a list); ReplyError if unfit."""
    data = intake.model_dump()
    for key, value in values.items():
        part, name = key.lstrip("+").split(".", 1)
        if key.startswith("+"):
            assert isinstance(value, list)
            data[part][name] = sorted({*data[part][name], *value})
        else:
            data[part][name] = value
    try:
        return Intake.model_validate(data)
    except ValidationError as exc:
        why = _why(exc, question)
        raise ReplyError(why.id, **why.values) from exc


def _show(value: float, unit: str | None) -> str:
    if unit == "s":
        for size, name in ((86400, "days"), (3600, "h"), (60, "min")):
            if abs(value) >= size:
                return f"{value / size:.3g} {name}"
        return f"{value:.3g} s"
    suffix = {"degC": " °C", "kg": " kg"}.get(unit or "", "")
    return f"{round(value, 1):g}{suffix}"


def _why(exc: ValidationError, question: FollowUp) -> Message:
    """One line for the first problem, in the question's unit, without pydantic's words."""
    error = exc.errors()[0]
    ctx = error.get("ctx", {})
    value = error.get("input")
    shown = _show(value, question.unit) if isinstance(value, int | float) else Message(N_("That"))
    for high, key in ((True, "le"), (True, "lt"), (False, "ge"), (False, "gt")):
        if key not in ctx:
            continue
        bound = float(ctx[key])
        limit = _show(bound, question.unit)
        if high and question.unit == "degC":
            return Message(
                N_("{value} is too high; the most is {limit}. For Fahrenheit, add F."),
                {"value": shown, "limit": limit},
            )
        if high:
            return Message(
                N_("{value} is too high; the most is {limit}."), {"value": shown, "limit": limit}
            )
        if bound == 0:
            return Message(N_("{value} cannot be below zero."), {"value": shown})
        return Message(N_("{value} is too low."), {"value": shown})
    message = str(error.get("msg", "")).removeprefix("Value error, ")
    message = re.sub(r"^[a-z_]+\.[a-z_]+: ", "", message)
    if message:
        return Message(N_("That does not fit: {problem}."), {"problem": message})
    return Message(N_("That does not fit."))
