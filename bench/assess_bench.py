"""How fast the engine is: knowledge load once, then assess() per intake; `assess --jsonl`.

The JSON-lines throughput is measured side by side with a baseline taken in the same run:
the same stories through parse + assess in this one process, without the JSON layer.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from statistics import median

from jsonl_timing import jsonl_rates

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
    times = []
    for _ in range(300):
        for intake in intakes:
            t = time.perf_counter()
            assess(intake, kb)
            times.append(time.perf_counter() - t)
    print(
        f"assess: median {median(times) * 1e6:.0f} µs, max {max(times) * 1e6:.0f} µs "
        f"over {len(times)} calls"
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
    start = time.perf_counter()
    for text in texts:
        coach.assess_story(text)
    baseline = len(texts) / (time.perf_counter() - start)
    rate, started, start_up = jsonl_rates("assess", lines)
    verdict = "meets" if rate >= JSONL_TARGET else "below"
    print(
        f"assess --jsonl: {rate:.0f} stories/s ({len(lines)} lines, start-up included, "
        f"{os.cpu_count()} cores; {verdict} the {JSONL_TARGET}/s target); once started "
        f"{started:.0f}/s after a {start_up:.2f} s start-up; baseline parse + assess in one "
        f"process, no JSON: {baseline:.0f} stories/s"
    )


if __name__ == "__main__":
    main()
