"""Paging through the security audit log: every entry exactly once, and a cursor the log did
not give out is 400 INVALID_CURSOR."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import pytest
from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.models import utcnow
from brain.domains.auth.models import AuthAuditEntry
from brain.domains.users.schemas import Role
from tests.factories.users import make_signed_in, make_user


async def _entries_about(session: AsyncSession, n: int) -> tuple[str, set[str]]:
    """A user with `n` audit entries, three of them at the same instant (the id breaks ties):
    the user's id and the entries' ids."""
    user = await make_user(session)
    at = utcnow() - timedelta(hours=1)
    times = [at, at, at, at - timedelta(seconds=1), at - timedelta(seconds=2)][:n]
    entries = [AuthAuditEntry(kind="sign_in", user_id=user.id, occurred_at=t) for t in times]
    session.add_all(entries)
    await session.flush()
    return str(user.id), {str(e.id) for e in entries}


async def test_paging_the_audit_log_gives_every_entry_exactly_once(
    client: AsyncClient, session: AsyncSession
) -> None:
    user_id, expected = await _entries_about(session, 5)
    _, security = await make_signed_in(session, role=Role.SECURITY_ADMIN)
    ids: list[str] = []
    cursor: str | None = None
    while True:
        params = {"user_id": user_id, "limit": "2", **({"cursor": cursor} if cursor else {})}
        page = await client.get("/api/auth/audit", params=params, headers=security)
        assert page.status_code == 200, page.text
        ids += [item["id"] for item in page.json()["items"]]
        cursor = page.json()["next_cursor"]
        if cursor is None:
            break
    assert sorted(ids) == sorted(expected)


def _tampered(cursor: str) -> str:
    """`cursor` pointing elsewhere, with its signature kept."""
    body, _, mac = cursor.partition(".")
    name, values = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    values[0] = "2000-01-01T00:00:00+00:00"
    forged = base64.urlsafe_b64encode(json.dumps([name, values]).encode()).decode().rstrip("=")
    return f"{forged}.{mac}"


@pytest.mark.parametrize("kind", ["malformed", "tampered", "another list's"])
async def test_a_cursor_the_audit_log_did_not_give_out_is_refused(
    client: AsyncClient, session: AsyncSession, kind: str
) -> None:
    user_id, _ = await _entries_about(session, 3)
    _, security = await make_signed_in(session, role=Role.SECURITY_ADMIN)
    audit_page = await client.get(
        "/api/auth/audit", params={"user_id": user_id, "limit": "1"}, headers=security
    )
    users_page = await client.get("/api/users", params={"limit": "1"}, headers=security)
    audit_cursor, users_cursor = audit_page.json()["next_cursor"], users_page.json()["next_cursor"]
    assert audit_cursor
    assert users_cursor
    bad = {"malformed": "e30", "tampered": _tampered(audit_cursor), "another list's": users_cursor}
    response = await client.get(
        "/api/auth/audit", params={"user_id": user_id, "cursor": bad[kind]}, headers=security
    )
    assert response.status_code == 400, response.text
    assert response.json()["code"] == "INVALID_CURSOR"
