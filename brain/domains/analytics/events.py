"""Events the analytics domain publishes: its public contract. Imports only the core."""

from __future__ import annotations

import uuid
from typing import ClassVar

from brain.core.bus import DomainEvent


class ReportCompleted(DomainEvent):
    """A report `user_id` asked for is ready to download (or `status` FAILED)."""

    name: ClassVar[str] = "analytics.report_completed"
    report_id: uuid.UUID
    user_id: uuid.UUID
    kind: str
    period: str
    status: str


# For the requester's activity feed.
ACTIVITY: tuple[type[DomainEvent], ...] = (ReportCompleted,)
