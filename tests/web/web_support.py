"""What the web tests share: the knowledge loaded once, a site on a temporary diary, a
client that keeps cookies, the CSRF token of a page, and a reader of a page's HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from fastapi.testclient import TestClient
from httpx import Response

from crampcoach.coach import Coach
from crampcoach.package_knowledge import PackageKnowledge
from crampcoach.settings import Settings
from crampcoach.web import create_site

KNOWLEDGE = PackageKnowledge()
TOKEN = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')

# A watch file written by hand: a 20-minute ride of three points along a river.
GPX = b"""<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="web test" xmlns="http://www.topografix.com/GPX/1/1">
 <trk><name>River ride</name><type>cycling</type><trkseg>
  <trkpt lat="48.1000" lon="11.5000"><ele>520</ele><time>2026-04-02T07:00:00Z</time></trkpt>
  <trkpt lat="48.1200" lon="11.5000"><ele>522</ele><time>2026-04-02T07:10:00Z</time></trkpt>
  <trkpt lat="48.1400" lon="11.5000"><ele>525</ele><time>2026-04-02T07:20:00Z</time></trkpt>
 </trkseg></trk>
</gpx>
"""


def make_coach(folder: Path) -> Coach:
    """A Coach on a diary in `folder`, speaking English whatever the machine's locale."""
    settings = Settings(home=folder, db_url=f"sqlite:///{folder / 'diary.sqlite'}", lang="en")
    return Coach(settings, KNOWLEDGE)


def client_for(coach: Coach) -> TestClient:
    """An in-process client of the whole site; an unexpected error is a 500 page."""
    return TestClient(create_site(coach=coach), raise_server_exceptions=False)


def token_of(client: TestClient, path: str = "/assess") -> str:
    """The CSRF token a page's forms carry (the page sets the cookie it goes with)."""
    found = TOKEN.search(client.get(path).text)
    assert found, path
    return found[1]


def post(client: TestClient, path: str, data: dict[str, str], **kwargs: object) -> Response:
    """A form POSTed as the page's form would, with its token; redirects not followed."""
    form = {"csrf_token": token_of(client), **data}
    return client.post(path, data=form, follow_redirects=False, **kwargs)  # type: ignore[arg-type]


class Page(HTMLParser):
    """A page's text, in order: each piece with the tags around it; `translate="no"` parts
    and the attributes a person reads (alt, title, aria-label, placeholder) apart."""

    VOID = frozenset({"br", "img", "input", "meta", "link", "hr", "source", "wbr", "area", "col"})
    READ_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[tuple[str, tuple[str, ...], bool]] = []  # text, tags, kept as data
        self.feed(html)

    def _as_data(self) -> bool:
        return any(
            attrs.get("translate") == "no" or tag in ("script", "style")
            for tag, attrs in self.stack
        )

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag not in self.VOID:
            self.stack.append((tag, found))
        classes = tuple(tag for tag, _ in self.stack)
        for name in self.READ_ATTRIBUTES:
            value = found.get(name)
            if value:
                self.texts.append((value, (*classes, f"@{name}"), self._as_data()))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data: str) -> None:
        if data.strip():
            tags = tuple(tag for tag, _ in self.stack)
            self.texts.append((data.strip(), tags, self._as_data()))

    def main_text(self) -> list[str]:
        """The text inside <main>, in order (data parts too)."""
        return [text for text, tags, _ in self.texts if "main" in tags]

    def words(self) -> list[str]:
        """Everything a person reads that is not marked as data."""
        return [text for text, tags, data in self.texts if not data and "title" not in tags[:2]]


def page_of(response: Response) -> Page:
    assert response.headers["content-type"].startswith("text/html"), response.text[:200]
    return Page(response.text)
