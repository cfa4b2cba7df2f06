"""A short, seeded run of every fuzz target of tests/fuzzing.py (issue 16), so that the
harness `make fuzz` runs at 10,000 inputs a target cannot rot: each target takes its inputs,
and none ends in a traceback or, for a watch file, in the importer's catch-all."""

from __future__ import annotations

import pytest

from fuzzing import TARGETS, mutate, run, seeds

SMOKE_INPUTS = {"intake": 150, "story": 200, "question": 200, "fit": 200, "gpx": 200, "tcx": 200}


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_a_short_seeded_fuzz_run_finds_nothing(name: str) -> None:
    figures = run(name, SMOKE_INPUTS[name], seed_value=16)
    assert figures.inputs == SMOKE_INPUTS[name]
    assert dict(figures.failures) == {}, figures.examples
    assert dict(figures.unclear) == {}


def test_the_harness_counts_a_traceback_as_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object) -> None:
        raise KeyError("planted")

    monkeypatch.setattr(TARGETS["story"], "check", broken)
    figures = run("story", 20, seed_value=16)
    assert figures.failed == 20
    assert [signature.split(" at ")[0] for signature in figures.failures] == ["KeyError"]


@pytest.mark.parametrize("fmt", ["fit", "gpx", "tcx"])
def test_the_file_seeds_include_files_made_here(fmt: str) -> None:
    made = [name for name, _ in seeds(fmt) if name.startswith("made-")]
    assert len(made) == 2


def test_mutations_change_the_bytes_as_said() -> None:
    data = bytes(range(100))
    assert mutate(data, [("cut", 0.5, 0, 1)]) == data[:50]
    assert mutate(data, [("flip", 0.0, 1, 1)])[0] == 2
    assert mutate(data, [("drop", 0.1, 0, 5)]) == data[:10] + data[15:]
    assert mutate(data, [("repeat", 0.1, 0, 2)]) == data[:12] + data[10:]
    assert mutate(b"", [("byte", 0.3, 7, 3)]) == b"\x07\x07\x07"
