"""The umbrella domain's tables. Only the umbrella domain writes them.

Invariants held by constraints, not by the code alone (they must survive concurrent requests):

- one referrer per user: `referred_user_id` is set on a referral link (never on an invitation
  or a social relationship) and is unique;
- no duplicate open relationship: `open_key` (`kind:low-id:high-id`) is set while a
  relationship is open and cleared when it ends, and is unique (NULLs never collide);
- one share per (relationship, source transfer): a redelivered event cannot pay twice.

`UmbrellaRelationship.state` mirrors the `umbrella` state-machine instance of a referral link
(the engine is the authority; the copy lets lists and the chain walk filter by state).
"""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from brain.core.models import new_id, utc_column, utcnow


class UmbrellaReferralCode(SQLModel, table=True):
    __tablename__ = "umbrella_referral_codes"

    user_id: uuid.UUID = Field(primary_key=True, foreign_key="users.id")
    code: str = Field(max_length=16, unique=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
    updated_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())


class UmbrellaRelationship(SQLModel, table=True):
    """A referral (invitation or link) or a social relationship. `from_user_id` is the
    referrer or the requester, `to_user_id` the referred user or the addressee."""

    __tablename__ = "umbrella_relationships"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    kind: str = Field(max_length=30)
    referral_type: str | None = Field(default=None, max_length=30)
    from_user_id: uuid.UUID = Field(foreign_key="users.id", index=True)
    to_user_id: uuid.UUID = Field(foreign_key="users.id", index=True)
    state: str = Field(max_length=30)
    via: str = Field(max_length=20)
    note: str | None = Field(default=None, max_length=500)
    referred_user_id: uuid.UUID | None = Field(default=None, unique=True)
    open_key: str | None = Field(default=None, max_length=120, unique=True)
    # A declined request that blocks its requester from asking the addressee again.
    blocked: bool = Field(default=False)
    expires_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    ended_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
    updated_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())

    __table_args__ = (
        sa.Index("ix_umbrella_relationships_created_at_id", "created_at", "id"),
        sa.CheckConstraint("from_user_id <> to_user_id", name="not_self"),
    )


class UmbrellaRevenueShare(SQLModel, table=True):
    """One level's share of one source transfer. Amounts are BUZ minor units."""

    __tablename__ = "umbrella_revenue_shares"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    relationship_id: uuid.UUID = Field(foreign_key="umbrella_relationships.id", index=True)
    earner_id: uuid.UUID = Field(foreign_key="users.id")
    source_user_id: uuid.UUID = Field(foreign_key="users.id", index=True)
    source_transfer_id: uuid.UUID = Field(index=True)
    level: int
    source_amount: int = Field(sa_column=sa.Column(sa.BigInteger(), nullable=False))
    amount: int = Field(sa_column=sa.Column(sa.BigInteger(), nullable=False))
    status: str = Field(max_length=20)
    transfer_id: uuid.UUID | None = Field(default=None)
    # VOIDED: the reversal of the paid share (null if nothing was paid or the wallet no
    # longer held it).
    reversal_id: uuid.UUID | None = Field(default=None)
    voided_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    paid_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())

    __table_args__ = (
        sa.UniqueConstraint(
            "relationship_id", "source_transfer_id", name="umbrella_revenue_shares_once"
        ),
        sa.Index("ix_umbrella_revenue_shares_earner", "earner_id", "created_at", "id"),
        sa.CheckConstraint("level BETWEEN 1 AND 3", name="level"),
        sa.CheckConstraint("amount >= 0", name="amount"),
    )
