"""The JSON output contract (shared/spec/contract.md): one object in, one out, one error shape.

JSON lines for `assess` and `ask` (`assess_request`, `ask_request`, `answer_line`,
`stream`) and the JSON records of a face's `--json` output, from a `Coach`'s results.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any, TextIO

from pydantic import BaseModel, Field, ValidationError

from crampcoach.core.assessment import NOT_A_DIAGNOSIS
from crampcoach.core.story.model import Fact
from crampcoach.errors import InputError, describe_validation_error
from crampcoach.i18n import N_, Translator
from crampcoach.knowledge.intake import Intake
from crampcoach.views import (
    CLI_WAYS,
    AssessmentView,
    WaysIn,
    answer_words,
    assessment_fields,
    danger_view,
)

if TYPE_CHECKING:
    from crampcoach.coach import Answer, Coach, StoryAssessment
    from crampcoach.core.assessment import Assessment
    from crampcoach.core.story import ParsedStory

MAX_QUESTION = 2000

# What a request is answered with: the output object's keys after its id, as a dict or as a
# model (written straight to JSON by pydantic, as its `model_dump(mode="json")`).
Record = dict[str, Any] | BaseModel
# Answers one request object; raises InputError for a request it cannot use.
Handler = Callable[[dict[str, Any]], Record]
# Renders a message id with its values in the run's language (an i18n.Translator).
Words = Callable[..., str]


class JsonError(InputError, ValueError):
    """Text that is not plain JSON; the message gives the reason."""


def _no_constants(name: str) -> None:
    raise JsonError(N_("{name} is not a JSON value"), name=name)


def load_json(text: str) -> Any:
    """Strict JSON: no NaN or Infinity (they would make the output invalid JSON).

    Raises JsonError (a ValueError) with a short reason for anything that is not plain
    JSON, including nesting deep enough to exhaust the parser.
    """
    try:
        return json.loads(text, parse_constant=_no_constants)
    except json.JSONDecodeError as exc:
        raise JsonError(
            N_("not valid JSON: {reason} (line {line})"), reason=exc.msg, line=exc.lineno
        ) from exc
    except RecursionError as exc:
        raise JsonError(N_("not valid JSON: nested too deeply")) from exc


def answer_line(raw: str, handle: Handler, t: Words = Translator()) -> dict[str, Any]:
    """Answer one input line with `handle`; never raises for bad input (`t` words errors)."""
    line_id, record = _answered(raw, handle, t)
    if isinstance(record, BaseModel):
        record = record.model_dump(mode="json")
    return {"id": line_id, **record}


def _answered(raw: str, handle: Handler, t: Words) -> tuple[object, Record]:
    """The line's id and its answer: the handler's record, or the contract's error."""
    try:
        request = load_json(raw)
    except JsonError as exc:
        return None, _error(exc.words(t))
    if not isinstance(request, dict):
        return None, _error(t(N_("each line must be a JSON object")))
    line_id = request.get("id")
    try:
        return line_id, handle(request)
    except InputError as exc:
        return line_id, _error(exc.words(t))


def _error(message: str, code: str = "invalid_input") -> dict[str, Any]:
    """The contract's error (after the id) for a line that cannot be understood."""
    return {"error": {"code": code, "message": message}}


def encoded_lines(lines: Iterable[str], handle: Handler, t: Words = Translator()) -> Iterator[str]:
    """The output line of each non-blank input line, in order (`answer_line`'s object as
    JSON)."""
    for raw in lines:
        if raw.strip():
            yield encoded_line(raw, handle, t)


def encoded_line(raw: str, handle: Handler, t: Words = Translator()) -> str:
    """`answer_line`'s object as one output line of JSON. A record that is a model is
    written by pydantic straight to JSON, after the id: dumping it to Python values first
    and encoding those cost a twelfth of answering a story."""
    line_id, record = _answered(raw, handle, t)
    if not isinstance(record, BaseModel):
        return encode({"id": line_id, **record})
    keys = record.model_dump_json()
    head = '{"id":' + _ENCODER.encode(line_id)
    return head + ("}" if keys == "{}" else "," + keys[1:]) + "\n"


# A file of at least this many bytes is answered by a pool of processes, one per core.
PARALLEL_BYTES = 64 * 1024
CHUNK_LINES = 50  # lines a worker answers at a time: few enough to keep every core busy

_worker: tuple[Handler, Words] | None = None  # set in the parent before the pool forks


