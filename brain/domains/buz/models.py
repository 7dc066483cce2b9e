"""The buz domain's tables. Only the buz domain writes them; the ledger's (accounts, legs,
idempotency keys, daily sends) only through `buz.ledger`.

A transfer row is one leg: one debit account, one credit account, a positive amount in
minor units, and the balance and version each account reached by this leg (pgledger's
entries, folded into the leg), so any account's balance at any version can be read back.
Legs that must commit together share a `group_id` (the id of the group's first leg). Rows
are never updated or deleted; a correction is a reversing transfer.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from brain.core.models import new_id, utc_column, utcnow
from brain.domains.buz.rules import MAX_SUPPLY_UNITS


def _bigint_column() -> Any:
    """A NOT NULL BIGINT: amounts in minor units and account versions."""
    return sa.Column(sa.BigInteger(), nullable=False)


class BuzAccount(SQLModel, table=True):
    """A wallet, a staking account or a system account (`code` names it: `wallet:<user>`,
    `staking:<user>`, `fees`, `issuance`, ...). The id is derived from the code
    (`rules.account_id`)."""

    __tablename__ = "buz_accounts"

    id: uuid.UUID = Field(primary_key=True)
    code: str = Field(max_length=80, unique=True)
    kind: str = Field(max_length=20)
    # An account without legs goes with its user (users are pseudonymized, not deleted, in
    # production; tests delete theirs); one with legs cannot be deleted: the legs refer to it.
    user_id: uuid.UUID | None = Field(
        default=None, foreign_key="users.id", ondelete="CASCADE", index=True
    )
    balance: int = Field(default=0, sa_column=_bigint_column())
    version: int = Field(default=0, sa_column=_bigint_column())
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())

    __table_args__ = (
        # The second line of defence: the writes are conditional updates that never take an
        # account below zero; this refuses anything that slips past them.
        sa.CheckConstraint("balance >= 0 OR code = 'issuance'", name="balance_not_negative"),
        sa.CheckConstraint(f"balance >= -{MAX_SUPPLY_UNITS}", name="max_supply"),
        sa.CheckConstraint("version >= 0", name="version_not_negative"),
    )


class BuzTransfer(SQLModel, table=True):
    """One immutable leg of the ledger."""

    __tablename__ = "buz_transfers"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    group_id: uuid.UUID = Field(index=True)
    kind: str = Field(max_length=20)
    debit_account_id: uuid.UUID = Field(foreign_key="buz_accounts.id")
    credit_account_id: uuid.UUID = Field(foreign_key="buz_accounts.id")
    amount: int = Field(sa_column=_bigint_column())
    debit_balance_after: int = Field(sa_column=_bigint_column())
    debit_version: int = Field(sa_column=_bigint_column())
    credit_balance_after: int = Field(sa_column=_bigint_column())
    credit_version: int = Field(sa_column=_bigint_column())
    memo: str | None = Field(default=None, max_length=280)
    reference: str | None = Field(default=None, max_length=200)
    actor_id: uuid.UUID | None = Field(default=None)
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())

    __table_args__ = (
        sa.CheckConstraint("amount > 0", name="amount_positive"),
        sa.CheckConstraint("debit_account_id <> credit_account_id", name="distinct_accounts"),
        # History of one account, newest first, and the daily volume.
        sa.Index("ix_buz_transfers_debit_created", "debit_account_id", "created_at"),
        sa.Index("ix_buz_transfers_credit_created", "credit_account_id", "created_at"),
        sa.Index("ix_buz_transfers_created_at", "created_at"),
    )


class BuzIdempotencyKey(SQLModel, table=True):
    """A used idempotency key, written first in the operation it names, in the same
    transaction: a refused or rolled-back operation leaves no key behind."""

    __tablename__ = "buz_idempotency_keys"

    key: str = Field(primary_key=True, max_length=300)
    operation: str = Field(max_length=30)
    request_hash: str = Field(max_length=64)
    result_id: uuid.UUID
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())


class BuzDailySend(SQLModel, table=True):
    """BUZ a wallet sent to other users on one UTC day. The daily cap is enforced by the
    conditional upsert that adds to it, so two concurrent transfers cannot both slip under."""

    __tablename__ = "buz_daily_sends"

    account_id: uuid.UUID = Field(primary_key=True, foreign_key="buz_accounts.id")
    day: date = Field(primary_key=True)
    amount: int = Field(sa_column=_bigint_column())


class BuzStakePosition(SQLModel, table=True):
    """A stake: principal locked in the user's staking account for a tier's term."""

    __tablename__ = "buz_stake_positions"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    user_id: uuid.UUID = Field(foreign_key="users.id", index=True)
    tier: str = Field(max_length=20)
    amount: int = Field(sa_column=_bigint_column())
    apy_bps: int
    lock_days: int
    status: str = Field(max_length=20)
    started_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
    matures_at: datetime = Field(sa_column=utc_column())
    closed_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    reward_paid: int = Field(default=0, sa_column=_bigint_column())
    penalty: int = Field(default=0, sa_column=_bigint_column())
    stake_group_id: uuid.UUID
    unstake_group_id: uuid.UUID | None = Field(default=None)

    __table_args__ = (
        sa.CheckConstraint("amount > 0", name="amount_positive"),
        # The maturity job's query.
        sa.Index("ix_buz_stake_positions_status_matures", "status", "matures_at"),
    )


class BuzPrice(SQLModel, table=True):
    """A price set by an admin (USD per BUZ); the latest row is the current price."""

    __tablename__ = "buz_prices"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    price_usd: Decimal = Field(sa_column=sa.Column(sa.Numeric(20, 8), nullable=False))
    set_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    note: str | None = Field(default=None, max_length=500)
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column(index=True))


class BuzAdminAction(SQLModel, table=True):
    """The audit trail of admin operations on the token (mint, burn, price)."""

    __tablename__ = "buz_admin_actions"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    actor_id: uuid.UUID = Field(foreign_key="users.id", index=True)
    action: str = Field(max_length=20)
    amount: int | None = Field(default=None, sa_column=sa.Column(sa.BigInteger(), nullable=True))
    reason: str = Field(max_length=500)
    group_id: uuid.UUID | None = Field(default=None)
    details: dict[str, Any] = Field(
        default_factory=dict, sa_column=sa.Column(sa.JSON(), nullable=False)
    )
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
