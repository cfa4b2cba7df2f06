"""Relief for a cramping muscle, step by step, each step drawn; hands-free with a timer.

The steps are the knowledge base's (muscles.yaml) in the page's language. Without
JavaScript they are a numbered list; with it (static/relief.js) the page reads each step
aloud (speechSynthesis, in the page's language), counts each hold with a visible timer
and vibrates when a hold ends. The service worker keeps these pages for offline use.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from fastapi import APIRouter

from crampcoach.errors import InputError
from crampcoach.i18n import N_
from crampcoach.knowledge.schema import EVIDENCE_NAME
from crampcoach.web.drawings import ALT, step_drawing
from crampcoach.web.errors import PageRoute
from crampcoach.web.pages import PageDep, PageError

if TYPE_CHECKING:
    from fastapi.responses import Response

router = APIRouter(route_class=PageRoute, include_in_schema=False)
UNKNOWN_MUSCLE = N_("No relief page for this muscle")


@dataclass(frozen=True)
class ReliefStep:
    number: int
    text: str
    hold_s: int | None
    repeat: int | None
    evidence: str
    drawing: str | None
    alt: str


@router.get("/relief")
def muscles(page: PageDep) -> Response:
    """Which muscle is cramping: one button each."""
    kb = page.coach.kb
    choices = [
        (muscle.id, page.t(muscle.label), step_drawing(muscle.id, 1))
        for muscle in kb.muscles.values()
    ]
    return page.render("relief/index.html", muscles=choices, alt=ALT)


@router.get("/relief/{muscle}")
def relief(muscle: str, page: PageDep) -> Response:
    """The steps for one muscle, with drawings, timers, what to avoid and when to get help."""
    try:
        found = page.coach.relief(muscle[:40])
    except InputError as exc:
        raise PageError(404, UNKNOWN_MUSCLE, exc.message) from exc
    if found.id != muscle:
        return page.redirect(f"/relief/{found.id}")
    entry = page.coach.explain(found.id)
    steps = []
    for number, step in enumerate(entry["steps"]):
        drawing = step_drawing(found.id, number)
        steps.append(
            ReliefStep(
                number=number + 1,
                text=step["text"],
                hold_s=step.get("hold_s"),
                repeat=step.get("repeat"),
                evidence=page.t(EVIDENCE_NAME[step["evidence"]]),
                drawing=drawing,
                alt=page.t(ALT[drawing]) if drawing else "",
            )
        )
    sources = [(source["id"], source["citation"]) for source in entry["sources"]]
    return page.render("relief/muscle.html", entry=entry, steps=steps, sources=sources)
