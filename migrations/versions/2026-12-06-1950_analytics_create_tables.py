"""analytics: create the event store, its ids, cursors, rollups and reports

On Postgres `analytics_events` is partitioned by month of `occurred_at` (declarative range
partitioning), with the partitions in the schema `analytics_partitions` (out of Alembic's
sight) from 13 months back to 3 months ahead; the `analytics.maintain_partitions` job keeps
them from then on. On SQLite it is a plain table.

Revision ID: 3b7d9e1f0a62
Revises: 4d7b1e9c3a52
Create Date: 2026-12-06 19:50:00+00:00
"""

from collections.abc import Sequence
from datetime import UTC as TZ
from datetime import date, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "3b7d9e1f0a62"
down_revision: str | None = "4d7b1e9c3a52"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC = sa.DateTime(timezone=True)
SCHEMA = "analytics_partitions"
MONTHS_BACK = 13
MONTHS_AHEAD = 3


def _month(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def _partitions() -> None:
    op.execute(f'CREATE SCHEMA IF NOT EXISTS "{SCHEMA}"')
    today = datetime.now(TZ).date()
    now_index = today.year * 12 + today.month - 1
    for index in range(now_index - MONTHS_BACK, now_index + MONTHS_AHEAD + 1):
        lower, upper = _month(index), _month(index + 1)
        op.execute(
            f'CREATE TABLE IF NOT EXISTS "{SCHEMA}".'
            f'"analytics_events_y{lower.year:04d}m{lower.month:02d}" '
            f"PARTITION OF analytics_events FOR VALUES FROM ('{lower.isoformat()} 00:00+00') "
            f"TO ('{upper.isoformat()} 00:00+00')"
        )


def upgrade() -> None:
    op.create_table(
        "analytics_events",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("occurred_at", UTC, nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("venture_id", sa.Uuid(), nullable=True),
        sa.Column("properties", sa.JSON(), nullable=False),
        sa.Column("received_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("seq", "occurred_at", name="analytics_events_pkey"),
        postgresql_partition_by="RANGE (occurred_at)",
    )
    op.create_index("ix_analytics_events_user_id", "analytics_events", ["user_id"])
    op.create_index(
        "ix_analytics_events_venture_id",
        "analytics_events",
        ["venture_id"],
        postgresql_where=sa.text("venture_id IS NOT NULL"),
        sqlite_where=sa.text("venture_id IS NOT NULL"),
    )
    if op.get_bind().dialect.name == "postgresql":
        _partitions()
    op.create_table(
        "analytics_event_ids",
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("occurred_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("event_id", name="analytics_event_ids_pkey"),
    )
    cursors = op.create_table(
        "analytics_cursors",
        sa.Column("name", sa.String(length=20), nullable=False),
        sa.Column("position", sa.BigInteger(), nullable=False),
        sa.Column("at", UTC, nullable=True),
        sa.Column("ref", sa.String(length=64), nullable=True),
        sa.Column("updated_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("name", name="analytics_cursors_pkey"),
    )
    now = datetime.now(TZ)
    op.bulk_insert(
        cursors,
        [
            {"name": name, "position": 0, "at": None, "ref": None, "updated_at": now}
            for name in ("seq", "outbox", "rollup")
        ],
    )
    op.create_table(
        "analytics_counts",
        sa.Column("bucket_start", UTC, nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("count", sa.BigInteger(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("bucket_start", "name", name="analytics_counts_pkey"),
    )
    op.create_table(
        "analytics_user_days",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("metric", sa.String(length=30), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("user_id", "day", "metric", name="analytics_user_days_pkey"),
    )
    op.create_index("ix_analytics_user_days_metric_day", "analytics_user_days", ["metric", "day"])
    op.create_table(
        "analytics_reports",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("requested_by", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("period", sa.String(length=5), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=10), nullable=False),
        sa.Column("columns", sa.JSON(), nullable=False),
        sa.Column("rows", sa.JSON(), nullable=False),
        sa.Column("error", sa.String(length=500), nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("started_at", UTC, nullable=True),
        sa.Column("finished_at", UTC, nullable=True),
        sa.ForeignKeyConstraint(
            ["requested_by"], ["users.id"], name="analytics_reports_requested_by_fkey"
        ),
        sa.PrimaryKeyConstraint("id", name="analytics_reports_pkey"),
    )
    op.create_index(
        "ix_analytics_reports_requested_by_created",
        "analytics_reports",
        ["requested_by", "created_at", "id"],
    )


def downgrade() -> None:
    for table in (
        "analytics_reports",
        "analytics_user_days",
        "analytics_counts",
        "analytics_cursors",
        "analytics_event_ids",
    ):
        op.drop_table(table)
    # Dropping the parent drops its partitions; then the schema is empty.
    op.drop_table("analytics_events")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f'DROP SCHEMA IF EXISTS "{SCHEMA}" CASCADE')
