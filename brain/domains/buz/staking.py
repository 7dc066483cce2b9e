"""Staking: locking BUZ from the wallet in a tier for its term, the maturity job, and closing
a position (principal plus reward at maturity, minus a penalty before it)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from decimal import Decimal

import sqlalchemy as sa
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus
from brain.core.config import Settings, get_settings
from brain.core.models import new_id, utcnow
from brain.core.pagination import Keyset, PageParams
from brain.domains.buz import ledger
from brain.domains.buz.errors import InvalidTransfer, PositionClosed, PositionNotFound
from brain.domains.buz.events import Staked, StakeMatured, Unstaked
from brain.domains.buz.ledger import Leg
from brain.domains.buz.models import BuzStakePosition
from brain.domains.buz.rules import (
    TIERS,
    StakeStatus,
    StakeTier,
    SystemAccount,
    TransferKind,
    fees_account,
    penalty_units,
    stake_reward_units,
    staking_id,
    system_id,
    wallet_id,
)
from brain.domains.buz.schemas import PositionRead, TierRead
from brain.domains.buz.transfers import publish_completed, request_hash
from brain.domains.buz.wallets import staking_ref, wallet_ref

POSITIONS = BuzStakePosition.__table__  # type: ignore[attr-defined]
# A user's positions, newest first.
POSITION_LIST = Keyset("buz.positions", POSITIONS.c.started_at, POSITIONS.c.id)
_OPEN = [StakeStatus.ACTIVE.value, StakeStatus.MATURED.value]


def _percent(bps: int) -> str:
    return f"{Decimal(bps) / 100:.2f}"


def _position_read(p: BuzStakePosition, now: datetime) -> PositionRead:
    tier = TIERS[StakeTier(p.tier)]
    elapsed = max(0, min((now - p.started_at).days, p.lock_days))
    open_ = p.status != StakeStatus.UNSTAKED
    return PositionRead(
        id=p.id,
        user_id=p.user_id,
        tier=StakeTier(p.tier),
        amount=p.amount,
        apy_percent=_percent(p.apy_bps),
        lock_days=p.lock_days,
        status=StakeStatus(p.status),
        started_at=p.started_at,
        matures_at=p.matures_at,
        closed_at=p.closed_at,
        accrued_reward=stake_reward_units(p.amount, tier, elapsed) if open_ else p.reward_paid,
        expected_reward=stake_reward_units(p.amount, tier, p.lock_days) if open_ else p.reward_paid,
        reward_paid=p.reward_paid,
        penalty=p.penalty,
    )


def tiers() -> list[TierRead]:
    return [
        TierRead(
            tier=name,
            lock_days=t.lock_days,
            apy_percent=_percent(t.apy_bps),
            min_amount=t.min_units,
            max_amount=t.max_units,
        )
        for name, t in TIERS.items()
    ]


async def stake(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    amount: int,
    tier: StakeTier,
    idempotency_key: str,
) -> tuple[PositionRead, bool]:
    """Lock `amount` from the wallet in the user's staking account for the tier's term.
    Returns the position and whether it was created (False: an idempotent replay)."""
    spec = TIERS[tier]
    if not spec.min_units <= amount <= spec.max_units:
        raise InvalidTransfer(
            f"A {tier.value} stake is between {spec.min_units // 100:,} and "
            f"{spec.max_units // 100:,} BUZ."
        )
    key = f"stake:{user_id}:{idempotency_key}"
    wallet, staking = wallet_ref(user_id), staking_ref(user_id)

    async def operation() -> tuple[PositionRead, bool]:
        position_id = new_id()
        original = await ledger.claim_key(
            session,
            key=key,
            operation="stake",
            request_hash=request_hash(tier.value, amount),
            result_id=position_id,
        )
        if original is not None:
            existing = await session.get(BuzStakePosition, original)
            assert existing is not None
            return _position_read(existing, utcnow()), False
        now = utcnow()
        group_id = new_id()
        await ledger.post(
            session,
            [Leg(TransferKind.STAKE, wallet.id, staking.id, amount)],
            group_id=group_id,
            reference=f"stake:{position_id}",
            actor_id=user_id,
            created_at=now,
        )
        position = BuzStakePosition(
            id=position_id,
            user_id=user_id,
            tier=tier.value,
            amount=amount,
            apy_bps=spec.apy_bps,
            lock_days=spec.lock_days,
            status=StakeStatus.ACTIVE.value,
            started_at=now,
            matures_at=now + timedelta(days=spec.lock_days),
            stake_group_id=group_id,
        )
        session.add(position)
        event = Staked(
            position_id=position_id,
            user_id=user_id,
            tier=tier.value,
            amount=amount,
            actor_id=user_id,
        )
        await bus.publish(session, event)
        await publish_completed(
            session,
            group_id=group_id,
            kind=TransferKind.STAKE,
            source=wallet,
            target=staking,
            amount=amount,
            actor_id=user_id,
        )
        await session.flush()
        return _position_read(position, now), True

    return await ledger.atomic(session, operation)


async def _claim(
    session: AsyncSession, *, user_id: uuid.UUID, position_id: uuid.UUID, at: datetime
) -> BuzStakePosition:
    """Close the user's open position (a conditional update of its status, so only one
    unstake ever wins) and load it; `PositionNotFound` or `PositionClosed` otherwise."""
    claimed = (
        await session.exec(
            sa.update(POSITIONS)
            .where(
                POSITIONS.c.id == position_id,
                POSITIONS.c.user_id == user_id,
                POSITIONS.c.status.in_(_OPEN),
            )
            .values(status=StakeStatus.UNSTAKED.value, closed_at=at)
            .returning(POSITIONS.c.id)
        )
    ).first()
    if claimed is None:
        existing = await session.get(BuzStakePosition, position_id)
        if existing is None or existing.user_id != user_id:
            raise PositionNotFound()
        raise PositionClosed()
    position = await session.get(BuzStakePosition, position_id, populate_existing=True)
    assert position is not None
    return position


def _closing_legs(
    position: BuzStakePosition, *, early: bool, penalty_bps: int
) -> tuple[list[Leg], int, int]:
    """The legs that close a position, its reward and its penalty: before maturity the
    principal minus the penalty back and the penalty to fees, no reward; at or after it the
    principal back and the reward from the staking-rewards pool."""
    wallet, staking = wallet_id(position.user_id), staking_id(position.user_id)
    if early:
        penalty = penalty_units(position.amount, penalty_bps)
        legs = [
            Leg(TransferKind.UNSTAKE, staking, wallet, position.amount - penalty),
            Leg(TransferKind.PENALTY, staking, fees_account(staking)[0], penalty),
        ]
        # A principal the penalty takes whole returns nothing: the penalty leg alone.
        return (legs[1:] if position.amount - penalty <= 0 else legs), 0, penalty
    tier = TIERS[StakeTier(position.tier)]
    reward = stake_reward_units(position.amount, tier, position.lock_days)
    rewards_pool = system_id(SystemAccount.STAKING_REWARDS)
    legs = [
        Leg(TransferKind.UNSTAKE, staking, wallet, position.amount),
        Leg(TransferKind.STAKE_REWARD, rewards_pool, wallet, reward),
    ]
    return legs, reward, 0


async def unstake(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    position_id: uuid.UUID,
    settings: Settings | None = None,
    now: datetime | None = None,
) -> PositionRead:
    """Close a position: at or after maturity the principal plus the reward (from the
    staking-rewards pool); before it, the principal minus the penalty (to fees), no reward.
    The claim is a conditional update of the position's status, so it happens once."""
    settings = settings or get_settings()

    async def operation() -> PositionRead:
        at = now or utcnow()
        position = await _claim(session, user_id=user_id, position_id=position_id, at=at)
        early = at < position.matures_at
        legs, reward, penalty = _closing_legs(
            position, early=early, penalty_bps=settings.buz_early_unstake_penalty_bps
        )
        group_id = new_id()
        await ledger.post(
            session,
            legs,
            group_id=group_id,
            reference=f"unstake:{position.id}",
            actor_id=user_id,
            created_at=at,
        )
        position.reward_paid, position.penalty = reward, penalty
        position.unstake_group_id = group_id
        session.add(position)
        event = Unstaked(
            position_id=position.id,
            user_id=user_id,
            early=early,
            returned=position.amount - penalty,
            reward=reward,
            penalty=penalty,
            actor_id=user_id,
        )
        await bus.publish(session, event)
        await publish_completed(
            session,
            group_id=group_id,
            kind=legs[0].kind,
            source=staking_ref(user_id),
            target=wallet_ref(user_id),
            amount=legs[0].amount,
            actor_id=user_id,
        )
        await session.flush()
        return _position_read(position, at)

    return await ledger.atomic(session, operation)


