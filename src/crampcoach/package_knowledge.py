"""The package's knowledge as the Coach holds it: each file loaded once, on first use.

`PackageKnowledge` loads and keeps the knowledge base, the lexicon, the FAQ and its
index, and the plan, pattern, forecast and record rules; `pattern_rules` turns the checked
patterns.yaml data into the core's `PatternRules`, each piece of advice a sentence with its
evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from typing import TYPE_CHECKING, Any

from crampcoach.i18n import SOURCE, Translator
from crampcoach.knowledge.lexicon import Lexicon, load_lexicon
from crampcoach.knowledge.loader import KnowledgeBase, load_knowledge

# Each file's schema (and the core that reads it) is imported where it is loaded: a run
# that assesses stories never reads the FAQ, the plan, pattern, forecast or record rules.
if TYPE_CHECKING:
    from crampcoach.core.answers import AnswerIndex, SemanticScorer
    from crampcoach.core.patterns import PatternRules
    from crampcoach.core.story.segmented import SegmentedStoryReader
    from crampcoach.knowledge.faq import FaqBase
    from crampcoach.knowledge.forecast_rules import ForecastRules
    from crampcoach.knowledge.pattern_rules import PatternRulesData
    from crampcoach.knowledge.plan_rules import PlanRules
    from crampcoach.knowledge.record_rules import RecordRules
    from crampcoach.knowledge.schema import Advice


class PackageKnowledge:
    """The package's knowledge files, each loaded and validated on first use, then kept.

    One per process is enough; Coaches with other settings (another database) share it.
    """

    @cached_property
    def base(self) -> KnowledgeBase:
        return load_knowledge()

    @cached_property
    def lexicon(self) -> Lexicon:
        """The lexicon with the story matcher compiled from it, both read back from the copy
        kept between runs (`knowledge.cache`) while their files and the story reader's code
        are the same: compiling the matcher took some 50 ms of every run that reads a story."""
        from crampcoach.core.story.matcher import compile_lexicon

        story = resources.files("crampcoach.core.story")
        code = sorted((f for f in story.iterdir() if f.name.endswith(".py")), key=lambda f: f.name)
        return load_lexicon(derive=compile_lexicon, code=code)

    @cached_property
    def faq(self) -> FaqBase:
        from crampcoach.knowledge.faq import load_faq

        return load_faq()

    @cached_property
    def plan_rules(self) -> PlanRules:
        from crampcoach.knowledge.plan_rules import load_plan_rules

        return load_plan_rules()

    @cached_property
    def record_rules(self) -> RecordRules:
        """What a diary record can be, from records.yaml."""
        from crampcoach.knowledge.record_rules import load_record_rules

        return load_record_rules()

    @cached_property
    def pattern_rules(self) -> PatternRules:
        """The cut points, factor links and advice of `patterns`, from patterns.yaml."""
        from crampcoach.knowledge.pattern_rules import load_pattern_rules

        return pattern_rules(self.base, load_pattern_rules(self.base))

    @cached_property
    def forecast_rules(self) -> ForecastRules:
        """The population prior and similarity of the personal forecast, from forecast.yaml."""
        from crampcoach.knowledge.forecast_rules import load_forecast_rules

        return load_forecast_rules(self.base)

    @cached_property
    def citations(self) -> dict[str, str]:
        """Source id -> full citation."""
        from crampcoach.knowledge.faq import source_citations

        return source_citations(self.base)

    @cached_property
    def _simplifier(self) -> Any:
        import opencc

        return opencc.OpenCC("t2s")

    def simplified(self, text: str) -> str:
        """Chinese text in Simplified characters (Traditional converted by OpenCC)."""
        converted: str = self._simplifier.convert(text)
        return converted

    @cached_property
    def _story_readers(self) -> dict[str, SegmentedStoryReader]:
        return {}

    def story_reader(self, lang: str) -> SegmentedStoryReader:
        """The reader of stories in `lang` (a language of `story_languages.FILES`): its
        data, jieba (rjieba) with the data's words in its dictionary, OpenCC to Simplified;
        built once."""
        if lang not in self._story_readers:
            import rjieba

            from crampcoach.core.story.segmented import SegmentedStoryReader
            from crampcoach.knowledge.story_languages import load_story_language

            data = load_story_language(lang)
            segmenter = rjieba.Jieba()
            for word in sorted(data.dictionary()):
                segmenter.add_word(word.lower(), None, None)
            self._story_readers[lang] = SegmentedStoryReader(
                lang=lang,
                data=data,
                numbers=self.lexicon.numbers,
                # Without its guessing of unknown words (HMM), as for questions.
                segment=lambda text: segmenter.cut(text, False),
                simplify=self.simplified,
            )
        return self._story_readers[lang]

    @cached_property
    def _indexes(self) -> dict[tuple[bool, str], AnswerIndex]:
        return {}

    def answer_index(self, semantic: bool = False, lang: str = SOURCE) -> AnswerIndex:
        """The FAQ index for questions in `lang` (English, or a language of
        `question_languages.FILES`), with the optional semantic scorer, built once."""
        from crampcoach.core.answers import build_index
        from crampcoach.knowledge.question_languages import FILES

        key = (semantic, lang if lang in FILES else SOURCE)
        if key not in self._indexes:
            scorer = None
            if semantic:
                from crampcoach.embeddings import build_semantic_scorer

                scorer = build_semantic_scorer(self.faq.entries)
            if key[1] == SOURCE and scorer is None:
                self._indexes[key] = _kept_index(self.faq)
            elif key[1] == SOURCE:
                self._indexes[key] = build_index(
                    self.faq.entries, semantic=scorer, real_words=self.faq.known_words
                )
            else:
                self._indexes[key] = self._segmented_index(key[1], scorer)
        return self._indexes[key]

    def _segmented_index(self, lang: str, scorer: SemanticScorer | None) -> AnswerIndex:
        """The index of a language written without spaces: its phrasings and keywords, the
        FAQ's own answers (rendered through its catalogue), its segmenter and words."""
        import rjieba

        from crampcoach.core.answers import build_index
        from crampcoach.core.intents import INTENTS
        from crampcoach.core.segmented_questions import SegmentedReader
        from crampcoach.knowledge.question_languages import load_question_language

        data = load_question_language(lang, self.faq.ids, INTENTS)
        segmenter = rjieba.Jieba()
        anchor_words = {
            word.strip()
            for topic in data.topics.values()
            for anchor in topic.anchors
            for word in anchor.replace("+", "|").split("|")
        }
        for word in {*data.words, *data.synonyms, *data.synonyms.values(), *anchor_words} - {""}:
            segmenter.add_word(word, None, None)

        def canonical(words: list[str]) -> frozenset[str]:
            return frozenset(data.synonyms.get(w, w) for w in words)

        reader = SegmentedReader(
            # Without its guessing of unknown words (HMM): it would invent words (片会).
            segment=lambda text: segmenter.cut(text, False),
            synonyms=data.synonyms,
            stopwords=frozenset(data.stopwords),
            cramp_words=canonical(data.cramp_words),
            soft_cramp_words=canonical(data.soft_cramp_words),
            body_words=canonical(data.body_words),
            other_cramps=canonical(data.other_cramps),
            animals=frozenset(data.animals),
            owners=tuple(data.owners),
            intents={name: tuple(cues) for name, cues in data.intents.items()},
        )
        t = Translator(lang)
        topics = [
            TopicInLanguage(
                id=entry.id,
                question=t(entry.question),
                answer=entry.answer,
                keywords=tuple(data.topics[entry.id].keywords),
                phrasings=tuple(data.topics[entry.id].phrasings),
                anchors=tuple(data.topics[entry.id].anchors),
                intents=tuple(entry.intents),
                general=entry.general,
                priority=entry.priority,
                fallback=entry.fallback,
                danger=entry.danger,
            )
            for entry in self.faq.entries
        ]
        return build_index(topics, semantic=scorer, reader=reader)


