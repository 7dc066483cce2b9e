"""Request and response models of `/api/notifications`."""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool, field_validator

from brain.core.schemas import InputModel
from brain.domains.notifications.catalog import Channel
from brain.domains.notifications.models import DeliveryStatus
from brain.domains.users.schemas import Role

_HHMM = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


class _Input(InputModel):
    model_config = ConfigDict(extra="forbid")


class NotificationRead(BaseModel):
    id: uuid.UUID
    type: str = Field(description="The notification type, e.g. `buz.received`.")
    title: str
    body: str
    link: str = Field(description="A path in the web app the item opens, or empty.")
    data: dict[str, Any] = Field(description="The type's variables (ids, names, amounts).")
    read: bool
    archived: bool
    created_at: datetime
    read_at: datetime | None
    archived_at: datetime | None


class UnreadCount(BaseModel):
    unread: int = Field(description="Unread, not deleted items in the inbox.")


class ReadAllResult(BaseModel):
    marked: int = Field(description="How many items this call marked read.")
    unread: int


class DeliveryRead(BaseModel):
    id: uuid.UUID
    notification_id: uuid.UUID
    type: str
    channel: Channel
    status: DeliveryStatus
    reason: str | None = Field(
        description="Why it was SKIPPED or why the last try FAILED; null when SENT."
    )
    attempts: int
    not_before: datetime | None = Field(
        description="Waiting until then (quiet hours, or the next retry after a failure)."
    )
    created_at: datetime
    updated_at: datetime
    sent_at: datetime | None


class AdminDeliveryRead(DeliveryRead):
    user_id: uuid.UUID


class PreferenceItem(BaseModel):
    type: str
    channel: Channel
    enabled: bool
    default: bool = Field(description="Whether the type uses this channel by default.")
    locked: bool = Field(description="A critical type: always sent, cannot be changed.")


class QuietHoursBody(_Input):
    start: str = Field(description="Local time `HH:MM` (24 h) in your settings' time zone.")
    end: str = Field(description="`HH:MM`; earlier than `start` spans midnight.")

    @field_validator("start", "end")
    @classmethod
    def _hhmm(cls, value: str) -> str:
        if not _HHMM.match(value):
            raise ValueError("a local time as HH:MM, 00:00 to 23:59")
        return value

    def minutes(self) -> tuple[int, int]:
        def m(v: str) -> int:
            return int(v[:2]) * 60 + int(v[3:])

        return m(self.start), m(self.end)


class PreferencesRead(BaseModel):
    preferences: list[PreferenceItem]
    quiet_hours: QuietHoursBody | None
    timezone: str = Field(description="The time zone of quiet hours (your users settings).")


class PreferenceChange(_Input):
    type: str = Field(max_length=60)
    channel: Channel
    enabled: StrictBool


class PreferencesUpdate(_Input):
    preferences: list[PreferenceChange] = Field(default_factory=list, max_length=100)
    quiet_hours: QuietHoursBody | None = Field(
        default=None,
        description="Set quiet hours (push and email wait until they end; in-app does not).",
    )
    clear_quiet_hours: StrictBool = Field(default=False, description="Remove your quiet hours.")

    @field_validator("quiet_hours")
    @classmethod
    def _not_empty(cls, value: QuietHoursBody | None) -> QuietHoursBody | None:
        if value is not None and value.start == value.end:
            raise ValueError("start and end must differ")
        return value


class PushKeys(_Input):
    p256dh: str = Field(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9_\-=]+$")
    auth: str = Field(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9_\-=]+$")


class DeviceCreate(_Input):
    """A browser's `PushSubscription.toJSON()`."""

    endpoint: str = Field(min_length=1, max_length=1000)
    keys: PushKeys


class DeviceRead(BaseModel):
    id: uuid.UUID
    endpoint: str
    created_at: datetime


class VapidKey(BaseModel):
    public_key: str | None = Field(
        description="The VAPID application server key to subscribe with; null when push is "
        "not configured (notifications are then logged, not pushed)."
    )


class AnnouncementCreate(_Input):
    title: str = Field(min_length=1, max_length=200)
    body: str = Field(min_length=1, max_length=5000)
    role: Role | None = Field(
        default=None,
        description="Only users with this role; everyone (active) when omitted.",
    )


class AnnouncementRead(BaseModel):
    id: uuid.UUID
    title: str
    body: str
    role: str | None
    status: str = Field(description="PENDING, RUNNING, then DONE once every batch committed.")
    recipients: int
    batches: int
    created_at: datetime
    finished_at: datetime | None
