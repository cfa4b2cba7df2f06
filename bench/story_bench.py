"""How fast the free-text parser is: start-up (import + lexicon), then per story.

Start-up is timed in a fresh process (cold imports), for the parser alone. Per-story time
is over the stories in tests/data/stories.yaml (each parsed 20 times), then for long texts
of 10,000, 50,000 and 100,000 characters (read whole: the time must grow in line with the
length) and a 1 MB text (cut to its first 100,000 characters).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from statistics import median, quantiles

import yaml

from crampcoach import assess

ROOT = Path(__file__).resolve().parents[1]
STORIES = ROOT / "tests" / "data" / "stories.yaml"
_STARTUP = """
import time
start = time.perf_counter()
import crampcoach
package = time.perf_counter()
from crampcoach.core.story.parser import parse_story
imported = time.perf_counter()
parse_story("calf cramp")
print(package - start, imported - package, time.perf_counter() - imported)
"""


def _startup() -> tuple[float, float, float]:
    """Seconds to import the package, then the parser, then to load the lexicon (first parse)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run(
        [sys.executable, "-c", _STARTUP], capture_output=True, text=True, env=env, check=True
    ).stdout.split()
    return float(out[0]), float(out[1]), float(out[2])


def main() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from crampcoach.core.story import parse_story

    runs = [_startup() for _ in range(3)]
    package, imported, lexicon = (median(r[i] for r in runs) for i in range(3))
    print(
        f"story start-up: package import {package:.3f} s, then parser import {imported:.3f} s"
        f" + lexicon {lexicon:.3f} s = {package + imported + lexicon:.3f} s (target < 0.5 s)"
    )

    texts = [s["text"] for s in yaml.safe_load(STORIES.read_text(encoding="utf-8"))]
    parse_story("warm-up")  # lexicon loaded before timing
    times = []
    for _ in range(20):
        for text in texts:
            start = time.perf_counter()
            parse_story(text)
            times.append((time.perf_counter() - start) * 1000)
    p95 = quantiles(times, n=20)[-1]
    print(
        f"per story ({len(texts)} stories x 20): median {median(times):.2f} ms, "
        f"p95 {p95:.2f} ms, max {max(times):.2f} ms (target < 5 ms)"
    )

    joined = " ".join(texts)
    for size in (10_000, 50_000, 100_000):
        long_story = (joined * (size // len(joined) + 1))[:size]
        runs, whole = [], []
        for _ in range(3):
            start = time.perf_counter()
            parsed = parse_story(long_story)
            runs.append((time.perf_counter() - start) * 1000)
            assess(parsed.intake)
            whole.append((time.perf_counter() - start) * 1000)
        per_1000 = median(runs) / size * 1000
        print(
            f"{size:,}-character text (the stories one after another): "
            f"parse median {median(runs):.0f} ms, {per_1000:.1f} ms per 1,000 characters; "
            f"parse + assess {median(whole):.0f} ms (target for 50,000: well under 1 s)"
        )
    megabyte = "My calf cramped on a run. " + "x " * 500_000
    start = time.perf_counter()
    parse_story(megabyte)
    print(f"1 MB text (cut to 100,000 characters): {(time.perf_counter() - start) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
