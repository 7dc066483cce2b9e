"""The unread counter stays exact when reads, unreads, read-alls, deletes and new
notifications race on real concurrent transactions (Postgres: they truly overlap)."""

from __future__ import annotations

import asyncio
import random
import uuid

from sqlmodel import col, func, select

from brain.core import db
from brain.domains.notifications import inbox
from brain.domains.notifications.errors import NotificationNotFound
from brain.domains.notifications.models import Notification
from tests.conftest import requires_postgres

pytestmark = [requires_postgres]


async def _exact(user: uuid.UUID) -> tuple[int, int]:
    async with db.session_scope() as s:
        counted = await s.scalar(
            select(func.count())
            .select_from(Notification)
            .where(col(Notification.user_id) == user)
            .where(col(Notification.in_inbox).is_(True))
            .where(col(Notification.deleted_at).is_(None))
            .where(col(Notification.read_at).is_(None))
        )
        return await inbox.unread_count(s, user), int(counted or 0)


async def test_racing_transitions_keep_the_unread_counter_exact(
    committed_member: uuid.UUID,
) -> None:
    user_id = committed_member
    ids: list[uuid.UUID] = []
    for n in range(20):
        async with db.session_scope() as s:
            ids.append(
                await inbox.notify(
                    s, type="buz.stake_matured", user_id=user_id, source_key=f"race-{n}",
                    data={"position_id": str(n), "reward": "1.00"},
                )
            )  # fmt: skip
    rng = random.Random(17)

    async def worker(seed: int) -> None:
        local = random.Random(seed)
        for step in range(15):
            target = local.choice(ids)
            action = local.choice(["read", "read", "unread", "all", "archive", "delete", "new"])
            try:
                async with db.session_scope() as s:
                    if action == "read":
                        await inbox.mark_read(s, user_id=user_id, notification_id=target)
                    elif action == "unread":
                        await inbox.mark_unread(s, user_id=user_id, notification_id=target)
                    elif action == "all":
                        await inbox.mark_all_read(s, user_id=user_id)
                    elif action == "archive":
                        await inbox.archive(s, user_id=user_id, notification_id=target)
                    elif action == "delete":
                        await inbox.delete(s, user_id=user_id, notification_id=target)
                    else:
                        await inbox.notify(
                            s, type="buz.stake_matured", user_id=user_id,
                            source_key=f"race-new-{seed}-{step}",
                            data={"position_id": "x", "reward": "1.00"},
                        )  # fmt: skip
            except NotificationNotFound:
                pass  # deleted by another worker first

    await asyncio.gather(*(worker(rng.randrange(10**6)) for _ in range(8)))
    counter, counted = await _exact(user_id)
    assert counter == counted
