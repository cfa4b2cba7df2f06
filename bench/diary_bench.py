"""Diary speed: insert and list, `patterns` over 3,000 sessions and 300 cramps, and import.

Run: `PYTHONPATH=src .venv/bin/python bench/diary_bench.py` (the import part needs fit-tool).
Targets: patterns (database read + statistics) under 1 s; importing files close to the
speed of `read_many` alone, i.e. the database adds little per file.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from crampcoach.core.patterns import find_patterns
from crampcoach.diary.records import CrampCreate, SessionCreate
from crampcoach.diary.repository import Diary
from crampcoach.knowledge.loader import load_knowledge
from crampcoach.knowledge.pattern_rules import load_pattern_rules
from crampcoach.package_knowledge import pattern_rules

SESSIONS = 3000
CRAMPS = 300
IMPORT_FILES = 1000


def _sessions(rng: random.Random) -> list[SessionCreate]:
    start = datetime(2018, 1, 1, 6, 0, tzinfo=UTC)
    return [
        SessionCreate(
            sport=rng.choice(["running", "cycling", "swimming", "hiking"]),
            start=start + timedelta(days=i * 0.8, hours=rng.randint(0, 14)),
            duration_s=rng.choice([1800, 2700, 3600, 5400, 7200, 10800]),
            temperature_c=rng.uniform(-5, 35) if rng.random() < 0.9 else None,
            warmup=rng.random() < 0.6 if rng.random() < 0.7 else None,
            fluids_l=rng.uniform(0, 2) if rng.random() < 0.5 else None,
            sodium_mg=rng.choice([0.0, 300.0, 900.0]) if rng.random() < 0.5 else None,
            effort=rng.choice(["easy", "usual", "hard", "race", None]),
            avg_heart_rate=rng.uniform(110, 170),
            max_heart_rate=rng.uniform(160, 195),
        )
        for i in range(SESSIONS)
    ]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def bench_records(folder: Path) -> None:
    rng = random.Random(7)
    with Diary.open(f"sqlite:///{folder / 'bench.sqlite'}") as diary:
        new = _sessions(rng)
        t = time.perf_counter()
        stored = [diary.add_session(s) for s in new]
        insert = time.perf_counter() - t
        t = time.perf_counter()
        for i in range(CRAMPS):
            session = stored[rng.randrange(SESSIONS)] if i % 5 else None
            diary.add_cramp(
                CrampCreate(
                    time=session.start if session else stored[i].start + timedelta(hours=20),
                    muscle=rng.choice(["calf", "hamstring", "foot"]),
                    severity=rng.randint(1, 10),
                    session_id=session.id if session else None,
                    at_night=session is None,
                )
            )
        cramps = time.perf_counter() - t
        print(
            f"insert: {SESSIONS} sessions in {_ms(insert)} ({insert / SESSIONS * 1e6:.0f} µs each, "
            f"one transaction each); {CRAMPS} cramps in {_ms(cramps)}"
        )
        t = time.perf_counter()
        listed = diary.list_sessions()
        print(f"list: {len(listed)} sessions in {_ms(time.perf_counter() - t)}")
        kb = load_knowledge()
        rules = pattern_rules(kb, load_pattern_rules(kb))
        runs = []
        for _ in range(5):
            t = time.perf_counter()
            sessions, cramp_facts = diary.pattern_inputs()
            read = time.perf_counter() - t
            report = find_patterns(sessions, cramp_facts, date(2026, 11, 21), rules=rules)
            runs.append((time.perf_counter() - t, read))
        total, read = min(runs)
        shown = sum(p.status != "not_enough_data" for p in report.patterns)
        print(
            f"patterns: {SESSIONS} sessions, {CRAMPS} cramps in {_ms(total)} "
            f"(database read {_ms(read)}, statistics {_ms(total - read)}; best of 5; "
            f"{len(report.patterns)} condition levels, {shown} with enough data; target < 1 s)"
        )


def bench_import(folder: Path) -> None:
    try:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "diary"))
        from activity_files import fit_bytes, gpx_text, tcx_text, write
    except ImportError:
        print("import: skipped (needs fit-tool from the dev extra)")
        return
    from crampcoach.diary.importers import read_many

    start = datetime(2020, 1, 1, 6, 0, tzinfo=UTC)
    files = []
    for i in range(IMPORT_FILES):
        when = start + timedelta(hours=i * 7)
        if i % 10 == 0:  # fit-tool writes slowly: fewer and shorter FIT files
            content: bytes | str = fit_bytes(start=when, points=60, interval_s=30)
            suffix = "fit"
        elif i % 2:
            content, suffix = gpx_text(start=when, points=200, interval_s=3), "gpx"
        else:
            content, suffix = tcx_text(start=when, points=200, interval_s=3), "tcx"
        files.append(write(folder / f"{i:04}.{suffix}", content))
    parse = full = float("inf")
    for attempt in range(2):  # alternate: other load on the machine hits both alike
        t = time.perf_counter()
        bare = sum(1 for _ in read_many(files, workers=2))
        parse = min(parse, time.perf_counter() - t)
        with Diary.open(f"sqlite:///{folder / f'import{attempt}.sqlite'}") as diary:
            t = time.perf_counter()
            report = diary.import_files(files, workers=2)
            full = min(full, time.perf_counter() - t)
            t = time.perf_counter()
            again = diary.import_files(files, workers=2)
            repeat = time.perf_counter() - t
        assert bare == IMPORT_FILES and report.count("imported") == IMPORT_FILES
        assert again.count("duplicate") == IMPORT_FILES
    print(
        f"import: {IMPORT_FILES} files (10% FIT, 45% GPX, 45% TCX, 10 min each), 2 workers, "
        f"best of 2: read_many alone {IMPORT_FILES / parse:.0f} files/s, into the diary "
        f"{IMPORT_FILES / full:.0f} files/s ({parse / full:.0%} of the parser's rate); "
        f"the same files again (all duplicates) {IMPORT_FILES / repeat:.0f} files/s"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        bench_records(Path(tmp))
        bench_import(Path(tmp))


if __name__ == "__main__":
    main()
