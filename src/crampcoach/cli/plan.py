"""`crampcoach sweat-rate` and `crampcoach plan`: measure sweating, then plan a session.

Thin: read options (or ask for what is missing when run in a terminal), call the Coach,
print Rich text or JSON. The measured sweat rate and sodium are kept in the profile (in
the diary) and reused by `plan`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from crampcoach.cli.context import coach_of, translator
from crampcoach.cli.errors import err_console, fail
from crampcoach.cli.line_breaks import ProseConsole
from crampcoach.errors import CrampcoachError
from crampcoach.i18n import N_

if TYPE_CHECKING:
    from crampcoach.coach import Coach
    from crampcoach.core.plan import PlanInputError
    from crampcoach.core.profile import Profile


MAX_TRIES = 3
NEEDED = N_("This one is needed.")  # a constant: the extractor does not look inside f-strings


def _stdin_is_terminal() -> bool:
    """Whether a person is at the keyboard (tests replace this)."""
    return sys.stdin.isatty()


def _option(field: str) -> str:
    return "--" + field.replace("_", "-")


def _bad_input(exc: PlanInputError) -> NoReturn:
    fail(N_("{where}: {problem}"), where=_option(exc.field), problem=exc.detail)


def _ask_quantity(
    console: Console,
    question: str,
    field: str,
    kind: str,
    default: str | None = None,
    *,
    required: bool = False,
) -> str | None:
    """Ask until the answer reads as `kind` (Enter keeps `default`, or skips if not required)."""
    from rich.prompt import Prompt

    from crampcoach.core.plan import PlanInputError
    from crampcoach.core.plan_inputs import read_quantity

    for _ in range(MAX_TRIES):
        answer = Prompt.ask(
            question, console=console, default=default or "", show_default=bool(default)
        ).strip()
        if not answer and required and default is None:
            console.print(f"[red]{escape(translator()(NEEDED))}[/]")
            continue
        if not answer:
            return default
        try:
            read_quantity(field, answer, kind)
        except PlanInputError as exc:
            console.print(f"[red]{escape(exc.detail.words(translator()))}[/]")
            continue
        return answer
    fail(
        N_("{option}: no usable answer after {tries} tries"), option=_option(field), tries=MAX_TRIES
    )


def _missing(values: Mapping[str, object]) -> list[str]:
    return [_option(name) for name, value in values.items() if value is None]


def _print_json(data: dict[str, Any]) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def sweat_rate_command(
    ctx: typer.Context,
    before: str | None = typer.Option(None, "--before", help="Body mass before, e.g. 70kg."),
    after: str | None = typer.Option(None, "--after", help="Body mass after, e.g. 68.5kg."),
    drank: str | None = typer.Option(None, "--drank", help="Drunk during it, e.g. 1L, 750ml."),
    urine: str | None = typer.Option(None, "--urine", help="Urine passed during it (default 0)."),
    duration: str | None = typer.Option(None, "--duration", help="How long, e.g. 2h or 90min."),
    sodium: str | None = typer.Option(
        None, "--sodium", help="Measured sweat sodium, e.g. 900mg/L or 40mmol/L."
    ),
    sweat: str | None = typer.Option(
        None, "--sweat", help="Or how salty your sweat is: low, typical or high."
    ),
    save: bool | None = typer.Option(
        None,
        "--save/--no-save",
        help="Keep the result in your profile (default: yes in a terminal, no otherwise).",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Work out your sweat rate from body mass before and after a session."""
    from rich.prompt import Prompt

    from crampcoach.cli.plan_screens import sweat_view
    from crampcoach.core.plan import PlanInputError
    from crampcoach.views import rendered

    t = translator()
    console = ProseConsole(highlight=False)
    terminal = _stdin_is_terminal()
    required = {"before": before, "after": after, "drank": drank, "duration": duration}
    if terminal and not as_json and _missing(required):
        console.print(t(N_("Weigh yourself before and after, in the same dry, minimal clothing.")))
        asks = [
            ("before", N_("Body mass before (e.g. 70kg)"), "mass", None),
            ("after", N_("Body mass after (e.g. 68.5kg)"), "mass", None),
            ("drank", N_("Drunk during it (e.g. 0.75L)"), "volume", None),
            ("urine", N_("Urine passed during it"), "volume", "0L"),
            ("duration", N_("How long (e.g. 2h, 90min)"), "duration", None),
        ]
        given = {"before": before, "after": after, "drank": drank, "urine": urine}
        given["duration"] = duration
        for field, question, kind, default in asks:
            if given[field] is None:
                given[field] = _ask_quantity(
                    console, t(question), field, kind, default, required=default is None
                )
        before, after, drank = given["before"], given["after"], given["drank"]
        urine, duration = given["urine"], given["duration"]
        if sodium is None and sweat is None:
            answer = Prompt.ask(
                t(N_("How salty is your sweat?")),
                console=console,
                choices=["low", "typical", "high", "skip"],
                default="skip",
            )
            sweat = None if answer == "skip" else answer
    missing = _missing({"before": before, "after": after, "drank": drank, "duration": duration})
    if missing:
        fail(
            N_("missing {options}: give the option (or run in a terminal to be asked)"),
            options=", ".join(missing),
        )
    try:
        result = coach_of(ctx).sweat_rate(
            before, after, drank, duration, urine or 0.0, sodium=sodium, sweat=sweat
        )
    except PlanInputError as exc:
        _bad_input(exc)
    note = None
    should_save = save if save is not None else (terminal and not as_json)
    if should_save:
        try:
            coach_of(ctx).save_sweat_test(result)
        except CrampcoachError as exc:
            fail(exc)
        note = t(N_("Saved to your profile in the diary; `crampcoach plan` will use it."))
    if as_json:
        _print_json(rendered(result, t))
        if note:
            err_console.print(note)
        return
    console.print(sweat_view(result, [note] if note else [], t))


