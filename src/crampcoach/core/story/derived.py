"""Facts that follow from others: one-sided swelling, how long a still-going cramp has
lasted, stretching that did not release it, an exercise context, how recent a medicine
is, which muscle is the cramping one.

Also the two helpers every step uses: a Fact at working-text offsets, and the way back.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from crampcoach.core.story import quantities
from crampcoach.core.story.model import Fact, FactValue
from crampcoach.core.story.quantities import Found
from crampcoach.core.story.readings import Reading
from crampcoach.core.story.text import WORD, StoryText
from crampcoach.knowledge.regexes import kept_regex
from crampcoach.knowledge.story_cues import StoryNumbers

_HANDLED = kept_regex(
    r"\b(?:pull|push|yank|point|bend|bent|stood|stand|onto)\w*\s+(?:[\w']+\s+){0,3}$"
)
_NEAR_WORDS = 4  # a muscle this many words from a cramp word is "the cramping muscle"
_LIST_REACH = 160  # characters: no list of muscles longer than this is read as one
_MED_VERBS = (
    # ... "once he begins the pills", as a learner may tell the start in the present.
    r"\b(?:start\w*|began|begun|begins?(?=\s+(?:to\s+take|taking|the|a|an|my|his|her|on|with)\b)|"
    # ... also passive: "was put on atorvastatin three weeks ago".
    r"put (?:(?:me|him|her|them|us) )?on|switched|swapped|prescribed|changed|"
    # "Doctor change my inhaler" in a learner's English; not "no change" nor "no changes".
    r"(?<!\bno )(?<!\bany )change(?=\s+(?:my|his|her|the|their|to)\b)|"
    r"increased|upped|doubled|raised|added)\b"
)
# ... nor asked of the future: "could my diuretic be swapped?" (a question; "had to be
# started on them last week" was).
_DENIED = (
    r"(?<!n't )(?<!\bnot )(?<!\bnever )(?<!n't been )(?<!\bnot been )"
    r"(?:(?<!\bbe )|(?![^.!?\n]*\?))"
)
_MED_START = kept_regex(
    # Not when denied ("haven't changed for years", "never started"), unless up to a time
    # ("I hadn't started the statin till two weeks ago").
    _DENIED
    + _MED_VERBS
    + r"|(?<=n't |not )(?:been\s+)?"
    + _MED_VERBS
    + r"(?=[^.;!?]{0,60}?\b(?:until|till|til)\b)"
    # "New", unless denied: "no new tablets", "nothing new", "not on anything new".
    r"|(?<!\bno )(?<!\bany )(?<!\bnothing )(?<!\banything )\bnew\b"
    # Given by a doctor: "the doctor gave me a statin", "my GP give me" (as some write it).
    r"|\b(?:gave|give|gives|given)\s+(?:me|him|her|them|us)\b"
    # A round of a treatment given lately: "the third cycle of chemo on Tuesday".
    r"|\b(?:round|cycle|course|infusion|dose|injection)s?\s+of\b(?=[^.;!?]{0,60}?\b(?:last\s+"
    r"(?:week|night)|yesterday|this\s+week|(?:a|one|two|three|four|five|six|few|couple\s+of|\d+)"
    r"\s+(?:days?|weeks?)\s+ago|on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday))\b)"
    # Taken for a few days or weeks: "on it since two weeks", "on it for ten days".
    r"|\b(?:since|for)\s+(?:the\s+(?:last|past)\s+)?(?:about\s+|around\s+|roughly\s+|nearly\s+|"
    r"almost\s+|only\s+|just\s+)?(?:\d+|a|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|a\s+few|few|several|a\s+couple\s+of|couple\s+of)\s+(?:days?|weeks?)\b"
    # ... or months up to now ("since two months", "for the past month"), which
    # `_MONTHS_AGO` then weighs against the window; not a course "for three months" in 2019.
    r"|\b(?:since|for\s+the\s+(?:last|past))\s+(?:\d+\s+|a\s+|one\s+|two\s+|three\s+|four\s+|"
    r"five\s+|six\s+)?months?\b"
)
# Taken for some days or weeks, told after the medicine in a clause of its own that points
# back at it: "omeprazole, which I've been taking daily for about six weeks", "on them for
# nine days now" (not "been on holiday for two weeks").
_TAKEN_FOR = kept_regex(
    r"\b(?:(?:which|that)\s+(?:i|he|she|we|they)(?:'ve|'s|\s+have|\s+has|\s+had)?\s+"
    r"(?:(?:now|been|also)\s+)*(?:taking|taken|took|on|using|used)|"
    r"(?:taking|taken|took|on|using|used)\s+(?:it|them|this|these))\b"
    r"(?:\s+(?!(?:and|but)\b)[\w']+){0,3}?\s+for\s+"
    r"(?:the\s+(?:last|past)\s+)?(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+|only\s+|"
    r"just\s+)?(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|few|several|"
    r"a\s+couple\s+of)\s+(?:days?|weeks?)\b"
)
_TAKEN_FOR_REACH = 80  # characters after the medicine's name
_MED_RECENT = kept_regex(
    r"\b(?:ago|last (?:week|month)|recently|this (?:week|month)|since|weeks?|days?|just)\b"
)
# Taken for years; not a "15-year-old" or "70 years old" taking it.
_MED_OLD = kept_regex(r"(?<!-)\byears?\b(?![\s-]+old\b)|\bdecades?\b|\blong time\b|\bages\b")
# characters: a medicine named this near the start of its sentence may take its start from
# the sentence before ("... changed my tablets last month. Now it's X")
_NAMED_EARLY = 30
_MONTHS_AGO = kept_regex(
    r"\b(\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+months?\b"
)
_EXERCISE_SIGNS = frozenset(
    {"activity.sport", "activity.intensity", "activity.warmup", "activity.faster_than_trained"}
)


def fact_at(
    story: StoryText,
    field: str,
    value: FactValue,
    start: int,
    end: int,
    *,
    uncertain: bool = False,
    estimated: bool = False,
) -> Fact:
    """A Fact set by the words at [start, end) of the working text, quoted from the original."""
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


def medicine_recency(story: StoryText, facts: list[Fact], numbers: StoryNumbers) -> list[Fact]:
    """A medicine "started last month" (within `numbers.recent_medicine_months`) or taken
    "for years"."""
    out: list[Fact] = []
    seen: set[tuple[int, int]] = set()
    told: set[tuple[int, int, bool]] = set()
    for fact in facts:
        if fact.field != "person.medicines":
            continue
        norm_start = norm_offset(story, fact.start)
        norm_end = norm_offset(story, fact.end)
        first, last = story.sentence(norm_start)
        # The words just around the medicine, from its clause: "started X last month", "X for
        # six years"; not "eczema since childhood, but the tablets are new".
        start = max(first, story.clause_start(norm_start), norm_start - 50)
        end = min(last, norm_end + 30)
        # Each medicine's own words: two in one sentence may be old and new ("on a statin
        # for years until 2021. in march the gp added indapamide").
        if (start, end) in seen:
            continue
        seen.add((start, end))
        sentence = story.norm[start:end]
        # Who started it may be told further back ("the nurse switched his inhaler to a
        # combination one (Seretide)"); how long it has been taken, close by.
        began = _MED_START.search(story.norm, max(first, norm_start - 90), end)
        earlier = _told_just_before(story, (first, last), norm_start) if began is None else None
        if earlier is not None:
            # "The GP changed my inhaler a month ago. Now it's a salmeterol one."
            began = _MED_START.search(story.norm, earlier, end)
        if began is None:
            began = _TAKEN_FOR.search(story.norm, norm_end, min(last, norm_end + _TAKEN_FOR_REACH))
        months = [quantities.number(m.group(1)) or 0.0 for m in _MONTHS_AGO.finditer(sentence)]
        recent = numbers.recent_medicine_months.v
        old = bool(_MED_OLD.search(sentence)) or any(n > recent for n in months)
        if began and not old:
            value = True
        elif old and not (began and _MED_RECENT.search(sentence) and not months):
            value = False
        else:
            continue
        where = _MED_OLD.search(sentence) or _MONTHS_AGO.search(sentence)
        if began is not None:
            a, b = began.span()
        elif where is not None:
            a, b = start + where.start(), start + where.end()
        else:
            a, b = norm_start, norm_end
        if (a, b, value) not in told:  # two names of one medicine, one start told
            told.add((a, b, value))
            out.append(fact_at(story, "person.medicine_started_recently", value, a, b))
    return out


# A medicine named as a kind of thing, in the sentence before the one that names it.
_MEDICINE_THING = kept_regex(
    r"\b(?:inhalers?|tablets?|pills?|medicines?|medications?|meds|jabs?|injections?|patch|"
    r"prescriptions?|dose)\b"
)


def _told_just_before(story: StoryText, sentence: tuple[int, int], at: int) -> int | None:
    """Where the sentence before `sentence` begins, when it tells of a medicine as a kind
    of thing and the medicine at `at` is named near the start of its own sentence."""
    if at - sentence[0] > _NAMED_EARLY:
        return None
    before = story.sentence_before(sentence)
    if before is None or not _MEDICINE_THING.search(story.norm, *before):
        return None
    return before[0]


def _sides_in_sentence(story: StoryText, fact: Fact, sides: list[Fact]) -> set[str]:
    """The sides told in the sentence of `fact`."""
    sentence = story.sentence(norm_offset(story, fact.start))
    return {
        str(side.value)
        for side in sides
        if story.sentence(norm_offset(story, side.start)) == sentence
    }


def norm_offset(story: StoryText, original: int) -> int:
    """The working-text offset of an original offset (first character from it or later)."""
    return bisect.bisect_left(story.origin, original)


def tried_after_cramp(readings: list[Reading]) -> list[tuple[int, int]]:
    """Where the person tells what they did to release the cramp, after it is first told.

    "I was walking round the shops when my calf cramped" is no attempt to release it.
    """
    cramps = [r.match.start for r in readings if "_cramp" in r.match.entry.set_]
    if not cramps:
        return []
    first = min(cramps)
    return [
        (r.match.start, r.match.end)
        for r in readings
        if r.status == "said"
        and r.match.start > first
        and ("_tried" in r.match.entry.set_ or "_remedy" in r.match.entry.set_)
    ]


_WALK_BEFORE = 500  # characters: how far before the stop the walk may be told
_EASES_AFTER = 400  # characters: how soon after the stop it is told to ease
_EASES_BEFORE = 300  # characters: how far before the stop an easing told first may stand
_RECURS_AFTER = 300  # characters: how soon after it eased it is told to come back
_RECURS_BEFORE = 300  # characters: how far before the stop a return told as a habit may be
_PAIN_BEFORE = 300  # characters: the pain that made the person stop


_HABIT_REACH = 400  # characters between a walking habit and the stop it tells of


def walking_pain_eased_by_rest(
    readings: list[Reading], imagined: Callable[[int], bool] = lambda position: False
) -> tuple[int, int] | None:
    """Where a story tells claudication over a few sentences, if it does: walking, pain
    that makes the person stop, easing within minutes of standing or rest, and the pain
    coming back ("by the third street the calf burns and I must stop. A minute still and
    it wears off; two streets on it returns"), or told as a habit ("whenever I walk ...")
    outside what is only imagined (`imagined`: "tell her if it ever hurts when you walk").
    The span is the stop.
    """
    parts: dict[str, list[int]] = {}
    stops: list[tuple[int, int]] = []
    for r in readings:
        part = r.match.entry.set_.get("_walk_story")
        if part is None or r.status != "said":
            continue
        parts.setdefault(str(part), []).append(r.match.start)
        if part == "stop":
            stops.append((r.match.start, r.match.end))
    for start, end in stops:
        # "Once I stop by a gate for a bit it passes": the easing may start at the stop.
        eases = [q for q in parts.get("eases", []) if start <= q <= end + _EASES_AFTER]
        if eases:
            # The return may be told first, as a habit ("it always starts at the same spot").
            recurs = [
                q
                for q in parts.get("recurs", [])
                if start - _RECURS_BEFORE <= q <= eases[0] + _RECURS_AFTER and q != eases[0]
            ]
            walks = [w for w in parts.get("walk", []) if start - _WALK_BEFORE <= w <= eases[0]]
            # The pain that made the person stop, told before the stop or just after it ("she
            # stopped at a bench, her calf gripping"), before it eased.
            pains = [p for p in parts.get("pain", []) if start - _PAIN_BEFORE <= p < eases[0]]
        else:
            # Told out of order, the easing first ("Standing a minute settles it. Out walking,
            # the calf grips until I must halt; I set off and it returns").
            eases = [q for q in parts.get("eases", []) if start - _EASES_BEFORE <= q < start]
            recurs = [q for q in parts.get("recurs", []) if start < q <= end + _RECURS_AFTER]
            walks = [w for w in parts.get("walk", []) if start - _WALK_BEFORE <= w <= start]
            pains = [p for p in parts.get("pain", []) if start - _PAIN_BEFORE <= p < start]
        # Told as a habit ("whenever I walk ..."), each time stands for its return.
        habits = [
            h for h in parts.get("habit", []) if abs(h - start) <= _HABIT_REACH and not imagined(h)
        ]
        if eases and (recurs or habits) and walks and pains:
            return start, end
    return None


_CONDITION = frozenset({"when", "whenever", "if", "every", "each", "once", "as", "after"})
_CONDITION_WORDS = 3  # words before a walk that may make it a condition


def not_walked_off(story: StoryText, facts: list[Fact], tried: list[tuple[int, int]]) -> list[Fact]:
    """The facts, less walking pain eased by rest told from a walk that was done to release
    a cramp ("stretched it, walked about the hall, stood on it: it eases, then grips
    again"): that walk did not bring the pain on, so it tells no claudication. A walk told
    as a condition ("when I walk round the block it aches") still does."""

    def walked_off(fact: Fact) -> bool:
        start = norm_offset(story, fact.start)
        if not any(a <= start < b for a, b in tried):
            return False
        return not _CONDITION.intersection(story.words_before(start, _CONDITION_WORDS))

    return [
        f
        for f in facts
        if not (
            f.field == "findings.pain_on_walking_eased_by_rest"
            and f.value is True
            and walked_off(f)
        )
    ]


_SUDDEN = kept_regex(
    r"\b(?:sudden\w*|all\s+of\s+a\s+sudden|out\s+of\s+nowhere|just\s+now|this\s+(?:morning|"
    r"afternoon|evening)|tonight|an?\s+hour\s+ago|minutes\s+ago|since\s+(?:this|an?\s+hour))\b"
)


# "Nothing sudden about it", "it wasn't sudden at all": no sudden onset told.
_NOT_SUDDEN = frozenset({"not", "no", "nothing", "never", "wasn't", "isn't", "wasnt", "isnt"})


def chronic_cold(story: StoryText, facts: list[Fact]) -> list[Fact]:
    """A foot colder or paler than the other, in a story of walking pain that rest eases
    (claudication), is the lasting sign of narrowed arteries (cold feet), not a limb that
    suddenly lost its blood supply, unless the story says it came suddenly [S43]."""
    if not any(f.field == "findings.pain_on_walking_eased_by_rest" and f.value for f in facts):
        return facts
    sudden = _SUDDEN.finditer(story.norm)
    if any(not _NOT_SUDDEN & set(story.words_before(m.start(), 3)) for m in sudden):
        return facts
    return [
        f.model_copy(update={"field": "findings.cold_feet"})
        if f.field == "findings.cold_pale_limb" and f.value is True and " than " in f.text.lower()
        else f
        for f in facts
    ]


_BOTH_SIDES = frozenset({"ankles", "legs", "feet", "calves", "both", "shins", "thighs"})
_ONE_SIDE = frozenset({"left", "right", "one", "other"})


def _both_sides(story: StoryText, fact: Fact, sentences: dict[tuple[int, int], set[str]]) -> bool:
    """Whether the swelling of `fact` is told of both limbs, close beside its words ("puffy
    ankles", "both swollen"), in a sentence that names no one side ("the right calf is
    thicker than the other" is one-sided, however many legs it names).

    `sentences` keeps each sentence's words once read, so that a long text with many
    swellings is read in time in line with its length."""
    start, end = norm_offset(story, fact.start), norm_offset(story, fact.end)
    following = WORD.search(story.norm, end)
    after = [following.group()] if following else []
    bounds = story.sentence(start)
    if bounds not in sentences:
        sentences[bounds] = set(WORD.findall(story.norm, *bounds))
    named = {*story.words_before(start, 4), *after, *WORD.findall(story.norm, start, end)}
    return bool(_BOTH_SIDES & named) and not _ONE_SIDE & sentences[bounds]


def derived(
    story: StoryText,
    facts: list[Fact],
    found: list[Found],
    cramp: bool,
    tried: list[tuple[int, int]],
    walk_story: tuple[int, int] | None = None,
) -> list[Fact]:
    """Facts that follow from others: one-sided swelling, how long a cramp has lasted,
    stretching that did not release a cramp still holding (`tried`: where the person tells
    what they did to release it), claudication told over a few sentences (`walk_story`)."""
    out: list[Fact] = []
    by_field: dict[str, list[Fact]] = {}
    for fact in facts:
        by_field.setdefault(fact.field, []).append(fact)
    swelling = by_field.get("findings.swelling", [])
    sides = {str(f.value) for f in by_field.get("episode.side", [])}
    # "puffy ankles", "both legs swollen": swelling of both sides is not one-sided.
    read: dict[tuple[int, int], set[str]] = {}
    both = [f for f in swelling if f.value is True and _both_sides(story, f, read)]
    if "findings.swelling_one_side" not in by_field and swelling:
        said = [f for f in swelling if f.value is True and f not in both]
        if said and sides and sides <= {"left", "right"} and len(sides) == 1:
            first = said[0]
            out.append(first.model_copy(update={"field": "findings.swelling_one_side"}))
        elif both and not said:
            update = {"field": "findings.swelling_one_side", "value": False}
            out.append(both[0].model_copy(update=update))
        elif not said:
            out.append(swelling[0].model_copy(update={"field": "findings.swelling_one_side"}))
        else:  # one side named beside the swelling: "the right calf has swelled up"
            for fact in said:
                near = _sides_in_sentence(story, fact, by_field.get("episode.side", []))
                if len(near) == 1 and near <= {"left", "right"}:
                    out.append(fact.model_copy(update={"field": "findings.swelling_one_side"}))
                    break
    still = [f for f in by_field.get("episode.still_cramping", []) if f.value is True]
    ago = [q for q in found if q.field == "story.ago_s"]
    # "Cramped since 4:40, it's 5:05 now": a cramp still going on, by the clock.
    ongoing = [q for q in found if q.field == "story.ongoing_s"] if cramp else []
    if ((still and ago) or ongoing) and "episode.duration_s" not in by_field:
        item = ongoing[0] if ongoing else ago[0]
        out.append(fact_at(story, "episode.duration_s", item.value, item.start, item.end))
        if ongoing and "episode.still_cramping" not in by_field:  # "20 minutes and counting"
            out.append(fact_at(story, "episode.still_cramping", True, item.start, item.end))
    # "Stretched it, rubbed it, stood on it: still knotted." What was tried did not release
    # it; the cramp's own words said nothing of its length, so this is all there is to go on.
    if still and tried and "episode.relieved_by_stretching" not in by_field:
        start, end = tried[0]
        out.append(
            fact_at(story, "episode.relieved_by_stretching", False, start, end, estimated=True)
        )
    if walk_story is not None and "findings.pain_on_walking_eased_by_rest" not in by_field:
        out.append(fact_at(story, "findings.pain_on_walking_eased_by_rest", True, *walk_story))
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


def mark_secondary(story: StoryText, facts: list[Fact], readings: list[Reading]) -> list[Fact]:
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
        start, end = norm_offset(story, fact.start), norm_offset(story, fact.end)
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

    close = [f for f in muscles if near(f)]
    if not close:
        # None next to a cramp word: those in a sentence that tells of one come first ("both
        # quads went tight, and at the end the left one cramped" after "hands cold").
        # Toes or a foot pulled, pushed or stood on to release it are where a stretch is
        # applied ("toes yanked back, the calf stays rigid"), not the muscle that cramped (a
        # calf stretched or rubbed is the one that cramped).
        cramp_sentences = {story.sentence(m.start) for m in cramps}

        def in_cramp_sentence(fact: Fact) -> bool:
            start = norm_offset(story, fact.start)
            before = story.norm[story.clause_start(start) : start]
            return story.sentence(start) in cramp_sentences and not _HANDLED.search(before)

        close = [f for f in muscles if in_cramp_sentence(f) and not f.estimated]
        if not close or len({f.value for f in close}) == len({f.value for f in muscles}):
            return facts
    close_ids = {id(f) for f in close}

    def listed_with_close(fact: Fact) -> bool:
        """ "the calf, or on bad nights the toes, locks up": a muscle listed with one next
        to a cramp word cramps too."""
        start = norm_offset(story, fact.start)
        for other in close:
            if other.estimated:
                continue  # "legs and toes cramp": "legs" stands in for a muscle, names none
            a, b = sorted((start, norm_offset(story, other.start)))
            if b - a > _LIST_REACH:
                continue
            gap = WORD.findall(story.norm, a, b)
            listed = {"or", "and"} & set(gap)
            if listed and story.clause_start(b) <= a and len(gap) <= 2 * _NEAR_WORDS + 2:
                return True
        return False

    far = {id(f) for f in muscles if id(f) not in close_ids and not listed_with_close(f)}
    return [f.model_copy(update={"secondary": True}) if id(f) in far else f for f in facts]
