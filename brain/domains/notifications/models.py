"""Tables of the notifications domain: emails, and the notifications of the domain rules
(inbox, per-channel deliveries, preferences, the unread counter, push devices, quiet hours,
announcements)."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from brain.core.models import new_id, utc_column, utcnow


class EmailStatus(StrEnum):
    # Waiting for delivery, or between retries.
    QUEUED = "QUEUED"
    SENT = "SENT"
    # Every try failed (`job_max_tries`); `last_error` says why.
    FAILED = "FAILED"


class EmailMessage(SQLModel, table=True):
    """One email, rendered when it was requested; the durable record of its delivery.

    The body can hold secrets (a password-reset link): it is never logged nor returned by an
    API, and it is erased once the message is SENT or has FAILED for good.
    """

    __tablename__ = "email_messages"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    # The caller's key: a second send with the same key is a no-op.
    idempotency_key: str = Field(max_length=200, unique=True)
    to: str = Field(max_length=320)
    template: str = Field(max_length=100)
    subject: str = Field(max_length=500)
    body: str = Field(sa_column=sa.Column(sa.Text(), nullable=False))
    status: str = Field(default=EmailStatus.QUEUED, max_length=10)
    attempts: int = Field(default=0)
    last_error: str | None = Field(default=None, max_length=2000)
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
    sent_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))

    __table_args__ = (
        sa.CheckConstraint("status IN ('QUEUED', 'SENT', 'FAILED')", name="status"),
        # The requeue sweeper's query: queued messages, oldest first.
        sa.Index("ix_email_messages_pending", "status", "created_at"),
        # A user's data export: the emails sent to one address, newest first.
        sa.Index("ix_email_messages_to_created_at_id", "to", "created_at", "id"),
    )


# -- the notification types' inbox, deliveries, preferences and devices ----------------------


class Notification(SQLModel, table=True):
    """One notification of one type to one user: the inbox item (when `in_inbox`) and the
    parent of its per-channel deliveries.

    `(user_id, type, source_key)` is unique: the same event (or `notify` call) raising the
    same type for the same user twice records one notification (Novu's `transactionId`).
    Read, archived and deleted are timestamps changed only by conditional updates, so the
    unread counter moves exactly once per transition (`inbox.py`).
    """

    __tablename__ = "notifications"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE")
    type: str = Field(max_length=60)
    source_key: str = Field(max_length=200)
    title: str = Field(max_length=300)
    body: str = Field(sa_column=sa.Column(sa.Text(), nullable=False))
    # The template variables, kept for the channels rendered later (email, push). Emptied
    # once every delivery of a `sensitive` type is over (a reset link is a secret).
    data: dict[str, Any] = Field(
        default_factory=dict, sa_column=sa.Column(sa.JSON(), nullable=False)
    )
    # False when the in-app channel was off for this user: the row is kept for its other
    # deliveries but is never in the inbox nor counted.
    in_inbox: bool = Field(default=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
    read_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    archived_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    deleted_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))

    __table_args__ = (
        sa.UniqueConstraint("user_id", "type", "source_key", name="notifications_source_key"),
        # The inbox: one user's items, newest first.
        sa.Index("ix_notifications_user_id_created_at_id", "user_id", "created_at", "id"),
    )


class DeliveryStatus(StrEnum):
    PENDING = "PENDING"  # waiting for its job, for the end of quiet hours, or between retries
    SENT = "SENT"
    FAILED = "FAILED"  # the last try failed (`reason` says why); the sweeper tries again
    SKIPPED = "SKIPPED"  # switched off by a preference, or nothing to deliver to


class NotificationDelivery(SQLModel, table=True):
    """One channel of one notification: its status is what the user and admins see."""

    __tablename__ = "notification_deliveries"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    notification_id: uuid.UUID = Field(foreign_key="notifications.id", ondelete="CASCADE")
    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE")
    type: str = Field(max_length=60)
    channel: str = Field(max_length=10)
    status: str = Field(default=DeliveryStatus.PENDING, max_length=10)
    reason: str | None = Field(default=None, max_length=2000)
    attempts: int = Field(default=0)
    # Not before this time (quiet hours), or not retried before it (after a failure).
    not_before: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
    updated_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
    sent_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))

    __table_args__ = (
        sa.UniqueConstraint("notification_id", "channel", name="notification_deliveries_channel"),
        sa.CheckConstraint("status IN ('PENDING', 'SENT', 'FAILED', 'SKIPPED')", name="status"),
        sa.CheckConstraint("channel IN ('in_app', 'email', 'push')", name="channel"),
        # The admin listing (by status, newest first) and the sweeper (PENDING/FAILED, oldest).
        sa.Index("ix_notification_deliveries_status_created_at_id", "status", "created_at", "id"),
    )


class NotificationPreference(SQLModel, table=True):
    """A user's explicit choice for one type on one channel; no row means the type's
    default. Read when each delivery runs, never cached at enqueue time."""

    __tablename__ = "notification_preferences"

    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE", primary_key=True)
    type: str = Field(max_length=60, primary_key=True)
    channel: str = Field(max_length=10, primary_key=True)
    enabled: bool
    updated_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())


class NotificationCounter(SQLModel, table=True):
    """A user's unread count, moved by +1/-n with each transition that changed a row, so the
    badge never needs a COUNT over the inbox. The check keeps a bug from going negative."""

    __tablename__ = "notification_counters"

    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE", primary_key=True)
    unread: int = Field(default=0)

    __table_args__ = (sa.CheckConstraint("unread >= 0", name="unread"),)


class PushDevice(SQLModel, table=True):
    """A Web Push subscription (a browser's endpoint and keys). An endpoint belongs to one
    browser, so registering it again (another user signed in there) moves it."""

    __tablename__ = "push_devices"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    endpoint: str = Field(max_length=1000, unique=True)
    p256dh: str = Field(max_length=200)
    auth: str = Field(max_length=100)
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())


class QuietHours(SQLModel, table=True):
    """A user's quiet hours, minutes after local midnight in the user's time zone (users'
    settings); `end` before `start` spans midnight. Push and email wait; in-app does not."""

    __tablename__ = "notification_quiet_hours"

    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE", primary_key=True)
    start_minute: int
    end_minute: int
    updated_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())

    __table_args__ = (
        sa.CheckConstraint(
            "start_minute >= 0 AND start_minute < 1440 AND end_minute >= 0 "
            "AND end_minute < 1440 AND start_minute <> end_minute",
            name="minutes",
        ),
    )


class AnnouncementStatus(StrEnum):
    PENDING = "PENDING"
    RUNNING = "RUNNING"
    DONE = "DONE"


class Announcement(SQLModel, table=True):
    """An admin's `system.announcement`, fanned out by a job in batches. `cursor` (the users
    list's cursor after the last batch) commits with each batch, so a retried job resumes."""

    __tablename__ = "notification_announcements"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    title: str = Field(max_length=200)
    body: str = Field(max_length=5000)
    role: str | None = Field(default=None, max_length=40)
    created_by: uuid.UUID = Field(foreign_key="users.id")
    status: str = Field(default=AnnouncementStatus.PENDING, max_length=10)
    cursor: str | None = Field(default=None, max_length=500)
    recipients: int = Field(default=0)
    batches: int = Field(default=0)
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
    finished_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
