"""The users domain's tables. Only `users.service` writes them."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from brain.core.models import new_id, utc_column, utcnow
from brain.domains.users.roles import Role, UserStatus


class User(SQLModel, table=True):
    """An identity. `email` is the address as the user gave it (validated; shown and mailed
    to); `email_key` is its identity form (`users.emails`: NFKC, case-folded, ASCII domain),
    unique, and what every lookup compares, so look-alike spellings are one account."""

    __tablename__ = "users"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    email: str = Field(max_length=320)
    email_key: str = Field(max_length=320, unique=True)
    display_name: str = Field(max_length=100)
    first_name: str | None = Field(default=None, max_length=100)
    last_name: str | None = Field(default=None, max_length=100)
    # A plain string, not a database enum: adding a role must not need a type migration.
    role: str = Field(default=Role.GUEST.value, max_length=40, index=True)
    status: str = Field(default=UserStatus.ACTIVE.value, max_length=20, index=True)
    status_reason: str | None = Field(default=None, max_length=500)
    email_verified_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
    updated_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
    deactivated_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))

    __table_args__ = (
        # The list's sort key (newest first) and its cursor.
        sa.Index("ix_users_created_at_id", "created_at", "id"),
    )


class UserProfile(SQLModel, table=True):
    """The public face of a user. `visibility` maps a field name to public/members/private."""

    __tablename__ = "user_profiles"

    user_id: uuid.UUID = Field(primary_key=True, foreign_key="users.id", ondelete="CASCADE")
    headline: str | None = Field(default=None, max_length=200)
    bio: str | None = Field(default=None, max_length=5000)
    location: str | None = Field(default=None, max_length=200)
    skills: list[str] = Field(default_factory=list, sa_column=sa.Column(sa.JSON(), nullable=False))
    interests: list[str] = Field(
        default_factory=list, sa_column=sa.Column(sa.JSON(), nullable=False)
    )
    links: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=sa.Column(sa.JSON(), nullable=False)
    )
    avatar_file_id: uuid.UUID | None = Field(default=None)
    visibility: dict[str, str] = Field(
        default_factory=dict, sa_column=sa.Column(sa.JSON(), nullable=False)
    )
    updated_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())


class UserSettings(SQLModel, table=True):
    """Per-user preferences. Private: only the user and admins read them."""

    __tablename__ = "user_settings"

    user_id: uuid.UUID = Field(primary_key=True, foreign_key="users.id", ondelete="CASCADE")
    locale: str = Field(default="en", max_length=20)
    timezone: str = Field(default="UTC", max_length=64)
    privacy: dict[str, Any] = Field(
        default_factory=dict, sa_column=sa.Column(sa.JSON(), nullable=False)
    )
    notifications: dict[str, Any] = Field(
        default_factory=dict, sa_column=sa.Column(sa.JSON(), nullable=False)
    )
    updated_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())


class UserActivity(SQLModel, table=True):
    """One line of a user's activity feed, derived from a published domain event.

    The event id is the primary key, so recording the same event twice is impossible.
    """

    __tablename__ = "user_activity"

    event_id: uuid.UUID = Field(primary_key=True)
    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE")
    kind: str = Field(max_length=200)
    occurred_at: datetime = Field(sa_column=utc_column())
    data: dict[str, Any] = Field(
        default_factory=dict, sa_column=sa.Column(sa.JSON(), nullable=False)
    )

    __table_args__ = (sa.Index("ix_user_activity_user_time", "user_id", "occurred_at", "event_id"),)
