"""`POST /assess`: the same result as the Coach and the JSON contract, and the follow-up loop."""

from __future__ import annotations

from typing import Any

import pytest
from api_support import API, assert_problem
from fastapi.testclient import TestClient

from crampcoach import contract
from crampcoach.coach import Coach

URGENT = {"emergency_ambulance", "emergency"}
DANGER_STORIES = {
    "dark urine after hauling furniture": (
        "After a double shift moving furniture in the heat my thighs cramped for hours and "
        "now my pee is the colour of cola.",
        "rhabdomyolysis_signs",
    ),
    "puffy calf after a flight, breathless": (
        "Since the 11 hour flight home my left calf is puffy, warm to touch and tender, and "
        "today the stairs make me breathless.",
        "dvt_signs",
    ),
}
SWIM = "My foot cramped in the pool during a 40 minute swim."
NO_MUSCLE = "Got a cramp yesterday, it really hurt."


def assess(client: TestClient, **body: Any) -> dict[str, Any]:
    response = client.post(f"{API}/assess", json=body)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


@pytest.mark.parametrize("name", sorted(DANGER_STORIES))
def test_a_danger_story_is_urgent_with_the_contracts_red_flags(
    client: TestClient, coach: Coach, name: str
) -> None:
    text, flag = DANGER_STORIES[name]
    data = assess(client, text=text)
    expected = contract.assess_request(coach, {"text": text}).model_dump(mode="json")
    assert data["triage"]["level"] in URGENT
    assert flag in data["red_flags"]
    assert data["triage"]["level"] == expected["triage"]["level"]
    assert data["red_flags"] == expected["red_flags"]
    # Every key of the contract's record, the same; the API adds the interview's state.
    assert {key: data[key] for key in expected} == expected
    assert set(data) - set(expected) == {"next_question", "asked"}
    assert data["asked"] == []
    assert (
        data["do_now"]
        and data["note"] == "Not a diagnosis. If in doubt or it gets worse, see a doctor."
    )


def test_an_intake_is_assessed_as_the_contract_does(client: TestClient, coach: Coach) -> None:
    intake = {
        "episode": {"muscle": "hamstring", "during_exercise": True},
        "activity": {"duration_s": "95 min", "air_temperature_c": "88F"},
    }
    data = assess(client, intake=intake)
    expected = contract.assess_request(coach, {"intake": intake}).model_dump(mode="json")
    assert {key: data[key] for key in expected} == expected
    assert data["muscle"] == "hamstring"
    assert data["understood"] == [] and data["notices"] == []


def test_answering_a_red_flag_screen_yes_raises_the_triage(client: TestClient) -> None:
    first = assess(client, text=SWIM)
    assert first["triage"]["level"] == "self_care"
    screen = next(q for q in first["follow_up"] if q["red_flag"] == "breathlessness_or_chest_pain")
    assert screen["kind"] == "yes_no" and screen["screens_red_flag"]

    after = assess(client, text=SWIM, answers={screen["id"]: True})
    assert after["triage"]["level"] == "emergency_ambulance"
    assert "breathlessness_or_chest_pain" in after["red_flags"]
    assert after["asked"] == [screen["id"]]
    assert screen["id"] not in [q["id"] for q in after["follow_up"]]


def test_answering_no_removes_the_question_and_keeps_the_triage(client: TestClient) -> None:
    first = assess(client, text=SWIM)
    asked = first["next_question"]["id"]
    after = assess(client, text=SWIM, answers={asked: False})
    assert after["triage"]["level"] == "self_care"
    assert asked in [q["id"] for q in first["follow_up"]]
    assert asked not in [q["id"] for q in after["follow_up"]]
    assert after["next_question"]["id"] != asked
    assert after["asked"] == [asked]


def test_a_number_reply_is_read_in_the_questions_unit(client: TestClient) -> None:
    first = assess(client, text=SWIM)
    water = next(q for q in first["follow_up"] if q["id"] == "cold_water")
    assert water["kind"] == "number" and water["unit"] == "degC"
    cold = assess(client, text=SWIM, answers={"cold_water": 13})
    warm = assess(client, text=SWIM, answers={"cold_water": 29})
    cold_factors = [f["id"] for f in cold["factors"]]
    assert "cold_exposure" in cold_factors
    assert cold_factors != [f["id"] for f in warm["factors"]]


def test_the_story_questions_come_first_and_a_choice_is_read(client: TestClient) -> None:
    first = assess(client, text=NO_MUSCLE)
    assert first["muscle"] is None
    assert first["next_question"]["id"] == "muscle"
    assert "calf" in first["next_question"]["choices"]
    after = assess(client, text=NO_MUSCLE, answers={"muscle": "calf"})
    assert after["muscle"] == "calf"
    assert after["next_question"]["id"] == "when"
    both = assess(client, text=NO_MUSCLE, answers={"muscle": "calf", "when": "at night in bed"})
    assert both["asked"] == ["muscle", "when"]
    assert both["next_question"]["id"] not in ("muscle", "when")


def test_dont_know_settles_a_question_without_changing_the_result(client: TestClient) -> None:
    first = assess(client, text=SWIM)
    skipped = assess(client, text=SWIM, answers={"chest_pain": None})
    assert skipped["asked"] == ["chest_pain"]
    assert "chest_pain" not in [q["id"] for q in skipped["follow_up"]]
    assert skipped["triage"] == first["triage"]
    assert [f["id"] for f in skipped["factors"]] == [f["id"] for f in first["factors"]]


def test_save_keeps_the_assessment_in_the_diary(client: TestClient) -> None:
    assess(client, text=SWIM, save=True)
    export = client.get(f"{API}/export").json()
    assert [saved["kind"] for saved in export["saved"]] == ["assessment"]
    assert export["saved"][0]["payload"]["intake"]["episode"]["muscle"] == "foot"


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({}, ["text", "intake"]),
        ({"text": SWIM, "intake": {}}, ["text", "intake"]),
        ({"text": "Lovely weather for a picnic."}, ["text"]),
        ({"intake": {"episode": {"muscle": "elbow"}}}, ["intake.episode.muscle"]),
        ({"text": SWIM, "answers": {"tax_return": True}}, ["answers.tax_return"]),
        ({"text": SWIM, "answers": {"chest_pain": "purple"}}, ["answers.chest_pain"]),
        ({"text": SWIM, "answers": {"cold_water": True}}, ["answers.cold_water"]),
        ({"text": SWIM, "mood": "fine"}, ["mood"]),
        ({"text": 42}, ["text"]),
    ],
)
def test_a_request_it_cannot_use_names_the_field(
    client: TestClient, body: dict[str, Any], fields: list[str]
) -> None:
    assert_problem(client.post(f"{API}/assess", json=body), 422, *fields)


def test_a_story_without_a_cramp_says_what_is_missing(client: TestClient) -> None:
    body = assert_problem(client.post(f"{API}/assess", json={"text": "Hello."}), 422, "text")
    assert body["type"] == "urn:crampcoach:problem:invalid-input"
    assert body["detail"].startswith("I could not find a cramp story in that.")
    assert body["errors"][0]["message"] == body["detail"]
