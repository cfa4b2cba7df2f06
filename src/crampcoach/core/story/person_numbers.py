"""Numbers about the person and the pattern of cramps: age, week of pregnancy, cramps a week."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from crampcoach.core.story.phrases import Pattern
from crampcoach.core.story.quantities import NUM, WORDNUM, Found, number
from crampcoach.core.story.text import StoryText
from crampcoach.knowledge.regexes import kept_regex
from crampcoach.knowledge.story_cues import StoryNumbers

# The searches over a whole story are `Pattern`s (phrases.py) where that is faster, as in
# quantities.py.
_AGE_NOT_AFTER = (
    r"(?!\s*(?:weeks?|wks?|months?|days?|hours?|hrs?|km|k\b|kms|mi\b|miles?|kg|kgs|kilos?|lbs?|"
    r"pounds|stone|min|mins|minutes|%|°|degrees|ft|feet|cm|m\b|times|x\b|percent|and a half|"
    r"nights?|minutes?|seconds?|laps?|reps?|sets?|metres?|meters?|litres?|liters?|l\b|years? ago))"
)
# The writer's own age: "I'm 40", "I am nearly fifty", "I be 61 years" in West African
# Pidgin, not after a modal ("should I be 50") (also read by `Context.subject`).
_MODALS = ("can", "could", "will", "would", "shall", "should", "may", "might", "must", "to")
AGE_SELF = kept_regex(
    r"\b(?:i'?m|i am|im|" + "".join(f"(?<!{modal} )" for modal in _MODALS) + r"i be)\s+"
    r"(?:a\s+|an\s+|almost\s+|nearly\s+|about\s+|just\s+|now\s+)?"
    r"(?P<n>\d{1,3}|" + WORDNUM + r")\b" + _AGE_NOT_AFTER
)
_AGE_YEARS = kept_regex(
    r"\b(?P<n>\d{1,3}|" + WORDNUM + r")[\s-]*(?:years?|yrs?|y/?o)[\s-]*old\b"
    r"|\b(?P<m>\d{1,3})\s*(?:yo|y/o|y\.o\.)(?![a-z])"
    r"|\baged?\s+(?P<a>\d{1,3})\b"
    r"|\bat\s+(?:the\s+)?age\s+(?:of\s+)?(?P<b>\d{1,3})\b"
)
# Forum shorthand for the writer: "62M, smoker..." or "me (45f)": age and sex in one token.
# The writer's age and sex as a tag: "62M" opening the story or after "I'm", or standing
# alone as a sentence or in brackets ("... no bruise. 39m", "50f, rode a lot as a teen"), or
# after a heading of the writer ("Me: 51F", "Background: 38m").
# "it was 50f", "10m later" are a temperature and a time: none of these.
AGE_SEX = Pattern(
    r"(?:^\W*|\b(?:i'?m|i am|me|myself|background|about\s+me)\s*[:(]?\s*\(?\s*"
    r"|(?:[.!?\n]\s*|\(\s*)(?=\d{1,2}\s?[mf]\s*(?:[,;:).!?]|$)))"
    r"(?P<n>\d{1,2})\s?(?P<s>[mf])(?![a-z0-9])"
)
_AGE_THIRD = kept_regex(
    r"\b(?:he|she)\s*(?:'s|is)\s+(?:only\s+|just\s+|now\s+|almost\s+|nearly\s+)?(?P<n>\d{1,3})\b"
    + _AGE_NOT_AFTER
)
_DECADES = {
    "twenties": 20,
    "thirties": 30,
    "forties": 40,
    "fifties": 50,
    "sixties": 60,
    "seventies": 70,
    "eighties": 80,
    "nineties": 90,
}
_AGE_DECADE = Pattern(
    r"\bin\s+(?P<who>my|his|her|their)\s+(?:(?P<q>early|mid|late)[\s-]+)?"
    r"(?P<d>[1-9]0'?s|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b"
)
_TRAINING = kept_regex(
    r"\b(?:run|runs|running|train|trains|training|ride|rides|riding|cycle|cycles|cycling|swim|"
    r"swims|swimming|play|plays|playing|lift|lifts|lifting|exercise|exercises|exercising|gym|"
    r"jog|jogs|jogging|hike|hikes|hiking|walk|walks|walking|row|rows|rowing|climb|climbs|"
    r"climbing|dance|dances|dancing|practice|practices|practise|practises|out)\b"
)
# Looking the legs over, as often as it is done: "since the flight I check both calves every
# day" (`_of_something_else`).
_ROUTINE = kept_regex(r"\b(?:check|checks|checking|measure|measures|measuring)\b")
# Things people do many times a day or night, beside cramping.
_OTHER_DOING = kept_regex(
    r"\b(?:pee|pees|peeing|wee|wees|weeing|urinate|urinating|toilet|loo|bathroom|wake|wakes|"
    r"waking|woke|check|checks|checking|stretch|stretches|stretching|eat|eats|eating|drink|"
    r"drinks|drinking)\b"
)
# A count of cramps or of nights is the cramps' own, whatever was done before it.
_OWN_UNIT = kept_regex(r"\b(?:cramps|episodes|attacks|nights?)\b")
_CRAMPING = kept_regex(r"\b(?:cramp\w*|spasm\w*|seiz\w*|lock\w*|charley|knot\w*)\b")
# "Many times a day" gives no number: as many as "a few" (`quantities.WORD_VALUES`), the least
# it can mean.
SOME_TIMES = 3.0
_TRAINING_REACH = 10  # words before a count, in its sentence, that may name the training


def _of_training(text: StoryText, start: int) -> bool:
    """Whether the count at `start` tells how often the person trains: a verb of training
    among the last words before it in its sentence, with no cramp between ("I pedal to
    the office over two hills daily"; not "I run, and cramp most days")."""
    return _trains(text.words_before(start, _TRAINING_REACH, clause=False))


def _trains(words: list[str]) -> bool:
    """`_of_training` of the words before a count."""
    said = " ".join(words)
    just_before = _TRAINING.search(" ".join(words[-3:])) is not None
    return just_before or (_TRAINING.search(said) is not None and _CRAMPING.search(said) is None)


def _of_something_else(text: StoryText, count: re.Match[str]) -> bool:
    """Whether a count (`_FREQUENCY`) tells how often the person does something other than
    cramp, from the words before it, read once: trains (`_of_training`); checks or
    measures something, with no cramp between and the count not one of cramps or nights;
    or, for "many times", something else done that often just before it ("I pee many
    times a night", "I stretch them loads of times daily")."""
    words = text.words_before(count.start(), _TRAINING_REACH, clause=False)
    if _trains(words):
        return True
    said = " ".join(words)
    if (
        _OWN_UNIT.search(count.group()) is None
        and _ROUTINE.search(said) is not None
        and _CRAMPING.search(said) is None
    ):
        return True
    return count.group("many") is not None and (
        _OTHER_DOING.search(" ".join(words[-3:])) is not None
    )


# Forum sign-offs: "40s guy", "late 50s female runner", "me (60s, F)".
_DECADE_SELF = Pattern(
    r"(?:^|[(,.;!]\s*|\b(?:i'?m|i am|me|am)\s+(?:a\s+)?)(?:(?P<q>early|mid|late)[\s-]+)?"
    r"(?P<d>[1-9]0)'?s\s*(?:,\s*)?(?:guy|man|woman|lady|male|female|bloke|gal|dude|m|f)\b"
)
_FREQUENCY = Pattern(
    r"\b(?:(?P<a>" + NUM + r")(?:\s*(?:or|to|-)\s*(?P<b>" + NUM + r"))?(?:\s*x|\s+(?:times|nights|"
    r"days|evenings|mornings|cramps|episodes|attacks))|(?P<w>twice|once|thrice)"
    # "many times a day": a count not given, at least a few (read as `SOME_TIMES`).
    r"|(?<!how\s)(?<!not\s)(?<!as\s)"
    r"(?P<many>(?:so\s+|very\s+)?many|multiple|numerous|countless|lots\s+of|loads\s+of|"
    r"a\s+lot\s+of|plenty(?:\s+of)?)"
    r"\s+(?:times|nights|days|cramps|episodes|attacks))"
    r"(?:\s+(?:in\s+(?:a|the|one)|in|a|per|each|every)\s+|\s*/\s*)(?P<p>week|month|night|day|fortnight)\b"
    r"|\b(?P<every>(?:almost|nearly)\s+every\s+(?:night|day)|every\s+(?:single\s+)?(?:night|day)|"
    r"nightly|daily|each\s+night|most\s+(?:nights|days|mornings|evenings|afternoons)|every\s+other\s+(?:night|day))\b"
)
# Once in some weeks or months: "every few weeks", "every 3 weeks", every week or two.
_EVERY_WEEKS = Pattern(
    r"\bevery\s+(?:(?P<pair>week\s+or\s+two)|(?:a\s+)?(?P<some>couple\s+of|few)\s+(?P<u>weeks|months)"
    r"|(?P<a>" + NUM + r")(?:\s*(?:or|to|-)\s*(?P<b>" + NUM + r"))?\s+(?P<v>weeks|months)"
    r"|(?P<one>other\s+week|fortnight|month))\b"
)
_WEEKS_IN = {"weeks": 1.0, "months": 4.35, "other week": 2.0, "fortnight": 2.0, "month": 4.35}
_SOME = {"couple of": 2.0, "few": 3.0}
# "4 nights out of 7", "2 or 3 out of every 7 nights": a share of the nights or days.
_OUT_OF = Pattern(
    r"\b(?P<a>" + NUM + r")(?:\s*(?:or|to|-)\s*(?P<b>" + NUM + r"))?\s+"
    r"(?:(?:nights?|days?|evenings?|mornings?)\s+)?out\s+of\s+(?:(?:the|every)\s+)?"
    r"(?P<n>" + NUM + r")(?:\s+(?:nights?|days?))?\b"
)
_OF_NIGHTS = kept_regex(r"\b(?:nights?|days?|evenings?|mornings?|wake|woken|waking)\b")
_PREGNANCY = Pattern(
    r"\b(?P<n>" + NUM + r")\s*(?:\+\s*\d\s*)?(?:weeks?|wks?)\s+(?:pregnant|along|gestation|into)\b"
    r"|\bpregnant\s*(?:,|-|with|at)?\s*(?P<m>\d{1,2})\s*(?:weeks?|wks?)\b"
    r"|\b(?P<t>\d{1,2})\s*(?:\+\s*\d\s*)?(?:weeks?|wks?)\s+(?:with\s+(?:twins|triplets|a\s+baby|baby|my\s+(?:first|second|third|1st|2nd|3rd)|our\s+(?:first|second|third))|preg|pg|gestation)\b"
    r"|\b(?P<mo>" + NUM + r")\s+months?\s+(?:pregnant|along)\b"
    r"|\b(?P<tri>first|1st|second|2nd|third|3rd|last)\s+trimester\b"
)


def ages(text: StoryText, tags: Iterable[re.Match[str]]) -> Iterator[Found]:
    """Ages, as "story.age_self" (the writer) or "story.age_other" (someone described);
    `tags` are the story's matches of `AGE_SEX` ("62M")."""
    norm = text.norm
    for m in AGE_SELF.finditer(norm):
        value = number(m.group("n"))
        if value is None or not 1 <= value <= 110 or (value < 10 and not m.group("n")[0].isdigit()):
            continue
        yield Found("story.age_self", value, m.start(), m.end())
    for m in tags:
        value = float(m.group("n"))
        if 10 <= value <= 99:
            yield Found("story.age_self", value, m.start("n"), m.end("s"))
    for m in _AGE_THIRD.finditer(norm):
        value = number(m.group("n"))
        if value is not None and 0 < value <= 110:
            yield Found("story.age_other", value, m.start(), m.end())
    for m in _AGE_YEARS.finditer(norm):
        raw = m.group("n") or m.group("m") or m.group("a") or m.group("b")
        value = number(raw)
        if value is None or not 0 < value <= 110:
            continue
        # Whose age this is (the writer's, or a relative's named beside it) the parser decides.
        yield Found("story.age_near", value, m.start(), m.end())
    for m in _AGE_DECADE.finditer(norm):
        decade = m.group("d").rstrip("s").rstrip("'")
        base = _DECADES.get(m.group("d"))
        if base is None:
            base = int(decade)
        offset = {"early": 2, "mid": 5, "late": 8}.get(m.group("q") or "", 5)
        field = "story.age_self" if m.group("who") == "my" else "story.age_other"
        yield Found(field, float(base + offset), m.start(), m.end(), estimated=True)
    for m in _DECADE_SELF.finditer(norm):
        offset = {"early": 2, "mid": 5, "late": 8}.get(m.group("q") or "", 5)
        value = float(int(m.group("d")) + offset)
        yield Found("story.age_self", value, m.start("d"), m.end(), estimated=True)


def frequencies(text: StoryText) -> Iterator[Found]:
    """Cramps a week ("three or four nights a week" is 3.5)."""
    for m in _FREQUENCY.finditer(text.norm):
        if _of_something_else(text, m):
            continue  # "I run 4 times a week": how often they train, not how often they cramp
        if m.group("every"):
            phrase = m.group("every")
            if "other" in phrase:
                value = 3.5
            elif phrase.startswith(("almost", "nearly")):
                value = 6.0
            elif phrase.startswith("most"):
                value = 5.0
            else:
                value = 7.0
        else:
            word = m.group("w")
            if word:
                count: float | None = {"once": 1.0, "twice": 2.0, "thrice": 3.0}[word]
            elif m.group("many"):
                count = SOME_TIMES
            else:
                count = number(m.group("a"))
                high = number(m.group("b")) if m.group("b") else None
                if count is not None and high is not None:
                    count = (count + high) / 2
            if count is None:
                continue
            period = m.group("p")
            per = {"week": 1.0, "fortnight": 0.5, "month": 12 / 52, "night": 7.0, "day": 7.0}[
                period
            ]
            value = count * per
        if 0 <= value <= 200:
            yield Found("episode.per_week", round(value, 2), m.start(), m.end())
    for m in _EVERY_WEEKS.finditer(text.norm):
        if _of_training(text, m.start()):
            continue  # "I race every few weeks"
        # A rough gap: any count told elsewhere ("now three nights a week") is surer.
        weekly = round(1 / _weeks_between(m), 2)
        yield Found("episode.per_week", weekly, m.start(), m.end(), estimated=True)
    for m in _OUT_OF.finditer(text.norm):
        count, whole = number(m.group("a")), number(m.group("n"))
        high = number(m.group("b")) if m.group("b") else None
        if count is None or not whole or count > whole or not 2 <= whole <= 31:
            continue
        if high is not None and count <= high <= whole:
            count = (count + high) / 2
        told = f"{' '.join(text.words_before(m.start(), 6))} {m.group()}"
        if not _OF_NIGHTS.search(told):
            continue  # "8 out of 10" is a pain score, not a share of the nights
        yield Found("episode.per_week", round(count * 7 / whole, 2), m.start(), m.end())


def _weeks_between(m: re.Match[str]) -> float:
    """The weeks from one cramp to the next that an `_EVERY_WEEKS` match tells ("every
    week or two" is a week and a half, "every 2-3 weeks" two and a half)."""
    if m.group("pair"):
        return 1.5
    if m.group("one"):
        return _WEEKS_IN[" ".join(m.group("one").split())]
    if m.group("some"):
        return _SOME[" ".join(m.group("some").split())] * _WEEKS_IN[m.group("u")]
    low = number(m.group("a")) or 1.0
    high = number(m.group("b")) if m.group("b") else None
    return max((low + high) / 2 if high else low, 1.0) * _WEEKS_IN[m.group("v")]


def pregnancy_weeks(text: StoryText, numbers: StoryNumbers) -> Iterator[Found]:
    """The week of a pregnancy told ("28 weeks pregnant", "7 months along", "third
    trimester"), within `numbers`' weeks of pregnancy."""
    weeks = numbers.pregnancy_week
    assert weeks.low is not None and weeks.high is not None
    trimester = {
        "first": numbers.first_trimester_week.v,
        "1st": numbers.first_trimester_week.v,
        "second": numbers.second_trimester_week.v,
        "2nd": numbers.second_trimester_week.v,
    }
    for m in _PREGNANCY.finditer(text.norm):
        if m.group("tri"):
            week = trimester.get(m.group("tri"), numbers.third_trimester_week.v)
            yield Found("person.pregnancy_week", int(week), m.start(), m.end(), estimated=True)
            continue
        if m.group("mo"):
            months = number(m.group("mo"))
            if months is not None and 1 <= months <= 10:
                week = round(months * 4.35)
                yield Found("person.pregnancy_week", week, m.start(), m.end(), estimated=True)
            continue
        value = number(m.group("n") or m.group("m") or m.group("t") or "")
        if value is not None and weeks.low <= value <= weeks.high:
            yield Found("person.pregnancy_week", int(value), m.start(), m.end())
