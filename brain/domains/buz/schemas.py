"""Request and response models of the buz domain.

Amounts are decimal strings on the wire ("1000.50", at most two places) and integer minor
units inside: `Amount` parses a request amount (strings only: a JSON number, a float, a third
decimal place, a negative or zero amount is a 422), `Units` formats a response amount.
"""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    WithJsonSchema,
)

from brain.core.schemas import InputModel, trimmed_at_least
from brain.domains.buz.rules import (
    StakeStatus,
    StakeTier,
    SystemAccount,
    TransferKind,
    format_units,
    parse_units,
)

# The request and response models, and the rules' enums they use (re-exported so a caller
# of these schemas needs no second import).
__all__ = [
    "AccountRef",
    "Amount",
    "AnalyticsRead",
    "BalanceRead",
    "BurnRequest",
    "DailyVolume",
    "Holder",
    "LedgerReport",
    "LegRead",
    "MintRequest",
    "PoolName",
    "PoolRead",
    "PositionRead",
    "Price",
    "PriceOut",
    "PricePoint",
    "PriceRead",
    "PriceSet",
    "Reason",
    "ReversalRequest",
    "StakeCreate",
    "StakeStatus",
    "StakeTier",
    "SupplyRead",
    "SystemAccount",
    "TierRead",
    "TransactionRead",
    "TransferCreate",
    "TransferKind",
    "TransferRead",
    "Units",
]

AMOUNT_PATTERN = r"^[0-9]{1,13}(\.[0-9]{1,2})?$"


def _parse_amount(value: Any) -> int:
    if not isinstance(value, str):
        raise ValueError('an amount is a decimal string such as "1000.50", not a number')
    if not re.fullmatch(AMOUNT_PATTERN, value):
        raise ValueError('an amount is a decimal string with at most two places, e.g. "10.50"')
    units = parse_units(value)
    if units <= 0:
        raise ValueError("an amount must be more than zero")
    return units


def _parse_units_out(value: Any) -> int:
    if isinstance(value, int):
        return value
    return parse_units(str(value))


Amount = Annotated[
    int,
    BeforeValidator(_parse_amount),
    PlainSerializer(format_units, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "format": "decimal",
            "pattern": AMOUNT_PATTERN,
            "examples": ["1000.50"],
            "description": "BUZ as a decimal string, at most two places, more than zero.",
        }
    ),
]

Units = Annotated[
    int,
    BeforeValidator(_parse_units_out),
    PlainSerializer(format_units, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "format": "decimal",
            "examples": ["1000.50"],
            "description": "BUZ, two places.",
        }
    ),
]


def _parse_price(value: Any) -> Decimal:
    if not isinstance(value, str):
        raise ValueError('a price is a decimal string such as "0.0125", not a number')
    try:
        price = Decimal(value)
    except ArithmeticError as exc:
        raise ValueError("not a decimal number") from exc
    if not price.is_finite() or price <= 0 or price.as_tuple().exponent < -8:  # type: ignore[operator]
        raise ValueError("a price is more than zero with at most 8 decimal places")
    return price


def _format_price(value: Decimal) -> str:
    return format(value.normalize(), "f")


_PRICE_SCHEMA = WithJsonSchema(
    {
        "type": "string",
        "format": "decimal",
        "examples": ["0.01"],
        "description": "USD per BUZ, a decimal string.",
    }
)
Price = Annotated[
    Decimal,
    BeforeValidator(_parse_price),
    PlainSerializer(_format_price, return_type=str),
    _PRICE_SCHEMA,
]
PriceOut = Annotated[
    Decimal,
    BeforeValidator(lambda v: Decimal(str(v))),
    PlainSerializer(_format_price, return_type=str),
    _PRICE_SCHEMA,
]


# Why an admin minted or burned: audited, so three real characters at least.
Reason = Annotated[
    str,
    StringConstraints(strip_whitespace=False, min_length=3, max_length=500),
    trimmed_at_least(3),
]


class _Input(InputModel):
    # Unknown fields are refused: a client cannot slip in `kind` (a fee-free "reward").
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# The pools an admin may mint into or burn from (`rules.POOLS`; a test checks they agree).
PoolName = Literal["user_rewards", "staking_rewards", "community", "venture_fund"]


class TransferCreate(_Input):
    to_user_id: uuid.UUID
    amount: Amount
    memo: str | None = Field(default=None, max_length=280)


