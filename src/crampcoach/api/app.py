"""The app factory: one FastAPI app around one Coach, its routes under /api/v1.

`create_app()` builds the Coach from the environment's settings (the same diary as the
CLI); a caller may pass the settings or a whole Coach (the tests pass one on a temporary
SQLite diary). Every error is problem details (`problems.py`); the request's language is
`Accept-Language` (`language.py`); bodies are capped (`limits.py`, `guard.py`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from crampcoach.api import problems
from crampcoach.api.auth import Gate
from crampcoach.api.deps import DIARY_ACCESS
from crampcoach.api.guard import Guard
from crampcoach.api.language import Languages
from crampcoach.api.limits import Limits
from crampcoach.api.routes import (
    admin,
    assess,
    auth,
    consent,
    diary,
    health,
    imports,
    knowledge,
    plans,
    team,
)
from crampcoach.coach import Coach
from crampcoach.import_jobs import job_queue
from crampcoach.settings import Settings

PREFIX = "/api/v1"
DESCRIPTION = """\
Evidence-based help for muscle cramps: triage (red flags first), likely causes, relief,
prevention, cited answers, session plans and a diary. **Not a diagnosis**: every result
that could be read as one carries a `note` or `disclaimer` saying so.

Errors are RFC 9457 problem details (`application/problem+json`); `Accept-Language`
picks the language of the words (`en`, `zh-Hans`, or the test language `en-XA`); ids never
change.
For one person (`crampcoach serve`) there are no accounts and no login. In multi-user mode
(`crampcoach serve --multi-user`) the diary's endpoints need an account's API token
(`POST /auth/token`, the OAuth2 password flow; then `Authorization: Bearer <token>`); the
knowledge stays open. A coach invites athletes (`/team/invitations`); an athlete accepts,
declines or revokes (`/consents`); while consent is active the coach reads, never changes,
that athlete's sessions, cramps, patterns and red flags (`/team/athletes/{id}/...`) and the
team view (`/team`), each reading logged for the athlete (`/access-log`). An athlete
exports everything (`/account/export`) and deletes the account (`/account/delete`). An
admin manages the accounts (`/admin/users`) and reads no diary.
"""


def warm(coach: Coach) -> None:
    """Load what the first requests would (the knowledge base, the story lexicon, the
    index `ask` matches with) once, now."""
    coach.kb  # noqa: B018 - each is loaded on first use and kept
    coach.knowledge.lexicon  # noqa: B018
    coach.answer_index()


def create_app(
    settings: Settings | None = None,
    coach: Coach | None = None,
    *,
    limits: Limits | None = None,
) -> FastAPI:
    """The API around `coach` (default: one built from `settings`, else the environment's).

    `limits` caps bodies and uploads (default `Limits()`: 1 MiB of JSON, 32 MiB uploads).
    """
    from importlib.metadata import version

    # One database (one engine, one pool) for every request of this process.
    the_coach = coach if coach is not None else Coach(settings)
    shared = the_coach.share_database()

    # Background imports: in process on SQLite, procrastinate on PostgreSQL (a worker here).
    import_jobs = job_queue(the_coach)
    # Multi-user mode: accounts, and every diary call made on the account's own diary.
    gate = Gate(the_coach.settings, database=shared.get) if the_coach.settings.multi_user else None

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(warm, the_coach)
        await run_in_threadpool(import_jobs.open)
        yield
        await run_in_threadpool(import_jobs.close)
        if gate is not None:
            gate.close()
        shared.close()

    app = FastAPI(
        title="crampcoach API",
        version=version("crampcoach"),
        description=DESCRIPTION,
        openapi_url="/openapi.json",
        docs_url="/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.coach = the_coach
    app.state.languages = languages = Languages(the_coach)
    app.state.limits = limits = limits or Limits()
    app.state.imports = import_jobs
    app.state.gate = gate
    for area in (health, auth, assess, knowledge, team, consent, admin):
        app.include_router(area.router, prefix=PREFIX)
    for area in (plans, diary, imports):  # a diary's: an account's own, in multi-user mode
        app.include_router(area.router, prefix=PREFIX, dependencies=DIARY_ACCESS)
    problems.install(app)
    app.add_middleware(Guard, languages=languages, limits=limits)
    return app
