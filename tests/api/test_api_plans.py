"""`POST /plan`, `POST /sweat-rate`, `GET|PUT /profile`: the same numbers as the Coach, inputs
validated field by field, the profile kept between them."""

from __future__ import annotations

from typing import Any

import pytest
from api_support import API, assert_problem
from fastapi.testclient import TestClient

from crampcoach.coach import Coach

TEST = {"before": "81.0kg", "after": "79.9kg", "drank": "900ml", "duration": "100min"}


def post(client: TestClient, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = client.post(f"{API}{path}", json=body)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def test_a_plan_has_the_coachs_figures_in_words(client: TestClient, coach: Coach) -> None:
    body = {"sport": "cycling", "duration": "4h", "temperature": "33C", "humidity": 55}
    data = post(client, "/plan", body)
    made = coach.plan("cycling", "4h", "33C", humidity=55)
    assert data["session"]["sport"] == "cycling"
    assert data["session"]["feels_like_c"] == made.session.feels_like_c
    assert data["fluid_ml_per_h"] == made.fluid_ml_per_h
    assert data["sodium_mg_per_h"] == made.sodium_mg_per_h
    assert [item["id"] for item in data["conditions"]] == [item.id for item in made.conditions]
    first = data["warmup"]["items"][0]
    assert (first["text"], first["reason"]) == made.warmup.items[0].words(coach.text)
    assert data["disclaimer"] == coach.text(made.disclaimer)
    assert data["from_profile"] == []


def test_a_plan_and_a_sweat_test_carry_the_same_disclaimer(client: TestClient) -> None:
    plan = post(client, "/plan", {"sport": "running", "duration": "1h", "temperature": 20})
    sweat = post(client, "/sweat-rate", TEST)
    assert plan["disclaimer"] == sweat["disclaimer"]
    assert "diagnosis" in plan["disclaimer"]


def test_a_swim_plan_needs_no_air_temperature(client: TestClient) -> None:
    data = post(client, "/plan", {"sport": "swimming", "duration": "1h", "water_temperature": 16})
    assert data["session"]["temperature_c"] is None
    assert data["session"]["feels_like_c"] is None
    assert data["conditions"][0]["id"] == "air_unknown"
    assert "not given" in data["conditions"][0]["text"]


def test_a_swim_plan_speaks_of_the_water(client: TestClient) -> None:
    body = {"sport": "open water", "duration": 1.5, "temperature": 20, "water_temperature": "14C"}
    data = post(client, "/plan", body)
    assert data["session"]["sport"] == "swimming"
    assert data["session"]["water_temperature_c"] == 14
    assert data["if_cramp"]["water"]
    assert "cold_water" in [item["id"] for item in data["conditions"]]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"sport": "curling on mars", "duration": "1h", "temperature": 20}, "sport"),
        ({"sport": "running", "duration": "-2h", "temperature": 20}, "duration"),
        ({"sport": "running", "duration": "2h", "temperature": "900C"}, "temperature"),
        ({"sport": "running", "duration": "2h", "temperature": 20, "humidity": 140}, "humidity"),
        (
            {"sport": "running", "duration": "2h", "temperature": 20, "intensity": "max"},
            "intensity",
        ),
        ({"sport": "running", "duration": "2h", "temperature": "warm"}, "temperature"),
        ({"sport": "running", "duration": "2h"}, "temperature"),
        ({"sport": "running", "duration": "2h", "temperature": 20, "sweat": "salty"}, "sweat"),
    ],
)
def test_a_bad_plan_input_names_its_field(
    client: TestClient, body: dict[str, Any], field: str
) -> None:
    assert_problem(client.post(f"{API}/plan", json=body), 422, field)


