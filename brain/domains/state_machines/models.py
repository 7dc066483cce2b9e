"""The engine's tables: stored definitions, instances, their history and their timers."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from brain.core.models import new_id, utc_column, utcnow


class StateMachineDefinitionRow(SQLModel, table=True):
    """One version of one definition. Rows are never changed or deleted: instances pin them."""

    __tablename__ = "state_machine_definitions"

    name: str = Field(primary_key=True, max_length=100)
    version: int = Field(primary_key=True)
    definition: dict[str, Any] = Field(sa_column=sa.Column(sa.JSON(), nullable=False))
    sha256: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())

    __table_args__ = (
        # The same content is stored once per name, so two processes syncing the same
        # definition at once cannot create two versions of it.
        sa.UniqueConstraint("name", "sha256", name="state_machine_definitions_name_sha256_key"),
    )


class StateMachineInstance(SQLModel, table=True):
    """The state of one business object (`machine_type`, `instance_id`)."""

    __tablename__ = "state_machine_instances"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    machine_type: str = Field(max_length=100)
    instance_id: str = Field(max_length=200)
    definition_version: int
    state: str = Field(max_length=100)
    context: dict[str, Any] = Field(
        default_factory=dict, sa_column=sa.Column(sa.JSON(), nullable=False)
    )
    # Optimistic concurrency: every transition is `UPDATE ... WHERE version = :expected`.
    version: int = Field(default=0)
    created_by: uuid.UUID | None = Field(default=None)
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
    updated_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())

    __table_args__ = (
        sa.UniqueConstraint(
            "machine_type", "instance_id", name="state_machine_instances_business_key"
        ),
        sa.ForeignKeyConstraint(
            ["machine_type", "definition_version"],
            ["state_machine_definitions.name", "state_machine_definitions.version"],
        ),
        # Stats: instances per type and state.
        sa.Index("ix_state_machine_instances_type_state", "machine_type", "state"),
    )


class StateMachineHistory(SQLModel, table=True):
    """One applied transition. `seq` is the instance's version after it; (instance, seq) is
    unique, so two transitions from the same version can never both commit."""

    __tablename__ = "state_machine_history"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    instance_pk: uuid.UUID = Field(foreign_key="state_machine_instances.id", ondelete="CASCADE")
    seq: int
    event: str = Field(max_length=100)
    from_state: str = Field(max_length=100)
    to_state: str = Field(max_length=100)
    actor_id: uuid.UUID | None = Field(default=None)
    payload: dict[str, Any] = Field(
        default_factory=dict, sa_column=sa.Column(sa.JSON(), nullable=False)
    )
    event_id: str | None = Field(default=None, max_length=200)
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column(index=True))

    __table_args__ = (
        sa.UniqueConstraint("instance_pk", "seq", name="state_machine_history_instance_pk_seq_key"),
        # The client's idempotency key; NULLs (no key) never collide.
        sa.UniqueConstraint(
            "instance_pk", "event_id", name="state_machine_history_instance_pk_event_id_key"
        ),
    )


class StateMachineTimer(SQLModel, table=True):
    """An event to send to an instance at `fire_at`. `fired_at` is set, in the transition's
    transaction, by the one run of the timer job that claims it."""

    __tablename__ = "state_machine_timers"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    instance_pk: uuid.UUID = Field(foreign_key="state_machine_instances.id", ondelete="CASCADE")
    event: str = Field(max_length=100)
    payload: dict[str, Any] = Field(
        default_factory=dict, sa_column=sa.Column(sa.JSON(), nullable=False)
    )
    fire_at: datetime = Field(sa_column=utc_column())
    fired_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    # What happened: "fired", "skipped: <why>", "cancelled", "failed: <error>".
    outcome: str | None = Field(default=None, max_length=500)
    attempts: int = Field(default=0)
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())

    __table_args__ = (
        sa.UniqueConstraint(
            "instance_pk", "event", "fire_at", name="state_machine_timers_instance_pk_event_key"
        ),
        # The timer job's query: unfired timers, earliest first.
        sa.Index("ix_state_machine_timers_due", "fired_at", "fire_at"),
    )
