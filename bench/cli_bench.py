"""How fast the command starts, side by side with a bare Typer app; `ask --jsonl` throughput.

`crampcoach --help` is timed against a generated Typer app with the same commands and
groups and nothing behind them, both in fresh processes, alternately, in the same run
(issue 12: within 1.5 times), by the processor time each used (the wall clock beside
it). `ask --jsonl` answers the held-out questions, repeated, and is set beside the same
questions answered in this process without the JSON layer.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

import typer
from jsonl_timing import jsonl_run
from targets import child_cpu_seconds, record

from crampcoach.cli.app import app
from crampcoach.coach import Coach

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ROOT / "tests" / "data" / "ask_heldout.jsonl"
RUNS = 7
HELP_RATIO_TARGET = 1.5
ASK_LINES = 4000
ASK_TARGET = 2000  # questions per second (issue 12)


def _shape(typer_app: typer.Typer) -> dict[str, object]:
    """The app's commands and groups, by name: None for a command, a dict for a group."""
    shape: dict[str, object] = {}
    for command in typer_app.registered_commands:
        name = command.name or (command.callback.__name__ if command.callback else "")
        shape[name.replace("_", "-")] = None
    for group in typer_app.registered_groups:
        assert group.typer_instance is not None
        shape[group.name or ""] = _shape(group.typer_instance)
    return shape


def _bare_app(shape: dict[str, object]) -> str:
    """The source of a Typer app with these commands and groups, each doing nothing."""
    lines = [
        "import typer",
        "app = typer.Typer(no_args_is_help=True, add_completion=False)",
        "def noop() -> None:",
        '    """A command."""',
        "@app.callback()",
        "def main(version: bool = typer.Option(False, '--version')) -> None:",
        '    """The bare app."""',
    ]
    for name, sub in shape.items():
        if sub is None:
            lines.append(f"app.command({name!r})(noop)")
            continue
        assert isinstance(sub, dict)
        lines.append(f"group_{len(lines)} = typer.Typer()")
        group = f"group_{len(lines) - 1}"
        lines += [f"{group}.command({child!r})(noop)" for child in sub]
        lines.append(f"app.add_typer({group}, name={name!r})")
    lines.append("app()")
    return "\n".join(lines) + "\n"


def _seconds(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, processor seconds) of one run of `argv`."""
    return child_cpu_seconds(
        lambda: subprocess.run(argv, stdout=subprocess.DEVNULL, check=True, env=env)
    )


def _start_up() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    shape = _shape(app)
    commands = sum(1 if not isinstance(sub, dict) else len(sub) for sub in shape.values())
    with tempfile.TemporaryDirectory() as folder:
        bare = Path(folder) / "bare.py"
        bare.write_text(_bare_app(shape), encoding="utf-8")
        ours, theirs, version = [], [], []
        for _ in range(RUNS):
            ours.append(_seconds([sys.executable, "-m", "crampcoach", "--help"], env))
            theirs.append(_seconds([sys.executable, str(bare), "--help"], env))
            version.append(_seconds([sys.executable, "-m", "crampcoach", "--version"], env))
    wall, cpu = (median(r[0] for r in ours), median(r[1] for r in ours))
    bare_wall, bare_cpu = (median(r[0] for r in theirs), median(r[1] for r in theirs))
    # The verdict is the processor time's: the wall clock moves with the other work on the
    # shared cores.
    ratio, wall_ratio = cpu / bare_cpu, wall / bare_wall
    verdict = "meets" if ratio <= HELP_RATIO_TARGET else "above"
    print(
        f"--help: {cpu:.3f} s of processor time ({wall:.3f} s wall); bare Typer app with the "
        f"same {commands} commands: {bare_cpu:.3f} s ({bare_wall:.3f} s wall); ratio "
        f"{ratio:.2f} ({wall_ratio:.2f} wall; {verdict} the {HELP_RATIO_TARGET}x target; "
        f"median of {RUNS} runs each, alternately)"
    )
    record(
        "crampcoach --help",
        f"{cpu:.3f} s of processor time, {ratio:.2f}x the bare app ({wall_ratio:.2f}x wall)",
        f"a bare Typer app with the same {commands} commands: {bare_cpu:.3f} s of processor "
        f"time, {bare_wall:.3f} s wall (median of {RUNS} runs each, alternately)",
        f"<= {HELP_RATIO_TARGET}x",
        ratio <= HELP_RATIO_TARGET,
    )
    print(f"--version: {median(r[1] for r in version):.3f} s of processor time")


def _ask_throughput() -> None:
    rows = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines()]
    questions = [row["question"] for row in rows if row.get("question")]
    lines = [
        json.dumps({"id": n, "question": questions[n % len(questions)]}) for n in range(ASK_LINES)
    ]
    coach = Coach()
    coach.ask(questions[0])  # the index, built once
    start, cpu_start = time.perf_counter(), time.process_time()
    asked = questions * (ASK_LINES // len(questions))
    for question in asked:
        coach.ask(question)
    baseline = len(asked) / (time.perf_counter() - start)
    baseline_ms = (time.process_time() - cpu_start) / len(asked) * 1000
    run = jsonl_run("ask", lines)
    print(
        f"ask --jsonl: {run.rate:.0f} questions/s ({ASK_LINES} lines, start-up included, "
        f"wall clock, {os.cpu_count()} cores); once started {run.started:.0f}/s after a "
        f"{run.start_up:.2f} s start-up; processor time {run.whole_cpu:.2f} s "
        f"({run.start_up_cpu:.2f} s for one line, then {run.cpu_per_line_ms:.2f} ms a "
        f"question): {run.idle_rate:.0f}/s on idle cores; baseline Coach.ask in one "
        f"process, no JSON: {baseline:.0f} questions/s, {baseline_ms:.2f} ms a question"
    )
    record(
        "ask --jsonl",
        f"{run.idle_rate:.0f} questions/s from processor time on {os.cpu_count()} idle cores "
        f"({run.rate:.0f}/s wall clock on the shared cores), start-up "
        f"{run.start_up_cpu:.2f} s, {run.cpu_per_line_ms:.2f} ms a question",
        f"Coach.ask in one process: {baseline_ms:.2f} ms a question ({baseline:.0f}/s)",
        f">= {ASK_TARGET}/s",
        run.idle_rate >= ASK_TARGET,
    )


def main() -> None:
    _start_up()
    _ask_throughput()


if __name__ == "__main__":
    main()