@dataclass(frozen=True)
class TopicInLanguage:
    """An FAQ topic as a question in another language reaches it: that language's words and
    phrasings, the FAQ's own answer (a message id) and ranking settings."""

    id: str
    question: str
    answer: str
    keywords: tuple[str, ...]
    phrasings: tuple[str, ...]
    general: bool
    priority: float
    fallback: bool
    danger: bool = False
    anchors: tuple[str, ...] = ()
    intents: tuple[str, ...] = ()


def _advice_line(advice: Advice) -> str:
    """One prevention entry as a sentence that carries its evidence: sources, or a label."""
    if advice.evidence == "general_advice":
        return f"General advice (not proven to prevent cramps): {advice.text}"
    return f"{advice.text.rstrip('.')} ({', '.join(advice.sources)})."


def pattern_rules(kb: KnowledgeBase, data: PatternRulesData) -> PatternRules:
    """The core's `PatternRules` from checked patterns.yaml data and the factors it names."""
    from crampcoach.core.patterns import PatternRules

    return PatternRules(
        **{name: number.v for name, number in data.numbers},
        hard_efforts=frozenset(data.hard_efforts.efforts),
        links=data.links.model_dump(),
        prevention={
            factor: " ".join(_advice_line(a) for a in advice)
            for factor, advice in data.advice(kb).items()
        },
        no_factor=data.no_factor,
    )


# The code an English answer index is made by (beside the FAQ's files), and the libraries
# whose objects it keeps: bm25s's retriever, by all of its code; numpy's arrays, by its
# version.
_INDEX_CODE = (
    ("crampcoach.core", "answers.py"),
    ("crampcoach.core", "intents.py"),
    ("crampcoach.core", "question_scope.py"),
    ("crampcoach.core", "question_spelling.py"),
    ("crampcoach.core", "question_words.py"),
    ("crampcoach.core", "segmented_questions.py"),
    ("crampcoach.core.story", "language.py"),
    ("crampcoach.core.story", "phrases.py"),
    ("numpy", "version.py"),
)


def _kept_index(faq: FaqBase) -> AnswerIndex:
    """The English answer index of the packaged FAQ, read back from a copy kept between runs
    while the FAQ's files and the code that builds the index are unchanged: building it
    (every phrasing and answer read into words, the BM25 index, the speller's words) took
    a tenth of every `ask` start-up."""
    from crampcoach.core.answers import build_index
    from crampcoach.knowledge.cache import cached
    from crampcoach.knowledge.faq import faq_files

    code = [resources.files(package).joinpath(name) for package, name in _INDEX_CODE]
    bm25s = resources.files("bm25s")
    code += sorted((f for f in bm25s.iterdir() if f.name.endswith(".py")), key=lambda f: f.name)
    return cached(
        "answers",
        faq_files(),
        lambda: build_index(faq.entries, real_words=faq.known_words),
        code=code,
    )
