"""The assess flow on pages: story → "I understood" → one question at a time → result."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from starlette.datastructures import FormData
from web_support import page_of, post, token_of

from crampcoach.core.assessment import FollowUp
from crampcoach.web.question import reply_of

CLOT_AND_BREATH = (
    "Since the long-haul flight my left calf is puffy, red and warm; now I am short of breath."
)
SWOLLEN_CALF = (
    "My right calf cramped last night in bed and this morning the calf is swollen on that "
    "side only."
)
RIDE = "Hamstring cramp while cycling for two hours in the heat."


def start(client: TestClient, story: str) -> str:
    """The draft's path after telling `story`."""
    response = post(client, "/assess", {"story": story, "action": "story"})
    assert response.status_code == 303, response.text
    location: str = response.headers["location"]
    assert re.fullmatch(r"/assess/[\w-]{16,}", location)
    return location


def level_of(client: TestClient, draft: str) -> str:
    html = client.get(f"{draft}/result").text
    found = re.search(r'class="triage level-(\w+)"', html)
    assert found, html[:300]
    return found[1]


def fact_rows(html: str) -> dict[str, str]:
    """The facts form's rows: the number of each row by its label."""
    rows = re.findall(r'<span class="fact-label">([^<]+)</span>.*?name="value_(\d+)"', html, re.S)
    return {number: label for label, number in rows}


def test_the_story_form_works_without_javascript(client: TestClient) -> None:
    page = page_of(client.get("/assess"))
    assert "Tell me what happened" in page.main_text()
    html = client.get("/assess").text
    assert '<form method="post" action="/assess"' in html
    assert '<label for="story">' in html and 'id="story"' in html


def test_a_danger_story_leads_with_the_emergency_banner_at_every_step(client: TestClient) -> None:
    draft = start(client, CLOT_AND_BREATH)
    for path in (draft, f"{draft}/question", f"{draft}/result"):
        response = client.get(path, follow_redirects=True)
        assert response.status_code == 200
        main = page_of(response).main_text()
        # Nothing but the (hidden) page heading comes before the banner's title.
        first = next(text for text in main if text != "Your result")
        assert first == "CALL AN AMBULANCE NOW", (path, main[:5])
        assert "Call your local emergency number now" in response.text
        assert response.text.index("CALL AN AMBULANCE NOW") < response.text.index("<h1") or (
            path.endswith("/result")
        )
    result = client.get(f"{draft}/result").text
    assert result.index("triage level-emergency_ambulance") < result.index(
        "What may have contributed"
    )
    assert "Not a diagnosis" in result


def test_what_was_understood_is_listed_fact_by_fact_with_the_persons_words(
    client: TestClient,
) -> None:
    draft = start(client, SWOLLEN_CALF)
    html = client.get(draft).text
    rows = fact_rows(html)
    assert "Muscle" in rows.values() and "Swelling on one side" in rows.values()
    assert '<q translate="no">calf</q>' in html
    assert "SEE A DOCTOR WITHIN 24 HOURS" in html  # the result so far


def test_correcting_a_fact_changes_the_result(client: TestClient) -> None:
    draft = start(client, SWOLLEN_CALF)
    assert level_of(client, draft) == "consultation_24"
    rows = fact_rows(client.get(draft).text)
    drop = {f"remove_{n}": "1" for n, label in rows.items() if label.startswith("Swelling")}
    assert drop
    response = post(client, f"{draft}/facts", drop)
    assert response.status_code == 303 and response.headers["location"] == f"{draft}?updated=1"
    updated = client.get(response.headers["location"]).text
    assert "Updated: the result below uses your corrections." in updated
    assert "Swelling on one side" not in fact_rows(updated).values()
    assert level_of(client, draft) != "consultation_24"


