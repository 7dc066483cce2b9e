"""state_machines: create definitions, instances, history and timers

Revision ID: 029173f134d0
Revises: cf3f3c9e9c32
Create Date: 2026-11-25 09:12:46+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "029173f134d0"
down_revision: str | None = "cf3f3c9e9c32"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "state_machine_definitions",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("definition", sa.JSON(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", "version", name=op.f("state_machine_definitions_pkey")),
        sa.UniqueConstraint("name", "sha256", name="state_machine_definitions_name_sha256_key"),
    )
    op.create_table(
        "state_machine_instances",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("machine_type", sa.String(length=100), nullable=False),
        sa.Column("instance_id", sa.String(length=200), nullable=False),
        sa.Column("definition_version", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=100), nullable=False),
        sa.Column("context", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["machine_type", "definition_version"],
            ["state_machine_definitions.name", "state_machine_definitions.version"],
            name=op.f("state_machine_instances_machine_type_fkey"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("state_machine_instances_pkey")),
        sa.UniqueConstraint(
            "machine_type", "instance_id", name="state_machine_instances_business_key"
        ),
    )
    with op.batch_alter_table("state_machine_instances", schema=None) as batch_op:
        batch_op.create_index(
            "ix_state_machine_instances_type_state", ["machine_type", "state"], unique=False
        )

    op.create_table(
        "state_machine_history",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("instance_pk", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("event", sa.String(length=100), nullable=False),
        sa.Column("from_state", sa.String(length=100), nullable=False),
        sa.Column("to_state", sa.String(length=100), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("event_id", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["instance_pk"],
            ["state_machine_instances.id"],
            name=op.f("state_machine_history_instance_pk_fkey"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("state_machine_history_pkey")),
        sa.UniqueConstraint(
            "instance_pk", "event_id", name="state_machine_history_instance_pk_event_id_key"
        ),
        sa.UniqueConstraint("instance_pk", "seq", name="state_machine_history_instance_pk_seq_key"),
    )
    with op.batch_alter_table("state_machine_history", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_state_machine_history_created_at"), ["created_at"], unique=False
        )

    op.create_table(
        "state_machine_timers",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("instance_pk", sa.Uuid(), nullable=False),
        sa.Column("event", sa.String(length=100), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("fire_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fired_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.String(length=500), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["instance_pk"],
            ["state_machine_instances.id"],
            name=op.f("state_machine_timers_instance_pk_fkey"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("state_machine_timers_pkey")),
        sa.UniqueConstraint(
            "instance_pk", "event", "fire_at", name="state_machine_timers_instance_pk_event_key"
        ),
    )
    with op.batch_alter_table("state_machine_timers", schema=None) as batch_op:
        batch_op.create_index("ix_state_machine_timers_due", ["fired_at", "fire_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("state_machine_timers", schema=None) as batch_op:
        batch_op.drop_index("ix_state_machine_timers_due")

    op.drop_table("state_machine_timers")
    with op.batch_alter_table("state_machine_history", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_state_machine_history_created_at"))

    op.drop_table("state_machine_history")
    with op.batch_alter_table("state_machine_instances", schema=None) as batch_op:
        batch_op.drop_index("ix_state_machine_instances_type_state")

    op.drop_table("state_machine_instances")
    op.drop_table("state_machine_definitions")
