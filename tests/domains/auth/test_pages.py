"""The links in account emails open pages that complete the action: followed here from the
email actually sent, through the HTML forms as a browser without JavaScript would."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from httpx import AsyncClient, Response
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import jobs
from brain.core.config import Settings
from brain.domains.auth import service as auth
from brain.domains.auth.pages import CONTENT_SECURITY_POLICY
from tests.factories.users import (
    DEFAULT_PASSWORD,
    bearer,
    emails_to,
    make_user,
    sign_in,
    unique_email,
)

NEW_PASSWORD = "amber-kettle-93-harbour-fig"


@dataclass
class _Form(HTMLParser):
    """The page's one form: where it posts and its hidden fields."""

    action: str | None = None
    method: str | None = None
    hidden: dict[str, str] = field(default_factory=dict)
    inputs: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.action, self.method = found.get("action"), found.get("method")
        elif tag == "input":
            self.inputs.append(found["name"])
            if found.get("type") == "hidden":
                self.hidden[found["name"]] = found.get("value", "")


def _link(body: str) -> str:
    match = re.search(r"https?://\S+\?token=[A-Za-z0-9_\-]+", body)
    assert match is not None, body
    return match.group(0)


async def _open(client: AsyncClient, url: str) -> tuple[Response, _Form]:
    """GET the page an emailed link names, as a browser would."""
    parts = urlsplit(url)
    page = await client.get(f"{parts.path}?{parts.query}")
    form = _Form()
    form.feed(page.text)
    return page, form


async def _submit(client: AsyncClient, url: str, form: _Form, **fields: str) -> Response:
    assert form.method == "post"
    assert form.action is not None
    target = urljoin(urlsplit(url).path, form.action)
    return await client.post(target, data=form.hidden | fields)


def _assert_locked_down(page: Response) -> None:
    assert page.headers["content-type"].startswith("text/html")
    csp = page.headers["content-security-policy"]
    assert csp == CONTENT_SECURITY_POLICY
    assert "default-src 'none'" in csp
    assert "form-action 'self'" in csp
    assert "script" not in page.text.lower()
    assert page.headers["referrer-policy"] == "no-referrer"
    assert page.headers["cache-control"] == "no-store"


async def test_the_verification_link_confirms_the_address_on_the_button_not_on_open(
    client: AsyncClient, job_runner: jobs.InProcessJobs
) -> None:
    email = unique_email("page")
    registered = await client.post(
        "/api/auth/register",
        json={"email": email, "password": DEFAULT_PASSWORD, "display_name": "Ada"},
    )
    headers = bearer(registered.json()["access_token"])
    await job_runner.run_until_idle()
    url = _link(next(b for b in emails_to(email) if "verify-email" in b))
    assert url.startswith("http://127.0.0.1:8000/api/auth/pages/verify-email?token=")

    page, form = await _open(client, url)
    assert page.status_code == 200
    _assert_locked_down(page)
    # Opening the page (what a mail scanner does) verifies nothing.
    assert (await client.get("/api/auth/me", headers=headers)).json()["email_verified"] is False

    done = await _submit(client, url, form)
    assert done.status_code == 200, done.text
    assert "Email address confirmed" in done.text
    _assert_locked_down(done)
    assert (await client.get("/api/auth/me", headers=headers)).json()["email_verified"] is True
    # The link is spent: opening it again says so.
    again, _ = await _open(client, url)
    assert again.status_code == 200  # a page for people: the outcome is in it
    assert "invalid or has expired" in again.text