def _load_profile(coach: Coach) -> Profile:
    from crampcoach.core.profile import Profile

    try:
        return coach.load_profile()
    except CrampcoachError as exc:
        warning = translator()(
            N_("Warning: {problem} The plan is made without it."), problem=exc.words(translator())
        )
        err_console.print(f"[yellow]{escape(warning)}[/]")
        return Profile()


def _only_in_water(coach: Coach, sport: str | None) -> bool:
    """Whether `sport` is only in the water (a swim), where the air temperature is not
    needed; False for a sport not given or not known (its error comes later)."""
    from crampcoach.core.plan import PlanInputError, find_sport

    if sport is None:
        return False
    rules = coach.knowledge.plan_rules
    try:
        return rules.sports[find_sport(rules, sport)].only_in_water
    except PlanInputError:
        return False


def _needed(coach: Coach, values: Mapping[str, object], *, asking: bool = False) -> list[str]:
    """The options a plan cannot do without that are missing: the air temperature is not
    needed for a swim. `asking` (in a terminal): a swim's water temperature is asked for."""
    sport = values["sport"]
    swim = _only_in_water(coach, None if sport is None else str(sport))
    needed = ["sport", "duration"]
    if not swim:
        needed.append("temperature")
    elif asking:
        needed.append("water_temperature")
    return _missing({key: values[key] for key in needed})


def _interview(coach: Coach, console: Console, values: dict[str, Any]) -> dict[str, Any]:
    """Ask in a terminal for what the options and the profile did not give; for a swim,
    the water temperature instead of the air's."""
    from rich.prompt import Confirm, Prompt

    from crampcoach.core.plan import PlanInputError, find_sport

    t = translator()
    rules = coach.knowledge.plan_rules
    if values["sport"] is None:
        for _ in range(MAX_TRIES):
            answer = Prompt.ask(
                t(N_("Sport ({sports})"), sports=", ".join(rules.sports)), console=console
            )
            try:
                values["sport"] = find_sport(rules, answer)
                break
            except PlanInputError as exc:
                console.print(f"[red]{escape(exc.detail.words(translator()))}[/]")
        else:
            fail(
                N_("{option}: no usable answer after {tries} tries"),
                option="--sport",
                tries=MAX_TRIES,
            )
    sport = rules.sports[find_sport(rules, values["sport"])]
    swim = sport.only_in_water
    required = {"duration", "water_temperature" if swim else "temperature"}
    water_question = (
        N_("Water temperature (e.g. 16C)")
        if swim
        else N_("Water temperature (e.g. 14C; Enter to skip)")
    )
    asks: list[tuple[str, str, str, Callable[[], bool]]] = [
        ("duration", N_("How long (e.g. 3h, 90min)"), "duration", lambda: True),
        ("temperature", N_("Air temperature (e.g. 30C, 86F)"), "temperature", lambda: not swim),
        ("humidity", N_("Humidity (e.g. 60%; Enter to skip)"), "percent", lambda: not swim),
        ("water_temperature", water_question, "temperature", lambda: sport.in_water),
        ("body_mass", N_("Body mass (e.g. 70kg; Enter to skip)"), "mass", lambda: True),
    ]
    for field, question, kind, relevant in asks:
        if values[field] is None and relevant():
            values[field] = _ask_quantity(
                console, t(question), field, kind, required=field in required
            )
    if values["intensity"] is None:
        values["intensity"] = Prompt.ask(
            t(N_("Effort")),
            console=console,
            choices=["easy", "usual", "hard", "race"],
            default="usual",
        )
    if values["cramp_history"] is None and not coach.sessions():  # else the diary answers
        values["cramp_history"] = Confirm.ask(
            t(N_("Have you had cramps in sessions like this before?")),
            console=console,
            default=False,
        )
    return values


