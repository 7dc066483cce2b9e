"""files: create files, file_tags, file_shares, file_links, file_quotas

Revision ID: 3f7d2a9c1e58
Revises: 9a4f3e2c7b10
Create Date: 2026-12-06 19:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3f7d2a9c1e58"
down_revision: str | None = "9a4f3e2c7b10"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC = sa.DateTime(timezone=True)


def _files() -> None:
    op.create_table(
        "files",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("venture_id", sa.Uuid(), nullable=True),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("name_key", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("storage_key", sa.String(length=64), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        sa.CheckConstraint("size >= 0", name=op.f("files_size_check")),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], name=op.f("files_owner_id_fkey")),
        sa.ForeignKeyConstraint(
            ["venture_id"], ["ventures.id"], name=op.f("files_venture_id_fkey")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("files_pkey")),
        sa.UniqueConstraint("storage_key", name=op.f("files_storage_key_key")),
    )
    op.create_index(op.f("ix_files_owner_id"), "files", ["owner_id"])
    op.create_index(op.f("ix_files_venture_id"), "files", ["venture_id"])
    op.create_index(op.f("ix_files_content_type"), "files", ["content_type"])
    op.create_index("ix_files_owner_id_created_at_id", "files", ["owner_id", "created_at", "id"])


def _tags() -> None:
    op.create_table(
        "file_tags",
        sa.Column("file_id", sa.Uuid(), nullable=False),
        sa.Column("tag", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["file_id"], ["files.id"], name=op.f("file_tags_file_id_fkey"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("file_id", "tag", name=op.f("file_tags_pkey")),
    )
    op.create_index("ix_file_tags_tag", "file_tags", ["tag", "file_id"])


def _shares() -> None:
    op.create_table(
        "file_shares",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("file_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("venture_id", sa.Uuid(), nullable=True),
        sa.Column("created_by", sa.Uuid(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.CheckConstraint(
            "(user_id IS NULL) <> (venture_id IS NULL)", name=op.f("file_shares_one_target_check")
        ),
        sa.ForeignKeyConstraint(
            ["file_id"], ["files.id"], name=op.f("file_shares_file_id_fkey"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("file_shares_user_id_fkey")),
        sa.ForeignKeyConstraint(
            ["venture_id"], ["ventures.id"], name=op.f("file_shares_venture_id_fkey")
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("file_shares_created_by_fkey")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("file_shares_pkey")),
        sa.UniqueConstraint("file_id", "user_id", name="file_shares_file_id_user_id_key"),
        sa.UniqueConstraint("file_id", "venture_id", name="file_shares_file_id_venture_id_key"),
    )
    op.create_index(op.f("ix_file_shares_file_id"), "file_shares", ["file_id"])
    op.create_index(op.f("ix_file_shares_user_id"), "file_shares", ["user_id"])
    op.create_index(op.f("ix_file_shares_venture_id"), "file_shares", ["venture_id"])


def _links() -> None:
    op.create_table(
        "file_links",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("file_id", sa.Uuid(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=False),
        sa.Column("expires_at", UTC, nullable=False),
        sa.Column("max_downloads", sa.Integer(), nullable=True),
        sa.Column("downloads", sa.Integer(), nullable=False),
        sa.Column("revoked_at", UTC, nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.CheckConstraint(
            "max_downloads IS NULL OR downloads <= max_downloads",
            name=op.f("file_links_downloads_check"),
        ),
        sa.ForeignKeyConstraint(
            ["file_id"], ["files.id"], name=op.f("file_links_file_id_fkey"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("file_links_created_by_fkey")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("file_links_pkey")),
    )
    op.create_index(op.f("ix_file_links_file_id"), "file_links", ["file_id"])


def _quotas() -> None:
    op.create_table(
        "file_quotas",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("used_bytes", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("used_bytes >= 0", name=op.f("file_quotas_used_bytes_check")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("file_quotas_user_id_fkey")),
        sa.PrimaryKeyConstraint("user_id", name=op.f("file_quotas_pkey")),
    )


def upgrade() -> None:
    _files()
    _tags()
    _shares()
    _links()
    _quotas()


def downgrade() -> None:
    for table in ("file_quotas", "file_links", "file_shares", "file_tags", "files"):
        op.drop_table(table)
