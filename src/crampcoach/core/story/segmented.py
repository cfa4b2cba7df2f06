"""Read a story written without spaces (Chinese) into the facts the English reader gives.

One reader for every such language; what differs is the language's data
(crampcoach.knowledge.story_languages: a story_<code>.yaml) and its segmenter, passed in
(jieba, through rjieba, by the coach). The text is converted to Simplified characters and
half-width letters and digits, segmented, and read:

- the entries' phrases and patterns are found wherever they stand, a match inside a longer
  match of an entry that claims it hidden (as lexicon.yaml's `claims`);
- ConText's cues on the segmenter's word boundaries deny, hedge or put in the past what
  they reach (crampcoach.core.story.segmented_context);
- numbers in characters or digits with their units fill the quantities
  (crampcoach.core.story.segmented_quantities);
- the person the story is about is the one who had the cramp (or the one asked for: 帮我妈
  问); what is told of someone else or of the past is history, by the English reader's
  rules (crampcoach.core.story.history);
- the facts that follow from others are the English reader's (`derived`), and the Intake
  is built from the facts as for English, so the engine sees no difference.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from crampcoach.core.story.derived import derived, fact_at, norm_offset
from crampcoach.core.story.history import NOW_ONLY
from crampcoach.core.story.language import why_unusable
from crampcoach.core.story.model import Fact, FactValue, ParsedStory, intake_from_facts
from crampcoach.core.story.parser import MAX_CHARS, MISSING_MUSCLE, MISSING_WHAT, MISSING_WHEN
from crampcoach.core.story.segmented_context import StoryContext
from crampcoach.core.story.segmented_quantities import QuantityRules, quantities
from crampcoach.core.story.segmented_words import WRITER, CueWords
from crampcoach.core.story.text import StoryText
from crampcoach.errors import InputError
from crampcoach.i18n import N_
from crampcoach.knowledge.lexicon import LexiconEntry
from crampcoach.knowledge.story_cues import StoryNumbers
from crampcoach.knowledge.story_languages import StoryLanguage

Segmenter = Callable[[str], Iterable[str]]
_CRAMP = "_cramp"
_IGNORE = "_ignore"
_MUSCLE = "episode.muscle"
_EXERCISE_KEYS = frozenset(
    {"activity.sport", "activity.intensity", "episode.during_exercise", "episode.after_exercise"}
)
# Full-width letters, digits and signs (U+FF01-FF5E) as their ASCII forms, one for one.
_FULL_FIRST, _FULL_LAST, _HALF_FIRST = "\uff01", "\uff5e", "!"
_HALF_WIDTH = {
    code: code - ord(_FULL_FIRST) + ord(_HALF_FIRST)
    for code in range(ord(_FULL_FIRST), ord(_FULL_LAST) + 1)
}
_CONTEXTS = frozenset(
    {"episode.during_exercise", "episode.after_exercise", "episode.at_night", "episode.at_rest"}
)


class _Match(NamedTuple):
    start: int
    end: int
    entry: LexiconEntry


@dataclass(frozen=True)
class _Rules:
    """A language's data compiled once: each entry's search, the cues, the quantities."""

    entries: tuple[tuple[LexiconEntry, tuple[re.Pattern[str], ...]], ...]
    cues: CueWords
    quantities: QuantityRules

    @classmethod
    def of(cls, data: StoryLanguage) -> _Rules:
        entries = []
        for entry in data.entries:
            searches = [p.regex for p in entry.compiled_patterns]
            if entry.phrases:
                words = sorted({p.lower() for p in entry.phrases}, key=len, reverse=True)
                searches.insert(0, re.compile("|".join(re.escape(w) for w in words)))
            entries.append((entry, tuple(searches)))
        return cls(tuple(entries), CueWords.of(data), QuantityRules.of(data))


@dataclass(frozen=True)
class SegmentedStoryReader:
    """Reads stories of one language written without spaces (see the module's docstring)."""

    lang: str
    data: StoryLanguage
    numbers: StoryNumbers
    segment: Segmenter
    simplify: Callable[[str], str] = str
    _rules: _Rules = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_rules", _Rules.of(self.data))

    def read(self, text: str, *, today: date | None = None) -> ParsedStory:
        """The story's facts, history and Intake, as `parse_story` gives an English one.

        Never fails on text; raises InputError only when `text` is not a string. `today` is
        taken for the reader's interface (a year told is not read yet).
        """
        if not isinstance(text, str):
            raise InputError(N_("text: expected a string, got {kind}"), kind=type(text).__name__)
        del today
        text = text[:MAX_CHARS]
        story = _working_text(text, self.simplify)
        norm = story.norm
        bounds = _bounds(norm, self.segment)
        matches = _visible(_matches(norm, self._rules.entries))
        context = StoryContext(norm, bounds, self._rules.cues, ((m.start, m.end) for m in matches))
        cramps = [m for m in matches if _CRAMP in m.entry.set_ and not context.denied(m.start)]
        subject = _subject(context, cramps, matches)
        placed = _lexicon_facts(story, context, matches, cramps)
        placed += self._quantity_facts(story, context, cramps, subject)
        facts, history = _set_aside(story, placed, context, subject)
        if subject != WRITER:
            facts = [f for f in facts if f.field != "person.sex"]
            facts += _sex_of(story, context, subject)
        facts += derived(story, facts, [], bool(cramps), [])
        facts = _rank_muscles(story, context, facts, cramps)
        facts.sort(key=lambda f: (f.start, f.field))
        usable = bool(cramps) or any(f.field.startswith(("episode.", "findings.")) for f in facts)
        return ParsedStory(
            text=text,
            intake=intake_from_facts(facts),
            facts=facts,
            history=sorted(history, key=lambda f: (f.start, f.field)),
            notices=[] if usable else why_unusable(text, True, False),
            missing=_missing(facts, bool(cramps) and usable),
            cramp_mentioned=bool(cramps),
            about="writer" if subject == WRITER else "someone_else",
            usable=usable,
            lang=self.lang,
        )

    def _quantity_facts(
        self, story: StoryText, context: StoryContext, cramps: list[_Match], subject: str
    ) -> list[tuple[int, Fact]]:
        starts = [m.start for m in cramps]

        def cramp_at(start: int, end: int) -> bool:
            index = bisect.bisect_left(starts, start)
            return index < len(starts) and starts[index] < end

        placed: list[tuple[int, Fact]] = []
        for item in quantities(
            story.norm,
            self._rules.quantities,
            self.numbers,
            context.clause,
            context.sentence,
            cramp_at,
        ):
            value: FactValue = item.value
            name = item.field
            if name == "story.age":
                owner = context.owner(item.start)
                if (owner.person if owner else subject) != subject:
                    continue  # another person's age
                name = "person.age_years"
            elif name.startswith("findings."):
                value = True
            elif name == "person.pregnancy_week":
                value = int(item.value)
                pregnant = fact_at(story, "person.pregnant", True, item.start, item.end)
                placed.append((item.start, pregnant))
            fact = fact_at(story, name, value, item.start, item.end, estimated=item.estimated)
            placed.append((item.start, fact))
        return placed


def _working_text(text: str, simplify: Callable[[str], str]) -> StoryText:
    """The text in Simplified characters, half-width and lower case, each character
    remembering where it came from."""
    simple = simplify(text)
    if len(simple) != len(text):  # a phrase converted to another length: char by char
        simple = "".join(simplify(c) if len(simplify(c)) == 1 else c for c in text)
    norm = simple.translate(_HALF_WIDTH).lower()
    if len(norm) != len(simple):  # a letter whose lower case is longer ("İ"): kept as is
        norm = "".join(
            c if len(c.lower()) > 1 else c.lower() for c in simple.translate(_HALF_WIDTH)
        )
    return StoryText(text, norm, list(range(len(text))))


def _bounds(norm: str, segment: Segmenter) -> list[int]:
    """The offsets where the segmenter puts a word boundary (both ends of every word)."""
    bounds, position = [0], 0
    for word in segment(norm):
        position += len(word)
        bounds.append(position)
    if position != len(norm):  # a segmenter that dropped characters: none to trust
        return list(range(len(norm) + 1))
    return bounds


def _matches(
    norm: str, entries: tuple[tuple[LexiconEntry, tuple[re.Pattern[str], ...]], ...]
) -> list[_Match]:
    found = []
    for entry, searches in entries:
        for search in searches:
            found += [_Match(m.start(), m.end(), entry) for m in search.finditer(norm)]
    found.sort(key=lambda m: (m.start, m.start - m.end))
    return found


_REACH = 64  # characters: no match is longer


def _visible(matches: list[_Match]) -> list[_Match]:
    """The matches not hidden inside a longer one of an entry that claims or hides them.

    A cramp word is hidden only by words that say it is none (抽烟: an entry setting
    `_ignore`) or that hide it by name: 脚抽筋, 手抽筋 tell a cramp as well as a muscle."""
    claiming = [m for m in matches if m.entry.claims or m.entry.hides]
    starts = [m.start for m in claiming]
    kept = []
    for match in matches:
        size = match.end - match.start
        low = bisect.bisect_left(starts, match.start - _REACH)
        high = bisect.bisect_right(starts, match.start)
        cramp = _CRAMP in match.entry.set_
        if not any(
            c.entry.id != match.entry.id
            and (
                match.entry.id in c.entry.hides
                or (c.entry.claims and (not cramp or _IGNORE in c.entry.set_))
            )
            and c.end >= match.end
            and c.end - c.start > size
            for c in claiming[low:high]
        ):
            kept.append(match)
    return kept


def _subject(context: StoryContext, cramps: list[_Match], matches: list[_Match]) -> str:
    """The person the story is about: the one asked for, else whoever had the cramp (the
    writer when a clause names them with a cramp of theirs as well: "表哥跑步时常抽筋，我最近
    也抽了"), or, without one, the first sign, else the writer."""
    proxy = context.proxy()
    if proxy is not None:
        return proxy.person
    signs = [m for m in matches if any(k.startswith("findings.") for k in m.entry.set_)]
    for group in (cramps, signs):
        owners = []
        for match in group:
            if context.is_past(match.start):
                continue
            owner = context.owner(match.start)
            if owner is None:
                owners.append(WRITER)
            elif owner.person == WRITER and context.clause(owner.start) == context.clause(
                match.start
            ):
                return WRITER
            else:
                owners.append(owner.person)
        if owners:
            return owners[0]
    return WRITER


def _lexicon_facts(
    story: StoryText, context: StoryContext, matches: list[_Match], cramps: list[_Match]
) -> list[tuple[int, Fact]]:
    told = {context.sentence(m.start)[0] for m in cramps}
    told |= {context.sentence(m.start)[0] for m in matches if _MUSCLE in m.entry.set_}
    exercise = {
        context.sentence(m.start)[0]
        for m in matches
        if any(k in _EXERCISE_KEYS for k in m.entry.set_)
    }
    placed = []
    for match in matches:
        entry = match.entry
        sentence = context.sentence(match.start)
        if entry.needs in ("cramp_sentence", "rest_sentence") and sentence[0] not in told:
            continue
        if entry.needs == "rest_sentence" and sentence[0] in exercise:
            continue
        if entry.needs == "cramp_near" and not (
            sentence[0] in told
            or context.sentence(max(sentence[0] - 1, 0))[0] in told
            or context.sentence(sentence[1] + 1)[0] in told
        ):
            continue
        denied, hedged = context.denied(match.start), context.hedged(match.start)
        mode = entry.negation_mode()
        for path, value in entry.set_.items():
            if path.startswith("_"):
                continue
            if denied and mode != "ignore":
                if mode == "drop" or not isinstance(value, bool):
                    continue
                value = not value
            fact = fact_at(
                story, path, value, match.start, match.end,
                uncertain=hedged, estimated=entry.estimated,
            )  # fmt: skip
            placed.append((match.start, fact))
    return placed


def _set_aside(
    story: StoryText, placed: list[tuple[int, Fact]], context: StoryContext, subject: str
) -> tuple[list[Fact], list[Fact]]:
    """(facts, history): signs and the person's facts of someone other than the subject,
    and signs or facts that matter only while recent told of the past, are history."""
    kept: list[Fact] = []
    history: list[Fact] = []
    for start, fact in placed:
        owner = context.owner(start)
        # A sign told over clauses is the subject's when they are named inside it ("绕到湖边，
        # 她就站住了，说腿酸..." after "我陪她去": hers, not the writer's who went along).
        same = (owner.person if owner else subject) == subject or context.names_inside(
            subject, start, norm_offset(story, fact.end)
        )
        past = context.is_past(start)
        name = fact.field
        if (
            name.startswith("findings.")
            and not same
            and not past
            and _told_now(story, start, context)
        ):
            # Someone else's sign, told as now (现在, 正在): theirs, as the English reader
            # keeps it (crampcoach.core.story.history.someone_else_now).
            theirs = "someone_else." + name.removeprefix("findings.")
            kept.append(fact.model_copy(update={"field": theirs}))
            continue
        if name.startswith("findings."):
            aside = past or not same
        elif name.startswith(("person.", "episode.", "activity.")) and name != "person.age_years":
            aside = not same or (past and name in NOW_ONLY)
        else:
            aside = False
        (history if aside else kept).append(fact)
    return kept, history


def _told_now(story: StoryText, start: int, context: StoryContext) -> bool:
    """Whether a word of this moment (`present` cues) stands before the sign at `start`, in
    its sentence."""
    part = story.norm[context.sentence(start)[0] : start + 1]
    return any(word in part for word in context.words.present)


def _sex_of(story: StoryText, context: StoryContext, subject: str) -> list[Fact]:
    """The sex of the person the story is about, from the word that names them."""
    for mention in context.mentions:
        if mention.person == subject and mention.sex is not None:
            return [fact_at(story, "person.sex", mention.sex, mention.start, mention.end)]
    return []


def _rank_muscles(
    story: StoryText, context: StoryContext, facts: list[Fact], cramps: list[_Match]
) -> list[Fact]:
    """Muscles named in a clause without a cramp rank after those named beside one; when
    none is, those named outside a cramp's sentence rank after those inside one ("腿肚先是
    发紧，随后抽筋了": the calf's clause is not the cramp word's)."""
    muscles = [f for f in facts if f.field == _MUSCLE]
    if len({f.value for f in muscles}) < 2:
        return facts
    for span in (context.clause, context.sentence):
        around = {span(m.start) for m in cramps}
        aside = {id(f) for f in muscles if span(norm_offset(story, f.start)) not in around}
        if len(aside) < len(muscles):
            secondary = {"secondary": True}
            return [f.model_copy(update=secondary) if id(f) in aside else f for f in facts]
    return facts


def _missing(facts: list[Fact], cramp: bool) -> list[str]:
    fields = {f.field for f in facts}
    missing = []
    if not cramp and not any(f.startswith("findings.") for f in fields):
        missing.append(MISSING_WHAT)
    if _MUSCLE not in fields:
        missing.append(MISSING_MUSCLE)
    if not fields & _CONTEXTS:
        missing.append(MISSING_WHEN)
    return missing
