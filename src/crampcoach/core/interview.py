"""The interview: which question to put next, until no answer could change the result.

Pure: an Intake and the questions already put in, the next question out. The story's
muscle and time come first when it does not give them; then the follow-ups of the
current assessment that no earlier question settled. It ends as soon as no answer could
change the triage or the top three factors. A question answered "no" or "don't know"
counts as settled even where the Intake cannot record the answer ("no" to "Do you have
diabetes?"), so it is neither asked again nor listed at the end. Typed replies are read
by `core/replies.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from crampcoach.core.assess import assess
from crampcoach.core.assessment import Assessment, FollowUp
from crampcoach.core.follow_up import settles, story_questions
from crampcoach.core.replies import ReplyError, read_reply
from crampcoach.knowledge.intake import Intake
from crampcoach.knowledge.lexicon import Lexicon
from crampcoach.knowledge.loader import KnowledgeBase

MAX_QUESTIONS = 12  # a person answers a few questions, not a form
URGENT = "emergency"  # from this level on, only questions that could raise it are asked
STOP_WORDS = frozenset({"done", "q", "quit", "stop", "exit", "that's all", "thats all"})


# --- What to ask next --------------------------------------------------------------------


def is_settled(question: FollowUp, asked: Iterable[FollowUp]) -> bool:
    """True when the questions already put ask everything `question` asks."""
    keys = settles(question)
    for earlier in asked:
        keys = keys - settles(earlier)
    return not keys


def unsettled(questions: Iterable[FollowUp], asked: Sequence[FollowUp]) -> list[FollowUp]:
    """The questions that no question in `asked` has settled, in their order."""
    return [q for q in questions if not is_settled(q, asked)]


def next_question(
    intake: Intake,
    result: Assessment,
    asked: Sequence[FollowUp],
    kb: KnowledgeBase,
) -> FollowUp | None:
    """The next question for `intake`, whose assessment is `result`; None when done.

    Done means: MAX_QUESTIONS put, or no unsettled follow-up left (no answer could
    change the triage or the top three factors). At an emergency level only the red-flag
    screens that could raise it further are left: the person should be on their way.
    """
    if len(asked) >= MAX_QUESTIONS:
        return None
    pending = unsettled(story_questions(intake), asked)
    if pending:
        return pending[0]
    pending = unsettled(result.follow_up, asked)
    if kb.triage_rank(result.triage.level) >= kb.triage_rank(URGENT):
        pending = [q for q in pending if q.screens_red_flag]
    return pending[0] if pending else None


class Interview:
    """One interview: the intake so far and the questions put, settled or not."""

    def __init__(self, intake: Intake, kb: KnowledgeBase, lexicon: Lexicon | None = None) -> None:
        self.intake = intake
        self.asked: list[FollowUp] = []
        self.kb = kb
        self.lexicon = lexicon  # reads answers told in a sentence; the package's when None
        self._assessed: tuple[Intake, Assessment] | None = None  # of the intake as it is

    def _assessment(self) -> Assessment:
        """The assessment of the intake now, made once per intake (an answer makes a new one)."""
        if self._assessed is None or self._assessed[0] is not self.intake:
            self._assessed = (self.intake, assess(self.intake, self.kb))
        return self._assessed[1]

    def next_question(self) -> FollowUp | None:
        """The question to put now, or None once no answer could change the result."""
        return next_question(self.intake, self._assessment(), self.asked, self.kb)

    def answer(self, question: FollowUp, text: str) -> None:
        """Record the answer; raises ReplyError (nothing recorded) when it does not fit."""
        self.intake = read_reply(self.intake, question, text, self.lexicon)
        self.asked.append(question)

    def result(self) -> Assessment:
        """The assessment of the intake, without follow-ups the interview already put."""
        result = self._assessment()
        return result.model_copy(update={"follow_up": unsettled(result.follow_up, self.asked)})


def run(intake: Intake, reply: Callable[[FollowUp], str], kb: KnowledgeBase) -> Interview:
    """Put every question to `reply` until done; an answer that does not fit counts as
    "don't know". For simulations and benchmarks; the CLI asks again instead."""
    interview = Interview(intake, kb)
    while (question := interview.next_question()) is not None:
        try:
            interview.answer(question, reply(question))
        except ReplyError:
            interview.answer(question, "")
    return interview
