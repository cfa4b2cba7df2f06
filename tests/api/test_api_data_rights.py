"""An athlete's data rights over the API, on SQLite and (marked postgres) PostgreSQL: the
export holds everything of theirs; deleting the account leaves nothing of theirs in any
table of the database (every table of the metadata is read), and another's data stays."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from api_support import assert_problem
from sqlalchemy import select

from accounts_support import PASSWORD
from crampcoach.diary.models import Base
from databases import Databases
from team_support import Site, team_site

GPX = b"""<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="rights test" xmlns="http://www.topografix.com/GPX/1/1">
 <trk><type>running</type><trkseg>
  <trkpt lat="52.0000" lon="4.0000"><time>2026-03-01T07:00:00Z</time></trkpt>
  <trkpt lat="52.0100" lon="4.0000"><time>2026-03-01T07:10:00Z</time></trkpt>
 </trkseg></trk>
</gpx>
"""


@pytest.fixture
def site(databases: Databases, tmp_path: Path) -> Iterator[Site]:
    with team_site(databases, tmp_path) as made:
        yield made


def fill(site: Site, who: str) -> None:
    """A row of every kind an athlete has: sessions (typed, imported), cramps, the profile,
    saved plan and assessment, a web session, a failed login, readings by a coach."""
    ride = {"sport": "cycling", "start": "2026-02-02T07:00:00Z", "duration_s": 3600}
    session = site.call("POST", "/sessions", who, json=ride).json()
    site.call("POST", "/cramps", who, json={"muscle": "calf", "severity": 5,
                                            "session": session["id"]})  # fmt: skip
    site.call("POST", "/imports", who, files=[("files", ("run.gpx", GPX))])
    site.call("PUT", "/profile", who, json={"age_years": 41})
    site.call("POST", "/plan", who, json={"sport": "running", "duration": "1h",
                                          "temperature": "20C", "save": True})  # fmt: skip
    site.call("POST", "/assess", who, json={"text": "calf cramp at km 30 of a marathon",
                                            "save": True})  # fmt: skip
    site.page_client(who)  # a web session
    site.client.post("/api/v1/auth/token", data={"username": site.email(who), "password": "x"})


def test_the_export_holds_everything(site: Site) -> None:
    fill(site, "ann")
    site.call("GET", "/team/athletes/1/cramps", "coach")
    data = site.call("GET", "/account/export", "ann").json()
    assert data["format"] == "crampcoach-account" and data["account"]["role"] == "athlete"
    diary = data["diary"]
    assert (len(diary["sessions"]), len(diary["cramps"])) == (2, 1)
    assert {s["kind"] for s in diary["saved"]} == {"plan", "assessment"}
    assert diary["profile"]["age_years"] == 41
    assert [c["status"] for c in data["consents"]] == ["active", "revoked"]
    assert [a["what"] for a in data["access_log"]] == ["cramps"]
    assert "password" not in str(data).lower()
    assert_problem(site.call("GET", "/account/export", "coach"), 403)
    assert_problem(site.call("GET", "/account/export"), 401)


def test_deleting_the_account_leaves_nothing_of_it_in_any_table(site: Site) -> None:
    for who in ("ann", "bob"):
        fill(site, who)
    site.call("POST", "/team/invitations", "coach", json={"email": "bob@example.org"})
    [link] = site.call("GET", "/consents", "bob").json()
    site.call("POST", f"/consents/{link['id']}/accept", "bob")
    for path in ("/team", "/team/athletes/1/sessions", "/team/athletes/2/sessions"):
        assert site.call("GET", path, "coach").status_code == 200
    ann = site.account("ann")
    engine = site.accounts.database.engine

    def rows_of(user_id: int, athlete_id: int, email: str) -> list[tuple[str, dict[str, Any]]]:
        """Every row that names the account: its id, its athlete's, or its email."""
        found = []
        with engine.connect() as connection:
            for table in Base.metadata.sorted_tables:
                points = {
                    column.name: fk.column.table.name
                    for column in table.columns
                    for fk in column.foreign_keys
                }
                for row in connection.execute(select(table)).mappings():
                    names = (
                        (table.name == "users" and row["id"] == user_id)
                        or (table.name == "athletes" and row["id"] == athlete_id)
                        or any(
                            row[c] == (user_id if target == "users" else athlete_id)
                            for c, target in points.items()
                        )
                        or any(isinstance(v, str) and email in v for v in row.values())
                    )
                    if names:
                        found.append((table.name, dict(row)))
        return found

    before = rows_of(ann.id, 1, "ann@example.org")
    tables = {name for name, _ in before}
    assert tables >= {"users", "athletes", "sessions", "cramps", "profile", "saved",
                      "credentials", "login_failures", "coach_links", "access_log"}  # fmt: skip
    bobs = rows_of(site.account("bob").id, 2, "bob@example.org")

    assert_problem(site.call("POST", "/account/delete", "ann", json={"password": "wrong one"}), 403)
    assert rows_of(ann.id, 1, "ann@example.org") == before
    deleted = site.call("POST", "/account/delete", "ann", json={"password": PASSWORD})
    assert deleted.json() == {"deleted": True}

    assert rows_of(ann.id, 1, "ann@example.org") == []
    assert rows_of(site.account("bob").id, 2, "bob@example.org") == bobs  # Bob's all kept
    assert_problem(site.call("GET", "/sessions", "ann"), 401)  # her token went with her
    assert [a["email"] for a in site.call("GET", "/team", "coach").json()["athletes"]] == [
        "bob@example.org"
    ]
