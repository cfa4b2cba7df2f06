"""What the result page and every urgent step show: the triage banner and the rest.

The banner comes first and says what to do now; at an emergency level it also says
plainly to get help now (the brief's "call emergency services now": the local emergency
number, since it differs by country). Then the factors with their evidence grade and
sources, relief for the muscle, what to avoid, prevention, and the "not a diagnosis" note.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crampcoach.i18n import N_

if TYPE_CHECKING:
    from crampcoach.coach import Coach
    from crampcoach.core.assessment import Assessment
    from crampcoach.views import AssessmentView
    from crampcoach.web.pages import Page

# What the banner adds at the two emergency levels: get help now, and how.
GET_HELP = {
    "emergency_ambulance": N_(
        "Call your local emergency number now (emergency services), or ask someone near you "
        "to call."
    ),
    "emergency": N_(
        "Go to an emergency department now. If you cannot get there quickly and safely, call "
        "your local emergency number."
    ),
}
EMERGENCY_LEVELS = frozenset(GET_HELP)


def sources_of(view: AssessmentView, coach: Coach) -> list[tuple[str, str]]:
    """(id, citation) of every source the factors cite, in the order first cited."""
    citations = coach.knowledge.citations
    ids = dict.fromkeys(source for factor in view.factors for source in factor.sources)
    return [(source, citations.get(source, "")) for source in ids]


def result_context(page: Page, result: Assessment) -> dict[str, Any]:
    """The result page's values: the view, the get-help line, the sources cited."""
    view = page.coach.view(result)
    level = view.triage.level
    return {
        "view": view,
        "get_help": page.t(GET_HELP[level]) if level in GET_HELP else None,
        "sources": sources_of(view, page.coach),
        "relief_muscle": view.muscle or "other",
    }


def banner_context(page: Page, view: AssessmentView) -> dict[str, Any]:
    level = view.triage.level
    return {"get_help": page.t(GET_HELP[level]) if level in GET_HELP else None}
