"""The event store: writing events once, and folding the bus's outbox into it.

Invariants, and where they are enforced:

- An event id is stored at most once: `analytics_event_ids` (primary key on the id alone,
  since the partitioned `analytics_events` can only be unique per partition) is inserted with
  ON CONFLICT DO NOTHING, and only the ids that insert returns are written to the store. A
  replayed event, a retried `/track` batch, an outbox range folded twice: all no-ops.
- `seq` follows commit order: a writing transaction allocates its numbers with
  `UPDATE analytics_cursors SET position = position + n WHERE name = 'seq'`, and that row lock
  is held until it commits, so no transaction can commit a smaller `seq` after a larger one
  became visible. The rollup job's watermark (`rollups.py`) relies on this. The lock
  serializes ingest transactions (one batch at a time, a few milliseconds each); a batch of
  replays only takes no lock at all.

Server events come from the outbox, not from bus subscriptions: analytics subscribes to
nothing, so publishing costs the other domains no extra delivery transaction, and a slow or
stopped analytics worker never holds the bus back (docs/services/analytics.md, "Ingestion").
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import db
from brain.core.config import get_settings
from brain.core.models import OutboxEvent, utcnow
from brain.domains.analytics import rules
from brain.domains.analytics.models import AnalyticsCursor, AnalyticsEvent, AnalyticsEventId

log = logging.getLogger(__name__)

EVENTS = AnalyticsEvent.__table__  # type: ignore[attr-defined]
EVENT_IDS = AnalyticsEventId.__table__  # type: ignore[attr-defined]
CURSORS = AnalyticsCursor.__table__  # type: ignore[attr-defined]
OUTBOX_T = OutboxEvent.__table__  # type: ignore[attr-defined]

SEQ = "seq"
OUTBOX = "outbox"
ROLLUP = "rollup"


@dataclass(frozen=True)
class NewEvent:
    event_id: uuid.UUID
    occurred_at: datetime
    name: str
    source: str
    actor_id: uuid.UUID | None
    user_id: uuid.UUID | None
    venture_id: uuid.UUID | None
    properties: dict[str, Any]
    # `properties` as compact JSON, when the caller has it already (`/track` measures it).
    properties_json: str | None = None


async def sql(session: AsyncSession, statement: Any) -> sa.CursorResult[*tuple[Any, ...]]:
    """Run a Core statement on the session's connection (in its transaction)."""
    connection = await session.connection()
    return await connection.execute(statement)


def dialect_insert(session: AsyncSession, table: sa.Table) -> Any:
    """An INSERT with the dialect's ON CONFLICT clauses (both databases have them)."""
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


async def allocate(session: AsyncSession, count: int) -> int:
    """Reserve `count` sequence numbers; returns the first. Holds the `seq` row lock until the
    caller's transaction ends (see the module docstring)."""
    connection = await session.connection()
    last = (
        await connection.execute(
            sa.update(CURSORS)
            .where(CURSORS.c.name == SEQ)
            .values(position=CURSORS.c.position + count, updated_at=utcnow())
            .returning(CURSORS.c.position)
        )
    ).scalar_one()
    return int(last) - count + 1


async def write(session: AsyncSession, events: Sequence[NewEvent]) -> set[uuid.UUID]:
    """Store the events whose id is new; returns those ids (the rest were duplicates)."""
    unique: dict[uuid.UUID, NewEvent] = {}
    for event in events:
        unique.setdefault(event.event_id, event)
    if not unique:
        return set()
    # In id order: two batches sharing ids then wait on each other's key in one order (a
    # wait, never a deadlock).
    ordered = [unique[k] for k in sorted(unique)]
    connection = await session.connection()
    if connection.dialect.name == "postgresql":
        return await _write_postgres(connection, ordered)
    claim = (
        dialect_insert(session, EVENT_IDS)
        .on_conflict_do_nothing(index_elements=["event_id"])
        .returning(EVENT_IDS.c.event_id)
    )
    result = await connection.execute(
        claim, [{"event_id": e.event_id, "occurred_at": e.occurred_at} for e in ordered]
    )
    new = {row[0] for row in result.all()}
    if not new:
        return new
    first = await allocate(session, len(new))
    now = utcnow()
    rows = [
        {
            "event_id": e.event_id,
            "occurred_at": e.occurred_at,
            "seq": first + i,
            "name": e.name,
            "source": e.source,
            "actor_id": e.actor_id,
            "user_id": e.user_id,
            "venture_id": e.venture_id,
            "properties": e.properties,
            "received_at": now,
        }
        for i, e in enumerate(e for e in ordered if e.event_id in new)
    ]
    await connection.execute(sa.insert(EVENTS), rows)
    return new


