"""How fast Chinese stories are read, beside English ones in the same run.

Per story, over the Chinese development stories (bench/data/vignettes_zh_dev.jsonl, each
read 20 times) against the English stories of tests/data/stories.yaml, timed the same way;
then the reader's build (data, jieba and its dictionary, once per process), and long
stories of 10,000, 50,000 and 100,000 characters in Chinese and in English, which must be
read in time in line with their length (issue 11: 50,000 well under a second).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from statistics import median, quantiles

import yaml

ROOT = Path(__file__).resolve().parents[1]
ZH = ROOT / "bench" / "data" / "vignettes_zh_dev.jsonl"
EN = ROOT / "tests" / "data" / "stories.yaml"


def _per_story(read: object, texts: list[str]) -> tuple[float, float]:
    times = []
    for _ in range(20):
        for text in texts:
            start = time.perf_counter()
            read(text)  # type: ignore[operator]
            times.append((time.perf_counter() - start) * 1000)
    return median(times), quantiles(times, n=20)[-1]


def main() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from crampcoach.core.story import parse_story
    from crampcoach.package_knowledge import PackageKnowledge

    knowledge = PackageKnowledge()
    lexicon = knowledge.lexicon
    start = time.perf_counter()
    reader = knowledge.story_reader("zh-Hans")
    built = time.perf_counter() - start
    chinese = [json.loads(line)["text"] for line in ZH.read_text(encoding="utf-8").splitlines()]
    english = [s["text"] for s in yaml.safe_load(EN.read_text(encoding="utf-8"))]
    reader.read(chinese[0])
    parse_story(english[0], lexicon)
    zh_median, zh_p95 = _per_story(reader.read, chinese)
    en_median, en_p95 = _per_story(lambda text: parse_story(text, lexicon), english)
    print(
        f"Chinese story ({len(chinese)} x 20): median {zh_median:.2f} ms, p95 {zh_p95:.2f} ms;"
        f" English in the same run: median {en_median:.2f} ms, p95 {en_p95:.2f} ms"
        " (target: a few ms)"
    )
    print(f"Chinese reader build {built:.2f} s (once per process)")
    # Long stories: the development stories joined end to end (nearly every sentence a
    # fact), each language's own, timed in the same run. Issue 11: the whole text in time
    # in line with its length, 50,000 characters well under a second.
    for name, read, joined in (
        ("Chinese", reader.read, "".join(chinese)),
        ("English", lambda text: parse_story(text, lexicon), " ".join(english)),
    ):
        took = [_long(read, joined, size) for size in _SIZES]
        shown = ", ".join(
            f"{size:,} {seconds:.3f} s" for size, seconds in zip(_SIZES, took, strict=True)
        )
        print(
            f"{name} long story: {shown} ({took[1] / took[0]:.1f}x for 5x, "
            f"{took[2] / took[0]:.1f}x for 10x; target: in line with its length)"
        )


_SIZES = (10_000, 50_000, 100_000)


def _long(read: object, joined: str, size: int) -> float:
    """Seconds to read `joined`, repeated to `size` characters (the best of two)."""
    text = (joined * (size // len(joined) + 1))[:size]
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        read(text)  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best


if __name__ == "__main__":
    main()
