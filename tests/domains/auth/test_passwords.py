"""Forgot/reset password, change password, email verification."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from httpx import AsyncClient
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import jobs
from brain.core.models import utcnow
from brain.domains.auth.models import AuthOneTimeToken
from tests.factories.users import (
    DEFAULT_PASSWORD,
    bearer,
    emails_to,
    make_user,
    sign_in,
    token_from,
    unique_email,
)

NEW_PASSWORD = "amber-kettle-93-harbour-fig"


async def test_forgot_password_answers_the_same_for_unknown_emails(
    client: AsyncClient, session: AsyncSession, job_runner: jobs.InProcessJobs
) -> None:
    user = await make_user(session, password=DEFAULT_PASSWORD)
    known = await client.post("/api/auth/forgot-password", json={"email": user.email})
    unknown = await client.post("/api/auth/forgot-password", json={"email": unique_email()})
    assert known.status_code == unknown.status_code == 202
    assert known.json() == unknown.json()
    await job_runner.run_until_idle()
    assert len(emails_to(user.email)) == 1


async def test_reset_sets_the_password_once_and_ends_every_session(
    client: AsyncClient,
    session: AsyncSession,
    job_runner: jobs.InProcessJobs,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    user = await make_user(session, password=DEFAULT_PASSWORD)
    before = await sign_in(session, user)
    responses = [await client.post("/api/auth/forgot-password", json={"email": user.email})]
    await job_runner.run_until_idle()
    [body] = emails_to(user.email)
    token = token_from(body, "reset-password")

    reset = await client.post(
        "/api/auth/reset-password", json={"token": token, "new_password": NEW_PASSWORD}
    )
    responses.append(reset)
    assert reset.status_code == 204, reset.text
    # Every session ended.
    assert (
        await client.get("/api/auth/me", headers=bearer(before.access_token))
    ).status_code == 401
    # Single use.
    again = await client.post(
        "/api/auth/reset-password", json={"token": token, "new_password": NEW_PASSWORD + "x"}
    )
    responses.append(again)
    assert again.status_code == 400
    assert again.json()["code"] == "INVALID_TOKEN"
    login = await client.post(
        "/api/auth/login", json={"email": user.email, "password": NEW_PASSWORD}
    )
    responses.append(login)
    assert login.status_code == 200
    old = await client.post(
        "/api/auth/login", json={"email": user.email, "password": DEFAULT_PASSWORD}
    )
    assert old.status_code == 401

    # The token was never in a response, nor in any log line, nor stored in clear.
    for response in responses:
        assert token not in response.text
        assert token not in str(response.headers)
    assert token not in caplog.text
    stored = (
        await session.exec(select(AuthOneTimeToken).where(AuthOneTimeToken.user_id == user.id))
    ).all()
    assert stored
    assert all(token not in row.token_hash for row in stored)


async def test_an_expired_reset_token_is_refused(
    client: AsyncClient, session: AsyncSession, job_runner: jobs.InProcessJobs
) -> None:
    user = await make_user(session, password=DEFAULT_PASSWORD)
    await client.post("/api/auth/forgot-password", json={"email": user.email})
    await job_runner.run_until_idle()
    token = token_from(emails_to(user.email)[0], "reset-password")
    for row in (
        await session.exec(select(AuthOneTimeToken).where(AuthOneTimeToken.user_id == user.id))
    ).all():
        row.expires_at = utcnow() - timedelta(seconds=1)
        session.add(row)
    await session.flush()
    response = await client.post(
        "/api/auth/reset-password", json={"token": token, "new_password": NEW_PASSWORD}
    )
    assert response.status_code == 400


async def test_reset_refuses_a_weak_new_password(client: AsyncClient) -> None:
    response = await client.post(
        "/api/auth/reset-password", json={"token": "t" * 43, "new_password": "qwertyqwerty"}
    )
    assert response.status_code == 422


async def test_change_password_keeps_this_session_and_ends_the_others(
    client: AsyncClient, session: AsyncSession
) -> None:
    user = await make_user(session, password=DEFAULT_PASSWORD)
    here = await sign_in(session, user)
    elsewhere = await sign_in(session, user)
    wrong = await client.post(
        "/api/auth/change-password",
        headers=bearer(here.access_token),
        json={"current_password": "not-my-password", "new_password": NEW_PASSWORD},
    )
    assert wrong.status_code == 401
    assert wrong.json()["code"] == "INVALID_CREDENTIALS"
    changed = await client.post(
        "/api/auth/change-password",
        headers=bearer(here.access_token),
        json={"current_password": DEFAULT_PASSWORD, "new_password": NEW_PASSWORD},
    )
    assert changed.status_code == 204, changed.text
    assert (await client.get("/api/auth/me", headers=bearer(here.access_token))).status_code == 200
    gone = await client.get("/api/auth/me", headers=bearer(elsewhere.access_token))
    assert gone.status_code == 401
    login = await client.post(
        "/api/auth/login", json={"email": user.email, "password": NEW_PASSWORD}
    )
    assert login.status_code == 200


async def test_email_verification_link_works_once(
    client: AsyncClient, job_runner: jobs.InProcessJobs
) -> None:
    email = unique_email("verify")
    registered = await client.post(
        "/api/auth/register",
        json={"email": email, "password": DEFAULT_PASSWORD, "display_name": "Vera"},
    )
    assert registered.status_code == 201
    headers = bearer(registered.json()["access_token"])
    await job_runner.run_until_idle()
    bodies = emails_to(email)
    assert len(bodies) == 2  # the verification link and the welcome
    token = token_from(next(b for b in bodies if "verify-email" in b), "verify-email")
    assert token not in registered.text
    assert (await client.get("/api/auth/me", headers=headers)).json()["email_verified"] is False
    assert (await client.post("/api/auth/verify-email", json={"token": token})).status_code == 204
    assert (await client.get("/api/auth/me", headers=headers)).json()["email_verified"] is True
    again = await client.post("/api/auth/verify-email", json={"token": token})
    assert again.status_code == 400
    resend = await client.post("/api/auth/resend-verification", headers=headers)
    assert resend.status_code == 202
    await job_runner.run_until_idle()
    assert len(emails_to(email)) == 2  # already verified: nothing new sent
