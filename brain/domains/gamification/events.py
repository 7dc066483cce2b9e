"""Events the gamification domain publishes: its public contract. Imports only the core.

`user_id` is the user who earned: the users' activity feed files the event under it.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from brain.core.bus import DomainEvent


class XpAwarded(DomainEvent):
    """An XP award row was written for `rule` because of the event `source_event_id`."""

    name: ClassVar[str] = "gamification.xp_awarded"

    award_id: uuid.UUID
    user_id: uuid.UUID
    rule: str
    xp: int
    total_xp: int
    source_event_id: uuid.UUID


class LevelUp(DomainEvent):
    """The user's XP crossed a level threshold (OWLET -> ... -> SKY_MASTER)."""

    name: ClassVar[str] = "gamification.level_up"

    user_id: uuid.UUID
    from_level: str
    to_level: str
    total_xp: int


class BadgeEarned(DomainEvent):
    """The user earned `badge` (its code) of `rarity`; `badge_name` is its display name."""

    name: ClassVar[str] = "gamification.badge_earned"

    user_id: uuid.UUID
    badge: str
    badge_name: str
    rarity: str


# The events about one user that go into that user's activity feed.
ACTIVITY: tuple[type[DomainEvent], ...] = (LevelUp, BadgeEarned)
