"""`GET /explain/{id}`, `GET /relief/{muscle}` and `POST /ask`: the knowledge over HTTP."""

from __future__ import annotations

from api_support import API, assert_problem
from fastapi.testclient import TestClient

from crampcoach import contract
from crampcoach.coach import Coach

NOTE = "Not a diagnosis. If in doubt or it gets worse, see a doctor."


def test_explain_gives_the_entry_its_evidence_and_sources(client: TestClient, coach: Coach) -> None:
    data = client.get(f"{API}/explain/rhabdomyolysis_signs").json()
    expected = coach.explain("rhabdomyolysis_signs")
    assert data["type"] == "red_flag"
    assert data["label"] == expected["label"]
    assert data["do_now"] == expected["do_now"]
    assert [s["id"] for s in data["sources"]] == [s["id"] for s in expected["sources"]]
    assert all(s["citation"] for s in data["sources"])
    assert data["note"] == NOTE


def test_explain_reads_a_question_topic(client: TestClient) -> None:
    data = client.get(f"{API}/explain/quinine").json()
    assert data["type"] == "faq_topic"
    assert data["question"] and data["answer"]
    assert "keywords" not in data  # how a topic is matched is not what it says


def test_an_unknown_id_is_a_404_naming_the_id_and_the_known_ones(client: TestClient) -> None:
    body = assert_problem(client.get(f"{API}/explain/unicorn_horn"), 404, "id")
    assert "'unicorn_horn'" in body["detail"]
    assert "deep_vein_thrombosis" in body["detail"]


def test_relief_gives_the_steps_of_the_muscle_a_person_names(client: TestClient) -> None:
    data = client.get(f"{API}/relief/Quads").json()
    assert data["id"] == "quadriceps"
    assert len(data["steps"]) >= 2
    assert all(step["text"] for step in data["steps"])
    assert data["get_help"] and data["avoid"]
    assert data["sources"] and data["note"] == NOTE


def test_an_unknown_muscle_is_a_404_listing_the_choices(client: TestClient) -> None:
    body = assert_problem(client.get(f"{API}/relief/earlobe"), 404, "muscle")
    assert "calf, hamstring" in body["detail"]


def test_ask_gives_a_topic_and_its_sources(client: TestClient, coach: Coach) -> None:
    question = "Will a banana a day stop my leg cramps?"
    response = client.post(f"{API}/ask", json={"question": question})
    assert response.status_code == 200, response.text
    data = response.json()
    expected = contract.answer_record(coach, coach.ask(question))
    assert data["topic"] == expected["topic"] == "potassium_bananas"
    assert data["sources"] == expected["sources"] and data["sources"]
    assert set(data["citations"]) <= set(data["sources"])
    assert data["answer"] == expected["answer"]
    assert data["note"] == NOTE
    assert data["danger_signs"] is None


def test_a_question_describing_a_danger_sign_leads_with_it(client: TestClient) -> None:
    question = "my calf went red and puffy after the long drive, could it be dehydration?"
    data = client.post(f"{API}/ask", json={"question": question}).json()
    assert "dvt_signs" in data["danger_signs"]["red_flags"]
    assert data["answer"].startswith(data["danger_signs"]["message"])
    # It points to the API's own way in, not to a command line the client may not have.
    assert "/api/v1/assess" in data["danger_signs"]["message"]
    assert "crampcoach assess" not in data["answer"]


def test_a_question_out_of_scope_is_refused_honestly(client: TestClient) -> None:
    data = client.post(f"{API}/ask", json={"question": "Which bank has the best mortgage?"}).json()
    assert "crampcoach ask --list" not in data["answer"]  # a command line the client lacks
    assert data["topic"] is None
    assert data["sources"] == []
    assert data["answer"]


def test_a_question_it_cannot_read_names_the_field(client: TestClient) -> None:
    assert_problem(client.post(f"{API}/ask", json={"question": "   "}), 422, "question")
    long = "why " * (contract.MAX_QUESTION // 4 + 1)
    body = assert_problem(client.post(f"{API}/ask", json={"question": long}), 422, "question")
    assert str(contract.MAX_QUESTION) in body["detail"]
    assert_problem(client.post(f"{API}/ask", json={}), 422, "question")