# json.dumps's own encoder, less its search for cycles (a dict of every list and dict it is
# inside, kept at each step): a record is a tree of JSON values made for it, and the search
# cost a tenth of encoding a story's record. Compact, as pydantic writes a model.
_ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False, separators=(",", ":"))


def encode(record: dict[str, Any]) -> str:
    """One output line of the contract."""
    return _ENCODER.encode(record) + "\n"


def stream(source: TextIO, sink: TextIO, handle: Handler, t: Words = Translator()) -> None:
    """Answer JSON lines from `source` on `sink`, flushing each answer (errors worded by `t`).

    A large file (not a pipe or a terminal: those are answered line by line as they come)
    is answered on every core, in chunks of lines, keeping the order of the lines.
    """
    workers = _parallel_workers(source)
    if workers > 1:
        _stream_parallel(source, sink, handle, t, workers)
        return
    for line in encoded_lines(source, handle, t):
        sink.write(line)
        sink.flush()


def _parallel_workers(source: TextIO) -> int:
    """How many processes to answer `source` with: 1 unless it is a large regular file."""
    cores = os.cpu_count() or 1
    if cores < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    try:
        info = os.fstat(source.fileno())
        position = source.tell()
    except (AttributeError, OSError, ValueError):
        return 1  # not a file (a StringIO, a pipe)
    if not stat.S_ISREG(info.st_mode) or info.st_size - position < PARALLEL_BYTES:
        return 1
    return cores


def _answer_chunk(lines: list[str]) -> str:
    """The output lines of a chunk of input lines (in a pool's worker)."""
    assert _worker is not None
    return "".join(encoded_lines(lines, *_worker))


def _chunks(lines: Iterable[str], size: int) -> Iterator[list[str]]:
    iterator = iter(lines)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _stream_parallel(source: TextIO, sink: TextIO, handle: Handler, t: Words, workers: int) -> None:
    """Answer `source` with `workers` forked processes, writing the chunks in order.

    The first line is answered here, so that whatever the handler loads once (the
    knowledge, the compiled lexicon) is loaded before the fork and shared by the workers.
    """
    # Not multiprocessing.Pool: its thread that watches the workers also wakes at every result
    # waiting in the pipe until another thread has read it, and so spun through each chunk
    # of output (a tenth of a second of this process's time over 2,000 stories).
    from concurrent.futures import ProcessPoolExecutor

    global _worker
    lines = iter(source)
    for raw in lines:
        if raw.strip():
            sink.write(encoded_line(raw, handle, t))
            sink.flush()
            break
    _worker = (handle, t)
    # What is loaded by now stays out of the garbage collector's sweeps, so that the workers
    # share its memory with this process instead of each copying the pages a sweep touches.
    gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            for text in pool.map(_answer_chunk, _chunks(lines, CHUNK_LINES)):
                sink.write(text)
                sink.flush()
    finally:
        gc.unfreeze()
        _worker = None


# --- assess ----------------------------------------------------------------------------------


def intake_from_json(data: object, where: str = "intake") -> Intake:
    """Validate a JSON object as an Intake; InputError names every bad field."""
    if not isinstance(data, dict):
        raise InputError(N_("{where}: expected a JSON object"), where=where)
    try:
        return Intake.model_validate(data)
    except ValidationError as exc:
        raise InputError(N_("{problems}"), problems=describe_validation_error(exc)) from exc


class StoryView(AssessmentView):
    """The assessment of a story in words, with what was read from them."""

    understood: list[Fact] = Field(
        default_factory=list, description="Each fact read from `text`, with the words that set it"
    )
    history: list[Fact] = Field(
        default_factory=list, description="Facts told of someone else or of the past: not used"
    )
    notices: list[str] = Field(default_factory=list, description="Notes on how `text` was read")


def story_record(coach: Coach, assessed: StoryAssessment) -> StoryView:
    """The assessment of a story, with what was understood (and its words) and any notices,
    in the language to answer it in."""
    return story_view(coach.speaking(assessed.lang), assessed.result, assessed.story)


def story_view(coach: Coach, result: Assessment, story: ParsedStory) -> StoryView:
    """`result` of `story` in the words of `coach`'s language, with what was read."""
    fields = assessment_fields(result, coach.kb, coach.text)
    return StoryView.model_validate({**fields, **story_parts(story, coach.text)})