def test_a_sweat_rate_is_worked_out_and_read(client: TestClient, coach: Coach) -> None:
    data = post(client, "/sweat-rate", TEST)
    result = coach.sweat_rate(*TEST.values())
    assert data["sweat_rate_l_per_h"] == result.sweat_rate_l_per_h
    assert data["mass_change_percent"] == result.mass_change_percent
    assert data["status"] == result.status
    assert [item["id"] for item in data["reading"]] == [item.id for item in result.reading]
    assert all(item["text"] and item["reason"] for item in data["reading"])
    assert data["saved"] is False
    assert client.get(f"{API}/profile").json()["sweat_rate_l_per_h"] is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"before": "9000kg"}, "before"),
        ({"after": "40kg"}, "after"),  # half the body mass in one session
        ({"drank": "-1L"}, "drank"),
        ({"duration": "0min"}, "duration"),
        ({"sweat": "medium"}, "sweat"),
        ({"before": None}, "before"),
    ],
)
def test_a_bad_sweat_test_names_its_field(
    client: TestClient, change: dict[str, Any], field: str
) -> None:
    assert_problem(client.post(f"{API}/sweat-rate", json={**TEST, **change}), 422, field)


def test_a_saved_sweat_test_fills_the_next_plan(client: TestClient) -> None:
    saved = post(client, "/sweat-rate", {**TEST, "sodium": "1100mg/L", "save": True})
    assert saved["saved"] is True
    profile = client.get(f"{API}/profile").json()
    assert profile["sweat_rate_l_per_h"] == saved["sweat_rate_l_per_h"]
    assert profile["sweat_sodium_mg_per_l"] == 1100
    assert profile["body_mass_kg"] == 81.0

    plan = post(client, "/plan", {"sport": "running", "duration": "3h", "temperature": 28})
    assert plan["from_profile"] == ["sweat_rate_l_per_h", "sweat_sodium_mg_per_l", "body_mass_kg"]
    assert plan["fluid"]["sweat_rate"]["basis"] == "measured"
    assert plan["sodium"]["sweat_sodium_basis"] == "measured"
    alone = post(
        client,
        "/plan",
        {"sport": "running", "duration": "3h", "temperature": 28, "use_profile": False},
    )
    assert alone["from_profile"] == []
    assert alone["fluid"]["sweat_rate"]["basis"] == "estimated"


def test_the_profile_is_replaced_and_read_back(client: TestClient) -> None:
    empty = client.get(f"{API}/profile").json()
    assert empty["age_years"] is None and empty["updated"] is None
    response = client.put(f"{API}/profile", json={"age_years": 58, "cramp_history": True})
    assert response.status_code == 200, response.text
    kept = client.get(f"{API}/profile").json()
    assert kept["age_years"] == 58 and kept["cramp_history"] is True
    assert kept["updated"] is not None
    plan = post(client, "/plan", {"sport": "tennis", "duration": "2h", "temperature": 30})
    assert plan["from_profile"] == ["cramp_history"]
    assert plan["session"]["cramp_history"] is True


@pytest.mark.parametrize(
    ("body", "field"),
    [({"age_years": 300}, "age_years"), ({"sex": "yes"}, "sex"), ({"shoe_size": 44}, "shoe_size")],
)
def test_a_bad_profile_names_its_field(
    client: TestClient, body: dict[str, Any], field: str
) -> None:
    assert_problem(client.put(f"{API}/profile", json=body), 422, field)


def test_a_plan_carries_the_persons_forecast_from_their_diary(
    client: TestClient, coach: Coach
) -> None:
    from forecast_diaries import salt_sweater

    salt_sweater(coach)
    data = post(client, "/plan", {"sport": "running", "duration": "2h30m", "temperature": 29})
    forecast = data["forecast"]
    made = coach.plan("running", "2h30m", 29).forecast
    assert made is not None
    assert forecast["risk"]["probability"] == pytest.approx(made.risk.probability)
    assert forecast["similar_sessions"] == made.similar_sessions > 0
    assert [r["factor"] for r in forecast["personal"]] == [r.factor for r in made.personal]
    assert forecast["words"]["headline"].startswith("Your chance of a cramp")


def test_the_forecast_report_and_its_plot(client: TestClient, coach: Coach) -> None:
    empty = client.get(f"{API}/forecast/report").json()
    assert not empty["enough"] and empty["forecasts"] == 0
    assert empty["words"][0].startswith("Not enough forecasts yet")
    from forecast_diaries import salt_sweater

    salt_sweater(coach)
    report = client.get(f"{API}/forecast/report").json()
    assert report["enough"] and report["brier"] < report["brier_prior"]
    plot = client.get(f"{API}/forecast/report/plot.png")
    assert plot.status_code == 200 and plot.headers["content-type"] == "image/png"
    assert plot.content.startswith(b"\x89PNG")
