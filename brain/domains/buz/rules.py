"""The ledger's fixed numbers and their arithmetic, as data (domain rules, "BUZ token ledger").

Amounts are integer minor units everywhere inside the Brain (1 BUZ = 100 units) and decimal
strings with at most two places on the wire. Operator-tunable numbers (fees, limits, the
welcome bonus, the default price) are settings (`BRAIN_BUZ_*`); what is here is part of the
token's definition and changes only with a migration or a code review: the max supply, the
genesis pools and the staking tiers.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal, InvalidOperation
from enum import StrEnum

UNITS_PER_BUZ = 100
MAX_SUPPLY_UNITS = 1_000_000_000 * UNITS_PER_BUZ


class AccountKind(StrEnum):
    WALLET = "WALLET"
    STAKING = "STAKING"
    SYSTEM = "SYSTEM"


class SystemAccount(StrEnum):
    """System accounts, by code. ISSUANCE is the only account allowed below zero: its
    balance is minus everything ever minted."""

    ISSUANCE = "issuance"
    BURN = "burn"
    FEES = "fees"
    USER_REWARDS = "user_rewards"
    STAKING_REWARDS = "staking_rewards"
    COMMUNITY = "community"
    VENTURE_FUND = "venture_fund"


POOLS: tuple[SystemAccount, ...] = (
    SystemAccount.USER_REWARDS,
    SystemAccount.STAKING_REWARDS,
    SystemAccount.COMMUNITY,
    SystemAccount.VENTURE_FUND,
)

# Minted into the pools by the genesis migration (the remaining 450M is mint headroom).
GENESIS_UNITS: dict[SystemAccount, int] = {
    SystemAccount.USER_REWARDS: 150_000_000 * UNITS_PER_BUZ,
    SystemAccount.STAKING_REWARDS: 200_000_000 * UNITS_PER_BUZ,
    SystemAccount.COMMUNITY: 100_000_000 * UNITS_PER_BUZ,
    SystemAccount.VENTURE_FUND: 100_000_000 * UNITS_PER_BUZ,
}

# Fees are credited to one of FEE_SHARDS accounts, `fees` and `fees:1` ... `fees:15`, chosen by
# the paying account (`fees_account`). With one fees row every transfer in the system waited
# for the one before it to commit (its row lock); with shards, transfers of different payers
# rarely meet. "The fees account" in reports is their sum (`supply().fees`).
FEE_SHARDS = 16


class TransferKind(StrEnum):
    """What a leg is. Chosen by the service function that writes it, never by a client."""

    TRANSFER = "TRANSFER"  # user to user
    FEE = "FEE"  # the fee leg of a user transfer, to FEES
    MINT = "MINT"  # ISSUANCE to a pool or wallet
    BURN = "BURN"  # a pool or wallet to BURN
    REWARD = "REWARD"  # a pool to a wallet (gamification and other rewards)
    WELCOME_BONUS = "WELCOME_BONUS"  # USER_REWARDS to a new MEMBER's wallet
    CHARGE = "CHARGE"  # a wallet to a pool (venture creation)
    REVENUE_SHARE = "REVENUE_SHARE"  # COMMUNITY to a referrer's wallet
    STAKE = "STAKE"  # wallet to the user's staking account
    UNSTAKE = "UNSTAKE"  # staking account back to the wallet
    STAKE_REWARD = "STAKE_REWARD"  # STAKING_REWARDS to the wallet at or after maturity
    PENALTY = "PENALTY"  # early unstake: staking account to FEES
    REVERSAL = "REVERSAL"  # a system payout taken back: the wallet to the pool that paid it


class StakeTier(StrEnum):
    BRONZE = "BRONZE"
    SILVER = "SILVER"
    GOLD = "GOLD"
    PLATINUM = "PLATINUM"


@dataclass(frozen=True)
class Tier:
    lock_days: int
    apy_bps: int  # annual rate in basis points: 500 = 5%
    min_units: int
    max_units: int


TIERS: dict[StakeTier, Tier] = {
    StakeTier.BRONZE: Tier(30, 500, 100 * UNITS_PER_BUZ, 10_000 * UNITS_PER_BUZ),
    StakeTier.SILVER: Tier(90, 800, 500 * UNITS_PER_BUZ, 50_000 * UNITS_PER_BUZ),
    StakeTier.GOLD: Tier(180, 1200, 1_000 * UNITS_PER_BUZ, 100_000 * UNITS_PER_BUZ),
    StakeTier.PLATINUM: Tier(365, 1800, 5_000 * UNITS_PER_BUZ, 500_000 * UNITS_PER_BUZ),
}


class StakeStatus(StrEnum):
    ACTIVE = "ACTIVE"
    MATURED = "MATURED"
    UNSTAKED = "UNSTAKED"


# --- accounts ------------------------------------------------------------------------------

# Account ids are derived from their codes, so a transfer knows its accounts' ids without
# reading them first (one round trip less on the hot path).
_ACCOUNT_NAMESPACE = uuid.UUID("6f1d3c2e-5b8a-4f3e-9a51-3e1b2c4d5e6f")


def account_id(code: str) -> uuid.UUID:
    return uuid.uuid5(_ACCOUNT_NAMESPACE, code)


def wallet_code(user_id: uuid.UUID) -> str:
    return f"wallet:{user_id}"


def staking_code(user_id: uuid.UUID) -> str:
    return f"staking:{user_id}"


def wallet_id(user_id: uuid.UUID) -> uuid.UUID:
    return account_id(wallet_code(user_id))


def staking_id(user_id: uuid.UUID) -> uuid.UUID:
    return account_id(staking_code(user_id))


def system_id(account: SystemAccount) -> uuid.UUID:
    return account_id(account.value)


def fee_shard_code(shard: int) -> str:
    """Shard 0 is the original `fees` account."""
    return SystemAccount.FEES.value if shard == 0 else f"{SystemAccount.FEES.value}:{shard}"


FEE_SHARD_CODES: tuple[str, ...] = tuple(fee_shard_code(n) for n in range(FEE_SHARDS))
FEE_SHARD_IDS: tuple[uuid.UUID, ...] = tuple(account_id(code) for code in FEE_SHARD_CODES)
# The hot sinks (the fee shards and burn): credits to them never fail and every user transfer
# pays one, so they are written last in every posting (`ledger.lock_order`) and their row
# locks are held only for the end of a transaction.
HOT_SINK_IDS: frozenset[uuid.UUID] = frozenset({system_id(SystemAccount.BURN), *FEE_SHARD_IDS})


def fees_account(payer: uuid.UUID) -> tuple[uuid.UUID, str]:
    """The fee shard (id, code) that `payer` (an account id) pays its fees into: always the
    same one for one payer, whose own transfers are serialised by its row lock anyway."""
    shard = payer.int % FEE_SHARDS
    return FEE_SHARD_IDS[shard], FEE_SHARD_CODES[shard]


# --- amounts -------------------------------------------------------------------------------


def parse_units(value: str | Decimal) -> int:
    """A decimal amount of BUZ ("1000.50") as minor units; more than two places is an error."""
    try:
        amount = value if isinstance(value, Decimal) else Decimal(value)
    except InvalidOperation as exc:
        raise ValueError("not a decimal number") from exc
    if not amount.is_finite():
        raise ValueError("not a finite number")
    units = amount * UNITS_PER_BUZ
    if units != units.to_integral_value():
        raise ValueError("at most two decimal places")
    return int(units)


def format_units(units: int) -> str:
    """Minor units as a decimal string with exactly two places: 100050 -> "1000.50"."""
    sign = "-" if units < 0 else ""
    whole, cents = divmod(abs(units), UNITS_PER_BUZ)
    return f"{sign}{whole}.{cents:02d}"


def fee_units(amount_units: int, fee_bps: int) -> int:
    """The transfer fee: `fee_bps` of the amount, rounded UP to the next unit (0.01 BUZ)."""
    return -(-amount_units * fee_bps // 10_000)


def penalty_units(principal_units: int, penalty_bps: int) -> int:
    """The early-unstake penalty, rounded down (the user keeps the odd cent)."""
    return principal_units * penalty_bps // 10_000


def stake_reward_units(principal_units: int, tier: Tier, days: int) -> int:
    """Simple interest, amount x APY x days / 365, rounded DOWN to 0.01 BUZ."""
    return principal_units * tier.apy_bps * days // (365 * 10_000)


def quantize_price(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.00000001"), rounding=ROUND_DOWN)
