"""Rollups: the event store folded into sums, incrementally, by `seq`.

Each run reads the events after the `rollup` watermark (`seq` > position) in `seq` order,
claims that range by moving the watermark with a conditional UPDATE (`WHERE position =
<what it read>`), then adds the range to the sums, all in one transaction. A second worker
running at the same moment waits on the claim (the row lock on Postgres, the write lock on
SQLite) and, when the first commits, matches no row and stops: each event is added once.
`seq` follows commit order (`store.py`), so a range below the watermark never gains a row.

Two sums: `analytics_counts` (events per name per 15-minute UTC bucket, with the amount they
carry) and `analytics_user_days` (each user's figures per UTC day, `rules.user_figures`).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import db
from brain.core.models import utcnow
from brain.domains.analytics import rules
from brain.domains.analytics.models import AnalyticsCount, AnalyticsCursor, AnalyticsUserDay
from brain.domains.analytics.store import CURSORS, EVENTS, ROLLUP, dialect_insert, sql

COUNTS = AnalyticsCount.__table__  # type: ignore[attr-defined]
USER_DAYS = AnalyticsUserDay.__table__  # type: ignore[attr-defined]


async def roll_up_once(session: AsyncSession, *, batch: int) -> int | None:
    """Add the next `batch` events to the sums. Returns how many (0: caught up), or None when
    another worker claimed the range first."""
    watermark = (
        await sql(session, sa.select(CURSORS.c.position).where(CURSORS.c.name == ROLLUP))
    ).scalar_one()
    rows = (
        await sql(
            session,
            sa.select(
                EVENTS.c.seq,
                EVENTS.c.name,
                EVENTS.c.source,
                EVENTS.c.actor_id,
                EVENTS.c.occurred_at,
                # Only server events' properties are read (amounts, ids): not a client's.
                sa.case((EVENTS.c.source == rules.SERVER, EVENTS.c.properties)).label("properties"),
            )
            .where(EVENTS.c.seq > watermark)
            .order_by(EVENTS.c.seq)
            .limit(batch),
        )
    ).all()
    if not rows:
        return 0
    claimed = await session.exec(
        sa.update(AnalyticsCursor)
        .where(col(AnalyticsCursor.name) == ROLLUP)
        .where(col(AnalyticsCursor.position) == watermark)
        .values(position=rows[-1].seq, updated_at=utcnow())
    )
    if claimed.rowcount != 1:
        return None
    counts: dict[tuple[datetime, str], list[int]] = defaultdict(lambda: [0, 0])
    days: dict[tuple[uuid.UUID, date, str], int] = defaultdict(int)
    for row in rows:
        props: dict[str, Any] = row.properties or {}
        bucket = counts[(rules.bucket_of(row.occurred_at), row.name)]
        bucket[0] += 1
        bucket[1] += rules.count_total(row.name, props) if row.source == rules.SERVER else 0
        day = row.occurred_at.date()
        for user, metric, value in rules.user_figures(row.name, row.source, row.actor_id, props):
            days[(user, day, metric)] += value
    await _add_counts(session, counts)
    await _add_user_days(session, days)
    return len(rows)


async def _add_counts(session: AsyncSession, counts: dict[tuple[datetime, str], list[int]]) -> None:
    insert = dialect_insert(session, COUNTS)
    upsert = insert.on_conflict_do_update(
        index_elements=["bucket_start", "name"],
        set_={
            "count": COUNTS.c.count + insert.excluded.count,
            "total": COUNTS.c.total + insert.excluded.total,
        },
    )
    # Sorted: concurrent upserts take their row locks in one order.
    params = [
        {"bucket_start": b, "name": n, "count": c, "total": t}
        for (b, n), (c, t) in sorted(counts.items())
    ]
    connection = await session.connection()
    await connection.execute(upsert, params)


async def _add_user_days(
    session: AsyncSession, days: dict[tuple[uuid.UUID, date, str], int]
) -> None:
    if not days:
        return
    insert = dialect_insert(session, USER_DAYS)
    upsert = insert.on_conflict_do_update(
        index_elements=["user_id", "day", "metric"],
        set_={"value": USER_DAYS.c.value + insert.excluded.value},
    )
    params = [
        {"user_id": u, "day": d, "metric": m, "value": v}
        for (u, d, m), v in sorted(days.items(), key=lambda kv: (str(kv[0][0]), kv[0][1], kv[0][2]))
    ]
    connection = await session.connection()
    await connection.execute(upsert, params)


async def roll_up(*, batch: int = rules.ROLLUP_BATCH) -> int:
    """Fold every event not rolled up yet, a batch per transaction; returns how many."""
    total = 0
    while True:
        async with db.session_scope() as session:
            done = await roll_up_once(session, batch=batch)
        if not done:
            return total
        total += done
