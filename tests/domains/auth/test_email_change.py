"""Changing the sign-in email: re-authentication, a link to the new address, notices to the
old one, and what a confirmed change does to sessions and pending links."""

from __future__ import annotations

from datetime import timedelta

from httpx import AsyncClient, Response
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import jobs
from brain.core.models import OutboxEvent, utcnow
from brain.domains.auth.models import AuthAuditEntry, AuthOneTimeToken
from brain.domains.users.models import User
from brain.domains.users.service import normalize_email
from tests.factories.users import (
    DEFAULT_PASSWORD,
    bearer,
    emails_to,
    make_user,
    sign_in,
    token_from,
    unique_email,
)

LINK = "confirm-email-change"


async def _ask(client: AsyncClient, headers: dict[str, str], new_email: str,
               password: str = DEFAULT_PASSWORD) -> Response:  # fmt: skip
    return await client.post(
        "/api/auth/email-change",
        json={"new_email": new_email, "current_password": password},
        headers=headers,
    )


async def _signed_in(session: AsyncSession) -> tuple[User, dict[str, str]]:
    user = await make_user(session, password=DEFAULT_PASSWORD)
    return user, bearer((await sign_in(session, user)).access_token)


async def _kinds(session: AsyncSession, user: User) -> list[str]:
    rows = await session.exec(
        select(AuthAuditEntry.kind)
        .where(AuthAuditEntry.user_id == user.id)
        .order_by(col(AuthAuditEntry.occurred_at))
    )
    return list(rows.all())


async def test_the_full_change_moves_the_account_and_tells_the_old_address(
    client: AsyncClient, session: AsyncSession, job_runner: jobs.InProcessJobs
) -> None:
    user, headers = await _signed_in(session)
    old = user.email
    other_device = await sign_in(session, user)
    new = unique_email("moved")

    typed = new.upper()  # another spelling of the same address
    asked = await _ask(client, headers, typed)
    assert asked.status_code == 202, asked.text
    await job_runner.run_until_idle()
    [link_email] = emails_to(new)
    [notice] = emails_to(old)
    assert "Nothing has changed yet" in " ".join(notice.split())
    assert f"{typed[0]}***@example.com" in notice
    assert new not in notice  # masked: the old mailbox does not learn the new address
    # Nothing changed yet: the old address still signs in.
    me = await client.get("/api/auth/me", headers=headers)
    assert me.json()["email"] == old

    token = token_from(link_email, LINK)
    confirmed = await client.post("/api/auth/email-change/confirm", json={"token": token})
    assert confirmed.status_code == 204, confirmed.text

    await session.refresh(user)
    # Normalised like registration: kept as typed, the domain lower-cased; the identity is
    # the same as the lower-case spelling's.
    assert user.email == normalize_email(typed).address
    assert user.email_key == normalize_email(new).key
    assert user.email_verified_at is not None
    await job_runner.run_until_idle()
    notices = emails_to(old)
    assert len(notices) == 2
    assert "was changed to" in " ".join(notices[1].split())
    # Every session ended (the link was opened signed out).
    for access in (headers, bearer(other_device.access_token)):
        assert (await client.get("/api/auth/me", headers=access)).status_code == 401
    signed_in = await client.post(
        "/api/auth/login", json={"email": new, "password": DEFAULT_PASSWORD}
    )
    assert signed_in.status_code == 200
    refused = await client.post(
        "/api/auth/login", json={"email": old, "password": DEFAULT_PASSWORD}
    )
    assert refused.status_code == 401
    # Single use.
    again = await client.post("/api/auth/email-change/confirm", json={"token": token})
    assert again.status_code == 400
    kinds = await _kinds(session, user)
    assert "email_change_requested" in kinds
    assert "email_changed" in kinds
    events = (
        await session.exec(select(OutboxEvent).where(OutboxEvent.name == "users.updated"))
    ).all()
    assert any(
        e.payload["user_id"] == str(user.id) and e.payload["changed"] == ["email"] for e in events
    )


async def test_confirming_while_signed_in_keeps_that_session_only(
    client: AsyncClient, session: AsyncSession, job_runner: jobs.InProcessJobs
) -> None:
    user, headers = await _signed_in(session)
    other_device = await sign_in(session, user)
    new = unique_email("moved")
    await _ask(client, headers, new)
    await job_runner.run_until_idle()
    token = token_from(emails_to(new)[0], LINK)
    confirmed = await client.post(
        "/api/auth/email-change/confirm", json={"token": token}, headers=headers
    )
    assert confirmed.status_code == 204
    me = await client.get("/api/auth/me", headers=headers)
    assert me.json()["email"] == new
    gone = await client.get("/api/auth/me", headers=bearer(other_device.access_token))
    assert gone.status_code == 401


