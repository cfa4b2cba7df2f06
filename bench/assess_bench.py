"""How fast the engine is: knowledge load once, then assess() per intake; `assess --jsonl`.

One assessment's p50 is timed in processor time (the cores are shared; wall time beside it).
The JSON-lines throughput is measured side by side with a baseline taken in the same run:
the same stories through parse + assess in this one process, without the JSON layer; and
it is given both by the wall clock and from the processor time the run used.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from statistics import median

from jsonl_timing import jsonl_run
from targets import record

from crampcoach.core.assess import assess
from crampcoach.knowledge.intake import Intake
from crampcoach.knowledge.loader import load_knowledge

ROOT = Path(__file__).resolve().parents[1]
VIGNETTES = [
    ROOT.parent / "shared" / "bench" / "vignettes-dev.jsonl",
    ROOT / "bench" / "data" / "vignettes_final.jsonl",
]
JSONL_LINES = 2000
JSONL_TARGET = 1000  # stories per second (issue 12)
P50_TARGET_US = 500  # one assessment (issue 12)

STORIES = [
    {},
    {
        "episode": {"muscle": "calf", "during_exercise": True},
        "person": {"cramp_history": True},
        "activity": {"duration_s": 12000, "intensity": "race", "air_temperature_c": 18},
    },
    {"episode": {"muscle": "calf", "at_night": True, "per_week": 3}, "person": {"age_years": 72}},
    {
        "episode": {"muscle": "calf"},
        "findings": {"swelling_one_side": True, "warmth": True, "breathlessness": True},
    },
]


def main() -> None:
    start = time.perf_counter()
    kb = load_knowledge()
    print(f"knowledge load: {(time.perf_counter() - start) * 1000:.1f} ms")
    intakes = [Intake.model_validate(s) for s in STORIES]
    for intake in intakes:
        assess(intake, kb)
    times, cpu = [], []
    for _ in range(300):
        for intake in intakes:
            t, c = time.perf_counter(), time.thread_time()
            assess(intake, kb)
            cpu.append(time.thread_time() - c)
            times.append(time.perf_counter() - t)
    p50 = median(cpu) * 1e6
    print(
        f"assess: median {p50:.0f} µs of processor time ({median(times) * 1e6:.0f} µs wall), "
        f"max {max(times) * 1e6:.0f} µs wall over {len(times)} calls"
    )
    record(
        "one assessment, p50",
        f"{p50:.0f} µs of processor time ({median(times) * 1e6:.0f} µs wall)",
        "none: an absolute target, timed in processor time so that other work on the cores "
        "does not count",
        f"<= {P50_TARGET_US} µs",
        p50 <= P50_TARGET_US,
    )

    _jsonl_throughput()


def _story_lines() -> list[str]:
    """JSONL_LINES lines of {"id", "text"}: the vignettes' stories, repeated."""
    path = next(p for p in VIGNETTES if p.exists())
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [
        json.dumps({"id": rows[i % len(rows)]["id"], "text": rows[i % len(rows)]["text"]})
        for i in range(JSONL_LINES)
    ]


def _jsonl_throughput() -> None:
    """`crampcoach assess --jsonl` on a file of stories, beside parse + assess in-process."""
    from crampcoach.coach import Coach

    lines = _story_lines()
    texts = [json.loads(line)["text"] for line in lines]
    coach = Coach()
    coach.assess_story(texts[0])  # the knowledge and the compiled lexicon, loaded once
    start, cpu_start = time.perf_counter(), time.process_time()
    for text in texts:
        coach.assess_story(text)
    baseline = len(texts) / (time.perf_counter() - start)
    baseline_ms = (time.process_time() - cpu_start) / len(texts) * 1000
    run = jsonl_run("assess", lines)
    print(
        f"assess --jsonl: {run.rate:.0f} stories/s ({len(lines)} lines, start-up included, "
        f"wall clock, {os.cpu_count()} cores); once started {run.started:.0f}/s after a "
        f"{run.start_up:.2f} s start-up; processor time {run.whole_cpu:.2f} s "
        f"({run.start_up_cpu:.2f} s for one line, then {run.cpu_per_line_ms:.2f} ms a "
        f"story): {run.idle_rate:.0f}/s on idle cores; baseline parse + assess in one "
        f"process, no JSON: {baseline:.0f} stories/s, {baseline_ms:.2f} ms a story"
    )
    record(
        "assess --jsonl",
        f"{run.idle_rate:.0f} stories/s from processor time on {os.cpu_count()} idle cores "
        f"({run.rate:.0f}/s wall clock on the shared cores), start-up "
        f"{run.start_up_cpu:.2f} s, {run.cpu_per_line_ms:.2f} ms a story",
        f"parse + assess in one process: {baseline_ms:.2f} ms a story ({baseline:.0f}/s)",
        f">= {JSONL_TARGET}/s",
        run.idle_rate >= JSONL_TARGET,
    )


if __name__ == "__main__":
    main()
