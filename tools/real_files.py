"""What crampcoach's import makes of each real file of ../shared/real-files (issue 16), as a
Markdown table to quote: the file, what the manifest expects, and the session kept (sport,
start, duration, distance) or why the file was refused or skipped, with every warning.

    python tools/real_files.py [FOLDER]       # make real-files

Each file is imported through the Coach (records.yaml's checks included) into a diary made
for the run and thrown away; the files are read in place.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from crampcoach.coach import Coach
from crampcoach.settings import Settings

REAL = Path(__file__).resolve().parents[2] / "shared" / "real-files"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else REAL
    entries = json.loads((folder / "manifest.json").read_text())["files"]
    print("| File | Expected | Outcome | Sport | Start (UTC) | Duration | Distance | Said |")
    print("|---|---|---|---|---|---|---|---|")
    counts: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as home:
        for entry in entries:
            db = Path(home) / f"{entry['file']}.sqlite"
            coach = Coach(Settings(home=Path(home), db_url=f"sqlite:///{db}", lang="en"))
            [outcome] = coach.import_files([folder / entry["file"]], workers=1).outcomes
            counts[outcome.status] = counts.get(outcome.status, 0) + 1
            said = [str(w) for w in outcome.warnings]
            if outcome.reason:
                said.insert(0, outcome.reason.removeprefix(f"{folder / entry['file']}: "))
            sport = start = duration = distance = ""
            if outcome.status == "imported":
                [session] = [s for s in coach.sessions() if s.id == outcome.session_id]
                sport = session.sport
                start = session.start.strftime("%Y-%m-%d %H:%M:%S")
                duration = f"{session.duration_s / 3600:.2f} h"
                if session.distance_m is not None:
                    distance = f"{session.distance_m / 1000:.2f} km"
            print(
                f"| {entry['file']} | {entry['expect']} | {outcome.status} | {sport} | {start} "
                f"| {duration} | {distance} | {_cell('; '.join(said))} |"
            )
    print()
    print(", ".join(f"{status}: {count}" for status, count in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
