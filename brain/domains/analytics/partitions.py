"""Monthly partitions of `analytics_events` on Postgres, and retention on both databases.

The migration declares the table `PARTITION BY RANGE (occurred_at)` and creates the months
around its own date; `maintain` (the daily job) creates the months from the retention start
to `rules.PARTITIONS_AHEAD` months ahead, and drops whole months older than the retention
start, which is a metadata operation instead of a DELETE of millions of rows. Partitions live
in the schema `analytics_partitions`, so Alembic's comparison of the models with the database
(which reads the default schema) never sees them. On SQLite the table is a plain one and
retention deletes the rows.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, date, datetime

import sqlalchemy as sa
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.domains.analytics import rules
from brain.domains.analytics.store import EVENT_IDS, EVENTS, retention_start, sql

log = logging.getLogger(__name__)

SCHEMA = "analytics_partitions"
_NAME = re.compile(r"^analytics_events_y(\d{4})m(\d{2})$")


def partition_name(month: date) -> str:
    return f"analytics_events_y{month.year:04d}m{month.month:02d}"


def _is_postgres(session: AsyncSession) -> bool:
    return session.get_bind().dialect.name == "postgresql"


async def existing(session: AsyncSession) -> list[date]:
    """The months that have a partition (Postgres)."""
    rows = await sql(
        session,
        sa.text(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'analytics_events'"
        ),
    )
    months = []
    for (name,) in rows.all():
        match = _NAME.match(name)
        if match:
            months.append(date(int(match[1]), int(match[2]), 1))
    return sorted(months)


async def maintain(session: AsyncSession, *, now: datetime) -> dict[str, list[str]]:
    """Create the partitions due, drop (or delete) what is past retention."""
    start = retention_start(now)
    report: dict[str, list[str]] = {"created": [], "dropped": []}
    if _is_postgres(session):
        have = set(await existing(session))
        month = start.date()
        last = rules.add_months(now.date(), rules.PARTITIONS_AHEAD)
        while month <= last:
            if month not in have:
                await _create(session, month)
                report["created"].append(partition_name(month))
            month = rules.add_months(month, 1)
        for month in sorted(have):
            if rules.add_months(month, 1) <= start.date():
                await sql(session, sa.text(f'DROP TABLE "{SCHEMA}"."{partition_name(month)}"'))
                report["dropped"].append(partition_name(month))
    else:
        await session.exec(sa.delete(EVENTS).where(EVENTS.c.occurred_at < start))
    if report["dropped"] or not _is_postgres(session):
        # The ids of what was dropped: a scan of the ids table, so only when a month went.
        await session.exec(sa.delete(EVENT_IDS).where(EVENT_IDS.c.occurred_at < start))
    if report["created"] or report["dropped"]:
        log.info("analytics partitions: %s", report)
    return report


async def _create(session: AsyncSession, month: date) -> None:
    lower = datetime(month.year, month.month, 1, tzinfo=UTC)
    upper_day = rules.add_months(month, 1)
    upper = datetime(upper_day.year, upper_day.month, 1, tzinfo=UTC)
    # Names and bounds come from dates, never from input.
    await sql(
        session,
        sa.text(
            f'CREATE TABLE IF NOT EXISTS "{SCHEMA}"."{partition_name(month)}" '
            f"PARTITION OF analytics_events FOR VALUES FROM ('{lower.isoformat()}') "
            f"TO ('{upper.isoformat()}')"
        ),
    )
