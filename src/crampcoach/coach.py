"""The composition root and the public API: one `Coach`, built from `Settings`.

A face (the CLI, later the REST API and the web app) builds one Coach per process and
calls its methods; the Coach loads each knowledge file once, on first use, and passes it
into the pure core, and it opens the person's diary and profile. Nothing here renders
text for a screen: results are the core's values, and `crampcoach.contract` turns them
into the JSON of shared/spec/contract.md. Heavy parts (the diary's SQLAlchemy, the
story lexicon, the FAQ index) load only when a method needs them.

The knowledge the Coach holds is `crampcoach.package_knowledge`; `assess`, `make_plan`
and `sweat_rate` on their own are `crampcoach.conveniences`.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from crampcoach.core.assess import assess as assess_with
from crampcoach.core.assessment import Assessment, FollowUp
from crampcoach.core.story import ParsedStory, parse_story
from crampcoach.core.story.language import NOT_READ, written_in
from crampcoach.errors import CrampcoachError, InputError
from crampcoach.i18n import N_, SOURCE, Translator, base_language, choose_language
from crampcoach.knowledge.intake import Intake
from crampcoach.knowledge.loader import KnowledgeBase
from crampcoach.knowledge.schema import Muscle
from crampcoach.message import Message
from crampcoach.package_knowledge import PackageKnowledge
from crampcoach.plan_methods import PlanMethods
from crampcoach.settings import Settings
from crampcoach.views import AssessmentView, assessment_view

if TYPE_CHECKING:
    from crampcoach.core.answers import AnswerIndex, AnswerMatch
    from crampcoach.core.interview import Interview
    from crampcoach.core.safety import DangerSigns
    from crampcoach.evidence import EvidenceRow
    from crampcoach.knowledge.faq import FaqEntry
    from crampcoach.shared_database import SharedDatabase

THEN = N_("{first}; {then}")  # what a story leaves out, one thing after another


@dataclass(frozen=True)
class StoryAssessment:
    """A story in words, what was read from it, and its assessment."""

    story: ParsedStory
    result: Assessment
    lang: str = SOURCE  # the language to answer in: the story's, unless one was chosen


@dataclass(frozen=True)
class Answer:
    """`ask`'s answer: the matched topic (its FAQ entry) and any danger sign the text describes."""

    question: str
    match: AnswerMatch
    entry: FaqEntry | None
    warning: DangerSigns | None
    lang: str = SOURCE  # the language to answer in: the question's, unless one was chosen