class StakeCreate(_Input):
    amount: Amount
    tier: StakeTier


class ReversalRequest(_Input):
    reason: Reason


class MintRequest(_Input):
    """Mint into a pool (default `community`) or a user's wallet (`to_user_id`)."""

    amount: Amount
    reason: Reason
    to_pool: PoolName | None = None
    to_user_id: uuid.UUID | None = None


class BurnRequest(_Input):
    """Burn from a pool (default `community`) or a user's wallet (`from_user_id`)."""

    amount: Amount
    reason: Reason
    from_pool: PoolName | None = None
    from_user_id: uuid.UUID | None = None


class PriceSet(_Input):
    price_usd: Price
    note: str | None = Field(default=None, max_length=500)


class AccountRef(BaseModel):
    """An account: a user's wallet or staking account, or a system account by `code`."""

    id: uuid.UUID
    code: str
    kind: str
    user_id: uuid.UUID | None = None


class LegRead(BaseModel):
    """One leg: `amount` moved from `debit` to `credit`, with each account's balance and
    version right after it."""

    id: uuid.UUID
    kind: TransferKind
    debit: AccountRef
    credit: AccountRef
    amount: Units
    debit_balance_after: Units
    debit_version: int
    credit_balance_after: Units
    credit_version: int
    created_at: datetime


class TransferRead(BaseModel):
    """A transfer: its main leg's facts plus every linked leg (the fee, a reward)."""

    id: uuid.UUID = Field(description="The group id (the id of the first leg).")
    kind: TransferKind
    from_account: AccountRef
    to_account: AccountRef
    amount: Units
    fee: Units = Field(description="Paid by the sender into the fees account, on top.")
    memo: str | None
    reference: str | None
    created_at: datetime
    legs: list[LegRead]


class TransactionRead(BaseModel):
    """One leg of a user's history, seen from that user's account."""

    id: uuid.UUID
    transfer_id: uuid.UUID = Field(description="The group it belongs to.")
    kind: TransferKind
    direction: Literal["in", "out"]
    account: Literal["wallet", "staking"]
    amount: Units
    balance_after: Units
    counterparty: AccountRef
    memo: str | None
    created_at: datetime


class BalanceRead(BaseModel):
    user_id: uuid.UUID
    available: Units = Field(description="In the wallet.")
    staked: Units = Field(description="Locked in staking positions.")
    total: Units
    wallet_version: int


class PositionRead(BaseModel):
    id: uuid.UUID
    user_id: uuid.UUID
    tier: StakeTier
    amount: Units
    apy_percent: str
    lock_days: int
    status: StakeStatus
    started_at: datetime
    matures_at: datetime
    closed_at: datetime | None
    accrued_reward: Units = Field(description="Earned so far (paid only at maturity).")
    expected_reward: Units = Field(description="Paid when unstaked at or after maturity.")
    reward_paid: Units
    penalty: Units


class TierRead(BaseModel):
    tier: StakeTier
    lock_days: int
    apy_percent: str
    min_amount: Units
    max_amount: Units


class PoolRead(BaseModel):
    pool: str
    balance: Units


class SupplyRead(BaseModel):
    max_supply: Units
    minted: Units
    burned: Units
    supply: Units = Field(description="Minted minus burned: every token in existence.")
    circulating: Units = Field(description="In user wallets.")
    staked: Units = Field(description="In staking accounts.")
    fees: Units = Field(description="In the fees account (treasury).")
    pools: list[PoolRead]


class PricePoint(BaseModel):
    price_usd: PriceOut
    set_at: datetime
    set_by: uuid.UUID | None
    note: str | None


class PriceRead(BaseModel):
    price_usd: PriceOut
    set_at: datetime | None = Field(description="Null while the default price applies.")
    history: list[PricePoint] = Field(description="Newest first.")
    next_cursor: str | None


class DailyVolume(BaseModel):
    day: date
    transfers: int
    volume: Units


class Holder(BaseModel):
    user_id: uuid.UUID
    balance: Units


class AnalyticsRead(BaseModel):
    days: int
    volume_per_day: list[DailyVolume]
    active_wallets: int = Field(description="Wallets that sent or received a user transfer.")
    fees_collected: Units = Field(description="Fees and penalties paid in the period.")
    top_holders: list[Holder]


class LedgerReport(BaseModel):
    ok: bool
    checked_at: datetime
    accounts: int
    transfers: int
    minted: Units
    burned: Units
    violations: list[str]
