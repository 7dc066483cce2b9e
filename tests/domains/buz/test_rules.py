"""The ledger's arithmetic: amounts, fee rounding, rewards and penalties."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import get_args

import pytest

from brain.domains.buz.rules import (
    FEE_SHARD_CODES,
    POOLS,
    TIERS,
    StakeTier,
    fee_units,
    fees_account,
    format_units,
    parse_units,
    penalty_units,
    stake_reward_units,
)
from brain.domains.buz.schemas import PoolName


@pytest.mark.parametrize(
    ("text", "units"),
    [("1000.50", 100050), ("0.01", 1), ("7", 700), ("7.5", 750), ("1000000", 100_000_000)],
)
def test_amounts_parse_to_minor_units(text: str, units: int) -> None:
    assert parse_units(text) == units


@pytest.mark.parametrize("text", ["0.001", "1.005", "abc", "NaN", "Infinity"])
def test_amounts_with_more_than_two_places_or_not_numbers_are_refused(text: str) -> None:
    with pytest.raises(ValueError):  # noqa: PT011
        parse_units(text)


@pytest.mark.parametrize(("units", "text"), [(100050, "1000.50"), (1, "0.01"), (0, "0.00"),
                                             (-55_000_000_000, "-550000000.00")])  # fmt: skip
def test_units_format_with_two_places(units: int, text: str) -> None:
    assert format_units(units) == text
    assert parse_units(Decimal(text)) == units


@pytest.mark.parametrize(
    ("amount", "fee"),
    [("0.01", "0.01"), ("1", "0.01"), ("10", "0.01"), ("10.01", "0.02"), ("100", "0.10"),
     ("1000", "1.00"), ("1000.01", "1.01"), ("999.99", "1.00")],
)  # fmt: skip
def test_the_fee_is_a_tenth_of_a_percent_rounded_up_to_a_cent(amount: str, fee: str) -> None:
    assert format_units(fee_units(parse_units(amount), 10)) == fee


def test_stake_rewards_are_simple_interest_rounded_down() -> None:
    bronze = TIERS[StakeTier.BRONZE]
    # 1000 BUZ x 5% x 30 / 365 = 4.1095... -> 4.10
    assert format_units(stake_reward_units(parse_units("1000"), bronze, 30)) == "4.10"
    platinum = TIERS[StakeTier.PLATINUM]
    assert format_units(stake_reward_units(parse_units("5000"), platinum, 365)) == "900.00"
    assert stake_reward_units(parse_units("100"), bronze, 0) == 0


def test_the_tiers_table_matches_the_domain_rules() -> None:
    expected = {
        StakeTier.BRONZE: (30, 500, "100", "10000"),
        StakeTier.SILVER: (90, 800, "500", "50000"),
        StakeTier.GOLD: (180, 1200, "1000", "100000"),
        StakeTier.PLATINUM: (365, 1800, "5000", "500000"),
    }
    for tier, (days, bps, low, high) in expected.items():
        spec = TIERS[tier]
        assert (spec.lock_days, spec.apy_bps) == (days, bps)
        assert (spec.min_units, spec.max_units) == (parse_units(low), parse_units(high))


def test_the_early_unstake_penalty_is_ten_percent() -> None:
    assert format_units(penalty_units(parse_units("1000"), 1000)) == "100.00"
    assert format_units(penalty_units(parse_units("100.05"), 1000)) == "10.00"


def test_fees_spread_over_the_shards_one_shard_per_payer() -> None:
    payers = [uuid.uuid4() for _ in range(2000)]
    shards = [fees_account(payer) for payer in payers]
    assert {code for _, code in shards} == set(FEE_SHARD_CODES)  # every shard gets payers
    assert fees_account(payers[0]) == shards[0]  # the same payer, the same shard
    assert FEE_SHARD_CODES[0] == "fees"  # the original fees account is shard 0


def test_the_pools_an_admin_may_name_are_the_ledgers_pools() -> None:
    assert set(get_args(PoolName)) == {pool.value for pool in POOLS}
