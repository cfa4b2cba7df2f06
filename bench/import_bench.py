"""Import speed: read_many over 1,000 mixed activity files, against the bare parsers.

Run: `PYTHONPATH=src .venv/bin/python bench/import_bench.py` (needs the dev extra: fit-tool).
"Bare" is each parser alone with the options our reader uses: fitdecode iterating every frame
(CRC check off, errors ignored), gpxpy.parse, tcxreader read(only_gps=False), plus reading the
file and the gunzip any caller needs. "Ours" adds format detection, hashing, error handling and
the summary. Other processes on the machine skew the workers=2 figure most.
"""

from __future__ import annotations

import gzip
import io
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import fitdecode
import gpxpy
from tcxreader.tcxreader import TCXReader

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "diary"))
from activity_files import fit_bytes, gpx_text, tcx_text, write

from crampcoach.diary.importers import ActivityRecord, read_many

FILES = 1000
SIZES = (200, 600, 1200)  # points: 10 min, 30 min and 1 h at one point every 3 s
FORMATS = ("fit", "gpx", "tcx", "fit", "gpx", "fit", "tcx", "fit", "gpx", "tcx")  # 40/30/30


def _generate(folder: Path) -> list[Path]:
    templates = {
        (fmt, size): maker(points=size, interval_s=3)
        for size in SIZES
        for fmt, maker in (("fit", fit_bytes), ("gpx", gpx_text), ("tcx", tcx_text))
    }
    files = []
    for i in range(FILES):
        fmt = FORMATS[i % len(FORMATS)]
        gz = i % 4 == 3
        name = f"{i:04}.{fmt}" + (".gz" if gz else "")
        files.append(write(folder / name, templates[fmt, SIZES[i % len(SIZES)]], gz=gz))
    return files


def _format_of(path: Path) -> str:
    return path.name.removesuffix(".gz").rsplit(".", 1)[1]


def _bare_parse(path: Path) -> None:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    fmt = _format_of(path)
    if fmt == "fit":
        with fitdecode.FitReader(
            io.BytesIO(data),
            check_crc=fitdecode.CrcCheck.DISABLED,
            error_handling=fitdecode.ErrorHandling.IGNORE,
        ) as reader:
            for _ in reader:
                pass
    elif fmt == "gpx":
        gpxpy.parse(data.decode())
    else:
        TCXReader().read(io.BytesIO(data), only_gps=False)  # type: ignore[arg-type]


def _seconds(job: Callable[[], object], clock: Callable[[], float] = time.perf_counter) -> float:
    start = clock()
    job()
    return clock() - start


def _read_all(files: list[Path], workers: int) -> None:
    results = list(read_many(files, workers=workers))
    failed = [str(r) for _, r in results if not isinstance(r, ActivityRecord)]
    if failed:
        raise SystemExit(f"import bench: {len(failed)} files failed, first: {failed[0]}")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        print(f"import bench: writing {FILES} activity files ...", file=sys.stderr)
        files = _generate(Path(tmp))
        megabytes = sum(p.stat().st_size for p in files) / 1e6
        print(f"import: {FILES} files ({megabytes:.0f} MB, 40% FIT, 30% GPX, 30% TCX, 1/4 gzipped)")
        # Per format, this process's CPU time: other programs on the machine do not skew it.
        print("  per file, CPU time of one process (bare parser vs read_many serial):")
        bare_total = ours_total = 0.0
        for fmt in ("fit", "gpx", "tcx"):
            group = [p for p in files if _format_of(p) == fmt]
            bare = ours = 0.0
            for path in group:  # alternate, so any drift in speed hits both alike
                bare += _seconds(lambda path=path: _bare_parse(path), time.process_time)
                ours += _seconds(lambda path=path: _read_all([path], workers=1), time.process_time)
            bare_total += bare
            ours_total += ours
            print(
                f"    {fmt}: bare {len(group) / bare:6.1f} files/s, ours {len(group) / ours:6.1f}"
                f" files/s, overhead {ours / bare - 1:+.0%}"
            )
        print(
            f"    all: bare {FILES / bare_total:6.1f} files/s, ours {FILES / ours_total:6.1f}"
            f" files/s, overhead {ours_total / bare_total - 1:+.0%}"
        )
        # The whole import, wall clock: what a user waits for.
        serial = _seconds(lambda: _read_all(files, workers=1))
        pooled = _seconds(lambda: _read_all(files, workers=2))
        print("  all 1,000 files, wall clock:")
        print(f"    read_many workers=1: {serial:5.1f} s, {FILES / serial:6.1f} files/s")
        print(
            f"    read_many workers=2: {pooled:5.1f} s, {FILES / pooled:6.1f} files/s"
            f" ({serial / pooled:.2f}x as fast as serial)"
        )


if __name__ == "__main__":
    main()
