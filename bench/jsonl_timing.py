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
