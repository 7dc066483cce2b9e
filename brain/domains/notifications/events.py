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
