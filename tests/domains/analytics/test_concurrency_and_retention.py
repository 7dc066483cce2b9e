"""Two workers folding and rolling up at once count every event once (real commits, real
concurrent connections); retention drops old months and partitions are made ahead."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus, db
from brain.core.models import utcnow
from brain.domains.analytics import partitions, rollups, rules, store
from brain.domains.analytics.models import AnalyticsEvent
from brain.domains.users.events import UserUpdated
from tests.factories.analytics import publish

N = 60


@pytest.fixture
async def clean_analytics(
    committed_db: object, engine: AsyncEngine, subscriptions: None
) -> AsyncIterator[uuid.UUID]:
    """A user id for the test's events; afterwards, its rows are deleted and the cursors
    put back, so the committed rows leave nothing behind for other tests."""
    bus.unsubscribe_all()
    actor = uuid.uuid4()
    cursors = store.CURSORS
    async with engine.connect() as conn:
        saved = (await conn.execute(sa.select(cursors))).mappings().all()
    yield actor
    events, ids = store.EVENTS, store.EVENT_IDS
    async with engine.begin() as conn:
        mine = sa.select(events.c.event_id).where(events.c.actor_id == actor)
        await conn.execute(sa.delete(ids).where(ids.c.event_id.in_(mine)))
        await conn.execute(sa.delete(events).where(events.c.actor_id == actor))
        days = rollups.USER_DAYS
        await conn.execute(sa.delete(days).where(days.c.user_id == actor))
        counts = rollups.COUNTS
        await conn.execute(sa.delete(counts).where(counts.c.name == "users.updated"))
        for row in saved:
            await conn.execute(
                sa.update(cursors).where(cursors.c.name == row["name"]).values(**dict(row))
            )


async def _figures(actor: uuid.UUID) -> tuple[int, int, int]:
    async with db.session_scope() as session:
        stored = await session.scalar(
            sa.select(sa.func.count())
            .select_from(AnalyticsEvent)
            .where(
                AnalyticsEvent.actor_id == actor  # type: ignore[arg-type]
            )
        )
        days = await session.scalar(
            sa.select(sa.func.sum(rollups.USER_DAYS.c.value))
            .where(rollups.USER_DAYS.c.user_id == actor)
            .where(rollups.USER_DAYS.c.metric == "events")
        )
        counted = await session.scalar(
            sa.select(sa.func.sum(rollups.COUNTS.c.count)).where(
                rollups.COUNTS.c.name == "users.updated"
            )
        )
    return int(stored or 0), int(days or 0), int(counted or 0)


async def test_two_workers_fold_and_roll_up_each_event_once(clean_analytics: uuid.UUID) -> None:
    actor = clean_analytics
    await publish(
        *(
            UserUpdated(user_id=actor, changed=["bio"], status="ACTIVE", actor_id=actor)
            for _ in range(N)
        )
    )
    folds = await asyncio.gather(
        store.fold_outbox(settle_seconds=0, batch=7), store.fold_outbox(settle_seconds=0, batch=7)
    )
    assert sum(folds) >= N
    rolled = await asyncio.gather(rollups.roll_up(batch=7), rollups.roll_up(batch=7))
    assert sum(rolled) == N
    assert await _figures(actor) == (N, N, N)
    # Both again: nothing left to do, nothing counted twice.
    await asyncio.gather(store.fold_outbox(settle_seconds=0), rollups.roll_up())
    assert await _figures(actor) == (N, N, N)


async def test_retention_drops_old_months_and_partitions_are_made_ahead(
    session: AsyncSession,
) -> None:
    now = utcnow()
    old_at = store.retention_start(now) + timedelta(days=1)  # in the oldest month kept
    events = [
        store.NewEvent(uuid.uuid4(), at, "x", rules.CLIENT, None, None, None, {})
        for at in (old_at, now - timedelta(days=1))
    ]
    await store.write(session, events)
    # A month later, the oldest month is past retention.
    later = now + timedelta(days=32)
    report = await partitions.maintain(session, now=later)
    left = set(
        (
            await session.exec(
                select(AnalyticsEvent.event_id).where(
                    col(AnalyticsEvent.event_id).in_([e.event_id for e in events])
                )
            )
        ).all()
    )
    assert left == {events[1].event_id}
    if session.get_bind().dialect.name == "postgresql":
        old_month = old_at.date().replace(day=1)
        assert partitions.partition_name(old_month) in report["dropped"]
        ahead = rules.add_months(later.date(), rules.PARTITIONS_AHEAD)
        assert partitions.partition_name(ahead) in report["created"]
        assert ahead in await partitions.existing(session)
        # Run again: nothing more to do.
        assert await partitions.maintain(session, now=later) == {"created": [], "dropped": []}


def test_analytics_subscribes_to_no_event() -> None:
    """Server events reach analytics by the outbox fold: publishing costs the other domains
    no delivery for analytics, and a slow analytics worker never holds the bus back."""
    from brain import handlers

    handlers.register()
    ours = [
        sub.key
        for subs in bus._subscriptions.values()
        for sub in subs
        if sub.key.startswith("brain.domains.analytics")
    ]
    assert ours == []