class Coach(PlanMethods):
    """crampcoach for one person: their settings, the knowledge base, their diary."""

    def __init__(
        self, settings: Settings | None = None, knowledge: PackageKnowledge | None = None
    ) -> None:
        self.settings = settings if settings is not None else Settings()
        self.knowledge = knowledge if knowledge is not None else PackageKnowledge()
        # The language results are rendered in; an unknown one asked for is an InputError.
        self.text = Translator(choose_language(self.settings.lang))

    @classmethod
    def from_env(cls, db_url: str | None = None) -> Coach:
        """Settings from the environment (CRAMPCOACH_HOME, CRAMPCOACH_DB) or `db_url`."""
        return cls(Settings.from_env(db_url))

    def with_db(self, db_url: str | None) -> Coach:
        """This coach on another diary (`db_url`; None keeps this one), sharing the knowledge."""
        if not db_url:
            return self
        return self._like(self.settings.model_copy(update={"db_url": db_url}))

    def with_settings(self, **update: Any) -> Coach:
        """This coach with some settings changed (`multi_user=True`), sharing the knowledge."""
        return self._like(self.settings.model_copy(update=update))

    def with_lang(self, lang: str) -> Coach:
        """This coach speaking `lang` (InputError when crampcoach does not speak it), sharing
        the knowledge and the diary."""
        if lang == self.settings.lang:
            return self
        return self._like(self.settings.model_copy(update={"lang": lang}))

    def for_athlete(self, athlete_id: int | None) -> Coach:
        """This coach on the diary of the athlete `athlete_id` in the same database (None: the
        single-user diary, the first athlete's); an athlete that does not exist is an
        InputError when the diary is opened."""
        if athlete_id == self.athlete_id and self.refusal is None:
            return self
        coach = copy.copy(self)  # the same settings, knowledge and words (cheap: per request)
        coach.athlete_id = athlete_id
        coach.refusal = None
        return coach

    def reading_only(self) -> Coach:
        """This coach reading its diary and never writing it (a coach's reading of an
        athlete's diary on the multi-user server): a write raises ReadOnlyError."""
        coach = copy.copy(self)
        coach.read_only = True
        return coach

    def refusing_diary(self, refusal: Callable[[], CrampcoachError]) -> Coach:
        """This coach without a diary: every call that would open one raises `refusal()`
        (the multi-user server's answer to a request with no login, or of an account with no
        diary). The knowledge stays open."""
        coach = copy.copy(self)
        coach.refusal = refusal
        return coach

    def share_database(self) -> SharedDatabase:
        """From now on this coach, and every coach made from it on the same diary, works on
        one database kept open (one engine and its pool of connections: a server process's,
        opened on first use); `close_database` releases it. The shared database."""
        if self.shared is None:
            from crampcoach.shared_database import SharedDatabase

            self.shared = SharedDatabase(self.settings)
        return self.shared

    def close_database(self) -> None:
        """Release the database kept open by `share_database`, if any."""
        if self.shared is not None:
            self.shared.close()

    def _like(self, settings: Settings) -> Coach:
        coach = Coach(settings, self.knowledge)
        coach.athlete_id = self.athlete_id
        coach.refusal = self.refusal
        coach.read_only = self.read_only
        if settings.db_url == self.settings.db_url:
            coach.shared = self.shared
        return coach

    @property
    def kb(self) -> KnowledgeBase:
        """The knowledge base the core reads."""
        return self.knowledge.base

    def view(self, result: Assessment) -> AssessmentView:
        """An assessment in words, in this coach's language (the assess JSON contract)."""
        return assessment_view(result, self.kb, self.text)

    # --- assessment ------------------------------------------------------------------------

    def read_story(
        self, text: str, *, today: date | None = None, lang: str | None = None
    ) -> ParsedStory:
        """A story told `today` (default: today) read into facts; never fails on text.

        It is read in the language it is written in (Chinese, Simplified or Traditional,
        when enough of its letters are Han characters; else English), or in `lang`
        (InputError when crampcoach does not speak it).
        """
        reading = base_language(choose_language(lang)) if lang else written_in(text)
        if reading != SOURCE:  # the readers of other languages load only for their stories
            from crampcoach.knowledge.story_languages import FILES

            if reading in FILES and isinstance(text, str):
                return self.knowledge.story_reader(reading).read(text, today=today)
        return parse_story(text, self.knowledge.lexicon, today=today or date.today())

    def answering(self, story: ParsedStory, lang: str | None = None) -> Coach:
        """This coach, or one like it, speaking the language to answer `story` in: `lang`
        when given, else this coach's own when it was given one (`--lang`,
        CRAMPCOACH_LANG), else the language the story was read in (as `ask` answers)."""
        if lang:
            return self.speaking(choose_language(lang))
        if self.settings.lang is not None or story.lang == SOURCE:
            return self
        return self.speaking(story.lang)

    def read_usable_story(self, text: str, *, lang: str | None = None) -> ParsedStory:
        """A story (read in `lang`, else in its own); InputError says what is missing when
        there is nothing to go on."""
        story = self.read_story(text, lang=lang)
        if not story.usable:
            # Told in the language the story would have been answered in.
            answer_in = self.answering(story, lang).text.lang
            if any(NOT_READ in str(notice) for notice in story.notices):
                raise InputError(NOT_READ).bound_to(answer_in)
            missing = Message(N_("what happened, which muscle, and when"))
            for number, item in enumerate(story.missing):
                said = Message(item)
                missing = said if number == 0 else Message(THEN, {"first": missing, "then": said})
            raise InputError(
                N_("I could not find a cramp story in that. Please tell me: {missing}"),
                missing=missing,
            ).bound_to(answer_in)
        return story

    def assess(
        self, story: Intake | str, answers: Iterable[tuple[FollowUp, str]] = ()
    ) -> Assessment:
        """Assess a story (an Intake, or words) with the answers given so far.

        `answers` are (question, reply) pairs in the order they were put: each reply is read
        into the intake (ReplyError when one does not fit), and the result leaves out the
        questions already put. Words that give nothing to go on raise InputError.
        """
        intake = story if isinstance(story, Intake) else self.read_usable_story(story).intake
        answers = list(answers)
        if not answers:
            return assess_with(intake, self.kb)
        # The interview's modules load only for answers (a JSON-lines run has none).
        from crampcoach.core.interview import unsettled
        from crampcoach.core.replies import read_reply

        asked: list[FollowUp] = []
        for question, reply in answers:
            intake = read_reply(intake, question, reply, self.knowledge.lexicon)
            asked.append(question)
        result = assess_with(intake, self.kb)
        return result.model_copy(update={"follow_up": unsettled(result.follow_up, asked)})

    def assess_story(self, text: str, *, lang: str | None = None) -> StoryAssessment:
        """Assess a story in words, keeping what was read and the language to answer in
        (see `answering`); InputError when unusable."""
        story = self.read_usable_story(text, lang=lang)
        answer_in = self.answering(story, lang).text.lang
        return StoryAssessment(story, assess_with(story.intake, self.kb), answer_in)

    def interview(self, intake: Intake) -> Interview:
        """A follow-up interview on `intake`: next question, answer, result."""
        from crampcoach.core.interview import Interview

        return Interview(intake, self.kb, self.knowledge.lexicon)

    def resume_interview(
        self, intake: Intake, answers: Iterable[tuple[str, str]]
    ) -> tuple[Interview, list[tuple[str, str]]]:
        """The interview of `intake` with `answers` (question id, reply as typed) put
        again in order, and the answers it kept.

        An answer is left out when no result of the interview lists its question at that
        point (a corrected story no longer raises it) or when its reply no longer fits;
        the faces that keep an interview between requests (the web app) replay it so.
        """
        from crampcoach.core.replies import ReplyError

        session = self.interview(intake)
        kept: list[tuple[str, str]] = []
        for question_id, reply in answers:
            upcoming = session.next_question()
            listed = [upcoming] if upcoming is not None else []
            listed += session.result().follow_up
            question = next((q for q in listed if q.id == question_id), None)
            if question is None:
                continue
            try:
                session.answer(question, reply)
            except ReplyError:
                continue
            kept.append((question_id, reply))
        return session, kept

    def save_assessment(self, intake: Intake, result: Assessment) -> None:
        """Keep the intake and its assessment in the diary."""
        payload = {"intake": intake.model_dump(mode="json"), **result.model_dump(mode="json")}
        with self.diary() as diary:
            diary.save_assessment(payload, datetime.now(UTC))

    # --- the knowledge, readable -----------------------------------------------------------

    def explain(self, concept_id: str) -> dict[str, Any]:
        """What an id is, its evidence and its sources, as JSON-able data; InputError if unknown."""
        from crampcoach import reference

        return reference.explain(self.kb, self.knowledge.faq, concept_id.strip().lower(), self.text)

    def relief(self, muscle_name: str) -> Muscle:
        """Relief steps for a muscle ("calves" is the calf); InputError names the choices."""
        from crampcoach import reference

        return reference.muscle(self.kb, muscle_name)

    def factor_labels(self) -> dict[str, str]:
        """Factor id -> its label (a message id: the faces word it per locale)."""
        return {f.id: f.label for f in self.kb.factors.values()}

    def evidence(self) -> list[EvidenceRow]:
        """Every claim of the knowledge base with its sources: the evidence table."""
        from crampcoach.evidence import evidence_rows

        knowledge = self.knowledge
        return evidence_rows(self.kb, knowledge.faq, knowledge.plan_rules, knowledge.forecast_rules)

    def evidence_markdown(self) -> str:
        """The evidence table as Markdown (docs/evidence.md)."""
        from crampcoach.evidence import evidence_markdown

        return evidence_markdown(self.kb, self.evidence())

    def check_knowledge(self) -> dict[str, Any]:
        """Load and cross-check every knowledge file; its coverage (KnowledgeError if invalid)."""
        from crampcoach import reference

        return reference.check()

    def ask(
        self, question: str, *, semantic: bool | None = None, lang: str | None = None
    ) -> Answer:
        """A cited answer to a question, leading with any danger sign it describes.

        The question is read in the language it is written in (Traditional Chinese as
        Simplified), or in `lang`; it is answered in that language unless this coach was
        given one (`--lang`, CRAMPCOACH_LANG). `semantic` (default: the settings) also
        matches by meaning (the 'semantic' extra).
        """
        from crampcoach.core.safety import answer_safely

        reading = choose_language(lang) if lang else written_in(question)
        read = self.knowledge.simplified(question) if reading.startswith("zh") else question
        faq = self.knowledge.faq
        index = self.knowledge.answer_index(self._semantic(semantic), base_language(reading))
        match, warning = answer_safely(read, index, faq, self.kb, self.knowledge.lexicon)
        entry = faq.get(match.topic) if match.topic else None
        if lang is None and (self.settings.lang is not None or reading == SOURCE):
            reading = self.text.lang  # the language this coach was given, or the system's
        return Answer(question, match, entry, warning, reading)

    def speaking(self, lang: str) -> Coach:
        """This coach, or one like it speaking `lang` (an answer's language)."""
        return self if lang == self.text.lang else self.with_lang(lang)

    def _semantic(self, semantic: bool | None) -> bool:
        return self.settings.semantic if semantic is None else semantic

    def answer_index(self, semantic: bool | None = None) -> AnswerIndex:
        """The index `ask` matches with, built now (an error of the semantic extra shows here)."""
        return self.knowledge.answer_index(self._semantic(semantic))

    def topics(self) -> tuple[FaqEntry, ...]:
        """The question topics `ask` can answer, in the vocabulary's order."""
        return self.knowledge.faq.entries
