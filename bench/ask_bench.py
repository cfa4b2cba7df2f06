"""How fast and how accurate `crampcoach ask` is: start-up, per question, accuracy.

Accuracy is measured on the held-out phrasings (tests/data/ask_heldout.jsonl), a second set
kept for checking (tests/data/ask_blind.jsonl) and, when ../shared is beside the checkout,
the development questions. Set CRAMPCOACH_SEMANTIC=1 (with the `semantic` extra installed)
to measure the blended lexical + semantic matcher too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parents[1]
SETS = {
    "held-out": ROOT / "tests" / "data" / "ask_heldout.jsonl",
    "blind": ROOT / "tests" / "data" / "ask_blind.jsonl",
    "dev": ROOT.parent / "shared" / "bench" / "questions-dev.jsonl",
}


def _cases(path: Path) -> list[tuple[str, str | None]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [(r["question"], r["expect"]["topic"] if "expect" in r else r["topic"]) for r in rows]


def _cold_start_seconds() -> float:
    """One `crampcoach ask --jsonl` process answering one line, start to finish."""
    line = json.dumps({"id": "b", "question": "does magnesium help cramps?"}) + "\n"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "crampcoach", "ask", "--jsonl"],
        input=line,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return time.perf_counter() - start


def _measure(label: str, semantic: bool) -> None:
    from crampcoach.core.answers import answer_question, build_index
    from crampcoach.knowledge.faq import load_faq

    start = time.perf_counter()
    entries = load_faq().entries
    scorer = None
    if semantic:
        from crampcoach.embeddings import build_semantic_scorer

        scorer = build_semantic_scorer(entries)
    index = build_index(entries, semantic=scorer)
    print(f"[{label}] load + index: {(time.perf_counter() - start) * 1000:.0f} ms")
    times: list[float] = []
    for name, path in SETS.items():
        if not path.exists():
            print(f"[{label}] {name}: skipped ({path} not found)")
            continue
        cases = _cases(path)
        hits = in_hits = in_all = oos_hits = oos_all = 0
        for question, want in cases:
            t = time.perf_counter()
            got = answer_question(question, index).topic
            times.append(time.perf_counter() - t)
            hits += got == want
            if want is None:
                oos_all += 1
                oos_hits += got is None
            else:
                in_all += 1
                in_hits += got == want
        print(
            f"[{label}] {name}: topic {hits / len(cases):.3f} ({hits}/{len(cases)}), "
            f"in scope {in_hits}/{in_all}, out of scope {oos_hits}/{oos_all}"
        )
    print(
        f"[{label}] per question: median {median(times) * 1000:.2f} ms, "
        f"max {max(times) * 1000:.2f} ms over {len(times)} questions"
    )


def main() -> None:
    print(f"cold start (process, one question): {_cold_start_seconds():.2f} s")
    _measure("lexical", semantic=False)
    if os.environ.get("CRAMPCOACH_SEMANTIC", "") in {"1", "true", "yes", "on"}:
        _measure("lexical+semantic", semantic=True)


if __name__ == "__main__":
    main()
