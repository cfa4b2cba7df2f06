"""How questions in another language are read: `lang_<code>.yaml`, one file a language.

A language written without spaces (Chinese) lists the words its segmenter must keep whole,
variants read as one word, words that carry no topic, the words that put a question about
muscle cramps in scope (or out of it: another organ's cramp), and for each FAQ topic of
faq.yaml its keywords and the ways people ask it in that language. The answers are the
FAQ's own, rendered through the language's gettext catalogue.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from crampcoach.errors import KnowledgeError
from crampcoach.knowledge.files import load_sections

Word = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
# The languages with such a file, by the tag their catalogue has (crampcoach.i18n).
FILES = {"zh-Hans": "lang_zh.yaml"}


class TopicWords(BaseModel):
    """One FAQ topic in the language: the words typical of it and the ways people ask it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    keywords: list[Word] = Field(min_length=1)
    phrasings: list[Annotated[str, StringConstraints(min_length=2)]] = Field(min_length=5)
    anchors: list[str] = Field(
        default_factory=list,
        description="word combinations 'a|b + c|d' that put a question about this topic in "
        "scope without a cramp word (as faq.yaml's anchors)",
    )


class QuestionLanguage(BaseModel):
    """What reading a question in one language needs (see the module's docstring)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    language: str
    words: list[Word] = Field(min_length=1, description="kept whole by the segmenter")
    synonyms: dict[Word, Word] = Field(default_factory=dict, description="variant: canonical")
    stopwords: list[Word] = Field(default_factory=list)
    cramp_words: list[Word] = Field(min_length=1, description="name a muscle cramp")
    soft_cramp_words: list[Word] = Field(default_factory=list, description="beside a body word")
    body_words: list[Word] = Field(min_length=1)
    other_cramps: list[Word] = Field(default_factory=list, description="another organ's cramp")
    animals: list[Word] = Field(default_factory=list, description="a pet's legs are a vet's")
    owners: list[Word] = Field(
        default_factory=list, description="before a body word, make it the asker's (我的)"
    )
    intents: dict[str, list[Word]] = Field(
        default_factory=dict,
        description="phrases that ask each intent of crampcoach.core.intents (relieve: 怎么缓解)",
    )
    topics: dict[str, TopicWords]


def load_question_language(
    lang: str, topic_ids: Iterable[str], intents: Iterable[str]
) -> QuestionLanguage:
    """The validated data of `lang` (a key of FILES): its topics exactly `topic_ids`, its
    intents among `intents` (those the core reads: crampcoach.core.intents.INTENTS).

    Raises KnowledgeError naming the file and what is wrong.
    """
    name = FILES[lang]
    data = load_sections(QuestionLanguage, name)
    if data.language != lang:
        raise KnowledgeError(f"{name}: language {data.language!r}, expected {lang!r}")
    known = tuple(intents)
    unknown_intents = sorted(set(data.intents) - set(known))
    if unknown_intents:
        raise KnowledgeError(
            f"{name}: unknown intents {', '.join(unknown_intents)} (known: {', '.join(known)})"
        )
    wanted = set(topic_ids)
    missing, unknown = sorted(wanted - set(data.topics)), sorted(set(data.topics) - wanted)
    if missing or unknown:
        raise KnowledgeError(
            f"{name}: topics must be those of faq.yaml (missing: {', '.join(missing) or '-'};"
            f" unknown: {', '.join(unknown) or '-'})"
        )
    return data
