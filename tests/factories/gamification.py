"""Factories for the gamification domain: domain events published as their owners would, and
the clock moved forward (`MovedClock`)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus, db
from brain.core.bus import DomainEvent
from brain.domains.gamification.models import UserBadge, UserStats
from brain.domains.gamification.rules import (
    BADGES,
    LEVEL_INDEX,
    LEVELS,
    RARITY_BUZ,
    BadgeCode,
    Level,
)


async def publish(*events: DomainEvent) -> None:
    """Publish and commit, as the owning domain does: the handlers run after the commit."""
    async with db.session_scope() as session:
        for event in events:
            await bus.publish(session, event)


class MovedClock:
    """Moves `brain.core.models.utcnow` (every timestamp the Brain takes, event times
    included) by `offset`; use with `monkeypatch.setattr(brain.core.models, "datetime", ...)`."""

    def __init__(self) -> None:
        self.offset = timedelta(0)
        clock = self

        class _Moved(datetime):
            @classmethod
            def now(cls, tz: Any = None) -> Any:
                return datetime.now(tz or UTC) + clock.offset

        self.datetime = _Moved


async def xp_of(session: AsyncSession, user_id: uuid.UUID) -> int:
    stats = await session.get(UserStats, user_id, populate_existing=True)
    return stats.xp if stats else 0


async def redeliver(*events: DomainEvent) -> int:
    """Hand events again to gamification's handlers, as a redelivery would (the bus's own
    delivery record is what dedupes a real one; this checks the handlers alone). Returns how
    many handler calls were made."""
    calls = 0
    for event in events:
        for sub in bus.subscriptions(event.name):
            wanted = sub.when is None or sub.when(event)
            if sub.handler.__module__ == "brain.domains.gamification.handlers" and wanted:
                async with db.session_scope() as session:
                    await sub.handler(session, event)
                calls += 1
    return calls


async def rewards_paid(session: AsyncSession, user_id: uuid.UUID) -> int:
    """The BUZ (units) gamification has paid the user: its badges' and levels' rewards. For
    other domains' tests that check a balance to the cent while gamification is installed."""
    badges = await session.exec(select(UserBadge.badge).where(UserBadge.user_id == user_id))
    paid = sum(RARITY_BUZ[BADGES[BadgeCode(code)].rarity] for code in badges.all())
    stats = await session.get(UserStats, user_id, populate_existing=True)
    reached = LEVEL_INDEX[Level(stats.level)] if stats else 0
    return paid + sum(spec.buz_reward for spec in LEVELS[: reached + 1])