async def test_a_wrong_password_sends_nothing_and_counts_toward_the_lockout(
    client: AsyncClient, session: AsyncSession, job_runner: jobs.InProcessJobs
) -> None:
    user, headers = await _signed_in(session)
    new = unique_email("moved")
    response = await _ask(client, headers, new, password="not-my-password-at-all")
    assert response.status_code == 401
    assert response.json()["code"] == "INVALID_CREDENTIALS"
    await job_runner.run_until_idle()
    assert emails_to(new) == []
    assert emails_to(user.email) == []
    assert await _kinds(session, user) == ["sign_in", "sign_in_failed"]
    for _ in range(4):
        await _ask(client, headers, new, password="not-my-password-at-all")
    locked = await _ask(client, headers, new)  # the right password, but locked now
    assert locked.status_code == 429


async def test_an_address_in_use_gets_a_notice_and_the_answer_is_the_same(
    client: AsyncClient, session: AsyncSession, job_runner: jobs.InProcessJobs
) -> None:
    user, headers = await _signed_in(session)
    taken = await make_user(session)
    free = unique_email("moved")
    to_taken = await _ask(client, headers, taken.email)
    to_free = await _ask(client, headers, free)
    assert to_taken.status_code == to_free.status_code == 202
    assert to_taken.json() == to_free.json()
    await job_runner.run_until_idle()
    [notice] = emails_to(taken.email)
    assert "already belongs to" in " ".join(notice.split())
    assert LINK not in notice
    assert len(emails_to(user.email)) == 2  # the old address hears of both requests


async def test_an_address_taken_before_confirmation_is_409_and_nothing_changes(
    client: AsyncClient, session: AsyncSession, job_runner: jobs.InProcessJobs
) -> None:
    user, headers = await _signed_in(session)
    new = unique_email("moved")
    await _ask(client, headers, new)
    await job_runner.run_until_idle()
    token = token_from(emails_to(new)[0], LINK)
    await make_user(session, email=new)  # someone registers it meanwhile
    response = await client.post("/api/auth/email-change/confirm", json={"token": token})
    assert response.status_code == 409
    assert response.json()["code"] == "EMAIL_TAKEN"
    await session.refresh(user)
    assert user.email != new
    assert (await client.get("/api/auth/me", headers=headers)).status_code == 200


async def test_only_the_latest_link_works_and_links_expire(
    client: AsyncClient, session: AsyncSession, job_runner: jobs.InProcessJobs
) -> None:
    _, headers = await _signed_in(session)
    first, second = unique_email("first"), unique_email("second")
    await _ask(client, headers, first)
    await _ask(client, headers, second)
    await job_runner.run_until_idle()
    replaced = token_from(emails_to(first)[0], LINK)
    latest = token_from(emails_to(second)[0], LINK)
    refused = await client.post("/api/auth/email-change/confirm", json={"token": replaced})
    assert refused.status_code == 400
    assert refused.json()["code"] == "INVALID_TOKEN"
    for row in (await session.exec(select(AuthOneTimeToken))).all():
        row.expires_at = utcnow() - timedelta(seconds=1)
        session.add(row)
    await session.flush()
    expired = await client.post("/api/auth/email-change/confirm", json={"token": latest})
    assert expired.status_code == 400


async def test_the_same_address_is_refused(client: AsyncClient, session: AsyncSession) -> None:
    user, headers = await _signed_in(session)
    response = await _ask(client, headers, user.email.upper())
    assert response.status_code == 400
    assert response.json()["code"] == "EMAIL_UNCHANGED"
    invalid = await _ask(client, headers, "not-an-email")
    assert invalid.status_code == 422


async def test_a_new_password_cancels_a_pending_change(
    client: AsyncClient, session: AsyncSession, job_runner: jobs.InProcessJobs
) -> None:
    _, headers = await _signed_in(session)
    new = unique_email("moved")
    await _ask(client, headers, new)
    await job_runner.run_until_idle()
    token = token_from(emails_to(new)[0], LINK)
    changed = await client.post(
        "/api/auth/change-password",
        json={"current_password": DEFAULT_PASSWORD, "new_password": "amber-kettle-93-harbour-fig"},
        headers=headers,
    )
    assert changed.status_code == 204
    response = await client.post("/api/auth/email-change/confirm", json={"token": token})
    assert response.status_code == 400


async def test_links_sent_to_the_old_address_stop_working_after_the_change(
    client: AsyncClient, session: AsyncSession, job_runner: jobs.InProcessJobs
) -> None:
    user, headers = await _signed_in(session)
    old = user.email
    await client.post("/api/auth/forgot-password", json={"email": old})
    new = unique_email("moved")
    await _ask(client, headers, new)
    await job_runner.run_until_idle()
    reset = token_from(next(b for b in emails_to(old) if "reset-password" in b), "reset-password")
    await client.post(
        "/api/auth/email-change/confirm", json={"token": token_from(emails_to(new)[0], LINK)}
    )
    response = await client.post(
        "/api/auth/reset-password",
        json={"token": reset, "new_password": "amber-kettle-93-harbour-fig"},
    )
    assert response.status_code == 400


async def test_requests_are_rate_limited_per_user(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, headers = await _signed_in(session)
    statuses = [(await _ask(client, headers, unique_email("moved"))).status_code for _ in range(6)]
    assert statuses == [202] * 5 + [429]
