"""Plan a session, and work out a sweat rate (kept in the profile, for the plans).

Each form is POSTed, checked by the Coach (a bad value names its field and keeps what was
typed), kept under an id and shown by a GET of that id (POST-redirect-GET).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter

from crampcoach.core.plan import PlanInputError
from crampcoach.fact_words import CHOICE_LABELS
from crampcoach.i18n import N_
from crampcoach.message import Message
from crampcoach.plan_words import plan_rows, profile_notes, sweat_rows
from crampcoach.views import rendered
from crampcoach.web.errors import PageRoute, unavailable
from crampcoach.web.forecast_drawing import gauge, reliability, scatter
from crampcoach.web.pages import FormDep, Page, PageDep, text_field

if TYPE_CHECKING:
    from fastapi.responses import Response
    from starlette.datastructures import FormData

router = APIRouter(route_class=PageRoute, include_in_schema=False)

PLAN_FIELDS = ("sport", "duration", "temperature", "humidity", "water_temperature", "intensity")
SWEAT_FIELDS = ("before", "after", "drank", "urine", "duration", "sweat")
INTENSITIES = ("easy", "usual", "hard", "race")
SALTINESS = {"low": N_("low"), "typical": N_("typical"), "high": N_("high")}
GONE = N_("This result is no longer here")
GONE_DETAIL = N_("Results are kept only for a while. Please fill in the form again.")
FIELD_PROBLEM = N_("{field}: {problem}")
SAVED_PLAN = N_("Saved in your diary.")
SAVED_SWEAT = N_("Saved to your profile; your plans will use it.")


def _values(form: FormData, names: tuple[str, ...]) -> dict[str, str]:
    return {name: text_field(form, name, 40) for name in names}


def sports(page: Page) -> list[tuple[str, str]]:
    rules = page.coach.knowledge.plan_rules
    return [(sport_id, page.t(rule.label)) for sport_id, rule in rules.sports.items()]


def plan_form(
    page: Page,
    values: dict[str, Any],
    status: int = 200,
    error: str | None = None,
    field: str | None = None,
) -> Response:
    return page.render(
        "plans/plan_form.html",
        status,
        values=values,
        sports=sports(page),
        intensities=[(i, page.t(CHOICE_LABELS[i])) for i in INTENSITIES],
        error=error,
        field=field,
    )


def make_plan(page: Page, values: dict[str, Any]) -> tuple[Any, list[str]]:
    """The plan the form's values ask for, and the profile's fields it used."""
    given: dict[str, Any] = {
        "sport": values["sport"] or "other",
        "duration": values["duration"],
        "temperature": values["temperature"] or None,  # a swim does without
        "humidity": values["humidity"] or None,
        "water_temperature": values["water_temperature"] or None,
        "intensity": values["intensity"] or "usual",
        "sweat_rate": None,
        "body_mass": None,
        "cramp_history": True if values["cramp_history"] else None,
        "sodium": None,
        "sweat": None,
    }
    used: list[str] = []
    if values["use_profile"]:
        given, used = page.coach.plan_options(given)
    made = page.coach.plan(
        given.pop("sport"),
        given.pop("duration"),
        given.pop("temperature"),
        **given,
    )
    return made, used


def problem_words(page: Page, exc: PlanInputError, labels: dict[str, str]) -> str:
    field = page.t(labels[exc.field]) if exc.field in labels else exc.field
    return page.t(FIELD_PROBLEM, field=field, problem=exc.detail.words(page.t))


PLAN_LABELS = {
    "sport": N_("Sport"),
    "duration": N_("How long"),
    "temperature": N_("Air temperature"),
    "humidity": N_("Humidity (%)"),
    "water_temperature": N_("Water temperature"),
    "intensity": N_("Effort"),
}
SWEAT_LABELS = {
    "before": N_("Body mass before"),
    "after": N_("Body mass after"),
    "drank": N_("Drunk during it"),
    "urine": N_("Urine passed during it"),
    "duration": N_("How long"),
    "sweat": N_("How salty is your sweat?"),
}


@router.get("/plan")
def plan_page(page: PageDep) -> Response:
    values: dict[str, Any] = dict.fromkeys(PLAN_FIELDS, "")
    values.update(
        intensity="usual", sport="running", use_profile=True, cramp_history=False, save=False
    )
    return plan_form(page, values)


@router.post("/plan")
def plan_post(page: PageDep, form: FormDep) -> Response:
    values: dict[str, Any] = _values(form, PLAN_FIELDS)
    values.update(
        use_profile=bool(form.get("use_profile")),
        cramp_history=bool(form.get("cramp_history")),
        save=bool(form.get("save")),
    )
    try:
        made, _ = make_plan(page, values)
    except PlanInputError as exc:
        return plan_form(page, values, 422, problem_words(page, exc, PLAN_LABELS), exc.field)
    if values["save"]:
        page.coach.save_plan(made)
    return page.redirect(f"/plan/{page.site.results.add(('plan', values))}")


@router.get("/plan/{plan_id}")
def plan_result(plan_id: str, page: PageDep) -> Response:
    kept = page.site.results.get(plan_id)
    if not (isinstance(kept, tuple) and kept[0] == "plan"):
        raise unavailable(GONE, Message(GONE_DETAIL))
    values = kept[1]
    made, used = make_plan(page, values)
    profile = page.coach.load_profile() if used else None
    notes = profile_notes(used, profile, page.t) if profile is not None else []
    data = rendered(made, page.t, page.coach.factor_labels())
    sections = [
        (page.t(N_("Warm-up")), data["warmup"]["items"]),
        (page.t(N_("Cold and heat")), data["conditions"]),
        (page.t(N_("Pacing")), data["pacing"]),
        (page.t(N_("Fluid")), data["fluid"]["items"]),
        (page.t(N_("Sodium")), data["sodium"]["items"]),
        (page.t(N_("If a cramp strikes (on land)")), data["if_cramp"]["land"]),
        (page.t(N_("If a cramp strikes (in the water)")), data["if_cramp"]["water"]),
    ]
    citations = page.coach.knowledge.citations
    cited = dict.fromkeys(s for _, items in sections for item in items for s in item["sources"])
    forecast = made.forecast
    return page.render(
        "plans/plan.html",
        forecast=forecast.risk if forecast else None,
        words=data["forecast"]["words"] if forecast else None,
        gauge=gauge(forecast) if forecast else None,
        scatter=scatter(forecast, made.session) if forecast else None,
        rows=plan_rows(made, page.t),
        notes=notes,
        sections=[(title, items) for title, items in sections if items],
        disclaimer=data["disclaimer"],
        saved=values["save"],
        saved_words=page.t(SAVED_PLAN),
        sources=[(s, citations.get(s, "")) for s in cited],
    )


@router.get("/forecast")
def forecast_report(page: PageDep) -> Response:
    """How well the forecast does on the diary: scores, reliability plot and table."""
    from crampcoach.forecast_words import report_words

    report = page.coach.forecast_report()
    return page.render(
        "plans/forecast_report.html",
        report=report,
        words=report_words(report, page.t),
        plot=reliability(report),
    )


def sweat_form(
    page: Page,
    values: dict[str, Any],
    status: int = 200,
    error: str | None = None,
    field: str | None = None,
) -> Response:
    return page.render(
        "plans/sweat_form.html",
        status,
        values=values,
        saltiness=[(key, page.t(label)) for key, label in SALTINESS.items()],
        error=error,
        field=field,
    )


def sweat_result_of(page: Page, values: dict[str, Any]) -> Any:
    return page.coach.sweat_rate(
        values["before"],
        values["after"],
        values["drank"],
        values["duration"],
        values["urine"] or 0.0,
        sweat=values["sweat"] or None,
    )


@router.get("/sweat-rate")
def sweat_page(page: PageDep) -> Response:
    values: dict[str, Any] = dict.fromkeys(SWEAT_FIELDS, "")
    values["save"] = True
    return sweat_form(page, values)


@router.post("/sweat-rate")
def sweat_post(page: PageDep, form: FormDep) -> Response:
    values: dict[str, Any] = _values(form, SWEAT_FIELDS)
    values["save"] = bool(form.get("save"))
    if values["sweat"] not in SALTINESS:
        values["sweat"] = ""
    try:
        result = sweat_result_of(page, values)
    except PlanInputError as exc:
        return sweat_form(page, values, 422, problem_words(page, exc, SWEAT_LABELS), exc.field)
    if values["save"]:
        page.coach.save_sweat_test(result)
    return page.redirect(f"/sweat-rate/{page.site.results.add(('sweat', values))}")


@router.get("/sweat-rate/{result_id}")
def sweat_result(result_id: str, page: PageDep) -> Response:
    kept = page.site.results.get(result_id)
    if not (isinstance(kept, tuple) and kept[0] == "sweat"):
        raise unavailable(GONE, Message(GONE_DETAIL))
    values = kept[1]
    result = sweat_result_of(page, values)
    data = rendered(result, page.t)
    return page.render(
        "plans/sweat.html",
        rows=sweat_rows(result, page.t),
        reading=data["reading"],
        disclaimer=data["disclaimer"],
        saved=values["save"],
        saved_words=page.t(SAVED_SWEAT),
    )
