"""`crampcoach assess`: a story or a structured intake becomes a triage and advice."""

from __future__ import annotations

import json
import re
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.prompt import Prompt

from crampcoach.cli import jsonl
from crampcoach.cli.errors import describe_validation_error, err_console, fail
from crampcoach.cli.render import assessment_view
from crampcoach.core.assess import assess
from crampcoach.core.assessment import Assessment
from crampcoach.core.intake import Intake, with_answer
from crampcoach.core.story import ParsedStory, intake_from_facts, parse_story
from crampcoach.errors import CrampcoachError, InputError
from crampcoach.knowledge.loader import default_knowledge

MAX_QUESTIONS = 12  # the interview stops earlier once no answer could change the result


def intake_from_json(data: object, where: str = "intake") -> Intake:
    """Validate a JSON object as an Intake; InputError names every bad field."""
    if not isinstance(data, dict):
        raise InputError(f"{where}: expected a JSON object")
    try:
        return Intake.model_validate(data)
    except ValidationError as exc:
        raise InputError(describe_validation_error(exc)) from exc


def read_story(text: str) -> ParsedStory:
    """Parse a story; InputError says what is missing when there is nothing to go on."""
    story = parse_story(text)
    if not story.usable:
        missing = "; ".join(story.missing) or "what happened, which muscle, and when"
        raise InputError(f"I could not find a cramp story in that. Please tell me: {missing}")
    return story


def confirm_facts(story: ParsedStory, console: Console, interactive: bool) -> Intake:
    """Show what was understood; in a terminal, let the person drop what is wrong."""
    for notice in story.notices:
        console.print(f"[yellow]{notice}[/]")
    if not story.facts:
        return story.intake
    console.print("[bold]I understood:[/]")
    for number, fact in enumerate(story.facts, 1):
        console.print(f"  {number:2d}. {fact.describe()}", soft_wrap=True)
    if not interactive:
        return story.intake
    answer = Prompt.ask(
        "Numbers of anything I got wrong (Enter if all is right)", default="", show_default=False
    )
    wrong = {int(n) for n in re.findall(r"\d+", answer)}
    if not wrong:
        return story.intake
    kept = [fact for number, fact in enumerate(story.facts, 1) if number not in wrong]
    console.print(f"[dim]Dropped {len(story.facts) - len(kept)}; I will ask instead.[/]")
    return intake_from_facts(kept)


def assess_request(request: dict[str, Any]) -> dict[str, Any]:
    """Answer one JSONL request (with "text" or "intake"); InputError when unusable."""
    if "intake" in request:
        return assess(intake_from_json(request["intake"])).model_dump(mode="json")
    if isinstance(request.get("text"), str):
        return story_result(read_story(request["text"]))
    raise InputError('a line needs "text" (a string) or "intake" (an object)')


def story_result(story: ParsedStory) -> dict[str, Any]:
    """The assessment of a story, with what was understood (and its words) and any notices."""
    return {
        **assess(story.intake).model_dump(mode="json"),
        "understood": [fact.model_dump(mode="json") for fact in story.facts],
        "notices": story.notices,
    }


def answer_line(raw: str) -> dict[str, Any]:
    """Answer one JSONL input line per shared/spec/contract.md; never raises."""
    return jsonl.answer_line(raw, assess_request)


def interview(intake: Intake, console: Console) -> Intake:
    """Ask the follow-up questions that could still change the result, red flags first."""
    asked: set[str] = set()
    console.print("[dim]A few questions (Enter skips one; type done to stop).[/]")
    for _ in range(MAX_QUESTIONS):
        pending = [q for q in assess(intake).follow_up if q.id not in asked]
        if not pending:
            break
        question = pending[0]
        asked.add(question.id)
        hint = "/".join(question.choices) if question.choices else (question.unit or "")
        answer = Prompt.ask(f"{question.text} [dim]({hint})[/]", default="", show_default=False)
        if answer.strip().lower() in {"done", "q", "quit", "stop"}:
            break
        try:
            intake = with_answer(intake, question.field, answer, question.unit)
        except InputError as exc:
            console.print(f"[yellow]{exc}; skipped.[/]")
    return intake


def save_assessment(intake: Intake, result: Assessment) -> None:
    """Keep the intake and its assessment in the diary; a diary error exits 2."""
    from crampcoach.service import Coach

    payload = {"intake": intake.model_dump(mode="json"), **result.model_dump(mode="json")}
    try:
        with Coach.from_env().diary() as diary:
            diary.save_assessment(payload, datetime.now(UTC))
    except CrampcoachError as exc:
        fail(str(exc))
    err_console.print("Saved in your diary.")


def assess_command(
    intake_file: Path | None = typer.Option(
        None, "--intake", help="A JSON file with a structured intake (see docs/intake.md)."
    ),
    text: str | None = typer.Option(None, "--text", help="The story in your own words."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
    jsonl_mode: bool = typer.Option(
        False, "--jsonl", help="Read JSON lines on stdin, write one result per line."
    ),
    ask: bool | None = typer.Option(
        None, "--ask/--no-ask", help="Ask follow-up questions (default: in a terminal)."
    ),
    save: bool = typer.Option(False, "--save", help="Keep this assessment in your diary."),
) -> None:
    """Assess a cramp: triage (red flags first), likely causes, relief and prevention."""
    if jsonl_mode:
        jsonl.stream(sys.stdin, sys.stdout, assess_request)
        return
    console = Console()
    interactive = sys.stdin.isatty() and not as_json if ask is None else ask
    story: ParsedStory | None = None
    try:
        if intake_file is not None:
            if text is not None:
                fail("give either --intake or --text, not both")
            try:
                data = jsonl.load_json(intake_file.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError) as exc:
                fail(f"cannot read {intake_file}: {exc}")
            except ValueError as exc:
                fail(f"{intake_file}: {exc}")
            intake = intake_from_json(data, str(intake_file))
        elif text is not None:
            story = read_story(text)
            intake = story.intake if as_json else confirm_facts(story, console, interactive)
        elif interactive:
            told = Prompt.ask(
                "Tell me what happened (Enter to answer questions instead)", default=""
            )
            intake = confirm_facts(read_story(told), console, True) if told.strip() else Intake()
        else:
            fail('give --text "your story", --intake FILE.json, or --jsonl (or run in a terminal)')
        if interactive:
            intake = interview(intake, console)
    except InputError as exc:
        fail(str(exc))
    result = assess(intake)
    if save:
        save_assessment(intake, result)
    if as_json:
        data = result.model_dump(mode="json")
        if story is not None:
            data["understood"] = [fact.model_dump(mode="json") for fact in story.facts]
            data["notices"] = story.notices
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        console.print(assessment_view(result, default_knowledge()))


def register(app: typer.Typer) -> None:
    """Add `assess` to the app."""
    app.command("assess")(assess_command)
