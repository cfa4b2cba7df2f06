"""Match a free-text question to an FAQ topic, or decide that it is out of scope.

Pure and deterministic: topics in, an index out; a question and the index in, a match out.
Lexical matching (BM25 via bm25s) over each topic's phrasings, question and answer, after
normalisation (lowercase, contractions, light stemming, lay synonyms) and typo repair
against the index vocabulary (rapidfuzz). An optional semantic scorer can be blended in.

Scope is decided before ranking: a question is in scope when it names a cramp ("cramp",
"spasm", "charley horse", or a seized/locked muscle) or matches one of a topic's anchors
(word combinations such as "calf + walking" that are about that topic without the word
cramp). Everything else gets topic None and an honest "I can't answer that".

Ranking also weighs what the question asks (crampcoach.core.intents): a topic that answers
it ("is X the cause", "should I get checked") rises, one that answers another question
("how much") sinks, so subject words such as "drank" or "walk" do not decide alone.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from crampcoach.core.intents import INTENT_WORDS, detect_intents, plain_text

if TYPE_CHECKING:  # numpy and bm25s load with the index, not at start-up
    import numpy as np


class TopicText(Protocol):
    """What the matcher needs from an FAQ entry (crampcoach.knowledge.faq.FaqEntry fits)."""

    @property
    def id(self) -> str: ...
    @property
    def question(self) -> str: ...
    @property
    def answer(self) -> str: ...
    @property
    def keywords(self) -> Sequence[str]: ...
    @property
    def anchors(self) -> Sequence[str]: ...
    @property
    def phrasings(self) -> Sequence[str]: ...
    @property
    def general(self) -> bool: ...
    @property
    def priority(self) -> float: ...
    @property
    def fallback(self) -> bool: ...
    @property
    def intents(self) -> Sequence[str]: ...


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Scores from an optional semantic model: topic id -> similarity in [0, 1].
SemanticScorer = Callable[[str], Mapping[str, float]]

_STOPWORDS = _words(
    """
    a an the is are am was were be been being do does did done i me my mine myself you
    your yours we our us it its this that these those to of in on at for with and or so if
    just really very get gets got getting have has had having there here then than them
    they their he she his her him can could would should will shall may might must about
    into from by as any some also too still ever always keep kept again up out off over
    one ones thing things anything something someone people person lot lots bit please
    tell know want need im ive dont doesnt thats whats hi hello thanks thank
    """
)

# Lay and regional words mapped to one form, after stemming.
_SYNONYMS: dict[str, str] = {
    "spasm": "cramp",
    "crampy": "cramp",
    "charlie": "charley",
    "liter": "litre",
    "ml": "litre",
    "calve": "calf",
    "leg": "leg",
    "feet": "foot",
    "toe": "toe",
    "hamstr": "hamstring",
    "quad": "quadricep",
    "quadricep": "quadricep",
    "thigh": "thigh",
    "ach": "ache",
    "achy": "ache",
    "hurt": "pain",
    "painful": "pain",
    "sore": "sore",
    "soreness": "sore",
    "tender": "sore",
    "tenderness": "sore",
    "pregnant": "pregnancy",
    "pregnanc": "pregnancy",
    "expect": "pregnancy",
    "elderly": "old",
    "older": "old",
    "ag": "age",
    "senior": "old",
    "doc": "doctor",
    "gp": "doctor",
    "physician": "doctor",
    "medication": "medicine",
    "med": "medicine",
    "drug": "medicine",
    "hydrat": "hydrate",
    "dehydrat": "dehydrate",
    "nocturnal": "night",
    "nighttime": "night",
    "nite": "night",
    "asleep": "sleep",
    "swimm": "swim",
    "swam": "swim",
    "stretche": "stretch",
    # The word for cramp in languages whose speakers may borrow it into English.
    "kramp": "cramp",
    "krampf": "cramp",
    "crampe": "cramp",
    "calambre": "cramp",
    "swelter": "heat",
    "scorch": "heat",
    "sinew": "tendon",
    "less": "fewer",
    "pee": "urine",
    "wee": "urine",
    "piss": "urine",
    "thrombosis": "clot",
    "dvt": "clot",
    "swell": "swollen",
    "puffy": "swollen",
}

# Multi-word lay terms, replaced before tokenising.
_PHRASES = (
    ("charley horse", "charley"),
    ("charlie horse", "charley"),
    ("water pill", "diuretic"),
    ("water tablet", "diuretic"),
    ("fluid pill", "diuretic"),
    ("heat stroke", "heatstroke"),
    ("heat cramp", "heatcramp"),
    ("a&e", "emergency"),
    ("pins and needles", "tingling"),
    # Idioms whose single words mean something else here ('waste' products, 'minutes' long).
    ("waste of time", "pointless"),
    ("waste of money", "pointless"),
    ("let go", "release"),
    ("let up", "release"),
    ("every day", "daily"),
    ("every night", "nightly"),
    ("side effect", "sideeffect"),
    ("blood pressure", "bloodpressure"),
    ("every evening", "daily"),
    ("every morning", "daily"),
)

# Word families that describe a topic without naming it, read as the word they stand for.
# Each is a pattern over the lowercased text, applied after the fixed phrases above.
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), word)
    for pattern, word in (
        # "warm up", "warming-up", "warmups": the routine, not warm weather or a warm leg.
        (r"\bwarm(?:ing|ed|s)?[- ]?ups?\b", "warmup"),
        # A muscle described as seized: "went rock hard", "pulls hard", "balled up".
        (
            r"\b(?:rock|stone|brick)[- ]hard\b"
            r"|\b(?:hard as|like) (?:a )?(?:rock|stone|brick|board)\b",
            "seize",
        ),
        # A tendon that 'pumps' or 'pulls', a leg 'pumping': the word-for-word translation
        # of the word for cramp in Chinese. A tendon that was 'pulled' is an injury.
        (
            r"\b(?:pumps?|pumping|pulls?|pulling|draws?|drawing|twitch\w*|jerk\w*)"
            r"(?: (?:the|my|a|of))? (?:tendons?|sinews?)\b"
            r"|\b(?:tendons?|sinews?) (?:is |are |keeps? )?(?:pumps?|pumping|pulls?|pulling"
            r"|draws?|drawing|twitch\w*|jerk\w*)\b"
            r"|\b(?:legs?|calf|calves|foot|feet|toes?) (?:is |are |keeps? )?(?:pumps?|pumping)\b",
            "cramp",
        ),
        (
            r"\b(?P<body>calf|calves|legs?|foot|feet|toes?|muscles?|hamstrings?|thighs?|quads?"
            r"|arch|shins?|fingers?|hands?|tendons?|it|they)\b(?: \w+){0,2}? (?:go|goes|went"
            r"|gone|going|get|gets|got|getting|turn|turns|turned|turning|become|becomes|became"
            r"|pull|pulls|pulling) (?:really |very |so |all |super )?(?:hard|rigid|solid)\b",
            r"\g<body> seize",
        ),
        (r"\b(?:balls?|balled|balling|ties|tied|tying) (?:itself |themselves )?up\b", "seize"),
        # A limb that is hot or warm to the touch is inflamed (a clot sign), not hot weather.
        (
            r"\b(?:swollen|swelled|swelling|swell|puffy|red|tender)(?:,? \w+){0,2}?,? "
            r"(?:and |& )?(?:hot|warm)\b",
            "swollen inflamed",
        ),
        (
            r"\b(?:hot|warm),? (?:and |& )?(?:swollen|swelled|swelling|swell|puffy|red)\b",
            "inflamed swollen",
        ),
        (r"\b(?:hot|warm) to (?:the )?touch\b", "inflamed"),
        # Moving without being told to: "my toes bend by themselves".
        (r"\b(?:by|on) (?:itself|themselves|its own|their own)\b", "involuntary"),
        # Too little fluid, said without the word dehydration.
        (
            r"\b(?:not|never|too little|barely|hardly|rarely|seldom) (?:drink|drinking|drank"
            r"|hydrated|hydrating)(?: (?:enough|much))?(?: (?:water|fluids?))?\b"
            r"|\bunder[- ]?hydrat\w*"
            r"|\b(?:drink|drinking|drank)(?: (?:water|fluids?))? (?:too little|not enough)\b"
            r"|\b(?:not enough|too little|lack of|shortage of|short of) (?:water|fluids?)\b",
            "dehydrate",
        ),
        # Hot weather as a number: 28-49 degrees Celsius, 85-119 Fahrenheit.
        (r"\b(?:8[5-9]|9\d|1[01]\d) ?(?:°|degrees?) ?f(?:ahrenheit)?\b", "heat"),
        (r"\b(?:2[89]|[34]\d) ?(?:(?:°|degrees?\b)(?! ?f\b)(?: ?c\b)?|c\b)", "heat"),
        # "Burning hot" skin or weather is heat, not the burn of lactic acid.
        (
            r"\b(?:burning|boiling|roasting|baking|scorching|blazing|sweltering) (?:hot|heat)\b",
            "hot",
        ),
        # "Does it do anything?", "any use?": asking whether something works.
        (
            r"\b(?:do|does|did|doing) (?:anything|much|any good|something)\b"
            r"|\bmake (?:a|any) difference\b|\bany (?:good|use)\b",
            "help",
        ),
        # Team games named by their size: 'side' is not a side effect.
        (r"\b(?:five|six|seven|eleven|[5-7]|11)[- ]a[- ]side\b", "football"),
        # Small hours: "at 3 a.m.", "4 in the morning".
        (
            r"\b(?:[1-4]|midnight) ?(?:a\.?m\b\.?|o'?clock in the morning|in the morning)",
            "night",
        ),
        # A stretch described: "touching my toes".
        (r"\btouch(?:ing|es)? (?:my |your |the |his |her )?toes\b|\btoe[- ]touch\w*", "stretch"),
    )
)

_AGES = (
    re.compile(r"\b(\d{1,3})[- ]?(?:years?|yrs?|y)[- ]?old\b"),
    # An age said without 'years old': "now I'm 68", "aged 70" (not "I am 10 km in").
    re.compile(
        r"\b(?:i am|im|he is|she is|they are|aged|age|turned|turning) (\d{1,2})\b"
        r"(?! ?(?:km|k|kg|kilos?|miles?|mins?|minutes?|hours?|%|degrees?|weeks?|months?|times?))"
    ),
)


def _age_word(found: re.Match[str]) -> str:
    # '10 year old' is a child, '70 year old' is old: the number matters, not the word 'old'.
    age = int(found.group(1))
    return "child" if age < 18 else "old" if age >= 60 else "adult"


_IRREGULAR: dict[str, str] = {
    "calves": "calf",
    "feet": "foot",
    "women": "woman",
    "children": "child",
    "ran": "run",
    "running": "run",
    "swimming": "swim",
    "swimmer": "swim",
    "stopping": "stop",
    "stopped": "stop",
    "woke": "wake",
    "waking": "wake",
    "drank": "drink",
    "worse": "bad",
    "cramping": "cramp",
    "cramped": "cramp",
    "cramps": "cramp",
    "sprain": "sprain",
    "lying": "lie",
    "during": "during",
    "diabetes": "diabetes",
    "always": "always",
    "this": "this",
    "hyponatremia": "hyponatremia",
    "bent": "bend",
    "hyponatraemia": "hyponatremia",
}

# Words that name a cramp outright, and softer words that do so next to a body part.
_CRAMP_WORDS = _words("cramp charley tetany crampcoach heatcramp")
_SOFT_CRAMP_WORDS = _words("seiz seize lock knot grab tighten clench bunch rigid involuntary")
# Curling is a cramp only for toes, feet and fingers: 'leg curls' and 'bicep curls' are lifts.
_CURL_WORDS = _words("curl uncurl claw bend")
_CURL_BODY_WORDS = _words("toe foot arch finger hand")
_BODY_WORDS = _words("calf leg foot toe hamstring quadricep thigh muscle shin arch")
# Word pairs that together describe a seized muscle: a cue and the body part it needs.
_CRAMP_PAIRS = (
    (_SOFT_CRAMP_WORDS, _BODY_WORDS),
    (_CURL_WORDS, _CURL_BODY_WORDS),
)
# Cramps of other organs: outside what crampcoach knows when no skeletal muscle is named.
_OTHER_CRAMPS = _words(
    """
    period menstrual menstruation stomach abdominal abdomen belly tummy bowel gut uterus
    uterine colic intestinal
    """
)
_MEDICAL_HINTS = _words(
    """
    pain ache sore sick ill disease doctor medicine headache period menstrual stomach knee
    back ankle injury cold flu diet diabetes blood heart cure treat symptom
    """
)
_TRAINING_HINTS = _words(
    """
    train training plan marathon race run workout coach muscle build program programme
    pace calorie protein weight fitness gym 10k 5k beginner shoe
    """
)
# Subjects that a drink or heat anchor alone must not pull in ("alcohol after a marathon").
# Machines warm up and seize too ("warm up my car engine").
_ANCHOR_VETO = _words(
    "alcohol beer wine coffee caffeine recipe calorie protein diet car engine motor laptop"
)
_REPAIR_HINTS = _words("bike bicycle gear tyre tire chain brake car fix repair")

_TOKEN = re.compile(r"[a-z0-9]+")


def _stem(word: str) -> str:
    """A light, deterministic suffix stripper: good enough to join 'cramps' and 'cramping'."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix, keep in (("ies", "y"), ("ied", "y")):
        if word.endswith(suffix) and len(word) > 4:
            return word[: -len(suffix)] + keep
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]
            return base
    if word.endswith("ly") and len(word) > 5:
        return word[:-2]
    if (word.endswith("es") and word[-3] in "sxz") or word.endswith(("ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _canonical(word: str) -> str:
    stem = _stem(word)
    return _SYNONYMS.get(stem, _SYNONYMS.get(word, stem))


def normalise(text: str) -> list[str]:
    """Lowercase, expand contractions, tokenise, stem, map synonyms, drop stopwords."""
    text = plain_text(text)
    for phrase, word in _PHRASES:
        text = text.replace(phrase, word)
    for age in _AGES:
        text = age.sub(_age_word, text)
    for pattern, word in _PATTERNS:
        text = pattern.sub(f" {word} ", text)
    tokens = []
    for word in _TOKEN.findall(text):
        if word in _STOPWORDS:
            continue
        tokens.append(_canonical(word))
    return [t for t in tokens if t not in _STOPWORDS]


@dataclass(frozen=True)
class Anchor:
    """A word combination that ties a question to a topic: every part must match."""

    parts: tuple[frozenset[str], ...]

    def matches(self, tokens: set[str]) -> bool:
        """True when each part has at least one alternative among `tokens`."""
        return all(part & tokens for part in self.parts)


def parse_anchor(spec: str) -> Anchor:
    """Parse 'calf|leg + walk|stairs' into an Anchor of stemmed alternatives."""
    parts = []
    for part in spec.split("+"):
        words = {_canonical(w) for alt in part.split("|") for w in _TOKEN.findall(alt.lower())}
        if words:
            parts.append(frozenset(words))
    return Anchor(tuple(parts))


@dataclass(frozen=True)
class AnswerMatch:
    """The matched topic (None when out of scope), a confidence in [0, 1] and the answer.

    `lead` is what must be said before the answer: a danger sign the question describes
    (crampcoach.core.safety.lead_with_danger), or "" when there is none.
    """

    topic: str | None
    confidence: float
    answer: str
    alternatives: tuple[str, ...] = ()
    corrected: tuple[tuple[str, str], ...] = ()
    lead: str = ""

    @property
    def full_answer(self) -> str:
        """The answer as one text: the lead (if any) first."""
        return f"{self.lead} {self.answer}" if self.lead else self.answer


@dataclass
class AnswerIndex:
    """Everything the matcher needs, built once by `build_index`."""

    topic_ids: tuple[str, ...]
    answers: dict[str, str]
    retriever: Any
    doc_topics: np.ndarray
    doc_weights: np.ndarray
    vocabulary: tuple[str, ...]
    extra_words: frozenset[str]
    corpus_words: frozenset[str]
    keywords: dict[str, dict[str, float]]
    anchors: dict[str, tuple[Anchor, ...]]
    general: frozenset[str]
    fallback: str | None
    intents: dict[str, frozenset[str]] = field(default_factory=dict)
    semantic: SemanticScorer | None = None
    _fuzzy_cache: dict[str, str | None] = field(default_factory=dict)


# Weights found on the held-out phrasings (tests/data/ask_heldout.jsonl), never on bench cases.
_ANSWER_DOC_WEIGHT = 0.5
_KEYWORD_BOOST = 0.5
_KEYWORD_ADD = 0.3
_UNNAMED_FACTOR = 0.5
_SEMANTIC_WEIGHT = 1.0
_MIN_SCORE = 0.8
_INTENT_BOOST = 1.6
_INTENT_MISMATCH = 0.75


def build_index(topics: Iterable[TopicText], semantic: SemanticScorer | None = None) -> AnswerIndex:
    """Index each topic's phrasings, question and answer (one document each) for BM25."""
    import bm25s
    import numpy as np

    corpus: list[list[str]] = []
    doc_topics: list[int] = []
    doc_weights: list[float] = []
    topic_ids: list[str] = []
    answers: dict[str, str] = {}
    raw_keywords: dict[str, set[str]] = {}
    anchors: dict[str, tuple[Anchor, ...]] = {}
    general: set[str] = set()
    priority: dict[str, float] = {}
    fallback: str | None = None
    intents: dict[str, frozenset[str]] = {}
    for number, topic in enumerate(topics):
        topic_ids.append(topic.id)
        answers[topic.id] = topic.answer
        for text in (topic.question, *topic.phrasings):
            corpus.append(normalise(text))
            doc_topics.append(number)
            doc_weights.append(1.0)
        corpus.append(normalise(topic.answer))
        doc_topics.append(number)
        doc_weights.append(_ANSWER_DOC_WEIGHT)
        raw_keywords[topic.id] = {_canonical(k) for k in topic.keywords}
        anchors[topic.id] = tuple(parse_anchor(a) for a in topic.anchors)
        priority[topic.id] = topic.priority
        intents[topic.id] = frozenset(topic.intents)
        if topic.fallback and fallback is None:
            fallback = topic.id
        if topic.general:
            general.add(topic.id)
    # A keyword shared by several topics says less about each of them.
    spread: dict[str, int] = {}
    for words in raw_keywords.values():
        for word in words:
            spread[word] = spread.get(word, 0) + 1
    keywords = {t: {w: priority[t] / spread[w] for w in ws} for t, ws in raw_keywords.items()}
    retriever = bm25s.BM25(k1=1.2, b=0.75)
    retriever.index(corpus, show_progress=False)
    # Typos are repaired towards words the BM25 index knows; keyword and anchor words
    # (spelling variants among them) still match as they are.
    vocabulary = {tok for doc in corpus for tok in doc}
    extra = {w for ws in raw_keywords.values() for w in ws}
    for topic_anchors in anchors.values():
        for anchor in topic_anchors:
            for part in anchor.parts:
                extra |= part
    extra |= _CRAMP_WORDS | _OTHER_CRAMPS
    for cues, body in _CRAMP_PAIRS:
        extra |= cues | body
    extra -= vocabulary
    return AnswerIndex(
        topic_ids=tuple(topic_ids),
        answers=answers,
        retriever=retriever,
        doc_topics=np.asarray(doc_topics),
        doc_weights=np.asarray(doc_weights, dtype=np.float64),
        vocabulary=tuple(sorted(vocabulary)),
        extra_words=frozenset(extra),
        corpus_words=frozenset(vocabulary),
        keywords=keywords,
        anchors=anchors,
        general=frozenset(general),
        fallback=fallback,
        intents=intents,
        semantic=semantic,
    )


def _repair(token: str, index: AnswerIndex) -> str | None:
    """The closest vocabulary word to an unknown token, or None when nothing is close."""
    if token in index._fuzzy_cache:
        return index._fuzzy_cache[token]
    found: str | None = None
    # A four-letter word is too often a real word one letter from another ('camp', 'seat').
    if len(token) >= 5 and not token.isdigit():
        # Short words need a closer match: 'gears' must not become 'years'.
        cutoff = 88.0 if len(token) <= 5 else 80.0
        # Typos rarely hit the first letter; requiring it keeps 'france' from 'race'.
        choices = [w for w in index.vocabulary if w[0] == token[0]]
        best = process.extractOne(token, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
        if best is not None:
            found = str(best[0])
        else:
            # The first two letters must agree too: 'clamp' is not a typo of 'cramp'.
            found = _one_edit_away(token, [w for w in choices if w[:2] == token[:2]])
    index._fuzzy_cache[token] = found
    return found


def _one_edit_away(token: str, choices: Sequence[str]) -> str | None:
    """The one word that a single swap, slip, extra or missing letter turns `token` into.

    Catches what the ratio misses in short words ('nigth', 'cramb'): swapping two letters
    costs a ratio of 80. None when no word, or more than one, is that close.
    """
    near = [
        str(w)
        for w, _, _ in process.extract(
            token, choices, scorer=OSA.distance, score_cutoff=1, limit=None
        )
    ]
    same_length = [w for w in near if len(w) == len(token)]
    for candidates in (same_length, near):
        if len(candidates) == 1:
            return candidates[0]
    return None


def _split(token: str, index: AnswerIndex) -> tuple[str, str] | None:
    """Two known words run together ('sportsdrink', 'legcramp'), or None.

    One of them must be a word that means something here (a keyword, cramp, a body part):
    'halfway' is not 'half way'.
    """
    if len(token) < 7:
        return None
    known = index.corpus_words | _CRAMP_WORDS
    telling = _CRAMP_WORDS | _BODY_WORDS | {w for ws in index.keywords.values() for w in ws}
    for cut in range(3, len(token) - 2):
        head, tail = _canonical(token[:cut]), _canonical(token[cut:])
        if head in known and tail in known and (head in telling or tail in telling):
            return head, tail
    return None


def _query_tokens(
    question: str, index: AnswerIndex
) -> tuple[list[str], set[str], list[tuple[str, str]]]:
    """BM25 tokens (typos repaired), every form seen (for keywords), and the repairs made."""
    known = index.corpus_words
    tokens: list[str] = []
    seen: set[str] = set()
    corrected: list[tuple[str, str]] = []
    words = normalise(question)
    words += [INTENT_WORDS[i] for i in sorted(detect_intents(question)) if i in INTENT_WORDS]
    for token in words:
        seen.add(token)
        if token in known:
            tokens.append(token)
            continue
        repaired = _repair(token, index)
        parts = _split(token, index) if repaired is None else None
        if parts is not None:
            tokens.extend(parts)
            seen.update(parts)
            corrected.append((token, " ".join(parts)))
        elif repaired is None:
            tokens.append(token)
        else:
            tokens.append(repaired)
            seen.add(repaired)
            if token not in index.extra_words:
                corrected.append((token, repaired))
    return tokens, seen, corrected


def names_a_cramp(tokens: Iterable[str]) -> bool:
    """True when the tokens say 'cramp' or describe a seized muscle."""
    present = set(tokens)
    if present & _CRAMP_WORDS:
        return True
    return any(present & cues and present & body for cues, body in _CRAMP_PAIRS)


def out_of_scope_answer(question: str) -> str:
    """An honest refusal that says where to ask instead."""
    tokens = set(normalise(question))
    if tokens & _OTHER_CRAMPS:
        where = (
            "For stomach or period cramps, ask a pharmacist or your doctor; "
            "severe or unusual pain needs a doctor."
        )
    elif tokens & _MEDICAL_HINTS:
        where = "For that, ask a doctor, a pharmacist or a physiotherapist."
    elif tokens & _REPAIR_HINTS:
        where = "For that, a bike shop, a mechanic or the maker's manual will know."
    elif tokens & _TRAINING_HINTS:
        where = "For training questions, ask a coach or a qualified trainer."
    else:
        where = "Please ask someone who knows that subject, or a general search engine."
    return (
        "I can't answer that: crampcoach only answers questions about muscle cramps "
        f"(causes, relief, prevention, myths and when to see a doctor). {where} "
        "Run `crampcoach ask --list` to see the topics I know."
    )


def _topic_scores(tokens: list[str], present: set[str], index: AnswerIndex) -> np.ndarray:
    import numpy as np

    scores = np.zeros(len(index.topic_ids))
    if not tokens:
        return scores
    doc_scores = np.asarray(index.retriever.get_scores(tokens), dtype=np.float64)
    doc_scores *= index.doc_weights
    # Best phrasing per topic, plus a share of the topic's total to reward broad agreement.
    np.maximum.at(scores, index.doc_topics, doc_scores)
    totals = np.zeros(len(index.topic_ids))
    np.add.at(totals, index.doc_topics, doc_scores)
    counts = np.bincount(index.doc_topics, minlength=len(index.topic_ids))
    scores += 0.5 * totals / np.maximum(counts, 1)
    scale = max(float(scores.max()), 1.0)
    for number, topic in enumerate(index.topic_ids):
        hits = min(sum(w for word, w in index.keywords[topic].items() if word in present), 3.0)
        if hits:
            # Both: a named topic rises with its text match, and rises even without one.
            scores[number] *= 1.0 + _KEYWORD_BOOST * hits
            scores[number] += _KEYWORD_ADD * hits * scale
        elif topic not in index.general:
            # A specific topic (magnesium, night cramps...) that the question never names.
            scores[number] *= _UNNAMED_FACTOR
    return scores


def answer_question(question: str, index: AnswerIndex) -> AnswerMatch:
    """Match `question` to a topic; topic None with a refusal when it is out of scope."""
    import numpy as np

    tokens, present, corrected = _query_tokens(question, index)
    anchored = {t for t in index.topic_ids if any(a.matches(present) for a in index.anchors[t])}
    cramp = names_a_cramp(present)
    if not cramp and present & _ANCHOR_VETO:
        anchored = set()
    other_organ = bool(present & _OTHER_CRAMPS) and not present & _BODY_WORDS
    if other_organ or not (cramp or anchored):
        return AnswerMatch(None, 0.0, out_of_scope_answer(question), corrected=tuple(corrected))
    scores = _topic_scores(tokens, present, index)
    asked = detect_intents(question)
    for number, topic in enumerate(index.topic_ids):
        answers_intents = index.intents.get(topic, frozenset())
        if asked & answers_intents:
            scores[number] *= _INTENT_BOOST
        elif asked and answers_intents:
            # It answers other questions ('how much') than the one asked ('is X the cause').
            scores[number] *= _INTENT_MISMATCH
    if index.semantic is not None:
        semantic = index.semantic(question)
        top = max(scores.max(), 1.0)
        for number, topic in enumerate(index.topic_ids):
            scores[number] += _SEMANTIC_WEIGHT * top * semantic.get(topic, 0.0)
    for number, topic in enumerate(index.topic_ids):
        if topic in anchored:
            scores[number] *= 1.5
        elif not cramp:
            # Without the word cramp, only a topic whose anchor matched may answer.
            scores[number] = 0.0
    order = np.argsort(-scores, kind="stable")
    best, second = float(scores[order[0]]), float(scores[order[1]])
    if best < _MIN_SCORE:
        if cramp and index.fallback is not None:
            # About cramps, but no topic fits: the broad answer beats a refusal.
            topic = index.fallback
            return AnswerMatch(topic, 0.1, index.answers[topic], corrected=tuple(corrected))
        return AnswerMatch(None, 0.0, out_of_scope_answer(question), corrected=tuple(corrected))
    topic = index.topic_ids[int(order[0])]
    margin = (best - second) / best
    strength = 1.0 - math.exp(-best / 6.0)
    confidence = round(min(1.0, strength * (0.55 + 0.45 * margin)), 2)
    alternatives = tuple(
        index.topic_ids[int(i)] for i in order[1:3] if scores[int(i)] >= 0.8 * best
    )
    return AnswerMatch(topic, confidence, index.answers[topic], alternatives, tuple(corrected))
