"""Background imports on PostgreSQL: procrastinate's queue, and its worker inside the server.

`ProcrastinateJobs` is the `import_jobs.JobQueue` of a PostgreSQL diary. `start` adds the
job's rows (the files' bytes in the database: the worker may be another process or another
machine, and needs no shared folder) and defers procrastinate's task `crampcoach.import`
with the job's id and athlete; any worker takes it and runs `import_jobs.run_job`, which
writes the progress file by file. Each server process runs one worker (`open`: procrastinate's
async worker on an event loop of its own thread, one job at a time), so adding uvicorn
workers or machines adds job workers; `close` stops it after the job it is running.
procrastinate's tables come with `crampcoach db upgrade` (`diary.jobs.apply_queue_schema`).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import make_url

from crampcoach.diary.jobs import NO_QUEUE
from crampcoach.errors import InputError
from crampcoach.import_jobs import ImportJob, add_job, read_job, run_job

if TYPE_CHECKING:
    from crampcoach.coach import Coach
    from crampcoach.uploads import Staged

logger = logging.getLogger("crampcoach.job_worker")
TASK = "crampcoach.import"
QUEUE = "crampcoach-imports"
GRACE_S = 30.0  # how long a stopping worker lets its running import go on


def conninfo(db_url: str) -> str:
    """libpq's URI of a SQLAlchemy PostgreSQL URL (its options, e.g. a search_path, kept)."""
    return make_url(db_url).set(drivername="postgresql").render_as_string(hide_password=False)


class ProcrastinateJobs:
    """Jobs deferred to procrastinate on the diary's PostgreSQL; a worker in this process."""

    def __init__(self, coach: Coach, *, work: bool = True) -> None:
        try:
            from procrastinate import App, PsycopgConnector, SyncPsycopgConnector
        except ImportError as exc:
            raise InputError(NO_QUEUE) from exc

        self.coach = coach
        self.work = work  # run a worker in this process (`open`)
        info = conninfo(coach.settings.db_url)
        # Two apps on one queue: the server's request threads defer through a synchronous
        # pool, the worker runs on its own event loop with an asynchronous one.
        self._deferring = App(connector=SyncPsycopgConnector(conninfo=info, min_size=1))
        self._working = App(connector=PsycopgConnector(conninfo=info, min_size=1))
        self._working.task(name=TASK, queue=QUEUE, pass_context=False)(self._run)
        self._lock = threading.Lock()
        self._opened = False
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[Any] | None = None

    def _run(self, job_id: str, athlete_id: int | None) -> None:
        """procrastinate's task: the job imported in its athlete's diary."""
        run_job(self.coach.for_athlete(athlete_id), job_id)

    def start(self, coach: Coach, staged: Staged) -> ImportJob:
        job = add_job(coach, staged)
        with self._lock:
            if not self._opened:
                self._deferring.open()
                self._opened = True
        self._deferring.configure_task(TASK, queue=QUEUE).defer(
            job_id=job.id, athlete_id=coach.athlete_id
        )
        return job

    def get(self, coach: Coach, job_id: str) -> ImportJob | None:
        return read_job(coach, job_id)

    def open(self) -> None:
        """Start this process's worker (when `work`) on a thread of its own."""
        if not self.work or self._thread is not None:
            return
        ready = threading.Event()
        self._thread = threading.Thread(
            target=self._serve, args=(ready,), name="crampcoach-job-worker", daemon=True
        )
        self._thread.start()
        ready.wait(timeout=30)

    def _serve(self, ready: threading.Event) -> None:
        loop = asyncio.new_event_loop()

        async def work() -> None:
            self._task = asyncio.current_task()
            try:
                async with self._working.open_async():
                    self._loop = loop
                    ready.set()
                    await self._working.run_worker_async(
                        queues=[QUEUE],
                        concurrency=1,
                        install_signal_handlers=False,
                        shutdown_graceful_timeout=GRACE_S,
                        delete_jobs="successful",
                    )
            finally:
                ready.set()

        try:
            loop.run_until_complete(work())
        except asyncio.CancelledError:
            pass  # stopped by `close`
        except Exception:  # the worker's end: the server goes on, jobs wait for another
            logger.exception("the import worker stopped")
        finally:
            loop.close()

    def close(self) -> None:
        """Stop the worker (after its running import, at most GRACE_S) and the deferring pool."""
        thread, self._thread = self._thread, None
        loop, task = self._loop, self._task
        if thread is not None and loop is not None and task is not None:
            loop.call_soon_threadsafe(task.cancel)
            thread.join(timeout=GRACE_S + 5)
        with self._lock:
            if self._opened:
                self._deferring.close()
                self._opened = False
