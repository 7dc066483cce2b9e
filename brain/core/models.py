"""Shared table machinery: the metadata naming convention, portable column types, and the
core's own tables (the event outbox).

The naming convention is set here, before any model is defined, because constraint names end
up in migrations and SQLite batch migrations can only alter constraints that have names.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlmodel import Field, SQLModel

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "%(table_name)s_%(column_0_name)s_key",
    "ck": "%(table_name)s_%(constraint_name)s_check",
    "fk": "%(table_name)s_%(column_0_name)s_fkey",
    "pk": "%(table_name)s_pkey",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_id() -> uuid.UUID:
    return uuid.uuid4()


class UTCDateTime(sa.types.TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp on every database.

    Postgres stores `timestamptz`; SQLite has no datetime type and hands back naive values, so
    values are normalised to UTC on the way in and tagged as UTC on the way out. A naive value
    from Python is a bug (whose local time?), so it is refused rather than guessed.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    @property
    def python_type(self) -> type[datetime]:
        # TypeDecorator answers `object`; the keyset paginator reads it to type its cursors.
        return datetime

    def process_bind_param(
        self,
        value: datetime | None,
        dialect: Dialect,  # noqa: ARG002
    ) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column; use an aware datetime")
        return value.astimezone(UTC)

    def process_result_value(
        self,
        value: datetime | None,
        dialect: Dialect,  # noqa: ARG002
    ) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utc_column(*, nullable: bool = False, index: bool = False, **kwargs: Any) -> Any:
    """A `sa_column` for a UTC timestamp field."""
    return sa.Column(UTCDateTime(), nullable=nullable, index=index, **kwargs)


class OutboxEvent(SQLModel, table=True):
    """A domain event, written in the publisher's transaction and delivered after commit.

    `dispatched_at` is set once every subscribed handler has run (inline) or been enqueued
    (job); rows left without it are picked up by the sweeper.
    """

    __tablename__ = "outbox_events"

    id: uuid.UUID = Field(primary_key=True)
    name: str = Field(max_length=200, index=True)
    version: int = Field(default=1)
    payload: dict[str, Any] = Field(sa_column=sa.Column(sa.JSON(), nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
    dispatched_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    attempts: int = Field(default=0)
    last_error: str | None = Field(default=None, max_length=2000)

    __table_args__ = (
        # The sweeper's query: undelivered rows, oldest first.
        sa.Index("ix_outbox_events_pending", "dispatched_at", "created_at"),
    )


class OutboxDelivery(SQLModel, table=True):
    """Proof that one handler has processed one event.

    The row is inserted in the same transaction as the handler's own writes, so a handler's
    effect and its delivery record commit together: a redelivered event finds the row and is
    skipped, and two racing deliveries cannot both commit (primary key).
    """

    __tablename__ = "outbox_deliveries"

    event_id: uuid.UUID = Field(
        primary_key=True, foreign_key="outbox_events.id", ondelete="CASCADE"
    )
    handler: str = Field(primary_key=True, max_length=200)
    delivered_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
