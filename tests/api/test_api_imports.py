"""`POST /imports`: watch files uploaded, each with its own result; others rejected."""

from __future__ import annotations

import gzip
from typing import Any

from api_support import API, assert_problem, client_for
from fastapi.testclient import TestClient

from crampcoach.api.limits import Limits
from crampcoach.coach import Coach

# A three-point track written by hand: 10 minutes, about 2 km north through Berlin.
GPX = b"""<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="api test" xmlns="http://www.topografix.com/GPX/1/1">
 <trk><name>Canal loop</name><type>running</type><trkseg>
  <trkpt lat="52.5000" lon="13.4000"><ele>34</ele><time>2026-03-14T17:00:00Z</time></trkpt>
  <trkpt lat="52.5090" lon="13.4000"><ele>36</ele><time>2026-03-14T17:05:00Z</time></trkpt>
  <trkpt lat="52.5180" lon="13.4000"><ele>39</ele><time>2026-03-14T17:10:00Z</time></trkpt>
 </trkseg></trk>
</gpx>
"""


def upload(client: TestClient, *files: tuple[str, bytes]) -> dict[str, Any]:
    response = client.post(f"{API}/imports", files=[("files", f) for f in files])
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def test_a_gpx_file_becomes_a_session(client: TestClient) -> None:
    data = upload(client, ("canal.gpx", GPX))
    assert data["imported"] == 1 and data["files"] == 1
    [result] = data["results"]
    assert result["file"] == "canal.gpx" and result["status"] == "imported"
    [session] = client.get(f"{API}/sessions").json()
    assert session["id"] == result["session_id"]
    assert session["sport"] == "running"
    assert session["duration_s"] == 600
    assert 1900 < session["distance_m"] < 2100
    assert session["source_file"] == "canal.gpx"  # the name uploaded, not a temporary path


def test_the_same_file_twice_is_a_duplicate_and_gzip_is_read(client: TestClient) -> None:
    upload(client, ("canal.gpx", GPX))
    again = upload(client, ("canal.gpx.gz", gzip.compress(GPX)), ("copy.gpx", GPX))
    assert [r["status"] for r in again["results"]] == ["duplicate", "duplicate"]
    assert len(client.get(f"{API}/sessions").json()) == 1


def test_each_file_has_its_own_result(client: TestClient) -> None:
    data = upload(
        client,
        ("notes.txt", b"drink more water"),
        ("canal.gpx", GPX),
        ("broken.tcx", b"<TrainingCenterDatabase><Activities>"),
    )
    statuses = [(r["file"], r["status"]) for r in data["results"]]
    assert statuses == [
        ("notes.txt", "rejected"),
        ("canal.gpx", "imported"),
        ("broken.tcx", "failed"),
    ]
    assert (data["rejected"], data["imported"], data["failed"]) == (1, 1, 1)
    assert ".gpx" in data["results"][0]["reason"]
    assert "/tmp" not in data["results"][2]["reason"] and data["results"][2]["reason"]


def test_a_file_over_the_cap_is_rejected_unread(coach: Coach) -> None:
    with client_for(coach, Limits(file_bytes=len(GPX) - 1)) as client:
        data = upload(client, ("canal.gpx", GPX))
        assert data["results"][0]["status"] == "rejected"
        assert str(len(GPX) - 1) in data["results"][0]["reason"]
        assert client.get(f"{API}/sessions").json() == []


def test_an_upload_over_the_request_cap_is_a_413(coach: Coach) -> None:
    with client_for(coach, Limits(upload_bytes=len(GPX))) as client:
        response = client.post(f"{API}/imports", files=[("files", ("canal.gpx", GPX))])
        body = assert_problem(response, 413)
        assert str(len(GPX)) in body["detail"]
        assert client.get(f"{API}/sessions").json() == []


def test_too_many_files_or_none_name_the_field(coach: Coach) -> None:
    with client_for(coach, Limits(files=2)) as client:
        three = [("files", (f"run{n}.gpx", GPX)) for n in range(3)]
        assert_problem(client.post(f"{API}/imports", files=three), 422, "files")
        assert_problem(client.post(f"{API}/imports", data={"note": "x"}), 422, "files")


# --- in the background: 202 at once, then poll the job ------------------------------------


def poll(client: TestClient, location: str) -> dict[str, Any]:
    """The job's state once it is no longer running (the worker thread is quick here)."""
    import time

    for _ in range(200):
        job: dict[str, Any] = client.get(location).json()
        if job["status"] != "running":
            return job
        time.sleep(0.05)
    raise AssertionError(f"still running: {job}")


def test_an_upload_in_the_background_answers_at_once_and_is_polled(client: TestClient) -> None:
    response = client.post(
        f"{API}/imports",
        params={"background": "true"},
        files=[("files", ("canal.gpx", GPX)), ("files", ("notes.txt", b"x"))],
    )
    assert response.status_code == 202, response.text
    started = response.json()
    location = response.headers["location"]
    assert location == f"{API}/imports/{started['id']}"
    assert started["files"] == 2 and started["done"] >= 1  # the refused file is known at once
    job = poll(client, location)
    assert job["status"] == "done" and job["done"] == job["files"] == 2
    statuses = [(r["file"], r["status"]) for r in job["result"]["results"]]
    assert statuses == [("canal.gpx", "imported"), ("notes.txt", "rejected")]
    assert job["result"]["imported"] == 1
    assert len(client.get(f"{API}/sessions").json()) == 1


def test_a_job_answers_in_the_language_of_whoever_polls(client: TestClient) -> None:
    response = client.post(
        f"{API}/imports", params={"background": "true"}, files=[("files", ("a.txt", b"x"))]
    )
    location = response.headers["location"]
    english = poll(client, location)["result"]["results"][0]["reason"]
    pseudo = client.get(location, headers={"Accept-Language": "en-XA"}).json()
    assert english.startswith("not a watch file")
    assert pseudo["result"]["results"][0]["reason"] != english


def test_an_unknown_job_is_a_404_problem(client: TestClient) -> None:
    assert_problem(client.get(f"{API}/imports/no-such-job"), 404, "job_id")
