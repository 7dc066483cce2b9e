"""The ventures domain's tables. Only the ventures domain writes them.

Foreign keys to users are plain columns (house style). `Venture.stage` mirrors the `venture`
state-machine instance (the engine is the authority; the copy lets lists filter by stage
without crossing domains), `stage_seq` is the engine version it reflects.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from brain.core.models import new_id, utc_column, utcnow


class Venture(SQLModel, table=True):
    __tablename__ = "ventures"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    name: str = Field(max_length=120)
    # lower(name), unique: names are unique case-insensitively on both databases.
    name_key: str = Field(max_length=120, unique=True)
    description: str = Field(sa_column=sa.Column(sa.Text(), nullable=False))
    industry: str = Field(max_length=30, index=True)
    visibility: str = Field(max_length=20)
    tags: list[str] = Field(default_factory=list, sa_column=sa.Column(sa.JSON(), nullable=False))
    website: str | None = Field(default=None, max_length=500)
    funding_goal: Decimal | None = Field(
        default=None, sa_column=sa.Column(sa.Numeric(16, 2), nullable=True)
    )
    stage: str = Field(max_length=20, index=True)
    stage_seq: int = Field(default=0)
    stage_entered_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
    owner_id: uuid.UUID = Field(foreign_key="users.id", index=True)
    created_by: uuid.UUID = Field(foreign_key="users.id")
    # The creator's `Idempotency-Key` and a hash of the request it came with.
    idempotency_key: str = Field(max_length=200)
    request_hash: str = Field(max_length=64)
    archived_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    archive_reason: str | None = Field(default=None, max_length=1000)
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
    updated_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())

    __table_args__ = (
        sa.UniqueConstraint("created_by", "idempotency_key", name="ventures_idempotency_key"),
        sa.Index("ix_ventures_created_at_id", "created_at", "id"),
        # Full-text search on Postgres (`ventures.SEARCH_DOCUMENT` is the same expression);
        # SQLite searches with LIKE and has no such index.
        sa.Index(
            "ix_ventures_search",
            # Written as Postgres reflects it, so autogenerate sees no drift.
            sa.text("to_tsvector('simple'::regconfig, (name::text || ' '::text) || description)"),
            postgresql_using="gin",
        ).ddl_if(dialect="postgresql"),
        sa.CheckConstraint("funding_goal IS NULL OR funding_goal > 0", name="funding_goal"),
    )


class VentureTag(SQLModel, table=True):
    """One tag of a venture (the filter `?tag=` uses this index, on both databases)."""

    __tablename__ = "venture_tags"

    venture_id: uuid.UUID = Field(primary_key=True, foreign_key="ventures.id", ondelete="CASCADE")
    tag: str = Field(primary_key=True, max_length=40)

    __table_args__ = (sa.Index("ix_venture_tags_tag", "tag", "venture_id"),)


class VentureMember(SQLModel, table=True):
    __tablename__ = "venture_members"

    venture_id: uuid.UUID = Field(primary_key=True, foreign_key="ventures.id", ondelete="CASCADE")
    user_id: uuid.UUID = Field(primary_key=True, foreign_key="users.id", index=True)
    role: str = Field(max_length=20)
    invited_by: uuid.UUID | None = Field(default=None)
    joined_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())

    __table_args__ = (
        # Exactly one OWNER: a second one cannot commit, whatever races the service loses.
        sa.Index(
            "ux_venture_members_one_owner",
            "venture_id",
            unique=True,
            postgresql_where=sa.text("role = 'OWNER'"),
            sqlite_where=sa.text("role = 'OWNER'"),
        ),
    )


class VentureInvitation(SQLModel, table=True):
    __tablename__ = "venture_invitations"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    venture_id: uuid.UUID = Field(foreign_key="ventures.id", ondelete="CASCADE", index=True)
    user_id: uuid.UUID = Field(foreign_key="users.id", index=True)
    role: str = Field(max_length=20)
    invited_by: uuid.UUID = Field(foreign_key="users.id")
    status: str = Field(max_length=20)
    expires_at: datetime = Field(sa_column=utc_column())
    responded_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())

    __table_args__ = (
        # One pending invitation per person and venture.
        sa.Index(
            "ux_venture_invitations_pending",
            "venture_id",
            "user_id",
            unique=True,
            postgresql_where=sa.text("status = 'PENDING'"),
            sqlite_where=sa.text("status = 'PENDING'"),
        ),
        # The expiry job's query.
        sa.Index("ix_venture_invitations_status_expires", "status", "expires_at"),
    )


class VentureStageChange(SQLModel, table=True):
    """One applied stage change, with the time the venture had spent in the stage it left."""

    __tablename__ = "venture_stage_changes"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    venture_id: uuid.UUID = Field(foreign_key="ventures.id", ondelete="CASCADE")
    seq: int
    event: str = Field(max_length=20)
    from_stage: str = Field(max_length=20)
    to_stage: str = Field(max_length=20)
    actor_id: uuid.UUID | None = Field(default=None)
    reason: str | None = Field(default=None, max_length=1000)
    seconds_in_stage: int
    changed_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())

    __table_args__ = (
        sa.UniqueConstraint("venture_id", "seq", name="venture_stage_changes_seq_key"),
    )


class VentureMetric(SQLModel, table=True):
    """One recorded value of a metric time series."""

    __tablename__ = "venture_metrics"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    venture_id: uuid.UUID = Field(foreign_key="ventures.id", ondelete="CASCADE")
    name: str = Field(max_length=60)
    value: Decimal = Field(sa_column=sa.Column(sa.Numeric(24, 6), nullable=False))
    unit: str = Field(max_length=30)
    as_of: date
    source: str = Field(max_length=100)
    recorded_by: uuid.UUID = Field(foreign_key="users.id")
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())

    __table_args__ = (
        # One value per series, day and source: a second one is a conflict, not a silent twin.
        sa.UniqueConstraint(
            "venture_id", "name", "as_of", "source", name="venture_metrics_point_key"
        ),
        sa.Index("ix_venture_metrics_venture_as_of", "venture_id", "as_of", "id"),
    )


class VentureTimelineEntry(SQLModel, table=True):
    """One thing that happened to a venture, from an event (unique: a redelivery is a no-op)."""

    __tablename__ = "venture_timeline"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    event_id: uuid.UUID = Field(unique=True)
    venture_id: uuid.UUID = Field(foreign_key="ventures.id", ondelete="CASCADE")
    kind: str = Field(max_length=60)
    actor_id: uuid.UUID | None = Field(default=None)
    occurred_at: datetime = Field(sa_column=utc_column())
    data: dict[str, Any] = Field(
        default_factory=dict, sa_column=sa.Column(sa.JSON(), nullable=False)
    )

    __table_args__ = (
        sa.Index("ix_venture_timeline_venture_at", "venture_id", "occurred_at", "id"),
    )
