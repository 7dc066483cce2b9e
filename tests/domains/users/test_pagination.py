"""Paging through the users list and an activity feed: every row exactly once, and a cursor
the list did not give out is 400 INVALID_CURSOR (never a silent restart from the top)."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import timedelta

import pytest
from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.models import utcnow
from brain.domains.users.models import UserActivity
from brain.domains.users.schemas import Role
from tests.factories.users import make_signed_in, make_user


async def _all_pages(
    client: AsyncClient, url: str, headers: dict[str, str], **query: str
) -> list[str]:
    """The ids of every item, page after page (2 per page)."""
    ids: list[str] = []
    cursor: str | None = None
    while True:
        params = {**query, "limit": "2", **({"cursor": cursor} if cursor else {})}
        response = await client.get(url, params=params, headers=headers)
        assert response.status_code == 200, response.text
        body = response.json()
        ids += [item.get("id") or item["event_id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            return ids


def _tampered(cursor: str) -> str:
    """`cursor` with its position moved but its signature kept."""
    body, _, mac = cursor.partition(".")
    name, values = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    values[-1] = str(uuid.UUID(int=0))
    forged = base64.urlsafe_b64encode(json.dumps([name, values]).encode()).decode().rstrip("=")
    return f"{forged}.{mac}"


async def _users_with_one_creation_time(session: AsyncSession, tag: str, n: int) -> set[str]:
    """`n` members named after `tag`, all created at the same instant (the id breaks ties)."""
    made = [await make_user(session, display_name=f"{tag} {i}", role=Role.MEMBER) for i in range(n)]
    at = utcnow() - timedelta(days=1)
    for user in made:
        user.created_at = at
        session.add(user)
    await session.flush()
    return {str(u.id) for u in made}


async def test_paging_the_users_list_gives_every_user_exactly_once(
    client: AsyncClient, session: AsyncSession
) -> None:
    expected = await _users_with_one_creation_time(session, "Quillon", 5)
    _, member = await make_signed_in(session)
    ids = await _all_pages(client, "/api/users", member, query="quillon")
    assert sorted(ids) == sorted(expected)


async def test_paging_an_activity_feed_gives_every_entry_exactly_once(
    client: AsyncClient, session: AsyncSession
) -> None:
    owner, headers = await make_signed_in(session)
    at = utcnow() - timedelta(hours=1)
    # Two at the same instant, so a page boundary falls between equal times.
    times = [at, at, at - timedelta(seconds=1), at - timedelta(seconds=2), at]
    entries = [
        UserActivity(event_id=uuid.uuid4(), user_id=owner.id, kind="test.done", occurred_at=t)
        for t in times
    ]
    session.add_all(entries)
    await session.flush()
    ids = await _all_pages(client, f"/api/users/{owner.id}/activity", headers)
    assert sorted(ids) == sorted(str(e.event_id) for e in entries)


@pytest.mark.parametrize("kind", ["malformed", "tampered", "another list's"])
async def test_a_cursor_the_list_did_not_give_out_is_refused(
    client: AsyncClient, session: AsyncSession, kind: str
) -> None:
    await _users_with_one_creation_time(session, "Quillon", 3)
    owner, headers = await make_signed_in(session, role=Role.SECURITY_ADMIN)
    users_page = await client.get("/api/users?query=quillon&limit=1", headers=headers)
    users_cursor = users_page.json()["next_cursor"]
    session.add_all(
        UserActivity(
            event_id=uuid.uuid4(), user_id=owner.id, kind="test.done", occurred_at=utcnow()
        )
        for _ in range(2)
    )
    await session.flush()
    activity_url = f"/api/users/{owner.id}/activity"
    activity_page = await client.get(activity_url, params={"limit": "1"}, headers=headers)
    activity_cursor = activity_page.json()["next_cursor"]
    assert users_cursor
    assert activity_cursor
    bad = {
        "malformed": ("e30", "e30"),
        "tampered": (_tampered(users_cursor), _tampered(activity_cursor)),
        # Each list handed the other's cursor.
        "another list's": (activity_cursor, users_cursor),
    }[kind]
    for url, cursor in (("/api/users", bad[0]), (activity_url, bad[1])):
        response = await client.get(url, params={"cursor": cursor}, headers=headers)
        assert response.status_code == 400, (url, response.text)
        assert response.json()["code"] == "INVALID_CURSOR"