def story_parts(story: ParsedStory, t: Words) -> dict[str, Any]:
    """The fields a `StoryView` adds to its assessment: the facts read, those set aside,
    notices (worded by `t`)."""
    return {
        "understood": story.facts,
        "history": story.history,
        "notices": [notice.words(t) for notice in story.notices],
    }


def assess_request(coach: Coach, request: dict[str, Any]) -> AssessmentView:
    """Answer one JSONL request (with "text" or "intake"); InputError when unusable."""
    if "intake" in request:
        return coach.view(coach.assess(intake_from_json(request["intake"])))
    if isinstance(request.get("text"), str):
        lang = request.get("lang")
        if lang is not None and not isinstance(lang, str):
            raise InputError(N_("{lang} must be a language tag such as en or zh"), lang='"lang"')
        return story_record(coach, coach.assess_story(request["text"], lang=lang))
    raise InputError(
        N_("a line needs {text} (a string) or {intake} (an object)"),
        text='"text"',
        intake='"intake"',
    )


# --- ask -------------------------------------------------------------------------------------


def check_question(question: object, name: str = '"question"') -> str:
    """A usable question string; InputError names `name` and says what is wrong."""
    if not isinstance(question, str):
        raise InputError(N_("{name} must be a string"), name=name)
    question = question.strip()
    if not question:
        raise InputError(N_("{name} is empty: ask something about cramps"), name=name)
    if len(question) > MAX_QUESTION:
        raise InputError(
            N_("{name} is longer than {limit} characters"), name=name, limit=MAX_QUESTION
        )
    return question


def _answer_keys(coach: Coach, answer: Answer, ways: WaysIn) -> dict[str, Any]:
    """The keys shared/spec/contract.md asks of an answer, in its order."""
    match, entry = answer.match, answer.entry
    return {
        "topic": match.topic,
        "answer": answer_words(
            match, answer.warning, coach.kb, coach.text, ways.assess, ways.topics
        ),
        "sources": list(entry.sources) if entry else [],
        "confidence": match.confidence,
    }


def answer_contract(coach: Coach, answer: Answer, ways: WaysIn = CLI_WAYS) -> dict[str, Any]:
    """The contract's keys of an answer (one JSONL output object without its id), in the
    answer's language; `ways` says where to go next (to tell the whole story, to see the
    topics), in the face's terms."""
    coach = coach.speaking(answer.lang)
    line = _answer_keys(coach, answer, ways)
    if answer.warning is not None:
        line["danger_signs"] = danger_view(answer.warning, coach.kb, coach.text, ways.assess)
    line["note"] = coach.text(NOT_A_DIAGNOSIS)
    line["lang"] = coach.text.lang  # the language that answered
    return line


def answer_record(coach: Coach, answer: Answer, ways: WaysIn = CLI_WAYS) -> dict[str, Any]:
    """The full JSON answer, in the answer's language: the contract keys first, then the
    detail (`ways` as for `answer_contract`)."""
    coach = coach.speaking(answer.lang)
    match, entry, t = answer.match, answer.entry, coach.text
    citations = coach.knowledge.citations
    record = {**_answer_keys(coach, answer, ways), "question": answer.question}
    if entry is not None:
        record.update(
            matched_question=t(entry.question),
            stance=entry.stance,
            evidence=entry.evidence,
            explanation=t(entry.explanation),
            what_to_do=t.all(entry.what_to_do),
            related=list(entry.related),
            citations={s: citations[s] for s in entry.sources if s in citations},
            see_also=list(match.alternatives),
        )
    if match.corrected:
        record["read_as"] = {typed: read for typed, read in match.corrected}
    if answer.warning is not None:
        record["danger_signs"] = danger_view(answer.warning, coach.kb, t, ways.assess)
    record["note"] = t(NOT_A_DIAGNOSIS)
    record["lang"] = coach.text.lang  # the language that answered
    return record


def ask_request(
    coach: Coach, request: dict[str, Any], semantic: bool | None = None
) -> dict[str, Any]:
    """Answer one JSONL request; InputError when it has no usable question."""
    if "question" not in request:
        raise InputError(N_("a line needs {question} (a string)"), question='"question"')
    lang = request.get("lang")
    if lang is not None and not isinstance(lang, str):
        raise InputError(N_("{lang} must be a language tag such as en or zh"), lang='"lang"')
    question = check_question(request["question"])
    return answer_contract(coach, coach.ask(question, semantic=semantic, lang=lang))
