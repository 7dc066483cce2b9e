"""notifications: index email_messages by recipient, for a user's data export

The export lists the emails sent to a user's address, newest first, page by page; without an
index every page would scan and sort the whole table.

Revision ID: 3c5e8a1f7b24
Revises: 5a1c8e0f2b77
Create Date: 2026-12-06 16:40:00.000000+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "3c5e8a1f7b24"
down_revision: str | None = "5a1c8e0f2b77"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_email_messages_to_created_at_id", "email_messages", ["to", "created_at", "id"]
    )


def downgrade() -> None:
    op.drop_index("ix_email_messages_to_created_at_id", table_name="email_messages")
