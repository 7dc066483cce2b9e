"""The minimal account pages that emailed links open when no web app is configured
(`public_app_url` unset; see `links`): confirm an email address, choose a new password,
confirm an email change.

Plain server-rendered HTML that works without JavaScript. Opening a link (GET) never acts:
mail scanners and link previews fetch links, and a verification or a change must not happen
because a scanner looked. The page shows a form; the user's button press (POST) acts,
through the same service functions as the JSON API.

Every value from outside is HTML-escaped. Each response carries a strict Content-Security-
Policy (nothing may load, the one inline stylesheet is allowed by its hash, forms post only to
this origin, no framing), `Referrer-Policy: no-referrer` (the token is in the page's URL) and
`Cache-Control: no-store`.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from html import escape
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.config import Settings
from brain.core.db import SessionDep
from brain.core.errors import BrainError
from brain.core.ratelimit import client_ip, rate_limit
from brain.domains.auth import service
from brain.domains.auth.deps import request_settings
from brain.domains.auth.links import Page
from brain.domains.auth.passwords import policy_problem

_Endpoint = Callable[..., Awaitable[HTMLResponse]]
_ROUTES: list[tuple[str, str, _Endpoint, dict[str, Any]]] = []


def _route(method: str, path: str, **options: Any) -> Callable[[_Endpoint], _Endpoint]:
    """Collect a page route; `add_pages` puts them on the auth router. Added there directly
    (not as an included router) so each takes the auth tag once, as every other route."""

    def collect(endpoint: _Endpoint) -> _Endpoint:
        _ROUTES.append((method, path, endpoint, options))
        return endpoint

    return collect


def add_pages(router: APIRouter) -> None:
    """Serve the pages under `router`'s prefix, at `/pages/...`."""
    for method, path, endpoint, options in _ROUTES:
        router.add_api_route(
            f"/pages{path}",
            endpoint,
            methods=[method],
            response_class=HTMLResponse,
            **options,
        )


APP_NAME = "SmartStart"

_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;"
    "color:#1a1a1a;line-height:1.5}h1{font-size:1.4rem}label{display:block;margin-top:1rem}"
    "input{display:block;width:100%;padding:.5rem;margin-top:.25rem;box-sizing:border-box}"
    "button{margin-top:1.25rem;padding:.6rem 1.2rem;font-size:1rem;cursor:pointer}"
    ".error{color:#a00000;font-weight:600}"
)
_STYLE_HASH = base64.b64encode(hashlib.sha256(_STYLE.encode()).digest()).decode()

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        f"style-src 'sha256-{_STYLE_HASH}'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)
_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}

# The account-recovery budget, shared by the JSON API (auth/router.py imports it) and these
# pages: a page is no way around it.
recovery_limit = Depends(
    rate_limit(
        "auth.recovery",
        limit=lambda s: s.rate_limit_login_per_minute,
        window_seconds=60,
        key="ip",
    )
)

# The token as the form and the query carry it (the JSON API's bounds).
TokenParam = Annotated[str, Query(max_length=200, description="The token from the email.")]
TokenField = Annotated[str, Form(min_length=1, max_length=200)]
PasswordField = Annotated[str, Form(min_length=1, max_length=1024)]

_HTML_RESPONSE = {"content": {"text/html": {}}, "description": "An HTML page."}


def _page(title: str, body: str) -> HTMLResponse:
    """A whole page; `title` is escaped here, `body` must already be.

    Always 200, the outcome (done, refused, dead link) being in the page: these pages are for
    people, while the Brain's error statuses are problem+json by rule (the fuzzer checks every
    route). Programs use the JSON API, which answers the real statuses."""
    html = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex">'
        f"<title>{escape(title)} - {APP_NAME}</title><style>{_STYLE}</style></head>"
        f"<body><h1>{escape(title)}</h1>{body}</body></html>"
    )
    return HTMLResponse(html, headers=_HEADERS)


def _p(text: str, *, css: str | None = None) -> str:
    cls = f' class="{css}"' if css else ""
    return f"<p{cls}>{escape(text)}</p>"


def _form(action: Page, token: str, fields: str, button: str) -> str:
    """A form posting back to the page's own path (relative, so it works behind any prefix
    the Brain is served under) with the token in a hidden field."""
    return (
        f'<form method="post" action="{escape(action.value)}">'
        f'<input type="hidden" name="token" value="{escape(token)}">{fields}'
        f'<button type="submit">{escape(button)}</button></form>'
    )


def _dead_link(settings: Settings) -> HTMLResponse:
    app = escape(settings.public_app_url or settings.public_base_url)
    return _page(
        "This link is invalid or has expired",
        _p("Links in our emails work once and only for a limited time.")
        + f'<p>Ask for a new one from {APP_NAME}: <a href="{app}">{app}</a></p>',
    )


async def _failed(session: AsyncSession, exc: BrainError, title: str) -> HTMLResponse:
    """The page for a refused action. The transaction rolls back: a refused action leaves
    nothing behind (the request's session would otherwise commit what ran before the
    refusal, such as a spent token)."""
    await session.rollback()
    return _page(title, _p(exc.detail, css="error"))


