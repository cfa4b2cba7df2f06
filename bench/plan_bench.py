"""Timings for sweat_rate and make_plan (run: make bench, or python bench/plan_bench.py)."""

from __future__ import annotations

import time


def main() -> None:
    """Print the first-call cost (rules, unit registry) and the per-call cost."""
    start = time.perf_counter()
    from crampcoach import make_plan, sweat_rate

    sweat_rate("70kg", "68.8kg", "0.75L", "2h", "0.2L", sweat="typical")
    make_plan("running", "3h", "30C", humidity="60%")
    first = time.perf_counter() - start
    runs = 2000
    start = time.perf_counter()
    for _ in range(runs):
        sweat_rate(70.0, 68.8, 0.75, 2.0, 0.2, sweat="typical")
    per_sweat = (time.perf_counter() - start) / runs
    start = time.perf_counter()
    for _ in range(runs):
        make_plan("running", 3.0, 30.0, humidity=60.0, sweat_rate=1.6, body_mass=70.0)
    per_plan = (time.perf_counter() - start) / runs
    start = time.perf_counter()
    for _ in range(runs // 10):
        make_plan("running", "3h", "86F", humidity="60%", sweat_rate="1.6L/h", body_mass="154lb")
    per_plan_units = (time.perf_counter() - start) / (runs // 10)
    print(f"plan: import + first sweat_rate + first make_plan: {first * 1000:.0f} ms")
    print(f"plan: sweat_rate (numbers): {per_sweat * 1e6:.0f} µs per call")
    print(f"plan: make_plan (numbers): {per_plan * 1e6:.0f} µs per call")
    print(f"plan: make_plan (strings with units): {per_plan_units * 1e6:.0f} µs per call")


if __name__ == "__main__":
    main()
