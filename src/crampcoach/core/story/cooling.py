"""Heat illness that cooling does not settle: `findings.not_improving_with_cooling`.

A cooling measure ("in the shade", "wet towels", "air con", "drank water", "lay down"),
then, in the words after it, that the person is no better: "still dizzy", "no better",
"looks worse"; or the other way round, "still sick despite the air con". Illness told in
the present ("he's confused") counts after a measure only when some 30 minutes are told
("half an hour in the shade", "an hour has gone by since") [S41: heat exhaustion that does
not improve within 30 minutes of cooling and fluids needs emergency care].

The words are data (lexicon.yaml `cooling`); whose and when the fact is, the parser's
ConText decides, as for any sign.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from crampcoach.core.story import clock, duration_values
from crampcoach.core.story.phrases import Pattern, PhraseIndex, find_spans
from crampcoach.core.story.text import WORD, StoryText
from crampcoach.knowledge.lexicon import Lexicon

MEASURE, NO_BETTER, BETTER, BREAK, DESPITE = range(5)  # kinds of cue phrase
_REACH = 160  # characters from a measure to "no better" after it
_TIMED_REACH = 320  # ... when a time is told between them ("an hour has gone by since")
_DESPITE_REACH = 80  # "still dizzy despite ... the shade"
_CONDITIONAL = frozenset({"if", "whether", "unless", "case", "should", "when"})
# Before a word of illness or of getting better: it is denied ("not dizzy", "I don't feel
# better").
_DENIED = frozenset(
    {
        "not",
        "no",
        "never",
        "hardly",
        "barely",
        "isn't",
        "wasn't",
        "didn't",
        "didnt",
        "don't",
        "dont",
        "doesn't",
        "doesnt",
        "haven't",
        "hasn't",
        "aren't",
        "won't",
    }
)
# A word just before an illness that denies it: `_DENIED` less the "no" that answers
# ("No, still dizzy").
_NEGATES = _DENIED - {"no"}
_PERSON = frozenset(
    {"he", "she", "i", "i'm", "im", "he's", "she's", "they", "they're", "him", "her", "me"}
)


@dataclass(frozen=True)
class CoolingRules:
    """The compiled cooling cues of one lexicon."""

    cues: PhraseIndex
    still: Pattern  # "still dizzy", "still feels sick"
    present: Pattern  # "he's confused", "keeps vomiting"
    unwell: Pattern  # any word of illness, anywhere
    local: frozenset[str]
    timed_s: float  # told this long after the measure, cooling should have worked


def compile_cooling(lexicon: Lexicon) -> CoolingRules:
    """Compile the cooling cues of `lexicon`."""
    cues = lexicon.cooling
    index = PhraseIndex.of(
        [
            (MEASURE, cues.measures),
            (NO_BETTER, cues.no_better),
            (BETTER, cues.better),
            (BREAK, cues.breaks),
            (DESPITE, cues.despite),
        ]
    )
    words = sorted(
        (
            r"[\s-]+".join(re.escape(part) for part in re.split(r"[\s-]+", w.strip()))
            for w in cues.unwell
        ),
        key=len,
    )
    # "sick of bananas", "sick and tired of it": fed up, not unwell.
    ill = "(?:" + "|".join(reversed(words)) + r")(?!\s+(?:of|and\s+tired)\b)" if words else "(?!)"
    # Up to six words between "still" and the illness, in any wording ("still feel just as
    # dizzy", "still the dizziness", "still dey vomit", "still I feel equally sick"), but no
    # word of denial or of getting better ("still there but no longer dizzy").
    fill = (
        r"(?:(?!(?:no|not|never|longer|nothing|none|better|fine|ok|okay|good|normal|less|"
        r"isn't|aren't|wasn't|doesn't|don't|didn't|without)\b)[\w']+\s+){0,6}?"
    )
    present = (
        r"\b(?:is|am|are|i'm|im|he's|she's|they're|i've|ive|they've|keeps?|now|feels?|feeling|"
        r"looks?|looking|seems?|has|have|got)\s+(?:(?:still|very|really|so|quite|a\s+bit|pretty|"
        r"more|even|getting|being|been|feeling|looking)\s+){0,2}"
    )
    return CoolingRules(
        cues=index,
        # "still feel mareado (dizzy)": a word of the writer's own language, glossed.
        still=Pattern(r"\bstill\s+" + fill + r"(?:\w+\s*\(\s*)?" + ill + r"\b"),
        present=Pattern(present + ill + r"\b"),
        unwell=Pattern(r"\b" + ill + r"\b"),
        local=frozenset(cues.local),
        timed_s=lexicon.numbers.cooling_wait_minutes.v * 60,
    )


def not_improving(text: StoryText, rules: CoolingRules) -> list[tuple[int, int]]:
    """Where the story tells of illness that cooling has not settled: [start, end) spans of
    the working text, from the measure to the words of no better (or back)."""
    norm = text.norm
    cues = find_spans(rules.cues, text.words)
    measures = [(a, b) for kind, a, b in cues if kind == MEASURE]
    if not measures:
        return []
    saying = [(a, b, "no_better") for kind, a, b in cues if kind == NO_BETTER]
    saying += [(*m.span(), "still") for m in rules.still.finditer(norm)]
    saying += [(*m.span(), "present") for m in rules.present.finditer(norm)]
    if not saying:
        return []
    saying.sort()
    worse_starts = [a for a, _, _ in saying]
    longest = max(b - a for a, b, _ in saying)
    better = sorted(
        a
        for kind, a, b in cues
        if kind == BETTER
        and not _overlaps(saying, worse_starts, longest, a, b)  # "not getting better"
        and not _DENIED & set(text.words_before(a, 2))
    )
    breaks = sorted(a for kind, a, _ in cues if kind == BREAK)
    despite = sorted((a, b) for kind, a, b in cues if kind == DESPITE)
    elapsed = clock.elapsed(text, of_the_cramp=False)
    times = sorted(
        [(a, b) for a, b, s in duration_values.spans(text) if s >= rules.timed_s]
        + [(f.start, f.end) for f in elapsed if f.value >= rules.timed_s]
    )
    # Words of illness, less those denied ("no vomiting"): "no change" beside them is not
    # said of an illness.
    ill_at = [
        m.start()
        for m in rules.unwell.finditer(norm)
        if not _DENIED & set(text.words_before(m.start(), 2))
    ]
    starts = [a for a, _ in measures]
    found: dict[tuple[int, int], None] = {}  # in order, once each
    for start, end, kind in saying:
        clause = WORD.findall(norm, max(text.clause_start(start), start - 60), start)[-6:]
        if rules.local & set(clause) or _CONDITIONAL & set(clause[-4:]):
            continue  # "the cramp is no better"; "if he is still dizzy"
        if kind != "no_better" and _NEGATES & set(clause[-1:]):
            continue  # "I don't feel dizzy now": illness denied, not told ("No, still dizzy" is)
        if kind == "no_better" and not (_ill_near(ill_at, start, end) or _PERSON & set(clause)):
            continue  # "no better" of what? Only of a person, or beside words of illness
        span = _after_measure(start, end, kind, measures, starts, better, breaks, times)
        if span is None:
            span = _before_measure(text, start, end, kind, measures, despite, times)
        if span is not None:
            found[span] = None
    return list(found)


def _ill_near(ill_at: list[int], start: int, end: int) -> bool:
    """Whether words of illness are told within reach of "no better" at [start, end): in a
    long story, "sick" far away says nothing of what the measure did not help."""
    index = bisect.bisect_left(ill_at, start - _TIMED_REACH)
    return index < len(ill_at) and ill_at[index] < end + _DESPITE_REACH


def _after_measure(
    start: int,
    end: int,
    kind: str,
    measures: list[tuple[int, int]],
    starts: list[int],
    better: list[int],
    breaks: list[int],
    times: list[tuple[int, int]],
) -> tuple[int, int] | None:
    """A measure before the words of no better: "in the shade ... still dizzy"."""
    index = bisect.bisect_right(starts, start) - 1
    while index >= 0 and measures[index][1] > start:
        index -= 1
    if index < 0:
        return None
    m_start, m_end = measures[index]
    timed = _within(times, m_start - 80, end + 40)
    if kind == "present" and not timed:
        return None
    if start - m_end > (_TIMED_REACH if timed else _REACH):
        return None
    i = bisect.bisect_left(better, m_end)
    if i < len(better) and better[i] < start:
        return None  # "felt better, then dizzy again" is another matter
    i = bisect.bisect_left(breaks, m_end)
    if i < len(breaks) and breaks[i] < start:
        return None  # "drank water; the next day I'm no better"
    return m_start, end


def _before_measure(
    text: StoryText,
    start: int,
    end: int,
    kind: str,
    measures: list[tuple[int, int]],
    despite: list[tuple[int, int]],
    times: list[tuple[int, int]],
) -> tuple[int, int] | None:
    """The words of no better, then "despite" and a measure: "still sick despite the fan"."""
    sentence_end = text.sentence(start)[1]
    first = bisect.bisect_left(despite, (end, 0))
    for d_start, d_end in despite[first:]:
        if d_start - end > 20 or d_start >= sentence_end:
            break
        index = bisect.bisect_left(measures, (d_end, 0))
        for m_start, m_end in measures[index:]:
            if m_start > d_end + _DESPITE_REACH or m_end > sentence_end:
                break
            timed = _within(times, start - 40, m_end + 40)
            if kind == "present" and not timed:
                return None
            return start, m_end
    return None


def _overlaps(
    spans: list[tuple[int, int, str]], starts: list[int], longest: int, a: int, b: int
) -> bool:
    """Whether [a, b) overlaps one of `spans` (sorted by start, none longer than `longest`)."""
    index = bisect.bisect_left(starts, a - longest)
    while index < len(spans) and spans[index][0] < b:
        if spans[index][1] > a:
            return True
        index += 1
    return False


def _within(spans: list[tuple[int, int]], low: int, high: int) -> bool:
    """Whether one of `spans` (sorted) lies wholly in [low, high]."""
    index = bisect.bisect_left(spans, (low, 0))
    while index < len(spans) and spans[index][0] <= high:
        if spans[index][1] <= high:
            return True
        index += 1
    return False
