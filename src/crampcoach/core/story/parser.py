"""Read a free-text cramp story into an Intake: `parse_story`."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable
from datetime import date

from crampcoach.core.story import (
    clock,
    cooling,
    durations,
    language,
    names,
    owners,
    person_numbers,
    quantities,
)
from crampcoach.core.story.context import Context
from crampcoach.core.story.derived import (
    chronic_cold,
    derived,
    fact_at,
    mark_secondary,
    medicine_recency,
    norm_offset,
    not_walked_off,
    tried_after_cramp,
    walking_pain_eased_by_rest,
)
from crampcoach.core.story.history import (
    denied_after_others,
    retracted,
    set_aside,
    someone_else_now,
)
from crampcoach.core.story.matcher import CompiledLexicon, compiled, find_matches
from crampcoach.core.story.model import Fact, FactValue, ParsedStory, intake_from_facts
from crampcoach.core.story.people import THIRD_PERSON
from crampcoach.core.story.quantities import Found
from crampcoach.core.story.readings import (
    Reading,
    at_work,
    negation_floors,
    read_match,
    told_as_denied,
)
from crampcoach.core.story.text import WORD, StoryText, build_text
from crampcoach.errors import InputError
from crampcoach.i18n import N_, NP_
from crampcoach.knowledge.lexicon import Lexicon
from crampcoach.knowledge.regexes import kept_regex
from crampcoach.knowledge.story_cues import StoryNumbers
from crampcoach.message import Message

MAX_CHARS = 100_000  # read whole up to here; time grows in line with the length
# What a story leaves out, as message ids (`ParsedStory.missing`).
MISSING_MUSCLE = N_(
    "which muscle cramped (for example calf, back of the thigh, front of the thigh, foot)"
)
MISSING_WHEN = N_("when it happened (during or after exercise, at night in bed, or at rest)")
MISSING_WHAT = N_("what happened (a cramp? how long it lasted, anything else you noticed)")
# Words of exercise in a sentence ("last night, no warm-up before squash, ..."): a night or an
# evening told in it is when the session was, not a night in bed.
_EXERCISE_KEYS = frozenset(
    {
        "activity.sport",
        "activity.intensity",
        "activity.warmup",
        "activity.unaccustomed",
        "activity.faster_than_trained",
        "episode.during_exercise",
        "episode.after_exercise",
    }
)
_SENTENCE_NEEDS = frozenset({"cramp_sentence", "rest_sentence"})
_LOST_AWARENESS = "findings.confusion"  # a fall after a cramp counts with it
_RELATIVE_AGE = kept_regex(
    r"\s*(?:,|\(|-)\s*(?:aged?\s+)?(\d{1,3})\b(?!\s*(?:weeks?|months?|days?|km|k\b|miles?|kg|lbs?|%|°))"
    r"|\s+(?:who\s+is|is|aged?|at)\s+(?:only\s+|now\s+)?(\d{1,3})\b"
    r"(?!\s*(?:weeks?|months?|days?|km|k\b|miles?|kg|lbs?|%|°|minutes?|hours?))"
)


def parse_story(
    text: str, lexicon: Lexicon | None = None, *, today: date | None = None
) -> ParsedStory:
    """Read a person's own words about a cramp into an Intake, keeping the words behind each fact.

    Never fails on text: an empty, foreign or meaningless text gives `usable` False and
    `missing` lists what to ask. Signs told of someone else or of the past go to `history`,
    not into the Intake; `today` tells which years are past ("in 2019"). Raises InputError
    only when `text` is not a string.
    """
    if not isinstance(text, str):
        raise InputError(N_("text: expected a string, got {kind}"), kind=type(text).__name__)
    notices: list[Message] = []
    if len(text) > MAX_CHARS:
        text, left_out = _cut(text)
        notices.append(
            Message(
                NP_(
                    "Your text was long: I read its first {read} characters; "
                    "the last {left} was not read.",
                    "Your text was long: I read its first {read} characters; "
                    "the last {left} were not read.",
                    "left_out",
                ),
                {"read": f"{len(text):,}", "left": f"{left_out:,}", "left_out": left_out},
            )
        )
    lex = compiled(lexicon)
    other_language, english = language.read_as(text, lex.languages)
    story = build_text(text, lex.speller.correct if english else _no_correction)
    notices.extend(
        Message(
            N_('Read "{original}" as "{corrected}".'),
            {"original": c.original, "corrected": c.corrected},
        )
        for c in story.corrections
        # "hasnt", "pls": no misspelling to tell
        if c.corrected.replace("'", "") != c.original
        and c.original.lower() not in lex.lexicon.shorthands
    )
    matches = find_matches(story, lex)
    floors = negation_floors(story, matches)
    readings = [
        read_match(story, m, f, lex.sign_nouns) for m, f in zip(matches, floors, strict=True)
    ]
    readings = at_work(story, readings)
    cramp = any("_cramp" in r.match.entry.set_ for r in readings)
    facts = names.not_by_names(_lexicon_facts(story, readings), names.name_spans(text, lex.words))
    facts.extend(_unnamed_medicines(story, readings, facts))
    quantities = all_quantities(story, lex.lexicon.numbers)
    context = Context(story, lex.context, today)
    told = owners.cramps(story, context, readings)
    signs = [
        (norm_offset(story, f.start), norm_offset(story, f.end))
        for f in facts
        if f.field.startswith("findings.") and f.value is True
    ]
    subject = owners.subject(story, told, context, _anchor(readings, context), signs)
    facts.extend(_quantity_facts(story, _of_cramps(story, quantities, readings)))
    facts.extend(
        fact_at(story, "findings.not_improving_with_cooling", True, start, end)
        for start, end in cooling.not_improving(story, lex.cooling)
    )
    facts.extend(_age_facts(story, lex, quantities, subject.about, context.introduced))
    if subject.about == "someone_else":
        facts = [f for f in facts if f.field != "person.sex"]
        if subject.sex is not None and subject.word is not None:
            start, end = subject.word
            facts.append(fact_at(story, "person.sex", subject.sex, start, end))
    facts = retracted(story, facts, context)
    facts, history = set_aside(
        story, facts, context, subject, owners.theirs(told, context, subject)
    )
    facts.extend(denied_after_others(story, history, context, subject))
    theirs, history = someone_else_now(story, history, context, subject)
    facts.extend(medicine_recency(story, facts, lex.lexicon.numbers))
    tried = tried_after_cramp(readings)
    facts.extend(
        derived(
            story,
            facts,
            quantities,
            cramp,
            tried,
            walking_pain_eased_by_rest(readings, context.is_possible),
        )
    )
    facts = not_walked_off(story, facts, tried)
    facts = chronic_cold(story, facts)
    facts = mark_secondary(story, facts, readings) + theirs
    facts.sort(key=lambda f: (f.start, f.field))
    if other_language:  # words read from another language mean nothing
        facts, history = [], []
    intake = intake_from_facts(facts)
    usable = not other_language and (
        cramp or any(f.field.startswith(("episode.", "findings.", "someone_else.")) for f in facts)
    )
    missing = _missing(facts, cramp and usable)
    if not usable:
        notices.extend(language.why_unusable(text, english, other_language))
    return ParsedStory(
        text=text,
        intake=intake,
        facts=facts,
        history=history,
        notices=notices,
        missing=missing,
        cramp_mentioned=cramp,
        about=subject.about,
        usable=usable,
    )


def _cut(text: str) -> tuple[str, int]:
    """The first MAX_CHARS characters of `text` (ending at a space when one is near)."""
    end = text.rfind(" ", MAX_CHARS - 100, MAX_CHARS + 1)
    end = end if end > 0 else MAX_CHARS
    return text[:end], len(text) - end


def all_quantities(text: StoryText, numbers: StoryNumbers) -> list[Found]:
    """Every number the story gives, placed (`numbers`: the thresholds it is read by)."""
    # "62M" or "(45f)" is the writer's age and sex (an age to `ages`), not metres or degrees
    # Fahrenheit: found once for both.
    tags = list(person_numbers.AGE_SEX.finditer(text.norm))
    founds = [
        *quantities.temperatures(text, numbers),
        *quantities.body_temperatures(text, numbers),
        *person_numbers.pregnancy_weeks(text, numbers),
        *quantities.distances(text),
        *durations.durations(text),
        *quantities.masses(text),
        *quantities.volumes(text),
        *quantities.humidity(text),
        *person_numbers.ages(text, tags),
        *person_numbers.frequencies(text),
        *clock.elapsed(text),
    ]
    age_sex = [(m.start(), m.end()) for m in tags]
    return [
        f
        for f in founds
        if f.field.startswith("story.") or not any(a < f.end and f.start < b for a, b in age_sex)
    ]


def _unnamed_medicines(story: StoryText, readings: list[Reading], facts: list[Fact]) -> list[Fact]:
    """A medicine started under a name the lexicon does not read, its spelling doubted
    ("started zorva lix (sp?) for my cholesterol"), where no medicine is read in the same
    words (a name the lexicon knows is that medicine, once)."""
    read = [
        (norm_offset(story, f.start), norm_offset(story, f.end))
        for f in facts
        if f.field == "person.medicines"
    ]
    return [
        fact_at(story, "person.medicines", "other", r.match.start, r.match.end)
        for r in readings
        if "_unnamed_medicine" in r.match.entry.set_
        and r.status == "said"
        and not any(a < r.match.end and r.match.start < b for a, b in read)
    ]


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
    confused = any(
        r.match.entry.set_.get(_LOST_AWARENESS) is True and r.status == "said" for r in readings
    )
    # The cramps told, not denied ("there was no cramp, she just dropped"), and the muscles:
    # a fall told with them, or in the sentence after them, came with the cramp. Looked for
    # only in a story that tells of a fall.
    falls = any(r.match.entry.needs == "not_after_cramp" for r in readings)
    said_cramps = [
        r.match
        for r in readings
        if falls and "_cramp" in r.match.entry.set_ and not told_as_denied(story, r.match)
    ]
    cramps_at = sorted((m.start, m.end) for m in said_cramps)
    fell_with = {story.sentence(m.start) for m in said_cramps} | {
        story.sentence(r.match.start) for r in readings if "episode.muscle" in r.match.entry.set_
    }
    facts = []
    seen: set[tuple[str, int, int]] = set()
    for reading in readings:
        entry, match = reading.match.entry, reading.match
        sentence = story.sentence(match.start)
        if entry.needs in _SENTENCE_NEEDS and sentence not in cramp_sentences:
            continue
        if entry.needs == "rest_sentence" and sentence in exercise_sentences:
            continue
        if entry.needs == "cramp_near" and not (
            sentence in cramp_sentences
            or story.sentence_before(sentence) in cramp_sentences
            or story.sentence_after(sentence) in cramp_sentences
        ):
            continue  # "My calf cramped an hour ago. It's still hard as wood."
        if (
            entry.needs == "not_after_cramp"
            and not confused
            and (
                story.sentence_before(sentence) in fell_with
                or _fell_with_cramp(story.norm, cramps_at, match.start, match.end)
            )
        ):
            # "Her hamstring went. Down she went (, we stretched it).", "her thigh seized and
            # she sank to the floor": they fell with the cramp
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
                fact_at(
                    story, path, value, match.start, match.end,
                    uncertain=uncertain, estimated=entry.estimated,
                )
            )  # fmt: skip
    return facts


# A fall that came with the cramp, in one sentence: joined to it bare ("her thigh seized and
# she sank to the floor"), and the end of its clause after it, but for where ("on the pitch")
# or the pain of someone awake ("dropped and lay writhing", "... clutching it").
_JOINED_BARE = kept_regex(
    r"(?:\s+(?:up|hard|badly|solid|tight|together|suddenly|again|at\s+once|at\s+the\s+same\s+time))*"
    r"\s*,?\s*(?:and\s+)?(?:(?:he|she|i|they|we)\s+)?"
)
_FALL_ENDS_CLAUSE = kept_regex(
    r"(?:\s+(?:on|onto|to|in)\s+(?:the\s+|a\s+)?[\w-]+)?"
    r"(?:\s*,?\s+(?:and\s+)?(?:was\s+|is\s+|lay\s+|just\s+)?(?:rolling|writhing|screaming|yelling|"
    r"shouting|swearing|crying|clutching|holding|grabbing|gripping)\b[^.;!?\n]*)?\s*(?:[.;!?\n]|$)"
)


def _fell_with_cramp(norm: str, cramps_at: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether the fall told at [start, end) came with a cramp told just before it: joined
    to the cramp by a bare "and" or comma, and nothing more told of the fall in its clause.
    Not when the fall is told as what came next ("got a cramp and then she just dropped"),
    after anything else ("it eased, and at mile 10 he dropped"), or with more of it ("he
    dropped to the ground, grey and clammy"). `cramps_at`: (start, end) of each cramp told
    (not denied), sorted."""
    index = bisect.bisect_left(cramps_at, (start,)) - 1
    if index < 0:
        return False
    cramp_end = cramps_at[index][1]
    joined = cramp_end <= start and _JOINED_BARE.fullmatch(norm, cramp_end, start) is not None
    return joined and _FALL_ENDS_CLAUSE.match(norm, end) is not None