def test_changing_a_value_is_checked_and_kept(client: TestClient) -> None:
    draft = start(client, RIDE)
    rows = {label: n for n, label in fact_rows(client.get(draft).text).items()}
    number = rows["How long the session lasted"]
    bad = post(client, f"{draft}/facts", {f"value_{number}": "forever"})
    assert bad.status_code == 422
    assert "does not fit here. Nothing was changed." in bad.text
    assert 'value="2 h"' in bad.text  # nothing already given is lost
    good = post(client, f"{draft}/facts", {f"value_{number}": "45 min"})
    assert good.status_code == 303
    assert 'value="45 min"' in client.get(draft).text
    muscle = rows["Muscle"]
    post(client, f"{draft}/facts", {f"value_{muscle}": "quadriceps"})
    assert "Relief: Front of the thigh (quadriceps)" in client.get(f"{draft}/result").text


def test_a_follow_up_answer_moves_to_the_next_question_then_the_result(
    client: TestClient,
) -> None:
    draft = start(client, RIDE)
    seen = []
    for _ in range(15):
        response = client.get(f"{draft}/question", follow_redirects=False)
        if response.status_code == 303:
            assert response.headers["location"] == f"{draft}/result"
            break
        html = response.text
        question = re.search(r'name="question" value="([^"]+)"', html)
        assert question, html
        assert question[1] not in seen  # each question once
        seen.append(question[1])
        assert f"Question {len(seen)}" in html
        answered = post(client, f"{draft}/answer", {"question": question[1], "reply": ""})
        assert answered.status_code == 303
        assert answered.headers["location"] == f"{draft}/question"
    else:
        raise AssertionError("the interview did not end")
    assert seen and seen[0] == "breathlessness"
    result = client.get(f"{draft}/result").text
    assert "What may have contributed" in result and "Evidence:" in result


def test_a_yes_to_a_red_flag_screen_raises_the_triage(client: TestClient) -> None:
    draft = start(client, RIDE)
    assert level_of(client, draft) == "self_care"
    answered = post(client, f"{draft}/answer", {"question": "breathlessness", "reply": "yes"})
    assert answered.status_code == 303
    assert level_of(client, draft) in ("emergency", "emergency_ambulance")


def test_a_reply_that_does_not_fit_says_why_and_keeps_the_answers(client: TestClient) -> None:
    draft = start(client, RIDE)
    post(client, f"{draft}/answer", {"question": "breathlessness", "reply": "no"})
    bad = post(client, f"{draft}/answer", {"question": "chest_pain", "reply": "purple"})
    assert bad.status_code == 422
    assert 'role="alert"' in bad.text and "Please answer yes, no or don" in bad.text
    assert "Question 2" in bad.text  # the first answer is kept
    good = post(client, f"{draft}/answer", {"question": "chest_pain", "reply": "no"})
    assert good.status_code == 303
    assert "Question 3" in client.get(f"{draft}/question").text


def question(kind: str, field: str, choices: list[str], unit: str | None = None) -> FollowUp:
    return FollowUp(
        id="q",
        text="?",
        kind=kind,
        field=field,
        unit=unit,
        choices=choices,
        reason="r",
        screens_red_flag=False,
    )


@pytest.mark.parametrize(
    ("asked", "form", "words"),
    [
        (question("yes_no", "findings.swelling", []), {"reply": "yes"}, "yes"),
        (question("yes_no", "findings.swelling", []), {"reply": ""}, ""),
        (
            question("number", "episode.duration_s", [], "s"),
            {"reply": "number", "number": " 45 min "},
            "45 min",
        ),
        (question("number", "episode.duration_s", [], "s"), {"reply": "", "number": "9"}, ""),
        (
            question("choice", "activity.intensity", ["easy", "hard"]),
            {"reply": "choice", "choice": "hard"},
            "hard",
        ),
        (
            question("choice", "person.medicines", ["statin", "laba", "ppi"]),
            [("reply", "choice"), ("choice", "statin"), ("choice", "laba")],
            "statin, laba",
        ),
        (
            question("choice", "person.medicines", ["statin", "laba", "ppi"]),
            {"reply": "none"},
            "no",
        ),
        (question("choice", "person.conditions", ["diabetes"]), {"reply": "no"}, "no"),
    ],
)
def test_each_control_gives_the_words_a_person_would_type(
    asked: FollowUp, form: dict[str, str] | list[tuple[str, str]], words: str
) -> None:
    assert reply_of(asked, FormData(form)) == words


