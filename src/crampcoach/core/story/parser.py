"""Read a free-text cramp story into an Intake: `parse_story`."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from crampcoach.core.story import clock, person_numbers, quantities
from crampcoach.core.story.matcher import (
    CompiledLexicon,
    Reading,
    compiled,
    find_matches,
    negation_floors,
    read_match,
)
from crampcoach.core.story.model import Fact, FactValue, ParsedStory, intake_from_facts
from crampcoach.core.story.quantities import Found
from crampcoach.core.story.text import WORD, StoryText, build_text
from crampcoach.errors import InputError
from crampcoach.knowledge.lexicon import Lexicon

MAX_CHARS = 5000
HEAD_CHARS = 3000  # of a longer text, the start and the end are read
TAIL_CHARS = 2000
_NEAR_WORDS = 4  # a muscle this many words from a cramp word is "the cramping muscle"
MISSING_MUSCLE = (
    "which muscle cramped (for example calf, back of the thigh, front of the thigh, foot)"
)
MISSING_WHEN = "when it happened (during or after exercise, at night in bed, or at rest)"
MISSING_WHAT = "what happened (a cramp? how long it lasted, anything else you noticed)"
_THIRD_PERSON = frozenset({"he", "she", "his", "him", "her", "he's", "she's", "hers"})
_FIRST_PERSON = frozenset({"i", "i'm", "i've", "i'd", "i'll", "me", "my", "myself", "im", "ive"})
# Common English words: a text with almost none of them is not English.
_ENGLISH = frozenset(
    {"the", "a", "an", "and", "i", "my", "me", "is", "was", "it", "to", "of", "in", "on", "at"}
    | {"for", "with", "after", "before", "have", "had", "get", "got", "this", "that", "but"}
    | {"not", "no", "when", "what", "how", "why", "leg", "legs", "cramp", "cramps", "help"}
)
_MED_START = re.compile(
    r"\b(?:start\w*|began|begun|put (?:me|him|her) on|switched|prescribed|new|changed|"
    r"increased|upped|doubled|raised|added)\b"
)
_MED_RECENT = re.compile(
    r"\b(?:ago|last (?:week|month)|recently|this (?:week|month)|since|weeks?|days?|just)\b"
)
_MED_OLD = re.compile(r"\byears?\b|\bdecades?\b|\blong time\b|\bages\b")
_MONTHS_AGO = re.compile(
    r"\b(\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+months?\b"
)
_EXERCISE_SIGNS = frozenset(
    {"activity.sport", "activity.intensity", "activity.warmup", "activity.faster_than_trained"}
)
_EXERCISE_KEYS = frozenset(
    {"activity.sport", "activity.intensity", "episode.during_exercise", "episode.after_exercise"}
)
_RELATIVE_AGE = re.compile(
    r"\s*(?:,|\(|-)\s*(?:aged?\s+)?(\d{1,3})\b(?!\s*(?:weeks?|months?|days?|km|k\b|miles?|kg|lbs?|%|°))"
    r"|\s+(?:who\s+is|is|aged?|at)\s+(?:only\s+|now\s+)?(\d{1,3})\b"
    r"(?!\s*(?:weeks?|months?|days?|km|k\b|miles?|kg|lbs?|%|°|minutes?|hours?))"
)


def parse_story(text: str, lexicon: Lexicon | None = None) -> ParsedStory:
    """Read a person's own words about a cramp into an Intake, keeping the words behind each fact.

    Never fails on text: an empty, foreign or meaningless text gives `usable` False and
    `missing` lists what to ask. Raises InputError only when `text` is not a string.
    """
    if not isinstance(text, str):
        raise InputError(f"text: expected a string, got {type(text).__name__}")
    notices: list[str] = []
    if len(text) > MAX_CHARS:
        # The start says what happened; the end often says how it is now (a danger sign
        # written last must not be lost), so both are read and the middle is left out.
        head_end = text.rfind(" ", 0, HEAD_CHARS) if " " in text[:HEAD_CHARS] else HEAD_CHARS
        tail_start = text.find(" ", len(text) - TAIL_CHARS)
        tail_start = tail_start if 0 <= tail_start < len(text) else len(text) - TAIL_CHARS
        text = f"{text[:head_end]}\n...\n{text[tail_start:]}"
        notices.append(
            f"Your text was long: I read its first {HEAD_CHARS:,} and last {TAIL_CHARS:,} "
            "characters. Please keep to the cramp and what came with it."
        )
    lex = compiled(lexicon)
    english = _looks_english(text)
    story = build_text(text, lex.speller.correct if english else _no_correction)
    notices.extend(f'Read "{c.original}" as "{c.corrected}".' for c in story.corrections)
    matches = find_matches(story, lex)
    floors = negation_floors(story, matches)
    readings = [read_match(story, m, f) for m, f in zip(matches, floors, strict=True)]
    cramp = any("_cramp" in r.match.entry.set_ for r in readings)
    facts = _lexicon_facts(story, readings)
    quantities = all_quantities(story)
    anchor = _anchor(readings)
    about, relative_sex, relative_fact = _subject(story, lex, anchor)
    facts.extend(_quantity_facts(story, quantities))
    facts.extend(_age_facts(story, lex, quantities, about))
    if about == "someone_else":
        facts = [f for f in facts if f.field != "person.sex"]
        if relative_sex is not None and relative_fact is not None:
            start, end = relative_fact
            facts.append(_fact(story, "person.sex", relative_sex, start, end))
    facts.extend(_medicine_recency(story, facts))
    facts.extend(_derived(story, facts, quantities, cramp))
    facts = _mark_secondary(story, facts, readings)
    facts.sort(key=lambda f: (f.start, f.field))
    intake = intake_from_facts(facts)
    usable = cramp or any(f.field.startswith(("episode.", "findings.")) for f in facts)
    missing = _missing(facts, cramp)
    if not usable:
        notices.extend(_why_unusable(text, english))
    return ParsedStory(
        text=text,
        intake=intake,
        facts=facts,
        notices=notices,
        missing=missing,
        cramp_mentioned=cramp,
        about=about,
        usable=usable,
    )


def all_quantities(text: StoryText) -> list[Found]:
    """Every number the story gives, placed."""
    finders = (
        quantities.temperatures,
        quantities.body_temperatures,
        quantities.distances,
        quantities.durations,
        quantities.masses,
        quantities.volumes,
        quantities.humidity,
        person_numbers.ages,
        person_numbers.frequencies,
        person_numbers.pregnancy_weeks,
        clock.elapsed,
    )
    founds = [found for finder in finders for found in finder(text)]
    # "62M" or "(45f)" is the writer's age and sex, not metres or degrees Fahrenheit.
    age_sex = [(m.start(), m.end()) for m in person_numbers.AGE_SEX.finditer(text.norm)]
    return [
        f
        for f in founds
        if f.field.startswith("story.") or not any(a < f.end and f.start < b for a, b in age_sex)
    ]


def _fact(
    story: StoryText,
    field: str,
    value: FactValue,
    start: int,
    end: int,
    *,
    uncertain: bool = False,
    estimated: bool = False,
) -> Fact:
    a, b = story.source_span(start, end)
    return Fact(
        field=field,
        value=value,
        text=story.original[a:b],
        start=a,
        end=b,
        uncertain=uncertain,
        estimated=estimated,
    )


def _lexicon_facts(story: StoryText, readings: list[Reading]) -> list[Fact]:
    cramp_sentences = {
        story.sentence(r.match.start)
        for r in readings
        if "_cramp" in r.match.entry.set_ or "episode.muscle" in r.match.entry.set_
    }
    exercise_sentences = {
        story.sentence(r.match.start)
        for r in readings
        if any(k in _EXERCISE_KEYS for k in r.match.entry.set_)
    }
    facts = []
    seen: set[tuple[str, int, int]] = set()
    for reading in readings:
        entry, match = reading.match.entry, reading.match
        sentence = story.sentence(match.start)
        if entry.needs is not None and sentence not in cramp_sentences:
            continue
        if entry.needs == "rest_sentence" and sentence in exercise_sentences:
            continue
        mode = entry.negation_mode()
        for path, value in entry.set_.items():
            if path.startswith("_"):
                continue
            uncertain = reading.hedged
            if reading.status == "unknown":
                if not path.startswith("findings."):
                    continue  # "not sure if I warmed up": leave it unknown
                uncertain = True  # a possible warning sign is kept, to be safe
            elif reading.status == "denied":
                if mode == "drop" or not isinstance(value, bool):
                    continue
                value = not value
            key = (path, match.start, match.end)
            if key in seen:
                continue  # two phrases of one meaning over the same words
            seen.add(key)
            facts.append(
                _fact(
                    story, path, value, match.start, match.end,
                    uncertain=uncertain, estimated=entry.estimated,
                )
            )  # fmt: skip
    return facts


def _quantity_facts(story: StoryText, found: Iterable[Found]) -> list[Fact]:
    facts = []
    for item in found:
        if item.field.startswith("story."):
            continue
        value: FactValue = item.value
        if item.field.startswith("findings."):
            value = True
        elif item.field == "person.pregnancy_week":
            value = int(item.value)
            facts.append(_fact(story, "person.pregnant", True, item.start, item.end))
        facts.append(
            _fact(story, item.field, value, item.start, item.end, estimated=item.estimated)
        )
    return facts


def _anchor(readings: list[Reading]) -> int | None:
    """Where the story first speaks of the cramp or a sign (norm offset)."""
    for reading in readings:
        keys = reading.match.entry.set_
        if "_cramp" in keys or any(k.startswith(("findings.", "episode.muscle")) for k in keys):
            return reading.match.start
    return None


def _relative_regex(lex: CompiledLexicon) -> re.Pattern[str]:
    words = "|".join(sorted((re.escape(w) for w in lex.relatives), key=len, reverse=True))
    return re.compile(r"\b(?:my|our)\s+(?:[\w-]+\s+){0,3}?(?P<rel>" + words + r")(?:'s|s)?\b")


def _subject(
    story: StoryText, lex: CompiledLexicon, anchor: int | None
) -> tuple[str, str | None, tuple[int, int] | None]:
    """Whether the story is about the writer or someone they describe ("my 10-year-old son")."""
    mentions = list(_relative_regex(lex).finditer(story.norm))
    if not mentions or anchor is None:
        return "writer", None, None
    start, end = story.sentence(anchor)
    events: list[tuple[int, str, re.Match[str] | None]] = []
    relative_spans = [(m.start(), m.end()) for m in mentions]
    for m in mentions:
        events.append((m.start(), "other", m))
    for w in WORD.finditer(story.norm, start, end):
        if any(a <= w.start() < b for a, b in relative_spans):
            continue
        if w.group() in _THIRD_PERSON:
            events.append((w.start(), "pronoun", None))
        elif w.group() in _FIRST_PERSON:
            events.append((w.start(), "writer", None))
    before = [e for e in events if start <= e[0] < anchor]
    after = [e for e in events if anchor <= e[0] < end]
    chosen = before[-1] if before else after[0] if after else None
    if chosen is None:
        previous = [e for e in events if e[0] < start]
        chosen = previous[-1] if previous else None
    if chosen is None or chosen[1] == "writer":
        return "writer", None, None
    relative = chosen[2]
    if relative is None:  # "he"/"she": the relative named last before it
        earlier = [m for m in mentions if m.start() < chosen[0]]
        if not earlier:
            return "someone_else", None, None
        relative = earlier[-1]
    sex = lex.relatives.get(relative.group("rel"))
    return "someone_else", sex, (relative.start("rel"), relative.end("rel"))


def _age_facts(
    story: StoryText, lex: CompiledLexicon, found: list[Found], about: str
) -> list[Fact]:
    own, others = [], []
    for item in found:
        if item.field == "story.age_self":
            own.append(item)
        elif item.field == "story.age_other":
            others.append(item)
        elif item.field == "story.age_near":
            after = WORD.findall(story.norm, item.end, min(len(story.norm), item.end + 40))[:3]
            before = story.words_before(item.start, 4)
            near_relative = any(w in lex.relatives or w.rstrip("s") in lex.relatives for w in after)
            third = any(w in _THIRD_PERSON or w in lex.relatives for w in before)
            (others if near_relative or third else own).append(item)
    for m in _relative_regex(lex).finditer(story.norm):
        age = _RELATIVE_AGE.match(story.norm, m.end())
        if age:
            group = 1 if age.group(1) else 2
            value = float(age.group(group))
            if 0 < value <= 110:
                others.append(Found("story.age_other", value, age.start(group), age.end(group)))
    chosen = others if about == "someone_else" else own
    return [
        _fact(story, "person.age_years", item.value, item.start, item.end, estimated=item.estimated)
        for item in chosen
    ]


def _medicine_recency(story: StoryText, facts: list[Fact]) -> list[Fact]:
    """A medicine "started last month" (within three months) or taken "for years"."""
    out: list[Fact] = []
    seen: set[tuple[int, int]] = set()
    for fact in facts:
        if fact.field != "person.medicines":
            continue
        norm_start = _norm_offset(story, fact.start)
        norm_end = _norm_offset(story, fact.end)
        first, last = story.sentence(norm_start)
        # The words just around the medicine: "started X last month", "X for six years".
        start, end = max(first, norm_start - 50), min(last, norm_end + 30)
        if (first, last) in seen:
            continue
        seen.add((first, last))
        sentence = story.norm[start:end]
        began = _MED_START.search(sentence)
        months = [quantities.number(m.group(1)) or 0.0 for m in _MONTHS_AGO.finditer(sentence)]
        old = bool(_MED_OLD.search(sentence)) or any(n > 3 for n in months)
        if began and not old:
            value = True
        elif old and not (began and _MED_RECENT.search(sentence) and not months):
            value = False
        else:
            continue
        where = began or _MED_OLD.search(sentence) or _MONTHS_AGO.search(sentence)
        a, b = (start + where.start(), start + where.end()) if where else (norm_start, norm_end)
        out.append(_fact(story, "person.medicine_started_recently", value, a, b))
    return out


def _norm_offset(story: StoryText, original: int) -> int:
    """The working-text offset of an original offset (first character from it or later)."""
    return bisect.bisect_left(story.origin, original)


def _derived(story: StoryText, facts: list[Fact], found: list[Found], cramp: bool) -> list[Fact]:
    """Facts that follow from others: one-sided swelling, how long a cramp has lasted."""
    out: list[Fact] = []
    by_field: dict[str, list[Fact]] = {}
    for fact in facts:
        by_field.setdefault(fact.field, []).append(fact)
    swelling = by_field.get("findings.swelling", [])
    sides = {str(f.value) for f in by_field.get("episode.side", [])}
    if "findings.swelling_one_side" not in by_field and swelling:
        said = [f for f in swelling if f.value is True]
        if said and sides and sides <= {"left", "right"} and len(sides) == 1:
            first = said[0]
            out.append(first.model_copy(update={"field": "findings.swelling_one_side"}))
        elif not said:
            out.append(swelling[0].model_copy(update={"field": "findings.swelling_one_side"}))
    still = [f for f in by_field.get("episode.still_cramping", []) if f.value is True]
    ago = [q for q in found if q.field == "story.ago_s"]
    # "Cramped since 4:40, it's 5:05 now": a cramp still going on, by the clock.
    ongoing = [q for q in found if q.field == "story.ongoing_s"] if cramp else []
    if ((still and ago) or ongoing) and "episode.duration_s" not in by_field:
        item = ongoing[0] if ongoing else ago[0]
        out.append(_fact(story, "episode.duration_s", item.value, item.start, item.end))
    contexts = (
        "episode.during_exercise",
        "episode.after_exercise",
        "episode.at_night",
        "episode.at_rest",
    )
    # A cramp told with a sport, a pace or a warm-up, and no other time: during the exercise.
    signs = [
        f
        for f in facts
        if f.field in _EXERCISE_SIGNS
        and not (f.field == "activity.intensity" and f.value == "easy")
    ]
    told = cramp or "episode.muscle" in by_field
    if told and signs and not any(c in by_field for c in contexts):
        sport = signs[0]
        update = {"field": "episode.during_exercise", "value": True, "estimated": True}
        out.append(sport.model_copy(update=update))
    return out


def _mark_secondary(story: StoryText, facts: list[Fact], readings: list[Reading]) -> list[Fact]:
    """Muscles named far from every cramp word rank after those named next to one."""
    cramps = sorted(
        (r.match for r in readings if "_cramp" in r.match.entry.set_), key=lambda m: m.start
    )
    muscles = [f for f in facts if f.field == "episode.muscle"]
    if not cramps or len({f.value for f in muscles}) < 2:
        return facts
    starts = [m.start for m in cramps]
    reach = 15 * (_NEAR_WORDS + 2)  # characters: no closer cramp word can be further away

    def near(fact: Fact) -> bool:
        start, end = _norm_offset(story, fact.start), _norm_offset(story, fact.end)
        sentence = story.sentence(start)
        first = bisect.bisect_left(starts, start - reach)
        for match in cramps[first : bisect.bisect_right(starts, end + reach)]:
            if story.sentence(match.start) != sentence:
                continue
            gap = story.norm[min(end, match.end) : max(start, match.start)]
            # Same clause: "nerve damage in my feet and I get cramps in my calves" is calves.
            same_clause = story.clause_start(max(start, match.start)) <= min(start, match.start)
            if same_clause and len(WORD.findall(gap)) <= _NEAR_WORDS:
                return True
        return False

    if not any(near(f) for f in muscles):
        return facts
    far = {id(f) for f in muscles if not near(f)}
    return [f.model_copy(update={"secondary": True}) if id(f) in far else f for f in facts]


def _missing(facts: list[Fact], cramp: bool) -> list[str]:
    fields = {f.field for f in facts}
    missing = []
    if not cramp and not any(f.startswith("findings.") for f in fields):
        missing.append(MISSING_WHAT)
    if "episode.muscle" not in fields:
        missing.append(MISSING_MUSCLE)
    contexts = {
        "episode.during_exercise",
        "episode.after_exercise",
        "episode.at_night",
        "episode.at_rest",
    }
    if not fields & contexts:
        missing.append(MISSING_WHEN)
    return missing


def _no_correction(word: str) -> str | None:
    return None


def _looks_english(text: str) -> bool:
    """False for text mostly in another script, or with almost no English function words."""
    sample = text[:2000]
    letters = [c for c in sample if c.isalpha()]
    if letters and sum(1 for c in letters if not c.isascii()) > 0.3 * len(letters):
        return False
    words = WORD.findall(sample.lower())
    return len(words) < 4 or sum(1 for w in words if w in _ENGLISH) >= 0.1 * len(words)


def _why_unusable(text: str, english: bool) -> list[str]:
    if not text.strip():
        return ["The text is empty: tell me about the cramp in a few words."]
    if not english:
        return ["This does not look like English; crampcoach reads English only."]
    return ["I could not find a cramp, a muscle or a symptom in the text."]
