"""`crampcoach assess`: a story or a structured intake becomes a triage and advice."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.markup import escape

from crampcoach.cli.context import coach_of
from crampcoach.cli.errors import err_console, fail
from crampcoach.cli.line_breaks import ProseConsole
from crampcoach.cli.render import assessment_screen
from crampcoach.errors import CrampcoachError, InputError
from crampcoach.i18n import N_, Translator

if TYPE_CHECKING:
    from crampcoach.coach import Coach
    from crampcoach.core.assessment import FollowUp
    from crampcoach.core.interview import Interview
    from crampcoach.core.story import ParsedStory
    from crampcoach.knowledge.intake import Intake


# Hints for number questions, and shorter choices.
EXAMPLES = {"s": N_("e.g. 30 s, 45 min"), "degC": N_("e.g. 24 C"), "kg": N_("e.g. 1.5 kg")}
HINTS = {"when": N_("during/after exercise, night, rest")}
ASK_INSTEAD = N_("I will ask instead.")
UNDERSTOOD = N_("I understood:")  # a constant: the extractor does not look inside f-strings


def confirm_facts(story: ParsedStory, console: Console, interactive: bool, coach: Coach) -> Intake:
    """Show what was understood; in a terminal, let the person drop what is wrong."""
    from crampcoach.core.story import intake_from_facts
    from crampcoach.fact_words import fact_words

    t = coach.text

    for notice in story.notices:
        console.print(f"[yellow]{escape(notice.words(t))}[/]")
    if not story.usable and interactive:
        console.print(f"[dim]{escape(t(ASK_INSTEAD))}[/]")
    if not story.facts:
        return story.intake
    console.print(f"[bold]{escape(t(UNDERSTOOD))}[/]")
    for number, fact in enumerate(story.facts, 1):
        console.print(f"  {number:2d}. {escape(fact_words(fact, coach))}", soft_wrap=True)
    if story.history:
        aside = t(N_("Set aside (someone else's, in the past, or a possibility):"))
        console.print(f"[bold]{escape(aside)}[/]")
        for fact in story.history:
            console.print(f"   - {escape(fact_words(fact, coach))}", soft_wrap=True)
    if not interactive:
        return story.intake
    wrong = wrong_numbers(len(story.facts), console, t)
    if not wrong:
        return story.intake
    kept = [fact for number, fact in enumerate(story.facts, 1) if number not in wrong]
    dropped = t(N_("Dropped {count}; I will ask instead."), count=len(story.facts) - len(kept))
    console.print(f"[dim]{escape(dropped)}[/]")
    return intake_from_facts(kept)


def wrong_numbers(count: int, console: Console, t: Translator) -> set[int]:
    """The numbers of the facts the person says are wrong; asks again for numbers off the list."""
    from rich.prompt import Prompt

    while True:
        try:
            answer = Prompt.ask(
                escape(t(N_("Numbers of anything I got wrong (Enter if all is right)"))),
                default="",
                show_default=False,
                console=console,
            )
        except EOFError:
            return set()
        text = answer.strip().lower().strip(".!")
        if text in {"", "none", "no", "n", "ok", "okay", "all right", "all good", "right", "fine"}:
            return set()
        wrong = {int(n) for n in re.findall(r"\d+", text)}
        if wrong and all(1 <= n <= count for n in wrong):
            return wrong
        again = t(N_("Please give numbers from 1 to {count}, or press Enter."), count=count)
        console.print(f"[yellow]{escape(again)}[/]")


def hint(question: FollowUp, t: Translator) -> str:
    """What kind of answer the prompt expects, short enough for a 60-column terminal."""
    from crampcoach.core.follow_up import is_list_field

    if question.id in HINTS:
        return t(HINTS[question.id])
    if question.kind == "number":
        return t(EXAMPLES[question.unit]) if question.unit in EXAMPLES else t(N_("a number"))
    if question.kind == "yes_no" or (
        question.kind == "choice" and is_list_field(question.field) and len(question.choices) <= 2
    ):
        return t(N_("yes/no/not sure"))
    if question.kind == "choice" and is_list_field(question.field):
        return t(N_("names, or none"))
    return "/".join(choice.replace("_", " ") for choice in question.choices)


def put(question: FollowUp, session: Interview, console: Console, t: Translator) -> bool:
    """Ask until the answer fits (each refusal says why); False when the person is done."""
    from rich.prompt import Prompt

    from crampcoach.core.interview import STOP_WORDS
    from crampcoach.core.replies import ReplyError

    prompt = f"{escape(t(question.text))} [dim]({escape(hint(question, t))})[/]"
    while True:
        try:
            answer = Prompt.ask(prompt, default="", show_default=False, console=console)
        except EOFError:
            return False
        if answer.strip().lower() in STOP_WORDS:
            return False
        try:
            session.answer(question, answer)
            return True
        except ReplyError as exc:
            console.print(f"[yellow]{escape(exc.words(t))}[/]")


def interview(coach: Coach, intake: Intake, console: Console) -> Interview:
    """Ask what could still change the result: muscle and time if unknown, red flags first."""
    session = coach.interview(intake)
    while (question := session.next_question()) is not None:
        if not session.asked:
            intro = coach.text(N_("A few questions (Enter skips one; type done to stop)."))
            console.print(f"[dim]{escape(intro)}[/]")
        if not put(question, session, console, coach.text):
            break
    return session


def assess_command(
    ctx: typer.Context,
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
    from rich.prompt import Prompt

    from crampcoach import contract
    from crampcoach.knowledge.intake import Intake

    coach = coach_of(ctx)
    if jsonl_mode:
        contract.stream(
            sys.stdin,
            sys.stdout,
            lambda request: contract.assess_request(coach, request),
            coach.text,
        )
        return
    t = coach.text
    console = ProseConsole(stderr=as_json)  # with --json, stdout holds the JSON only
    interactive = sys.stdin.isatty() and not as_json if ask is None else ask
    story: ParsedStory | None = None
    session: Interview | None = None
    try:
        if intake_file is not None:
            if text is not None:
                fail(N_("give either --intake or --text, not both"))
            try:
                data = contract.load_json(intake_file.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError) as exc:
                fail(N_("cannot read {path}: {reason}"), path=intake_file, reason=exc)
            except contract.JsonError as exc:
                fail(N_("{where}: {problem}"), where=intake_file, problem=exc.message)
            intake = contract.intake_from_json(data, str(intake_file))
        elif text is not None:
            # In a terminal a story that gives nothing to go on leads to questions instead.
            story = coach.read_story(text) if interactive else coach.read_usable_story(text)
            coach = coach.answering(story)  # a Chinese story is answered in Chinese
            t = coach.text
            intake = story.intake if as_json else confirm_facts(story, console, interactive, coach)
        elif interactive:
            console.print(
                escape(
                    t(
                        N_(
                            "Tell me what happened, in your own words"
                            " (or press Enter to answer questions instead)."
                        )
                    )
                )
            )
            try:
                told = Prompt.ask(
                    escape(t(N_("Your story"))), default="", show_default=False, console=console
                )
            except EOFError:
                told = ""
            story = coach.read_story(told) if told.strip() else None
            coach = coach.answering(story) if story else coach
            t = coach.text
            intake = confirm_facts(story, console, True, coach) if story else Intake()
        else:
            fail(
                N_(
                    'give --text "your story", --intake FILE.json, or --jsonl'
                    " (or run in a terminal)"
                )
            )
        if interactive:
            session = interview(coach, intake, console)
            intake = session.intake
    except InputError as exc:
        fail(exc)
    # The interview's result leaves out the questions it already put.
    result = session.result() if session is not None else coach.assess(intake)
    if save:
        try:
            coach.save_assessment(intake, result)
        except CrampcoachError as exc:
            fail(exc)
        err_console.print(escape(t(N_("Saved in your diary."))))
    if as_json:
        view = coach.view(result) if story is None else contract.story_view(coach, result, story)
        print(json.dumps(view.model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        console.print(assessment_screen(coach.view(result), coach.text))


def register(app: typer.Typer) -> None:
    """Add `assess` to the app."""
    app.command("assess")(assess_command)
