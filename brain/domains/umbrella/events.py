"""Events the umbrella domain publishes: its public contract. Imports only the core.

Amounts are BUZ minor units (1 BUZ = 100). `user_id` is the user the event is about: the users'
activity feed files the event under it (users.service.record_activity).
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from brain.core.bus import DomainEvent


class ReferralCreated(DomainEvent):
    """A referral link exists (PENDING_AGREEMENT): `user_id` is the referred user, `via` how
    the link was made (`code` at registration, `invitation` when one was accepted)."""

    name: ClassVar[str] = "umbrella.referral_created"

    relationship_id: uuid.UUID
    user_id: uuid.UUID
    referrer_id: uuid.UUID
    referred_id: uuid.UUID
    via: str


class ReferralActivated(DomainEvent):
    """Both parties signed the relationship's UMBRELLA_AGREEMENT: the link is ACTIVE and starts
    sharing revenue. `user_id` is the referrer (who earns the XP of an activated referral)."""

    name: ClassVar[str] = "umbrella.referral_activated"

    relationship_id: uuid.UUID
    user_id: uuid.UUID
    referrer_id: uuid.UUID
    referred_id: uuid.UUID


class RelationshipStateChanged(DomainEvent):
    """Any relationship (referral or social) moved between states; `user_id` is the actor's
    counterpart when there is one, else the actor."""

    name: ClassVar[str] = "umbrella.relationship_state_changed"

    relationship_id: uuid.UUID
    user_id: uuid.UUID
    kind: str
    from_state: str
    to_state: str


class SharePaid(DomainEvent):
    """A revenue share was paid: `user_id` earned `amount` at `level` (1-3) of the chain above
    the user who was paid `source_transfer_id`; `transfer_id` is the share's own transfer."""

    name: ClassVar[str] = "umbrella.share_paid"

    share_id: uuid.UUID
    relationship_id: uuid.UUID
    user_id: uuid.UUID
    level: int
    amount: int
    source_transfer_id: uuid.UUID
    transfer_id: uuid.UUID


# Every event this domain publishes, and those that go into the user's activity feed (under
# `user_id`): the referred user's new link, the referrer's activated referral, a counterpart's
# relationship change and a share earned.
ALL: tuple[type[DomainEvent], ...] = (
    ReferralCreated,
    ReferralActivated,
    RelationshipStateChanged,
    SharePaid,
)
ACTIVITY: tuple[type[DomainEvent], ...] = ALL
