"""The pages in a real browser: Chromium (Debian's) driven by Playwright, against a real
server on a free port with a temporary diary, at a phone's width (360 × 740) and a
desktop's (1280 × 800). Screenshots of every page go to build/screenshots/; axe-core
checks every page, light and dark.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from browser_support import AXE, CHROMIUM, DESKTOP, PHONE, SCREENSHOTS, Server, fit_file, missing
from test_web_assess import CLOT_AND_BREATH, RIDE
from web_support import GPX, TOKEN, client_for, make_coach

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(missing() is not None, reason=f"browser tests: {missing()}"),
]
SIZES = [pytest.param(PHONE, id="360"), pytest.param(DESKTOP, id="1280")]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    coach = make_coach(tmp_path_factory.mktemp("browser-diary"))
    app = client_for(coach).app
    running = Server(app).start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox"], headless=True
        )
        yield chromium
        chromium.close()


class Tab:
    """A page in a fresh browser context, failing on a console error (CSP included)."""

    def __init__(self, browser: Any, server: Server, size: dict[str, int], **options: Any) -> None:
        self.context = browser.new_context(viewport=size, base_url=server.url, **options)
        self.page = self.context.new_page()
        self.size = size
        self.errors: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def goto(self, path: str) -> Any:
        self.page.goto(path)
        return self.page

    def fits(self) -> None:
        """No sideways scrolling."""
        width = self.page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= self.page.evaluate("window.innerWidth"), self.page.url

    def shot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}-{self.size['width']}.png"
        self.page.screenshot(path=str(path), full_page=True)

    def close(self) -> None:
        errors = [e for e in self.errors if "speech" not in e.lower()]
        self.context.close()
        assert errors == []


@pytest.fixture
def tab(browser: Any, server: Server, request: pytest.FixtureRequest) -> Iterator[Tab]:
    opened = Tab(browser, server, request.param)
    yield opened
    opened.close()


def main_texts(page: Any) -> list[str]:
    """The visible text of <main>'s first level of children, in order."""
    texts: list[str] = page.eval_on_selector_all(
        "main > *", "els => els.filter(e => e.offsetParent !== null).map(e => e.innerText)"
    )
    return texts


@pytest.mark.parametrize("tab", SIZES, indirect=True)
def test_the_assess_flow_with_a_corrected_fact_and_a_follow_up_answer(tab: Tab) -> None:
    page = tab.goto("/assess")
    page.get_by_label("Your story").fill(RIDE)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"/assess/[\w-]+$"))
    assert page.get_by_role("heading", name="I understood").is_visible()
    tab.fits()
    tab.shot("assess-understood")
    row = page.locator("li.fact", has_text="How long the session lasted")
    row.get_by_label("Value").fill("3 h")
    page.get_by_role("button", name="Update the result").click()
    assert page.get_by_role("status").inner_text().startswith("Updated")
    assert row.get_by_label("Value").input_value() == "3 h"
    page.get_by_role("link", name="That is right: continue").click()
    page.wait_for_url(re.compile(r"/question$"))
    assert page.get_by_text("Question 1").is_visible()
    tab.fits()
    tab.shot("assess-question")
    page.get_by_role("button", name="No", exact=True).click()
    page.get_by_text("Question 2").wait_for()
    page.get_by_role("button", name="Show my result now").click()
    page.wait_for_url(re.compile(r"/result$"))
    assert main_texts(page)[0].startswith("SELF-CARE")
    assert page.get_by_role("heading", name="What may have contributed").is_visible()
    tab.fits()
    tab.shot("assess-result")


@pytest.mark.parametrize("tab", SIZES, indirect=True)
def test_a_danger_story_shows_the_emergency_banner_first(tab: Tab) -> None:
    page = tab.goto("/assess")
    page.get_by_label("Your story").fill(CLOT_AND_BREATH)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"/assess/[\w-]+$"))
    first = main_texts(page)[0]
    assert first.startswith("CALL AN AMBULANCE NOW") and "local emergency number" in first
    banner = page.locator("section.triage").bounding_box()
    assert banner is not None and banner["y"] < tab.size["height"]  # seen without scrolling
    tab.shot("assess-danger")
    page.get_by_role("link", name="See the whole result").click()
    assert main_texts(page)[0].startswith("CALL AN AMBULANCE NOW")
    tab.fits()
    tab.shot("assess-danger-result")