_CHANGED_TO = kept_regex(r"\s*,?\s*(?:up\s+|down\s+|right\s+up\s+)?to\s+(?:about\s+|around\s+)?")
_FRAGMENT_WORDS = 2  # words beside a quantity in a sentence that tells nothing else
# A remedy taken, just before how often: "take magnesium every night", "drinking tonic
# water most evenings" (not "I get cramps every night").
_TAKEN_SO_OFTEN = kept_regex(
    r"\b(?:take|takes|taking|took|drink|drinks|drinking|use|uses|using|apply|applies|applying|"
    r"eat|eats|eating|spray|sprays|spraying)\s+(?:(?!(?:and|or|but|then|i|he|she|it|this|that|"
    r"they|we|wakes?|waking|woke|gets?|getting|got|become|becomes|became|have|has|had|cramp\w*|"
    r"spasm\w*)\b)[\w'-]+\s+){1,3}$"
)
_TAKEN_REACH = 60  # characters before a frequency where the remedy is looked for
_OF_IT = kept_regex(r"\b(?:it|they|this|these|those|them|same|happens?|happening|comes?)\b")


def _fragment(story: StoryText, sentence: tuple[int, int], item: Found) -> bool:
    """Whether the quantity is all its sentence says, but a word or two ("Most nights.")."""
    rest = story.norm[sentence[0] : item.start] + " " + story.norm[item.end : sentence[1]]
    return len(WORD.findall(rest)) <= _FRAGMENT_WORDS