async def list_positions(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    page: PageParams,
    status: StakeStatus | None = None,
) -> tuple[list[PositionRead], str | None]:
    """The user's positions, newest first, and the cursor of the next page."""
    query = select(BuzStakePosition).where(BuzStakePosition.user_id == user_id)
    if status is not None:
        query = query.where(BuzStakePosition.status == status.value)
    found = await session.exec(POSITION_LIST.apply(query, page))
    rows, next_cursor = POSITION_LIST.page(list(found.all()), page)
    now = utcnow()
    return [_position_read(p, now) for p in rows], next_cursor


async def mark_matured(session: AsyncSession, *, now: datetime | None = None) -> int:
    """Move ACTIVE positions past their lock to MATURED (and tell their owners)."""
    rows = (
        await session.exec(
            sa.update(POSITIONS)
            .where(
                POSITIONS.c.status == StakeStatus.ACTIVE.value,
                POSITIONS.c.matures_at <= (now or utcnow()),
            )
            .values(status=StakeStatus.MATURED.value)
            .returning(
                POSITIONS.c.id,
                POSITIONS.c.user_id,
                POSITIONS.c.amount,
                POSITIONS.c.tier,
                POSITIONS.c.lock_days,
            )
        )
    ).all()
    for row in rows:
        reward = stake_reward_units(row.amount, TIERS[StakeTier(row.tier)], row.lock_days)
        await bus.publish(
            session, StakeMatured(position_id=row.id, user_id=row.user_id, reward=reward)
        )
    return len(rows)