def _client(request: Request) -> service.Client:
    return service.Client(ip=client_ip(request), user_agent=request.headers.get("user-agent"))


@dataclass(frozen=True)
class _Done:
    title: str
    text: str


_VERIFIED = _Done("Email address confirmed", "Thank you. You can close this page.")
_RESET = _Done(
    "Password changed",
    "Your new password is set and every device was signed out. Sign in with the new password.",
)


def _password_fields(settings: Settings, error: str | None) -> str:
    lo, hi = settings.password_min_length, settings.password_max_length
    shown = _p(error, css="error") if error else ""
    inputs = "".join(
        f'<label for="{name}">{label}<input id="{name}" name="{name}" type="password" '
        f'autocomplete="new-password" required minlength="{lo}" maxlength="{hi}"></label>'
        for name, label in (("new_password", "New password"), ("confirm_password", "Repeat it"))
    )
    return shown + _p(f"{lo} to {hi} characters; a long phrase is best.") + inputs


def _reset_form(settings: Settings, token: str, error: str | None = None) -> HTMLResponse:
    return _page(
        "Choose a new password",
        _form(Page.RESET_PASSWORD, token, _password_fields(settings, error), "Set the password"),
    )


@_route(
    "GET",
    "/verify-email",
    dependencies=[recovery_limit],
    responses={200: _HTML_RESPONSE},
)
async def verify_email_page(
    request: Request, session: SessionDep, token: TokenParam = ""
) -> HTMLResponse:
    """The page the verification email links to: a button that confirms the address."""
    if await service.live_token(session, token=token, purpose=service.VERIFY) is None:
        return _dead_link(request_settings(request))
    return _page(
        "Confirm your email address",
        _p(f"Press the button to confirm this address for your {APP_NAME} account.")
        + _form(Page.VERIFY_EMAIL, token, "", "Confirm my email address"),
    )


@_route(
    "POST",
    "/verify-email",
    dependencies=[recovery_limit],
    responses={200: _HTML_RESPONSE},
)
async def verify_email_submit(session: SessionDep, token: TokenField) -> HTMLResponse:
    """Confirm the address (the verification page's button)."""
    try:
        await service.verify_email(session, token=token)
    except BrainError as exc:
        return await _failed(session, exc, "The address could not be confirmed")
    return _page(_VERIFIED.title, _p(_VERIFIED.text))


@_route(
    "GET",
    "/reset-password",
    dependencies=[recovery_limit],
    responses={200: _HTML_RESPONSE},
)
async def reset_password_page(
    request: Request, session: SessionDep, token: TokenParam = ""
) -> HTMLResponse:
    """The page the reset email links to: a form for the new password."""
    settings = request_settings(request)
    if await service.live_token(session, token=token, purpose=service.RESET) is None:
        return _dead_link(settings)
    return _reset_form(settings, token)


@_route(
    "POST",
    "/reset-password",
    dependencies=[recovery_limit],
    responses={200: _HTML_RESPONSE},
)
async def reset_password_submit(
    request: Request,
    session: SessionDep,
    token: TokenField,
    new_password: PasswordField,
    confirm_password: PasswordField,
) -> HTMLResponse:
    """Set the new password (the reset page's form); a refused password shows the form
    again with the reason, and the link keeps working."""
    settings = request_settings(request)
    if new_password != confirm_password:
        return _reset_form(settings, token, "The two passwords differ.")
    problem = policy_problem(new_password)
    if problem is not None:
        return _reset_form(settings, token, f"The password {problem}.")
    try:
        await service.reset_password(
            session, token=token, new_password=new_password, client=_client(request)
        )
    except BrainError as exc:
        return await _failed(session, exc, "The password could not be changed")
    return _page(_RESET.title, _p(_RESET.text))


@_route(
    "GET",
    "/confirm-email-change",
    dependencies=[recovery_limit],
    responses={200: _HTML_RESPONSE},
)
async def confirm_email_change_page(
    request: Request, session: SessionDep, token: TokenParam = ""
) -> HTMLResponse:
    """The page the email-change confirmation links to: a button that makes the change."""
    row = await service.live_token(session, token=token, purpose=service.EMAIL_CHANGE)
    if row is None or row.new_email is None:
        return _dead_link(request_settings(request))
    return _page(
        "Confirm your new email address",
        _p(f"Press the button to sign in to {APP_NAME} with {row.new_email} from now on.")
        + _p("Every device signed in to your account will be signed out.")
        + _form(Page.CONFIRM_EMAIL_CHANGE, token, "", "Use this email address"),
    )


@_route(
    "POST",
    "/confirm-email-change",
    dependencies=[recovery_limit],
    responses={200: _HTML_RESPONSE},
)
async def confirm_email_change_submit(
    request: Request, session: SessionDep, token: TokenField
) -> HTMLResponse:
    """Change the address (the confirmation page's button)."""
    try:
        await service.confirm_email_change(
            session, request_settings(request), token=token, client=_client(request)
        )
    except BrainError as exc:
        return await _failed(session, exc, "The email address was not changed")
    return _page(
        "Email address changed",
        _p("Your account now uses this address. Sign in with it on your devices."),
    )
