"""Admin announcements fan out in batches, each its own transaction, to everyone or a role."""

from __future__ import annotations

import pytest
from httpx import AsyncClient
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import broadcast
from brain.core.jobs import InProcessJobs
from brain.domains.notifications import announcements
from brain.domains.notifications.models import Notification
from brain.domains.users.schemas import Role
from tests.factories.users import make_signed_in, make_user

N = "/api/notifications"


async def test_an_announcement_to_a_role_reaches_each_of_them_once_in_batches(
    client: AsyncClient,
    session: AsyncSession,
    job_runner: InProcessJobs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(announcements, "BATCH", 2)
    subscribers = [await make_user(session, role=Role.SUBSCRIBER) for _ in range(5)]
    guest, guest_headers = await make_signed_in(session, role=Role.GUEST)
    _, admin = await make_signed_in(session, role=Role.SUPER_ADMIN)
    _, member = await make_signed_in(session, role=Role.MEMBER)
    body = {"title": "Hello <subscribers>", "body": "New feature", "role": "SUBSCRIBER"}

    refused = await client.post(f"{N}/admin/announcements", json=body, headers=member)
    assert refused.status_code == 403
    bad = await client.post(f"{N}/admin/announcements", json=body | {"role": "KING"}, headers=admin)
    assert bad.status_code == 422
    created = await client.post(f"{N}/admin/announcements", json=body, headers=admin)
    assert created.status_code == 201, created.text
    assert created.json()["status"] == "PENDING"
    published: list[str] = []

    class Recording(broadcast.Broadcast):
        async def publish(self, channel: str, data: dict[str, object]) -> broadcast.Message:
            published.append(channel)
            return await super().publish(channel, data)

    previous = broadcast._broadcast
    broadcast.use_broadcast(Recording())
    try:
        await job_runner.run_until_idle()
    finally:
        broadcast.use_broadcast(previous)

    state = await client.get(f"{N}/admin/announcements/{created.json()['id']}", headers=admin)
    assert state.json()["status"] == "DONE"
    assert state.json()["recipients"] >= 5
    assert state.json()["batches"] >= 3, "5 subscribers in batches of 2"
    for user in subscribers:
        count = await session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(col(Notification.user_id) == user.id)
            .where(col(Notification.type) == "system.announcement")
        )
        assert count == 1
        assert f"user:{user.id}" in published
    assert (await client.get(N, headers=guest_headers)).json()["items"] == []
    assert guest.role == Role.GUEST.value

    # Running the job again (a redelivery) adds nobody.
    await announcements.fan_out(announcement_id=created.json()["id"])
    total = await session.scalar(
        select(func.count())
        .select_from(Notification)
        .where(col(Notification.source_key) == created.json()["id"])
    )
    assert total == state.json()["recipients"]
