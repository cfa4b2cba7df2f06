"""The compiled cues of ConText (crampcoach.core.story.context): who a part of a story is
about and when, read from lexicon.yaml `context`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crampcoach.core.story.phrases import Pattern, PhraseIndex
from crampcoach.knowledge.lexicon import Lexicon

OTHER, TERMINATOR, PAST_TERMINATOR, PAST, HYPOTHETICAL = range(5)  # kinds of cue phrase


@dataclass(frozen=True)
class ContextRules:
    """The compiled cues of one lexicon."""

    relatives: re.Pattern[str]
    # "her friend's leg", "his brother's calf": a relative of someone already told, named
    # as the owner of the body part that follows (not "his brother's words").
    owners_relatives: re.Pattern[str]
    # "Mum has ...": a relative named like a name, starting a sentence. This, the words of a
    # pasted thread and another's reported words are `Pattern`s: searched only in a story
    # that holds their words, which few do.
    names: Pattern
    cues: PhraseIndex  # phrases of the kinds OTHER, TERMINATOR, PAST_TERMINATOR, PAST...
    others: tuple[Pattern, ...]  # someone else named by their group: "one of my patients"
    past: tuple[Pattern, ...]
    now: frozenset[str]  # the terminators that are words of the present
    recoveries: tuple[Pattern, ...]  # "full recovery": a past episode ended for good
    hypothetical: tuple[Pattern, ...]
    conditions: tuple[Pattern, ...]  # "check if ...": imagined to the clause's end
    thread_headers: tuple[re.Pattern[str], ...]
    thread_name_lines: tuple[re.Pattern[str], ...]
    thread_words: Pattern
    reported_speech: tuple[Pattern, ...]  # another's own words, as group `speech`
    thread_names_not: frozenset[str]
    denials: tuple[Pattern, ...]
    present: tuple[Pattern, ...]  # a sign of someone else told as happening now
    cared_for: tuple[Pattern, ...]  # someone else in care already: "in hospital"
    retractions: tuple[Pattern, ...]
    witness: frozenset[str]
    objects: frozenset[str]
    proxies: re.Pattern[str]  # "writing for ": the person after it is the story's
    copulas: frozenset[str]
    subjectless: frozenset[str]
    sexes: dict[str, str | None]
    aliases: dict[str, frozenset[int]]


def compile_context(lexicon: Lexicon, sexes: dict[str, str | None]) -> ContextRules:
    """Compile the experiencer and temporality cues; `sexes` maps relative words to a sex."""
    cues = lexicon.context
    words = "|".join(sorted((re.escape(w) for w in sexes), key=len, reverse=True)) or "(?!)"
    # "my older brother", "our club's coach"; not "our big cup final my friend", whose
    # relative is named by its own "my".
    relatives = re.compile(
        r"\b(?:my|our)\s+(?:(?!(?:my|our|his|her|their)\b)[\w-]+\s+){0,3}?(?P<rel>"
        + words
        + r")(?:'s|s)?\b"
    )
    owners_relatives = re.compile(
        r"\b(?:his|her|their)\s+(?:(?!(?:my|our|his|her|their)\b)[\w-]+\s+){0,2}?(?P<rel>"
        + words
        + r")'s(?=\s+(?:(?:left|right|bad|poor|whole|lower|upper|own)\s+)?"
        r"(?:legs?|calf|calves|feet|foot|ankles?|thighs?|knees?|shins?|arms?|hands?|toes?|skin"
        r"|urine|pee|wee)\b)"
    )
    named = "|".join(sorted((re.escape(w) for w in lexicon.relatives.names), key=len, reverse=True))
    names = Pattern(
        r"(?:^|(?<=[.!?;\n]))[\s\"'(]*(?P<rel>"
        + (named or "(?!)")
        + r")(?:'s)?\b(?!['-]|\s+(?:of|here|to|and\s+i|and\s+me)\b)"
    )
    index = PhraseIndex.of(
        [
            (OTHER, cues.others),
            (TERMINATOR, [*cues.terminators, *cues.now]),
            (PAST_TERMINATOR, cues.past_terminators),
            (PAST, cues.past),
            (HYPOTHETICAL, cues.hypothetical),
        ]
    )
    aliases: dict[str, set[int]] = {}
    for number, group in enumerate(lexicon.relatives.aliases):
        for word in group:
            aliases.setdefault(word, set()).add(number)
    return ContextRules(
        relatives=relatives,
        owners_relatives=owners_relatives,
        names=names,
        cues=index,
        others=tuple(Pattern(p) for p in cues.compiled("others_patterns")),
        past=tuple(Pattern(p) for p in cues.compiled("past_patterns")),
        now=frozenset(cues.now),
        recoveries=tuple(Pattern(p) for p in cues.compiled("recoveries")),
        hypothetical=tuple(Pattern(p) for p in cues.compiled("hypothetical_patterns")),
        conditions=tuple(Pattern(p) for p in cues.compiled("conditions")),
        thread_headers=tuple(re.compile(p, re.MULTILINE) for p in cues.thread_headers),
        thread_name_lines=tuple(re.compile(p, re.MULTILINE) for p in cues.thread_name_lines),
        thread_words=Pattern(
            r"\b(?:" + "|".join(re.escape(w) for w in cues.thread_words) + r")\b"
            if cues.thread_words
            else r"(?!)"
        ),
        thread_names_not=frozenset(cues.thread_names_not),
        reported_speech=tuple(Pattern(p) for p in cues.reported_speech),
        denials=tuple(Pattern(p) for p in cues.compiled("denials")),
        present=tuple(Pattern(p) for p in cues.compiled("present")),
        cared_for=tuple(Pattern(p) for p in cues.compiled("cared_for")),
        retractions=tuple(Pattern(p) for p in cues.compiled("retractions")),
        witness=frozenset(cues.witness),
        objects=frozenset(cues.objects),
        proxies=re.compile(
            r"\b(?:" + "|".join(re.escape(w) for w in cues.proxies) + r")\s+$"
            if cues.proxies
            else r"(?!)"
        ),
        copulas=frozenset(cues.copulas),
        subjectless=frozenset(cues.subjectless),
        sexes=sexes,
        aliases={w: frozenset(n) for w, n in aliases.items()},
    )
