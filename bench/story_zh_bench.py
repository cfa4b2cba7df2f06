"""How fast Chinese stories are read, beside English ones in the same run.

Per story, over the Chinese development stories (bench/data/vignettes_zh_dev.jsonl, each
read 20 times) against the English stories of tests/data/stories.yaml, timed the same way;
then the reader's build (data, jieba and its dictionary, once per process) and a
50,000-character Chinese story, which must be read in time in line with its length.
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
    joined = "".join(chinese)
    sizes = (10_000, 50_000)
    took = []
    for size in sizes:
        text = (joined * (size // len(joined) + 1))[:size]
        start = time.perf_counter()
        reader.read(text)
        took.append(time.perf_counter() - start)
    print(
        f"Chinese reader build {built:.2f} s (once per process); a {sizes[0]:,}-character story"
        f" {took[0]:.3f} s, {sizes[1]:,} {took[1]:.3f} s ({took[1] / took[0]:.1f}x for 5x)"
    )


if __name__ == "__main__":
    main()
