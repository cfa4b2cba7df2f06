"""kill -9 in the middle of a parallel import: no worker or forkserver is left behind, and
every session committed before the kill is in the diary, intact.

The import runs in a process of its own session (start_new_session), so that every process
it starts, whatever becomes of its parent, can be found by its session id in /proc.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from activity_files import START, fit_bytes, write

from crampcoach.diary.importers import read_activity
from crampcoach.diary.importers.reader import MIN_FILES_FOR_POOL
from crampcoach.diary.repository import Diary

SRC = Path(__file__).resolve().parents[2] / "src"
COMMITTED_BEFORE_KILL = 5
# The import, told to stop after a few files: it says what it imported, then waits in the
# middle of the import (its pool running) to be killed.
IMPORTER = """
import json, sys
from pathlib import Path
from crampcoach.coach import Coach
from crampcoach.settings import Settings

def main():
    folder, url, stop_after = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    heard = []

    def on_outcome(outcome):
        heard.append(outcome)
        line = {"status": outcome.status, "id": outcome.session_id, "path": str(outcome.path)}
        print(json.dumps(line), flush=True)
        if len(heard) == stop_after:
            print("waiting to be killed", flush=True)
            sys.stdin.read()

    coach = Coach(Settings(db_url=url))
    coach.import_files(sorted(folder.glob("*.fit")), workers=2, on_outcome=on_outcome)
    print("finished", flush=True)

if __name__ == "__main__":
    main()
"""

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/stat").exists()
    or "forkserver" not in multiprocessing.get_all_start_methods(),
    reason="reads the process table in /proc; the pool uses a forkserver",
)


def _session_members(session: int) -> list[int]:
    """The live (not zombie) processes whose session id is `session`."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # it ended while we looked
        fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (command name)"
        state, process_session = fields[0], int(fields[3])
        if process_session == session and state != "Z":
            members.append(int(entry.name))
    return members


def _gone(session: int, within_s: float = 30.0) -> list[int]:
    """Wait (at most `within_s`) for the session's processes to end; those still there."""
    deadline = time.monotonic() + within_s
    while (left := _session_members(session)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


def _kill_mid_import(importer: subprocess.Popen[str]) -> list[dict[str, Any]]:
    """What the import said it did, once it waits mid-import; then kill -9 and check that
    none of its processes is left."""
    session = importer.pid
    try:
        assert importer.stdout is not None
        heard = []
        for line in importer.stdout:
            if line.startswith("waiting"):
                break
            heard.append(json.loads(line))
        else:
            pytest.fail(f"the import ended before the kill: {importer.stderr}")
        pool = set(_session_members(session)) - {importer.pid}
        assert len(pool) >= 3, "a forkserver and two workers run the import"
        importer.send_signal(signal.SIGKILL)
        importer.wait()
        left = _gone(session)
        assert left == [], f"processes left after the import was killed: {left}"
    finally:
        for pid in _session_members(session):  # only ours: they carry the import's session
            os.kill(pid, signal.SIGKILL)
        importer.wait()
    return heard


def test_kill_9_mid_import_leaves_no_process_and_loses_nothing_committed(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    for i in range(2 * MIN_FILES_FOR_POOL):
        start = START + timedelta(days=i)
        write(folder / f"{i:03}.fit", fit_bytes(start=start, points=20))
    url = f"sqlite:///{tmp_path / 'diary.sqlite'}"
    script = tmp_path / "importer.py"
    script.write_text(IMPORTER)
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    with subprocess.Popen(
        [sys.executable, str(script), str(folder), url, str(COMMITTED_BEFORE_KILL)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    ) as importer:
        heard = _kill_mid_import(importer)
    imported = [h for h in heard if h["status"] == "imported"]
    assert len(imported) == COMMITTED_BEFORE_KILL
    with Diary.open(url) as diary:
        with diary.engine.connect() as connection:
            integrity = connection.exec_driver_sql("PRAGMA integrity_check").scalar()
        assert integrity == "ok"
        stored = {s.id: s for s in diary.list_sessions()}
    for outcome in imported:
        session_row = stored[outcome["id"]]
        record = read_activity(outcome["path"])
        assert session_row.source_file == outcome["path"]
        assert session_row.source_sha256 == record.source_sha256
        assert session_row.start == record.start
        assert session_row.duration_s == record.duration_s
        assert session_row.distance_m == pytest.approx(record.distance_m)