async def test_the_reset_link_opens_a_form_that_sets_the_password(
    client: AsyncClient, session: AsyncSession, job_runner: jobs.InProcessJobs
) -> None:
    user = await make_user(session, password=DEFAULT_PASSWORD)
    await client.post("/api/auth/forgot-password", json={"email": user.email})
    await job_runner.run_until_idle()
    url = _link(emails_to(user.email)[0])
    page, form = await _open(client, url)
    assert page.status_code == 200
    _assert_locked_down(page)
    assert {"token", "new_password", "confirm_password"} <= set(form.inputs)

    differ = await _submit(
        client, url, form, new_password=NEW_PASSWORD, confirm_password=NEW_PASSWORD + "x"
    )
    assert differ.status_code == 200
    assert "differ" in differ.text
    weak = await _submit(client, url, form, new_password="short", confirm_password="short")
    assert weak.status_code == 200
    assert "at least 12 characters" in weak.text

    # The refusals above left the link working.
    done = await _submit(
        client, url, form, new_password=NEW_PASSWORD, confirm_password=NEW_PASSWORD
    )
    assert done.status_code == 200, done.text
    assert "Password changed" in done.text
    login = await client.post(
        "/api/auth/login", json={"email": user.email, "password": NEW_PASSWORD}
    )
    assert login.status_code == 200
    spent = await _submit(
        client, url, form, new_password=NEW_PASSWORD, confirm_password=NEW_PASSWORD
    )
    assert spent.status_code == 200
    assert "invalid or has expired" in spent.text


async def test_the_email_change_link_confirms_the_new_address(
    client: AsyncClient, session: AsyncSession, job_runner: jobs.InProcessJobs
) -> None:
    user = await make_user(session, password=DEFAULT_PASSWORD)
    headers = bearer((await sign_in(session, user)).access_token)
    new = unique_email("moved")
    await client.post(
        "/api/auth/email-change",
        json={"new_email": new, "current_password": DEFAULT_PASSWORD},
        headers=headers,
    )
    await job_runner.run_until_idle()
    url = _link(emails_to(new)[0])
    page, form = await _open(client, url)
    assert page.status_code == 200
    _assert_locked_down(page)
    assert new in page.text
    await session.refresh(user)
    assert user.email != new  # opening changed nothing

    done = await _submit(client, url, form)
    assert done.status_code == 200, done.text
    await session.refresh(user)
    assert user.email == new


async def test_values_on_the_pages_are_escaped(client: AsyncClient, session: AsyncSession) -> None:
    user = await make_user(session)
    token, _ = await auth.issue_one_time_token(
        session,
        user_id=user.id,
        purpose=auth.EMAIL_CHANGE,
        lifetime=timedelta(hours=1),
        new_email='"><b>x</b>@example.com',
    )
    page = await client.get("/api/auth/pages/confirm-email-change", params={"token": token})
    assert page.status_code == 200
    assert "<b>x</b>" not in page.text
    assert "&quot;&gt;&lt;b&gt;x&lt;/b&gt;@example.com" in page.text


async def test_a_dead_or_missing_token_shows_the_invalid_link_page(client: AsyncClient) -> None:
    for path in ("verify-email", "reset-password", "confirm-email-change"):
        for query in ({"token": "x" * 43}, {}):
            page = await client.get(f"/api/auth/pages/{path}", params=query)
            assert page.status_code == 200, path
            assert "invalid or has expired" in page.text
            _assert_locked_down(page)


async def test_with_a_web_app_configured_links_open_its_pages(
    client: AsyncClient,
    session: AsyncSession,
    job_runner: jobs.InProcessJobs,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(settings, "public_app_url", "https://app.example.org/")
    monkeypatch.setattr(settings, "public_app_reset_password_path", "/account/reset")
    user = await make_user(session, password=DEFAULT_PASSWORD)
    await client.post("/api/auth/forgot-password", json={"email": user.email})
    await job_runner.run_until_idle()
    url = _link(emails_to(user.email)[0])
    assert url.startswith("https://app.example.org/account/reset?token=")
    # The app completes the action through the API with the token.
    token = url.partition("?token=")[2]
    reset = await client.post(
        "/api/auth/reset-password", json={"token": token, "new_password": NEW_PASSWORD}
    )
    assert reset.status_code == 204