def test_a_choice_that_does_not_fit_says_why(client: TestClient) -> None:
    response = post(client, "/assess", {"story": "", "action": "questions"})
    draft = response.headers["location"].rsplit("/", 1)[0]
    bad = post(
        client, f"{draft}/answer", {"question": "muscle", "reply": "choice", "choice": "elbow"}
    )
    assert bad.status_code == 422 and "Please say calf" in bad.text


def test_show_my_result_now_stops_the_questions(client: TestClient) -> None:
    draft = start(client, RIDE)
    response = post(client, f"{draft}/answer", {"action": "finish"})
    assert response.headers["location"] == f"{draft}/result"
    assert client.get(f"{draft}/question", follow_redirects=False).status_code == 303
    result = client.get(f"{draft}/result").text
    assert "Answer more questions" in result
    post(client, f"{draft}/more", {})
    assert client.get(f"{draft}/question", follow_redirects=False).status_code == 200


def test_questions_instead_of_a_story_ask_the_muscle_first(client: TestClient) -> None:
    response = post(client, "/assess", {"story": "", "action": "questions"})
    assert response.status_code == 303
    question = client.get(response.headers["location"]).text
    assert "Which muscle cramped?" in question
    assert 'type="radio"' in question and "Calf (gastrocnemius and soleus)" in question
    draft = response.headers["location"].rsplit("/", 1)[0]
    post(client, f"{draft}/answer", {"question": "muscle", "reply": "choice", "choice": "foot"})
    assert "When did it come?" in client.get(f"{draft}/question").text


def test_a_story_with_nothing_to_go_on_says_what_is_missing_and_keeps_the_text(
    client: TestClient,
) -> None:
    response = post(client, "/assess", {"story": "hello there", "action": "story"})
    assert response.status_code == 422
    assert "I could not find a cramp story in that" in response.text
    assert ">hello there</textarea>" in response.text
    empty = post(client, "/assess", {"story": "  ", "action": "story"})
    assert empty.status_code == 422 and "Please tell me what happened" in empty.text


def test_the_result_can_be_saved_in_the_diary(client: TestClient) -> None:
    draft = start(client, RIDE)
    response = post(client, f"{draft}/save", {})
    assert response.headers["location"] == f"{draft}/result?saved=1"
    assert "Saved in your diary." in client.get(response.headers["location"]).text
    export = client.get("/api/v1/export").json()
    assert [saved["kind"] for saved in export["saved"]] == ["assessment"]


def test_a_draft_that_is_gone_is_a_clear_404_page(client: TestClient) -> None:
    response = client.get("/assess/no-such-draft-here/result")
    assert response.status_code == 404
    assert "This assessment is no longer here" in response.text
    assert "Traceback" not in response.text
    token_of(client)  # the page still offers a way on


def test_a_fact_told_again_is_listed_once_and_dropped_everywhere(client: TestClient) -> None:
    story = (
        "Rowed 10 km on the erg, then my left calf cramped. Rowed again on Sunday and the "
        "calf went again. Rowing is all I do."
    )
    draft = start(client, story)
    rows = fact_rows(client.get(draft).text)
    labels = list(rows.values())
    assert len(labels) == len(set(labels))  # each said once, however often it was told
    sport = [n for n, label in rows.items() if label.startswith("Sport")]
    assert len(sport) == 1
    post(client, f"{draft}/facts", {f"remove_{sport[0]}": "1"})
    assert not any(
        label.startswith("Sport") for label in fact_rows(client.get(draft).text).values()
    )
