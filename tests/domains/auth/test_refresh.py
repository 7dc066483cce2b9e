"""Refresh-token rotation, reuse detection and the concurrent-refresh race."""

from __future__ import annotations

import asyncio
import uuid

import sqlalchemy as sa
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.config import Settings
from brain.core.errors import AuthRequired
from brain.domains.auth import service
from brain.domains.auth.models import AuthAuditEntry, AuthSession
from brain.domains.auth.tokens import token_hash
from brain.domains.users.models import User
from tests.factories.users import bearer, make_user, sign_in


async def test_refresh_rotates_and_the_old_token_is_spent(
    client: AsyncClient, session: AsyncSession
) -> None:
    user = await make_user(session)
    first = await sign_in(session, user)
    response = await client.post("/api/auth/refresh", json={"refresh_token": first.refresh_token})
    assert response.status_code == 200, response.text
    pair = response.json()
    assert pair["refresh_token"] != first.refresh_token
    assert pair["token_type"] == "bearer"
    assert pair["user"]["id"] == str(user.id)
    me = await client.get("/api/auth/me", headers=bearer(pair["access_token"]))
    assert me.status_code == 200
    assert me.json()["session_id"] == str(first.session_id)  # same session, same family

    again = await client.post("/api/auth/refresh", json={"refresh_token": first.refresh_token})
    assert again.status_code == 401


async def test_reusing_a_spent_token_revokes_the_family_only(
    client: AsyncClient, session: AsyncSession
) -> None:
    user = await make_user(session)
    stolen = await sign_in(session, user)
    other_device = await sign_in(session, user)
    rotated = (
        await client.post("/api/auth/refresh", json={"refresh_token": stolen.refresh_token})
    ).json()

    reuse = await client.post("/api/auth/refresh", json={"refresh_token": stolen.refresh_token})
    assert reuse.status_code == 401

    # The whole family is gone: the newest refresh token and its access token too.
    newest = await client.post(
        "/api/auth/refresh", json={"refresh_token": rotated["refresh_token"]}
    )
    assert newest.status_code == 401
    me = await client.get("/api/auth/me", headers=bearer(rotated["access_token"]))
    assert me.status_code == 401
    # ... but not the user's other session.
    other = await client.get("/api/auth/me", headers=bearer(other_device.access_token))
    assert other.status_code == 200

    entries = (
        await session.exec(
            select(AuthAuditEntry)
            .where(AuthAuditEntry.user_id == user.id)
            .where(AuthAuditEntry.kind == "refresh_reuse")
        )
    ).all()
    assert len(entries) == 1
    assert entries[0].session_id == stolen.session_id
    row = await session.get(AuthSession, stolen.session_id)
    assert row is not None
    await session.refresh(row)
    assert row.revoked_reason == "refresh_reuse"


async def test_unknown_refresh_token_is_401(client: AsyncClient) -> None:
    response = await client.post("/api/auth/refresh", json={"refresh_token": "x" * 43})
    assert response.status_code == 401


async def test_concurrent_refreshes_yield_at_most_one_pair(
    committed_db: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    """Two requests race with the same refresh token, each in its own transaction (on
    Postgres truly concurrent; SQLite serialises writers). At most one gets a new pair."""
    async with committed_db() as setup:
        user = await make_user(setup)
        first = await sign_in(setup, user)
        await setup.commit()
    user_id = user.id

    async def attempt() -> service.IssuedTokens | None:
        async with committed_db() as s:
            try:
                issued = await service.refresh(
                    s, settings, refresh_token=first.refresh_token, client=service.Client()
                )
            except AuthRequired:
                await s.commit()  # what the router does: keep the revocation
                return None
            await s.commit()
            return issued

    try:
        results = await asyncio.gather(attempt(), attempt())
        winners = [r for r in results if r is not None]
        assert len(winners) <= 1
        async with committed_db() as check:
            row = await check.get(AuthSession, first.session_id)
            assert row is not None
            if len(winners) == 1 and row.revoked_at is None:
                # Serialised: the loser saw a spent token and revoked the family, or the
                # winner's token is the one current token. Either way only one pair exists.
                assert row.current_hash != token_hash(first.refresh_token)
    finally:
        await _delete_user(committed_db, user_id)


async def _delete_user(factory: async_sessionmaker[AsyncSession], user_id: uuid.UUID) -> None:
    """committed_db leaves rows behind; remove this test's (cascades do the rest)."""
    async with factory() as s:
        await s.exec(sa.delete(AuthAuditEntry).where(AuthAuditEntry.user_id == user_id))  # type: ignore[arg-type]
        await s.exec(sa.delete(User).where(User.id == user_id))  # type: ignore[arg-type]
        await s.commit()
