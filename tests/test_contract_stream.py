"""`contract.stream`: a large file is answered on every core, exactly as line by line."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from crampcoach import contract
from crampcoach.coach import Coach

STORIES = [
    "Both calves locked up at km 32 of my first marathon; it was 18 degrees.",
    "My left calf cramps at night in bed, three times a week. I'm 72.",
    "After the match my thigh cramped and my urine was dark like cola.",
    "nothing to do with cramps at all",
]


def _lines() -> list[str]:
    lines = []
    for number in range(120):
        lines.append(json.dumps({"id": number, "text": STORIES[number % len(STORIES)]}))
        if number % 17 == 0:
            lines += ["", "not json", json.dumps([1, 2]), json.dumps({"id": "x"})]
        if number % 29 == 0:
            lines.append(
                json.dumps({"id": f"i{number}", "intake": {"episode": {"muscle": "calf"}}})
            )
    return lines


def test_a_large_file_is_answered_in_parallel_with_the_same_lines_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    coach = Coach()
    lines = _lines()
    text = "\n".join(lines) + "\n"
    serial = io.StringIO()
    contract.stream(io.StringIO(text), serial, lambda r: contract.assess_request(coach, r))

    monkeypatch.setattr(contract, "PARALLEL_BYTES", 1024)
    monkeypatch.setattr(contract, "CHUNK_LINES", 7)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    source = tmp_path / "stories.jsonl"
    source.write_text(text, encoding="utf-8")
    parallel = io.StringIO()
    with source.open(encoding="utf-8") as handle:
        assert contract._parallel_workers(handle) == 2
        contract.stream(handle, parallel, lambda r: contract.assess_request(coach, r))
    assert parallel.getvalue() == serial.getvalue()
    assert len(parallel.getvalue().splitlines()) == sum(1 for line in lines if line.strip())


def test_a_stream_or_a_small_file_is_answered_line_by_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert contract._parallel_workers(io.StringIO("x" * 100_000)) == 1
    small = tmp_path / "one.jsonl"
    small.write_text(json.dumps({"id": 1, "text": STORIES[0]}) + "\n", encoding="utf-8")
    with small.open(encoding="utf-8") as handle:
        assert contract._parallel_workers(handle) == 1


def test_each_output_line_is_the_object_answer_line_gives_with_the_id_first() -> None:
    coach = Coach()

    def handle(request: dict[str, object]) -> contract.Record:
        return contract.assess_request(coach, request)

    for raw in _lines():
        if not raw.strip():
            continue
        line = contract.encoded_line(raw, handle)
        assert line.endswith("\n") and "\n" not in line[:-1]
        assert json.loads(line) == contract.answer_line(raw, handle)
        assert line.startswith('{"id":')
