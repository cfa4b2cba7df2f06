"""Shared by the benchmarks: how long a `crampcoach ... --jsonl` run takes on a file."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def jsonl_seconds(command: str, lines: list[str]) -> float:
    """Seconds for `crampcoach <command> --jsonl` to answer `lines` from a file, in a fresh
    process (start-up included), as a person would run it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "lines.jsonl"
        source.write_text("\n".join(lines) + "\n", encoding="utf-8")
        with source.open("rb") as stdin:
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "crampcoach", command, "--jsonl"],
                stdin=stdin,
                stdout=subprocess.DEVNULL,
                check=True,
                env=env,
            )
            return time.perf_counter() - start


def jsonl_rates(command: str, lines: list[str]) -> tuple[float, float, float]:
    """(lines per second with start-up, lines per second once started, start-up seconds).

    Start-up is a run of the first line alone; the rate once started counts the other lines
    over the time the whole file took beyond that. Each run is the faster of two.
    """
    whole = min(jsonl_seconds(command, lines) for _ in range(2))
    start_up = min(jsonl_seconds(command, lines[:1]) for _ in range(2))
    return len(lines) / whole, (len(lines) - 1) / max(whole - start_up, 1e-9), start_up
