"""The personal forecast: how well it does on simulated people, and how long a plan with
its forecast takes on a big diary (run: make bench, or python bench/forecast_bench.py).

Accuracy: 200 simulated people (tests/core/simulated_people.py), each with a diary of 60
sessions, forecast for 50 next sessions: the AUC per person (averaged; beside it the AUC
of the true chances, the most any forecast could reach), the Brier score against the
population prior alone, and how often the 90% interval holds the true chance. Two
scenarios, three seeds each.

Speed: a plan with its forecast over a diary of 3,000 sessions and 300 cramps (target:
under 100 ms), side by side with the same plan without a diary in the same run.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from crampcoach.core.patterns import CrampFacts, SessionFacts
from crampcoach.core.personal_plan import personal_plan
from crampcoach.core.plan import make_plan
from crampcoach.package_knowledge import PackageKnowledge

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "core"))
from simulated_people import evaluate

PEOPLE, SESSIONS, NEXT = 200, 60, 50
SEEDS = (1, 2, 3)
TARGET_MS = 100.0


def big_diary() -> tuple[list[SessionFacts], list[CrampFacts]]:
    rng = random.Random(7)
    start = datetime(2018, 1, 1, 7, tzinfo=UTC)
    sessions = [
        SessionFacts(
            id=i + 1,
            sport=rng.choice(("running", "running", "cycling", "swimming")),
            start=start + timedelta(hours=19 * i),
            duration_s=rng.uniform(0.4, 4.0) * 3600,
            temperature_c=rng.uniform(0, 34),
            warmup=rng.random() < 0.7,
            fluids_l=rng.uniform(0, 2),
            sodium_mg=rng.choice((0.0, 300.0, 600.0)),
            effort=rng.choice(("easy", "usual", "hard", "race")),
        )
        for i in range(3000)
    ]
    cramped = rng.sample(sessions, 300)
    cramps = [CrampFacts(time=s.start + timedelta(minutes=40), session_id=s.id) for s in cramped]
    return sessions, cramps


def timing(knowledge: PackageKnowledge) -> tuple[float, float, float]:
    """Median ms of a plan with its forecast over the big diary (wall clock, and processor
    time, which a busy machine inflates less), and of a plan without a diary."""
    sessions, cramps = big_diary()
    now = datetime(2026, 12, 6, 8, tzinfo=UTC)
    evidence = {f.id: f.evidence for f in knowledge.base.factors.values()}

    def with_forecast() -> None:
        personal_plan(
            "running",
            2.5,
            29.0,
            sessions=sessions,
            cramps=cramps,
            now=now,
            tz=UTC,
            rules=knowledge.plan_rules,
            pattern_rules=knowledge.pattern_rules,
            forecast_rules=knowledge.forecast_rules,
            evidence=evidence,
        )

    def without() -> None:
        make_plan("running", 2.5, 29.0, rules=knowledge.plan_rules)

    results = []
    for run in (with_forecast, without):
        run()  # warm
        wall, cpu = [], []
        for _ in range(15):
            start, start_cpu = time.perf_counter(), time.process_time()
            run()
            wall.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        results.append((statistics.median(wall), statistics.median(cpu)))
    return results[0][0], results[0][1], results[1][0]


def main() -> None:
    knowledge = PackageKnowledge()
    with_ms, cpu_ms, without_ms = timing(knowledge)
    verdict = "met" if with_ms < TARGET_MS else "MISSED"
    print(
        f"forecast: plan with forecast over 3,000 sessions and 300 cramps {with_ms:.1f} ms "
        f"(processor {cpu_ms:.1f} ms; target < {TARGET_MS:.0f} ms: {verdict}); "
        f"plan without a diary {without_ms:.2f} ms"
    )
    for scenario in ("conditions", "subtle"):
        for seed in SEEDS:
            r = evaluate(knowledge.forecast_rules, scenario, PEOPLE, SESSIONS, seed, NEXT)
            print(
                f"forecast: {scenario} seed {seed}: AUC {r.auc:.3f} "
                f"(true chances {r.oracle:.3f}), Brier {r.brier:.4f} "
                f"(prior alone {r.brier_prior:.4f}), 90% interval coverage {r.coverage:.3f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
