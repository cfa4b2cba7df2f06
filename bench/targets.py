"""The speed targets of issues 12 and 14, each measured beside its baseline in the same run.

A benchmark records a `Target` as it measures it; `bench/run.py` prints them all at the end,
each with its baseline and whether it is met, and the load average of the machine before
and after (the cores are shared: a wall-clock figure moves with the other work on them, so
the JSON-lines rates are also given from the processor time the run used).
"""

from __future__ import annotations

import os
import resource
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

RECORDED: list[Target] = []


@dataclass(frozen=True)
class Target:
    """One figure against its target: `met` says whether `value` is on the right side."""

    name: str
    value: str  # the figure, with its unit
    baseline: str  # what it was measured beside, in the same run
    target: str
    met: bool


def record(name: str, value: str, baseline: str, target: str, met: bool) -> None:
    """Keep a target's figure for the summary (and print it as it is measured)."""
    RECORDED.append(Target(name, value, baseline, target, met))
    print(f"  target: {name}: {value} ({target}: {'met' if met else 'NOT met'})", flush=True)


def load() -> str:
    """The machine's load average over 1, 5 and 15 minutes, and its cores."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.1f} / {five:.1f} / {fifteen:.1f} on {os.cpu_count()} cores"


def child_cpu_seconds(run: Callable[[], Any]) -> tuple[float, float]:
    """(wall seconds, processor seconds) of `run()`, which starts and waits for processes: the
    processor time of every process it waited for, and of theirs (a pool's workers)."""
    import time

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    run()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def summary() -> None:
    """Every recorded target, with its baseline and verdict."""
    if not RECORDED:
        return
    print("== targets (issues 12 and 14), each beside its baseline in this run")
    for t in RECORDED:
        verdict = "met" if t.met else "NOT met"
        print(f"- {t.name}: {t.value}; baseline: {t.baseline}; target {t.target}: {verdict}")


def git_commit() -> str:
    """The commit measured (for the record)."""
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return out.stdout.strip()
