"""The fuzzing pass of issue 16 (`make fuzz`): every target of tests/fuzzing.py with 10,000
hypothesis inputs (or --inputs), seeded, then the figures: inputs per target, the tracebacks
found (each with its place), the inputs only the importer's catch-all refused, and the time.

    python tools/fuzz.py                      # every target, 10,000 inputs each
    python tools/fuzz.py fit gpx --inputs 500 --seed 3

Exits 1 when any target found a traceback. Not part of `make test`: it takes several minutes
(tests/test_fuzzing.py runs each target briefly).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from fuzzing import REAL, TARGETS, Figures, run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", choices=[[], *TARGETS], default=[])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args(argv)
    names = args.targets or list(TARGETS)
    if not REAL.is_dir():
        print(f"note: {REAL} is absent: the file targets mutate only the files made here")
    results: list[Figures] = []
    for name in names:
        print(f"== {name}: {args.inputs:,} inputs, seed {args.seed}", flush=True)
        figures = run(name, args.inputs, args.seed)
        results.append(figures)
        for signature, count in figures.failures.most_common():
            print(f"   traceback x{count}: {signature}")
            print(f"      first input: {figures.examples[signature][:300]!r}")
        for signature, count in figures.unclear.most_common():
            print(f"   catch-all x{count}: {signature}")
    print()
    header = ("target", "inputs", "tracebacks", "catch-all", "time", "per s")
    print("{:<10} {:>8} {:>11} {:>10} {:>9} {:>7}".format(*header))
    for f in results:
        rate = f.inputs / f.seconds if f.seconds else 0.0
        print(
            f"{f.target:<10} {f.inputs:>8,} {f.failed:>11} {sum(f.unclear.values()):>10} "
            f"{f.seconds:>8.1f}s {rate:>7.0f}"
        )
    return 1 if any(f.failed for f in results) else 0


if __name__ == "__main__":
    sys.exit(main())
