"""How many questions the interview asks over the development stories.

Each story in ../shared/bench/vignettes-dev.jsonl is parsed, then interviewed by a
simulated person with a fixed way of answering: "don't know" to everything, "no" to
every yes/no question (and "don't know" to the rest), or "yes" to every yes/no question.
Prints the median and the largest number of questions per way of answering, and which
story needed the most. The interview stops by itself once no answer could change the
triage or the top three factors, or after MAX_QUESTIONS.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parents[1]
STORIES = ROOT.parent / "shared" / "bench" / "vignettes-dev.jsonl"


def main() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from crampcoach.core.assessment import FollowUp
    from crampcoach.core.interview import MAX_QUESTIONS, run
    from crampcoach.core.story import parse_story
    from crampcoach.knowledge.loader import load_knowledge

    if not STORIES.exists():
        print(f"interview: skipped, {STORIES} not found")
        return
    lines = STORIES.read_text(encoding="utf-8").splitlines()
    stories = [json.loads(line) for line in lines if line.strip()]

    def answering(yes_no: str) -> Callable[[FollowUp], str]:
        return lambda question: yes_no if question.kind == "yes_no" else "don't know"

    kb = load_knowledge()
    people = {"don't know": answering("don't know"), "no": answering("no"), "yes": answering("yes")}
    for name, reply in people.items():
        counts = {
            s["id"]: len(run(parse_story(s["text"]).intake, reply, kb).asked) for s in stories
        }
        most = max(counts, key=counts.__getitem__)
        print(
            f"interview, answering {name!r}: median {median(counts.values()):g} questions,"
            f" max {counts[most]} ({most}), cap {MAX_QUESTIONS}, {len(counts)} stories"
        )


if __name__ == "__main__":
    main()