# One statement, one round trip, on Postgres: claim the ids, take the `seq` numbers (the row
# lock, held to commit), insert the new events. The general path above does the same in
# three statements through SQLAlchemy's per-row parameter processing, which cost ~70% of a
# 500-event `/track` request's time on Postgres (bench/analytics_ingest.py).
_WRITE_PG = """
WITH input AS (
    SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::uuid[],
                         $6::uuid[], $7::uuid[], $8::text[])
        WITH ORDINALITY AS t(event_id, occurred_at, name, source, actor_id, user_id,
                             venture_id, properties, n)
), claimed AS (
    INSERT INTO analytics_event_ids (event_id, occurred_at)
    SELECT event_id, occurred_at FROM input ORDER BY n
    ON CONFLICT (event_id) DO NOTHING
    RETURNING event_id
), counted AS (
    SELECT count(*) AS new FROM claimed
), allocated AS (
    UPDATE analytics_cursors SET position = position + (SELECT new FROM counted),
        updated_at = now()
    WHERE name = 'seq'
    RETURNING position - (SELECT new FROM counted) AS base
)
INSERT INTO analytics_events (event_id, occurred_at, seq, name, source, actor_id, user_id,
                              venture_id, properties, received_at)
SELECT i.event_id, i.occurred_at,
       a.base + row_number() OVER (ORDER BY i.n), i.name, i.source, i.actor_id, i.user_id,
       i.venture_id, i.properties::json, now()
FROM input i JOIN claimed c ON c.event_id = i.event_id CROSS JOIN allocated a
RETURNING event_id
"""


async def _write_postgres(connection: Any, events: list[NewEvent]) -> set[uuid.UUID]:
    raw = await connection.get_raw_connection()
    driver: Any = raw.driver_connection
    rows = await driver.fetch(
        _WRITE_PG,
        [e.event_id for e in events],
        [e.occurred_at for e in events],
        [e.name for e in events],
        [e.source for e in events],
        [e.actor_id for e in events],
        [e.user_id for e in events],
        [e.venture_id for e in events],
        [e.properties_json or json.dumps(e.properties, separators=(",", ":")) for e in events],
    )
    return {row[0] for row in rows}


def retention_start(now: datetime) -> datetime:
    """The oldest time the store keeps: the start of the month `analytics_retention_months`
    before the current one (partitions are whole months)."""
    first = rules.add_months(now.date(), -get_settings().analytics_retention_months)
    return datetime(first.year, first.month, 1, tzinfo=now.tzinfo)


def _from_outbox(event_id: uuid.UUID, name: str, payload: dict[str, Any]) -> NewEvent:
    actor, user, venture = rules.subjects(payload)
    return NewEvent(
        event_id=event_id,
        occurred_at=datetime.fromisoformat(str(payload["occurred_at"])),
        name=name,
        source=rules.SERVER,
        actor_id=actor,
        user_id=user,
        venture_id=venture,
        properties=payload,
    )


async def fold_outbox_once(
    session: AsyncSession, *, now: datetime, settle_seconds: float, batch: int
) -> int | None:
    """Fold the next `batch` delivered outbox rows into the store. Returns how many rows were
    read (0: caught up), or None when another worker claimed the same range first."""
    cursor = await session.get(AnalyticsCursor, OUTBOX)
    if cursor is None:
        raise RuntimeError("analytics_cursors has no 'outbox' row; run the migrations")
    old_at, old_ref = cursor.at, cursor.ref
    # Columns, not ORM objects: a thousand rows a batch, read once.
    stmt = (
        sa.select(OUTBOX_T.c.id, OUTBOX_T.c.name, OUTBOX_T.c.payload, OUTBOX_T.c.dispatched_at)
        .where(col(OutboxEvent.dispatched_at).is_not(None))
        .where(col(OutboxEvent.dispatched_at) <= now - timedelta(seconds=settle_seconds))
        .order_by(col(OutboxEvent.dispatched_at), col(OutboxEvent.id))
        .limit(batch)
    )
    if old_at is not None and old_ref is not None:
        last_id = uuid.UUID(old_ref)
        stmt = stmt.where(
            sa.or_(
                col(OutboxEvent.dispatched_at) > old_at,
                sa.and_(col(OutboxEvent.dispatched_at) == old_at, col(OutboxEvent.id) > last_id),
            )
        )
    rows = list((await sql(session, stmt)).all())
    if not rows:
        return 0
    last = rows[-1]
    # Claim the range before writing anything: a second worker's claim waits on this row
    # lock (Postgres) or the write lock (SQLite), then matches nothing and gives up.
    claimed = await session.exec(
        sa.update(AnalyticsCursor)
        .where(col(AnalyticsCursor.name) == OUTBOX)
        .where(col(AnalyticsCursor.at).is_not_distinct_from(old_at))
        .where(col(AnalyticsCursor.ref).is_not_distinct_from(old_ref))
        .values(at=last.dispatched_at, ref=str(last.id), updated_at=utcnow())
    )
    if claimed.rowcount != 1:
        return None
    oldest, newest = retention_start(now), now + rules.FUTURE_TOLERANCE
    events = []
    for row in rows:
        event = _from_outbox(row.id, row.name, row.payload)
        if oldest <= event.occurred_at <= newest:
            events.append(event)
        else:
            log.warning(
                "analytics: event %s at %s is outside the store; skipped", row.id, event.occurred_at
            )
    await write(session, events)
    return len(rows)


async def fold_outbox(
    *,
    now: datetime | None = None,
    settle_seconds: float | None = None,
    batch: int = rules.FOLD_BATCH,
) -> int:
    """Fold every delivered outbox event not folded yet, a batch per transaction. Returns
    how many outbox rows this run read."""
    settle = (
        get_settings().analytics_ingest_settle_seconds if settle_seconds is None else settle_seconds
    )
    total = 0
    while True:
        async with db.session_scope() as session:
            read = await fold_outbox_once(
                session, now=now or utcnow(), settle_seconds=settle, batch=batch
            )
        if not read:
            return total
        total += read
