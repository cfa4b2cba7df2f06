"""What the browser tests share: a real server on a free port, Chromium, axe-core, a FIT file.

The server is uvicorn in a thread of the test process, on a temporary SQLite diary. The
browser is Debian's Chromium driven by Playwright (never a browser Playwright downloads);
axe-core comes from node_modules (`npm ci`). Either missing skips the tests, saying what
to install (`make test` and .ci/run install them).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "build" / "screenshots"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[dev]')"
    if not (CHROMIUM.exists() or shutil.which("chromium")):
        return "Chromium is not installed (apt-get install chromium; `make test` does it)"
    if not AXE.exists():
        return "axe-core is not installed (npm ci; `make test` does it)"
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Server:
    """uvicorn serving `app` on 127.0.0.1 in a thread, until `stop()`."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def fit_file(start: datetime = datetime(2026, 5, 3, 7, 0, tzinfo=UTC), points: int = 31) -> bytes:
    """A FIT run of `points` records a minute apart, written with fit-tool."""
    from fit_tool.fit_file_builder import FitFileBuilder
    from fit_tool.profile.messages.file_id_message import FileIdMessage
    from fit_tool.profile.messages.record_message import RecordMessage
    from fit_tool.profile.messages.session_message import SessionMessage
    from fit_tool.profile.profile_type import FileType, Manufacturer, Sport

    ms = int(start.timestamp() * 1000)
    span_s = (points - 1) * 60
    builder = FitFileBuilder(auto_define=True)
    file_id = FileIdMessage()
    file_id.type = FileType.ACTIVITY
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    file_id.serial_number = 4321
    file_id.time_created = ms
    builder.add(file_id)
    for i in range(points):
        record = RecordMessage()
        record.timestamp = ms + i * 60_000
        record.heart_rate = 130 + i % 15
        record.distance = i * 180.0
        record.position_lat = 50 + i * 0.0016
        record.position_long = 8.0
        record.temperature = 27
        builder.add(record)
    session = SessionMessage()
    session.timestamp = ms + span_s * 1000
    session.start_time = ms
    session.sport = Sport.RUNNING
    session.total_elapsed_time = span_s
    session.total_timer_time = span_s
    session.total_distance = (points - 1) * 180.0
    builder.add(session)
    return bytes(builder.build().to_bytes())
