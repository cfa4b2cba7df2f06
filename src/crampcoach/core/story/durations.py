"""How long things lasted: the cramp, the session, or the time since it began.

Each duration is placed by the words around it: "lasted 5 minutes" (the cramp), "a
three-hour match" (the session), "20 minutes ago" (time since), "has not let go for forty
minutes" (a cramp still holding: the cramp).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from crampcoach.core.story.duration_values import DURATION, duration_value
from crampcoach.core.story.quantities import Found
from crampcoach.core.story.text import StoryText
from crampcoach.knowledge.regexes import kept_regex

# "over 10 minutes", "10+ minutes": more than the number, read as a tenth more (a cramp
# "over 10 minutes" is longer than the 10 minutes that make it prolonged).
_HEDGE = kept_regex(
    r"\b(?:the\s+(?:best|better|greater|whole|full)\s+(?:part\s+)?of|(?:upwards|in\s+excess)\s+of|"
    r"(?:close|near|nearer|up)\s+to|(?:a|an)\s+(?:solid|full|whole|long|entire|straight)|"
    r"some|easily|probably|perhaps|approx|a\s+good)\s+$"
)
_BEFORE_REACH = 30  # characters before a number searched for a hedge or a timing
# The cramp timed or clocked by the person: "clocked the spasm at", "timed it to be".
_TIMED = kept_regex(
    r"\b(?:timed|clocked)\s+(?:it|the\s+(?:cramp|spasm)|that\s+one|this\s+one)\s*(?:at|:|to\s+be)\s+$"
)
_MORE_THAN = kept_regex(r"\b(?:over|more\s+than|longer\s+than|beyond|upwards\s+of|past)\s*$")
_EXERCISE_WORDS = (
    r"ran|jogged|cycled|rode|swam|hiked|raced|played|"
    r"run|running|ride|riding|cycling|cycle|bike|hike|hiking|walk|walking|swim|swimming|match|"
    r"game|race|session|workout|training|class|tennis|football|soccer|marathon|ultra\w*|event|"
    r"trek|trekking|climb|paddle|practice|rowing|triathlon|ironman|sportive|exercise|gym|"
    r"spin|effort|game|tournament|shift|dance|ballet|squash|basketball|rugby|hockey|golf|ski\w*|"
    r"trampolin\w*|skate\w*|parkour"
)
_ACTIVITY_AFTER = kept_regex(
    r"[\s-]*(?:(?:of|long|hard|easy|hot|hilly|steep|\w+'s)\s+){0,2}(?:\w+\s+)?(?:"
    + _EXERCISE_WORDS
    + r")\b|\s+(?:in|into)\b(?!\s+(?:bed|a chair|a row|the shade|the air[\s-]?con\w*|"
    r"(?:(?:the|a|my|our|his|her|their)\s+)?(?:car|plane|bus|train|coach|van|lorry|truck|taxi|"
    r"cab|flight|seat|traffic|queue|office)s?\b|"
    r"the aircon|the cool|an? (?:cold|cool|ice)|ice|pain|agony|spasm|cramp|"
    r"(?:my|his|her|the|one|both) (?:left |right )?(?:calf|calves|legs?|foot|feet|toes?|thighs?|"
    r"hamstrings?|quads?|arch|muscles?)\b))"
)
_EXERCISE_RE = kept_regex(r"\b(?:" + _EXERCISE_WORDS + r")\b")
_SPORT_VERB = kept_regex(
    r"\b(?:ran|run|running|cycled|rode|riding|swam|swimming|hiked|hiking|played|playing|walked|"
    r"trained|training|raced|racing|rowed|skied|danced|exercised|worked out)\b"
)
# Work with the hands or body that a duration after "for" belongs to, not the cramp.
_HANDS_BUSY = kept_regex(
    r"\b(?:writ\w*|wrote|typ(?:ed|ing)|draw(?:ing)?|paint(?:ed|ing)|knit\w*|sew\w*|garden\w*|"
    r"dig\w*|dug|weed\w*|mow\w*|play(?:s|ed|ing)?|practi[sc]\w*|carr\w*|lift\w*|shovel\w*|"
    r"rak(?:ed|ing)|scrub\w*|clean(?:ed|ing)|hoover\w*|vacuum\w*|sanding|sawing|hammering|"
    r"texting|gaming|revising|studying|exam)\b"
)
_BODY_STILL = kept_regex(
    r"\b(?:sat|sit|sitting|lying|lay|lain|stood|standing|kneel\w*|knelt|squat\w*|crouch\w*|"
    r"drove|driving|driven|flew|flying|queu\w*|wait\w*|slept|sleeping)\b"
)
_CRAMP_WORD = kept_regex(
    r"\b(?:cramp\w*|spasm\w*|locked|seized|knotted|it|like\s+(?:a\s+)?(?:stone|rock|rope|wood|iron))\b"
)
_RELIEF_VERB = frozenset(
    [
        "goes",
        "went",
        "go",
        "gone",
        "eased",
        "eases",
        "ease",
        "stopped",
        "stops",
        "stop",
        "passed",
        "passes",
        "released",
        "releases",
        "disappears",
        "disappeared",
        "settles",
        "settled",
        "subsides",
        "subsided",
        "fades",
        "faded",
        "off",
    ]
)
# Words between a verb and its number that do not change what the number is.
_FILLERS = frozenset(
    {"over", "about", "around", "nearly", "almost", "roughly", "maybe", "approximately"}
    | {"like", "only", "just", "at", "least", "more", "than", "a", "good", "well", "under"}
)
# How hard a muscle still in cramp is: "rock solid", "hard as wood", "like a brick", "tight
# as a drum", "in a knot" (lexicon.yaml `still_hard` reads the same words).
_HARD = (
    r"(?:rock[\s-]+(?:hard|solid)|solid|hard(?!\s+(?:to|work\w*|going|for|enough)\b)|"
    r"(?:stiff|tight|tense)\s+as\s+(?:a\s+|an\s+)?(?:drum|board|plank|rock|wood|iron|bone|brick)|"
    r"drum[\s-]+tight|like\s+(?:a\s+|an\s+)?(?:rock|stone|brick|board|plank|piece\s+of\s+wood|"
    r"block\s+of\s+wood|wood|iron|concrete|steel|drum)|in\s+(?:a\s+|one\s+)?(?:\w+\s+)?"
    r"(?:knot|knots|ball)|a\s+(?:\w+\s+)?knot|bunched|balled|rigid)"
)
# How a cramp that has not let go is told after "still": "still locked", "still rock
# solid", "still like a rock", "still bunched up", "still hard as wood".
_STILL_WORDS = (
    r"(?:locked|cramp\w*|knotted|seized|tight|in\s+(?:a\s+)?spasm|spasm\w*|contracted|clenched|"
    r"curled|" + _HARD + r")"
)
_STILL_CRAMP = kept_regex(
    r"\b(?:still|stays|remains)\s+(?:\w+\s+)?(?:as\s+)?" + _STILL_WORDS + r"(?![a-z])"
)
# The cramp itself told as still there: "that spasm's still there after ten minutes".
_CRAMP_STILL_THERE = kept_regex(
    r"\b(?:cramp|cramps|spasm|spasms|knot)(?:\s+(?:in|of)\s+(?:my|his|her|the|their)\s+\w+)?"
    r"(?:'s|\s+is|\s+are)?\s+still\s+(?:there|here|going|on)\b"
)
# A cramp told as going on in one of those states for a time: "it kept locked (over) half an
# hour" (the state a single word).
_HOLD_STATE = kept_regex(_STILL_WORDS)
_LASTING = frozenset(
    {"continue", "continued", "continues", "continuing", "stayed", "stays", "stay", "remained"}
    | {"remains", "remain", "kept", "keeps"}
)
# How a cramp's beginning is told: "started", "came on", "kicked in".
_ONSET_VERBS = r"started|began|begun|came\s+on|kicked\s+in|hit|struck|happened|set\s+in"
# A cramp that began some time ago and is still there: "began an hour ago ... still there".
_ONSET_BEFORE = kept_regex(r"\b(?:" + _ONSET_VERBS + r")$")
_STILL_THERE = kept_regex(r"\b(?:still|is\s+still)\s+(?:there|here|going|on|happening)\b")
_ONSET_REACH = 100  # characters either side of "ago" where the cramp and its still holding are told
# "cramp for 15 min now", "cramping 20 minutes and counting": a cramp still going, timed.
_SINCE_ONSET = kept_regex(
    r"\s+since\s+(?:it|the\s+cramp\w*|this|that|my\s+\w+)\s+(?:first\s+)?(?:"
    + _ONSET_VERBS
    + r"|went|seized|locked|cramped|knotted|grabbed)\b"
)
# What came after "after" and then a comma is told the length of: "a foot cramp after
# rehearsal, three hours of it", not the cramp's.
_AFTER_A_SESSION = kept_regex(r"\bafter(?:\s+[\w'-]+){1,3}$")
_COMMA_JUST_BEFORE = kept_regex(r",\s*$")
_STILL_GOING_AFTER = kept_regex(r"[\s,]*(?:straight\s+)?(?:now|and\s+counting|so\s+far|already)\b")
_BEEN_GOING = kept_regex(r"\bbeen\s+(?:going(?:\s+on)?|on|there|happening)$")
_ONGOING_AFTER = kept_regex(r"[\s,]*(?:now|and\s+counting|so\s+far|already|straight)\b")
_STILL_GOING = kept_regex(r"[\s,]*(?:now|and\s+counting|so\s+far)\b")
# Where a person goes off or away to ("we'll go away to the coast", "going off with friends
# after the race"): no cramp's release.
_LEAVING = (
    r"(?:to|on|into|at|for|home|from|somewhere|together|abroad|again|with\s+(?:the\s+|a\s+|"
    r"my\s+|our\s+)?(?:\w+\s+)?(?:group|pack|bunch|crowd|lads|girls|boys|friends?|mates?|"
    r"team|club|leaders?|others))\b"
)
# A cramp that does not let go, in any words: "has not let go", "won't ease", "hasn't
# released", "still locked", "stuck like this", "locked solid" [S32: ordinary cramps last
# seconds to minutes]. A duration beside one is how long the cramp has lasted.
_RELEASE = (
    r"(?:let(?:ting)?\s+(?:go|up)|eas(?:e|ed|ing)|releas\w*|relax\w*|unlock\w*|loosen\w*|"
    r"budg(?:e|es|ed|ing)\b|shift\w*|settl\w*|subsid\w*|calm\w*\s+down|unclench\w*|uncurl\w*|"
    r"go(?:es|ne)?\s+(?:away|off)(?!\s+(?:" + _LEAVING + r"))|soften\w*|"
    r"leav(?:e|es|ing)(?!\s+(?:for|the|home|work|me|us)\b)|"
    r"go(?=\s*(?:[.,;:!?]|$|and\b|but\b|still\b|yet\b|at\s+all\b)))"
)
_HOLDING = kept_regex(
    r"\b(?:(?:won'?t|will\s+not|wouldn'?t|would\s+not|hasn'?t|has\s+not|haven'?t|have\s+not|"
    r"hadn'?t|had\s+not|didn'?t|did\s+not|doesn'?t|does\s+not|isn'?t|is\s+not|wasn'?t|"
    r"was\s+not|not|never|can'?t|cannot|couldn'?t|could\s+not|don'?t|dont|do\s+not|no)\s+"
    r"(?:\w+\s+){0,2}?"
    + _RELEASE
    + r"|(?:hasn'?t|has\s+not|haven'?t|have\s+not|not\s+yet)\s+(?:\w+\s+)?(?:gone|passed|stopped)"
    r"(?!\s+(?:to|out|for|through|up|down|home|back|on|into|with|by|over|running|walking)\b)"
    r"|(?:it|cramp\w*|spasm\w*|muscle|calf|foot|toes?)\s+(?:still\s+)?(?:won'?t|wouldn'?t|"
    r"hasn'?t|didn'?t|doesn'?t|isn'?t)\s+stop\w*"
    r"|still\s+(?:\w+\s+)?(?:" + _STILL_WORDS + r"|stuck|holding)"
    r"|nothing\s+(?:\w+\s+){0,2}?(?:shifts?|shifting|releases?|releasing|works|helps|budges)"
    r"|stuck\s+(?:like\s+(?:this|that)|in\s+(?:a\s+|this\s+|that\s+|the\s+)?(?:cramp|spasm|"
    r"position|knot|point\w*)|solid|fast|rigid|tight)"
    r"|(?:locked|seized|knotted|clenched|cramped|cramping|spasming|stuck)\s+(?:up\s+)?"
    r"(?:solid|rigid|rock\s+hard|fast)"
    r"|(?:kept|keeps|keep)\s+(?:on\s+)?(?:cramping|spasming|locking|seizing)"
    r"|(?:stay|stays|stayed|staying|remain\w*)\s+(?:\w+\s+)?(?:tight|locked|"
    r"contracted|stiff|knotted|cramped|stuck|clenched|curled|tense|" + _HARD + r")"
    r")\b"
)
# Cramps that come and go are no one cramp holding: "cramping on and off since four",
# "cramped on and off for 40 minutes".
ON_AND_OFF = kept_regex(
    r"\b(?:on\s+and\s+off|off\s+and\s+on|comes?\s+and\s+goes?|came\s+and\s+went|coming\s+and\s+going|"
    r"in\s+waves|"
    r"now\s+and\s+(?:then|again)|every\s+(?:few|couple\s+of|\w+)\s+minutes|again\s+and\s+again)\b"
)
# "the pain won't ease for hours" is lasting pain, not a cramp that holds.
_HABIT = kept_regex(r"\b(?:normally|usually|typically|generally|mostly|ordinarily)\b")
# Earlier cramps set beside this one: "I'd never had one go past a minute before".
_EARLIER = kept_regex(r"\b(?:never|ever|none|no\s+other)\b")
# After a rough length ("ten seconds or so", "an hour or two") as after an exact one.
_BEFORE_NOW = kept_regex(
    r"(?:\s+or\s+(?:two|three|so|more))?"
    r"[\s,]*(?:before|previously|till\s+now|until\s+now|in\s+my\s+life)\b"
)
# A routine's length, told with how often it is done: "I stretch 10 minutes every morning".
_ROUTINE_AFTER = kept_regex(
    r"[\s,]*(?:(?:every|each)\s+(?:single\s+)?(?:morning|evening|night|day|week|session)|"
    r"(?:a|per)\s+(?:day|night|week)|daily|nightly)\b"
)
# A player taken off the pitch after a time: no cramp that went off.
_PLAYER_OFF = kept_regex(r"\b(?:subbed|substituted|taken|pulled|sent|brought)\s+off\s+after$")
_NOT_THE_CRAMP = kept_regex(
    r"\b(?:pain|ache|aching|sore\w*|swelling|bruis\w*|tender\w*|headache|nausea|dizz\w*|vomit\w*|"
    r"twitch\w*|flicker\w*|fasciculat\w*|tingl\w*|numbness)\b"
)
# What a cramp leaves behind once it lets go, told mild ("just tight", "a bit stiff") or
# after it ("tight for an hour afterwards").
_LEFT_STATE = kept_regex(r"\b(?:tight|stiff|sore|achy|tender|heavy|niggly|tense)\s+for$")
_MILD_STATE = kept_regex(
    r"\b(?:just|only|bit|little|slightly|mildly|somewhat|touch)\s+(?:\w+\s+)?"
    r"(?:tight|stiff|sore|achy|tender|heavy|niggly|tense)\s+for$"
)
_AFTERWARDS = kept_regex(r"[\s,]*(?:afterwards?|after\s+that|after\s+it|later\s+on)\b")
# What a person does to a cramp: "stretched for 10 minutes and it still won't release"
# says the cramp has lasted longer than those 10 minutes.
_TRIED = kept_regex(r"\b(?:stretch\w*|massag\w*|rubb\w*|pull\w*|flex\w*|kneading|pushing)\b")
_CRAMP_NAMED = kept_regex(r"\b(?:cramp\w*|spasm\w*|locked|seized|knotted|clenched|curled)\b")
# Still holding, told without a word between ("still locked", not "still get cramps").
_STILL_NOW = kept_regex(
    r"\b(?:still|stayed|stays|remained|remains|kept)\s+(?:locked|knotted|seized|cramping|cramped|"
    r"clenched|contracted|rigid|rock[\s-]+hard|hard\s+as|in\s+(?:a\s+)?spasm)\b"
    r"(?!\s+(?:up\s+)?feel)"  # "still cramped-up feeling": what the cramp left
)
# The cramp itself lasting: "the cramp has lasted", "the spasm has been going on".
_LASTED = kept_regex(
    r"\b(?:cramp|cramps|spasm|spasms|knot)\s+(?:\w+\s+){0,3}?(?:has\s+|had\s+|have\s+)?(?:lasted|lasting|lasts|"
    r"gone\s+on|went\s+on|been\s+going(?:\s+on)?)\b"
)
# A cramp told as not letting go now, in the words of `_RELEASE`: "hasn't let go", "never
# lets up", "won't release", "will not stop"; a thing's, not a person's ("I could not relax
# all night"), and not a past one's ("didn't let go for ten minutes": `_HOLDING`).
_HELD_ON = kept_regex(
    r"(?<!\bi\s)(?<!\bwe\s)(?<!\byou\s)\b(?:won'?t|will\s+not|hasn'?t|has\s+not|never|isn'?t|"
    r"is\s+not|doesn'?t|does\s+not)\s+(?:\w+\s+)?(?:" + _RELEASE + r"|lets\s+(?:go|up)|eases|gone|"
    # ... but not "doesn't stop me walking", "hasn't stopped aching": the person, the ache.
    r"stop(?:s|ped)?\b(?!\s+(?:me|him|her|us|them|\w+ing)\b))"
)
# Why a length told without a number is not one cramp's: cramps that come again ("every
# night since Monday", "I keep getting them"), an after-effect that lasts ("the ache
# hasn't eased all day"), or a condition ("won't ease for hours unless I stretch it").
_MANY_CRAMPS = kept_regex(
    r"\b(?:every|each)\s+(?:night|day|evening|morning)\b|\b(?:keep|keeps|kept)\s+(?:on\s+)?"
    r"(?:getting|coming|cramping|happening)\b|\btimes\s+(?:a|an|every|each|per)\b|\bnightly\b"
    r"|\b(?:a\s+)?(?:few|several|many|couple\s+of)\s+times\b"
)
_AFTER_EFFECT = kept_regex(
    r"\b(?:the|my|this|that|an?)\s+(?:\w+\s+)?(?:ache|aching|soreness|pain|bruising|tenderness|"
    r"stiffness|tightness)\b"
)
_IT_LASTED = kept_regex(
    r"\s*(?:it|that|this)\s+(?:has\s+|had\s+)?(?:lasted|went\s+on|has\s+gone\s+on|held|stayed)\b"
)
_TIME_GONE_BY = kept_regex(r"\b(?:it'?s|it\s+has|it\s+had)\s+been\s+(?:like\s+(?:this|that)\s+)?$")
_UNLESS = kept_regex(r"\b(?:unless|until\s+(?:i|he|she)|till\s+(?:i|he|she)|except\s+when)\b")
# The cramp told after a duration: "sat for 3 hours and then my calf cramped".
_CRAMP_THEN = kept_regex(
    r"[^.;!?]{0,30}?\b(?:then|and\s+then|when|until|till|before|after\s+that)\b[^.;!?]{0,40}?"
    r"\b(?:cramp\w*|spasm\w*|seiz\w*|lock\w*|knot\w*)"
)
# A respite, not the cramp: "massage eases it for ten seconds, then it knots up again".
_RESPITE = kept_regex(
    r"[^.;!?]{0,20}?\b(?:before|then|and\s+then|until|till)\b[^.;!?]{0,40}?\bagain\b"
)
# "Hasn't eased for a second", "not even for a moment": never, said of a short time.
_NOT_EVEN = kept_regex(
    r"\b(?:not|never|hasn't|hasnt|hasn't|has\s+not|won't|wont|didn't|didnt|doesn't|isn't)\b"
    r"(?:\s+\w+){0,4}\s+(?:even\s+)?for$"
)
_COOLING = kept_regex(
    r"\b(?:drink\w*|drank|shade|cool\w*|fan|ice|rest|rested|resting|fluids?|water)\b"
)


def _holding(text: StoryText, m: re.Match[str], before: list[str]) -> str | None:
    """Whether a cramp that does not let go is told beside the duration `m`.

    "holding" when it is ("has not let go for forty minutes", "won't ease, it's been 35
    minutes", "20 minutes and it still won't release"); "tried" when the duration is of
    what was tried on it ("stretched for 10 minutes and it still won't release");
    "between" when the cramp came, then something took that time, and the cramp holds
    after it ("my calf cramped, I drove home, 25 min, still cramped"); None
    when it is not, or the duration is of something else ("won't ease after running for
    an hour").
    """
    norm = text.norm
    first, last = text.sentence(m.start())
    found = None
    for hold in _HOLDING.finditer(norm, max(first, m.start() - 100), m.start()):
        found = hold
    after = False
    if found is None:
        found = _HOLDING.search(norm, m.end(), min(last, m.end() + 40))
        after = True
    if found is None:
        return None
    subject = " ".join(text.words_before(found.start(), 3))
    if _NOT_THE_CRAMP.search(subject) or _NOT_THE_CRAMP.search(found.group()):
        return None
    near = " ".join(before[-3:])
    if _TRIED.search(near):
        return "tried"
    busy = _SPORT_VERB.search(near) or _HANDS_BUSY.search(near) or _BODY_STILL.search(near)
    if busy and after and _cramp_before(text, m.start()):
        return "between"
    return None if busy else "holding"


def _after_effect(text: StoryText, m: re.Match[str]) -> bool:
    """Whether the duration `m` is of what a cramp left behind, not of the cramp: a muscle
    "merely tight for half an hour", "a little stiff for a day", "sore for some hours
    afterwards"."""
    state = " ".join(text.words_before(m.start(), 4))
    if not _LEFT_STATE.search(state):
        return False
    return bool(_MILD_STATE.search(state) or _AFTERWARDS.match(text.norm, m.end()))


def _told_without_number(text: StoryText, m: re.Match[str]) -> str | None:
    """The cramp's length, at least, when a length told without a number ("for hours", "all
    day", "since yesterday") is of a cramp its clause tells as still holding or as lasting
    ("my calf cramp hasn't let go since yesterday"); else nothing: such words more often
    tell of a session, a sign or a rest."""
    norm = text.norm
    first, last = text.sentence(m.start())
    start, end = text.clause_start(m.start()), text.clause_end(m.end())
    # "My calf cramped at 3am. It lasted for hours.": the cramp of the sentence before, when
    # this one names none ("It went on all afternoon, then the thigh seized": the event's).
    named_here = _CRAMP_NAMED.search(norm, first, last) is not None
    it_lasted = (
        not named_here
        and _IT_LASTED.match(norm, first) is not None
        and (before := text.sentence_before((first, last))) is not None
        and _CRAMP_NAMED.search(norm, *before) is not None
    )
    if not (named_here or it_lasted) or _MANY_CRAMPS.search(norm, start, end):
        return None
    if _TIME_GONE_BY.search(norm, max(first, m.start() - 30), m.start()):
        start, end = first, last  # "it's been hours, and the calf remains in spasm"
    held = _HELD_ON.search(norm, start, end) or _STILL_NOW.search(norm, start, end)
    if held and _AFTER_EFFECT.search(norm, start, held.start()):
        held = None  # "the ache after the cramp hasn't eased all day": the ache's
    lasting = it_lasted or _LASTED.search(norm, start, m.start()) is not None
    if not (held or lasting) or _UNLESS.search(norm, m.end(), end):
        return None
    return "episode.duration_s"


def _cramp_before(text: StoryText, position: int) -> bool:
    """Whether the cramp is told before what the person did up to `position`: "my calf
    cramped, I drove home, 25 min" (not "I drove for 3 hours and then my calf cramped")."""
    norm = text.norm
    begin = max(text.sentence(position)[0], position - 200)
    end = position
    for pattern in (_SPORT_VERB, _BODY_STILL, _HANDS_BUSY):
        doing = list(pattern.finditer(norm, max(begin, position - 60), position))
        if doing:
            end = doing[-1].start()
            break
    return bool(_CRAMP_NAMED.search(norm, begin, end))


def durations(text: StoryText) -> Iterator[Found]:
    """Durations, each placed by its neighbours: the session, the cramp, or "N ago"."""
    norm = text.norm
    for m in DURATION.finditer(norm):
        seconds = duration_value(m)
        if seconds is None or seconds <= 0:
            continue
        counted = m.group("n") is not None and not m.group("n").startswith(("half", "a"))
        if counted and _MORE_THAN.search(norm, max(0, m.start() - 20), m.start()):
            seconds *= 1.1  # a counted number; "over half an hour" is read as said
        after = norm[m.end() : m.end() + 60]
        # Words that only hedge or stress the amount ("some forty minutes", "a solid hour",
        # "the better part of an hour", "close to an hour") stand between the number and the
        # word it belongs to: it is read from before them.
        hedge = _HEDGE.search(norm, max(0, m.start() - _BEFORE_REACH), m.start())
        told_at = hedge.start() if hedge else m.start()
        before = [w for w in text.words_before(told_at, 6, clause=False) if w not in _FILLERS]
        sentence = text.sentence_text(m.start())
        last = before[-1] if before else ""
        leading = " ".join(before[-4:-1])  # the words that lead up to `last`
        kind: str | None = None
        estimated = False
        # A cramp still there around the number: "still locked after 20 minutes",
        # "it's been 20 minutes and it's still knotted".
        still = (
            bool(_STILL_CRAMP.search(norm, max(0, m.start() - 60), m.start()))
            or bool(_STILL_CRAMP.search(after))
            or bool(_CRAMP_STILL_THERE.search(norm, max(0, m.start() - 60), m.start()))
        )
        if last in ("every", "each"):
            kind = None  # "drank every 15 minutes": how often, not how long
        elif last in ("spent", "spend", "spends", "spending") and _EXERCISE_RE.search(after[:40]):
            kind = "activity.duration_s"  # "spent four hours at the skatepark": the session
        elif (
            not still
            and _AFTER_A_SESSION.search(" ".join(before[-4:]))
            and _COMMA_JUST_BEFORE.search(norm, max(0, m.start() - 3), m.start())
            and not _STILL_GOING_AFTER.match(after)
            and _holding(text, m, before) is None
        ):
            kind = "activity.duration_s"  # "cramped after rehearsal, four hours straight"
        elif _TIMED.search(norm, max(0, told_at - _BEFORE_REACH), told_at):
            kind = "episode.duration_s"  # "clocked it at 25 min": how long the cramp held
        elif re.match(r"\s+ago\b", after):
            # "the cramp began half an hour ago ... it's still there": since it began, and it
            # still holds, so that long.
            later = norm[m.end() : m.end() + _ONSET_REACH]
            began = _ONSET_BEFORE.search(" ".join(before[-2:])) and _CRAMP_WORD.search(
                norm, max(0, m.start() - _ONSET_REACH), m.start()
            )
            going = _STILL_CRAMP.search(later) or _STILL_THERE.search(later)
            held = began and going and not _NOT_THE_CRAMP.search(later[:40])
            kind = "episode.duration_s" if held else "story.ago_s"
        elif re.match(r"\s+later\b", after) or _SINCE_ONSET.match(after):
            # "15 minutes later it's still like a rock", "thirty minutes since the cramp began
            # and still balled up": the time since it began, the cramp's when it still holds.
            late = _STILL_CRAMP.search(after) and not _NOT_THE_CRAMP.search(after[:40])
            kind = "episode.duration_s" if late else "story.ago_s"
        elif last == "since" and _COOLING.search(" ".join(before[-8:])):
            kind = "story.cooling_s"  # "resting in the shade since an hour": the rest's time
        elif (
            last == "since"
            and not _ACTIVITY_AFTER.match(after)
            and not _SPORT_VERB.search(" ".join(before))
        ):
            # "my foot cramp since 25 minutes": "since" for "for", a cramp still going.
            kind = "story.ongoing_s"
        elif last == "last" and (before[-2:-1] in (["the"], ["final"]) or " of " in after[:4]):
            kind = None  # "in the last 20 minutes of the match": when, not how long
        elif last != "within" and (hold := _holding(text, m, before)) is not None:
            kind = "episode.duration_s"
            if hold == "tried":  # the cramp began before the stretching did
                seconds, estimated = seconds + 60, True
            elif hold == "between":  # it held all that time: at least that long
                estimated = True
        elif last in ("last", "final") and len(before) == 1:
            # "Final 20 minutes, my calves cramped on each hill": a sentence opening on the
            # last part of a session tells when; a cramp held all along it is read above.
            kind = None
        elif re.match(r"\s+of\s+(?:it|this|that)\b", after) and _CRAMP_NAMED.search(
            norm, max(0, m.start() - 300), m.start()
        ):
            kind = "episode.duration_s"  # "... rubbed it, hot water - forty minutes of it"
        elif (
            last == "for"
            and _ONGOING_AFTER.match(after)
            and (_HANDS_BUSY.search(leading) or _SPORT_VERB.search(leading))
        ):
            # "arches cramp sanding the deck four hours straight": the task's length, told
            # just after its verb, not the cramp's.
            kind = "activity.duration_s"
        elif (
            (
                _ONGOING_AFTER.match(after)
                or last == "already"  # "cramp already 20 minutes"
                or (last == "going" and before[-2:-1] == ["been"])
            )
            and _CRAMP_NAMED.search(" ".join(text.words_before(m.start(), 8)))
        ):
            kind = "episode.duration_s"  # "foot cramp for 15 min now", "been going 20 min"
        elif (
            last == "for"
            and _BEEN_GOING.search(leading)
            and _CRAMP_WORD.search(norm, text.sentence(m.start())[0], m.start())
        ):
            # "that spasm from the game has been there for forty minutes": what has been
            # going on so long is the cramp the sentence tells of, not the match inside it.
            kind = "episode.duration_s"
        elif len(before) >= 2 and before[-2] in _LASTING and _HOLD_STATE.fullmatch(last):
            kind = "episode.duration_s"  # "it stayed tight a good 15 minutes": it held so long
        elif (
            last in ("lasted", "lasting", "lasts", "last")
            and len(before) >= 2
            and _EXERCISE_RE.fullmatch(before[-2])
        ):
            kind = "activity.duration_s"  # "the match lasted 3 hours": the session's length
        elif (
            (
                still
                and (
                    last in ("after", "for", "over", "been", "now")
                    or re.match(r"[\s,]*(?:on|now|and counting)\b", after)
                )
            )
            or last in ("lasted", "lasting", "lasts", "last")
            or re.match(r"[\s-]*(?:long\s+)?(?:cramp|spasm)", after)
            or (
                last == "after"
                and len(before) >= 2
                and before[-2] in _RELIEF_VERB
                and not _NOT_THE_CRAMP.search(" ".join(before[-4:-2]))
                and not _PLAYER_OFF.search(" ".join(before[-4:]))
            )
        ):
            kind = "episode.duration_s"
        elif last == "for" and len(before) >= 2 and _TRIED.fullmatch(before[-2]):
            kind = None  # "stretched for five minutes and rode on": the stretch's length
        elif last == "within" or (last == "for" and _COOLING.search(sentence)):
            kind = "story.cooling_s" if last == "for" else None
        elif last == "for" and _HANDS_BUSY.search(leading):
            kind = "activity.duration_s"  # "cramped writing my exam for 3 hours": the task
        elif last == "for" and _BODY_STILL.search(leading):
            kind = None  # "sat at my desk for 3 hours": neither the cramp nor a session
        elif (
            _ACTIVITY_AFTER.match(after)
            or (last == "after" and _CRAMP_WORD.search(sentence))
            or (last == "for" and _SPORT_VERB.search(sentence))
        ):
            kind = "activity.duration_s"
        elif last in ("for", "about", "around") and _CRAMP_WORD.search(
            " ".join(text.words_before(m.start(), 10))
        ):
            # "my calf was locked for 20 minutes"; not "sat in the sauna for 20 minutes
            # and then my calves cramped".
            kind = "episode.duration_s"
        elif seconds >= 900 and _EXERCISE_RE.search(sentence):
            kind = "activity.duration_s"  # "4h30 on the bike": long, in a sentence about exercise
        elif _STILL_GOING.match(after) and _COOLING.search(" ".join(before[-6:])):
            kind = "story.cooling_s"  # "resting in the shade two hours now": the rest's time
        elif _STILL_GOING.match(after) and not _EXERCISE_RE.search(sentence):
            kind = "story.ongoing_s"  # "Twenty minutes and counting.": whatever is going on
        if m.group("w"):
            kind, estimated = _told_without_number(text, m), True
        if kind == "episode.duration_s" and _after_effect(text, m):
            kind = None  # tightness the cramp left, not the cramp
        if (
            kind == "episode.duration_s"
            and _CRAMP_THEN.match(norm, m.end())
            and not _cramp_before(text, m.start())
        ):
            kind = None  # "drove for 2 hours, then my calf cramped": before the cramp
        if kind == "episode.duration_s" and _RESPITE.match(norm, m.end()):
            kind = None  # a pause between two holds, not the cramp's length
        if kind == "episode.duration_s" and _HABIT.search(
            " ".join(text.words_before(m.start(), 8))
        ):
            kind = None  # a habit ("typically ninety seconds"), not how long this one lasts
        if (
            kind == "episode.duration_s"
            and _BEFORE_NOW.match(norm, m.end())
            and _EARLIER.search(" ".join(text.words_before(m.start(), 8)))
        ):
            kind = None  # "none ever lasted over five minutes before": earlier cramps' length
        if kind == "episode.duration_s" and _ROUTINE_AFTER.match(norm, m.end()):
            kind = None  # a routine done every day, not how long the cramp lasted
        if (
            kind == "episode.duration_s"
            and seconds <= 60
            and _NOT_EVEN.search(" ".join(text.words_before(m.start(), 8)))
        ):
            kind = None  # "not relaxed even for a moment": never, not a moment long
        if kind == "episode.duration_s" and ON_AND_OFF.search(
            norm, text.clause_start(m.start()), text.clause_end(m.end())
        ):
            kind = None  # "cramped on and off for 40 minutes": many cramps, not one that long
        if kind is not None and seconds <= 60 * 86400:
            yield Found(kind, seconds, m.start(), m.end(), estimated=estimated)
