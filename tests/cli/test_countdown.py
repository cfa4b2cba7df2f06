"""The relief countdown's keys (cli/countdown.py), on a fake clock with scripted keys:
Enter or 's' skips a hold, space or 'p' pauses and resumes it, 'q' or Ctrl-C stops the
timers; without a terminal the holds just run."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from coach_runner import KNOWLEDGE, CoachRunner

from crampcoach.cli import knowledge as knowledge_cli
from crampcoach.cli.app import app
from crampcoach.cli.countdown import Keys, NoKeys, hold

KB = KNOWLEDGE.base


class FakeKeys:
    """Keys pressed at given times on a clock that moves only when a key is waited for."""

    keyed = True

    def __init__(self, *pressed: tuple[float, str]) -> None:
        self.pressed = sorted(pressed)
        self.clock = 0.0

    def now(self) -> float:
        return self.clock

    def read(self, timeout: float) -> str | None:
        if self.pressed and self.pressed[0][0] <= self.clock + timeout:
            at, key = self.pressed.pop(0)
            self.clock = max(self.clock, at)
            if key == "^C":
                raise KeyboardInterrupt
            return key
        self.clock += timeout
        return None


def run(seconds: int, keys: Keys) -> tuple[str, list[tuple[int, bool]]]:
    shown: list[tuple[int, bool]] = []
    ending = hold(seconds, keys, lambda left, paused: shown.append((left, paused)))
    return ending, shown


def test_a_hold_counts_each_second_down_to_done() -> None:
    keys = FakeKeys()
    ending, shown = run(30, keys)
    assert ending == "done" and keys.clock == 30
    assert shown == [(left, False) for left in range(30, 0, -1)]


@pytest.mark.parametrize("key", ["\n", "\r", "s"])
def test_enter_or_s_skips_the_hold(key: str) -> None:
    keys = FakeKeys((5.5, key))
    ending, shown = run(30, keys)
    assert ending == "skipped" and keys.clock == 5.5
    assert shown[-1] == (25, False)


@pytest.mark.parametrize("key", [" ", "p"])
def test_space_or_p_pauses_and_resumes(key: str) -> None:
    keys = FakeKeys((3.0, key), (13.0, key))
    ending, shown = run(30, keys)
    assert ending == "done"
    assert keys.clock == 40  # the ten seconds paused do not count
    assert (27, True) in shown and shown.count((27, True)) == 10
    assert [left for left, paused in shown if not paused] == list(range(30, 0, -1))


def test_a_pause_part_way_through_a_second_keeps_what_was_left() -> None:
    keys = FakeKeys((2.5, "p"), (4.0, "p"))
    ending, shown = run(5, keys)
    assert ending == "done" and keys.clock == 6.5
    assert (3, True) in shown and shown[-1] == (1, False)


@pytest.mark.parametrize("key", ["q", "Q", "\x03", "^C"])
def test_q_or_ctrl_c_stops(key: str) -> None:
    keys = FakeKeys((7.0, key))
    assert run(30, keys)[0] == "stopped"
    assert keys.clock == 7


def test_other_keys_change_nothing() -> None:
    keys = FakeKeys((1.0, "x"), (2.0, "\x1b"), (3.0, "9"))
    assert run(10, keys) == ("done", [(left, False) for left in range(10, 0, -1)])
    assert keys.clock == 10


def test_without_a_terminal_the_hold_sleeps_each_second() -> None:
    slept: list[float] = []
    assert run(4, NoKeys(slept.append))[0] == "done"
    assert slept == [1.0, 1.0, 1.0, 1.0]


def _pressing(*pressed: tuple[float, str]) -> object:
    keys = FakeKeys(*pressed)

    @contextmanager
    def terminal_keys(*_: object) -> Iterator[Keys]:
        yield keys

    terminal_keys.keys = keys  # type: ignore[attr-defined]
    return terminal_keys


def test_relief_countdown_skips_pauses_and_stops_then_shows_the_rest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    steps = KB.muscles["calf"].steps
    first = next(i for i, step in enumerate(steps) if step.hold_s and step.repeat >= 3)
    hold_s = steps[first].hold_s
    assert hold_s
    # Skip the first hold at 2 s, pause the second 5 s, stop in the third.
    pressed = [(2.0, "s"), (4.0, " "), (9.0, " "), (9.0 + hold_s - 2 + 3.0, "q")]
    fake = _pressing(*pressed)
    monkeypatch.setattr(knowledge_cli, "terminal_keys", fake)
    result = CoachRunner().invoke(app, ["relief", "calf", "--countdown"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Enter or s: skip a hold · space or p: pause · q: stop" in out
    total = steps[first].repeat
    assert f"Hold 1 of {total}: skipped" in out
    assert f"Hold 2 of {total}: done" in out
    assert f"Hold 3 of {total}: done" not in out and f"Hold 3 of {total}: skipped" not in out
    assert "Timers stopped; the steps left follow." in out
    after = out.split("Timers stopped; the steps left follow.")[1]
    for step in steps[first + 1 :]:  # the steps left, shown without their timers
        assert step.text.split()[0] in after
    assert "Hold 1 of" not in after  # no timer after the stop
    assert "Avoid" in after and "not a diagnosis" in after.lower()
    assert fake.keys.clock < 60  # type: ignore[attr-defined]