def _of_cramps(story: StoryText, found: list[Found], readings: list[Reading]) -> list[Found]:
    """The quantities, less how often something other than a cramp happens: "I teach
    Monday to Friday, five days a week" is no cramp five times a week. A frequency counts in a
    sentence that speaks of a cramp or a muscle, or of "it" ("it happens most nights")."""
    cramped = {story.sentence(r.match.start) for r in readings if "_cramp" in r.match.entry.set_}
    told = cramped | {
        story.sentence(r.match.start) for r in readings if "episode.muscle" in r.match.entry.set_
    }
    kept = []
    for item in found:
        sentence = story.sentence(item.start)
        if item.field == "episode.per_week" and _fragment(story, sentence, item):
            # "Several times a week.": a frequency told alone goes with the sentence before.
            sentence = story.sentence_before(sentence) or sentence
        if (
            item.field == "episode.per_week"
            and sentence not in told
            and not _OF_IT.search(story.norm, sentence[0], sentence[1])
        ):
            continue
        if item.field == "episode.per_week" and _TAKEN_SO_OFTEN.search(
            story.norm, max(sentence[0], item.start - _TAKEN_REACH), item.start
        ):
            continue  # "take magnesium every night": how often a remedy is taken
        kept.append(item)
    # A rough gap ("every week or two") counts only where no count is told: "the odd one,
    # once in a few months, for years; these days most nights".
    if any(i.field == "episode.per_week" and not i.estimated for i in kept):
        kept = [i for i in kept if i.field != "episode.per_week" or not i.estimated]
    # "From twice a month up to most nights": the count the change reached is today's,
    # whatever count was told before it.
    weekly = [i for i in kept if i.field == "episode.per_week"]
    reached = {
        id(b)
        for a, b in itertools.pairwise(weekly)
        if _CHANGED_TO.fullmatch(story.norm, a.end, b.start)
    }
    if reached:
        kept = [i for i in kept if i.field != "episode.per_week" or id(i) in reached]
    # "I swim twice a week, no bother with my legs. Now my calves cramp four nights a week":
    # told beside a cramp, how often it comes wins over how often the person does things.
    if any(i.field == "episode.per_week" and story.sentence(i.start) in cramped for i in kept):
        kept = [
            i for i in kept if i.field != "episode.per_week" or story.sentence(i.start) in cramped
        ]
    return kept


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
            facts.append(fact_at(story, "person.pregnant", True, item.start, item.end))
        facts.append(
            fact_at(story, item.field, value, item.start, item.end, estimated=item.estimated)
        )
    return facts


