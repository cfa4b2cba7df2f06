"""`Accept-Language` picks the words; `Content-Language` names them; ids never change.

In the pseudo-locale `en-XA` every letter that passes through the catalogue is accented,
so a plain letter left in a person-facing field escaped it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from api_support import API, KNOWLEDGE, assert_problem, client_for
from fastapi.testclient import TestClient

from crampcoach.api.language import requested
from crampcoach.coach import Coach
from crampcoach.i18n import PSEUDO
from crampcoach.settings import Settings

PLAIN = re.compile(r"[A-Za-z]")
PSEUDO_HEADERS = {"Accept-Language": PSEUDO}
STORY = (
    "Mowing the lawn in July my right calf went rock hard, and since then the leg is swollen, "
    "hot and red."
)


def plain(texts: list[str]) -> list[str]:
    return [text for text in texts if PLAIN.search(text)]


def test_an_assessment_in_the_pseudo_locale_keeps_ids_and_accents_every_word(
    client: TestClient,
) -> None:
    english = client.post(f"{API}/assess", json={"text": STORY})
    pseudo = client.post(f"{API}/assess", json={"text": STORY}, headers=PSEUDO_HEADERS)
    assert english.headers["content-language"] == "en"
    assert pseudo.headers["content-language"] == PSEUDO
    assert "Accept-Language" in pseudo.headers["vary"]
    en, xa = english.json(), pseudo.json()
    assert xa["triage"]["level"] == en["triage"]["level"] != "self_care"
    assert xa["red_flags"] == en["red_flags"] and "dvt_signs" in xa["red_flags"]
    assert [f["id"] for f in xa["factors"]] == [f["id"] for f in en["factors"]]
    assert [q["id"] for q in xa["follow_up"]] == [q["id"] for q in en["follow_up"]]
    texts = [
        xa["triage"]["title"],
        xa["triage"]["meaning"],
        *xa["triage"]["reasons"],
        *xa["do_now"],
        *(f["label"] + f["why"] for f in xa["factors"]),
        *xa["relief"],
        *xa["prevention"],
        *(q["text"] + q["reason"] for q in xa["follow_up"]),
        xa["next_question"]["text"],
        xa["note"],
    ]
    assert plain(texts) == []
    assert xa["note"] != en["note"]


def test_plan_relief_and_answer_words_go_through_the_catalogue(client: TestClient) -> None:
    body = {"sport": "running", "duration": "2h", "temperature": 31, "humidity": 70}
    plan = client.post(f"{API}/plan", json=body, headers=PSEUDO_HEADERS).json()
    items = [item for part in ("warmup", "fluid", "sodium") for item in plan[part]["items"]]
    assert plain([t for item in items for t in (item["text"], item["reason"])]) == []
    assert plain([plan["disclaimer"], plan["session"]["sport_label"]]) == []

    relief = client.get(f"{API}/relief/hamstring", headers=PSEUDO_HEADERS).json()
    assert relief["id"] == "hamstring"
    assert plain([relief["label"], *(s["text"] for s in relief["steps"]), relief["note"]]) == []

    question = {"question": "is pickle juice any good for cramps?"}
    answer = client.post(f"{API}/ask", json=question, headers=PSEUDO_HEADERS).json()
    assert answer["topic"] == "pickle_juice"
    assert plain([answer["answer"], answer["explanation"], *answer["what_to_do"]]) == []


def test_a_problem_is_worded_in_the_language_asked_for(client: TestClient) -> None:
    response = client.get(f"{API}/relief/elbow", headers=PSEUDO_HEADERS)
    body = assert_problem(response, 404, "muscle")
    assert response.headers["content-language"] == PSEUDO
    assert plain([body["title"]]) == []
    assert "'elbow'" in body["detail"] and body["detail"].startswith("úñķñóŵñ")
    unknown = assert_problem(client.get(f"{API}/nowhere", headers=PSEUDO_HEADERS), 404)
    assert plain([unknown["title"]]) == []


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        ("fr-CH, fr;q=0.9, de;q=0.7", "en"),  # not spoken: English
        ("de, en-XA;q=0.5", PSEUDO),  # the first spoken one
        ("en-XA;q=0.2, en-GB;q=0.8", "en"),  # by weight, not by place
        ("en-xa", PSEUDO),
        ("en-XA;q=0", "en"),  # q=0: not wanted
        ("*", "en"),
        ("%%%, ;;", "en"),  # not a header: ignored
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh-Hans"),
        ("fr, zh-TW;q=0.5", "zh-Hant"),
        ("zh-HK", "zh-Hant"),
        ("zh-Hant, zh;q=0.5", "zh-Hant"),
        ("zh-SG", "zh-Hans"),
    ],
)
def test_accept_language_picks_the_first_spoken_language_by_weight(
    client: TestClient, header: str, lang: str
) -> None:
    response = client.get(f"{API}/relief/calf", headers={"Accept-Language": header})
    assert response.status_code == 200
    assert response.headers["content-language"] == lang
    label: Any = response.json()["label"]
    assert bool(PLAIN.search(label)) == (lang == "en")


def test_the_header_is_read_most_wanted_first() -> None:
    assert requested("da, en-GB;q=0.8, en;q=0.7") == ["da", "en-GB", "en"]
    assert requested("en;q=0.1, zh-Hans;q=0.9") == ["zh-Hans", "en"]
    assert requested("fr;q=abc, de") == ["de"]


def test_a_chinese_text_that_is_no_cramp_story_is_told_so_in_chinese(tmp_path: Path) -> None:
    # A server given no language answers a story in its own (as the CLI and --jsonl do).
    settings = Settings(home=tmp_path, db_url=f"sqlite:///{tmp_path / 'diary.sqlite'}")
    with client_for(Coach(settings, KNOWLEDGE)) as client:
        response = client.post(f"{API}/assess", json={"text": "今天天气很好，我在家看书。"})
        english = client.post(f"{API}/assess", json={"text": "The weather is lovely today."})
    body = assert_problem(response, 422, "text")
    assert response.headers["content-language"] == "zh-Hans"
    assert body["detail"].startswith("我没能从中看出抽筋的经过")
    assert plain([body["errors"][0]["message"]]) == []
    assert "无法使用" in body["title"]  # the title too (the name crampcoach aside)
    assert assert_problem(english, 422, "text")["detail"].startswith("I could not find")


def test_traditional_chinese_is_answered_when_asked_for(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, db_url=f"sqlite:///{tmp_path / 'diary.sqlite'}")
    story = {"text": "跑馬拉松到三十公里小腿抽筋了，天很熱，只喝了白開水。"}
    with client_for(Coach(settings, KNOWLEDGE)) as client:
        asked = client.post(f"{API}/assess", json=story, headers={"Accept-Language": "zh-TW"})
        plain_story = client.post(f"{API}/assess", json=story)
        answer = client.post(
            f"{API}/ask", json={"question": "抽筋是缺钙吗"}, headers={"Accept-Language": "zh-HK"}
        )
        problem = client.get(f"{API}/relief/elbow", headers={"Accept-Language": "zh-Hant"})
    assert asked.headers["content-language"] == asked.json()["lang"] == "zh-Hant"
    assert asked.json()["triage"]["title"] == "自我護理"
    # A Traditional story with no language asked is answered in Simplified characters.
    assert plain_story.headers["content-language"] == plain_story.json()["lang"] == "zh-Hans"
    assert plain_story.json()["triage"]["title"] == "自我护理"
    hant, hans = asked.json(), plain_story.json()
    assert [(f["id"], f["score"], f["sources"]) for f in hant["factors"]] == [
        (f["id"], f["score"], f["sources"]) for f in hans["factors"]
    ]
    assert answer.headers["content-language"] == answer.json()["lang"] == "zh-Hant"
    assert answer.json()["topic"] == "calcium_deficiency" and "鈣" in answer.json()["answer"]
    assert problem.headers["content-language"] == "zh-Hant"
    detail = assert_problem(problem, 404, "muscle")["detail"]
    assert "'elbow'" in detail and "請從" in detail  # 请 in Simplified


def test_a_header_naming_the_servers_own_language_is_kept_to(tmp_path: Path) -> None:
    # Without the header a Chinese story is answered in Chinese; with it, in English.
    settings = Settings(home=tmp_path, db_url=f"sqlite:///{tmp_path / 'diary.sqlite'}")
    story = {"text": "跑马拉松到三十公里小腿抽筋了，天很热，只喝了白开水。"}
    with client_for(Coach(settings, KNOWLEDGE)) as client:
        asked = client.post(f"{API}/assess", json=story, headers={"Accept-Language": "en"})
        own = client.post(f"{API}/assess", json=story)
    assert asked.headers["content-language"] == asked.json()["lang"] == "en"
    assert own.headers["content-language"] == own.json()["lang"] == "zh-Hans"
