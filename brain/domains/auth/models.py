"""The auth domain's tables. Secrets are never stored: passwords as argon2id hashes, every
token (refresh, reset, verification) as its SHA-256."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from brain.core.models import new_id, utc_column, utcnow


class AuthCredential(SQLModel, table=True):
    """A user's password. A user without a row (created by an admin) signs in only after
    setting one through "forgot password"."""

    __tablename__ = "auth_credentials"

    user_id: uuid.UUID = Field(primary_key=True, foreign_key="users.id", ondelete="CASCADE")
    password_hash: str = Field(max_length=255)
    password_changed_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())


class AuthSession(SQLModel, table=True):
    """A signed-in device: one refresh-token family. `current_hash` is the one refresh token
    that may be used next; rotating it is a conditional UPDATE on that column."""

    __tablename__ = "auth_sessions"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE")
    current_hash: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
    last_used_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
    expires_at: datetime = Field(sa_column=utc_column())
    ip: str | None = Field(default=None, max_length=64)
    user_agent: str | None = Field(default=None, max_length=500)
    revoked_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    revoked_reason: str | None = Field(default=None, max_length=40)

    __table_args__ = (
        sa.Index("ix_auth_sessions_user_active", "user_id", "revoked_at"),
        # The cleanup job finds ended sessions by these (auth/cleanup.py).
        sa.Index("ix_auth_sessions_expires_at", "expires_at"),
        sa.Index("ix_auth_sessions_revoked_at", "revoked_at"),
    )


class AuthRefreshToken(SQLModel, table=True):
    """Every refresh token issued, by hash, so a spent one is recognised when it comes back
    (reuse: the family is revoked) instead of being merely unknown."""

    __tablename__ = "auth_refresh_tokens"

    token_hash: str = Field(primary_key=True, max_length=64)
    session_id: uuid.UUID = Field(foreign_key="auth_sessions.id", ondelete="CASCADE", index=True)
    issued_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
    expires_at: datetime = Field(sa_column=utc_column())
    spent_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))

    __table_args__ = (sa.Index("ix_auth_refresh_tokens_expires_at", "expires_at"),)


class AuthLoginThrottle(SQLModel, table=True):
    """Failed-login counting per account, keyed by the SHA-256 of the normalised email so
    that unknown emails lock exactly like real ones (nothing to learn from a 429)."""

    __tablename__ = "auth_login_throttle"

    key: str = Field(primary_key=True, max_length=64)
    failures: int = Field(default=0)
    window_started_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
    locked_until: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))

    __table_args__ = (sa.Index("ix_auth_login_throttle_window_started_at", "window_started_at"),)


class AuthOneTimeToken(SQLModel, table=True):
    """A password-reset, email-verification or email-change token (by hash), usable once
    before expiry. An email-change token carries the address it confirms in `new_email`."""

    __tablename__ = "auth_one_time_tokens"

    token_hash: str = Field(primary_key=True, max_length=64)
    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    purpose: str = Field(max_length=20)
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
    expires_at: datetime = Field(sa_column=utc_column())
    used_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    new_email: str | None = Field(default=None, max_length=320)

    __table_args__ = (sa.Index("ix_auth_one_time_tokens_expires_at", "expires_at"),)


class AuthAuditEntry(SQLModel, table=True):
    """The security audit log (sign-ins, failures, lockouts, resets, role changes, ...)."""

    __tablename__ = "auth_audit_log"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    occurred_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
    kind: str = Field(max_length=40, index=True)
    user_id: uuid.UUID | None = Field(default=None, index=True)
    actor_id: uuid.UUID | None = Field(default=None)
    session_id: uuid.UUID | None = Field(default=None)
    ip: str | None = Field(default=None, max_length=64)
    user_agent: str | None = Field(default=None, max_length=500)
    detail: dict[str, Any] = Field(
        default_factory=dict, sa_column=sa.Column(sa.JSON(), nullable=False)
    )

    __table_args__ = (sa.Index("ix_auth_audit_log_time", "occurred_at", "id"),)
