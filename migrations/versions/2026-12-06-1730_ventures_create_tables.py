"""ventures: create ventures, tags, members, invitations, stage changes, metrics, timeline

On Postgres also the GIN index behind full-text search (`ix_ventures_search`, the same
expression as `ventures.ventures.SEARCH_DOCUMENT`); SQLite searches with LIKE.

Revision ID: 9a4f3e2c7b10
Revises: 5c0e7a1d2b44
Create Date: 2026-12-06 17:30:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "9a4f3e2c7b10"
down_revision: str | None = "5c0e7a1d2b44"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC = sa.DateTime(timezone=True)


def _ventures() -> None:
    op.create_table(
        "ventures",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("name_key", sa.String(length=120), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("industry", sa.String(length=30), nullable=False),
        sa.Column("visibility", sa.String(length=20), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("website", sa.String(length=500), nullable=True),
        sa.Column("funding_goal", sa.Numeric(16, 2), nullable=True),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("stage_seq", sa.Integer(), nullable=False),
        sa.Column("stage_entered_at", UTC, nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=200), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("archived_at", UTC, nullable=True),
        sa.Column("archive_reason", sa.String(length=1000), nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        sa.CheckConstraint(
            "funding_goal IS NULL OR funding_goal > 0", name=op.f("ventures_funding_goal_check")
        ),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], name=op.f("ventures_owner_id_fkey")),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("ventures_created_by_fkey")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("ventures_pkey")),
        sa.UniqueConstraint("name_key", name=op.f("ventures_name_key_key")),
        sa.UniqueConstraint("created_by", "idempotency_key", name="ventures_idempotency_key"),
    )
    with op.batch_alter_table("ventures", schema=None) as batch_op:
        batch_op.create_index("ix_ventures_created_at_id", ["created_at", "id"])
        batch_op.create_index(batch_op.f("ix_ventures_industry"), ["industry"])
        batch_op.create_index(batch_op.f("ix_ventures_owner_id"), ["owner_id"])
        batch_op.create_index(batch_op.f("ix_ventures_stage"), ["stage"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE INDEX ix_ventures_search ON ventures USING gin "
            "(to_tsvector('simple'::regconfig, name || ' ' || description))"
        )


def _team() -> None:
    op.create_table(
        "venture_tags",
        sa.Column("venture_id", sa.Uuid(), nullable=False),
        sa.Column("tag", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["venture_id"], ["ventures.id"], name=op.f("venture_tags_venture_id_fkey"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("venture_id", "tag", name=op.f("venture_tags_pkey")),
    )  # fmt: skip
    op.create_index("ix_venture_tags_tag", "venture_tags", ["tag", "venture_id"])
    op.create_table(
        "venture_members",
        sa.Column("venture_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("invited_by", sa.Uuid(), nullable=True),
        sa.Column("joined_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["venture_id"], ["ventures.id"], name=op.f("venture_members_venture_id_fkey"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("venture_members_user_id_fkey")
        ),
        sa.PrimaryKeyConstraint("venture_id", "user_id", name=op.f("venture_members_pkey")),
    )  # fmt: skip
    op.create_index(op.f("ix_venture_members_user_id"), "venture_members", ["user_id"])
    op.create_index(
        "ux_venture_members_one_owner",
        "venture_members",
        ["venture_id"],
        unique=True,
        postgresql_where=sa.text("role = 'OWNER'"),
        sqlite_where=sa.text("role = 'OWNER'"),
    )
    op.create_table(
        "venture_invitations",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("venture_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("invited_by", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("expires_at", UTC, nullable=False),
        sa.Column("responded_at", UTC, nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["venture_id"], ["ventures.id"], name=op.f("venture_invitations_venture_id_fkey"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("venture_invitations_user_id_fkey")
        ),
        sa.ForeignKeyConstraint(
            ["invited_by"], ["users.id"], name=op.f("venture_invitations_invited_by_fkey")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("venture_invitations_pkey")),
    )  # fmt: skip
    op.create_index(
        op.f("ix_venture_invitations_venture_id"), "venture_invitations", ["venture_id"]
    )
    op.create_index(op.f("ix_venture_invitations_user_id"), "venture_invitations", ["user_id"])
    op.create_index(
        "ix_venture_invitations_status_expires", "venture_invitations", ["status", "expires_at"]
    )
    op.create_index(
        "ux_venture_invitations_pending",
        "venture_invitations",
        ["venture_id", "user_id"],
        unique=True,
        postgresql_where=sa.text("status = 'PENDING'"),
        sqlite_where=sa.text("status = 'PENDING'"),
    )


def _records() -> None:
    op.create_table(
        "venture_stage_changes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("venture_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("event", sa.String(length=20), nullable=False),
        sa.Column("from_stage", sa.String(length=20), nullable=False),
        sa.Column("to_stage", sa.String(length=20), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("reason", sa.String(length=1000), nullable=True),
        sa.Column("seconds_in_stage", sa.Integer(), nullable=False),
        sa.Column("changed_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["venture_id"], ["ventures.id"], name=op.f("venture_stage_changes_venture_id_fkey"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("venture_stage_changes_pkey")),
        sa.UniqueConstraint("venture_id", "seq", name="venture_stage_changes_seq_key"),
    )  # fmt: skip
    op.create_table(
        "venture_metrics",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("venture_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Numeric(24, 6), nullable=False),
        sa.Column("unit", sa.String(length=30), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("recorded_by", sa.Uuid(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["venture_id"], ["ventures.id"], name=op.f("venture_metrics_venture_id_fkey"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["users.id"], name=op.f("venture_metrics_recorded_by_fkey")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("venture_metrics_pkey")),
        sa.UniqueConstraint(
            "venture_id", "name", "as_of", "source", name="venture_metrics_point_key"
        ),
    )  # fmt: skip
    op.create_index(
        "ix_venture_metrics_venture_as_of", "venture_metrics", ["venture_id", "as_of", "id"]
    )
    op.create_table(
        "venture_timeline",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("venture_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=60), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("occurred_at", UTC, nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["venture_id"], ["ventures.id"], name=op.f("venture_timeline_venture_id_fkey"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("venture_timeline_pkey")),
        sa.UniqueConstraint("event_id", name=op.f("venture_timeline_event_id_key")),
    )  # fmt: skip
    op.create_index(
        "ix_venture_timeline_venture_at", "venture_timeline", ["venture_id", "occurred_at", "id"]
    )


def upgrade() -> None:
    _ventures()
    _team()
    _records()


def downgrade() -> None:
    for table in (
        "venture_timeline",
        "venture_metrics",
        "venture_stage_changes",
        "venture_invitations",
        "venture_members",
        "venture_tags",
    ):
        op.drop_table(table)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_ventures_search")
    op.drop_table("ventures")
