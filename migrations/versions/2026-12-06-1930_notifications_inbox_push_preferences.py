"""notifications: inbox, per-channel deliveries, preferences, unread counters, push devices,
quiet hours and announcements

Revision ID: 4d7b1e9c3a52
Revises: b54b796da3b3
Create Date: 2026-12-06 19:30:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "4d7b1e9c3a52"
down_revision: str | None = "b54b796da3b3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC = sa.DateTime(timezone=True)


def _user_fk(table: str, column: str = "user_id", cascade: bool = True) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        ["users.id"],
        name=op.f(f"{table}_{column}_fkey"),
        ondelete="CASCADE" if cascade else None,
    )


def upgrade() -> None:
    op.create_table(
        "notifications",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("type", sa.String(length=60), nullable=False),
        sa.Column("source_key", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("in_inbox", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("read_at", UTC, nullable=True),
        sa.Column("archived_at", UTC, nullable=True),
        sa.Column("deleted_at", UTC, nullable=True),
        _user_fk("notifications"),
        sa.PrimaryKeyConstraint("id", name=op.f("notifications_pkey")),
        sa.UniqueConstraint("user_id", "type", "source_key", name="notifications_source_key"),
    )
    op.create_index(
        "ix_notifications_user_id_created_at_id",
        "notifications",
        ["user_id", "created_at", "id"],
    )
    op.create_table(
        "notification_deliveries",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("notification_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("type", sa.String(length=60), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.String(length=2000), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("not_before", UTC, nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        sa.Column("sent_at", UTC, nullable=True),
        sa.CheckConstraint(
            "status IN ('PENDING', 'SENT', 'FAILED', 'SKIPPED')",
            name=op.f("notification_deliveries_status_check"),
        ),
        sa.CheckConstraint(
            "channel IN ('in_app', 'email', 'push')",
            name=op.f("notification_deliveries_channel_check"),
        ),
        sa.ForeignKeyConstraint(
            ["notification_id"],
            ["notifications.id"],
            name=op.f("notification_deliveries_notification_id_fkey"),
            ondelete="CASCADE",
        ),
        _user_fk("notification_deliveries"),
        sa.PrimaryKeyConstraint("id", name=op.f("notification_deliveries_pkey")),
        sa.UniqueConstraint("notification_id", "channel", name="notification_deliveries_channel"),
    )
    op.create_index(
        "ix_notification_deliveries_status_created_at_id",
        "notification_deliveries",
        ["status", "created_at", "id"],
    )
    op.create_table(
        "notification_preferences",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("type", sa.String(length=60), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        _user_fk("notification_preferences"),
        sa.PrimaryKeyConstraint(
            "user_id", "type", "channel", name=op.f("notification_preferences_pkey")
        ),
    )
    op.create_table(
        "notification_counters",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("unread", sa.Integer(), nullable=False),
        sa.CheckConstraint("unread >= 0", name=op.f("notification_counters_unread_check")),
        _user_fk("notification_counters"),
        sa.PrimaryKeyConstraint("user_id", name=op.f("notification_counters_pkey")),
    )
    op.create_table(
        "push_devices",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("endpoint", sa.String(length=1000), nullable=False),
        sa.Column("p256dh", sa.String(length=200), nullable=False),
        sa.Column("auth", sa.String(length=100), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        _user_fk("push_devices"),
        sa.PrimaryKeyConstraint("id", name=op.f("push_devices_pkey")),
        sa.UniqueConstraint("endpoint", name=op.f("push_devices_endpoint_key")),
    )
    op.create_index(op.f("ix_push_devices_user_id"), "push_devices", ["user_id"])
    op.create_table(
        "notification_quiet_hours",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("start_minute", sa.Integer(), nullable=False),
        sa.Column("end_minute", sa.Integer(), nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        sa.CheckConstraint(
            "start_minute >= 0 AND start_minute < 1440 AND end_minute >= 0 "
            "AND end_minute < 1440 AND start_minute <> end_minute",
            name=op.f("notification_quiet_hours_minutes_check"),
        ),
        _user_fk("notification_quiet_hours"),
        sa.PrimaryKeyConstraint("user_id", name=op.f("notification_quiet_hours_pkey")),
    )
    op.create_table(
        "notification_announcements",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.String(length=5000), nullable=False),
        sa.Column("role", sa.String(length=40), nullable=True),
        sa.Column("created_by", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("cursor", sa.String(length=500), nullable=True),
        sa.Column("recipients", sa.Integer(), nullable=False),
        sa.Column("batches", sa.Integer(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("finished_at", UTC, nullable=True),
        _user_fk("notification_announcements", "created_by", cascade=False),
        sa.PrimaryKeyConstraint("id", name=op.f("notification_announcements_pkey")),
    )


def downgrade() -> None:
    op.drop_table("notification_announcements")
    op.drop_table("notification_quiet_hours")
    op.drop_index(op.f("ix_push_devices_user_id"), table_name="push_devices")
    op.drop_table("push_devices")
    op.drop_table("notification_counters")
    op.drop_table("notification_preferences")
    op.drop_index(
        "ix_notification_deliveries_status_created_at_id", table_name="notification_deliveries"
    )
    op.drop_table("notification_deliveries")
    op.drop_index("ix_notifications_user_id_created_at_id", table_name="notifications")
    op.drop_table("notifications")
