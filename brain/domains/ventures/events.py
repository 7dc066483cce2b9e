"""Events the ventures domain publishes: its public contract. Imports only the core.

Every event names the venture (`venture_id`) and the user it concerns (`user_id`): the users'
activity feed files an event under its `user_id` (users.service.record_activity).
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from brain.core.bus import DomainEvent


class VentureEvent(DomainEvent):
    venture_id: uuid.UUID
    user_id: uuid.UUID


class VentureCreated(VentureEvent):
    """`user_id` is the creator (the OWNER); `transfer_id` the 50 BUZ charge."""

    name: ClassVar[str] = "ventures.created"

    venture_name: str
    visibility: str
    transfer_id: uuid.UUID


class VentureUpdated(VentureEvent):
    name: ClassVar[str] = "ventures.updated"

    fields: list[str]


class StageChanged(VentureEvent):
    name: ClassVar[str] = "ventures.stage_changed"

    event: str
    from_stage: str
    to_stage: str
    reason: str | None = None


class VentureArchived(VentureEvent):
    name: ClassVar[str] = "ventures.archived"

    from_stage: str
    reason: str


class MemberJoined(VentureEvent):
    name: ClassVar[str] = "ventures.member_joined"

    role: str


class MemberLeft(VentureEvent):
    """`removed` is True when someone else removed the member (the actor), False on leaving."""

    name: ClassVar[str] = "ventures.member_left"

    role: str
    removed: bool


class MemberRoleChanged(VentureEvent):
    name: ClassVar[str] = "ventures.member_role_changed"

    old_role: str
    new_role: str


class InvitationEvent(VentureEvent):
    """`user_id` is the invitee."""

    invitation_id: uuid.UUID
    role: str


class InvitationSent(InvitationEvent):
    name: ClassVar[str] = "ventures.invitation_sent"

    expires_at: str


class InvitationAccepted(InvitationEvent):
    name: ClassVar[str] = "ventures.invitation_accepted"


class InvitationDeclined(InvitationEvent):
    name: ClassVar[str] = "ventures.invitation_declined"


class InvitationRevoked(InvitationEvent):
    name: ClassVar[str] = "ventures.invitation_revoked"


class InvitationExpired(InvitationEvent):
    name: ClassVar[str] = "ventures.invitation_expired"


class OwnershipTransferred(VentureEvent):
    """`user_id` is the new owner; `previous_owner_id` stays on as CO_FOUNDER."""

    name: ClassVar[str] = "ventures.ownership_transferred"

    previous_owner_id: uuid.UUID


class MetricRecorded(VentureEvent):
    name: ClassVar[str] = "ventures.metric_recorded"

    metric_id: uuid.UUID
    metric: str
    value: str
    unit: str
    as_of: str


# Every event the domain publishes (the timeline records each of them).
ALL: tuple[type[VentureEvent], ...] = (
    VentureCreated,
    VentureUpdated,
    StageChanged,
    VentureArchived,
    MemberJoined,
    MemberLeft,
    MemberRoleChanged,
    InvitationSent,
    InvitationAccepted,
    InvitationDeclined,
    InvitationRevoked,
    InvitationExpired,
    OwnershipTransferred,
    MetricRecorded,
)

# The ones that are about one person, for that person's activity feed.
ACTIVITY: tuple[type[VentureEvent], ...] = (
    VentureCreated,
    MemberJoined,
    MemberLeft,
    MemberRoleChanged,
    InvitationSent,
    InvitationAccepted,
    InvitationDeclined,
    InvitationRevoked,
    InvitationExpired,
    OwnershipTransferred,
)
