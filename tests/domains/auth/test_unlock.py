"""An admin lifts a sign-in lockout: `POST /api/auth/users/{user_id}/unlock`."""

from __future__ import annotations

import uuid

from httpx import AsyncClient
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.domains.auth.lockout import throttle_key
from brain.domains.auth.models import AuthAuditEntry, AuthLoginThrottle
from brain.domains.users.models import User
from brain.domains.users.schemas import Role
from tests.factories.users import DEFAULT_PASSWORD, make_signed_in, make_user

REASON = {"reason": "Owner confirmed their identity by phone"}


async def _lock(client: AsyncClient, user: User) -> None:
    for _ in range(5):
        await client.post("/api/auth/login", json={"email": user.email, "password": "wrong" * 3})
    right = await client.post(
        "/api/auth/login", json={"email": user.email, "password": DEFAULT_PASSWORD}
    )
    assert right.status_code == 429


async def _unlock_audit(session: AsyncSession, user: User) -> list[AuthAuditEntry]:
    rows = await session.exec(
        select(AuthAuditEntry)
        .where(AuthAuditEntry.kind == "account_unlocked", AuthAuditEntry.user_id == user.id)
        .order_by(col(AuthAuditEntry.occurred_at))
    )
    return list(rows.all())


async def test_a_security_admin_unlocks_a_locked_account_and_it_signs_in_again(
    client: AsyncClient, session: AsyncSession
) -> None:
    user = await make_user(session, password=DEFAULT_PASSWORD)
    admin, headers = await make_signed_in(session, role=Role.SECURITY_ADMIN)
    await _lock(client, user)

    response = await client.post(f"/api/auth/users/{user.id}/unlock", json=REASON, headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["user_id"] == str(user.id)
    assert body["was_locked"] is True
    assert body["locked_until"] is not None
    login = await client.post(
        "/api/auth/login", json={"email": user.email, "password": DEFAULT_PASSWORD}
    )
    assert login.status_code == 200, login.text
    [entry] = await _unlock_audit(session, user)
    assert entry.actor_id == admin.id
    assert entry.detail["reason"] == REASON["reason"]
    assert entry.detail["was_locked"] is True


async def test_unlock_also_forgets_failures_that_had_not_locked_yet(
    client: AsyncClient, session: AsyncSession
) -> None:
    user = await make_user(session, password=DEFAULT_PASSWORD)
    _, headers = await make_signed_in(session, role=Role.SECURITY_ADMIN)
    for _ in range(4):
        await client.post("/api/auth/login", json={"email": user.email, "password": "wrong" * 3})
    response = await client.post(f"/api/auth/users/{user.id}/unlock", json=REASON, headers=headers)
    assert response.json()["was_locked"] is False
    assert response.json()["failed_attempts_cleared"] == 4
    # A fifth failure is the first of a new count, not the one that locks.
    fifth = await client.post(
        "/api/auth/login", json={"email": user.email, "password": "wrong" * 3}
    )
    assert fifth.status_code == 401


async def test_unlocking_an_unlocked_account_changes_nothing_and_is_audited(
    client: AsyncClient, session: AsyncSession
) -> None:
    user = await make_user(session, password=DEFAULT_PASSWORD)
    _, headers = await make_signed_in(session, role=Role.SECURITY_ADMIN)
    for _ in range(2):
        response = await client.post(
            f"/api/auth/users/{user.id}/unlock", json=REASON, headers=headers
        )
        assert response.status_code == 200
        assert response.json() == {
            "user_id": str(user.id),
            "was_locked": False,
            "locked_until": None,
            "failed_attempts_cleared": 0,
        }
    assert await session.get(AuthLoginThrottle, throttle_key(user.email)) is None
    entries = await _unlock_audit(session, user)
    assert [e.detail["was_locked"] for e in entries] == [False, False]


async def test_unlock_of_an_unknown_user_is_404(client: AsyncClient, session: AsyncSession) -> None:
    _, headers = await make_signed_in(session, role=Role.SUPER_ADMIN)
    response = await client.post(
        f"/api/auth/users/{uuid.uuid4()}/unlock", json=REASON, headers=headers
    )
    assert response.status_code == 404
    assert response.json()["code"] == "RESOURCE_NOT_FOUND"
    assert response.json()["title"] == "User not found"  # the route exists: the user does not


async def test_unlock_needs_the_lockout_permission_and_a_reason(
    client: AsyncClient, session: AsyncSession
) -> None:
    user = await make_user(session, password=DEFAULT_PASSWORD)
    await _lock(client, user)
    for role in (Role.MEMBER, Role.BILLING_ADMIN, Role.LEGAL_ADMIN):
        _, headers = await make_signed_in(session, role=role)
        refused = await client.post(
            f"/api/auth/users/{user.id}/unlock", json=REASON, headers=headers
        )
        assert refused.status_code == 403, role
        assert refused.json()["code"] == "INSUFFICIENT_PERMISSIONS"
    _, headers = await make_signed_in(session, role=Role.SECURITY_ADMIN)
    no_reason = await client.post(
        f"/api/auth/users/{user.id}/unlock", json={"reason": "  "}, headers=headers
    )
    assert no_reason.status_code == 422
    # Still locked: nothing above changed it.
    login = await client.post(
        "/api/auth/login", json={"email": user.email, "password": DEFAULT_PASSWORD}
    )
    assert login.status_code == 429
    assert await _unlock_audit(session, user) == []
