"""Accuracy on the story and question sets, through the JSON-lines commands.

Uses shared/bench/score.py (beside the checkout). bench/data holds the sets written
blind to the code, for measuring how the tool does on wording it has never seen.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCORE = ROOT.parent / "shared" / "bench" / "score.py"
COMMAND = f"{sys.executable} -m crampcoach"


def score(mode: str, cases: Path | None) -> str:
    args = [sys.executable, str(SCORE), mode, "--cmd", f"{COMMAND} {mode} --jsonl"]
    if cases is not None:
        args += ["--cases", str(cases)]
    out = subprocess.run(args, capture_output=True, text=True, check=False).stdout
    return out.strip().splitlines()[-1] if out.strip() else "(no output)"


def main() -> None:
    if not SCORE.exists():
        print(f"accuracy: skipped ({SCORE} is not beside the checkout)")
        return
    print(score("assess", None))
    for path in sorted((ROOT / "bench" / "data").glob("vignettes_*.jsonl")):
        print(score("assess", path))
    print(score("ask", None))
    for path in sorted((ROOT / "bench" / "data").glob("questions_*.jsonl")):
        print(score("ask", path))


if __name__ == "__main__":
    main()