@pytest.mark.parametrize("tab", SIZES, indirect=True)
def test_ask_a_question(tab: Tab) -> None:
    page = tab.goto("/ask")
    page.get_by_label("Your question").fill("Does stretching before a run stop cramps?")
    page.get_by_role("button", name="Ask", exact=True).click()
    page.wait_for_url(re.compile(r"/ask/[\w-]+$"))
    assert page.get_by_role("heading", name="Answer", exact=True).is_visible()
    assert page.get_by_text("Evidence:").first.is_visible()
    tab.fits()
    tab.shot("ask-answer")


@pytest.mark.parametrize("tab", SIZES, indirect=True)
def test_plan_a_session_and_a_sweat_rate(tab: Tab) -> None:
    page = tab.goto("/sweat-rate")
    page.get_by_label("Body mass before").fill("72 kg")
    page.get_by_label("Body mass after").fill("71.1 kg")
    page.get_by_label("Drunk during it").fill("500 ml")
    page.get_by_label("How long").fill("75 min")
    page.get_by_role("button", name="Work it out").click()
    page.wait_for_url(re.compile(r"/sweat-rate/[\w-]+$"))
    assert page.get_by_text("L/h").first.is_visible()
    tab.shot("sweat-rate")
    page = tab.goto("/plan")
    page.get_by_label("Sport").select_option("cycling")
    page.get_by_label("How long").fill("4 h")
    page.get_by_label("Air temperature").fill("30")
    page.get_by_role("button", name="Make the plan").click()
    page.wait_for_url(re.compile(r"/plan/[\w-]+$"))
    assert page.get_by_role("heading", name="Session plan").is_visible()
    assert page.get_by_text("Using your saved sweat rate").is_visible()
    tab.fits()
    tab.shot("plan")


@pytest.mark.parametrize("tab", SIZES, indirect=True)
def test_upload_a_fit_file_and_log_a_cramp_in_two_taps(tab: Tab, tmp_path: Path) -> None:
    width = tab.size["width"]
    page = tab.goto("/diary")
    page.get_by_label(re.compile("FIT, GPX or TCX files")).set_input_files(
        [
            {
                "name": f"morning-{width}.fit",
                "mimeType": "application/octet-stream",
                "buffer": fit_file(start=datetime(2026, 5, 3 + width % 7, 7, 0, tzinfo=UTC)),
            },
            {"name": "photo.jpg", "mimeType": "image/jpeg", "buffer": b"\xff\xd8"},
        ]
    )
    page.get_by_role("button", name="Import", exact=True).click()
    # The page's script sends the files in the background and opens the job's result.
    page.wait_for_url(re.compile(r"/diary/imports/job/[\w-]+$"))
    page.wait_for_selector(".result-imported")
    assert page.locator(".result-imported").inner_text() == "imported"
    assert page.locator(".result-rejected").inner_text() == "not read"
    tab.shot("diary-import")
    page.get_by_role("link", name="Back to the diary").click()
    page.get_by_label("Foot and toes", exact=False).check()  # tap 1
    page.get_by_role("button", name="Severity 6 of 10: log it").click()  # tap 2
    assert page.locator("p.status[role=status]").inner_text() == "Cramp logged."
    assert page.locator("table").last.get_by_text("Foot and toes").first.is_visible()
    tab.fits()
    tab.shot("diary")


@pytest.mark.parametrize("tab", SIZES, indirect=True)
def test_the_relief_timer_counts_a_hold_and_vibrates(tab: Tab) -> None:
    page = tab.page
    page.add_init_script(
        "window.buzzes = []; navigator.vibrate = (p) => { window.buzzes.push(p); return true; };"
    )
    page.clock.install()
    page.goto("/relief/foot")
    step = page.locator("#step-2")
    assert step.locator(".hold").inner_text() == "Hold about 30 seconds, 3 times."
    step.get_by_role("button", name="Start the hold timer").click()
    page.clock.run_for(10_000)
    assert step.locator(".seconds").inner_text() == "20"
    page.clock.run_for(21_000)
    assert step.locator(".seconds").inner_text() == "0"
    assert page.evaluate("window.buzzes.length") == 1
    assert page.locator("#status").inner_text() == "Done. Well done."
    page.get_by_role("button", name="Start hands-free").click()
    assert page.locator("#status").inner_text().startswith("Step 1.")
    assert page.locator("#step-1").get_attribute("class") == "step current"
    page.get_by_role("button", name="Stop").click()
    assert page.locator("#status").inner_text() == "Stopped."
    tab.fits()
    tab.shot("relief-foot-timer")


