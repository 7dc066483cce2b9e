"""Reading deliveries and announcements: the user's view of one notification's channels and
the admins' listing across everyone (FAILED first of all: what needs a look)."""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.pagination import Keyset, PageParams
from brain.domains.notifications.catalog import CHANNELS, Channel
from brain.domains.notifications.errors import AnnouncementNotFound
from brain.domains.notifications.models import (
    Announcement,
    DeliveryStatus,
    NotificationDelivery,
)

DELIVERIES = Keyset(
    "notifications.deliveries",
    sa.inspect(NotificationDelivery).columns.created_at,
    sa.inspect(NotificationDelivery).columns.id,
)
_ORDER = {c.value: i for i, c in enumerate(CHANNELS)}


async def deliveries_of(
    session: AsyncSession, notification_id: uuid.UUID
) -> list[NotificationDelivery]:
    rows = (
        await session.exec(
            select(NotificationDelivery).where(
                col(NotificationDelivery.notification_id) == notification_id
            )
        )
    ).all()
    return sorted(rows, key=lambda r: _ORDER.get(r.channel, 9))


async def list_deliveries(
    session: AsyncSession,
    *,
    status: DeliveryStatus | None,
    channel: Channel | None,
    page: PageParams,
) -> tuple[list[NotificationDelivery], str | None]:
    stmt = select(NotificationDelivery)
    if status is not None:
        stmt = stmt.where(col(NotificationDelivery.status) == status.value)
    if channel is not None:
        stmt = stmt.where(col(NotificationDelivery.channel) == channel.value)
    rows = (await session.exec(DELIVERIES.apply(stmt, page))).all()
    return DELIVERIES.page(rows, page)


async def announcement(session: AsyncSession, announcement_id: uuid.UUID) -> Announcement:
    row = await session.get(Announcement, announcement_id)
    if row is None:
        raise AnnouncementNotFound()
    return row
