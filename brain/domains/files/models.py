"""The files domain's tables. Only the files domain writes them.

`files.storage_key` is server-generated (storage/__init__.py); the original name is metadata.
`file_quotas.used_bytes` is the running total of a user's stored bytes, raised by a
conditional UPDATE (`used_bytes + size <= quota`) so two uploads at once cannot both pass the
quota, on SQLite as on Postgres.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from brain.core.models import new_id, utc_column, utcnow


class StoredFile(SQLModel, table=True):
    __tablename__ = "files"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    owner_id: uuid.UUID = Field(foreign_key="users.id", index=True)
    venture_id: uuid.UUID | None = Field(default=None, foreign_key="ventures.id", index=True)
    name: str = Field(max_length=255)
    # lower(name), for the case-insensitive `?q=` search on both databases.
    name_key: str = Field(max_length=255)
    content_type: str = Field(max_length=100, index=True)
    size: int = Field(sa_column=sa.Column(sa.BigInteger(), nullable=False))
    sha256: str = Field(max_length=64)
    storage_key: str = Field(max_length=64, unique=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
    updated_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())

    __table_args__ = (
        sa.Index("ix_files_owner_id_created_at_id", "owner_id", "created_at", "id"),
        sa.CheckConstraint("size >= 0", name="size"),
    )


class FileTag(SQLModel, table=True):
    __tablename__ = "file_tags"

    file_id: uuid.UUID = Field(primary_key=True, foreign_key="files.id", ondelete="CASCADE")
    tag: str = Field(primary_key=True, max_length=40)

    __table_args__ = (sa.Index("ix_file_tags_tag", "tag", "file_id"),)


class FileShare(SQLModel, table=True):
    """Read access for one user or one venture's team (exactly one of the two)."""

    __tablename__ = "file_shares"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    file_id: uuid.UUID = Field(foreign_key="files.id", ondelete="CASCADE", index=True)
    user_id: uuid.UUID | None = Field(default=None, foreign_key="users.id", index=True)
    venture_id: uuid.UUID | None = Field(default=None, foreign_key="ventures.id", index=True)
    created_by: uuid.UUID = Field(foreign_key="users.id")
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())

    __table_args__ = (
        sa.UniqueConstraint("file_id", "user_id", name="file_shares_file_id_user_id_key"),
        sa.UniqueConstraint("file_id", "venture_id", name="file_shares_file_id_venture_id_key"),
        sa.CheckConstraint("(user_id IS NULL) <> (venture_id IS NULL)", name="one_target"),
    )


class FileLink(SQLModel, table=True):
    """A signed public link. The URL carries the link id, its expiry and an HMAC of both with
    the file id; this row is what makes it revocable and counts its downloads."""

    __tablename__ = "file_links"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    file_id: uuid.UUID = Field(foreign_key="files.id", ondelete="CASCADE", index=True)
    created_by: uuid.UUID = Field(foreign_key="users.id")
    expires_at: datetime = Field(sa_column=utc_column())
    max_downloads: int | None = Field(default=None)
    downloads: int = Field(default=0)
    revoked_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())

    __table_args__ = (
        sa.CheckConstraint("max_downloads IS NULL OR downloads <= max_downloads", name="downloads"),
    )


class FileQuota(SQLModel, table=True):
    __tablename__ = "file_quotas"

    user_id: uuid.UUID = Field(primary_key=True, foreign_key="users.id")
    used_bytes: int = Field(default=0, sa_column=sa.Column(sa.BigInteger(), nullable=False))

    __table_args__ = (sa.CheckConstraint("used_bytes >= 0", name="used_bytes"),)
