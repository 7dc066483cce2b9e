"""The analytics domain's tables. Only the analytics domain writes them.

`analytics_events` is the event store: one row per event, server events folded from the
outbox and client events from `POST /track`. On Postgres it is partitioned by month of
`occurred_at` (the migration declares it, `partitions.py` keeps the partitions); the primary
key therefore includes `occurred_at`, and event-id uniqueness across partitions is kept by
`analytics_event_ids`, a plain table keyed on the event id alone. `seq` is the order events
were committed in (allocated under the `seq` cursor's row lock, see `store.py`): rollups fold
`seq` ranges.

The rollups (`analytics_counts`, `analytics_user_days`) are sums, incremented by the rollup
job; `analytics_cursors` holds the watermarks. User ids are plain columns without foreign
keys: an event outlives nothing about the user and costs no foreign-key check on the hot path.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from brain.core.models import new_id, utc_column, utcnow


class AnalyticsEvent(SQLModel, table=True):
    __tablename__ = "analytics_events"

    # The key is (seq, occurred_at): `seq` is unique and what the rollups scan by, and a
    # partitioned table's key must hold the partition column. The event id's uniqueness is
    # `analytics_event_ids`'. One index fewer per row than a key on the event id as well.
    seq: int = Field(sa_column=sa.Column(sa.BigInteger(), primary_key=True, autoincrement=False))
    occurred_at: datetime = Field(sa_column=utc_column(primary_key=True))
    event_id: uuid.UUID
    name: str = Field(max_length=100)
    source: str = Field(max_length=10)  # "server" (the bus) or "client" (POST /track)
    actor_id: uuid.UUID | None = Field(default=None)  # who did it
    user_id: uuid.UUID | None = Field(default=None, index=True)  # who it is about
    venture_id: uuid.UUID | None = Field(default=None)
    properties: dict[str, Any] = Field(sa_column=sa.Column(sa.JSON(), nullable=False))
    received_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())

    __table_args__ = (
        # Most events (every client one) name no venture: they cost this index nothing.
        sa.Index(
            "ix_analytics_events_venture_id",
            "venture_id",
            postgresql_where=sa.text("venture_id IS NOT NULL"),
            sqlite_where=sa.text("venture_id IS NOT NULL"),
        ),
        {"postgresql_partition_by": "RANGE (occurred_at)"},
    )


class AnalyticsEventId(SQLModel, table=True):
    """Every event id ever stored (until retention): a replay is a no-op on any partition."""

    __tablename__ = "analytics_event_ids"

    event_id: uuid.UUID = Field(primary_key=True)
    occurred_at: datetime = Field(sa_column=utc_column())


class AnalyticsCursor(SQLModel, table=True):
    """A named position: `seq` (the next sequence number to hand out), `outbox` (the last
    outbox row folded: its `dispatched_at` in `at`, its id in `ref`), `rollup` (the last `seq`
    rolled up). Each moves only by a conditional UPDATE or under its row lock."""

    __tablename__ = "analytics_cursors"

    name: str = Field(primary_key=True, max_length=20)
    position: int = Field(default=0, sa_column=sa.Column(sa.BigInteger(), nullable=False))
    at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    ref: str | None = Field(default=None, max_length=64)
    updated_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())


class AnalyticsCount(SQLModel, table=True):
    """Events of one name in one 15-minute UTC bucket: every current IANA offset is a multiple
    of 15 minutes, so hours, days, weeks and months in any time zone are exact sums of these."""

    __tablename__ = "analytics_counts"

    bucket_start: datetime = Field(sa_column=utc_column(primary_key=True))
    name: str = Field(primary_key=True, max_length=100)
    count: int = Field(default=0, sa_column=sa.Column(sa.BigInteger(), nullable=False))
    total: int = Field(default=0, sa_column=sa.Column(sa.BigInteger(), nullable=False))


class AnalyticsUserDay(SQLModel, table=True):
    """One user's figure (`rules.USER_METRICS`) on one UTC day. `metric = "events"` rows are
    the active-user set behind DAU/WAU/MAU and retention."""

    __tablename__ = "analytics_user_days"

    user_id: uuid.UUID = Field(primary_key=True)
    day: date = Field(primary_key=True)
    metric: str = Field(primary_key=True, max_length=30)
    value: int = Field(default=0, sa_column=sa.Column(sa.BigInteger(), nullable=False))

    __table_args__ = (sa.Index("ix_analytics_user_days_metric_day", "metric", "day"),)


class AnalyticsReport(SQLModel, table=True):
    __tablename__ = "analytics_reports"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    requested_by: uuid.UUID = Field(foreign_key="users.id")
    kind: str = Field(max_length=40)
    period: str = Field(max_length=5)
    status: str = Field(max_length=20)  # QUEUED, RUNNING, COMPLETED, FAILED
    progress: int = Field(default=0)
    # Everyone's figures (admin) or the requester's own; fixed when the report is requested.
    scope: str = Field(max_length=10)
    columns: list[str] = Field(default_factory=list, sa_column=sa.Column(sa.JSON(), nullable=False))
    rows: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=sa.Column(sa.JSON(), nullable=False)
    )
    error: str | None = Field(default=None, max_length=500)
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
    started_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    finished_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))

    __table_args__ = (
        sa.Index("ix_analytics_reports_requested_by_created", "requested_by", "created_at", "id"),
    )
