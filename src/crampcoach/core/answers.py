"""Match a free-text question to an FAQ topic, or decide that it is out of scope.

Pure and deterministic: topics in, an index out; a question and the index in, a match out.
The question is read into words (crampcoach.core.question_words), its typos repaired
against the index (crampcoach.core.question_spelling), and its scope checked
(crampcoach.core.question_scope: a cramp named, or a topic's anchor matched; everything
else gets topic None and an honest "I can't answer that"). Topics are then ranked by BM25
(bm25s) over each topic's phrasings, question and answer, by the keywords they name, and by
what the question asks (crampcoach.core.intents): a topic that answers it ("is X the
cause", "should I get checked") rises, one that answers another question ("how much")
sinks, so subject words such as "drank" or "walk" do not decide alone. An optional semantic
scorer can be blended in.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from crampcoach.core.intents import EFFICACY, INTENT_WORDS, detect_intents
from crampcoach.core.question_scope import (
    BODY_WORDS,
    CRAMP_WORDS,
    REFUSAL,
    REFUSAL_ANIMAL,
    REFUSAL_OTHER_CRAMPS,
    SCOPE_WORDS,
    Anchor,
    Scope,
    out_of_scope_answer,
    parse_anchor,
    read_scope,
)
from crampcoach.core.question_spelling import QuestionSpeller, ReadWords
from crampcoach.core.question_words import canonical, normalise
from crampcoach.core.segmented_questions import SegmentedReader
from crampcoach.knowledge.regexes import kept_regex

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


# Scores from an optional semantic model: topic id -> similarity in [0, 1].
SemanticScorer = Callable[[str], Mapping[str, float]]


@dataclass(frozen=True)
class AnswerMatch:
    """The matched topic (None when out of scope), a confidence in [0, 1] and the answer
    (a message id: the topic's answer, or the refusal that says where to ask instead).

    `led` says that a danger sign the question describes must be said before the answer
    (crampcoach.core.safety.lead_with_danger; crampcoach.views words it).
    """

    topic: str | None
    confidence: float
    answer: str
    alternatives: tuple[str, ...] = ()
    corrected: tuple[tuple[str, str], ...] = ()
    led: bool = False


@dataclass
class AnswerIndex:
    """Everything the matcher needs, built once by `build_index`."""

    topic_ids: tuple[str, ...]
    answers: dict[str, str]
    retriever: Any
    doc_topics: np.ndarray
    doc_weights: np.ndarray
    speller: QuestionSpeller
    keywords: dict[str, dict[str, float]]
    anchors: dict[str, tuple[Anchor, ...]]
    general: frozenset[str]
    fallback: str | None
    intents: dict[str, frozenset[str]] = field(default_factory=dict)
    semantic: SemanticScorer | None = None
    # The reader of a language written without spaces (Chinese); None: English.
    reader: SegmentedReader | None = None
    # The topic that answers a question describing a danger sign (FaqEntry.danger).
    danger: str | None = None
    # Every word the topics' phrasings, questions and answers use (the scope's `known`).
    vocabulary: frozenset[str] = frozenset()


# Weights found on the held-out phrasings (tests/data/ask_heldout.jsonl), never on bench cases.
_ANSWER_DOC_WEIGHT = 0.5
_KEYWORD_BOOST = 0.5
_KEYWORD_ADD = 0.3
_UNNAMED_FACTOR = 0.5
_SEMANTIC_WEIGHT = 1.0
_MIN_SCORE = 0.8
_INTENT_BOOST = 1.6
_INTENT_MISMATCH = 0.75


def build_index(
    topics: Iterable[TopicText],
    semantic: SemanticScorer | None = None,
    reader: SegmentedReader | None = None,
    real_words: Iterable[str] = (),
) -> AnswerIndex:
    """Index each topic's phrasings, question and answer (one document each) for BM25.

    `reader` reads the topics and the questions of a language written without spaces
    (its phrasings and keywords in `topics`); without it, English. `real_words` are words
    of the language that the question speller leaves as they are (`FaqBase.known_words`).
    """
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
    danger: str | None = None
    intents: dict[str, frozenset[str]] = {}
    for number, topic in enumerate(topics):
        topic_ids.append(topic.id)
        answers[topic.id] = topic.answer
        for text in (topic.question, *topic.phrasings):
            corpus.append(reader.words(text) if reader else normalise(text))
            doc_topics.append(number)
            doc_weights.append(1.0)
        corpus.append(reader.words(topic.answer) if reader else normalise(topic.answer))
        doc_topics.append(number)
        doc_weights.append(_ANSWER_DOC_WEIGHT)
        raw_keywords[topic.id] = {
            (reader.canonical if reader else canonical)(k) for k in topic.keywords
        }
        anchors[topic.id] = tuple(
            reader.anchor(a) if reader else parse_anchor(a) for a in topic.anchors
        )
        priority[topic.id] = topic.priority
        intents[topic.id] = frozenset(topic.intents)
        if topic.fallback and fallback is None:
            fallback = topic.id
        if getattr(topic, "danger", False) and danger is None:
            danger = topic.id
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
    # Typos are repaired towards words the BM25 index knows; keyword, anchor and scope
    # words (spelling variants among them) still match as they are.
    keyword_words = {w for ws in raw_keywords.values() for w in ws}
    anchor_words = {w for ts in anchors.values() for a in ts for part in a.parts for w in part}
    vocabulary = frozenset(tok for doc in corpus for tok in doc)
    speller = QuestionSpeller(
        vocabulary,
        quiet=keyword_words | anchor_words | SCOPE_WORDS,
        joinable=CRAMP_WORDS,
        telling=CRAMP_WORDS | BODY_WORDS | keyword_words,
        real=real_words,
    )
    return AnswerIndex(
        topic_ids=tuple(topic_ids),
        answers=answers,
        retriever=retriever,
        doc_topics=np.asarray(doc_topics),
        doc_weights=np.asarray(doc_weights, dtype=np.float64),
        speller=speller,
        keywords=keywords,
        anchors=anchors,
        general=frozenset(general),
        fallback=fallback,
        intents=intents,
        semantic=semantic,
        reader=reader,
        danger=danger,
        vocabulary=vocabulary,
    )


# What a question sets aside in brackets or after "other than": "remedies that work (not
# quinine)", "anything apart from magnesium?" asks of the rest, not of it. Nor does it ask
# of whom the asker asks for ("asking for my spin class", "asking for a friend").
_SET_ASIDE = kept_regex(
    r"\((?:not|no|except|excluding|without|other than|apart from|besides)\s+[^()]{1,30}\)"
    r"|\b(?:other than|apart from|besides|excluding)\s+[\w'-]+(?:\s+(?:water|juice|tablets?|"
    r"pills?|supplements?|salt|drinks?))?"
    # ... named by what they do together, not by what they have ("my pregnant friend").
    r"|\basking\s+(?:for|on\s+behalf\s+of)\s+(?:a|an|my|our|the)\s+(?:(?:hot|spin|yoga|pilates|"
    r"running|swimming|swim|football|netball|rugby|hockey|tennis|dance|gym|boxing|cycling|zumba|"
    r"aerobics|crossfit|bootcamp|walking|hiking|climbing|rowing|work|office|book|school|local|"
    r"weekly|evening|morning|beginners'?|adult|junior|senior|youth|kids'?|\w+-a-side)\s+){0,3}"
    r"(?:class|classes|group|team|squad|club|friend|mate|colleague|students?|clients?)\b"
    # ... nor the time set against when it happens ("at night, never in the afternoon").
    r"|,?\s*(?:but\s+)?(?:not|never)\s+(?:during|in|through)\s+(?:the\s+)?"
    r"(?:day|daytime|day\s+time|morning|afternoon|evening)\b",
    re.IGNORECASE,
)


def _read_question(question: str, asked: frozenset[str], index: AnswerIndex) -> ReadWords:
    """The question's words, with a word for each intent that stands for one, repaired;
    what it sets aside ("(not quinine)") is left out."""
    words = normalise(_SET_ASIDE.sub(" ", question))
    words += [INTENT_WORDS[i] for i in sorted(asked) if i in INTENT_WORDS]
    return index.speller.read(words)


def _topic_scores(tokens: list[str], present: set[str], index: AnswerIndex) -> np.ndarray:
    """Each topic's BM25 score for `tokens`, weighed by the keywords `present` names."""
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
        named = index.keywords[topic]
        hits: float = 0  # most topics name none of the question's words: told at once, in C
        if not present.isdisjoint(named):
            hits = min(sum(w for word, w in named.items() if word in present), 3.0)
        if hits:
            # Both: a named topic rises with its text match, and rises even without one.
            scores[number] *= 1.0 + _KEYWORD_BOOST * hits
            scores[number] += _KEYWORD_ADD * hits * scale
        elif topic not in index.general:
            # A specific topic (magnesium, night cramps...) that the question never names.
            scores[number] *= _UNNAMED_FACTOR
    return scores


def _read(
    question: str, index: AnswerIndex
) -> tuple[frozenset[str], ReadWords, Scope | None, Callable[[], str]]:
    """What the question asks, its words, its scope, and how to refuse it."""
    if index.reader is not None:  # a language written without spaces: no intents, no typos
        reader = index.reader
        words = reader.words(question)
        read = ReadWords(words, set(words), [])
        anchored = frozenset(
            t for t, ts in index.anchors.items() for a in ts if a.matches(read.seen)
        )

        def refuse() -> str:
            if reader.about_an_animal(read.seen, question):
                return REFUSAL_ANIMAL
            return REFUSAL_OTHER_CRAMPS if reader.names_another_organ(read.seen) else REFUSAL

        scope = reader.scope(read.seen, anchored, question)
        return reader.asked(question.lower()), read, scope, refuse
    asked = detect_intents(question)
    read = _read_question(question, asked, index)
    return (
        asked,
        read,
        read_scope(read.seen, index.anchors, question, index.vocabulary),
        lambda: out_of_scope_answer(question),
    )


def answer_question(question: str, index: AnswerIndex) -> AnswerMatch:
    """Match `question` to a topic; topic None with a refusal when it is out of scope."""
    import numpy as np

    asked, read, scope, refuse = _read(question, index)
    corrected = tuple(read.corrected)
    if scope is None:
        return AnswerMatch(None, 0.0, refuse(), corrected=corrected)
    if index.reader is not None and index.danger in scope.anchored:
        # The danger topic's anchors describe danger signs: in a language whose stories
        # are not read yet, they stand in for the reading that leads an English answer
        # with the danger (crampcoach.core.safety), whatever else the question asks.
        return AnswerMatch(index.danger, 0.9, index.answers[index.danger], corrected=corrected)
    scores = _topic_scores(read.tokens, read.seen, index)
    named = set(read.tokens)
    for number, topic in enumerate(index.topic_ids):
        answers_intents = index.intents.get(topic, frozenset())
        answered = asked & answers_intents
        if EFFICACY in answered and named.isdisjoint(index.keywords.get(topic, {})):
            # "Do compression socks work?": whether a remedy works is answered by that
            # remedy's topic only, never by another remedy's.
            answered = answered - {EFFICACY}
        if answered:
            scores[number] *= _INTENT_BOOST
        elif asked - {EFFICACY} and answers_intents:
            # It answers other questions ('how much') than the one asked ('is X the cause');
            # asking whether something works at all takes nothing from any topic.
            scores[number] *= _INTENT_MISMATCH
    if index.semantic is not None:
        semantic = index.semantic(question)
        top = max(scores.max(), 1.0)
        for number, topic in enumerate(index.topic_ids):
            scores[number] += _SEMANTIC_WEIGHT * top * semantic.get(topic, 0.0)
    for number, topic in enumerate(index.topic_ids):
        if topic in scope.anchored:
            scores[number] *= 1.5
        elif not scope.names_cramp:
            # Without the word cramp, only a topic whose anchor matched may answer.
            scores[number] = 0.0
    order = np.argsort(-scores, kind="stable")
    best, second = float(scores[order[0]]), float(scores[order[1]])
    if best < _MIN_SCORE:
        if scope.names_cramp and index.fallback is not None:
            # About cramps, but no topic fits: the broad answer beats a refusal.
            topic = index.fallback
            return AnswerMatch(topic, 0.1, index.answers[topic], corrected=corrected)
        return AnswerMatch(None, 0.0, refuse(), corrected=corrected)
    topic = index.topic_ids[int(order[0])]
    margin = (best - second) / best
    strength = 1.0 - math.exp(-best / 6.0)
    confidence = round(min(1.0, strength * (0.55 + 0.45 * margin)), 2)
    alternatives = tuple(
        index.topic_ids[int(i)] for i in order[1:3] if scores[int(i)] >= 0.8 * best
    )
    return AnswerMatch(topic, confidence, index.answers[topic], alternatives, corrected)
