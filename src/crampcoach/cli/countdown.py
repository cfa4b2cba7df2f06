"""The relief countdown: each hold timed on screen, with keys to skip, pause and stop.

A hold counts down a second at a time. At a terminal, Enter or 's' skips the hold, space or
'p' pauses and resumes it, and 'q' or Ctrl-C stops the timers (the steps left are then
shown without them). Without a terminal on stdin there are no keys: the holds just run.
Keys come from a `Keys` source that also keeps the time, so the tests drive a countdown
with a fake clock and scripted keys instead of real seconds.
"""

from __future__ import annotations

import math
import os
import select
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Literal, Protocol

SKIP = frozenset({"\r", "\n", "s", "S"})
PAUSE = frozenset({" ", "p", "P"})
STOP = frozenset({"q", "Q", "\x03"})  # q, or Ctrl-C read as a key

Ending = Literal["done", "skipped", "stopped"]


class Keys(Protocol):
    """Where keys come from, and the time they are read by."""

    keyed: bool  # keys can be pressed (and the screen says which)

    def now(self) -> float:
        """Seconds, from any start."""
        ...

    def read(self, timeout: float) -> str | None:
        """The key pressed within `timeout` seconds, or None once they have passed."""
        ...


class NoKeys:
    """No terminal to read: each wait is a sleep, and the time is what was slept."""

    keyed = False

    def __init__(self, sleep: Callable[[float], None]) -> None:
        self._sleep = sleep
        self._now = 0.0

    def now(self) -> float:
        return self._now

    def read(self, timeout: float) -> str | None:
        self._sleep(timeout)
        self._now += timeout
        return None


class TerminalKeys:
    """Keys pressed at the terminal on stdin, each read as it is pressed (no Enter)."""

    keyed = True

    def __init__(self, fd: int, clock: Callable[[], float]) -> None:
        self._fd = fd
        self._clock = clock

    def now(self) -> float:
        return self._clock()

    def read(self, timeout: float) -> str | None:
        ready, _, _ = select.select([self._fd], [], [], max(timeout, 0))
        if not ready:
            return None
        return os.read(self._fd, 1).decode("utf-8", "replace") or None


@contextmanager
def terminal_keys(clock: Callable[[], float], sleep: Callable[[float], None]) -> Iterator[Keys]:
    """Keys from stdin when it is a terminal (put in cbreak mode, and put back after, even
    on Ctrl-C), else `NoKeys`."""
    try:
        import termios
        import tty
    except ImportError:  # not a POSIX terminal (Windows): no keys
        yield NoKeys(sleep)
        return
    stdin = sys.stdin
    if stdin is None or not stdin.isatty():
        yield NoKeys(sleep)
        return
    fd = stdin.fileno()
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)
        yield TerminalKeys(fd, clock)
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def hold(seconds: int, keys: Keys, show: Callable[[int, bool], None]) -> Ending:
    """Count `seconds` down, calling `show(seconds_left, paused)` at each whole second and at
    each pause or resume; how the hold ended: "done", "skipped" or "stopped"."""
    left = float(seconds)
    paused = False
    while left > 0:
        show(math.ceil(left), paused)
        # Wait until the next whole second (or a key): 30.0 -> 29.0, 29.4 -> 29.0.
        wait = 1.0 if paused else left - (math.ceil(left) - 1)
        start = keys.now()
        try:
            key = keys.read(wait)
        except KeyboardInterrupt:
            return "stopped"
        if not paused:
            left -= keys.now() - start
        if key in SKIP:
            return "skipped"
        if key in STOP:
            return "stopped"
        if key in PAUSE:
            paused = not paused
    return "done"
