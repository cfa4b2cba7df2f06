"""Logging in and out of the web app, and an athlete's account page (multi-user mode).

The login page takes the email and the password (its form has a CSRF token like every
other); a login gives a web session: a random id in a cookie (`HttpOnly`, `SameSite=Lax`,
`Secure` over https or when CRAMPCOACH_SECURE_COOKIES says so), of which the database keeps
only the sha256, until it expires or the person logs out. A wrong email or password gets
one answer; too many failures lock the account and the address out for a while.

The account page (an athlete's) lists the coaches' invitations to accept, decline or
revoke, the access log (what each coach read, and when), the export of everything, and the
form that deletes the account with everything in it (the password asked again).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter
from fastapi.responses import Response as PlainResponse

from crampcoach.api.auth import SESSION_COOKIE
from crampcoach.i18n import N_
from crampcoach.message import Message
from crampcoach.server.errors import LockedOutError, LoginFailedError, WrongPasswordError
from crampcoach.server.rights import delete_account, export_account
from crampcoach.server.team import require_role
from crampcoach.team_words import READ_WORDS, STATUS_WORDS
from crampcoach.web.errors import PageRoute, unavailable
from crampcoach.web.pages import FormDep, Page, PageDep, text_field

if TYPE_CHECKING:
    from fastapi.responses import Response

    from crampcoach.api.auth import Gate

router = APIRouter(route_class=PageRoute, include_in_schema=False)
NO_ACCOUNTS = N_("This site has no accounts")
NO_ANSWER = N_("There is no such answer to an invitation")
NO_ANSWER_DETAIL = N_("An invitation is accepted, declined or revoked.")
NO_ACCOUNTS_DETAIL = N_(
    "It serves one person's diary without a login. crampcoach serve --multi-user turns accounts on."
)


def gate_of_page(page: Page) -> Gate:
    if page.gate is None:
        raise unavailable(NO_ACCOUNTS, Message(NO_ACCOUNTS_DETAIL))
    return page.gate


def local(path: str) -> str:
    """A page of this site to go to after the login: a path, never another site."""
    if not path.startswith("/") or path.startswith("//") or "\\" in path or path == "/login":
        return "/diary"
    return path[:500]


def login_form(
    page: Page, status: int = 200, error: str | None = None, email: str = "", next: str = ""
) -> Response:
    return page.render(
        "account/login.html",
        status,
        error=error,
        email=email,
        next=local(next or page.request.query_params.get("next", "")),
    )


@router.get("/login")
def login_page(page: PageDep) -> Response:
    gate_of_page(page)
    return login_form(page)


@router.post("/login")
def login(page: PageDep, form: FormDep) -> Response:
    """A web session for the account, then the page asked for."""
    gate = gate_of_page(page)
    email = text_field(form, "email", 254)
    password = form.get("password")
    password = password if isinstance(password, str) else ""
    goal = local(text_field(form, "next", 500))
    client = page.request.client
    try:
        account = gate.accounts.login(email, password, client.host if client else None)
    except (LoginFailedError, LockedOutError) as exc:
        status = 429 if isinstance(exc, LockedOutError) else 401
        return login_form(page, status, exc.words(page.t), email, goal)
    issued = gate.accounts.issue(account, "web")
    response = page.redirect(goal)
    response.set_cookie(
        SESSION_COOKIE,
        issued.token,
        max_age=issued.expires_in,
        path="/",
        httponly=True,
        samesite="lax",
        secure=gate.secure_cookies(page.request),
    )
    return response


@router.post("/logout")
def logout(page: PageDep, form: FormDep) -> Response:
    """The session ends (in the database too), and the cookie goes."""
    gate = gate_of_page(page)
    token = page.request.cookies.get(SESSION_COOKIE)
    if token:
        gate.accounts.revoke(token)
    response = page.redirect("/")
    response.delete_cookie(
        SESSION_COOKIE,
        path="/",
        httponly=True,
        samesite="lax",
        secure=gate.secure_cookies(page.request),
    )
    return response


def account_page(page: Page, status: int = 200, error: str | None = None) -> Response:
    team = gate_of_page(page).team
    links = team.consents(page.account)
    return page.render(
        "account/index.html",
        status,
        pending=[link for link in links if link.status == "pending"],
        active=[link for link in links if link.status == "active"],
        past=[link for link in links if link.status in ("declined", "revoked")],
        status_words=STATUS_WORDS,
        log=[
            {
                "when": a.time.astimezone().strftime("%Y-%m-%d %H:%M"),
                "coach": a.coach_email,
                "what": page.t(READ_WORDS.get(a.what, a.what)),
            }
            for a in team.access_log(page.account)
        ],
        error=error,
    )


@router.get("/account")
def account(page: PageDep) -> Response:
    """An athlete's coaches, access log and data rights."""
    return account_page(page)


@router.post("/account/consents/{invitation}/{answer}")
def answer(invitation: int, answer: str, page: PageDep, form: FormDep) -> Response:
    """Accept, decline or revoke a coach's invitation; back to the account page."""
    team = gate_of_page(page).team
    answers = {"accept": team.accept, "decline": team.decline, "revoke": team.revoke}
    if answer not in answers:
        raise unavailable(NO_ANSWER, Message(NO_ANSWER_DETAIL))
    answers[answer](page.account, invitation)
    return page.redirect("/account")


@router.get("/account/export")
def export(page: PageDep) -> Response:
    """Everything of the account, as the API's /account/export gives it."""
    data = export_account(gate_of_page(page).team, page.account)
    return page.finish(
        PlainResponse(
            data.model_dump_json(indent=2) + "\n",
            media_type="application/json",
            headers={"Content-Disposition": 'attachment; filename="crampcoach-account.json"'},
        )
    )


@router.post("/account/delete")
def delete(page: PageDep, form: FormDep) -> Response:
    """The account and everything in it, gone (the password asked again); the browser's
    session cookie goes too."""
    gate = gate_of_page(page)
    require_role(page.account, "athlete")
    password = form.get("password")
    try:
        delete_account(gate.team, page.account, password if isinstance(password, str) else "")
    except WrongPasswordError as exc:
        return account_page(page, 403, exc.words(page.t))
    page.account = None
    response = page.render("account/deleted.html")
    response.delete_cookie(
        SESSION_COOKIE, path="/", httponly=True, samesite="lax",
        secure=gate.secure_cookies(page.request),
    )  # fmt: skip
    return response
