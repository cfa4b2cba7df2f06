"""Find lexicon phrases in a story (whether each is said, denied or doubted: `readings`)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import ahocorasick

from crampcoach.core.story.context_rules import ContextRules, compile_context
from crampcoach.core.story.cooling import CoolingRules, compile_cooling
from crampcoach.core.story.phrases import Pattern, PhraseIndex, Words
from crampcoach.core.story.spelling import Speller
from crampcoach.core.story.text import WORD, StoryText
from crampcoach.knowledge.lexicon import Lexicon, LexiconEntry, default_lexicon

FACT_GROUP = "fact"  # in a lexicon pattern, the words a fact is shown by (the rest: context)


@dataclass(frozen=True)
class Rule:
    """One compiled pattern of an entry."""

    entry: LexiconEntry
    pattern: Pattern
    spans_words: bool  # a pattern with gaps: a "not" inside it counts

    def finditer(self, text: str, *, filtered: bool = False) -> Iterator[re.Match[str]]:
        """The matches in `text`; `filtered`: the text is known to hold the needed words."""
        return self.pattern.search_all(text) if filtered else self.pattern.finditer(text)


@dataclass(frozen=True)
class Match:
    entry: LexiconEntry
    start: int
    end: int
    spans_words: bool


@dataclass(frozen=True)
class CompiledLexicon:
    lexicon: Lexicon
    rules: tuple[Rule, ...]
    phrases: PhraseIndex
    speller: Speller
    relatives: dict[str, str | None]
    context: ContextRules
    languages: dict[str, frozenset[str]]
    cooling: CoolingRules
    words: frozenset[str]  # the words of signs and body parts (names.py)
    # Entries read with remedies masked (`_remedy` entries' `hides`): a warm flannel on
    # the calf is no warm calf, an ice pack or the cold floor no cold limb or weather.
    remedy_blind: frozenset[str] = frozenset()
    # Signs and body parts told in one word ("swelling", "hamstring"): after "without", a
    # word in -ing among them is no verb.
    sign_nouns: frozenset[str] = frozenset()
    # A word every match of a rule contains (of its `needs` or `also`) -> the numbers of the
    # rules that need it, and the bits of the further sets of needed words (`also`) it is
    # in; the rules that need none are always searched.
    by_need: dict[str, tuple[tuple[int, ...], int]] = field(init=False, default_factory=dict)
    unfiltered: frozenset[int] = field(init=False, default=frozenset())
    # Every needed word in one automaton (Aho-Corasick), so that a text is read once for all
    # of those it holds, in C, not looked through once per word.
    needs_automaton: ahocorasick.Automaton = field(
        init=False, default_factory=ahocorasick.Automaton
    )
    # Each `also` set is a bit. A text must hold one word of each of a rule's sets: the
    # rule's bits (by number) are all among those of the words the text holds.
    also_by_rule: dict[int, int] = field(init=False, default_factory=dict)
    remedy_rules: tuple[int, ...] = field(init=False, default=())
    blind_rules: tuple[int, ...] = field(init=False, default=())  # read with remedies masked

    def __post_init__(self) -> None:
        by_need: dict[str, list[int]] = {}
        for number, rule in enumerate(self.rules):
            for need in rule.pattern.needs or ():
                by_need.setdefault(need, []).append(number)
        unfiltered = frozenset(n for n, rule in enumerate(self.rules) if rule.pattern.needs is None)
        object.__setattr__(self, "unfiltered", unfiltered)
        also = {
            number: rule.pattern.also
            for number, rule in enumerate(self.rules)
            if rule.pattern.needs is not None and rule.pattern.also
        }
        every_set = sorted({each for sets in also.values() for each in sets})
        bit_of = {each: 1 << n for n, each in enumerate(every_set)}
        also_bits: dict[str, int] = {}
        for each, bit in bit_of.items():
            for word in each:
                also_bits[word] = also_bits.get(word, 0) | bit
        needed = {number: sum(bit_of[each] for each in set(sets)) for number, sets in also.items()}
        object.__setattr__(self, "also_by_rule", needed)
        words = set(by_need) | set(also_bits)
        object.__setattr__(
            self,
            "by_need",
            {word: (tuple(by_need.get(word, ())), also_bits.get(word, 0)) for word in words},
        )
        automaton = ahocorasick.Automaton()
        for word in sorted(words):
            automaton.add_word(word, word)
        automaton.make_automaton()
        object.__setattr__(self, "needs_automaton", automaton)
        remedies = tuple(n for n, rule in enumerate(self.rules) if "_remedy" in rule.entry.set_)
        object.__setattr__(self, "remedy_rules", remedies)
        blind = tuple(
            n
            for n, rule in enumerate(self.rules)
            if n not in remedies and rule.entry.id in self.remedy_blind
        )
        object.__setattr__(self, "blind_rules", blind)

    def candidate_rules(self, norm: str) -> set[int]:
        """The numbers of the rules that may match in `norm` (the others surely do not): those
        whose needed words `norm` holds (`Pattern.may_match`), looked for once per text."""
        held = {need for _, need in self.needs_automaton.iter(norm)} if self.by_need else set()
        found = set(self.unfiltered)
        met = 0  # the `also` sets with a word in `norm`
        by_need = self.by_need
        for need in held:
            rules, bits = by_need[need]
            found.update(rules)
            met |= bits
        also = self.also_by_rule
        return {number for number in found if also.get(number, 0) & ~met == 0}


def compile_lexicon(lexicon: Lexicon) -> CompiledLexicon:
    """Build the phrase index, the pattern searches and the speller for a lexicon."""
    rules: list[Rule] = []
    index = PhraseIndex()
    vocabulary: set[str] = set()
    for number, entry in enumerate(lexicon.entries):
        for phrase in entry.phrases:
            index.add(phrase, number)
            vocabulary.update(WORD.findall(phrase.lower()))
        rules.extend(Rule(entry, Pattern(p), True) for p in entry.compiled_patterns)
    vocabulary.update(lexicon.vocabulary)
    relatives: dict[str, str | None] = {}
    for sex, words in (
        ("male", lexicon.relatives.male),
        ("female", lexicon.relatives.female),
        (None, lexicon.relatives.unknown),
    ):
        for word in words:
            relatives[word] = sex
            vocabulary.update(WORD.findall(word))
    speller = Speller(
        vocabulary, lexicon.known_words, {**lexicon.shorthands, **lexicon.contractions}
    )
    # The words of signs and of the body: "Chest Pain" capitalised is still a sign, while
    # "Red Sea" or "Red Lion" is a name.
    sign_words = set(lexicon.vocabulary)
    sign_nouns = set()
    for entry in lexicon.entries:
        if any(k.startswith(("findings.", "episode.muscle")) for k in entry.set_):
            for phrase in entry.phrases:
                words = WORD.findall(phrase.lower())
                sign_words.update(words)
                if len(words) == 1:
                    sign_nouns.update(words)
    languages = {name: frozenset(words) for name, words in lexicon.other_languages.items()}
    context = compile_context(lexicon, relatives)
    cooling = compile_cooling(lexicon)
    blind = {h for e in lexicon.entries if "_remedy" in e.set_ for h in e.hides}
    return CompiledLexicon(
        lexicon,
        tuple(rules),
        index,
        speller,
        relatives,
        context,
        languages,
        cooling,
        frozenset(sign_words),
        frozenset(blind),
        frozenset(sign_nouns),
    )


def _phrase_matches(words: Words, compiled_lexicon: CompiledLexicon) -> list[Match]:
    tokens = words.tokens
    longest: dict[tuple[int, int], int] = {}
    for entry, first, last in compiled_lexicon.phrases.find(words.keys):
        if last > longest.get((entry, first), first):
            longest[(entry, first)] = last
    entries = compiled_lexicon.lexicon.entries
    found = []
    taken_until: dict[int, int] = {}
    for (entry, first), last in sorted(longest.items(), key=lambda item: (item[0][1], item[0][0])):
        if first < taken_until.get(entry, 0):
            continue  # like a regex: one entry's matches do not overlap
        taken_until[entry] = last
        found.append(Match(entries[entry], tokens[first].start(), tokens[last - 1].end(), False))
    return found


def compiled(lexicon: Lexicon | None = None) -> CompiledLexicon:
    """The compiled form of `lexicon` (the package's own by default), built once per lexicon
    and kept with it."""
    chosen = lexicon if lexicon is not None else default_lexicon()
    return chosen.derived(compile_lexicon)


def find_matches(text: StoryText, compiled_lexicon: CompiledLexicon) -> list[Match]:
    """Every lexicon match, less those hidden by a longer claiming match, in text order.

    The entries a remedy hides (`remedy_blind`) are read in a copy of the story with the
    remedies' words masked: "put my foot on the freezing floor until it went numb" is no
    cold, numb limb, while "my foot is white, cold and numb" beside it still is.
    """
    blind = compiled_lexicon.remedy_blind
    found = _phrase_matches(text.words, compiled_lexicon)
    rules = compiled_lexicon.rules
    candidates = compiled_lexicon.candidate_rules(text.norm)
    remedy_rules = compiled_lexicon.remedy_rules
    for number in remedy_rules:
        if number in candidates:
            found.extend(_rule_matches(rules[number], text.norm, filtered=True))
    remedies = [m for m in found if "_remedy" in m.entry.set_]
    masked = _masked(text.norm, remedies) if remedies and blind else None
    if masked is not None:
        found = [m for m in found if m.entry.id not in blind]
        in_masked = _phrase_matches(Words(masked), compiled_lexicon)
        found.extend(m for m in in_masked if m.entry.id in blind)
    searched = candidates.difference(remedy_rules)
    if masked is not None:
        searched.update(compiled_lexicon.blind_rules)
    for number in sorted(searched):  # in the lexicon's order, as ties are sorted
        rule = rules[number]
        if masked is not None and rule.entry.id in blind:
            if rule.pattern.may_match(masked):
                found.extend(_rule_matches(rule, masked))
        else:
            found.extend(_rule_matches(rule, text.norm, filtered=number in candidates))
    found.sort(key=lambda m: (m.start, -m.end))
    claims = [m for m in found if m.entry.claims or m.entry.hides]
    if not claims:
        return found
    starts = [m.start for m in found]
    hidden: set[int] = set()
    for claim in claims:
        length = claim.end - claim.start
        # Matches that overlap `claim` start before its end.
        for index in range(bisect.bisect_left(starts, claim.start - 200), len(found)):
            other = found[index]
            if other.start >= claim.end:
                break
            overlaps = other.end > claim.start and other.end - other.start < length
            if other.entry is claim.entry:
                continue  # two readings of one meaning: both stand
            if overlaps and (claim.entry.claims or other.entry.id in claim.entry.hides):
                hidden.add(index)
    return [m for i, m in enumerate(found) if i not in hidden]


def _rule_matches(rule: Rule, norm: str, *, filtered: bool = False) -> Iterator[Match]:
    """The rule's matches; a pattern with a group named "fact" is placed at that group's
    words ("yesterday ... today both legs are swollen": the fact is "today ... swollen").
    `filtered`: `norm` is known to hold the words the rule needs."""
    for m in rule.finditer(norm, filtered=filtered):
        start, end = m.span(FACT_GROUP) if FACT_GROUP in m.re.groupindex else m.span()
        if end > start:
            yield Match(rule.entry, start, end, rule.spans_words)


def _masked(norm: str, remedies: list[Match]) -> str:
    """`norm` with the letters of each remedy's words made "x": same length, no meaning."""
    chars = list(norm)
    for match in remedies:
        for index in range(match.start, match.end):
            if chars[index].isalpha():
                chars[index] = "x"
    return "".join(chars)
