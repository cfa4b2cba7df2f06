"""The pages speak the language asked for: Accept-Language, or ?lang= (kept in a cookie).

In the pseudo-locale `en-XA` every letter that passes through the catalogue is accented,
so a plain letter on a page (outside what is marked `translate="no"`: the person's own
words, source ids and citations, file names, the patterns' English levels) escaped it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import opencc
import pytest
from babel.messages.pofile import read_po
from fastapi.testclient import TestClient
from test_web_assess import CLOT_AND_BREATH, RIDE, start
from web_support import GPX, Page, client_for, make_coach, post

from crampcoach.i18n import CORRECTIONS, LOCALE_DIR, PSEUDO, Translator

PLAIN = re.compile(r"[A-Za-z]")
XA = {"Accept-Language": PSEUDO}
HAN = re.compile(r"[\u3400-\u9fff]+")


class Recording(Translator):
    """The pseudo-locale, noting every message id asked for."""

    def __init__(self) -> None:
        super().__init__(PSEUDO)
        self.seen: set[str] = set()

    def __call__(self, message: str, /, **values: object) -> str:
        self.seen.add(message)
        return super().__call__(message, **values)


@pytest.fixture
def recording(tmp_path: Path) -> Iterator[tuple[TestClient, Recording]]:
    """A client whose pages speak the pseudo-locale, noting each message shown."""
    with client_for(make_coach(tmp_path)) as client:
        app = client.app
        words = Recording()
        app.state.site.languages.coach(PSEUDO).text = words  # type: ignore[attr-defined]
        client.headers.update(XA)
        yield client, words


def escaped(html: str, *data: str) -> list[str]:
    """What a person reads on the page that is still plain English (less `data`)."""
    found = []
    for text in Page(html).words():
        for value in data:
            text = text.replace(value, "")
        if PLAIN.search(text):
            found.append(text)
    return found


def visit_everything(client: TestClient) -> dict[str, str]:
    """Every page and every step of every flow, with data in the diary: path -> HTML."""
    shown: dict[str, str] = {}

    def get(path: str) -> None:
        response = client.get(path)
        assert response.status_code in (200, 404), (path, response.status_code)
        shown[path] = response.text

    for path in ("/", "/relief", "/assess", "/ask", "/plan", "/sweat-rate", "/offline"):
        get(path)
    for muscle in ("calf", "hamstring", "quadriceps", "foot", "other"):
        get(f"/relief/{muscle}")
    for story in (CLOT_AND_BREATH, RIDE):
        draft = start(client, story)
        get(draft)
        get(f"{draft}/question")
        get(f"{draft}/result")
    questions = post(client, "/assess", {"story": "", "action": "questions"})
    get(questions.headers["location"])
    for question in (
        "does pickle juice help a cramp?",
        "since the coach trip my left calf has gone puffy and hot",
    ):
        get(post(client, "/ask", {"question": question}).headers["location"])
    plan = {"sport": "swimming", "duration": "1h", "temperature": "18", "water_temperature": "14"}
    get(post(client, "/plan", plan).headers["location"])
    sweat = {"before": "70", "after": "69", "drank": "0.5", "duration": "1h", "save": "1"}
    get(post(client, "/sweat-rate", sweat).headers["location"])
    files = [("files", ("ride.gpx", GPX)), ("files", ("notes.txt", b"x"))]
    get(post(client, "/diary/imports", {}, files=files).headers["location"])
    post(client, "/diary/cramps", {"muscle": "foot", "severity": "5", "when": "night"})
    get("/diary")
    get("/diary/patterns")
    get("/nowhere")
    shown["403"] = client.post("/ask", data={"question": "x"}).text
    shown["422"] = post(
        client, "/plan", {"sport": "running", "duration": "0", "temperature": "20"}
    ).text
    return shown


def test_no_page_shows_a_plain_english_word_in_the_pseudo_locale(
    recording: tuple[TestClient, Recording],
) -> None:
    client, _ = recording
    for path, html in visit_everything(client).items():
        assert f'<html lang="{PSEUDO}">' in html, path
        # A path asked for and a unit symbol a core message names (`0 h`) are data.
        assert escaped(html, "/nowhere", "0 h") == [], path


def test_every_message_a_page_shows_is_in_the_catalogue(
    recording: tuple[TestClient, Recording],
) -> None:
    client, words = recording
    visit_everything(client)
    with (LOCALE_DIR / "crampcoach.pot").open("rb") as handle:
        catalogue = {str(m.id) for m in read_po(handle) if m.id}
    assert words.seen - catalogue == set()


def test_accept_language_picks_the_pages_language(client: TestClient) -> None:
    english = client.get("/relief/calf")
    pseudo = client.get("/relief/calf", headers=XA)
    assert english.headers["content-language"] == "en"
    assert pseudo.headers["content-language"] == PSEUDO
    assert '<html lang="en-XA">' in pseudo.text
    assert "Accept-Language" in pseudo.headers["vary"]


def test_lang_in_the_address_is_kept_for_the_next_pages(client: TestClient) -> None:
    response = client.get("/relief?lang=en-XA")
    assert response.headers["content-language"] == PSEUDO
    assert client.get("/ask").headers["content-language"] == PSEUDO  # from the cookie
    assert client.get("/ask?lang=en").headers["content-language"] == "en"
    assert client.get("/ask").headers["content-language"] == "en"
    unknown = client.get("/ask?lang=xx-YY")
    assert unknown.status_code == 200 and unknown.headers["content-language"] == "en"


def test_every_page_in_traditional_chinese_is_in_traditional_characters(tmp_path: Path) -> None:
    to_simplified, to_traditional = opencc.OpenCC("t2s"), opencc.OpenCC("s2tw")

    def simplified_left(text: str) -> list[str]:
        found = []
        for run in HAN.findall(text):
            again: str = to_traditional.convert(to_simplified.convert(run))
            for wrong, right in CORRECTIONS["zh-Hant"].items():
                again = again.replace(wrong, right)
            if again != run:
                found.append(run)
        return found

    with client_for(make_coach(tmp_path)) as client:
        client.headers.update({"Accept-Language": "zh-TW"})
        shown = visit_everything(client)
    for path, html in shown.items():
        assert '<html lang="zh-Hant">' in html, path
        # The switch names each language in its own script; the rest is Traditional.
        words = [w for w in Page(html).words() if w not in ("简体", "English")]
        assert HAN.search(" ".join(words)), path
        assert [run for w in words for run in simplified_left(w)] == [], path


def test_the_switch_offers_both_scripts(client: TestClient) -> None:
    page = client.get("/relief?lang=zh-Hant")
    assert page.headers["content-language"] == "zh-Hant"
    for tag, name in (("zh-Hans", "简体"), ("zh-Hant", "繁體"), ("en", "English")):
        assert f'hreflang="{tag}" lang="{tag}"' in page.text and f">{name}</a>" in page.text
    assert client.get("/ask").headers["content-language"] == "zh-Hant"  # from the cookie
    assert client.get("/ask?lang=zh-HK").headers["content-language"] == "zh-Hant"
