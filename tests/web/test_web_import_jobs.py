"""The page of a background import shows the figures the API's poll gives, read from the
database (on SQLite and, marked `postgres`, on PostgreSQL), and reloads itself while the
job runs."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient
from web_support import KNOWLEDGE

from crampcoach.coach import Coach
from crampcoach.diary.jobs import JobFile
from crampcoach.settings import Settings
from crampcoach.web.app import create_site
from databases import Databases


def test_a_running_job_shows_how_far_it_is_on_the_page_and_the_api(
    databases: Databases, tmp_path: Path
) -> None:
    coach = Coach(Settings(home=tmp_path, db_url=databases.migrated(), lang="en"), KNOWLEDGE)
    with coach.diary() as diary:  # a job a worker has taken: one file done of three
        diary.add_job("job-1", [JobFile(0, "a.gpx", content=b"x"),
                                JobFile(1, "notes.txt", "rejected", {"reason": "no",
                                        "session_id": None, "warnings": []}),
                                JobFile(2, "b.gpx", content=b"y")])  # fmt: skip
    client = TestClient(create_site(coach=coach))  # no start-up: no worker takes it
    polled = client.get("/api/v1/imports/job-1").json()
    assert (polled["status"], polled["done"], polled["files"]) == ("running", 1, 3)
    html = client.get("/diary/imports/job/job-1").text
    assert 'http-equiv="refresh"' in html
    assert "Importing: 1 of 3 files done." in html
    assert re.search(r'<progress max="3" value="1">', html)
    assert re.search(r"notes\.txt</strong>: <span class=\"result-rejected\">not read", html)

    with coach.diary() as diary:
        for place in (0, 2):
            diary.record_job_file("job-1", place, "failed", {"reason": "broken",
                                  "session_id": None, "warnings": []})  # fmt: skip
        diary.finish_job("job-1", "done")
    assert client.get("/api/v1/imports/job-1").json()["done"] == 3
    html = client.get("/diary/imports/job/job-1").text
    assert 'http-equiv="refresh"' not in html and "Files imported: 0." in html
    assert html.count("result-failed") == 2
