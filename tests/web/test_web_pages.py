"""Every page and form in process: content, security headers, CSRF, errors as pages."""

from __future__ import annotations

import re
from importlib import resources

import pytest
from fastapi.testclient import TestClient
from web_support import GPX, KNOWLEDGE, post, token_of

from crampcoach.coach import Coach
from crampcoach.web.drawings import ALT, STEPS

PAGES = [
    "/",
    "/relief",
    "/relief/calf",
    "/relief/hamstring",
    "/relief/quadriceps",
    "/relief/foot",
    "/relief/other",
    "/assess",
    "/ask",
    "/plan",
    "/sweat-rate",
    "/diary",
    "/diary/patterns",
    "/offline",
]
POSTS = [
    "/assess",
    "/ask",
    "/plan",
    "/sweat-rate",
    "/diary/cramps",
    "/diary/imports",
    "/assess/x/facts",
    "/assess/x/answer",
    "/assess/x/save",
]


def policy(response_headers: dict[str, str]) -> dict[str, str]:
    directives = response_headers["content-security-policy"].split(";")
    return {d.split()[0]: d.strip() for d in directives if d.strip()}


@pytest.mark.parametrize("path", PAGES)
def test_every_page_is_html_with_strict_headers(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    csp = policy(dict(response.headers))
    assert csp["default-src"] == "default-src 'self'"
    assert csp["script-src"] == "script-src 'self'"
    assert csp["style-src"] == "style-src 'self'"
    assert csp["frame-ancestors"] == "frame-ancestors 'none'"
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["content-language"] == "en"
    assert response.headers["cache-control"] == "no-store"
    html = response.text
    assert "<script>" not in html and " style=" not in html and " on" + "click=" not in html
    assert re.search(r'<html lang="en">', html)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html


def test_every_input_has_a_label(client: TestClient) -> None:
    for path in PAGES:
        html = client.get(path).text
        ids = set(
            re.findall(
                r'<(?:input|select|textarea)(?![^>]*type="(?:hidden|submit)")[^>]*\bid="([^"]+)"',
                html,
            )
        )
        named = set(
            re.findall(r'<(?:input|select|textarea)(?![^>]*type="hidden")[^>]*\bname="', html)
        )
        labels = set(re.findall(r'<label for="([^"]+)"', html))
        assert ids <= labels, (path, ids - labels)
        assert len(named) <= len(ids) + 1  # every control with a name has an id to label


@pytest.mark.parametrize("path", POSTS)
def test_a_post_without_its_csrf_token_is_refused_with_a_403_page(
    client: TestClient, path: str
) -> None:
    token_of(client)  # the browser has the cookie, the form lacks the token
    response = client.post(path, data={"story": "calf cramp at night"})
    assert response.status_code == 403
    assert response.headers["content-type"].startswith("text/html")
    assert "This form cannot be accepted" in response.text
    assert "reload the page" in response.text
    forged = client.post(path, data={"csrf_token": "0" * 64, "story": "calf cramp"})
    assert forged.status_code == 403


def test_a_token_is_valid_only_with_its_own_cookie(client: TestClient, coach: Coach) -> None:
    token = token_of(client)
    client.cookies.clear()
    response = client.post("/ask", data={"csrf_token": token, "question": "does salt help?"})
    assert response.status_code == 403


def test_the_api_keeps_its_problem_details_beside_the_pages(client: TestClient) -> None:
    api = client.get("/api/v1/nowhere")
    assert api.status_code == 404 and api.headers["content-type"] == "application/problem+json"
    assert client.get("/api/v1/health").json()["status"] == "ok"
    assert "/api/v1/assess" in client.get("/openapi.json").json()["paths"]
    page = client.get("/nowhere")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "There is no page at /nowhere." in page.text
    wrong = client.put("/relief/calf")
    assert wrong.status_code == 405 and "<h1>Method not allowed</h1>" in wrong.text


def test_an_unexpected_error_is_a_500_page_without_a_traceback(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: Coach, name: str) -> None:
        raise RuntimeError("secret detail")

    monkeypatch.setattr(Coach, "relief", broken)
    response = client.get("/relief/calf")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.text
    assert "secret detail" not in response.text and "Traceback" not in response.text


def test_the_service_worker_and_manifest_are_served_for_offline_relief(client: TestClient) -> None:
    worker = client.get("/sw.js")
    assert worker.status_code == 200
    assert worker.headers["content-type"].startswith("text/javascript")
    assert '"/relief/calf"' in worker.text and '"/offline"' in worker.text
    assert "__VERSION__" not in worker.text and "__CACHED__" not in worker.text
    manifest = client.get("/manifest.webmanifest")
    assert manifest.headers["content-type"] == "application/manifest+json"
    assert manifest.json()["start_url"] == "/"
    css = client.get("/static/app.css")
    assert css.status_code == 200 and "prefers-color-scheme: dark" in css.text
    assert css.headers["x-content-type-options"] == "nosniff"


# --- relief ---------------------------------------------------------------------------


def test_every_relief_step_of_every_muscle_has_a_drawing_with_words() -> None:
    templates = resources.files("crampcoach.web") / "templates" / "drawings"
    for muscle in KNOWLEDGE.base.muscles.values():
        assert len(STEPS[muscle.id]) == len(muscle.steps), muscle.id
        for drawing in STEPS[muscle.id]:
            svg = (templates / f"{drawing}.svg").read_text()
            assert drawing in ALT and "<title" in svg and 'role="img"' in svg
            assert "currentColor" in svg and "style=" not in svg


def test_a_relief_page_lists_each_step_with_its_drawing_and_hold(client: TestClient) -> None:
    html = client.get("/relief/calf").text
    steps = re.findall(r'<li class="step" id="step-(\d+)" data-hold="(\d+)"', html)
    assert len(steps) == len(KNOWLEDGE.base.muscles["calf"].steps)
    assert html.count('<svg class="drawing"') == len(steps)
    assert ALT["calf_wall"] in html
    assert "Hold about 30 seconds, 3 times." in html
    assert 'id="handsfree" class="handsfree" hidden' in html  # shown by relief.js
    assert '<script src="/static/relief.js' in html
    assert "When to get help" in html and "In the water" in html


def test_a_muscle_by_another_name_leads_to_its_page_and_an_unknown_one_is_a_404(
    client: TestClient,
) -> None:
    alias = client.get("/relief/calves", follow_redirects=False)
    assert alias.status_code == 303 and alias.headers["location"] == "/relief/calf"
    unknown = client.get("/relief/elbow")
    assert unknown.status_code == 404 and "unknown muscle" in unknown.text


# --- ask ------------------------------------------------------------------------------


def test_a_question_gets_a_cited_answer(client: TestClient) -> None:
    response = post(client, "/ask", {"question": "does pickle juice help a cramp?"})
    assert response.status_code == 303
    html = client.get(response.headers["location"]).text
    assert '<q translate="no">does pickle juice help a cramp?</q>' in html
    assert "Evidence:" in html and 'id="source-S24"' in html
    assert 'class="triage' not in html


def test_a_question_that_describes_a_danger_sign_leads_with_it(client: TestClient) -> None:
    question = "since the coach trip my left calf has gone puffy and hot, is that the heat?"
    html = client.get(post(client, "/ask", {"question": question}).headers["location"]).text
    main = page_of_text(html)
    assert main.index("What you describe can be a danger sign") < main.index("Answer")
    assert "Tell me the whole story" in html


def page_of_text(html: str) -> str:
    return html[html.index("<main") :]


def test_an_empty_or_long_question_says_what_is_wrong(client: TestClient) -> None:
    empty = post(client, "/ask", {"question": "   "})
    assert empty.status_code == 422 and "is empty" in empty.text
    long = post(client, "/ask", {"question": "cramp " * 400})
    assert long.status_code == 422 and "longer than 2000 characters" in long.text
    assert "cramp cramp" in long.text  # what was typed is kept


# --- plans ----------------------------------------------------------------------------


def test_a_plan_is_made_from_the_form(client: TestClient) -> None:
    form = {"sport": "cycling", "duration": "3h", "temperature": "31", "humidity": "60"}
    response = post(client, "/plan", {**form, "intensity": "hard", "use_profile": "1"})
    assert response.status_code == 303
    html = client.get(response.headers["location"]).text
    assert "<h1>Session plan</h1>" in html
    assert "cycling, 3 h, hard effort" in html
    assert "If a cramp strikes (on land)" in html and "Why:" in html


def test_a_swim_is_planned_from_the_form_without_the_air(client: TestClient) -> None:
    form = {"sport": "swimming", "duration": "1h", "temperature": "", "water_temperature": "16"}
    response = post(client, "/plan", {**form, "intensity": "usual"})
    assert response.status_code == 303, response.text
    html = client.get(response.headers["location"]).text
    assert "air temperature not given, water 16 °C" in html
    assert "The air temperature was not given" in html
    land = post(client, "/plan", {**form, "sport": "running", "intensity": "usual"})
    assert land.status_code == 422 and "Air temperature:" in land.text


def test_a_bad_plan_value_names_its_field_and_keeps_the_form(client: TestClient) -> None:
    response = post(client, "/plan", {"sport": "running", "duration": "lots", "temperature": "20"})
    assert response.status_code == 422
    assert "How long:" in response.text
    assert (
        'name="duration" value="lots"' in response.text and 'aria-invalid="true"' in response.text
    )


def test_a_sweat_rate_is_worked_out_and_kept_for_the_plans(
    client: TestClient, coach: Coach
) -> None:
    form = {"before": "70kg", "after": "68.8kg", "drank": "0.75L", "duration": "2h"}
    response = post(client, "/sweat-rate", {**form, "sweat": "high", "save": "1"})
    assert response.status_code == 303
    html = client.get(response.headers["location"]).text
    assert "0.98 L/h" in html and "Saved to your profile" in html
    assert coach.load_profile().sweat_rate_l_per_h == pytest.approx(0.98)
    plan = client.get(
        post(
            client,
            "/plan",
            {"sport": "running", "duration": "2h", "temperature": "25", "use_profile": "1"},
        ).headers["location"]
    )
    assert "Using your saved sweat rate: 0.98 L/h." in plan.text
    bad = post(client, "/sweat-rate", {**form, "after": "20kg"})
    assert bad.status_code == 422 and 'role="alert"' in bad.text


# --- diary ----------------------------------------------------------------------------


def test_a_cramp_is_logged_in_two_taps(client: TestClient, coach: Coach) -> None:
    html = client.get("/diary").text
    assert html.count('name="severity"') == 10  # the second tap sends the form
    response = post(client, "/diary/cramps", {"muscle": "hamstring", "severity": "7"})
    assert response.status_code == 303 and response.headers["location"] == "/diary?logged=1#log"
    [cramp] = coach.cramps()
    assert (cramp.muscle, cramp.severity, cramp.at_night, cramp.session_id) == (
        "hamstring",
        7,
        False,
        None,
    )
    page = client.get("/diary?logged=1").text
    assert "Cramp logged." in page and "Back of the thigh (hamstrings)" in page


def test_a_cramp_without_a_muscle_or_severity_is_refused_on_the_page(client: TestClient) -> None:
    no_severity = post(client, "/diary/cramps", {"muscle": "calf"})
    assert no_severity.status_code == 422 and "Tap how bad it was" in no_severity.text
    no_muscle = post(client, "/diary/cramps", {"muscle": "elbow", "severity": "3"})
    assert no_muscle.status_code == 422 and "Tap the muscle" in no_muscle.text


def test_watch_files_are_imported_with_a_result_per_file(client: TestClient, coach: Coach) -> None:
    files = [("files", ("ride.gpx", GPX)), ("files", ("notes.txt", b"hello"))]
    response = post(client, "/diary/imports", {}, files=files)
    assert response.status_code == 303
    html = client.get(response.headers["location"]).text
    assert "Files imported: 1." in html
    assert re.search(r"ride\.gpx</strong>: <span class=\"result-imported\">imported", html)
    assert re.search(r"notes\.txt</strong>: <span class=\"result-rejected\">not read", html)
    [session] = coach.sessions()
    again = client.get(
        post(client, "/diary/imports", {}, files=[("files", ("ride.gpx", GPX))]).headers["location"]
    )
    assert "already in the diary" in again.text
    diary = client.get("/diary").text
    assert "cycling" in diary and "20 min" in diary
    # A cramp in that session, then the patterns page draws its chart.
    post(
        client,
        "/diary/cramps",
        {"muscle": "calf", "severity": "4", "when": "session", "session": str(session.id)},
    )
    assert coach.cramps()[0].session_id == session.id
    patterns = client.get("/diary/patterns").text
    assert '<svg class="chart"' in patterns and '<title id="chart-title">' in patterns
    assert "1 of 1 with a cramp" in patterns
    # Each count with its noun's form: one session, one cramp.
    assert "1 session, 1 cramp in sessions, 0 at night." in patterns
    assert "1 session, 1 cramp." in client.get("/diary").text


def test_the_pages_script_imports_in_the_background_and_shows_the_job(
    client: TestClient,
) -> None:
    files = [("files", ("ride.gpx", GPX)), ("files", ("notes.txt", b"hello"))]
    response = post(client, "/diary/imports", {"background": "1"}, files=files)
    assert response.status_code == 202
    urls = response.json()
    assert urls["progress"].startswith("/api/v1/imports/")
    for _ in range(200):  # the worker thread is quick here
        job = client.get(urls["progress"]).json()
        if job["status"] != "running":
            break
    assert job["status"] == "done" and job["done"] == 2
    html = client.get(urls["result"]).text
    assert "Files imported: 1." in html and 'http-equiv="refresh"' not in html
    assert re.search(r"notes\.txt</strong>: <span class=\"result-rejected\">not read", html)


def test_an_import_job_no_longer_kept_says_so(client: TestClient) -> None:
    response = client.get("/diary/imports/job/no-such-job")
    assert response.status_code == 404 and "no longer here" in response.text


def test_an_upload_with_no_file_says_so(client: TestClient) -> None:
    response = post(client, "/diary/imports", {}, files=[("files", ("", b""))])
    assert response.status_code == 422 and "Choose one or more watch files first." in response.text


def test_a_question_outside_cramps_is_refused_on_the_page(client: TestClient) -> None:
    response = post(client, "/ask", {"question": "Which river is the longest in Europe?"})
    html = client.get(response.headers["location"]).text
    assert "I can&#39;t answer that" in html or "I can't answer that" in html
    assert "crampcoach ask --list" not in html  # no command line on a web page
    assert 'href="/ask"' in html


def test_the_plan_page_shows_the_forecast_as_a_gauge_and_the_similar_sessions(
    client: TestClient, coach: Coach
) -> None:
    from forecast_diaries import salt_sweater

    salt_sweater(coach)
    form = {"sport": "running", "duration": "2h30m", "temperature": "29", "intensity": "usual"}
    response = post(client, "/plan", form)
    assert response.status_code == 303
    html = client.get(response.headers["location"]).text
    assert "Your cramp forecast" in html and 'class="gauge"' in html
    assert html.index("Your cramp forecast") < html.index("Warm-up")
    made = coach.plan("running", "2h30m", 29).forecast
    assert made is not None
    assert html.count('class="dot') == len([s for s in made.similar if s.temperature_c])
    assert html.count('class="dot cramped"') == sum(s.cramped for s in made.similar)
    assert 'href="/forecast"' in html


def test_the_forecast_report_page_waits_then_draws_the_reliability(
    client: TestClient, coach: Coach
) -> None:
    waiting = client.get("/forecast")
    assert waiting.status_code == 200 and "Not enough forecasts yet" in waiting.text
    assert 'class="chart reliability"' not in waiting.text
    from forecast_diaries import salt_sweater

    salt_sweater(coach)
    page = client.get("/forecast")
    assert 'class="chart reliability"' in page.text and "Brier score" in page.text
