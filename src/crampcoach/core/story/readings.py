"""Whether each lexicon match is said, denied ("no swelling") or doubted ("not sure if"),
and which of them hold in a sentence with or without work of the hands."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Literal

from crampcoach.core.story.matcher import Match
from crampcoach.core.story.questions import ANSWERS_NOTHING, answered_no
from crampcoach.core.story.text import WORD, StoryText
from crampcoach.knowledge.regexes import kept_regex

_NEGATIONS = frozenset(
    [
        "zero",
        "denies",
        "denied",
        "denying",
        "no",
        "not",
        "never",
        "without",
        "none",
        "nor",
        "neither",
        "nothing",
        "nothing's",
        "nothings",
        "nobody",
        "isn't",
        "wasn't",
        "aren't",
        "weren't",
        "don't",
        "doesn't",
        "didn't",
        "haven't",
        "hasn't",
        "hadn't",
        "won't",
        "wouldn't",
        "shouldn't",
        "ain't",
        "dont",
        "doesnt",
        "didnt",
        "isnt",
        "wasnt",
        "havent",
        "hasnt",
        "wont",
        # Told by writers who mix in their own language: "walang chest pain", "kein Fieber".
        *("walang", "wala", "kein", "keine", "keinen", "nicht", "geen", "niet", "ingen", "inte"),
        *("ikke", "nincs", "nem", "nie", "tidak", "bukan", "tanpa", "hakuna", "khong"),
        *("nao", "senza", "sans", "nessun", "nessuna", "nunca", "nada", "ninguna", "ningun"),
    ]
)
# Words after which "not" does not deny what follows ("not only", "not just").
_NOT_DENYING = frozenset({"only", "just", "sure", "certain", "until"})
_UNKNOWN = kept_regex(
    r"\b(?:not sure|unsure|don'?t know|do not know|no idea|can'?t remember|cannot remember|"
    r"can'?t recall|don'?t remember|not certain|can'?t tell|cannot tell|wonder(?:ing)? if|"
    r"wonder(?:ing)? whether|whether or not)\b"
)
_HEDGES = frozenset(
    ["maybe", "might", "perhaps", "possibly", "probably", "seems", "seemed", "think", "guess"]
)
_AFTER_DENIAL = kept_regex(
    r"\s*(?:[:=?-]\s*|\(\s*)(?:no|none|nope|nil|negative|absent)\b" + ANSWERS_NOTHING
)

Status = Literal["said", "denied", "unknown"]


@dataclass(frozen=True)
class Reading:
    """A match and how it was said."""

    match: Match
    status: Status
    hedged: bool


_CANNOT = frozenset({"can't", "cannot", "cant", "couldn't", "couldnt"})
_IDIOMS = frozenset(
    {("without", "fail"), ("no", "doubt"), ("not", "only"), ("no", "matter"), ("never", "fails")}
    | {("no", "different"), ("no", "exception"), ("no", "wonder"), ("no", "surprise")}
)


def _denies(words: list[str], earlier: list[str] | None = None) -> bool:
    """True when a word of `words` denies what follows them; `earlier` are the words of the
    sentence before them, which make "cannot ... without" a yes however far back "cannot" is."""
    for index, word in enumerate(words):
        if word in _NEGATIONS:
            following = words[index + 1] if index + 1 < len(words) else ""
            if word == "not" and following in _NOT_DENYING:
                continue
            if (word, following) in _IDIOMS:
                continue  # "without fail", "no doubt": they deny nothing
            if word == "not" and index > 0 and words[index - 1] == "or":
                continue  # "whether thirsty or not": the doubt closes there
            if word == "without" and _CANNOT & {*(earlier or ()), *words[:index]}:
                continue  # "cannot turn my head without feeling faint": faint it is
            return True
    return False


def negation_floors(text: StoryText, matches: list[Match]) -> list[int]:
    """For each match, where its look-back for a denial starts.

    A "not" inside an earlier phrase that says something is there ("not making sense",
    "could not say what the date was") was used up by it: it denies nothing after it.
    A phrase that denies ("never had cramps") spreads to the end of its clause ("... at
    night") and over a list after it, joined by "or" ("never smoked or drank") or by commas
    up to the sentence's end ("never had cramps, swelling, chest pain before"), and no
    further ("no warm-up, opening sprint": the sprint is said); one that its own "not" denies,
    as `read_match` reads it, spreads over such a list ("the shin is not puffy, red or hot")
    and no further ("not puffy, merely red").
    """
    spent = []
    for m in matches:
        words = WORD.findall(text.norm, m.start, m.end)
        if any(w in _NEGATIONS for w in words):
            denies = any(v is False for v in m.entry.set_.values())
            spreads = denies or _denied_inside(m, _last_clause(text, m))
            listed = _OR_LIST.match(text.norm, m.end) if spreads else None
            end = listed.end() if listed else m.end
            if denies:
                clause = _CLAUSE.match(text.norm, m.end)
                items = _COMMA_LIST.match(text.norm, m.end)
                end = max(end, *(c.end() for c in (clause, items) if c))
            spent.append(end)
    if not spent:
        return [0] * len(matches)
    spent.sort()
    floors = []
    for m in matches:
        index = bisect.bisect_right(spent, m.start)
        floors.append(spent[index - 1] if index else 0)
    return floors


# Words that set what follows against a denial before them: "not puffy, just red and hot".
_CONTRAST = frozenset({"just", "only", "merely", "simply", "rather", "instead"})


def _after_contrast(before: list[str]) -> list[str]:
    """The words before a match from the last contrast that follows a denial ("not swollen,
    just red": red is said); all of them when there is none ("not only", "not just" deny
    nothing)."""
    for index in range(len(before) - 1, 0, -1):
        if (
            before[index] in _CONTRAST
            and before[index - 1] != "not"
            and any(w in _NEGATIONS for w in before[:index])
        ):
            return before[index + 1 :]
    return before


# The rest of a clause: up to its comma, or the end of its sentence.
_CLAUSE = kept_regex(r"[^,;:.!?\n]*")
# Items of one or two words after commas, to the list's end: ", swelling, chest pain before".
_COMMA_LIST = kept_regex(
    r"(?:\s*,\s*[a-z'-]+(?:\s+[a-z'-]+)?)+"
    r"(?=\s*(?:[,.;:!?)]|$|(?:before|ever|either|at\s+all|in\s+my\s+life|nor)\b))"
)
# A list after a sign, its last item joined by "or"/"nor": ", red or warm", " or red".
_OR_LIST = kept_regex(
    r"(?:\s*,\s*[a-z'-]+(?:\s+[a-z'-]+)?)*\s*,?\s*(?:or|nor)\s+[a-z'-]+(?:\s+[a-z'-]+)?\b"
)


_DENIED_BEFORE = 4  # words before a match that may deny it, for `told_as_denied`


def told_as_denied(text: StoryText, match: Match) -> bool:
    """Whether a denial just before `match` denies it ("no cramp", "it wasn't a cramp"),
    whatever its entry's own negation mode (a word of cramp ignores it)."""
    return _denies(_after_contrast(text.words_before(match.start, _DENIED_BEFORE)))


_JOINER = kept_regex(r"\s*(?:(?:or|nor|and)\s+)?")


def _last_clause(text: StoryText, match: Match) -> list[str]:
    """The words of a match with gaps that may deny it: those after its first word ("shin
    not puffy", "toes not white, cold"), or, when it holds a comma that opens another
    clause, those after its last comma; a denial in a clause before that is not the sign's
    ("his toes, still not easing, have turned chalky white": they are white; "urine pale,
    not dark": not dark)."""
    comma = text.norm.rfind(",", match.start, match.end)
    joiner = _JOINER.match(text.norm, comma + 1) if comma >= 0 else None
    if joiner is None or _STATE.match(text.norm, joiner.end()):
        # No comma, or one in a list of states ("foot not pale, cold"): all its words.
        return WORD.findall(text.norm, match.start, match.end)[1:]
    return WORD.findall(text.norm, comma + 1, match.end)


def _denied_inside(match: Match, words: list[str]) -> bool:
    """Whether the words of a pattern with gaps deny it ("shin not puffy"); `words`:
    those that may (`_last_clause`)."""
    return match.spans_words and match.entry.negation_mode() != "ignore" and _denies(words)


def read_match(
    text: StoryText, match: Match, floor: int = 0, signs: frozenset[str] = frozenset()
) -> Reading:
    """Whether the words of `match` are said, denied ("no swelling") or unknown ("not sure").

    `signs`: signs and body parts told in one word ("swelling", "hamstring"): no verbs.
    """
    mode = match.entry.negation_mode()
    before = text.words_before(match.start, 10)
    if floor:
        # Only the words after the last phrase that spent its own negation (the words
        # before reach back at most 165 characters, so 200 are enough to count).
        after_floor = WORD.findall(text.norm, max(floor, match.start - 200), match.start)
        before = before[max(0, len(before) - len(after_floor)) :]
    before = _after_contrast(
        _after_closed_without(text, match, _after_comma(text, match, before), signs)
    )
    # "no swelling, redness or warmth": a list after a denial stays denied.
    listed = any(w in ("or", "nor") for w in before[-2:])
    before = before[-(10 if listed else 5 if mode == "flip" else 3) :]
    hedged = any(w in _HEDGES for w in before)
    if mode == "ignore":
        return Reading(match, "said", hedged)
    joined = " ".join(before)
    if _UNKNOWN.search(joined):
        return Reading(match, "unknown", True)
    inner = _last_clause(text, match) if match.spans_words else []
    if _UNKNOWN.search(" ".join(inner)):
        return Reading(match, "unknown", True)
    # "can't get up the field (uphill) without my calf seizing": the "can't" may stand well
    # back in the sentence.
    earlier = None
    if "without" in before:
        first = max(text.sentence(match.start)[0], match.start - 200)
        earlier = WORD.findall(text.norm, first, match.start)
    denied = _denies(before, earlier) or _denied_inside(match, inner)
    if denied and _UNTIL_A_TIME.match(text.norm, match.end):
        denied = False  # "no chest pain until this morning": there since then
    if not denied and _AFTER_DENIAL.match(text.norm, match.end):
        denied = True
    if not denied and answered_no(text.norm, match.start, match.end):
        denied = True
    return Reading(match, "denied" if denied else "said", hedged)


# A denial up to a time tells when it began ("didn't have any chest pain until this morning",
# "no dark urine till last night"): from then on it is there.
_UNTIL_A_TIME = kept_regex(
    r"[^.;!?,]{0,25}?\b(?:until|till|til|up\s+until)\s+(?:(?:this|last|yesterday|today|tonight|"
    r"now|recently|lunch\w*|breakfast|dinner|bedtime|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b"
    r"|(?:about\s+|around\s+)?(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|"
    r"a\s+couple\s+of|\d+)\s+(?:hours?|days?|minutes?|mins?|weeks?)\s+(?:ago|back)\b"
    r"|the\s+(?:last|past)\s+(?:few\s+)?(?:hours?|days?)\b)"
)


# What may stand between a comma and a sign that a denial before the comma still reaches:
# nothing, or a list's last joiner ("no swelling, redness", "not puffy, red or hot").
_LIST_GAP = kept_regex(r"\s*(?:(?:[a-z'-]+\s+){0,2}(?:or|nor|and)\s+)?")
_COMMA_REACH = 200  # characters back to the comma looked for
# A sign told as a state of what comes before it ("calf swollen", "legs weak"), not named
# as a thing a list may deny ("leg swelling", "muscle weakness").
_STATE = kept_regex(
    r"(?:swollen|puffy|puffed|bloated|red|reddened|hot|warm|cold|icy|white|pale|blue|grey|gray"
    r"|mottled|numb|weak|weakened|dizzy|faint|confused|drowsy|tender|sore|tight|dark|brown"
    r"|bigger|fatter|bruised|discolou?red)\b"
)


# ... or told with the thing it is the state of inside the sign's own words ("no swelling,
# foot pale and cold", "no rash, urine dark brown").
_SUBJECT_STATE = kept_regex(
    r"(?:legs?|foot|feet|toes?|calf|calves|thighs?|arms?|hands?|skin|urine|pee|wee|lips"
    r"|fingers?)\s+(?:(?:is|are|was|were|looks?|looked|feels?|felt|went|gone|turned)\s+)?"
    + _STATE.pattern
)


# What tells that a list goes on after a sign ("..., or numbness", "... before", "... ever",
# "...?", "... not sure"): the sign is one of its items.
_LIST_GOES_ON = kept_regex(r"[^.;!\n]{0,60}?(?:\b(?:or|nor|before|ever|not\s+sure)\b|\?)")


def _told_with_subject(text: StoryText, match: Match, comma: int, first: int) -> bool:
    """Whether a sign told with what it is the state of ("foot pale and cold") opens the
    clause just after the denial's own item ("no swelling, ...") and is no item of a list
    that goes on ("no swelling, fever, urine dark", "no swelling, foot cold or numbness")."""
    if (
        not _SUBJECT_STATE.match(text.norm, match.start)
        or text.norm[comma + 1 : match.start].strip()
    ):
        return False
    previous = text.norm.rfind(",", first, comma)
    item = WORD.findall(text.norm, max(previous + 1, first), comma)
    return _denies(item) and _LIST_GOES_ON.match(text.norm, match.end) is None


def _after_comma(text: StoryText, match: Match, before: list[str]) -> list[str]:
    """`before` from the last comma on, when the sign is told as the state of something
    named after it ("no injury, calf swollen and red" tells a swollen calf; so does "no
    swelling, foot pale and cold"), not as a list's next item ("no chest pain, leg swelling
    or breathlessness", "not puffy, red, hot" deny them all)."""
    state = _STATE.match(text.norm, match.start)
    if state is None and _SUBJECT_STATE.match(text.norm, match.start) is None:
        return before  # most signs: no state told, nothing to look for
    first = max(text.sentence(match.start)[0], match.start - _COMMA_REACH)
    comma = text.norm.rfind(",", first, match.start)
    if comma < 0:
        return before
    told = _told_with_subject(text, match, comma, first) or (
        state is not None and not _LIST_GAP.fullmatch(text.norm, comma + 1, match.start)
    )
    if not told:
        return before
    after = WORD.findall(text.norm, comma + 1, match.start)
    return before[max(0, len(before) - len(after)) :]


# "started without stretching, hamstring locked": a "without" that takes a verb in -ing denies
# up to the end of its clause; words after that are a new clause (unless they are more
# verbs of its list: "without stretching, warming up or eating"). A sign in -ing is no
# verb: "without swelling, redness or warmth" stays one list.
_CLOSED_WITHOUT = kept_regex(r"\bwithout\s+(?:\w+\s+)?(?P<verb>\w+ing)\b[^,;:.!?]*[,;:]")


def _after_closed_without(
    text: StoryText, match: Match, before: list[str], signs: frozenset[str]
) -> list[str]:
    """`before` less the words up to the end of a closed "without ...ing" clause."""
    if "without" not in before:
        return before
    first = WORD.match(text.norm, match.start)
    if first is not None and first.group().endswith("ing") and first.group() not in signs:
        return before  # another verb of its list ("hamstring" is no verb)
    clauses = list(_CLOSED_WITHOUT.finditer(text.norm, max(0, match.start - 200), match.start))
    closed = clauses[-1] if clauses else None
    if closed is None or closed.group("verb") in signs:
        return before
    after = WORD.findall(text.norm, closed.end(), match.start)
    return before[len(before) - len(after) :] if len(after) < len(before) else before


def at_work(story: StoryText, readings: list[Reading]) -> list[Reading]:
    """Keep the readings that need idle hands in sentences with no work of the hands, and
    those that need busy hands in sentences with it: fingers that curl and lock are a sign
    of low calcium, unless the hand cramped at work ("gripping the racket, my fingers
    curled": the cramp itself). A sentence that tells of a cramp right after one of work
    of the hands is at that work too ("Six hours of sewing. By the evening my hand was
    cramping and the fingers curled in")."""
    busy = {story.sentence(r.match.start) for r in readings if "_hand_use" in r.match.entry.set_}
    if busy:
        cramps = {
            story.sentence(r.match.start)
            for r in readings
            if "_cramp" in r.match.entry.set_ and r.match.entry.needs != "busy_hands"
        }
        busy |= {sentence for sentence in cramps if story.sentence_before(sentence) in busy}
    kept = []
    for reading in readings:
        needs = reading.match.entry.needs
        at_work = story.sentence(reading.match.start) in busy
        if (needs != "idle_hands" or not at_work) and (needs != "busy_hands" or at_work):
            kept.append(reading)
    return kept
