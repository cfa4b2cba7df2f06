"""How fast the engine is: knowledge load once, then assess() per intake."""

from __future__ import annotations

import time
from statistics import median

from crampcoach.core.assess import assess
from crampcoach.knowledge.intake import Intake
from crampcoach.knowledge.loader import load_knowledge

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


if __name__ == "__main__":
    main()
