"""`crampcoach ask`: a cited answer to a cramp question, or an honest "I can't answer that"."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from crampcoach import contract
from crampcoach.cli.context import coach_of
from crampcoach.cli.errors import fail
from crampcoach.core.assessment import NOT_A_DIAGNOSIS
from crampcoach.errors import CrampcoachError
from crampcoach.knowledge.faq import EVIDENCE_MEANING, FaqEntry

if TYPE_CHECKING:
    from crampcoach.coach import Answer
    from crampcoach.core.safety import DangerSigns

SEMANTIC_ENV = "CRAMPCOACH_SEMANTIC"
STANCE_STYLE = {"yes": "green", "no": "red", "partly": "yellow", "unknown": "magenta"}


def _bullets(items: Iterable[str]) -> Table:
    # A grid keeps wrapped lines indented under their bullet at narrow widths.
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column()
    for item in items:
        grid.add_row("•", item)
    return grid


def _labels(concepts: dict[str, Any]) -> dict[str, str]:
    return {
        item["id"]: item.get("label", item["id"])
        for key in ("factors", "red_flags")
        for item in concepts.get(key, [])
    }


def danger_view(warning: DangerSigns) -> RenderableType:
    """A red panel first: the question itself describes a danger sign."""
    body = Group(Text(warning.message, style="bold"), _bullets(warning.do_now))
    return Panel(body, title="Danger signs", border_style="bold red")


def answer_view(
    answer: Answer, citations: dict[str, str], concepts: dict[str, Any]
) -> RenderableType:
    """Direct answer first, then explanation, evidence, what to do, sources, related."""
    match, entry = answer.match, answer.entry
    if entry is None:
        return Group(
            Panel(Text(match.answer), title="I can't answer that", border_style="yellow"),
            Text(NOT_A_DIAGNOSIS, style="dim italic"),
        )
    stance = Text(entry.stance.upper(), style=f"bold {STANCE_STYLE[entry.stance]}")
    head = Text.assemble(stance, " ", (match.answer, "bold"))
    parts: list[RenderableType] = [
        Panel(head, title=entry.question, title_align="left", border_style="cyan")
    ]
    if match.corrected:
        read = ", ".join(f"{typed!r} as {fixed!r}" for typed, fixed in match.corrected)
        parts.append(Text(f"(I read {read}.)", style="dim"))
    parts += [Text("Why", style="bold"), Text(entry.explanation)]
    grade = entry.evidence.replace("_", " ")
    parts += [
        Text.assemble(
            ("Evidence: ", "bold"), (grade, "bold"), f" ({EVIDENCE_MEANING[entry.evidence]})"
        ),
        Text("What to do", style="bold"),
        _bullets(entry.what_to_do),
        Text("Sources", style="bold"),
    ]
    sources = Table.grid(padding=(0, 1))
    sources.add_column(style="cyan", no_wrap=True)
    sources.add_column()
    for source in entry.sources:
        sources.add_row(source, citations.get(source, "(see docs/sources)"))
    parts.append(sources)
    if entry.related:
        labels = _labels(concepts)
        parts += [
            Text("Related", style="bold"),
            _bullets(f"{labels.get(r, r)} ({r})" for r in entry.related),
        ]
    if match.alternatives:
        parts.append(Text(f"See also: {', '.join(match.alternatives)}", style="dim"))
    parts.append(Text(NOT_A_DIAGNOSIS, style="dim italic"))
    return Group(*parts)


def topics_view(entries: Iterable[FaqEntry]) -> Table:
    """The topics crampcoach can answer, one per row."""
    table = Table(title="Topics", show_lines=False, expand=False)
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("question")
    for entry in entries:
        table.add_row(entry.id, entry.question)
    return table


def ask_command(
    ctx: typer.Context,
    question: list[str] | None = typer.Argument(
        None, help='Your question in your own words, e.g. "does pickle juice work?".'
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the answer as JSON."),
    jsonl: bool = typer.Option(
        False, "--jsonl", help="Read JSON lines on stdin, write one answer per line."
    ),
    list_topics: bool = typer.Option(False, "--list", help="List the topics I can answer."),
    semantic: bool | None = typer.Option(
        None,
        "--semantic/--no-semantic",
        help=f"Also match by meaning (needs the 'semantic' extra; or set {SEMANTIC_ENV}=1).",
    ),
) -> None:
    """Answer a question about cramps, with the evidence and its sources."""
    coach = coach_of(ctx)
    try:
        if list_topics:
            entries = coach.topics()
            if as_json:
                topics = [{"id": e.id, "question": e.question} for e in entries]
                print(json.dumps(topics, ensure_ascii=False, indent=2))
            else:
                Console().print(topics_view(entries))
            return
        coach.answer_index(semantic)  # built now: a missing semantic extra fails here
        if jsonl:
            if question:
                fail("--jsonl reads questions from stdin: give no question with it")
            contract.stream(
                sys.stdin, sys.stdout, lambda line: contract.ask_request(coach, line, semantic)
            )
            return
        if not question:
            fail('ask a question, e.g. crampcoach ask "does pickle juice work?" (or --list)')
        text = contract.check_question(" ".join(question), "the question")
    except CrampcoachError as exc:
        fail(str(exc))
    answer = coach.ask(text, semantic=semantic)
    if as_json:
        record = contract.answer_record(answer, coach.knowledge.citations)
        print(json.dumps(record, ensure_ascii=False, indent=2))
        return
    console = Console()
    if answer.warning is not None:
        # The red panel is the lead; the answer panel keeps the topic's own answer.
        console.print(danger_view(answer.warning))
    console.print(answer_view(answer, coach.knowledge.citations, coach.kb.concepts))


def register(app: typer.Typer) -> None:
    """Add `ask` to the app."""
    app.command("ask")(ask_command)
