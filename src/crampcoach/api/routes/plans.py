"""`POST /plan`, the forecast report, `POST /sweat-rate`, `GET` and `PUT /profile`: plans,
how well their forecast does, and the person's numbers."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, Body
from fastapi.responses import Response

from crampcoach.api.deps import CoachDep
from crampcoach.api.models.plans import (
    ForecastReportResult,
    PlanRequest,
    PlanResult,
    SweatRateReport,
    SweatRateRequest,
)
from crampcoach.api.problems import PROBLEM_RESPONSES
from crampcoach.api.routes.diary import PLOT_TYPES
from crampcoach.core.profile import Profile

if TYPE_CHECKING:
    from crampcoach.coach import Coach

router = APIRouter(tags=["plans"], responses=PROBLEM_RESPONSES)


def with_profile(request: PlanRequest, coach: Coach) -> tuple[dict[str, Any], list[str]]:
    """The plan's inputs, the profile filling what the request leaves out (as `crampcoach
    plan` does), and the profile's fields used."""
    values = request.model_dump(exclude={"use_profile", "save"})
    if not request.use_profile:
        return values, []
    return coach.plan_options(values)


@router.post("/plan", response_model=PlanResult, summary="Plan a session")
def plan(request: PlanRequest, coach: CoachDep) -> PlanResult:
    """Plan a session: warm-up, cold and heat, pacing, fluid, sodium, and cramp first aid.

    A bad value is a 422 naming its field. Not medical advice: `disclaimer` says so.
    """
    from crampcoach.views import rendered

    values, used = with_profile(request, coach)
    made = coach.plan(
        values.pop("sport"),
        values.pop("duration"),
        values.pop("temperature"),
        **values,
    )
    if request.save:
        coach.save_plan(made)
    return PlanResult.model_validate(
        {**rendered(made, coach.text, coach.factor_labels()), "from_profile": used}
    )


@router.get(
    "/forecast/report", response_model=ForecastReportResult, summary="How well the forecast does"
)
def forecast_report(coach: CoachDep) -> ForecastReportResult:
    """Before each of the diary's latest sessions, the forecast from the sessions before it
    alone, scored against what happened: Brier scores (personal, and the population figure
    alone) and a reliability table. It says nothing until `needed` forecasts exist."""
    from dataclasses import asdict

    from crampcoach.forecast_words import report_words

    report = coach.forecast_report()
    return ForecastReportResult.model_validate(
        {**asdict(report), "words": report_words(report, coach.text)}
    )


@router.get(
    "/forecast/report/plot.{fmt}",
    response_class=Response,
    summary="The forecast's reliability plot",
    responses={200: {"content": {t: {"schema": {"type": "string"}} for t in PLOT_TYPES.values()}}},
)
def forecast_plot(fmt: Literal["png", "svg"], coach: CoachDep) -> Response:
    """The reliability plot of the forecast report, as PNG or SVG."""
    with tempfile.TemporaryDirectory(prefix="crampcoach-plot-") as folder:
        path = Path(folder) / f"forecast.{fmt}"
        coach.forecast_report(plot=path)
        figure = path.read_bytes()
    return Response(figure, media_type=PLOT_TYPES[fmt])


@router.post("/sweat-rate", response_model=SweatRateReport, summary="Work out a sweat rate")
def sweat_rate(request: SweatRateRequest, coach: CoachDep) -> SweatRateReport:
    """Sweat loss and rate from body mass before and after a session (`save` keeps them in
    the profile, for `/plan`). A bad or implausible value is a 422 naming its field."""
    from crampcoach.views import rendered

    result = coach.sweat_rate(
        request.before,
        request.after,
        request.drank,
        request.duration,
        request.urine,
        sodium=request.sodium,
        sweat=request.sweat,
    )
    if request.save:
        coach.save_sweat_test(result)
    return SweatRateReport.model_validate({**rendered(result, coach.text), "saved": request.save})


@router.get("/profile", response_model=Profile, summary="The saved profile")
def get_profile(coach: CoachDep) -> Profile:
    """What crampcoach remembers about the person (every field may be null)."""
    return coach.load_profile()


PROFILE_EXAMPLES = {
    "measured": {
        "summary": "A measured sweat test",
        "value": {"body_mass_kg": 64.5, "sweat_rate_l_per_h": 0.9, "cramp_history": True},
    }
}


@router.put("/profile", response_model=Profile, summary="Replace the profile")
def put_profile(
    profile: Annotated[Profile, Body(openapi_examples=PROFILE_EXAMPLES)], coach: CoachDep
) -> Profile:
    """Replace the saved profile (a field left out is cleared); `updated` is set to now."""
    saved = profile.model_copy(update={"updated": datetime.now(UTC)})
    coach.save_profile(saved)
    return coach.load_profile()
