"""Ask a question: a cited answer, led by any danger sign the question describes.

The question is POSTed and kept under an id; the answer is a GET of that id, worked out
in the page's language each time it is shown (so a change of language applies).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter

from crampcoach.contract import MAX_QUESTION, answer_record, check_question
from crampcoach.errors import InputError
from crampcoach.i18n import N_
from crampcoach.knowledge.schema import EVIDENCE_NAME
from crampcoach.message import Message
from crampcoach.views import LEVEL_TITLE, STANCE_NAME, WaysIn, danger_message
from crampcoach.web.errors import PageRoute, unavailable
from crampcoach.web.pages import FormDep, PageDep, text_field
from crampcoach.web.result import GET_HELP

if TYPE_CHECKING:
    from fastapi.responses import Response

router = APIRouter(route_class=PageRoute, include_in_schema=False)
QUESTION_NAME = N_("your question")
# The page's own "Tell me the whole story" button is its way in; the topics are its examples.
WEB_WAYS = WaysIn(assess=None, topics=None)
GONE = N_("This answer is no longer here")
GONE_DETAIL = N_("Answers are kept only for a while. Please ask again.")


@router.get("/ask")
def ask_form(page: PageDep) -> Response:
    topics = [page.t(entry.question) for entry in page.coach.topics()[:6]]
    return page.render(
        "ask/form.html", question="", error=None, examples=topics, limit=MAX_QUESTION
    )


@router.post("/ask")
def ask(page: PageDep, form: FormDep) -> Response:
    typed = text_field(form, "question", MAX_QUESTION + 1)
    try:
        question = check_question(typed, page.t(QUESTION_NAME))
    except InputError as exc:
        topics = [page.t(entry.question) for entry in page.coach.topics()[:6]]
        return page.render(
            "ask/form.html",
            422,
            question=typed,
            error=exc.words(page.t),
            examples=topics,
            limit=MAX_QUESTION,
        )
    return page.redirect(f"/ask/{page.site.results.add(('question', question))}")


@router.get("/ask/{answer_id}")
def answer(answer_id: str, page: PageDep) -> Response:
    kept = page.site.results.get(answer_id)
    if not (isinstance(kept, tuple) and kept[0] == "question"):
        raise unavailable(GONE, Message(GONE_DETAIL))
    question = kept[1]
    found = page.coach.ask(question)
    record = answer_record(page.coach, found, WEB_WAYS)
    danger = record.get("danger_signs")
    level = danger["level"] if danger else None
    citations = record.get("citations", {})
    danger_text = None
    if found.warning is not None:
        danger_text = danger_message(found.warning, page.coach.kb, page.t, WEB_WAYS.assess)
    return page.render(
        "ask/answer.html",
        question=question,
        record=record,
        answer=page.t(found.match.answer),
        danger=danger,
        danger_text=danger_text,
        get_help=page.t(GET_HELP[level]) if level in GET_HELP else None,
        level_title=page.t(LEVEL_TITLE[level]) if level else None,
        stance=page.t(STANCE_NAME[record["stance"]]) if "stance" in record else None,
        evidence=page.t(EVIDENCE_NAME[record["evidence"]]) if "evidence" in record else None,
        sources=[(source, citations.get(source, "")) for source in record["sources"]],
        read_as=record.get("read_as", {}),
    )