def _anchor(readings: list[Reading], context: Context) -> int | None:
    """Where the story first speaks of the cramp, or else of a sign (norm offset).

    The person who had the cramp is the one the story is about. Words told of the past
    ("my friend collapsed at a race last year") say nothing of whom; nor does a sign of a
    person named beside the writer ("my dad had a swollen calf; now my calf is swollen").
    """
    cramps, writer, signs, past = [], [], [], []
    for reading in readings:
        match = reading.match
        keys = match.entry.set_
        cramp = "_cramp" in keys
        if not cramp and not any(k.startswith(("findings.", "episode.muscle")) for k in keys):
            continue
        if context.is_past(match.start, match.end):
            past.append(match.start)
        elif cramp and owners.a_topic(context.story, match.start):
            continue  # a cramp talked of, nobody's
        elif cramp:
            cramps.append(match.start)
        else:
            signs.append(match.start)
            who = context.experiencer(match.start, match.end)
            if who is None or who.kind == "writer":
                writer.append(match.start)
    for found in (cramps, writer, signs, past):
        if found:
            return found[0]
    return None


def _age_facts(
    story: StoryText, lex: CompiledLexicon, found: list[Found], about: str, introduced: list[int]
) -> list[Fact]:
    """The age of the person the story is about (`about`): the writer's own, or one told
    of someone else, beside a relative or a name (`introduced`: where each one ends, as the
    context found them)."""
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
            third = any(w in THIRD_PERSON or w in lex.relatives for w in before)
            (others if near_relative or third else own).append(item)
    for end in introduced:
        age = _RELATIVE_AGE.match(story.norm, end)
        if age:
            group = 1 if age.group(1) else 2
            value = float(age.group(group))
            if 0 < value <= 110:
                others.append(Found("story.age_other", value, age.start(group), age.end(group)))
    chosen = others if about == "someone_else" else own
    field = "person.age_years"
    return [
        fact_at(story, field, item.value, item.start, item.end, estimated=item.estimated)
        for item in chosen
    ]


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
