"""`kb check`, `explain ID` and `relief MUSCLE`: the knowledge base, readable."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from crampcoach.cli.context import coach_of
from crampcoach.cli.countdown import Ending, Keys, hold, terminal_keys
from crampcoach.cli.errors import fail
from crampcoach.cli.line_breaks import ProseConsole
from crampcoach.cli.render import bullet_list, note_line, numbered
from crampcoach.errors import InputError, KnowledgeError
from crampcoach.i18n import N_, Translator

if TYPE_CHECKING:
    from crampcoach.knowledge.schema import Step

kb_app = typer.Typer(help="Check the knowledge base.", no_args_is_help=True)

# Tests replace this to run countdowns instantly (without a terminal: cli/countdown.py).
sleep: Callable[[float], None] = time.sleep


@kb_app.command("check")
def kb_check(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print coverage as JSON."),
) -> None:
    """Validate the knowledge files and print their coverage."""
    try:
        coverage = coach_of(ctx).check_knowledge()
    except KnowledgeError as exc:
        fail(N_("knowledge base invalid: {problem}"), code=1, problem=exc)
    if as_json:
        print(json.dumps(coverage, indent=2))
        return
    table = Table(title="Knowledge base: valid", title_justify="left")
    table.add_column("What")
    table.add_column("Covered", justify="right")
    for key, value in coverage["ids"].items():
        table.add_row(key.replace("_", " "), f"{value['covered']}/{value['vocabulary']}")
    table.add_row("findings", str(coverage["findings"]))
    sources = coverage["sources"]
    table.add_row("sources", f"{sources['total']} ({sources['unverified']} unverified)")
    verdicts = ", ".join(f"{k} {v}" for k, v in coverage["seed_statements"]["by_verdict"].items())
    table.add_row("seed statements", f"{coverage['seed_statements']['total']} ({verdicts})")
    grades = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in coverage["factor_evidence"].items())
    table.add_row("factor evidence", grades)
    ProseConsole().print(table)


@kb_app.command("evidence")
def kb_evidence(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print the claims as JSON."),
    markdown: bool = typer.Option(
        False, "--markdown", help="Print the table as Markdown (docs/evidence.md)."
    ),
) -> None:
    """Every claim of the knowledge base with its sources, what they report, and its grade."""
    coach = coach_of(ctx)
    try:
        if markdown:
            print(coach.evidence_markdown(), end="")
            return
        rows = coach.evidence()
    except KnowledgeError as exc:
        fail(N_("knowledge base invalid: {problem}"), code=1, problem=exc)
    if as_json:
        print(json.dumps([row.as_json() for row in rows], indent=2, ensure_ascii=False))
        return
    console, t = ProseConsole(), coach.text
    for row in rows:
        detail = [
            Text(f"“{row.claim}”"),
            Text(row.named_sources() or t(N_("(general advice)")), style="cyan"),
            *(Text(measured) for measured in row.measured_in),
            Text(f"{row.reports} ({row.locator})", style="dim"),
        ]
        heading = f"{row.entry} · {row.field} · {row.grade.replace('_', ' ')}"
        console.print(Text(heading, style="bold"), Padding(Group(*detail), (0, 0, 0, 2)))


# The texts `explain` shows of an entry, with their headings.
EXPLAIN_HEADINGS = {
    "plain": N_("Plain: {text}"),
    "answer": N_("Answer: {text}"),
    "why": N_("Why: {text}"),
    "mechanism": N_("Mechanism: {text}"),
    "who": N_("Who: {text}"),
}


def explain_command(
    ctx: typer.Context,
    concept_id: str = typer.Argument(..., help="A factor, red flag, muscle or question topic id."),
    as_json: bool = typer.Option(False, "--json", help="Print as JSON."),
) -> None:
    """Explain a factor, red flag, muscle or question topic, with its evidence and sources."""
    from crampcoach.knowledge.schema import EVIDENCE_NAME

    coach = coach_of(ctx)
    try:
        data = coach.explain(concept_id)
    except InputError as exc:
        fail(exc)
    if as_json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return
    t = coach.text
    parts: list[Any] = [Text(data.get("label") or data.get("question") or concept_id, style="bold")]
    for key, heading in EXPLAIN_HEADINGS.items():
        if data.get(key):
            parts.append(Text(t(heading, text=data[key])))
    if data.get("evidence"):
        grade = t(EVIDENCE_NAME[data["evidence"]])
        parts.append(
            Text(t(N_("Evidence: {grade} ({scale})"), grade=grade, scale=data["evidence_scale"]))
        )
    if data.get("level"):
        meaning = t(coach.kb.triage_meaning(data["level"]))
        parts.append(Text(t(N_("Triage: {meaning}"), meaning=meaning)))
    if data.get("do_now"):
        parts.append(Text(t(N_("What to do now:")), style="bold"))
        parts.append(numbered(data["do_now"]))
    if data.get("steps"):
        parts.append(numbered([step["text"] for step in data["steps"]]))
    citations = [
        f"[{s['id']}] {s['citation']}" + ("" if s["verified"] else " " + t(N_("(unverified)")))
        for s in data["sources"]
    ]
    if citations:
        parts.append(Text(t(N_("Sources:")), style="bold"))
        parts.append(bullet_list(citations))
    parts.append(note_line(coach.text))
    ProseConsole().print(Group(*parts))


def relief_command(
    ctx: typer.Context,
    muscle_name: str = typer.Argument(..., help="calf, hamstring, quadriceps, foot or other."),
    countdown: bool = typer.Option(
        False,
        "--countdown",
        help="Time each hold on screen (Enter or s: skip, space or p: pause, q: stop).",
    ),
    in_water: bool = typer.Option(False, "--in-water", help="Steps for a cramp while swimming."),
    as_json: bool = typer.Option(False, "--json", help="Print as JSON."),
) -> None:
    """Step-by-step relief for a cramping muscle, with an optional countdown for each hold."""
    from crampcoach.core.assessment import NOT_A_DIAGNOSIS

    coach = coach_of(ctx)
    t = coach.text
    try:
        muscle = coach.relief(muscle_name)
    except InputError as exc:
        fail(exc)
    if as_json:
        data = {**muscle.model_dump(mode="json"), "note": t(NOT_A_DIAGNOSIS)}
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return
    console = ProseConsole()
    console.print(Text(t(N_("Relief: {muscle}"), muscle=t(muscle.label)), style="bold"))
    if in_water and muscle.in_water:
        console.print(Text(t(N_("In the water")), style="bold"))
        console.print(numbered(t.all(muscle.in_water)))
    if countdown:
        with terminal_keys(time.monotonic, sleep) as keys:
            _timed_steps(console, muscle.steps, keys, t)
    else:
        for i, step in enumerate(muscle.steps, 1):
            console.print(numbered([t(step.text)], start=i))
    console.print(Text(t(N_("Avoid")), style="bold"))
    console.print(bullet_list(t.all(muscle.avoid)))
    console.print(Text(t(N_("Get help")), style="bold"))
    console.print(bullet_list(t.all(muscle.get_help)))
    console.print(note_line(t))


# What a hold shows as it counts down, and how it ended.
HOLD_SHOWN = {
    False: N_("Hold {count} of {total}: {seconds} s"),
    True: N_("Hold {count} of {total}: paused at {seconds} s (space or p: go on)"),
}
HOLD_ENDED = {
    "done": N_("Hold {count} of {total}: done"),
    "skipped": N_("Hold {count} of {total}: skipped"),
}


def _timed_steps(console: Console, steps: Sequence[Step], keys: Keys, t: Translator) -> None:
    """Each step, and its holds timed (cli/countdown.py); once the timers are stopped, the
    steps left without them."""
    if keys.keyed:
        console.print(Text(t(N_("Enter or s: skip a hold · space or p: pause · q: stop")), "dim"))
    timing = True
    for i, step in enumerate(steps, 1):
        console.print(numbered([t(step.text)], start=i))
        for rep in range(1, (step.repeat if timing and step.hold_s else 0) + 1):
            values = {"count": rep, "total": step.repeat}
            ending = _timed_hold(console, step.hold_s or 0, keys, t, values)
            if ending == "stopped":
                console.print(Text(t(N_("Timers stopped; the steps left follow.")), "yellow"))
                timing = False
                break
            console.print(Text(f"   {t(HOLD_ENDED[ending], **values)}", style="green"))


def _timed_hold(
    console: Console, seconds: int, keys: Keys, t: Translator, values: dict[str, int]
) -> Ending:
    from rich.live import Live

    with Live(console=console, transient=True) as live:

        def show(left: int, paused: bool) -> None:
            shown = t(HOLD_SHOWN[paused], seconds=left, **values)
            live.update(Text(f"   {shown}", style="yellow" if paused else "cyan"))

        try:
            return hold(seconds, keys, show)
        except KeyboardInterrupt:  # Ctrl-C while the screen was drawn: stop as 'q' does
            return "stopped"


def register(app: typer.Typer) -> None:
    """Add `kb`, `explain` and `relief` to the app."""
    app.add_typer(kb_app, name="kb")
    app.command("explain")(explain_command)
    app.command("relief")(relief_command)