@pytest.mark.parametrize("tab", [SIZES[0]], indirect=True)
def test_relief_works_offline_after_a_first_visit(tab: Tab) -> None:
    page = tab.goto("/relief/calf")
    page.evaluate(
        """async () => {
            await navigator.serviceWorker.ready;
            for (let i = 0; i < 100 && !(await caches.match('/relief/hamstring')); i++) {
                await new Promise((r) => setTimeout(r, 100));
            }
        }"""
    )
    tab.context.set_offline(True)
    page.reload()
    assert page.get_by_role("heading", name=re.compile("Relief: Calf")).is_visible()
    page.goto("/relief/hamstring")  # kept when the service worker was installed
    assert page.get_by_role("heading", name=re.compile("Relief: Back of the thigh")).is_visible()
    page.goto("/diary")  # a page that needs the server
    assert page.get_by_role("heading", name="You are offline").is_visible()
    tab.context.set_offline(False)
    tab.errors.clear()  # the failed fetches of the offline pages


def flow_pages(server: Server) -> dict[str, str]:
    """A URL of every page (the flows' steps made through HTTP first): name -> path."""
    pages = {
        "home": "/",
        "relief": "/relief",
        "relief-calf": "/relief/calf",
        "relief-hamstring": "/relief/hamstring",
        "relief-quadriceps": "/relief/quadriceps",
        "relief-foot": "/relief/foot",
        "relief-other": "/relief/other",
        "assess": "/assess",
        "ask": "/ask",
        "plan-form": "/plan",
        "sweat-form": "/sweat-rate",
        "offline": "/offline",
        "not-found": "/nowhere",
    }
    with httpx.Client(base_url=server.url) as http:
        found = TOKEN.search(http.get("/assess").text)
        assert found
        token = found[1]

        def post(path: str, data: dict[str, str], **kwargs: Any) -> str:
            response = http.post(path, data={"csrf_token": token, **data}, **kwargs)
            assert response.status_code == 303, response.text[:300]
            return str(response.headers["location"])

        draft = post("/assess", {"story": CLOT_AND_BREATH, "action": "story"})
        pages.update(understood=draft, question=f"{draft}/question", result=f"{draft}/result")
        ride = post("/assess", {"story": RIDE, "action": "story"})
        pages.update({"result-self-care": f"{ride}/result", "question-yes-no": f"{ride}/question"})
        pages["question-choice"] = post("/assess", {"story": "", "action": "questions"})
        pages["answer"] = post("/ask", {"question": "is magnesium good for cramps?"})
        pages["plan"] = post("/plan", {"sport": "tennis", "duration": "2h", "temperature": "33"})
        sweat = {"before": "70", "after": "69.2", "drank": "0.4", "duration": "1h"}
        pages["sweat"] = post("/sweat-rate", sweat)
        pages["imports"] = post("/diary/imports", {}, files=[("files", ("walk.gpx", GPX))])
        post("/diary/cramps", {"muscle": "calf", "severity": "3", "when": "night"})
        pages.update(diary="/diary", patterns="/diary/patterns")
    return pages


RUN_AXE = """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
    .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", SIZES)
def test_every_page_passes_axe_and_fits_the_screen(
    browser: Any, server: Server, size: dict[str, int], scheme: str
) -> None:
    """0 serious or critical axe-core violations on every page; no sideways scroll at 360."""
    axe = AXE.read_text(encoding="utf-8")
    tab = Tab(browser, server, size, color_scheme=scheme)
    found: dict[str, list[str]] = {}
    try:
        for name, path in flow_pages(server).items():
            page = tab.goto(path)
            # Evaluated through the browser's debugger: the page's CSP allows no inline script.
            page.evaluate(axe)
            assert page.evaluate("axe.version").startswith("4.")
            result = page.evaluate(RUN_AXE)
            bad = [
                f"{v['id']} {v['nodes'][:3]}"
                for v in result
                if v["impact"] in ("serious", "critical")
            ]
            if bad:
                found[name] = bad
            tab.fits()
            tab.shot(f"{name}-{scheme}" if scheme == "dark" else name)
    finally:
        tab.errors = [e for e in tab.errors if "404" not in e]  # the not-found page's own status
        tab.close()
    assert found == {}
