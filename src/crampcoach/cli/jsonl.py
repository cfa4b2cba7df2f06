"""JSON lines per shared/spec/contract.md: one object in, one out, in order, one error shape."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO

from crampcoach.errors import InputError

# Answers one request object; raises InputError for a request it cannot use.
Handler = Callable[[dict[str, Any]], dict[str, Any]]


def error_line(line_id: object, message: str, code: str = "invalid_input") -> dict[str, Any]:
    """The contract's error object for a line that cannot be understood."""
    return {"id": line_id, "error": {"code": code, "message": message}}


def _no_constants(name: str) -> None:
    raise ValueError(f"{name} is not a JSON value")


def load_json(text: str) -> Any:
    """Strict JSON: no NaN or Infinity (they would make the output invalid JSON).

    Raises ValueError with a short reason for anything that is not plain JSON,
    including nesting deep enough to exhaust the parser.
    """
    try:
        return json.loads(text, parse_constant=_no_constants)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON: {exc.msg} (line {exc.lineno})") from exc
    except RecursionError as exc:
        raise ValueError("not valid JSON: nested too deeply") from exc


def answer_line(raw: str, handle: Handler) -> dict[str, Any]:
    """Answer one input line with `handle`; never raises for bad input."""
    try:
        request = load_json(raw)
    except ValueError as exc:
        return error_line(None, str(exc))
    if not isinstance(request, dict):
        return error_line(None, "each line must be a JSON object")
    line_id = request.get("id")
    try:
        return {"id": line_id, **handle(request)}
    except InputError as exc:
        return error_line(line_id, str(exc))


def answer_lines(lines: Iterable[str], handle: Handler) -> Iterator[dict[str, Any]]:
    """One output object per non-blank input line, in order."""
    for raw in lines:
        if raw.strip():
            yield answer_line(raw, handle)


def stream(source: TextIO, sink: TextIO, handle: Handler) -> None:
    """Answer JSON lines from `source` on `sink`, flushing each answer."""
    for record in answer_lines(source, handle):
        sink.write(json.dumps(record, ensure_ascii=False) + "\n")
        sink.flush()
