"""Who and when each part of a story is about: ConText's experiencer and temporality.

A sign told of someone other than the person the story is about ("my uncle's DVT left his
leg swollen", "a runner next to me collapsed") or of the past ("years ago my urine went
dark once") is history: it sets no finding of the person now (nor, told of someone else, any
of their conditions, medicines, wounds or operations). The cues are data (lexicon.yaml
`context`); the algorithm is one, as in medspaCy's ConText: a cue has a scope that ends at
its clause or sentence, or at a terminator ("but", "now", "this time"). Scopes are found
once per story, in time linear in its length.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date

from crampcoach.core.story.context_rules import OTHER, TERMINATOR, ContextRules
from crampcoach.core.story.past import read_past
from crampcoach.core.story.people import (
    ANSWERING,
    BELONGING,
    FILLER_ADVERBS,
    FIRST_PERSON,
    LIKENED,
    NAME_AFTER,
    NO_DEED,
    NOT_VERBS,
    OBJECT_PRONOUNS,
    PART_OF,
    PREPOSITIONS,
    SEEING,
    THIRD_PERSON,
    UNBORN,
    WHOSE,
    WRITER_OBJECT,
    Kind,
    Mention,
    Role,
    Subject,
    pronoun_sex,
)
from crampcoach.core.story.person_numbers import AGE_SELF
from crampcoach.core.story.phrases import find_spans
from crampcoach.core.story.text import WORD, StoryText
from crampcoach.knowledge.regexes import kept_regex

_LIST_BREAK = kept_regex(r"[,;:.!?()\n]")
# A comma that only hedges what was just said ("rarely, perhaps twice a year")
# restates it: no break of a list.
_RESTATED = kept_regex(
    r",\s*(?:maybe|perhaps|probably|possibly|about|around|roughly|say|i\s+think|i'd\s+say)\b"
)
_PUNCTUATION = kept_regex(r"[^\w\s'-]")
_REACH = 300  # characters: the farthest a cue reaches (a text may have no full stops)
_LOOK_BACK = 20  # people named as objects or witnesses passed over, at most
# After a person asked for, what they are asked to do or bring ("I ask for my daughter to
# call", "asking for my husband's advice", "for my wife bringing ice"): a request of them,
# not a story told for them.
_ASKED_TO_DO = kept_regex(r"(?:'s\b|\s+to\s+[a-z]|\s+[a-z]+ing\b)")


@dataclass
class Context:
    """The people and the past of one story, to ask of any position whose and when it is."""

    story: StoryText
    rules: ContextRules
    today: date | None = None
    mentions: list[Mention] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)
    _ends: list[int] = field(default_factory=list)  # terminator ends, for the experiencer
    _past: list[tuple[int, int]] = field(default_factory=list)
    _past_starts: list[int] = field(default_factory=list)
    _first_other: int | None = None
    _cues: list[tuple[int, int, int]] = field(default_factory=list)
    _denials: list[tuple[int, int, Mention | None]] = field(default_factory=list)
    _past_cues: list[tuple[int, int]] = field(default_factory=list)
    _posts: list[tuple[int, int]] = field(default_factory=list)  # other posters' posts
    _possible: list[tuple[int, int]] = field(default_factory=list)  # "watch for ..."
    _closed: list[tuple[int, int]] = field(default_factory=list)  # episodes told as over
    introduced: list[int] = field(default_factory=list)  # the ends of "my mum", "Dan", ...

    def __post_init__(self) -> None:
        self._cues = find_spans(self.rules.cues, self.story.words)
        self.mentions = self._find_mentions()
        self._starts = [m.start for m in self.mentions]
        self._first_other = next((m.start for m in self.mentions if m.kind == "other"), None)
        self._ends = [
            end
            for kind, start, end in self._cues
            if kind == TERMINATOR and not self._carries_on(start, end)
        ]
        past = read_past(self.story, self._cues, self.rules, self.today)
        self._past, self._past_cues, self._possible = past.spans, past.cues, past.possible
        self._closed = past.closed
        self._posts = self._others_posts()
        self._denials = sorted(
            (
                (m.start(), m.end(), self.experiencer(m.start(), m.end()))
                for regex in self.rules.denials
                for m in regex.finditer(self.story.norm)
            ),
            key=lambda d: (d[0], d[1]),
        )
        self._past_starts = [a for a, _ in self._past]

    # --- people ---------------------------------------------------------------------

    def _find_mentions(self) -> list[Mention]:
        norm, rules = self.story.norm, self.rules
        found: list[Mention] = []
        for regex in (rules.relatives, rules.owners_relatives, rules.names):
            for m in regex.finditer(norm):
                rel = m.group("rel")
                start = m.start() if regex is not rules.names else m.start("rel")
                found.append(
                    Mention("other", start, m.end(), rel, rules.sexes.get(rel), m.span("rel"))
                )
        self.introduced = [m.end for m in found]  # where an age may follow ("Dan, 54")
        found += self._named(found)
        taken = sorted((m.start, m.end) for m in found)
        others = [(start, end) for cue, start, end in self._cues if cue == OTHER]
        others += [m.span() for regex in rules.others for m in regex.finditer(norm)]
        named_until = 0  # a phrase and a pattern may name the same person: the longer counts
        for start, end in sorted(others, key=lambda span: (span[0], -span[1])):
            if start >= named_until and not _inside(taken, start):
                if LIKENED.search(norm, max(0, start - 12), start):
                    continue  # "as if someone kicked me": no one else is there
                named_until = end
                key = re.sub(r"[\s-]+", " ", norm[start:end])
                belongs = BELONGING.match(norm, end)
                last = belongs.end() if belongs else end
                found.append(Mention("other", start, last, key, None, (start, end)))
        taken = sorted((m.start, m.end) for m in found)
        # "He says 'I have cramp'": the I of another's own words is theirs, as "he" would be.
        speech = sorted(
            m.span("speech") for regex in rules.reported_speech for m in regex.finditer(norm)
        )
        for w in WORD.finditer(norm):
            word = w.group()
            if (word in FIRST_PERSON or word in THIRD_PERSON) and not _inside(taken, w.start()):
                theirs = word in THIRD_PERSON or _inside(speech, w.start())
                kind: Kind = "pronoun" if theirs else "writer"
                found.append(Mention(kind, w.start(), w.end()))
        found.sort(key=lambda m: m.start)
        return [self._with_role(m) for m in found]

    def _named(self, introduced: list[Mention]) -> list[Mention]:
        """Where a person introduced by name ("my club mate Dan", "my friend Sara,") is
        named again ("Dan had collapsed"): the same person, written with a capital."""
        norm, original = self.story.norm, self.story.original
        names: dict[str, Mention] = {}
        for mention in introduced:
            after = NAME_AFTER.match(norm, mention.end)
            if after is None or after.group(1) in FIRST_PERSON or after.group(1) in THIRD_PERSON:
                continue
            a, _ = self.story.source_span(after.start(1), after.end(1))
            if original[a : a + 1].isupper():
                names.setdefault(after.group(1), mention)
        found = []
        for name, mention in names.items():
            for m in re.finditer(rf"\b{name}\b", norm):
                a, _ = self.story.source_span(m.start(), m.end())
                if m.start() > mention.end and original[a : a + 1].isupper():
                    key, sex = mention.key, mention.sex
                    found.append(Mention("other", m.start(), m.end(), key, sex, m.span()))
        return found

    def _with_role(self, mention: Mention) -> Mention:
        """Mark someone named as an object ("with my dad") or a witness ("my wife noticed"),
        and the writer as an object ("a man next to me collapsed": the man did)."""
        norm = self.story.norm
        if mention.kind == "writer" and norm[mention.start : mention.end] not in WRITER_OBJECT:
            return mention
        begin = max(self.story.sentence(mention.start)[0], mention.start - 40)
        gap_start = begin
        previous = before_previous = None
        for w in WORD.finditer(norm, begin, mention.start):
            before_previous, previous, gap_start = previous, w.group(), w.end()
        if previous == "of" and before_previous in PART_OF:
            previous = None  # "one of my boys ran": a boy is the one who ran
        gap = norm[gap_start : mention.start]
        after = WORD.findall(norm, mention.end, min(len(norm), mention.end + 40))[:2]
        end_of_clause = re.search(r"[.;:!?,]", norm[mention.end : mention.end + 40])
        if end_of_clause is not None:
            after = WORD.findall(norm, mention.end, mention.end + end_of_clause.start())[:2]
        joined = previous is not None and not _PUNCTUATION.search(gap)
        role: Role = "subject"
        if (
            mention.kind == "other"
            and self.rules.proxies.search(norm, begin, mention.start)
            and not _ASKED_TO_DO.match(norm, mention.end)
            and not norm.endswith("'s", mention.start, mention.end)
        ):
            return mention  # "asking for my wife": the story is hers
        if mention.kind == "other" and WHOSE.match(norm, mention.end):
            return mention  # "a man whose calf was red", "a runner who had": his, not mine
        if joined and previous in self.rules.copulas:
            role = "same"
        elif joined and previous in SEEING and after and after[0] not in NO_DEED:
            role = "subject"  # "saw a man collapse": he collapsed
        elif joined and previous is not None and (self._object(previous) or previous in ANSWERING):
            role = "object"
        elif any(w in self.rules.witness for w in after):
            role = "witness"
        if role == "subject":
            return mention
        if mention.kind == "writer" and (
            role != "object" or (previous not in PREPOSITIONS and previous not in ANSWERING)
        ):
            return mention
        return Mention(
            mention.kind, mention.start, mention.end, mention.key, mention.sex, mention.word, role
        )

    def _object(self, word: str) -> bool:
        if word in self.rules.objects:
            return True
        return len(word) > 4 and word.endswith(("ed", "ing")) and word not in NOT_VERBS

    def _carries_on(self, start: int, position: int) -> bool:
        """Whether the clause after a terminator has no subject of its own, so the person
        before it goes on: "she underwent thyroid surgery and now gets tingling lips", "a
        friend went to A&E today after a faint" (a time inside the clause)."""
        norm = self.story.norm
        for w in WORD.finditer(norm, position, min(len(norm), position + 40)):
            word = w.group()
            if word in FILLER_ADVERBS:
                continue
            if word in _CLAUSE_GOES_ON and norm[start:position] in self.rules.now:
                return not _OPENS_CLAUSE.search(norm[max(0, start - 8) : start])
            return word in self.rules.subjectless
        return False

    def experiencer(self, start: int, end: int) -> Mention | None:
        """Who has what is told at [start, end): the person named last before its end, in
        its sentence and after the last terminator before it; None if nobody is named."""
        first = self.story.sentence(start)[0]
        index = bisect.bisect_right(self._ends, start) - 1
        floor = max(first, self._ends[index] if index >= 0 else 0, start - _REACH)
        position = bisect.bisect_left(self._starts, end) - 1
        for mention in reversed(self.mentions[max(0, position - _LOOK_BACK) : position + 1]):
            if mention.start < floor:
                return None
            if mention.subject:
                return mention
        return None

    def names_someone_else(self, start: int, end: int) -> bool:
        """Whether [start, end) is inside words naming someone else ("a guy in my club")."""
        index = bisect.bisect_right(self._starts, start) - 1
        while index >= 0 and self.mentions[index].start > start - 40:
            mention = self.mentions[index]
            inside = mention.start <= start and end <= mention.end
            if mention.kind == "other" and mention.role != "same" and inside:
                return True
            index -= 1
        return False

    def same_person(self, mention: Mention, subject: Subject) -> bool:
        """Whether `mention` may name the person the story is about."""
        if mention.kind == "writer":
            return True  # "I saw his calf was swollen": in a story about him, the writer looks
        if subject.about == "writer":
            # "he"/"she" with nobody named before is the person the story is about.
            named = self._first_other
            return mention.kind == "pronoun" and (named is None or named > mention.start)
        if mention.kind == "pronoun":
            antecedent = self._named_before(mention)
            return antecedent is None or self.same_person(antecedent, subject)
        if mention.key is None or subject.key is None:
            return True
        if mention.key == subject.key:
            return True
        groups = self.rules.aliases
        return bool(groups.get(mention.key, frozenset()) & groups.get(subject.key, frozenset()))

    def _named_before(self, pronoun: Mention) -> Mention | None:
        """Someone else named earlier in the pronoun's sentence as the one who does or has,
        with only "he"/"his" of theirs between: "a boy in his dorm was admitted, his
        urine was brown" (the boy's). None when the writer, an object pronoun
        ("passed him the ball") or nobody stands before it."""
        first = self.story.sentence(pronoun.start)[0]
        sex = pronoun_sex(self.story.norm[pronoun.start : pronoun.end])
        index = bisect.bisect_left(self._starts, pronoun.start) - 1
        while index >= 0 and self.mentions[index].start >= first:
            mention = self.mentions[index]
            word = self.story.norm[mention.start : mention.end]
            if mention.kind == "writer" or word in WRITER_OBJECT or word in OBJECT_PRONOUNS:
                return None
            if mention.kind == "other" and mention.subject:
                return mention if mention.sex in (None, sex) else None
            index -= 1
        return None

    def denials(self, subject: Subject) -> list[tuple[int, int]]:
        """Where the person the story is about denies what was just told of someone else
        ("none of that applies to me"): [start, end) in the working text."""
        found = []
        for start, end, who in self._denials:
            if subject.about == "writer":
                mine = who is None or who.kind == "writer"
            else:
                mine = who is not None and who.kind != "writer" and self.same_person(who, subject)
            if mine:
                found.append((start, end))
        return found

    # --- a pasted thread -----------------------------------------------------------

    def _others_posts(self) -> list[tuple[int, int]]:
        """[start, end) of each post of a pasted thread by someone other than its first
        poster ("Reply by Dave:" up to the next header)."""
        norm = self.story.norm
        regexes = self.rules.thread_headers
        if self.rules.thread_words.search(norm):  # "name:" lines count in a pasted thread
            regexes += self.rules.thread_name_lines
        headers = sorted(
            {
                (m.start(), m.group("name").strip())
                for regex in regexes
                for m in regex.finditer(norm)
                if m.group("name").strip() not in self.rules.thread_names_not
            }
        )
        if len(headers) < 2:
            return []
        first = headers[0][1]
        ends = [start for start, _ in headers[1:]] + [len(norm)]
        return [
            (start, end) for (start, name), end in zip(headers, ends, strict=True) if name != first
        ]

    def is_possible(self, position: int) -> bool:
        """Whether `position` is told only as a possibility ("can mean bad circulation")."""
        return any(a <= position < b for a, b in self._possible)

    def told_as_now(self, who: Mention, start: int, end: int) -> bool:
        """Whether a sign at [start, end), of the person `who` names, is told as happening
        now: a word of the present (`present` cues) from the person to the sign's end ("my
        mate is down and not answering", "she keeps gasping"); not "my brother
        collapsed in a race", nor "she fainted, she's fine now", whose present comes after
        the sign. Nor a sign of someone in care already ("my dad is in hospital with chest
        pain"): the sentence that tells it says so (`cared_for` cues)."""
        sentence = self.story.sentence(start)
        first = max(sentence[0], min(who.start, start))
        part = self.story.norm[first:end]
        if not any(pattern.search(part) for pattern in self.rules.present):
            return False
        whole = self.story.norm[sentence[0] : max(sentence[1], end)]
        return not any(pattern.search(whole) for pattern in self.rules.cared_for)

    def in_others_post(self, position: int) -> bool:
        """Whether `position` lies in a post that another poster of a pasted thread wrote."""
        return any(a <= position < b for a, b in self._posts)

    # --- the past -------------------------------------------------------------------

    def is_past(self, start: int, end: int | None = None) -> bool:
        """Whether the words at [start, end) are all told of the past ("during 2016 I was in
        hospital with rhabdomyolysis"); "my calf is swollen" after "I had a clot in 2019 and"
        is not."""
        index = bisect.bisect_right(self._past_starts, start) - 1
        last = start + 1 if end is None else max(end, start + 1)
        return index >= 0 and last <= self._past[index][1]

    def is_past_here(self, start: int, end: int) -> bool:
        """Whether [start, end) is told of the past by a cue in its own part of the clause,
        with no comma between: "a deep cut years ago", not "a rusty nail, booster last year"."""
        if not self.is_past(start, end):
            return False
        if any(a <= start and end <= b for a, b in self._closed):
            return True  # "in 2015 a cramp lasted half an hour ... it never came back"
        index = bisect.bisect_left(self._past_cues, (start - _REACH, 0))
        for a, b in self._past_cues[index:]:
            if a > end + _REACH:
                break
            gap = _RESTATED.sub(" ", self.story.norm[min(b, end) : max(a, start)])
            if not _LIST_BREAK.search(gap):
                return True
        return False

    # --- the story's subject ----------------------------------------------------------

    def antecedent(self, pronoun: Mention, earlier: list[Mention]) -> Mention:
        """Whom "she" or "he" stands for: the person named last before it whose sex fits
        ("my wife is pregnant with our first child; she wakes": the wife), else the last."""
        norm = self.story.norm
        born = [m for m in earlier if not UNBORN.search(norm, max(0, m.start - 40), m.start)]
        earlier = born or earlier
        sex = pronoun_sex(norm[pronoun.start : pronoun.end])
        fitting = [m for m in earlier if sex is not None and m.sex == sex]
        return fitting[-1] if fitting else earlier[-1]

    def subject(self, anchor: int | None) -> Subject:
        """Whether the story is about the writer or someone they describe ("my son").

        The person named last before `anchor` (where the story first speaks of the cramp or
        a sign) in its sentence decides; else the first named after it in that sentence;
        else someone else named before the sentence.
        """
        others = [m for m in self.mentions if m.kind == "other"]
        if not others or anchor is None:
            return Subject()
        start, end = self.story.sentence(anchor)
        chosen = None
        for mention in self.mentions:
            if not mention.subject or mention.start >= end:
                continue
            if mention.start >= start and mention.start < anchor:
                chosen = mention
            elif mention.start >= anchor and chosen is None:
                chosen = mention
                break
        if chosen is None:
            # "Dad has stents. I'm 40 and went for a run. Hamstring cramped": the writer who
            # gave their own age after the other was named turned the story to themselves.
            previous = [m for m in others if m.start < start and m.subject]
            chosen = previous[-1] if previous else None
            if chosen is not None and any(
                m.kind == "writer" and AGE_SELF.match(self.story.norm, m.start)
                for m in self.mentions
                if chosen.start < m.start < start
            ):
                return Subject()
            # "My friend had a swollen calf. I have none of that. Calf cramps.": the
            # writer turned the story to themselves.
            if chosen is not None and any(
                chosen.start < a < start and (who is None or who.kind == "writer")
                for a, _, who in self._denials
            ):
                return Subject()
        if chosen is None or chosen.kind == "writer":
            return Subject()
        if chosen.kind == "pronoun":  # "he"/"she": the person named last before it
            earlier = [m for m in others if m.start < chosen.start]
            if not earlier:
                return Subject("someone_else")
            chosen = self.antecedent(chosen, earlier)
        return Subject("someone_else", chosen.sex, chosen.word, chosen.key)


# Words after a time of now that carry its clause on ("yesterday with ...", "today after ..."):
# the time is told inside the clause, which still belongs to the person before it.
# ... unless the time opens a clause of its own ("..., and today while gardening ...").
_OPENS_CLAUSE = kept_regex(r"(?:^|[.,;:!?(\n-]|\b(?:and|but|so|then|or))\s*$")
_CLAUSE_GOES_ON = frozenset(
    {"with", "after", "because", "as", "when", "while", "for", "from", "due", "by", "in", "at"}
)


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    index = bisect.bisect_right(spans, (position, len(spans) + 10**9)) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]
