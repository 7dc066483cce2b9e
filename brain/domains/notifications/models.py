"""Tables of the notifications domain."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from brain.core.models import new_id, utc_column, utcnow


class EmailStatus(StrEnum):
    # Waiting for delivery, or between retries.
    QUEUED = "QUEUED"
    SENT = "SENT"
    # Every try failed (`job_max_tries`); `last_error` says why.
    FAILED = "FAILED"


class EmailMessage(SQLModel, table=True):
    """One email, rendered when it was requested; the durable record of its delivery.

    The body can hold secrets (a password-reset link): it is never logged nor returned by an
    API, and it is erased once the message is SENT or has FAILED for good.
    """

    __tablename__ = "email_messages"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    # The caller's key: a second send with the same key is a no-op.
    idempotency_key: str = Field(max_length=200, unique=True)
    to: str = Field(max_length=320)
    template: str = Field(max_length=100)
    subject: str = Field(max_length=500)
    body: str = Field(sa_column=sa.Column(sa.Text(), nullable=False))
    status: str = Field(default=EmailStatus.QUEUED, max_length=10)
    attempts: int = Field(default=0)
    last_error: str | None = Field(default=None, max_length=2000)
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
    sent_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))

    __table_args__ = (
        sa.CheckConstraint("status IN ('QUEUED', 'SENT', 'FAILED')", name="status"),
        # The requeue sweeper's query: queued messages, oldest first.
        sa.Index("ix_email_messages_pending", "status", "created_at"),
        # A user's data export: the emails sent to one address, newest first.
        sa.Index("ix_email_messages_to_created_at_id", "to", "created_at", "id"),
    )
