"""Shared by the benchmarks: how long a `crampcoach ... --jsonl` run takes on a file."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from targets import child_cpu_seconds

ROOT = Path(__file__).resolve().parents[1]


def jsonl_seconds(command: str, lines: list[str]) -> tuple[float, float]:
    """(wall seconds, processor seconds) for `crampcoach <command> --jsonl` to answer `lines`
    from a file, in a fresh process (start-up included), as a person would run it. The
    processor time is the command's and its workers'."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "lines.jsonl"
        source.write_text("\n".join(lines) + "\n", encoding="utf-8")
        with source.open("rb") as stdin:
            return child_cpu_seconds(
                lambda: subprocess.run(
                    [sys.executable, "-m", "crampcoach", command, "--jsonl"],
                    stdin=stdin,
                    stdout=subprocess.DEVNULL,
                    check=True,
                    env=env,
                )
            )


@dataclass(frozen=True)
class JsonlRun:
    """A JSON-lines run of `lines` lines, and of its first line alone (the start-up)."""

    lines: int
    whole: float  # wall seconds for the file
    start_up: float  # wall seconds for its first line alone
    whole_cpu: float  # processor seconds for the file (every process)
    start_up_cpu: float  # processor seconds for the first line alone

    @property
    def rate(self) -> float:
        """Lines per second, start-up included (wall clock)."""
        return self.lines / self.whole

    @property
    def started(self) -> float:
        """Lines per second once started: the other lines over the time beyond the start-up."""
        return (self.lines - 1) / max(self.whole - self.start_up, 1e-9)

    @property
    def idle_rate(self) -> float:
        """Lines per second, start-up included, on this machine's cores with nothing else on
        them, from the processor time: the start-up runs alone, the rest on every core."""
        cores = os.cpu_count() or 1
        rest = max(self.whole_cpu - self.start_up_cpu, 0.0)
        return self.lines / max(self.start_up_cpu + rest / cores, 1e-9)

    @property
    def cpu_per_line_ms(self) -> float:
        """Processor milliseconds a line costs beyond the start-up."""
        return (self.whole_cpu - self.start_up_cpu) / max(self.lines - 1, 1) * 1000


def jsonl_run(command: str, lines: list[str]) -> JsonlRun:
    """The file and its first line alone, each the faster of two runs (by processor time)."""
    whole = min((jsonl_seconds(command, lines) for _ in range(2)), key=lambda r: r[1])
    first = min((jsonl_seconds(command, lines[:1]) for _ in range(2)), key=lambda r: r[1])
    return JsonlRun(len(lines), whole[0], first[0], whole[1], first[1])
