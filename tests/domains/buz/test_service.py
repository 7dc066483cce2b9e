"""The ledger's rules, through its service functions (rolled-back transactions)."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import db
from brain.core.config import Settings
from brain.core.models import utcnow
from brain.domains.buz import ledger, service
from brain.domains.buz.errors import (
    DailyLimitExceeded,
    IdempotencyConflict,
    InsufficientFunds,
    InvalidTransfer,
    PositionClosed,
    PositionNotFound,
    RecipientNotActive,
    SupplyCapExceeded,
    WalletNotFound,
)
from brain.domains.buz.models import BuzIdempotencyKey, BuzStakePosition, BuzTransfer
from brain.domains.buz.rules import (
    MAX_SUPPLY_UNITS,
    StakeStatus,
    StakeTier,
    SystemAccount,
    TransferKind,
    fees_account,
    parse_units,
    system_id,
    wallet_id,
)
from brain.domains.users.schemas import Role, UserStatus
from tests.factories.buz import assert_ledger_ok, balance_units, fund, make_holder
from tests.factories.users import make_user

U = parse_units


async def _system_balance(session: AsyncSession, account: SystemAccount) -> int:
    row = (
        await db.execute(
            session,
            sa.select(ledger.ACCOUNTS.c.balance).where(ledger.ACCOUNTS.c.id == system_id(account)),
        )
    ).one()
    return int(row.balance)


async def _count(session: AsyncSession, model: type) -> int:
    return int((await db.execute(session, sa.select(sa.func.count()).select_from(model))).one()[0])


async def test_genesis_minted_the_pools_and_the_ledger_checks_out(session: AsyncSession) -> None:
    supply = await service.supply(session)
    pools = {p.pool: p.balance for p in supply.pools}
    assert pools["user_rewards"] >= 0
    assert supply.max_supply == MAX_SUPPLY_UNITS
    assert supply.minted >= U("550000000")
    await assert_ledger_ok(session)


async def test_transfer_moves_the_amount_and_charges_the_fee_on_top(session: AsyncSession) -> None:
    alice = await make_holder(session, balance="100")
    bob = await make_holder(session)
    fees_before = (await service.supply(session)).fees
    posted = await service.transfer(
        session, sender_id=alice.id, to_user_id=bob.id, amount=U("10.01"), idempotency_key="k1"
    )
    assert posted.created
    assert posted.transfer.amount == U("10.01")
    assert posted.transfer.fee == U("0.02")
    assert [leg.kind for leg in posted.transfer.legs] == [TransferKind.TRANSFER, TransferKind.FEE]
    assert await balance_units(session, alice.id) == U("100") - U("10.03")
    assert await balance_units(session, bob.id) == U("10.01")
    # Into the payer's fee shard; the fees account is the sum of the shards.
    assert (await service.supply(session)).fees == fees_before + U("0.02")
    assert posted.transfer.legs[1].credit.code == fees_account(wallet_id(alice.id))[1]
    # Each leg records both accounts' balance and version after it.
    main, fee = posted.transfer.legs
    assert main.debit_balance_after == U("100") - U("10.01")
    assert fee.debit_balance_after == U("100") - U("10.03")
    assert fee.debit_version == main.debit_version + 1
    await assert_ledger_ok(session)


async def test_same_key_and_body_returns_the_original_transfer(session: AsyncSession) -> None:
    alice = await make_holder(session, balance="100")
    bob = await make_holder(session)
    first = await service.transfer(
        session, sender_id=alice.id, to_user_id=bob.id, amount=U("5"), idempotency_key="same"
    )
    again = await service.transfer(
        session, sender_id=alice.id, to_user_id=bob.id, amount=U("5"), idempotency_key="same"
    )
    assert not again.created
    assert again.transfer == first.transfer
    assert await balance_units(session, bob.id) == U("5")


async def test_same_key_with_another_body_is_a_conflict(session: AsyncSession) -> None:
    alice = await make_holder(session, balance="100")
    bob = await make_holder(session)
    await service.transfer(
        session, sender_id=alice.id, to_user_id=bob.id, amount=U("5"), idempotency_key="k"
    )
    with pytest.raises(IdempotencyConflict):
        await service.transfer(
            session, sender_id=alice.id, to_user_id=bob.id, amount=U("6"), idempotency_key="k"
        )
    assert await balance_units(session, bob.id) == U("5")


async def test_keys_are_per_sender(session: AsyncSession) -> None:
    alice = await make_holder(session, balance="100")
    carol = await make_holder(session, balance="100")
    bob = await make_holder(session)
    for sender in (alice, carol):
        posted = await service.transfer(
            session, sender_id=sender.id, to_user_id=bob.id, amount=U("1"), idempotency_key="k"
        )
        assert posted.created


async def test_refused_transfer_leaves_no_trace(session: AsyncSession) -> None:
    alice = await make_holder(session, balance="10")
    bob = await make_holder(session)
    legs, keys = await _count(session, BuzTransfer), await _count(session, BuzIdempotencyKey)
    # 10 BUZ + 0.01 fee is more than 10 BUZ.
    with pytest.raises(InsufficientFunds):
        await service.transfer(
            session, sender_id=alice.id, to_user_id=bob.id, amount=U("10"), idempotency_key="x"
        )
    assert (await _count(session, BuzTransfer), await _count(session, BuzIdempotencyKey)) == (
        legs,
        keys,
    )
    assert await balance_units(session, alice.id) == U("10")
    # The key was not used up: the same request succeeds once the money is there.
    await fund(session, alice.id, "1")
    posted = await service.transfer(
        session, sender_id=alice.id, to_user_id=bob.id, amount=U("10"), idempotency_key="x"
    )
    assert posted.created
    await assert_ledger_ok(session)


@pytest.mark.parametrize("amount", ["0.01", "1000000"])
async def test_transfer_limits_are_inclusive(session: AsyncSession, amount: str) -> None:
    admin = await make_holder(session, role=Role.SUPER_ADMIN, balance="1001001")
    bob = await make_holder(session)
    posted = await service.transfer(
        session, sender_id=admin.id, to_user_id=bob.id, amount=U(amount), idempotency_key="k",
        exempt_from_daily_limit=True,
    )  # fmt: skip
    assert posted.transfer.amount == U(amount)


@pytest.mark.parametrize("amount", [0, U("1000000.01")])
async def test_transfer_outside_the_limits_is_refused(session: AsyncSession, amount: int) -> None:
    alice = await make_holder(session, balance="100")
    bob = await make_holder(session)
    with pytest.raises(InvalidTransfer):
        await service.transfer(
            session, sender_id=alice.id, to_user_id=bob.id, amount=amount, idempotency_key="k"
        )


async def test_self_transfer_is_refused(session: AsyncSession) -> None:
    alice = await make_holder(session, balance="100")
    with pytest.raises(InvalidTransfer):
        await service.transfer(
            session, sender_id=alice.id, to_user_id=alice.id, amount=U("1"), idempotency_key="k"
        )


@pytest.mark.parametrize("status", [UserStatus.SUSPENDED, UserStatus.DEACTIVATED])
async def test_transfer_to_an_inactive_recipient_is_refused(
    session: AsyncSession, status: UserStatus
) -> None:
    alice = await make_holder(session, balance="100")
    bob = await make_holder(session, status=status)
    with pytest.raises(RecipientNotActive):
        await service.transfer(
            session, sender_id=alice.id, to_user_id=bob.id, amount=U("1"), idempotency_key="k"
        )
    assert await balance_units(session, alice.id) == U("100")


async def test_a_user_without_a_wallet_gets_none_from_a_transfer(session: AsyncSession) -> None:
    alice = await make_holder(session, balance="100")
    walletless = await make_user(session, role=Role.MEMBER)
    with pytest.raises(WalletNotFound):
        await service.transfer(
            session, sender_id=alice.id, to_user_id=walletless.id, amount=U("1"),
            idempotency_key="k",
        )  # fmt: skip
    assert not await service.has_wallet(session, user_id=walletless.id)
    assert await balance_units(session, alice.id) == U("100")


async def test_daily_cap_counts_the_utc_day(session: AsyncSession) -> None:
    alice = await make_holder(session, balance="20000")
    bob = await make_holder(session)
    await service.transfer(
        session, sender_id=alice.id, to_user_id=bob.id, amount=U("9999.99"), idempotency_key="a"
    )
    await service.transfer(
        session, sender_id=alice.id, to_user_id=bob.id, amount=U("0.01"), idempotency_key="b"
    )
    with pytest.raises(DailyLimitExceeded):
        await service.transfer(
            session, sender_id=alice.id, to_user_id=bob.id, amount=U("0.01"), idempotency_key="c"
        )
    assert await balance_units(session, bob.id) == U("10000")


async def test_a_single_transfer_over_the_daily_cap_is_refused(session: AsyncSession) -> None:
    alice = await make_holder(session, balance="20000")
    bob = await make_holder(session)
    with pytest.raises(DailyLimitExceeded):
        await service.transfer(
            session, sender_id=alice.id, to_user_id=bob.id, amount=U("10000.01"),
            idempotency_key="a",
        )  # fmt: skip


async def test_admins_are_exempt_from_the_daily_cap(session: AsyncSession) -> None:
    admin = await make_holder(session, role=Role.SUPER_ADMIN, balance="30000")
    bob = await make_holder(session)
    await service.transfer(
        session, sender_id=admin.id, to_user_id=bob.id, amount=U("25000"), idempotency_key="a",
        exempt_from_daily_limit=True,
    )  # fmt: skip
    assert await balance_units(session, bob.id) == U("25000")


async def test_daily_cap_is_a_setting(session: AsyncSession, settings: Settings) -> None:
    from decimal import Decimal

    alice = await make_holder(session, balance="100")
    bob = await make_holder(session)
    tight = settings.model_copy(update={"buz_daily_send_limit": Decimal("5")})
    with pytest.raises(DailyLimitExceeded):
        await service.transfer(
            session, sender_id=alice.id, to_user_id=bob.id, amount=U("6"), idempotency_key="a",
            settings=tight,
        )  # fmt: skip


async def test_mint_is_capped_by_the_max_supply(session: AsyncSession) -> None:
    admin = await make_holder(session, role=Role.SUPER_ADMIN)
    minted = (await service.supply(session)).minted
    headroom = MAX_SUPPLY_UNITS - minted
    big = Settings(buz_admin_operation_max=__import__("decimal").Decimal("1000000000"))
    await service.mint(
        session, actor_id=admin.id, amount=headroom, reason="fill to the cap",
        idempotency_key="fill", settings=big,
    )  # fmt: skip
    with pytest.raises(SupplyCapExceeded):
        await service.mint(
            session, actor_id=admin.id, amount=U("0.01"), reason="one cent more",
            idempotency_key="over", settings=big,
        )  # fmt: skip
    assert (await service.supply(session)).minted == MAX_SUPPLY_UNITS
    await assert_ledger_ok(session)


async def test_mint_and_burn_move_the_supply(session: AsyncSession) -> None:
    admin = await make_holder(session, role=Role.SUPER_ADMIN)
    before = await service.supply(session)
    await service.mint(session, actor_id=admin.id, amount=U("500"), reason="grant",
                       idempotency_key="m")  # fmt: skip
    await service.burn(session, actor_id=admin.id, amount=U("200"), reason="burn",
                       idempotency_key="b")  # fmt: skip
    after = await service.supply(session)
    assert after.minted - before.minted == U("500")
    assert after.burned - before.burned == U("200")
    assert after.supply - before.supply == U("300")
    with pytest.raises(InvalidTransfer):
        await service.mint(session, actor_id=admin.id, amount=U("1000000.01"), reason="too much",
                           idempotency_key="x")  # fmt: skip
    await assert_ledger_ok(session)


async def test_rewards_are_paid_once_per_key(session: AsyncSession) -> None:
    user = await make_holder(session)
    for _ in range(3):
        await service.credit_reward(
            session, user_id=user.id, amount=U("100"), idempotency_key="level:up:1"
        )
    assert await balance_units(session, user.id) == U("100")


async def test_charge_takes_from_the_wallet_into_a_pool(session: AsyncSession) -> None:
    user = await make_holder(session, balance="60")
    before = await _system_balance(session, SystemAccount.VENTURE_FUND)
    await service.charge(session, user_id=user.id, amount=U("50"), idempotency_key="venture:1")
    assert await balance_units(session, user.id) == U("10")
    assert await _system_balance(session, SystemAccount.VENTURE_FUND) == before + U("50")
    with pytest.raises(InsufficientFunds):
        await service.charge(session, user_id=user.id, amount=U("50"), idempotency_key="venture:2")
    assert await balance_units(session, user.id) == U("10")


async def test_revenue_share_comes_from_the_community_pool(session: AsyncSession) -> None:
    user = await make_holder(session)
    before = await _system_balance(session, SystemAccount.COMMUNITY)
    posted = await service.pay_revenue_share(
        session, user_id=user.id, amount=U("1.25"), idempotency_key="share:1"
    )
    assert posted.transfer.kind == TransferKind.REVENUE_SHARE
    assert posted.transfer.fee == 0
    assert await _system_balance(session, SystemAccount.COMMUNITY) == before - U("1.25")


async def test_welcome_bonus_is_paid_once(session: AsyncSession) -> None:
    user = await make_holder(session, role=Role.GUEST)
    first = await service.pay_welcome_bonus(session, user_id=user.id)
    second = await service.pay_welcome_bonus(session, user_id=user.id)
    assert first is not None
    assert second is not None
    assert first.created
    assert not second.created
    assert await balance_units(session, user.id) == U("1000")


# --- staking -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tier", "low", "high"),
    [(StakeTier.BRONZE, "100", "10000"), (StakeTier.SILVER, "500", "50000"),
     (StakeTier.GOLD, "1000", "100000"), (StakeTier.PLATINUM, "5000", "500000")],
)  # fmt: skip
async def test_each_tier_has_its_amount_range(
    session: AsyncSession, tier: StakeTier, low: str, high: str
) -> None:
    user = await make_holder(session, role=Role.SUBSCRIBER, balance="600000")
    position, created = await service.stake(
        session, user_id=user.id, amount=U(low), tier=tier, idempotency_key="low"
    )
    assert created
    assert position.status == StakeStatus.ACTIVE
    await service.stake(session, user_id=user.id, amount=U(high), tier=tier, idempotency_key="hi")
    for amount in (U(low) - 1, U(high) + 1):
        with pytest.raises(InvalidTransfer):
            await service.stake(
                session, user_id=user.id, amount=amount, tier=tier, idempotency_key=f"x{amount}"
            )
    bal = await service.balance(session, user_id=user.id)
    assert bal.staked == U(low) + U(high)
    assert bal.total == U("600000")


async def test_stake_needs_the_money(session: AsyncSession) -> None:
    user = await make_holder(session, role=Role.SUBSCRIBER, balance="99")
    with pytest.raises(InsufficientFunds):
        await service.stake(
            session, user_id=user.id, amount=U("100"), tier=StakeTier.BRONZE, idempotency_key="s"
        )


async def test_unstake_at_maturity_pays_principal_and_reward(session: AsyncSession) -> None:
    user = await make_holder(session, role=Role.SUBSCRIBER, balance="1000")
    position, _ = await service.stake(
        session, user_id=user.id, amount=U("1000"), tier=StakeTier.BRONZE, idempotency_key="s"
    )
    assert position.expected_reward == U("4.10")
    pool_before = await _system_balance(session, SystemAccount.STAKING_REWARDS)
    later = utcnow() + timedelta(days=30, seconds=1)
    assert await service.mark_matured(session, now=later) >= 1
    closed = await service.unstake(session, user_id=user.id, position_id=position.id, now=later)
    assert closed.status == StakeStatus.UNSTAKED
    assert closed.reward_paid == U("4.10")
    assert closed.penalty == 0
    assert await balance_units(session, user.id) == U("1004.10")
    assert await _system_balance(session, SystemAccount.STAKING_REWARDS) == pool_before - U("4.10")
    with pytest.raises(PositionClosed):
        await service.unstake(session, user_id=user.id, position_id=position.id, now=later)
    await assert_ledger_ok(session)


async def test_early_unstake_keeps_ten_percent_and_pays_no_reward(session: AsyncSession) -> None:
    user = await make_holder(session, role=Role.SUBSCRIBER, balance="1000")
    position, _ = await service.stake(
        session, user_id=user.id, amount=U("1000"), tier=StakeTier.GOLD, idempotency_key="s"
    )
    fees_before = (await service.supply(session)).fees
    closed = await service.unstake(
        session, user_id=user.id, position_id=position.id, now=utcnow() + timedelta(days=179)
    )
    assert closed.penalty == U("100")
    assert closed.reward_paid == 0
    assert await balance_units(session, user.id) == U("900")
    assert (await service.supply(session)).fees == fees_before + U("100")
    assert (await service.balance(session, user_id=user.id)).staked == 0
    await assert_ledger_ok(session)


async def test_someone_elses_position_is_not_found(session: AsyncSession) -> None:
    owner = await make_holder(session, role=Role.SUBSCRIBER, balance="100")
    other = await make_holder(session, role=Role.SUBSCRIBER)
    position, _ = await service.stake(
        session, user_id=owner.id, amount=U("100"), tier=StakeTier.BRONZE, idempotency_key="s"
    )
    with pytest.raises(PositionNotFound):
        await service.unstake(session, user_id=other.id, position_id=position.id)
    with pytest.raises(PositionNotFound):
        await service.unstake(session, user_id=owner.id, position_id=uuid.uuid4())


async def test_stake_replay_returns_the_same_position(session: AsyncSession) -> None:
    user = await make_holder(session, role=Role.SUBSCRIBER, balance="300")
    first, _ = await service.stake(
        session, user_id=user.id, amount=U("100"), tier=StakeTier.BRONZE, idempotency_key="s"
    )
    again, created = await service.stake(
        session, user_id=user.id, amount=U("100"), tier=StakeTier.BRONZE, idempotency_key="s"
    )
    assert not created
    assert again.id == first.id
    with pytest.raises(IdempotencyConflict):
        await service.stake(
            session, user_id=user.id, amount=U("200"), tier=StakeTier.BRONZE, idempotency_key="s"
        )
    assert (await service.balance(session, user_id=user.id)).staked == U("100")


async def test_maturity_job_marks_only_positions_past_their_lock(session: AsyncSession) -> None:
    user = await make_holder(session, role=Role.SUBSCRIBER, balance="1000")
    short, _ = await service.stake(
        session, user_id=user.id, amount=U("100"), tier=StakeTier.BRONZE, idempotency_key="a"
    )
    long_, _ = await service.stake(
        session, user_id=user.id, amount=U("500"), tier=StakeTier.SILVER, idempotency_key="b"
    )
    await service.mark_matured(session, now=utcnow() + timedelta(days=31))
    from sqlmodel import select

    found = await session.exec(select(BuzStakePosition).where(BuzStakePosition.user_id == user.id))
    rows = {p.id: p.status for p in found}
    assert rows == {short.id: StakeStatus.MATURED.value, long_.id: StakeStatus.ACTIVE.value}


# --- the invariant check -------------------------------------------------------------------


async def test_the_check_reports_a_tampered_balance(session: AsyncSession) -> None:
    user = await make_holder(session, balance="10")
    await db.execute(
        session,
        sa.update(ledger.ACCOUNTS)
        .where(ledger.ACCOUNTS.c.id == wallet_id(user.id))
        .values(balance=ledger.ACCOUNTS.c.balance + 1),
    )
    report = await service.verify(session)
    assert not report.ok
    assert any("sum to 1 units" in v for v in report.violations)
    assert any(f"wallet:{user.id}" in v for v in report.violations)


async def test_the_balance_constraint_refuses_a_negative_wallet(session: AsyncSession) -> None:
    from sqlalchemy.exc import IntegrityError

    user = await make_holder(session)
    with pytest.raises(IntegrityError):
        async with session.begin_nested():
            await db.execute(
                session,
                sa.update(ledger.ACCOUNTS)
                .where(ledger.ACCOUNTS.c.id == wallet_id(user.id))
                .values(balance=-1),
            )
