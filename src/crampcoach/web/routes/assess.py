"""Tell your story → "I understood" → one question at a time → the result.

A story becomes a draft (`Draft`) kept under a random id; each step is a GET of that id,
and each form a POST that changes the draft and redirects (POST-redirect-GET). The
follow-up loop is the CLI's: `Coach.resume_interview` replays the answers given so far on
the (corrected) story and names the question to put next.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter

from crampcoach.core.replies import ReplyError
from crampcoach.core.story import Fact, ParsedStory, intake_from_facts
from crampcoach.errors import InputError
from crampcoach.i18n import N_
from crampcoach.knowledge.intake import Intake
from crampcoach.message import Message
from crampcoach.web.errors import PageRoute, unavailable
from crampcoach.web.facts import corrected_facts, fact_rows
from crampcoach.web.pages import DIARY_PAGES, FormDep, Page, PageDep, text_field
from crampcoach.web.question import question_form, reply_of
from crampcoach.web.result import banner_context, result_context

if TYPE_CHECKING:
    from fastapi.responses import Response

    from crampcoach.core.interview import Interview

router = APIRouter(route_class=PageRoute, include_in_schema=False)

MAX_STORY = 20_000  # characters of a story told on a page
GONE = N_("This assessment is no longer here")
GONE_DETAIL = N_(
    "The server keeps an assessment in progress only for a while (and forgets it when it "
    "restarts). Please tell your story again."
)
EMPTY_STORY = N_("Please tell me what happened, or answer questions instead.")
URGENT = "emergency"  # from this level on, every step of the flow leads with the banner


@dataclass
class Draft:
    """An assessment in progress: the story, its facts as corrected, the answers so far."""

    text: str
    story: ParsedStory | None
    facts: list[Fact]
    intake: Intake
    answers: list[tuple[str, str]] = field(default_factory=list)
    finished: bool = False  # the person asked for the result before the questions ended
    corrected: bool = False


def draft_of(page: Page, draft_id: str) -> Draft:
    draft = page.site.drafts.get(draft_id)
    if not isinstance(draft, Draft):
        raise unavailable(GONE, Message(GONE_DETAIL))
    return draft


def interview_of(page: Page, draft: Draft) -> Interview:
    """The draft's interview with its answers put again (those that no longer fit dropped)."""
    session, kept = page.coach.resume_interview(draft.intake, draft.answers)
    draft.answers = kept
    return session


def urgent(page: Page, session: Interview) -> bool:
    kb = page.coach.kb
    return kb.triage_rank(session.result().triage.level) >= kb.triage_rank(URGENT)


def step_view(page: Page, session: Interview) -> dict[str, Any]:
    """The result so far, for the banner a step leads with when it is urgent."""
    view = page.coach.view(session.result())
    return {"view": view, **banner_context(page, view)}


@router.get("/assess")
def story_form(page: PageDep) -> Response:
    return page.render("assess/story.html", story="", error=None)


@router.post("/assess")
def tell_story(page: PageDep, form: FormDep) -> Response:
    """A story in words (or none: questions instead) becomes a draft."""
    text = text_field(form, "story", MAX_STORY)
    if form.get("action") == "questions":
        draft = Draft(text="", story=None, facts=[], intake=Intake())
        return page.redirect(f"/assess/{page.site.drafts.add(draft)}/question")
    if not text:
        return page.render("assess/story.html", 422, story=text, error=page.t(EMPTY_STORY))
    try:
        story = page.coach.read_usable_story(text)
    except InputError as exc:
        return page.render("assess/story.html", 422, story=text, error=exc.words(page.t))
    draft = Draft(text=text, story=story, facts=list(story.facts), intake=story.intake)
    return page.redirect(f"/assess/{page.site.drafts.add(draft)}")


def understood(
    page: Page, draft_id: str, draft: Draft, status: int = 200, error: str | None = None
) -> Response:
    session = interview_of(page, draft)
    view = page.coach.view(session.result())
    story = draft.story
    return page.render(
        "assess/understood.html",
        status,
        draft_id=draft_id,
        draft=draft,
        rows=fact_rows(draft.facts, page.coach),
        history=fact_rows(story.history, page.coach) if story else [],
        notices=[notice.words(page.t) for notice in story.notices] if story else [],
        view=view,
        urgent=urgent(page, session),
        error=error,
        **banner_context(page, view),
        updated=page.request.query_params.get("updated") == "1",
    )