def plan_command(
    ctx: typer.Context,
    sport: str | None = typer.Option(None, "--sport", help="running, cycling, swimming, ..."),
    duration: str | None = typer.Option(None, "--duration", help="How long, e.g. 3h or 90min."),
    temperature: str | None = typer.Option(
        None, "--temperature", help="Air temperature, e.g. 30C or 86F (a swim does without)."
    ),
    humidity: str | None = typer.Option(None, "--humidity", help="Relative humidity, e.g. 60%."),
    water_temperature: str | None = typer.Option(
        None, "--water-temperature", help="Water temperature for swimming, e.g. 14C."
    ),
    intensity: str | None = typer.Option(
        None, "--intensity", help="easy, usual, hard or race (default usual)."
    ),
    sweat_rate_option: str | None = typer.Option(
        None, "--sweat-rate", help="Your measured sweat rate, e.g. 1.6L/h (default: profile)."
    ),
    body_mass: str | None = typer.Option(None, "--body-mass", help="Body mass, e.g. 70kg."),
    cramp_history: bool | None = typer.Option(
        None, "--cramp-history/--no-cramp-history", help="You have cramped in such sessions."
    ),
    sodium: str | None = typer.Option(
        None, "--sodium", help="Measured sweat sodium, e.g. 900mg/L."
    ),
    sweat: str | None = typer.Option(
        None, "--sweat", help="Or sweat saltiness: low, typical, high."
    ),
    use_profile: bool = typer.Option(
        True, "--profile/--no-profile", help="Fill gaps from your saved profile."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the plan as JSON."),
    save: bool = typer.Option(False, "--save", help="Keep this plan in your diary."),
) -> None:
    """Plan a session: warm-up, cold and heat, pacing, fluid, sodium, and cramp first aid."""
    from crampcoach.cli.plan_screens import plan_view
    from crampcoach.core.plan import PlanInputError
    from crampcoach.core.profile import Profile
    from crampcoach.plan_words import profile_notes
    from crampcoach.views import rendered

    t = translator()
    console = ProseConsole(highlight=False)
    coach = coach_of(ctx)
    profile = _load_profile(coach) if use_profile else Profile()
    given = {
        "sweat_rate": sweat_rate_option,
        "sodium": sodium,
        "sweat": sweat,
        "body_mass": body_mass,
        "cramp_history": cramp_history,
    }
    filled, used = coach.plan_options(given, profile)
    sweat_rate_option, sodium = filled["sweat_rate"], filled["sodium"]
    body_mass, cramp_history = filled["body_mass"], filled["cramp_history"]
    notes = profile_notes(used, profile, t)
    values: dict[str, Any] = {
        "sport": sport,
        "duration": duration,
        "temperature": temperature,
        "humidity": humidity,
        "water_temperature": water_temperature,
        "intensity": intensity,
        "body_mass": body_mass,
        "cramp_history": cramp_history,
    }
    if _stdin_is_terminal() and not as_json and _needed(coach, values, asking=True):
        values = _interview(coach, console, values)
    missing = _needed(coach, values)
    if missing:
        fail(
            N_("missing {options}: give the option (or run in a terminal to be asked)"),
            options=", ".join(missing),
        )
    try:
        plan = coach.plan(
            values["sport"],
            values["duration"],
            values["temperature"],
            humidity=values["humidity"],
            water_temperature=values["water_temperature"],
            intensity=values["intensity"] or "usual",
            sweat_rate=sweat_rate_option,
            body_mass=values["body_mass"],
            cramp_history=values["cramp_history"],
            sodium=sodium,
            sweat=sweat,
        )
    except PlanInputError as exc:
        _bad_input(exc)
    if save:
        try:
            coach.save_plan(plan)
        except CrampcoachError as exc:
            fail(exc)
        notes.append(t(N_("Saved in your diary.")))
    if as_json:
        _print_json({**rendered(plan, t, coach.factor_labels()), "from_profile": used})
        return
    console.print(plan_view(plan, notes, t, coach.factor_labels()))


def register(app: typer.Typer) -> None:
    """Add `sweat-rate` and `plan` to `app`."""
    app.command("sweat-rate")(sweat_rate_command)
    app.command("plan")(plan_command)
