"""auth: email-change tokens carry their new address; indexes for the cleanup job

`auth_one_time_tokens.new_email` holds the address an email-change link confirms (the other
purposes leave it empty). The indexes let the hourly cleanup job (auth/cleanup.py) find
expired and ended rows without scanning the tables.

Revision ID: 3c9e4a7d2f10
Revises: 5e2b9c41d7a8
Create Date: 2026-12-06 17:00:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3c9e4a7d2f10"
down_revision: str | None = "5e2b9c41d7a8"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, index, column)
INDEXES = [
    ("auth_one_time_tokens", "ix_auth_one_time_tokens_expires_at", "expires_at"),
    ("auth_sessions", "ix_auth_sessions_expires_at", "expires_at"),
    ("auth_sessions", "ix_auth_sessions_revoked_at", "revoked_at"),
    ("auth_refresh_tokens", "ix_auth_refresh_tokens_expires_at", "expires_at"),
    ("auth_login_throttle", "ix_auth_login_throttle_window_started_at", "window_started_at"),
]


def upgrade() -> None:
    with op.batch_alter_table("auth_one_time_tokens", schema=None) as batch_op:
        batch_op.add_column(sa.Column("new_email", sa.String(length=320), nullable=True))
    for table, index, column in INDEXES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(index, [column], unique=False)


def downgrade() -> None:
    for table, index, _column in reversed(INDEXES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(index)
    with op.batch_alter_table("auth_one_time_tokens", schema=None) as batch_op:
        batch_op.drop_column("new_email")
