"""How fast the REST API answers, side by side with a bare Starlette JSON endpoint.

Both run under the same uvicorn settings (one process, loopback, logs off), each in its
own fresh process, and are asked in turns of 50 requests, each by one keep-alive HTTP
client, one request at a time, so that both see the same load on the shared cores (issue
14: POST /assess throughput at least half the bare endpoint's), with a story and with the
same cramp as an intake. Then the p95 latency of each kind of request the API answers, and
of each page, on loopback.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from statistics import quantiles

import httpx
from targets import record

ROOT = Path(__file__).resolve().parents[1]
REQUESTS = 600
WARM_UP = 30
SHARE_TARGET = 0.5  # of the bare endpoint's requests per second (issue 14)
# The pages a person opens most, by their GET (the web app beside the API, on loopback).
PAGES = ("/", "/relief/calf", "/assess", "/ask", "/plan", "/diary", "/diary/patterns")
STORY = (
    "Forty minutes into a hot cycle sportive my left calf locked up hard; it let go after "
    "I stretched it against the bike. I'm 52 and drank one bottle of water."
)
# The same cramp as a structured intake: the API's and the engine's work without the
# reading of a story, which alone costs more than the bare endpoint's whole round trip.
INTAKE = {
    "episode": {"muscle": "calf", "during_exercise": True, "relieved_by_stretching": True},
    "person": {"age_years": 52},
    "activity": {"sport": "cycling", "duration_s": 2400, "air_temperature_c": 29, "fluid_l": 0.5},
}

_BARE = """
import sys, uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

async def echo(request: Request) -> JSONResponse:
    body = await request.json()
    return JSONResponse({"text": body["text"], "length": len(body["text"])})

app = Starlette(routes=[Route("/echo", echo, methods=["POST"])])
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="error", access_log=False)
"""
_OURS = """
import sys, uvicorn
from crampcoach.api import create_app
uvicorn.run(create_app(), host="127.0.0.1", port=int(sys.argv[1]), log_level="error",
            access_log=False)
"""
# What `crampcoach serve` runs: the pages beside the API.
_SITE = """
import sys, uvicorn
from crampcoach.web import create_site
uvicorn.run(create_site(), host="127.0.0.1", port=int(sys.argv[1]), log_level="error",
            access_log=False)
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def _server(source: str, env: dict[str, str]) -> Iterator[str]:
    """A uvicorn server running `source` in a fresh process; yields its base URL."""
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-c", source, str(port)], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                httpx.get(base + "/", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def _timed(send: Callable[[], httpx.Response], count: int) -> list[float]:
    """Seconds per request for `count` requests, after a warm-up; every answer must be 2xx."""
    for _ in range(WARM_UP):
        send().raise_for_status()
    times = []
    for _ in range(count):
        start = time.perf_counter()
        send().raise_for_status()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "CRAMPCOACH_HOME": home}
        with (
            _server(_BARE, env) as bare,
            _server(_OURS, env) as ours,
            httpx.Client(base_url=bare) as bare_client,
            httpx.Client(base_url=ours + "/api/v1") as client,
        ):
            # In turns of 50 requests, so that both see the same load on the shared cores.
            bare_times, assess_times, intake_times = [], [], []
            for _ in range(REQUESTS // 50):
                bare_times += _timed(lambda: bare_client.post("/echo", json={"text": STORY}), 50)
                assess_times += _timed(lambda: client.post("/assess", json={"text": STORY}), 50)
                intake_times += _timed(lambda: client.post("/assess", json={"intake": INTAKE}), 50)
            kinds: dict[str, Callable[[], httpx.Response]] = {
                "POST /assess (a story)": lambda: client.post("/assess", json={"text": STORY}),
                "POST /ask": lambda: client.post(
                    "/ask", json={"question": "does pickle juice stop a cramp?"}
                ),
                "POST /plan": lambda: client.post(
                    "/plan", json={"sport": "cycling", "duration": "3h", "temperature": "28C"}
                ),
                "GET /relief/calf": lambda: client.get("/relief/calf"),
                "GET /health": lambda: client.get("/health"),
            }
            ours_times = {name: _timed(send, REQUESTS // 3) for name, send in kinds.items()}
        with _server(_SITE, env) as site, httpx.Client(base_url=site) as client:
            pages = {f"page {path}": (lambda path=path: client.get(path)) for path in PAGES}
            page_times = {name: _timed(send, REQUESTS // 3) for name, send in pages.items()}
    bare_rate = len(bare_times) / sum(bare_times)
    for what, times in (("a story", assess_times), ("an intake", intake_times)):
        rate = REQUESTS / sum(times)
        share = rate / bare_rate
        verdict = "meets" if share >= SHARE_TARGET else "below"
        print(
            f"POST /assess ({what}): {rate:.0f} requests/s; bare Starlette JSON endpoint: "
            f"{bare_rate:.0f}/s; {share:.0%} of it ({verdict} the {SHARE_TARGET:.0%} target; "
            f"{REQUESTS} requests each in turns of 50, one keep-alive client each, one at a time)"
        )
        record(
            f"POST /api/v1/assess throughput ({what})",
            f"{rate:.0f} requests/s, {share:.0%} of the bare endpoint",
            f"a bare Starlette JSON endpoint under the same uvicorn settings: {bare_rate:.0f}/s",
            f">= {SHARE_TARGET:.0%}",
            share >= SHARE_TARGET,
        )
    for name, times in {**ours_times, **page_times}.items():
        p95 = quantiles(times, n=20)[-1] * 1000
        print(f"{name}: p95 {p95:.1f} ms over {len(times)} requests")


if __name__ == "__main__":
    main()
