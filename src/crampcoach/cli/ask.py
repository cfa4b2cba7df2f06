"""`crampcoach ask`: a cited answer to a cramp question, or an honest "I can't answer that"."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

import typer
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table

from crampcoach.cli.context import coach_of
from crampcoach.cli.errors import fail
from crampcoach.cli.line_breaks import Prose, ProseConsole
from crampcoach.errors import CrampcoachError
from crampcoach.i18n import N_, Translator

if TYPE_CHECKING:
    from crampcoach.coach import Answer
    from crampcoach.core.safety import DangerSigns
    from crampcoach.knowledge.faq import FaqEntry
    from crampcoach.knowledge.loader import KnowledgeBase


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


def _label(kb: KnowledgeBase, concept: str, t: Translator) -> str:
    entry = kb.factors.get(concept) or kb.red_flags.get(concept)
    return t(entry.label) if entry is not None else concept


def danger_view(warning: DangerSigns, kb: KnowledgeBase, t: Translator) -> RenderableType:
    """A red panel first: the question itself describes a danger sign."""
    from crampcoach.views import danger_message

    body = Group(
        Prose(danger_message(warning, kb, t), style="bold"), _bullets(t.all(warning.do_now))
    )
    return Panel(body, title=t(N_("Danger signs")), border_style="bold red")


def answer_view(
    answer: Answer, citations: dict[str, str], kb: KnowledgeBase, t: Translator
) -> RenderableType:
    """Direct answer first, then explanation, evidence, what to do, sources, related."""
    from crampcoach.core.assessment import NOT_A_DIAGNOSIS
    from crampcoach.knowledge.faq import EVIDENCE_MEANING
    from crampcoach.knowledge.schema import EVIDENCE_NAME
    from crampcoach.views import STANCE_NAME

    match, entry = answer.match, answer.entry
    note = Prose(t(NOT_A_DIAGNOSIS), style="dim italic")
    if entry is None:
        title = t(N_("I can't answer that"))
        return Group(Panel(Prose(t(match.answer)), title=title, border_style="yellow"), note)
    label, words = t(STANCE_NAME[entry.stance]), t(match.answer)
    style = f"bold {STANCE_STYLE[entry.stance]}"
    if words.casefold().startswith(label.casefold()):
        # The answer opens with its stance ("No, ordinary cramps..."): that word becomes the
        # label ("NO, ordinary cramps..."), not said twice ("NO No, ...").
        head = Prose.assemble((label, style), (words[len(label) :], "bold"))
    else:
        head = Prose.assemble((label, style), " ", (words, "bold"))
    parts: list[RenderableType] = [
        Panel(head, title=t(entry.question), title_align="left", border_style="cyan")
    ]
    if match.corrected:
        read = t.join(
            (
                t(N_("{typed!r} as {fixed!r}"), typed=typed, fixed=fixed)
                for typed, fixed in match.corrected
            ),
            N_(", "),
        )
        parts.append(Prose(t(N_("(I read {read}.)"), read=read), style="dim"))
    parts += [Prose(t(N_("Why")), style="bold"), Prose(t(entry.explanation))]
    grade = t(EVIDENCE_NAME[entry.evidence])
    parts += [
        Prose.assemble(
            (t(N_("Evidence: ")), "bold"),
            (grade, "bold"),
            f" ({t(EVIDENCE_MEANING[entry.evidence])})",
        ),
        Prose(t(N_("What to do")), style="bold"),
        _bullets(t.all(entry.what_to_do)),
        Prose(t(N_("Sources")), style="bold"),
    ]
    sources = Table.grid(padding=(0, 1))
    sources.add_column(style="cyan", no_wrap=True)
    sources.add_column()
    for source in entry.sources:
        sources.add_row(source, citations.get(source, t(N_("(see docs/sources)"))))
    parts.append(sources)
    if entry.related:
        parts += [
            Prose(t(N_("Related")), style="bold"),
            _bullets(f"{_label(kb, r, t)} ({r})" for r in entry.related),
        ]
    if match.alternatives:
        also = t(N_("See also: {topics}"), topics=", ".join(match.alternatives))
        parts.append(Prose(also, style="dim"))
    parts.append(note)
    return Group(*parts)


def topics_view(entries: Iterable[FaqEntry], t: Translator) -> Table:
    """The topics crampcoach can answer, one per row."""
    table = Table(title=t(N_("Topics")), show_lines=False, expand=False)
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column(t(N_("question")), overflow="fold")  # Chinese has no space to wrap at
    for entry in entries:
        table.add_row(entry.id, t(entry.question))
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
    from crampcoach import contract

    coach = coach_of(ctx)
    try:
        if list_topics:
            entries = coach.topics()
            if as_json:
                topics = [{"id": e.id, "question": coach.text(e.question)} for e in entries]
                print(json.dumps(topics, ensure_ascii=False, indent=2))
            else:
                ProseConsole().print(topics_view(entries, coach.text))
            return
        coach.answer_index(semantic)  # built now: a missing semantic extra fails here
        if jsonl:
            if question:
                fail(N_("--jsonl reads questions from stdin: give no question with it"))
            contract.stream(
                sys.stdin,
                sys.stdout,
                lambda line: contract.ask_request(coach, line, semantic),
                coach.text,
            )
            return
        if not question:
            fail(N_('ask a question, e.g. crampcoach ask "does pickle juice work?" (or --list)'))
        text = contract.check_question(" ".join(question), coach.text(N_("the question")))
    except CrampcoachError as exc:
        fail(exc)
    answer = coach.ask(text, semantic=semantic)
    coach = coach.speaking(answer.lang)  # a question in Chinese is answered in Chinese
    if as_json:
        record = contract.answer_record(coach, answer)
        print(json.dumps(record, ensure_ascii=False, indent=2))
        return
    console = ProseConsole()
    if answer.warning is not None:
        # The red panel is the lead; the answer panel keeps the topic's own answer.
        console.print(danger_view(answer.warning, coach.kb, coach.text))
    console.print(answer_view(answer, coach.knowledge.citations, coach.kb, coach.text))


def register(app: typer.Typer) -> None:
    """Add `ask` to the app."""
    app.command("ask")(ask_command)
