"""Admin announcements: one `system.announcement` to every active user, or to one role.

The request records the announcement and publishes `notifications.announcement_queued`; after
the commit a job fans it out in batches of `BATCH` users, each batch its own short transaction
(the notifications, their delivery rows, the counters, and the announcement's cursor commit
together). No transaction stays open across the whole audience, so inboxes, transfers and the
SQLite write lock are never blocked for long. A job that dies resumes from the committed cursor;
a batch that was committed twice is impossible (the cursor moves in the same transaction) and
would be harmless anyway (notifications are unique per user and announcement).
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import broadcast, bus, db, jobs
from brain.core.models import utcnow
from brain.core.pagination import PageParams
from brain.domains.notifications import catalog, delivery, inbox
from brain.domains.notifications.events import AnnouncementQueued
from brain.domains.notifications.models import (
    Announcement,
    AnnouncementStatus,
    DeliveryStatus,
    Notification,
    NotificationDelivery,
)
from brain.domains.users import service as users
from brain.domains.users.schemas import Role, UserStatus

log = logging.getLogger(__name__)

FAN_OUT_JOB = "notifications.fan_out_announcement"
BATCH = 500


async def create(
    session: AsyncSession, *, title: str, body: str, role: Role | None, actor_id: uuid.UUID
) -> Announcement:
    row = Announcement(
        title=title, body=body, role=role.value if role else None, created_by=actor_id
    )
    session.add(row)
    await session.flush()
    await bus.publish(
        session,
        AnnouncementQueued(
            actor_id=actor_id, announcement_id=row.id, user_id=actor_id, role=row.role
        ),
    )
    return row


async def get(session: AsyncSession, announcement_id: uuid.UUID) -> Announcement | None:
    return await session.get(Announcement, announcement_id)


@dataclass(frozen=True)
class _Batch:
    created: list[tuple[uuid.UUID, uuid.UUID, bool]]
    done: bool


async def _one_batch(announcement_id: uuid.UUID, size: int) -> _Batch:
    async with db.session_scope() as session:
        row = await session.get(Announcement, announcement_id)
        if row is None or row.status == AnnouncementStatus.DONE:
            return _Batch([], True)
        page = PageParams(limit=size, cursor=row.cursor)
        people, cursor = await users.list_users(
            session,
            query=None,
            role=Role(row.role) if row.role else None,
            status=UserStatus.ACTIVE,
            page=page,
            full=True,
        )
        created = await inbox.create_batch(
            session,
            kind=catalog.TYPES["system.announcement"],
            recipients=[(u.id, u.display_name) for u in people],
            data={"announcement_title": row.title, "announcement_body": row.body},
            source_key=str(row.id),
        )
        row.status = AnnouncementStatus.RUNNING
        row.cursor = cursor
        row.recipients += len(created)
        row.batches += 1
        if cursor is None:
            row.status, row.finished_at = AnnouncementStatus.DONE, utcnow()
        session.add(row)
    return _Batch(created, cursor is None)


async def _after_batch(created: list[tuple[uuid.UUID, uuid.UUID, bool]]) -> None:
    """Queue the batch's email/push deliveries and push its inbox items live (after its
    commit). A crash in between leaves them PENDING for `retry_deliveries` to find."""
    if not created:
        return
    ids = [n for n, _, _ in created]
    async with db.session_scope() as session:
        pending = (
            await session.exec(
                select(NotificationDelivery.id)
                .where(col(NotificationDelivery.notification_id).in_(ids))
                .where(col(NotificationDelivery.status) == DeliveryStatus.PENDING)
            )
        ).all()
        # Only when someone may be listening: loading 500 rows to publish them to nobody
        # would be a third of the batch's cost.
        live = (
            (
                await session.exec(
                    select(Notification)
                    .where(col(Notification.id).in_(ids))
                    .where(col(Notification.in_inbox).is_(True))
                )
            ).all()
            if broadcast.is_configured()
            else []
        )
    for delivery_id in pending:
        await delivery.enqueue(delivery_id)
    for notification in live:
        await inbox.publish_live(notification)


@jobs.job(FAN_OUT_JOB)
async def fan_out(*, announcement_id: str, batch: int | None = None) -> int:
    """Fan the announcement out, one committed batch at a time; returns the batches run."""
    id_ = uuid.UUID(announcement_id)
    batch = batch or BATCH
    batches = 0
    while True:
        result = await _one_batch(id_, batch)
        batches += 1
        await _after_batch(result.created)
        if result.done:
            break
    log.info("announcement %s fanned out in %d batches", id_, batches)
    return batches