@router.get("/assess/{draft_id}")
def facts_page(draft_id: str, page: PageDep) -> Response:
    """What was understood, each fact editable, and the result so far."""
    return understood(page, draft_id, draft_of(page, draft_id))


@router.post("/assess/{draft_id}/facts")
def correct_facts(draft_id: str, page: PageDep, form: FormDep) -> Response:
    """The person's corrections: the facts change, and so does the result."""
    draft = draft_of(page, draft_id)
    try:
        facts = corrected_facts(draft.facts, form, page.coach)
    except InputError as exc:
        return understood(page, draft_id, draft, 422, exc.words(page.t))
    draft.facts = facts
    draft.intake = intake_from_facts(facts)
    draft.corrected = True
    page.site.drafts.put(draft_id, draft)  # kept again: the store may be the database's
    return page.redirect(f"/assess/{draft_id}?updated=1")


@router.get("/assess/{draft_id}/question")
def question_page(draft_id: str, page: PageDep) -> Response:
    """The next question, one at a time; the result once none is left."""
    draft = draft_of(page, draft_id)
    session = interview_of(page, draft)
    question = None if draft.finished else session.next_question()
    if question is None:
        return page.redirect(f"/assess/{draft_id}/result")
    return page.render(
        "assess/question.html",
        draft_id=draft_id,
        number=len(session.asked) + 1,
        question=question_form(question, page.coach),
        urgent=urgent(page, session),
        error=None,
        typed="",
        **step_view(page, session),
    )


@router.post("/assess/{draft_id}/answer")
def answer(draft_id: str, page: PageDep, form: FormDep) -> Response:
    """An answer to the question on show: the next question, or why the answer does not fit."""
    draft = draft_of(page, draft_id)
    if form.get("action") == "finish":
        draft.finished = True
        page.site.drafts.put(draft_id, draft)
        return page.redirect(f"/assess/{draft_id}/result")
    session = interview_of(page, draft)
    question = session.next_question()
    question_id = text_field(form, "question", 60)
    if question is None or question.id != question_id:
        return page.redirect(f"/assess/{draft_id}/question")  # answered in another tab
    reply = reply_of(question, form)
    try:
        session.answer(question, reply)
    except ReplyError as exc:
        return page.render(
            "assess/question.html",
            422,
            draft_id=draft_id,
            number=len(session.asked) + 1,
            question=question_form(question, page.coach),
            urgent=urgent(page, session),
            error=exc.words(page.t),
            typed=reply,
            **step_view(page, session),
        )
    draft.answers.append((question.id, reply))
    page.site.drafts.put(draft_id, draft)
    return page.redirect(f"/assess/{draft_id}/question")


@router.get("/assess/{draft_id}/result")
def result_page(draft_id: str, page: PageDep) -> Response:
    """The result: triage first, then factors, relief, prevention, the note."""
    draft = draft_of(page, draft_id)
    session = interview_of(page, draft)
    more = session.next_question() is not None
    return page.render(
        "assess/result.html",
        draft_id=draft_id,
        more=more,
        saved=page.request.query_params.get("saved") == "1",
        **result_context(page, session.result()),
    )


@router.post("/assess/{draft_id}/more")
def more_questions(draft_id: str, page: PageDep, form: FormDep) -> Response:
    """Back to the questions after asking for the result early."""
    draft = draft_of(page, draft_id)
    draft.finished = False
    page.site.drafts.put(draft_id, draft)
    return page.redirect(f"/assess/{draft_id}/question")


@router.post("/assess/{draft_id}/save", dependencies=DIARY_PAGES)
def save(draft_id: str, page: PageDep, form: FormDep) -> Response:
    """Keep the story's intake and its result in the diary."""
    draft = draft_of(page, draft_id)
    session = interview_of(page, draft)
    page.coach.save_assessment(session.intake, session.result())
    return page.redirect(f"/assess/{draft_id}/result?saved=1")
