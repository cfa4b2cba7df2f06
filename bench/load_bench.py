"""The multi-user server under load (issue 17): `crampcoach serve --multi-user --workers 2` on
PostgreSQL, 50 athletes and a coach, for 60 s, on loopback.

The athletes (each with an API token, each a client of its own) assess a story, log a cramp,
list their sessions and read their patterns, one request after another; the coach reads the
team view of the 50, who all consented. Printed: requests per second, p50 and p95 latency per
kind of request, and the errors (any answer that is not the one expected; the target is 0).

PostgreSQL: `--url` or CRAMPCOACH_TEST_DATABASE_URL (`.ci/postgres.sh`'s start_postgres sets
it); the server gets a schema of its own in that database, dropped at the end. Without one
it says so and measures nothing (SQLite serves one worker only). The same load runs 10 s
first, untimed, so that both workers are warm. `--seconds` runs shorter:

    python bench/load_bench.py --url postgresql+psycopg://crampcoach@127.0.0.1:5432/x --seconds 10
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from statistics import median, quantiles

import httpx
from targets import load, record

ROOT = Path(__file__).resolve().parents[1]
ENV = "CRAMPCOACH_TEST_DATABASE_URL"
ATHLETES = 50
WORKERS = 2
SECONDS = 60.0
WARM_UP = 10.0  # seconds of the same load first, not counted
PASSWORD = "load test password 17"
STORIES = (
    "My calf cramped at km 30 of a hot marathon; I drank water only. I'm 44.",
    "Woke at night with a cramp in my foot, it lasted a minute. I'm 63 and take a diuretic.",
    "Hamstring cramp at the end of a long swim in cold water, it went after I stretched.",
)
MUSCLES = ("calf", "foot", "hamstring", "quadriceps")


@dataclass
class Tally:
    """Each kind of request's latencies (seconds) and errors."""

    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    async def time(
        self, kind: str, send: Callable[[], Awaitable[httpx.Response]], expected: int = 200
    ) -> None:
        start = time.perf_counter()
        try:
            response = await send()
        except httpx.HTTPError as exc:
            self.errors[kind].append(f"{type(exc).__name__}: {exc}")
            return
        self.times[kind].append(time.perf_counter() - start)
        if response.status_code != expected:
            self.errors[kind].append(f"{response.status_code} {response.text[:200]}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def own_schema(url: str) -> Iterator[str]:
    """The URL of a new schema in the database at `url` (its search_path), dropped after."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.pool import NullPool

    schema = f"load_{uuid.uuid4().hex[:12]}"
    admin = create_engine(make_url(url), poolclass=NullPool)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        own = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
        yield own.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def crampcoach(*args: str, env: dict[str, str], stdin: str | None = None) -> None:
    command = [sys.executable, "-m", "crampcoach", *args]
    subprocess.run(command, env=env, input=stdin, text=True, check=True, capture_output=True)


def add_accounts(url: str, home: str) -> tuple[list[str], str]:
    """50 athletes' accounts and a coach's (in process: 51 `users add` would take a minute
    of start-ups); their emails."""
    from crampcoach.server.accounts import Accounts
    from crampcoach.settings import Settings

    accounts = Accounts.open(Settings(home=Path(home), db_url=url, multi_user=True))
    try:
        athletes = [f"athlete{n:02d}@example.org" for n in range(ATHLETES)]
        for email in athletes:
            accounts.add(email, "athlete", PASSWORD)
        accounts.add("coach@example.org", "coach", PASSWORD)
    finally:
        accounts.close()
    return athletes, "coach@example.org"


@contextmanager
def server(env: dict[str, str], log: Path) -> Iterator[str]:
    """`crampcoach serve --multi-user --workers 2` (its output in `log`); its base URL once
    it answers."""
    port = free_port()
    command = [sys.executable, "-m", "crampcoach", "serve", "--multi-user"]
    command += ["--workers", str(WORKERS), "--port", str(port)]
    output = log.open("w")
    process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start: {log.read_text()[-2000:]}")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        output.close()


async def token(client: httpx.AsyncClient, email: str) -> str:
    response = await client.post(
        "/api/v1/auth/token", data={"username": email, "password": PASSWORD}
    )
    response.raise_for_status()
    value: str = response.json()["access_token"]
    return value


async def set_up_team(base: str, athletes: list[str], coach: str) -> tuple[list[str], str]:
    """Tokens for all; the coach invites each athlete, who accepts."""
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        coach_token = await token(client, coach)
        tokens = []
        for email in athletes:
            tokens.append(await token(client, email))
            sent = await client.post(
                "/api/v1/team/invitations",
                json={"email": email},
                headers={"Authorization": f"Bearer {coach_token}"},
            )
            assert sent.is_success, sent.text
            mine = {"Authorization": f"Bearer {tokens[-1]}"}
            [link] = (await client.get("/api/v1/consents", headers=mine)).json()
            accepted = await client.post(f"/api/v1/consents/{link['id']}/accept", headers=mine)
            assert accepted.status_code == 200, accepted.text
    return tokens, coach_token


async def athlete_loop(base: str, token_: str, until: float, tally: Tally, seed: int) -> None:
    pick = random.Random(seed)
    headers = {"Authorization": f"Bearer {token_}"}
    async with httpx.AsyncClient(base_url=base + "/api/v1", headers=headers, timeout=60) as c:
        while time.monotonic() < until:
            kind = pick.choice(("assess", "log cramp", "list sessions", "patterns"))
            if kind == "assess":
                story = {"text": pick.choice(STORIES)}
                await tally.time(kind, lambda story=story: c.post("/assess", json=story))
            elif kind == "log cramp":
                when = datetime.now(UTC) - timedelta(minutes=pick.randrange(1, 20_000))
                cramp = {
                    "muscle": pick.choice(MUSCLES),
                    "severity": pick.randrange(1, 11),
                    "time": when.isoformat(),
                }
                await tally.time(kind, lambda cramp=cramp: c.post("/cramps", json=cramp), 201)
            elif kind == "list sessions":
                await tally.time(kind, lambda: c.get("/sessions"))
            else:
                await tally.time(kind, lambda: c.get("/patterns"))


async def coach_loop(base: str, token_: str, until: float, tally: Tally) -> None:
    headers = {"Authorization": f"Bearer {token_}"}
    async with httpx.AsyncClient(base_url=base + "/api/v1", headers=headers, timeout=60) as c:
        while time.monotonic() < until:
            await tally.time("coach: team view", lambda: c.get("/team"))


async def drive(base: str, tokens: list[str], coach_token: str, seconds: float) -> Tally:
    tally = Tally()
    until = time.monotonic() + seconds
    loops = [athlete_loop(base, t, until, tally, n) for n, t in enumerate(tokens)]
    await asyncio.gather(*loops, coach_loop(base, coach_token, until, tally))
    return tally


def p95(times: list[float]) -> float:
    """The 95th percentile (the one sample of a kind asked once)."""
    return quantiles(times, n=100)[94] if len(times) > 1 else times[0]


def report(tally: Tally, seconds: float) -> int:
    """Print the figures; the number of errors."""
    total = sum(len(t) for t in tally.times.values())
    errors = sum(len(e) for e in tally.errors.values())
    rate = total / seconds
    print(f"{rate:.1f} requests/s over {seconds:.0f} s ({total} answered), {errors} errors")
    for kind in sorted(tally.times):
        times = tally.times[kind]
        print(
            f"  {kind:18} {len(times):6} requests  p50 {median(times) * 1000:7.1f} ms  "
            f"p95 {p95(times) * 1000:7.1f} ms  errors {len(tally.errors.get(kind, []))}"
        )
    for kind, found in tally.errors.items():
        for error in found[:3]:
            print(f"  error in {kind}: {error}")
    return errors


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get(ENV), help=f"PostgreSQL (default ${ENV})")
    parser.add_argument("--seconds", type=float, default=SECONDS, help="how long to drive it")
    args = parser.parse_args(argv if argv is not None else [])
    if not args.url:
        print(
            f"SKIPPED: the load test needs PostgreSQL: set {ENV} (source .ci/postgres.sh && "
            "start_postgres) or pass --url; several workers do not serve SQLite."
        )
        return
    print(f"before: {load()}", flush=True)
    with tempfile.TemporaryDirectory() as home, own_schema(args.url) as url:
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT / "src"),
            "CRAMPCOACH_HOME": home,
            "CRAMPCOACH_DB": url,
            "CRAMPCOACH_LANG": "en",
        }
        crampcoach("db", "upgrade", env=env)
        athletes, coach = add_accounts(url, home)
        with server(env, Path(home) / "server.log") as base:
            tokens, coach_token = asyncio.run(set_up_team(base, athletes, coach))
            # Untimed: every worker loads the knowledge and opens its pool before the clock runs.
            asyncio.run(drive(base, tokens, coach_token, min(WARM_UP, args.seconds)))
            start = time.monotonic()
            tally = asyncio.run(drive(base, tokens, coach_token, args.seconds))
            seconds = time.monotonic() - start
            print(f"during: {load()}", flush=True)
    errors = report(tally, seconds)
    worst = max(p95(times) for times in tally.times.values() if times)
    record(
        f"load: {ATHLETES} athletes and a coach, {WORKERS} workers, PostgreSQL, {seconds:.0f} s",
        f"{errors} errors, worst p95 {worst * 1000:.0f} ms",
        "none: an absolute target",
        "0 errors",
        errors == 0,
    )


if __name__ == "__main__":
    main(sys.argv[1:])
