"""Events the notifications domain publishes: its public contract. Imports only the core."""

from __future__ import annotations

import uuid
from typing import ClassVar

from brain.core.bus import DomainEvent


class EmailQueued(DomainEvent):
    """An email was recorded for delivery (its transaction committed).

    Carries no address or content: those stay in `email_messages`.
    """

    name: ClassVar[str] = "notifications.email_queued"

    message_id: uuid.UUID
    template: str


class NotificationCreated(DomainEvent):
    """A notification was recorded (its transaction committed): its deliveries are queued
    and, when it is in the inbox, it is pushed to the user's live connections.

    `user_id` is the recipient: the users' activity feed files it under them. No title or
    body (they may carry what the publisher put in them); the inbox has those.
    """

    name: ClassVar[str] = "notifications.created"

    notification_id: uuid.UUID
    user_id: uuid.UUID
    type: str


class AnnouncementQueued(DomainEvent):
    """An admin queued a `system.announcement`; its fan-out job starts after the commit."""

    name: ClassVar[str] = "notifications.announcement_queued"

    announcement_id: uuid.UUID
    user_id: uuid.UUID  # the admin who sent it
    role: str | None = None


# The events about one user that belong in that user's activity feed.
ACTIVITY: tuple[type[DomainEvent], ...] = (AnnouncementQueued,)
