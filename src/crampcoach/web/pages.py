"""What every page handler is given: its `Page` (language, Coach, CSRF token) and the site.

A `Page` renders a template in the request's language and answers with the cookies the
request needs (the CSRF cookie when the browser has none, the language chosen with
`?lang=`); `checked_form` reads a POSTed form and refuses one without its CSRF token.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from importlib.metadata import version
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape
from starlette.datastructures import FormData

from crampcoach.api.auth import ACCOUNT, SESSION_COOKIE, Gate, gate_of
from crampcoach.errors import InputError
from crampcoach.i18n import N_, PSEUDO, Translator, choose_language, languages
from crampcoach.message import Message
from crampcoach.web.security import CSRF_COOKIE, CSRF_FIELD, Csrf
from crampcoach.web.store import Store

if TYPE_CHECKING:
    from crampcoach.api.language import Languages
    from crampcoach.api.limits import Limits
    from crampcoach.coach import Coach
    from crampcoach.diary.accounts import Account

R = TypeVar("R", bound=Response)
LANG_COOKIE = "crampcoach_lang"
YEAR = 365 * 24 * 3600
FORBIDDEN = N_("This form cannot be accepted")
FORBIDDEN_DETAIL = N_(
    "It came without the token this site puts in its forms, or the token is out of date "
    "(the server may have restarted). Go back, reload the page and send it again: what you "
    "typed is kept in the form when you go back."
)
# The languages offered in the switcher, by their own names (the test language by what it is).
LANGUAGE_NAMES = {
    "en": "English",
    "zh-Hans": "简体",
    "zh-Hant": "繁體",
    PSEUDO: N_("Test language (accented)"),
}


class PageError(Exception):
    """A page that cannot be shown: its status, title and what to tell the person."""

    def __init__(self, status: int, title: str, detail: Message) -> None:
        super().__init__(str(detail))
        self.status = status
        self.title = title
        self.detail = detail


@dataclass
class Site:
    """What the pages of one app share: the templates, the CSRF secret and the stores."""

    languages: Languages
    limits: Limits
    csrf: Csrf = field(default_factory=Csrf)
    drafts: Store[Any] = field(default_factory=Store)
    results: Store[Any] = field(default_factory=Store)
    version: str = field(default_factory=lambda: version("crampcoach"))
    env: Environment = field(
        default_factory=lambda: Environment(
            loader=PackageLoader("crampcoach.web", "templates"),
            autoescape=select_autoescape(["html", "svg"]),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
    )


def site_of(request: Request) -> Site:
    site: Site = request.app.state.site
    return site


def _spoken(tag: str | None) -> str | None:
    if not tag:
        return None
    try:
        return choose_language(tag[:35])
    except InputError:
        return None


class Page:
    """One request's page: its language and Coach, its CSRF token, and how to answer."""

    def __init__(self, request: Request) -> None:
        self.request = request
        self.site = site_of(request)
        asked = _spoken(request.query_params.get("lang"))
        kept = _spoken(request.cookies.get(LANG_COOKIE))
        header = request.headers.get("accept-language")
        self.lang = asked or kept or self.site.languages.pick(header)
        self.remember_lang = asked is not None and asked != kept
        self.coach: Coach = self.site.languages.coach(self.lang)
        self.t: Translator = self.coach.text
        self.gate = gate_of(request)
        # The account, when the page's dependency looked it up (an error page does not).
        self.account: Account | None = request.scope.get(ACCOUNT)
        if self.gate is not None:
            self.coach = Gate.coach_for(self.coach, self.account)
        cookie = request.cookies.get(CSRF_COOKIE)
        self.new_cookie = None if cookie else Csrf.new_cookie()
        session = request.cookies.get(SESSION_COOKIE)
        self.csrf_token = self.site.csrf.token(cookie or self.new_cookie or "", session)

    @property
    def multi_user(self) -> bool:
        """The site has accounts (the pages show the login or the logout)."""
        return self.gate is not None

    def csrf_input(self) -> Markup:
        """The hidden input every POST form carries."""
        return Markup('<input type="hidden" name="{}" value="{}">').format(
            CSRF_FIELD, self.csrf_token
        )

    def language_links(self) -> list[tuple[str, str, bool]]:
        """(tag, name, current) for the switcher: each language spoken, and the test one."""
        tags = [*languages(), PSEUDO]
        return [
            (
                tag,
                self.t(LANGUAGE_NAMES[tag]) if tag == PSEUDO else LANGUAGE_NAMES.get(tag, tag),
                tag == self.lang,
            )
            for tag in tags
        ]

    def render(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        """`template` in the page's language, answered with `status`."""
        html = self.site.env.get_template(template).render(
            _=self.t,
            ngettext=self.t.ngettext,
            lang=self.lang,
            page=self,
            path=self.request.url.path,
            version=self.site.version,
            **context,
        )
        return self.finish(HTMLResponse(html, status_code=status))

    def redirect(self, url: str) -> RedirectResponse:
        """See other: the GET that shows what a POST did."""
        return self.finish(RedirectResponse(url, status_code=303))

    def finish(self, response: R) -> R:
        """`response` with the page's headers and the cookies the browser lacks."""
        response.headers["Content-Language"] = self.lang
        response.headers["Cache-Control"] = "no-store"
        response.headers["Vary"] = "Accept-Language, Cookie"
        secure = self.request.url.scheme == "https"
        if self.new_cookie:
            response.set_cookie(
                CSRF_COOKIE, self.new_cookie, httponly=True, samesite="strict", secure=secure
            )
        if self.remember_lang:
            response.set_cookie(LANG_COOKIE, self.lang, max_age=YEAR, samesite="lax", secure=secure)
        return response


def page_of(request: Request) -> Page:
    """The request's page (a plain function: in multi-user mode it looks up the account of
    the session cookie, on a worker thread)."""
    gate = gate_of(request)
    if gate is not None:
        gate.account_of(request, page=True)
    return Page(request)


def diary_page_access(request: Request) -> None:
    """Multi-user mode: a diary's page needs an account with a diary (LoginRequiredError
    sends the browser to the login page; NoDiaryAccessError is a 403 page)."""
    gate = gate_of(request)
    if gate is not None:
        Gate.require_diary(gate.account_of(request, page=True))


async def checked_form(request: Request) -> AsyncIterator[FormData]:
    """The POSTed form, once its CSRF token matches the browser's cookie (else a 403 page);
    its uploaded files are closed when the response is sent."""
    form = await request.form()
    try:
        site = site_of(request)
        cookies = request.cookies
        session = cookies.get(SESSION_COOKIE)
        if not site.csrf.valid(cookies.get(CSRF_COOKIE), form.get(CSRF_FIELD), session):
            raise PageError(403, FORBIDDEN, Message(FORBIDDEN_DETAIL))
        yield form
    finally:
        await form.close()


PageDep = Annotated[Page, Depends(page_of)]
FormDep = Annotated[FormData, Depends(checked_form)]
DIARY_PAGES = [Depends(diary_page_access)]


def text_field(form: FormData, name: str, limit: int = 200) -> str:
    """A text field of a form, stripped and cut to `limit` characters ('' when absent)."""
    value = form.get(name)
    return value.strip()[:limit] if isinstance(value, str) else ""


def escaped(value: object) -> Markup:
    return escape(value)
