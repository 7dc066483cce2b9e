"""The notifications domain's part of a user's data export (brain/core/export.py): the emails
sent to the user, their notifications with each channel's delivery, preferences, quiet hours,
unread counter, push devices (endpoints, not the keys) and the announcements they sent.

Messages are kept by address, not by user id (a message is addressed when it is rendered), so
those listed are the ones sent to the user's current address. A closed account's address is
pseudonymized, so its export lists none. The body is left out: it is erased once delivered,
and until then it can hold a secret (a password-reset link) that a download must not carry.
"""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.export import DataExport, json_object, keyset_rows
from brain.core.pagination import Keyset
from brain.domains.notifications.models import (
    Announcement,
    EmailMessage,
    Notification,
    NotificationCounter,
    NotificationDelivery,
    NotificationPreference,
    PushDevice,
    QuietHours,
)
from brain.domains.users import service as users

EMAILS = Keyset(
    "notifications.export_emails",
    sa.inspect(EmailMessage).columns.created_at,
    sa.inspect(EmailMessage).columns.id,
)


def _email(row: EmailMessage) -> dict[str, Any]:
    return json_object(
        row.model_dump(include={"id", "to", "template", "subject", "status", "attempts",
                                "created_at", "sent_at"})
    )  # fmt: skip


def _keyset(name: str, model: Any) -> Keyset:
    columns = sa.inspect(model).columns
    return Keyset(f"notifications.export_{name}", columns.created_at, columns.id)


NOTIFICATIONS = _keyset("notifications", Notification)
DELIVERIES = _keyset("deliveries", NotificationDelivery)
ANNOUNCEMENTS = _keyset("announcements", Announcement)


def _row(exclude: set[str]) -> Any:
    def convert(row: Any) -> dict[str, Any]:
        return json_object(row.model_dump(exclude=exclude))

    return convert


async def collect(session: AsyncSession, user_id: uuid.UUID) -> dict[str, Any]:
    user = await users.get_user(session, user_id)
    sent = select(EmailMessage).where(EmailMessage.to == user.email)
    mine = select(Notification).where(col(Notification.user_id) == user_id)
    deliveries = select(NotificationDelivery).where(col(NotificationDelivery.user_id) == user_id)
    announced = select(Announcement).where(col(Announcement.created_by) == user_id)
    prefs = (
        await session.exec(
            select(NotificationPreference).where(col(NotificationPreference.user_id) == user_id)
        )
    ).all()
    devices = (
        await session.exec(select(PushDevice).where(col(PushDevice.user_id) == user_id))
    ).all()
    quiet = await session.get(QuietHours, user_id)
    counter = await session.get(NotificationCounter, user_id)
    return {
        "emails": keyset_rows(session, EMAILS, sent, _email),
        "notifications": keyset_rows(session, NOTIFICATIONS, mine, _row({"user_id"})),
        "deliveries": keyset_rows(session, DELIVERIES, deliveries, _row({"user_id"})),
        "announcements_sent": keyset_rows(session, ANNOUNCEMENTS, announced, _row({"cursor"})),
        "preferences": [json_object(p.model_dump(exclude={"user_id"})) for p in prefs],
        # The endpoint says which browser; the keys are the browser's secret, not the user's.
        "push_devices": [
            json_object(d.model_dump(include={"id", "endpoint", "created_at"})) for d in devices
        ],
        "quiet_hours": json_object(quiet.model_dump(exclude={"user_id"})) if quiet else None,
        "unread": counter.unread if counter else 0,
    }


EXPORT = DataExport(
    collect=collect,
    tables=(
        "email_messages",
        "notifications",
        "notification_deliveries",
        "notification_preferences",
        "notification_counters",
        "push_devices",
        "notification_quiet_hours",
        "notification_announcements",
    ),
)
