"""Uploads imported in the background: the job's progress, and a job that fails."""

from __future__ import annotations

import io
import time
from typing import Any

import pytest

from crampcoach.uploads import ImportJob, ImportJobs, Upload, stage


class _Failing:
    """A coach whose import stops on an unexpected error (the single-user diary's)."""

    athlete_id = None

    def import_files(self, *args: Any, **kwargs: Any) -> None:
        raise RuntimeError("the disk went away")


def _finished(job: ImportJob) -> ImportJob:
    for _ in range(200):
        if job.status != "running":
            return job
        time.sleep(0.02)
    raise AssertionError("still running")


def test_refused_files_are_known_before_anything_is_read() -> None:
    staged = stage(
        [Upload("notes.txt", io.BytesIO(b"x")), Upload("big.fit", io.BytesIO(b"y" * 50))],
        file_cap=10,
    )
    assert [o.status for o in staged.outcomes if o] == ["rejected", "rejected"]
    assert staged.names == {}
    staged.discard()
    assert not staged.folder.exists()


def test_a_job_that_fails_says_so_and_keeps_what_it_knew(caplog: pytest.LogCaptureFixture) -> None:
    jobs = ImportJobs()
    staged = stage(
        [Upload("notes.txt", io.BytesIO(b"x")), Upload("ride.gpx", io.BytesIO(b"<gpx/>"))], 1000
    )
    job = _finished(jobs.start(_Failing(), staged))  # type: ignore[arg-type]
    assert job.status == "failed"
    assert (job.done, job.total) == (1, 2)  # the refused file; the other never got a result
    assert "import job" in caplog.text and "the disk went away" in caplog.text
    assert not staged.folder.exists()  # the temporary copies are gone even so
    jobs.close()


def test_only_the_last_jobs_are_kept() -> None:
    jobs = ImportJobs(keep=2)
    started = [jobs.start(_Failing(), stage([], 10)) for _ in range(3)]  # type: ignore[arg-type]
    assert jobs.get(started[0].id) is None
    assert jobs.get(started[2].id) is started[2]
    jobs.close()
