"""The diary over HTTP, on a temporary diary (a SQLite file; PostgreSQL too when the tests
marked postgres run): sessions, cramps, patterns, export, restore."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from api_support import API, assert_problem, client_for, make_coach
from fastapi.testclient import TestClient

from crampcoach.coach import Coach
from databases import Databases

RIDE = {
    "sport": "Biking",
    "start": "2026-06-02T07:15:00+02:00",
    "duration_s": 9000,
    "distance_m": 71000,
    "temperature_c": 27.5,
    "effort": "hard",
}


@pytest.fixture
def coach(databases: Databases, tmp_path: Path) -> Coach:
    """This module's diaries on each database (the API tests' own is a SQLite file)."""
    return make_coach(tmp_path, databases.migrated())


def log_session(client: TestClient, **fields: Any) -> dict[str, Any]:
    response = client.post(f"{API}/sessions", json={**RIDE, **fields})
    assert response.status_code == 201, response.text
    data: dict[str, Any] = response.json()
    return data


def log_cramp(client: TestClient, **fields: Any) -> dict[str, Any]:
    response = client.post(f"{API}/cramps", json=fields)
    assert response.status_code == 201, response.text
    data: dict[str, Any] = response.json()
    return data


def test_a_session_is_logged_and_listed(client: TestClient) -> None:
    assert client.get(f"{API}/sessions").json() == []
    saved = log_session(client)
    assert saved["id"] == 1 and saved["sport"] == "cycling"  # one spelling per sport
    assert saved["start"] == "2026-06-02T05:15:00Z"
    assert client.get(f"{API}/sessions").json() == [saved]


def test_a_swims_water_temperature_and_a_days_humidity_are_kept(client: TestClient) -> None:
    swim = {
        "sport": "swimming",
        "start": "2026-06-04T07:00:00Z",
        "duration_s": 2700,
        "distance_m": 2000,
    }
    saved = log_session(client, **swim, temperature_c=None, water_temperature_c=14.5)
    assert saved["water_temperature_c"] == 14.5 and saved["humidity_percent"] is None
    humid = log_session(client, start="2026-06-05T07:00:00Z", humidity_percent=85)
    assert (humid["humidity_percent"], humid["water_temperature_c"]) == (85, None)
    assert client.get(f"{API}/sessions").json() == [saved, humid]
    export = client.get(f"{API}/export").json()
    assert [s["humidity_percent"] for s in export["sessions"]] == [None, 85]
    csv_text = client.get(f"{API}/export", params={"format": "csv"}).text
    assert [row["water_temperature_c"] for row in csv.DictReader(io.StringIO(csv_text))] == [
        "14.5",
        "",
    ]
    bad = {**RIDE, "start": "2026-06-06T07:00:00Z", "humidity_percent": 120}
    body = assert_problem(client.post(f"{API}/sessions", json=bad), 422, "humidity_percent")
    assert body["errors"][0]["message"].startswith("120 % is out of range, 0 to 100 %: ")
    cold = {**RIDE, "start": "2026-06-06T07:00:00Z", "water_temperature_c": -10}
    assert_problem(client.post(f"{API}/sessions", json=cold), 422, "water_temperature_c")


def test_a_cramp_in_the_last_session_is_timed_into_it(client: TestClient) -> None:
    log_session(client)
    cramp = log_cramp(client, muscle="quadriceps", severity=6, session="last", offset_s=7200)
    assert cramp["session_id"] == 1
    assert cramp["time"] == "2026-06-02T07:15:00Z"
    night = log_cramp(client, muscle="calf", severity=3, at_night=True, time="2026-06-03T02:40:00Z")
    assert night["at_night"] is True and night["session_id"] is None
    assert [c["id"] for c in client.get(f"{API}/cramps").json()] == [cramp["id"], night["id"]]


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"muscle": "calf", "severity": 11}, ["severity"]),
        ({"muscle": "elbow", "severity": 2}, ["muscle"]),
        ({"muscle": "calf", "severity": 2, "session": 99}, ["session"]),
        ({"muscle": "calf", "severity": 2, "session": 1, "offset_s": 90000}, ["offset_s"]),
        ({"muscle": "calf", "severity": 2, "offset_s": 60}, ["session"]),
        ({"muscle": "calf", "severity": 2, "time": "2026-06-03T02:40:00"}, ["time"]),
        ({"muscle": "calf", "severity": 2, "session": 1, "at_night": True}, ["body"]),
    ],
)
def test_a_cramp_it_cannot_log_names_the_field(
    client: TestClient, body: dict[str, Any], fields: list[str]
) -> None:
    log_session(client)
    assert_problem(client.post(f"{API}/cramps", json=body), 422, *fields)
    assert client.get(f"{API}/cramps").json() == []


def test_a_session_it_cannot_log_names_the_field(client: TestClient) -> None:
    bad = {**RIDE, "start": "yesterday", "distance_m": "far"}
    body = assert_problem(client.post(f"{API}/sessions", json=bad), 422, "start", "distance_m")
    assert body["type"] == "urn:crampcoach:problem:validation"


def test_a_time_with_no_place_in_utc_names_the_field(client: TestClient) -> None:
    """The first instant of year 1 at UTC+5 is in year 0 at UTC, which no diary can keep:
    a 422 naming the field, not a server error."""
    first = "0001-01-01T00:00:00+05:00"
    assert_problem(client.post(f"{API}/sessions", json={**RIDE, "start": first}), 422, "start")
    cramp = {"muscle": "calf", "severity": 5, "time": first}
    assert_problem(client.post(f"{API}/cramps", json=cramp), 422, "time")
    assert client.get(f"{API}/sessions").json() == []


def test_a_session_that_cannot_be_names_each_field_and_why(client: TestClient) -> None:
    bad = {**RIDE, "start": "2099-07-04T06:30:00Z", "avg_heart_rate": 180, "max_heart_rate": 150}
    response = client.post(f"{API}/sessions", json=bad)
    body = assert_problem(response, 422, "start", "avg_heart_rate")
    assert body["type"] == "urn:crampcoach:problem:invalid-input"
    start, heart = (error["message"] for error in body["errors"])
    assert start.startswith("2099-07-04 is after today (")
    assert heart.startswith("180 bpm is above max_heart_rate (150 bpm): an average cannot be")
    assert client.get(f"{API}/sessions").json() == []


def test_a_session_at_the_time_of_one_kept_is_a_conflict(client: TestClient) -> None:
    first = log_session(client)
    again = client.post(f"{API}/sessions", json={**RIDE, "sport": "Biking"})
    body = assert_problem(again, 409, "start")
    assert body["type"] == "urn:crampcoach:problem:duplicate-session"
    assert body["detail"].startswith(f"start: session {first['id']} (cycling, started ")
    overlapping = {**RIDE, "start": "2026-06-02T08:15:00+02:00"}  # an hour into the first
    assert client.post(f"{API}/sessions", json=overlapping).status_code == 409
    kept = client.post(f"{API}/sessions", json=overlapping, params={"allow_overlap": True})
    assert kept.status_code == 201
    assert len(client.get(f"{API}/sessions").json()) == 2


def test_patterns_count_the_diary(client: TestClient) -> None:
    for day in range(1, 5):
        log_session(client, start=f"2026-06-0{day}T07:00:00+00:00")
    log_cramp(client, muscle="calf", severity=5, session=2, offset_s=3600)
    data = client.get(f"{API}/patterns", params={"tz": "Europe/Madrid"}).json()
    assert (data["sessions"], data["session_cramps"], data["night_cramps"]) == (4, 1, 0)
    assert data["patterns"] and all(p["summary"] for p in data["patterns"])
    assert data["caveat"]


def test_a_time_zone_that_is_none_names_the_field(client: TestClient) -> None:
    assert_problem(client.get(f"{API}/patterns", params={"tz": "Mars/Olympus"}), 422, "tz")


@pytest.mark.parametrize(
    ("fmt", "media", "start"),
    [("svg", "image/svg+xml", b"<?xml"), ("png", "image/png", b"\x89PNG")],
)
def test_the_patterns_are_drawn(client: TestClient, fmt: str, media: str, start: bytes) -> None:
    log_session(client)
    response = client.get(f"{API}/patterns/plot.{fmt}")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == media
    assert response.content.startswith(start)


def test_a_figure_in_another_format_is_refused(client: TestClient) -> None:
    assert_problem(client.get(f"{API}/patterns/plot.gif"), 422, "fmt")


def test_the_export_is_restored_into_an_empty_diary(
    client: TestClient, tmp_path: Path, databases: Databases
) -> None:
    log_session(client)
    log_cramp(client, muscle="calf", severity=4, session="last")
    client.put(f"{API}/profile", json={"body_mass_kg": 72})
    response = client.get(f"{API}/export")
    assert response.headers["content-type"] == "application/json"
    assert "crampcoach-diary.json" in response.headers["content-disposition"]
    export = response.json()
    assert export["format"] == "crampcoach-diary" and len(export["sessions"]) == 1

    assert_problem(client.post(f"{API}/restore", json=export), 409)  # not empty: refused

    elsewhere = tmp_path / "other"
    elsewhere.mkdir()
    with client_for(make_coach(elsewhere, databases.migrated("other"))) as other:
        restored = other.post(f"{API}/restore", json=export)
        assert restored.status_code == 200, restored.text
        assert restored.json()["sessions"] == 1 and restored.json()["cramps"] == 1
        assert restored.json()["message"].startswith("Restored 1 session, 1 cramp and ")
        assert other.get(f"{API}/sessions").json() == client.get(f"{API}/sessions").json()
        assert other.get(f"{API}/profile").json()["body_mass_kg"] == 72


def test_a_restore_that_is_not_an_export_names_the_field(client: TestClient) -> None:
    body = {"format": "spreadsheet", "version": 1}
    assert_problem(client.post(f"{API}/restore", json=body), 422, "format")


def test_a_table_is_exported_as_csv(client: TestClient) -> None:
    log_session(client)
    log_cramp(client, muscle="foot", severity=2, at_night=True)
    response = client.get(f"{API}/export", params={"format": "csv", "table": "cramps"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(row["muscle"], row["at_night"]) for row in rows] == [("foot", "True")]
    assert_problem(client.get(f"{API}/export", params={"format": "xls"}), 422, "format")
