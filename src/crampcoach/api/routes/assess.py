"""`POST /assess`: a story becomes a triage and advice; the follow-up loop runs statelessly.

Each request carries the story and every answer given so far, in order; the answers are
put to a `Coach.interview` of the story one by one, as the CLI's interview puts them, and
the response lists the questions that could still change the result. A client shows
`next_question` (or any of `follow_up`), adds the reply to `answers` and posts again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter, Response
from starlette.concurrency import run_in_threadpool

from crampcoach.api.deps import CoachDep
from crampcoach.api.models.assess import AssessRequest, AssessResult, Reply
from crampcoach.api.problems import INVALID_INPUT, PROBLEM_RESPONSES, ProblemError
from crampcoach.errors import InputError
from crampcoach.i18n import N_
from crampcoach.message import Message

if TYPE_CHECKING:
    from crampcoach.coach import Coach
    from crampcoach.core.assessment import FollowUp
    from crampcoach.core.interview import Interview

router = APIRouter(tags=["assess"], responses=PROBLEM_RESPONSES)
INLINE_TEXT = 2_000  # characters: a story up to this long is read without a worker thread

ONE_STORY = N_("give either {text} (the story in words) or {intake} (a structured story)")
NOT_LISTED = N_(
    "{id} is not a question for this story now: answer the ids listed in next_question or "
    "follow_up, in the order they were answered"
)


def reply_words(reply: Reply, question: FollowUp) -> str:
    """A reply of the API as the person would type it: yes, no, '45 s', or as given."""
    if reply is None:
        return ""  # don't know
    if isinstance(reply, bool):
        return "yes" if reply else "no"
    if isinstance(reply, float | int):
        return f"{reply:g} {question.unit}" if question.unit else f"{reply:g}"
    return reply


def listed(session: Interview, question_id: str) -> FollowUp | None:
    """The question `question_id` if a result of the interview now lists it."""
    upcoming = session.next_question()
    candidates = [upcoming] if upcoming is not None else []
    candidates += session.result().follow_up
    return next((q for q in candidates if q.id == question_id), None)


@router.post("/assess", response_model=AssessResult, summary="Assess a cramp story")
async def assess(request: AssessRequest, coach: CoachDep, response: Response) -> AssessResult:
    """Triage (red flags first), likely causes, relief and prevention for a story.

    Not a diagnosis: the result's `note` says so. Give `text` (the story in words) or
    `intake`; `answers` holds the replies to the questions earlier results listed.
    """
    # An intake or a short story is answered here, on the event loop: the work is a
    # fraction of a millisecond to a few, less than a hop to a worker thread and back costs
    # in all. A long story, or one to save in the diary (a database write), runs on a
    # worker thread, so that it does not hold up other requests; in one hop, as a
    # plain-function route would take a second for its response's check.
    if request.save or (request.text is not None and len(request.text) > INLINE_TEXT):
        result = await run_in_threadpool(assessed, request, coach)
    else:
        result = assessed(request, coach)
    response.headers["Content-Language"] = result.lang  # a story's own, when none was asked
    return result


def assessed(request: AssessRequest, coach: Coach) -> AssessResult:
    """The response to `request`: the story read, the answers put, the result viewed."""
    from crampcoach.contract import story_parts
    from crampcoach.core.replies import ReplyError
    from crampcoach.views import assessment_fields, follow_up_view

    if (request.text is None) == (request.intake is None):
        message = Message(ONE_STORY, {"text": "text", "intake": "intake"})
        raise ProblemError(INVALID_INPUT, message, [("text", message), ("intake", message)])
    story = None
    if request.text is not None:
        try:
            story = coach.read_usable_story(request.text)
        except InputError as exc:
            raise ProblemError.of(exc, "text") from exc
        intake = story.intake
        coach = coach.answering(story)  # the story's language, unless the server has one
    else:
        assert request.intake is not None
        intake = request.intake
    session = coach.interview(intake)
    for question_id, reply in request.answers.items():
        where = f"answers.{question_id}"
        question = listed(session, question_id)
        if question is None:
            message = Message(NOT_LISTED, {"id": question_id})
            raise ProblemError(INVALID_INPUT, message, [(where, message)])
        try:
            session.answer(question, reply_words(reply, question))
        except ReplyError as exc:
            raise ProblemError.of(exc, where) from exc
    result = session.result()
    if request.save:
        coach.save_assessment(session.intake, result)
    record = assessment_fields(result, coach.kb, coach.text)
    if story is not None:
        record.update(story_parts(story, coach.text))
    upcoming = session.next_question()
    return AssessResult.model_validate(
        {
            **record,
            "next_question": follow_up_view(upcoming, coach.kb, coach.text) if upcoming else None,
            "asked": [question.id for question in session.asked],
        }
    )
