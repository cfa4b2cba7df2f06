"""`crampcoach ask`: a cited answer to a cramp question, or an honest "I can't answer that"."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from functools import cache
from typing import Any, TextIO

import typer
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from crampcoach.cli import jsonl
from crampcoach.cli.errors import fail
from crampcoach.core.answers import AnswerIndex, AnswerMatch, build_index
from crampcoach.core.assessment import NOT_A_DIAGNOSIS
from crampcoach.core.safety import DangerSigns, answer_safely
from crampcoach.errors import CrampcoachError, InputError
from crampcoach.knowledge.faq import (
    EVIDENCE_MEANING,
    FaqBase,
    FaqEntry,
    load_faq,
    load_source_citations,
    read_concepts,
)
from crampcoach.knowledge.loader import default_knowledge

SEMANTIC_ENV = "CRAMPCOACH_SEMANTIC"
MAX_QUESTION = 2000
STANCE_STYLE = {"yes": "green", "no": "red", "partly": "yellow", "unknown": "magenta"}


@cache
def answer_index(semantic: bool = False) -> AnswerIndex:
    """The FAQ index, built once per process (with the optional semantic scorer)."""
    entries = load_faq().entries
    scorer = None
    if semantic:
        from crampcoach.embeddings import build_semantic_scorer

        scorer = build_semantic_scorer(entries)
    return build_index(entries, semantic=scorer)


def semantic_wanted(flag: bool | None) -> bool:
    """The --semantic flag wins; otherwise CRAMPCOACH_SEMANTIC=1 turns it on."""
    if flag is not None:
        return flag
    return os.environ.get(SEMANTIC_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


def check_question(question: object, name: str = '"question"') -> str:
    """A usable question string; InputError names `name` and says what is wrong."""
    if not isinstance(question, str):
        raise InputError(f"{name} must be a string")
    question = question.strip()
    if not question:
        raise InputError(f"{name} is empty: ask something about cramps")
    if len(question) > MAX_QUESTION:
        raise InputError(f"{name} is longer than {MAX_QUESTION} characters")
    return question


def answer_record(
    question: str, match: AnswerMatch, faq: FaqBase, warning: DangerSigns | None = None
) -> dict[str, Any]:
    """The full JSON answer: the contract keys first, then the detail."""
    entry = faq.get(match.topic) if match.topic else None
    citations = load_source_citations()
    record: dict[str, Any] = {
        "topic": match.topic,
        "answer": match.full_answer,
        "sources": list(entry.sources) if entry else [],
        "confidence": match.confidence,
        "question": question,
    }
    if entry is not None:
        record.update(
            matched_question=entry.question,
            stance=entry.stance,
            evidence=entry.evidence,
            explanation=entry.explanation,
            what_to_do=list(entry.what_to_do),
            related=list(entry.related),
            citations={s: citations[s] for s in entry.sources if s in citations},
            see_also=list(match.alternatives),
        )
    if match.corrected:
        record["read_as"] = {typed: read for typed, read in match.corrected}
    if warning is not None:
        record["danger_signs"] = warning.model_dump(mode="json")
    record["note"] = NOT_A_DIAGNOSIS
    return record


def contract_line(question: str, index: AnswerIndex) -> dict[str, Any]:
    """One JSONL output object (without its id) per shared/spec/contract.md."""
    faq = load_faq()
    match, warning = answer_safely(question, index, faq, default_knowledge())
    entry = faq.get(match.topic) if match.topic else None
    line: dict[str, Any] = {
        "topic": match.topic,
        "answer": match.full_answer,
        "sources": list(entry.sources) if entry else [],
        "confidence": match.confidence,
    }
    if warning is not None:
        line["danger_signs"] = warning.model_dump(mode="json")
    line["note"] = NOT_A_DIAGNOSIS
    return line


def ask_request(request: dict[str, Any], index: AnswerIndex) -> dict[str, Any]:
    """Answer one JSONL request; InputError when it has no usable question."""
    if "question" not in request:
        raise InputError('a line needs "question" (a string)')
    return contract_line(check_question(request["question"]), index)


def run_jsonl(source: TextIO, sink: TextIO, index: AnswerIndex) -> None:
    """Stream JSON lines from `source` to `sink`, flushing each answer."""
    jsonl.stream(source, sink, lambda request: ask_request(request, index))


def _bullets(items: Iterable[str]) -> Table:
    # A grid keeps wrapped lines indented under their bullet at narrow widths.
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column()
    for item in items:
        grid.add_row("•", item)
    return grid


def _labels() -> dict[str, str]:
    concepts = read_concepts()
    return {
        item["id"]: item.get("label", item["id"])
        for key in ("factors", "red_flags")
        for item in concepts.get(key, [])
    }


def danger_view(warning: DangerSigns) -> RenderableType:
    """A red panel first: the question itself describes a danger sign."""
    body = Group(Text(warning.message, style="bold"), _bullets(warning.do_now))
    return Panel(body, title="Danger signs", border_style="bold red")


def answer_view(match: AnswerMatch, entry: FaqEntry | None) -> RenderableType:
    """Direct answer first, then explanation, evidence, what to do, sources, related."""
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
    citations = load_source_citations()
    sources = Table.grid(padding=(0, 1))
    sources.add_column(style="cyan", no_wrap=True)
    sources.add_column()
    for source in entry.sources:
        sources.add_row(source, citations.get(source, "(see docs/sources)"))
    parts.append(sources)
    if entry.related:
        labels = _labels()
        parts += [
            Text("Related", style="bold"),
            _bullets(f"{labels.get(r, r)} ({r})" for r in entry.related),
        ]
    if match.alternatives:
        parts.append(Text(f"See also: {', '.join(match.alternatives)}", style="dim"))
    parts.append(Text(NOT_A_DIAGNOSIS, style="dim italic"))
    return Group(*parts)


def topics_view(faq: FaqBase) -> Table:
    """The topics crampcoach can answer, one per row."""
    table = Table(title="Topics", show_lines=False, expand=False)
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("question")
    for entry in faq.entries:
        table.add_row(entry.id, entry.question)
    return table


def ask_command(
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
    try:
        faq = load_faq()
        if list_topics:
            if as_json:
                topics = [{"id": e.id, "question": e.question} for e in faq.entries]
                print(json.dumps(topics, ensure_ascii=False, indent=2))
            else:
                Console().print(topics_view(faq))
            return
        index = answer_index(semantic_wanted(semantic))
        if jsonl:
            if question:
                fail("--jsonl reads questions from stdin: give no question with it")
            run_jsonl(sys.stdin, sys.stdout, index)
            return
        if not question:
            fail('ask a question, e.g. crampcoach ask "does pickle juice work?" (or --list)')
        text = check_question(" ".join(question), "the question")
    except CrampcoachError as exc:
        fail(str(exc))
    match, warning = answer_safely(text, index, faq, default_knowledge())
    if as_json:
        record = answer_record(text, match, faq, warning)
        print(json.dumps(record, ensure_ascii=False, indent=2))
        return
    entry = faq.get(match.topic) if match.topic else None
    console = Console()
    if warning is not None:
        # The red panel is the lead; the answer panel keeps the topic's own answer.
        console.print(danger_view(warning))
    console.print(answer_view(match, entry))


def register(app: typer.Typer) -> None:
    """Add `ask` to the app."""
    app.command("ask")(ask_command)
