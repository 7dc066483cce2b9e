"""Roles, permissions, role changes and the audit log."""

from __future__ import annotations

import itertools
import uuid

import pytest
from fastapi import Depends, FastAPI
from httpx import AsyncClient
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.models import OutboxEvent
from brain.domains.auth.deps import require_permission
from brain.domains.auth.permissions import (
    ALL_PERMISSIONS,
    ROLE_PERMISSIONS,
    may_grant,
    permissions_for,
)
from brain.domains.users.schemas import Role
from tests.factories.users import make_signed_in, make_user


def test_every_role_has_a_permission_set() -> None:
    assert set(ROLE_PERMISSIONS) == set(Role)


def test_higher_member_roles_inherit_the_lower_ones() -> None:
    ladder = [r for r in Role if r.level <= 8]
    for lower, higher in itertools.pairwise(ladder):
        assert permissions_for(lower) <= permissions_for(higher), (lower, higher)


def test_admin_roles_get_their_area_plus_member() -> None:
    member = permissions_for(Role.MEMBER)
    for admin in (Role.BILLING_ADMIN, Role.SECURITY_ADMIN, Role.LEGAL_ADMIN):
        assert member < permissions_for(admin)
        assert "users:manage" not in permissions_for(admin)
    assert "auth:audit_read" in permissions_for(Role.SECURITY_ADMIN)
    assert "auth:audit_read" not in permissions_for(Role.LEGAL_ADMIN)
    assert permissions_for(Role.SUPER_ADMIN) == ALL_PERMISSIONS


@pytest.mark.parametrize(
    ("granter", "current", "new", "allowed"),
    [
        (Role.SUPER_ADMIN, Role.GUEST, Role.SECURITY_ADMIN, True),
        (Role.BILLING_ADMIN, Role.MEMBER, Role.SUBSCRIBER, True),
        (Role.BILLING_ADMIN, Role.SUBSCRIBER, Role.SEAT_HOLDER, True),
        (Role.BILLING_ADMIN, Role.MEMBER, Role.SUPER_ADMIN, False),
        (Role.BILLING_ADMIN, Role.LEGAL_ADMIN, Role.MEMBER, False),
        (Role.SECURITY_ADMIN, Role.GUEST, Role.MEMBER, False),
        (Role.MEMBER, Role.GUEST, Role.MEMBER, False),
    ],
)
def test_grant_rules(granter: Role, current: Role, new: Role, allowed: bool) -> None:
    assert may_grant(granter, current=current, new=new) is allowed


async def test_require_permission_answers_401_then_403(
    session: AsyncSession, db_connection: object
) -> None:
    from httpx import ASGITransport

    from brain.core.errors import install_exception_handlers

    app = FastAPI()
    install_exception_handlers(app)

    @app.get("/mint", dependencies=[Depends(require_permission("buz:mint"))])
    async def mint() -> dict[str, bool]:
        return {"minted": True}

    _, member = await make_signed_in(session, role=Role.MEMBER)
    _, admin = await make_signed_in(session, role=Role.SUPER_ADMIN)
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as c:
        assert (await c.get("/mint")).status_code == 401
        denied = await c.get("/mint", headers=member)
        assert denied.status_code == 403
        assert denied.json()["code"] == "INSUFFICIENT_PERMISSIONS"
        assert (await c.get("/mint", headers=admin)).status_code == 200


async def test_super_admin_changes_a_role_and_it_applies_at_once(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, admin = await make_signed_in(session, role=Role.SUPER_ADMIN)
    target, target_headers = await make_signed_in(session)
    response = await client.put(
        f"/api/auth/users/{target.id}/role", headers=admin, json={"role": "MEMBER"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["role"] == "MEMBER"
    # The old access token carries role GUEST, but permissions come from the database.
    me = (await client.get("/api/auth/me", headers=target_headers)).json()
    assert me["role"] == "MEMBER"
    assert "buz:transfer" in me["permissions"]
    events = (
        await session.exec(select(OutboxEvent).where(OutboxEvent.name == "auth.role_changed"))
    ).all()
    assert any(
        e.payload["user_id"] == str(target.id)
        and (e.payload["old_role"], e.payload["new_role"]) == ("GUEST", "MEMBER")
        for e in events
    )


async def test_nobody_changes_their_own_role(client: AsyncClient, session: AsyncSession) -> None:
    admin, headers = await make_signed_in(session, role=Role.SUPER_ADMIN)
    response = await client.put(
        f"/api/auth/users/{admin.id}/role", headers=headers, json={"role": "GUEST"}
    )
    assert response.status_code == 403


async def test_billing_admin_grants_only_billing_roles(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, billing = await make_signed_in(session, role=Role.BILLING_ADMIN)
    member = await make_user(session, role=Role.MEMBER)
    ok = await client.put(
        f"/api/auth/users/{member.id}/role", headers=billing, json={"role": "SUBSCRIBER"}
    )
    assert ok.status_code == 200
    refused = await client.put(
        f"/api/auth/users/{member.id}/role", headers=billing, json={"role": "SUPER_ADMIN"}
    )
    assert refused.status_code == 403


async def test_members_cannot_change_roles(client: AsyncClient, session: AsyncSession) -> None:
    _, headers = await make_signed_in(session, role=Role.MEMBER)
    other = await make_user(session)
    response = await client.put(
        f"/api/auth/users/{other.id}/role", headers=headers, json={"role": "MEMBER"}
    )
    assert response.status_code == 403
    missing = await client.put(
        f"/api/auth/users/{uuid.uuid4()}/role", headers=headers, json={"role": "MEMBER"}
    )
    assert missing.status_code in (403, 404)


async def test_audit_log_is_for_security_admins(client: AsyncClient, session: AsyncSession) -> None:
    _, member = await make_signed_in(session, role=Role.MEMBER)
    _, security = await make_signed_in(session, role=Role.SECURITY_ADMIN)
    assert (await client.get("/api/auth/audit")).status_code == 401
    assert (await client.get("/api/auth/audit", headers=member)).status_code == 403
    first = await client.get("/api/auth/audit?limit=1&kind=sign_in", headers=security)
    assert first.status_code == 200
    page = first.json()
    assert len(page["items"]) == 1
    assert page["items"][0]["kind"] == "sign_in"
    assert page["next_cursor"]
    second = await client.get(
        f"/api/auth/audit?limit=1&kind=sign_in&cursor={page['next_cursor']}", headers=security
    )
    assert second.status_code == 200
    assert second.json()["items"][0]["id"] != page["items"][0]["id"]


async def test_revoked_session_token_cannot_reach_admin_routes(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, headers = await make_signed_in(session, role=Role.SUPER_ADMIN)
    await client.post("/api/auth/logout", headers=headers)
    assert (await client.get("/api/auth/audit", headers=headers)).status_code == 401
