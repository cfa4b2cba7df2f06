"""The knowledge, readable: `GET /explain/{id}`, `GET /relief/{muscle}`, `POST /ask`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from crampcoach.api.deps import CoachDep
from crampcoach.api.models.knowledge import AnswerResult, AskRequest, ExplainResult, ReliefResult
from crampcoach.api.problems import NOT_FOUND, PROBLEM_RESPONSES, ProblemError
from crampcoach.errors import InputError
from crampcoach.i18n import N_

router = APIRouter(tags=["knowledge"], responses=PROBLEM_RESPONSES)


@router.get("/explain/{id}", response_model=ExplainResult, summary="Explain an id")
def explain(
    id: Annotated[
        str,
        Path(
            max_length=80,
            description="A factor, red flag, muscle or question topic id",
            examples=["deep_vein_thrombosis"],
        ),
    ],
    coach: CoachDep,
) -> ExplainResult:
    """What a factor, red flag, muscle or question topic is, its evidence and its sources.

    An unknown id is a 404 whose detail lists the known ones.
    """
    try:
        data = coach.explain(id)
    except InputError as exc:
        raise ProblemError.of(exc, "id", NOT_FOUND) from exc
    return ExplainResult.model_validate(data)


@router.get("/relief/{muscle}", response_model=ReliefResult, summary="Relief for a muscle")
def relief(
    muscle: Annotated[
        str,
        Path(
            max_length=40,
            description="calf, hamstring, quadriceps, foot or other (or 'calves', 'quads')",
            examples=["calf"],
        ),
    ],
    coach: CoachDep,
) -> ReliefResult:
    """Step-by-step relief for a cramping muscle: each step, what to avoid, when to get help."""
    try:
        found = coach.relief(muscle)
    except InputError as exc:
        raise ProblemError.of(exc, "muscle", NOT_FOUND) from exc
    # The muscle's entry in words, with its sources cited in full.
    return ReliefResult.model_validate(coach.explain(found.id))


# Where an API client tells the whole story, when a question describes a danger sign.
ASSESS_IN_API = N_("Send your whole story to POST /api/v1/assess for more.")


@router.post("/ask", response_model=AnswerResult, summary="Answer a question about cramps")
def ask(request: AskRequest, coach: CoachDep, response: Response) -> AnswerResult:
    """A cited answer to a question about cramps, led by any danger sign the question
    describes; an honest refusal (`topic` null) when it is out of scope."""
    from crampcoach.contract import answer_record, check_question
    from crampcoach.views import WaysIn

    try:
        question = check_question(request.question, "question")
    except InputError as exc:
        raise ProblemError.of(exc, "question") from exc
    ways = WaysIn(ASSESS_IN_API, None)  # the topics: docs/api.md
    answer = AnswerResult.model_validate(answer_record(coach, coach.ask(question), ways))
    response.headers["Content-Language"] = answer.lang  # the question's own, when none was asked
    return answer
