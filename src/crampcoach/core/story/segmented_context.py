"""Who and when in a story written without spaces: ConText's cues found on the segmenter's
word boundaries, their reach, and the people the story's words belong to.

A cue counts only where the segmenter puts a word boundary at both its ends (不 inside
不错 is no cue), outside a longer pseudo cue (不知道) and outside a matched phrase that
holds it (喘不上气). A negation reaches forward over `reach` words up to punctuation or a
terminator (但是); a backward one (都没有) reaches back over its clause. A past cue
(以前, 去年) reaches to the end of its sentence unless a word of now (这次, 今天) ends it;
hearsay and ifs (听说, 如果) reach over their sentence's clauses up to a terminator, a word
of now or the writer named again, and what they reach is set aside as the past is.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from crampcoach.core.story.segmented_words import WRITER, Cue, CueWords, Mention, Spans
from crampcoach.knowledge.regexes import kept_regex

# Where a clause ends: punctuation, full width or not, and line breaks.
CLAUSE_END = kept_regex(r"[，,。！？!?；;：:\n\r\t ()（）…~～]")
SENTENCE_END = kept_regex(r"[。！？!?；;\n]")
_BETWEEN = frozenset({"的", "家"})  # 我的妈妈, 我家孩子: the writer's relative
_LONGEST_SPAN = 64  # characters: no phrase or pattern of the data matches more
_COMPANY_REACH = 4  # characters before a person a companion word may stand
_WITNESS_REACH = 4  # characters: the witness word follows the writer at once


class StoryContext:
    """The cues and people of one story: which spans are denied, hedged, past, and whose."""

    def __init__(
        self,
        norm: str,
        bounds: list[int],
        words: CueWords,
        phrases: Iterable[tuple[int, int]],
    ) -> None:
        self.norm = norm
        self.bounds = bounds  # the segmenter's word boundaries, sorted
        self._at_bound = set(bounds)
        self.clause_ends = [m.start() for m in CLAUSE_END.finditer(norm)]
        self.sentence_ends = [m.start() for m in SENTENCE_END.finditer(norm)]
        self.words = words
        spans = sorted(phrases)
        self._candidates = self._starts()
        found = self._found(words.kinds)
        found += [
            Cue(kind, m.start(), m.end())
            for kind, patterns in (
                ("pseudo", words.pseudo_patterns),
                ("backward", words.backward_patterns),
            )
            for pattern in patterns
            for m in pattern.finditer(norm)
        ]
        self.cues = [c for c in found if not _inside_longer(c, spans)]
        # A cue inside a pseudo cue is none: 不 in 不知道.
        pseudo = Spans((c.start, c.end) for c in self.cues if c.kind == "pseudo")
        self.cues = [c for c in self.cues if c.kind == "pseudo" or not pseudo.holds(c.start, c.end)]
        # A person word inside a phrase is none (他 in 他汀), but one inside a sign told over
        # clauses is a person ("绕到湖边，她就站住了，说腿酸").
        self.mentions = self._mentions(
            [(a, b) for a, b in spans if not CLAUSE_END.search(norm, a, b)]
        )
        self.terminators = sorted(
            c.start for c in self.cues if c.kind in ("terminator", "negation", "uncertain")
        )
        self.now = sorted(c.start for c in self.cues if c.kind in ("now", "terminator"))
        self._mention_starts = [m.start for m in self.mentions]
        self.scopes = self._scopes()

    def _starts(self) -> list[int]:
        """The word boundaries where some cue or person word begins."""
        return [
            m.start()
            for m in self.words.first_chars.finditer(self.norm)
            if m.start() in self._at_bound
        ]

    def _found(self, kinds: dict[str, str]) -> list[Cue]:
        """Every cue word on word boundaries, the longest at each place, not overlapping."""
        found: list[Cue] = []
        taken_until = 0
        for start in self._candidates:
            if start < taken_until:
                continue
            for size in range(min(self.words.longest, len(self.norm) - start), 0, -1):
                end = start + size
                word = self.norm[start:end]
                if word in kinds and end in self._at_bound:
                    found.append(Cue(kinds[word], start, end))
                    taken_until = end
                    break
        return found

    def _mentions(self, spans: list[tuple[int, int]]) -> list[Mention]:
        """The people named, in order: a pronoun is the last person of its sex named (the
        one asked for, when the writer asks for someone of that sex); the readers addressed
        ("各位大神") are no one; someone named as company ("跟朋友"), or the writer as a witness
        ("我一看"), owns no words."""
        named, pronouns = self.words.people, self.words.pronouns
        mentions: list[Mention] = []
        last: dict[str, str] = {}  # sex -> the last person of that sex (or of none) named
        taken_until = 0
        for start in self._candidates:
            if start < taken_until:
                continue
            for size in range(min(self.words.longest, len(self.norm) - start), 0, -1):
                end = start + size
                word = self.norm[start:end]
                if end not in self._at_bound or (word not in named and word not in pronouns):
                    continue
                if _inside_longer(Cue("", start, end), spans):
                    break  # 自己 inside a phrase, 他 inside 他汀
                taken_until = end
                if word in pronouns:
                    sex: str | None = pronouns[word]
                    person = last.get(str(sex), word)
                else:
                    person, sex = named[word]
                    if self._addressed(start) or (sex is None and self._likened(start)):
                        break
                if person != WRITER:
                    for kind in (sex,) if sex else ("male", "female"):
                        last[kind] = person
                # "跟朋友", "和单位的同事": a companion word a few characters before.
                company = self._company(start)
                following = self.norm[end : end + _WITNESS_REACH]
                looking = person == WRITER and following.startswith(self.words.witnessing)
                # "(他)把我叫醒": the writer acted on by the one the words were about, not by
                # someone new named in the clause ("同学把我背回家": then it is the writer's).
                acted_on = (
                    person == WRITER
                    and self.norm.endswith(
                        self.words.acted_on, max(0, start - _WITNESS_REACH), start
                    )
                    and not self._new_actor(mentions, start)
                )
                # "他自己": a reflexive names whoever the words were about already.
                aside = company or looking or acted_on or word in self.words.reflexive
                mentions.append(Mention(person, sex, start, end, aside))
                break
        mentions = self._asked_for(mentions)
        # The writer right before a relative ("我" in 我的妈妈) names the relative only.
        kept = []
        for index, mention in enumerate(mentions):
            after = mentions[index + 1] if index + 1 < len(mentions) else None
            gap = self.norm[mention.end : after.start] if after else "-"
            writer_of = mention.person == WRITER and after is not None and after.person != WRITER
            if writer_of and all(c in _BETWEEN for c in gap):
                continue
            kept.append(mention)
        return kept

    def _new_actor(self, mentions: list[Mention], start: int) -> bool:
        """Whether someone other than the person told of so far is named in the clause
        before `start` (the one acting on the writer there)."""
        owners: list[Mention] = []  # the last two who own words, latest first
        for mention in reversed(mentions):
            if not mention.bystander:
                owners.append(mention)
                if len(owners) == 2:
                    break
        if not owners or owners[0].start < self.clause(start)[0]:
            return False
        return len(owners) < 2 or owners[0].person != owners[1].person

    def _addressed(self, start: int) -> bool:
        """Whether the person word at `start` follows a word addressing the readers."""
        before = self.norm[max(0, start - 4) : start]
        return any(before.endswith(word) for word in self.words.addressing)

    def _likened(self, start: int) -> bool:
        """Whether the someone at `start` follows a word of likening ("像有人踹了一脚": no
        one in the story), the longest cue word ending there being one (好像, a hedge, is
        not: "好像有人说过")."""
        before = self.norm[max(0, start - self.words.longest) : start]
        for size in range(len(before), 0, -1):
            word = before[-size:]
            if word in self.words.likening:
                return True
            if word in self.words.kinds:
                return False
        return False

    def _asked_for(self, mentions: list[Mention]) -> list[Mention]:
        """Pronouns of the sex of the person the writer asks for are that person: "帮我爸
        问 ... 我哥陪他 ... 他说腿疼" is the father's."""
        proxy = _proxy_of(mentions, self.norm, self.words)
        if proxy is None:
            return mentions
        return [
            Mention(proxy.person, m.sex, m.start, m.end, m.bystander)
            if self.norm[m.start : m.end] in self.words.pronouns and m.sex in (proxy.sex, None)
            else m
            for m in mentions
        ]

    # --- clauses and sentences --------------------------------------------------------

    def _company(self, start: int) -> bool:
        """A companion word ends a word a few characters before `start`, in its clause:
        "跟朋友", "和单位的同事", but not the 同 of 同队 or 同事."""
        begin = max(self.clause(start)[0], start - _COMPANY_REACH)
        before = self.norm[begin:start]
        for word in self.words.companions:
            at = before.find(word)
            while at >= 0:
                if begin + at + len(word) in self._at_bound:
                    return True
                at = before.find(word, at + 1)
        return False

    def clause(self, position: int) -> tuple[int, int]:
        index = bisect.bisect_left(self.clause_ends, position)
        start = self.clause_ends[index - 1] + 1 if index > 0 else 0
        end = self.clause_ends[index] if index < len(self.clause_ends) else len(self.norm)
        return start, end

    def sentence(self, position: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.sentence_ends, position - 1)
        start = self.sentence_ends[index - 1] + 1 if index > 0 else 0
        end = self.sentence_ends[index] if index < len(self.sentence_ends) else len(self.norm)
        return start, end

    # --- scopes -------------------------------------------------------------------------

    def _forward_end(self, cue: Cue) -> int:
        """Where a forward cue's reach ends: `reach` words on, punctuation, a terminator."""
        clause_end = self.clause(cue.end)[1]
        index = bisect.bisect_right(self.bounds, cue.end)
        words_end = self.bounds[min(index + self.words.reach - 1, len(self.bounds) - 1)]
        end = min(clause_end, words_end if index < len(self.bounds) else len(self.norm))
        later = bisect.bisect_left(self.terminators, cue.end)
        if later < len(self.terminators):
            end = min(end, self.terminators[later])
        return end

    def _past_end(self, cue: Cue) -> int:
        """Where a past cue's reach ends: its sentence's end, or a word of now."""
        end = self.sentence(cue.start)[1]
        later = bisect.bisect_left(self.now, cue.end)
        return min(end, self.now[later]) if later < len(self.now) else end

    def _hearsay_end(self, cue: Cue) -> int:
        """Where hearsay or an if ends: what was heard runs on over its sentence's clauses
        ("听说骑太猛的话，腿会..., 尿也..."), up to a terminator, a word of now or the writer
        named again ("我看了")."""
        end = min(self.sentence(cue.start)[1], self._past_end(cue))
        later = bisect.bisect_left(self.terminators, cue.end)
        if later < len(self.terminators):
            end = min(end, self.terminators[later])
        for mention in self.mentions[bisect.bisect_left(self._mention_starts, cue.end) :]:
            if mention.start >= end:
                break
            if mention.person == WRITER:
                return mention.start
        return end

    def _scopes(self) -> dict[str, Spans]:
        spans: dict[str, list[tuple[int, int]]] = {"denied": [], "hedged": [], "past": []}
        for cue in self.cues:
            if cue.kind == "negation":
                spans["denied"].append((cue.end, self._forward_end(cue)))
            elif cue.kind in ("backward", "bidirectional"):
                spans["denied"].append((self.clause(cue.start)[0], cue.start))
                if cue.kind == "bidirectional":
                    spans["denied"].append((cue.end, self._forward_end(cue)))
            elif cue.kind == "uncertain":
                spans["hedged"].append((cue.end, self._forward_end(cue)))
            elif cue.kind == "past":
                spans["past"].append((cue.end, self._past_end(cue)))
            elif cue.kind == "hypothetical":  # hearsay, an if: not now, as the past is not
                spans["past"].append((cue.end, self._hearsay_end(cue)))
        return {kind: Spans(found) for kind, found in spans.items()}

    def denied(self, start: int) -> bool:
        """Whether a negation reaches the words that start at `start`."""
        return self.scopes["denied"].cover(start)

    def hedged(self, start: int) -> bool:
        """Whether an uncertainty cue reaches the words that start at `start`."""
        return self.scopes["hedged"].cover(start)

    def is_past(self, start: int) -> bool:
        """Whether a past cue before `start` in its sentence reaches it (no now between)."""
        return self.scopes["past"].cover(start)

    # --- people ---------------------------------------------------------------------------

    def owner(self, position: int) -> Mention | None:
        """The person the words at `position` belong to: the last one named before them
        (a clause without a person carries on the one before, as Chinese drops it), not
        counting those named as company nor the writer as a witness."""
        index = bisect.bisect_right(self._mention_starts, position - 1) - 1
        while index >= 0:
            mention = self.mentions[index]
            if mention.end <= position and not mention.bystander:
                return mention
            index -= 1
        return None

    def names_inside(self, person: str, start: int, end: int) -> bool:
        """Whether `person` is named in [start, end) as one who owns words."""
        index = bisect.bisect_left(self._mention_starts, start)
        for mention in self.mentions[index:]:
            if mention.start >= end:
                return False
            if mention.person == person and not mention.bystander:
                return True
        return False

    def proxy(self) -> Mention | None:
        """The relative the writer asks for ("帮我妈问一下"), if any."""
        return _proxy_of(self.mentions, self.norm, self.words)


def _proxy_of(mentions: list[Mention], norm: str, words: CueWords) -> Mention | None:
    for mention in mentions:
        if mention.person == WRITER:
            continue
        before = norm[max(0, mention.start - 1) : mention.start]
        after = norm[mention.end : mention.end + 4]
        if before in words.proxies and any(a in after for a in words.asking):
            return mention
    return None


def _inside_longer(cue: Cue, spans: list[tuple[int, int]]) -> bool:
    """Whether the cue lies inside a longer span of `spans` (sorted by start)."""
    # Walked back by index: a slice would copy the spans before it, for every cue.
    for index in range(bisect.bisect_right(spans, (cue.start, float("inf"))) - 1, -1, -1):
        start, end = spans[index]
        if start <= cue.start and cue.end <= end and end - start > cue.end - cue.start:
            return True
        if start < cue.start - _LONGEST_SPAN:
            break
    return False
