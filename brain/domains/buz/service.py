"""Business functions of the buz domain: the only writer of the ledger. They flush, never
commit; every money movement runs through `ledger.atomic` and `ledger.post`.

Other domains pay and charge through `credit_reward`, `charge` and `pay_revenue_share`, in
their own transaction, each with an idempotency key: the same key with the same request
returns the original transfer, so a redelivered event never pays twice. Amounts are integer
minor units (1 BUZ = 100); `rules.parse_units("50")` converts.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus, db
from brain.core.config import Settings, get_settings
from brain.core.models import new_id, utcnow
from brain.core.schemas import decode_cursor, encode_cursor
from brain.domains.buz import ledger
from brain.domains.buz.errors import (
    InvalidTransfer,
    PositionClosed,
    PositionNotFound,
    RecipientNotActive,
    TransferNotFound,
    WalletNotFound,
)
from brain.domains.buz.events import Staked, StakeMatured, TransferCompleted, Unstaked
from brain.domains.buz.ledger import ACCOUNTS, TRANSFERS, Leg
from brain.domains.buz.models import BuzAdminAction, BuzPrice, BuzStakePosition
from brain.domains.buz.rules import (
    FEE_SHARD_CODES,
    MAX_SUPPLY_UNITS,
    POOLS,
    TIERS,
    AccountKind,
    StakeStatus,
    StakeTier,
    SystemAccount,
    TransferKind,
    fees_account,
    parse_units,
    penalty_units,
    stake_reward_units,
    staking_id,
    system_id,
    wallet_id,
)
from brain.domains.buz.schemas import (
    AccountRef,
    AnalyticsRead,
    BalanceRead,
    DailyVolume,
    Holder,
    LedgerReport,
    LegRead,
    PoolRead,
    PositionRead,
    PricePoint,
    PriceRead,
    SupplyRead,
    TierRead,
    TransactionRead,
    TransferRead,
)
from brain.domains.users import service as users
from brain.domains.users.schemas import UserStatus

__all__ = [
    "InvalidTransfer",
    "charge",
    "credit_reward",
    "open_accounts",
    "pay_revenue_share",
    "transfer",
]


def _hash(*parts: object) -> str:
    return hashlib.sha256("|".join("" if p is None else str(p) for p in parts).encode()).hexdigest()


def _units(value: Decimal) -> int:
    return parse_units(value)


# --- accounts ------------------------------------------------------------------------------


async def open_accounts(session: AsyncSession, *, user_id: uuid.UUID) -> None:
    """Create the user's wallet and staking account (idempotent). Called when a user is
    created (`users.registered`); never implicitly by a transfer."""
    await ledger.open_accounts(session, [user_id])


# --- reading transfers ---------------------------------------------------------------------


async def _accounts(session: AsyncSession, ids: set[uuid.UUID]) -> dict[uuid.UUID, AccountRef]:
    rows = (
        await ledger.q(
            session,
            sa.select(ACCOUNTS.c.id, ACCOUNTS.c.code, ACCOUNTS.c.kind, ACCOUNTS.c.user_id).where(
                ACCOUNTS.c.id.in_(ids)
            ),
        )
    ).all()
    return {r.id: AccountRef(id=r.id, code=r.code, kind=r.kind, user_id=r.user_id) for r in rows}


def _leg_read(row: Any, refs: dict[uuid.UUID, AccountRef]) -> LegRead:
    return LegRead(
        id=row["id"],
        kind=TransferKind(row["kind"]),
        debit=refs[row["debit_account_id"]],
        credit=refs[row["credit_account_id"]],
        amount=row["amount"],
        debit_balance_after=row["debit_balance_after"],
        debit_version=row["debit_version"],
        credit_balance_after=row["credit_balance_after"],
        credit_version=row["credit_version"],
        created_at=row["created_at"],
    )


_FEE_KINDS = (TransferKind.FEE.value,)


def _transfer_read(rows: list[dict[str, Any]], refs: dict[uuid.UUID, AccountRef]) -> TransferRead:
    head = next(r for r in rows if r["id"] == r["group_id"])
    legs = [_leg_read(r, refs) for r in rows]
    return TransferRead(
        id=head["group_id"],
        kind=TransferKind(head["kind"]),
        from_account=refs[head["debit_account_id"]],
        to_account=refs[head["credit_account_id"]],
        amount=head["amount"],
        fee=sum(r["amount"] for r in rows if r["kind"] in _FEE_KINDS),
        memo=head["memo"],
        reference=head["reference"],
        created_at=head["created_at"],
        legs=legs,
    )


async def _read_posted(session: AsyncSession, rows: list[dict[str, Any]]) -> TransferRead:
    ids = {r["debit_account_id"] for r in rows} | {r["credit_account_id"] for r in rows}
    return _transfer_read(rows, await _accounts(session, ids))


async def get_transfer(session: AsyncSession, transfer_id: uuid.UUID) -> TransferRead:
    """A transfer group by its id (or the id of any of its legs)."""
    group = sa.select(TRANSFERS.c.group_id).where(TRANSFERS.c.id == transfer_id).scalar_subquery()
    rows = [
        dict(r._mapping)
        for r in (
            await ledger.q(session, sa.select(TRANSFERS).where(TRANSFERS.c.group_id == group))
        ).all()
    ]
    if not rows:
        raise TransferNotFound()
    rows.sort(key=lambda r: (r["id"] != r["group_id"], r["debit_version"]))
    return await _read_posted(session, rows)


# --- moving money --------------------------------------------------------------------------


@dataclass(frozen=True)
class Posted:
    transfer: TransferRead
    created: bool  # False when an idempotent replay returned the original


async def _publish_completed(
    session: AsyncSession,
    *,
    group_id: uuid.UUID,
    kind: TransferKind,
    debit: uuid.UUID,
    credit: uuid.UUID,
    amount: int,
    fee: int = 0,
    from_user_id: uuid.UUID | None = None,
    to_user_id: uuid.UUID | None = None,
    from_code: str,
    to_code: str,
    actor_id: uuid.UUID | None = None,
) -> None:
    del debit, credit
    await bus.publish(
        session,
        TransferCompleted(
            transfer_id=group_id,
            kind=kind.value,
            from_account=from_code,
            to_account=to_code,
            from_user_id=from_user_id,
            to_user_id=to_user_id,
            amount=amount,
            fee=fee,
            actor_id=actor_id,
        ),
    )


async def transfer(
    session: AsyncSession,
    *,
    sender_id: uuid.UUID,
    to_user_id: uuid.UUID,
    amount: int,
    idempotency_key: str,
    memo: str | None = None,
    exempt_from_daily_limit: bool = False,
    settings: Settings | None = None,
) -> Posted:
    """Send `amount` units from one user's wallet to another's; the sender also pays the fee
    (rounded up to 0.01 BUZ) into the fees account. Both legs commit together or not at all.

    Refused with a 422 `VALIDATION_ERROR` (amount out of range, self-transfer), 404 (unknown
    recipient), 409 (`RECIPIENT_NOT_ACTIVE`, `DAILY_LIMIT_EXCEEDED`, `INSUFFICIENT_FUNDS`,
    `IDEMPOTENCY_CONFLICT`); a refused transfer leaves no trace.
    """
    settings = settings or get_settings()
    low, high = _units(settings.buz_transfer_min), _units(settings.buz_transfer_max)
    if not low <= amount <= high:
        raise InvalidTransfer(
            f"A transfer is between {settings.buz_transfer_min} and "
            f"{settings.buz_transfer_max} BUZ."
        )
    if to_user_id == sender_id:
        raise InvalidTransfer("You cannot send BUZ to yourself.")
    from brain.domains.buz.rules import fee_units

    fee = fee_units(amount, settings.buz_transfer_fee_bps)
    sender_wallet, recipient_wallet = wallet_id(sender_id), wallet_id(to_user_id)
    fees, fees_code = fees_account(sender_wallet)
    key = f"transfer:{sender_id}:{idempotency_key}"
    request_hash = _hash(to_user_id, amount, memo)

    async def operation() -> Posted:
        group_id = new_id()
        original = await ledger.claim_key(
            session, key=key, operation="transfer", request_hash=request_hash, result_id=group_id
        )
        if original is not None:
            return Posted(await get_transfer(session, original), created=False)
        if await users.user_status(session, to_user_id) != UserStatus.ACTIVE:
            raise RecipientNotActive()
        now = utcnow()
        if not exempt_from_daily_limit:
            await ledger.add_daily_send(
                session,
                account=sender_wallet,
                day=now.date(),
                amount=amount,
                cap=_units(settings.buz_daily_send_limit),
            )
        await _publish_completed(
            session,
            group_id=group_id,
            kind=TransferKind.TRANSFER,
            debit=sender_wallet,
            credit=recipient_wallet,
            amount=amount,
            fee=fee,
            from_user_id=sender_id,
            to_user_id=to_user_id,
            from_code=f"wallet:{sender_id}",
            to_code=f"wallet:{to_user_id}",
            actor_id=sender_id,
        )
        # Written before the accounts, so the outbox insert is not inside the fee row lock.
        await session.flush()
        rows = await ledger.post(
            session,
            [
                Leg(TransferKind.TRANSFER, sender_wallet, recipient_wallet, amount),
                Leg(TransferKind.FEE, sender_wallet, fees, fee),
            ],
            group_id=group_id,
            memo=memo,
            actor_id=sender_id,
            created_at=now,
        )
        # The accounts are known: no query while the fees row is locked.
        refs = {
            sender_wallet: AccountRef(id=sender_wallet, code=f"wallet:{sender_id}",
                                      kind=AccountKind.WALLET.value, user_id=sender_id),
            recipient_wallet: AccountRef(id=recipient_wallet, code=f"wallet:{to_user_id}",
                                         kind=AccountKind.WALLET.value, user_id=to_user_id),
            fees: AccountRef(id=fees, code=fees_code, kind=AccountKind.SYSTEM.value),
        }  # fmt: skip
        return Posted(_transfer_read(rows, refs), created=True)

    return await ledger.atomic(session, operation)


async def _system_transfer(
    session: AsyncSession,
    *,
    kind: TransferKind,
    debit: uuid.UUID,
    credit: uuid.UUID,
    amount: int,
    key: str,
    reference: str | None,
    actor_id: uuid.UUID | None,
    memo: str | None = None,
    extra: Any = None,
) -> Posted:
    if amount <= 0:
        raise InvalidTransfer("The amount must be more than zero.")
    request_hash = _hash(kind.value, debit, credit, amount, reference, memo)

    async def operation() -> Posted:
        group_id = new_id()
        original = await ledger.claim_key(
            session, key=key, operation=kind.value, request_hash=request_hash, result_id=group_id
        )
        if original is not None:
            return Posted(await get_transfer(session, original), created=False)
        rows = await ledger.post(
            session,
            [Leg(kind, debit, credit, amount)],
            group_id=group_id,
            reference=reference,
            memo=memo,
            actor_id=actor_id,
        )
        posted = await _read_posted(session, rows)
        await _publish_completed(
            session,
            group_id=group_id,
            kind=kind,
            debit=debit,
            credit=credit,
            amount=amount,
            from_user_id=posted.from_account.user_id,
            to_user_id=posted.to_account.user_id,
            from_code=posted.from_account.code,
            to_code=posted.to_account.code,
            actor_id=actor_id,
        )
        if extra is not None:
            await extra(group_id)
        return Posted(posted, created=True)

    return await ledger.atomic(session, operation)


async def credit_reward(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    amount: int,
    idempotency_key: str,
    reference: str | None = None,
    pool: SystemAccount = SystemAccount.USER_REWARDS,
    kind: TransferKind = TransferKind.REWARD,
    actor_id: uuid.UUID | None = None,
) -> Posted:
    """Pay a reward from a pool into the user's wallet, no fee; once per idempotency key."""
    if pool not in POOLS or kind not in (TransferKind.REWARD, TransferKind.WELCOME_BONUS):
        raise ValueError("rewards come from a pool, as REWARD or WELCOME_BONUS")
    return await _system_transfer(
        session,
        kind=kind,
        debit=system_id(pool),
        credit=wallet_id(user_id),
        amount=amount,
        key=f"reward:{idempotency_key}",
        reference=reference,
        actor_id=actor_id,
    )


async def charge(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    amount: int,
    idempotency_key: str,
    reference: str | None = None,
    to_pool: SystemAccount = SystemAccount.VENTURE_FUND,
) -> Posted:
    """Take `amount` from the user's wallet into a pool (e.g. 50 BUZ to create a venture),
    in the caller's transaction; `InsufficientFunds` when the wallet is short."""
    if to_pool not in POOLS:
        raise ValueError("charges go to a pool")
    return await _system_transfer(
        session,
        kind=TransferKind.CHARGE,
        debit=wallet_id(user_id),
        credit=system_id(to_pool),
        amount=amount,
        key=f"charge:{idempotency_key}",
        reference=reference,
        actor_id=user_id,
    )


async def pay_revenue_share(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    amount: int,
    idempotency_key: str,
    reference: str | None = None,
) -> Posted:
    """Pay a referral share from the community pool to the user's wallet, no fee."""
    return await _system_transfer(
        session,
        kind=TransferKind.REVENUE_SHARE,
        debit=system_id(SystemAccount.COMMUNITY),
        credit=wallet_id(user_id),
        amount=amount,
        key=f"revenue_share:{idempotency_key}",
        reference=reference,
        actor_id=None,
    )


async def pay_welcome_bonus(
    session: AsyncSession, *, user_id: uuid.UUID, settings: Settings | None = None
) -> Posted | None:
    """The one-time welcome bonus (key `welcome:<user>`: paid once whatever the events do)."""
    settings = settings or get_settings()
    amount = _units(settings.buz_welcome_bonus)
    if amount <= 0:
        return None
    await open_accounts(session, user_id=user_id)
    return await credit_reward(
        session,
        user_id=user_id,
        amount=amount,
        idempotency_key=f"welcome:{user_id}",
        kind=TransferKind.WELCOME_BONUS,
        reference="welcome_bonus",
    )


# --- admin: mint, burn, price --------------------------------------------------------------


def _admin_range(amount: int, settings: Settings) -> None:
    low, high = _units(settings.buz_admin_operation_min), _units(settings.buz_admin_operation_max)
    if not low <= amount <= high:
        raise InvalidTransfer(
            f"A mint or burn is between {settings.buz_admin_operation_min} and "
            f"{settings.buz_admin_operation_max} BUZ."
        )


async def _admin_operation(
    session: AsyncSession,
    *,
    action: TransferKind,
    actor_id: uuid.UUID,
    debit: uuid.UUID,
    credit: uuid.UUID,
    amount: int,
    reason: str,
    idempotency_key: str,
    details: dict[str, Any],
    settings: Settings | None,
) -> Posted:
    _admin_range(amount, settings or get_settings())

    async def audit(group_id: uuid.UUID) -> None:
        session.add(
            BuzAdminAction(
                actor_id=actor_id,
                action=action.value,
                amount=amount,
                reason=reason,
                group_id=group_id,
                details=details,
            )
        )

    return await _system_transfer(
        session,
        kind=action,
        debit=debit,
        credit=credit,
        amount=amount,
        key=f"admin:{actor_id}:{idempotency_key}",
        reference=f"admin:{action.value.lower()}",
        actor_id=actor_id,
        memo=reason,
        extra=audit,
    )


async def mint(
    session: AsyncSession,
    *,
    actor_id: uuid.UUID,
    amount: int,
    reason: str,
    idempotency_key: str,
    to_pool: SystemAccount | None = None,
    to_user_id: uuid.UUID | None = None,
    settings: Settings | None = None,
) -> Posted:
    """Issue new BUZ into a pool (default community) or a wallet; never past the max supply
    (enforced by the issuance account's conditional update)."""
    if to_pool is not None and to_user_id is not None:
        raise InvalidTransfer("Mint into a pool or a wallet, not both.")
    credit = wallet_id(to_user_id) if to_user_id else system_id(to_pool or SystemAccount.COMMUNITY)
    return await _admin_operation(
        session,
        action=TransferKind.MINT,
        actor_id=actor_id,
        debit=system_id(SystemAccount.ISSUANCE),
        credit=credit,
        amount=amount,
        reason=reason,
        idempotency_key=idempotency_key,
        settings=settings,
        details={
            "to_pool": to_pool.value if to_pool else None,
            "to_user_id": str(to_user_id) if to_user_id else None,
        },
    )


async def burn(
    session: AsyncSession,
    *,
    actor_id: uuid.UUID,
    amount: int,
    reason: str,
    idempotency_key: str,
    from_pool: SystemAccount | None = None,
    from_user_id: uuid.UUID | None = None,
    settings: Settings | None = None,
) -> Posted:
    """Destroy BUZ from a pool (default community) or a wallet into the burn account."""
    if from_pool is not None and from_user_id is not None:
        raise InvalidTransfer("Burn from a pool or a wallet, not both.")
    debit = (
        wallet_id(from_user_id) if from_user_id else system_id(from_pool or SystemAccount.COMMUNITY)
    )
    return await _admin_operation(
        session,
        action=TransferKind.BURN,
        actor_id=actor_id,
        debit=debit,
        credit=system_id(SystemAccount.BURN),
        amount=amount,
        reason=reason,
        idempotency_key=idempotency_key,
        settings=settings,
        details={
            "from_pool": from_pool.value if from_pool else None,
            "from_user_id": str(from_user_id) if from_user_id else None,
        },
    )


async def set_price(
    session: AsyncSession, *, actor_id: uuid.UUID, price_usd: Decimal, note: str | None
) -> BuzPrice:
    row = BuzPrice(price_usd=price_usd, set_by=actor_id, note=note)
    session.add(row)
    session.add(
        BuzAdminAction(
            actor_id=actor_id,
            action="SET_PRICE",
            reason=note or "price set",
            details={"price_usd": str(price_usd)},
        )
    )
    await session.flush()
    return row


async def get_price(
    session: AsyncSession, *, limit: int, cursor: str | None, settings: Settings | None = None
) -> PriceRead:
    settings = settings or get_settings()
    query = select(BuzPrice).order_by(col(BuzPrice.created_at).desc(), col(BuzPrice.id).desc())
    if cursor:
        c = decode_cursor(cursor)
        at, last = datetime.fromisoformat(str(c["t"])), uuid.UUID(str(c["id"]))
        query = query.where(
            sa.or_(
                col(BuzPrice.created_at) < at,
                sa.and_(col(BuzPrice.created_at) == at, col(BuzPrice.id) < last),
            )
        )
    rows = list((await session.exec(query.limit(limit + 1))).all())
    latest = (
        await session.exec(
            select(BuzPrice).order_by(col(BuzPrice.created_at).desc(), col(BuzPrice.id).desc())
        )
    ).first()
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor({"t": rows[-1].created_at.isoformat(), "id": rows[-1].id})
    return PriceRead(
        price_usd=latest.price_usd if latest else settings.buz_default_price_usd,
        set_at=latest.created_at if latest else None,
        history=[
            PricePoint(price_usd=r.price_usd, set_at=r.created_at, set_by=r.set_by, note=r.note)
            for r in rows
        ],
        next_cursor=next_cursor,
    )


# --- staking -------------------------------------------------------------------------------


def _position_read(p: BuzStakePosition, now: datetime) -> PositionRead:
    tier = TIERS[StakeTier(p.tier)]
    elapsed = max(0, min((now - p.started_at).days, p.lock_days))
    open_ = p.status != StakeStatus.UNSTAKED
    return PositionRead(
        id=p.id,
        user_id=p.user_id,
        tier=StakeTier(p.tier),
        amount=p.amount,
        apy_percent=f"{Decimal(p.apy_bps) / 100:.2f}",
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
            apy_percent=f"{Decimal(t.apy_bps) / 100:.2f}",
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
    """Lock `amount` from the wallet in the user's staking account for the tier's term."""
    spec = TIERS[tier]
    if not spec.min_units <= amount <= spec.max_units:
        raise InvalidTransfer(
            f"A {tier.value} stake is between {spec.min_units // 100:,} and "
            f"{spec.max_units // 100:,} BUZ."
        )
    key = f"stake:{user_id}:{idempotency_key}"

    async def operation() -> tuple[PositionRead, bool]:
        position_id = new_id()
        original = await ledger.claim_key(
            session,
            key=key,
            operation="stake",
            request_hash=_hash(tier.value, amount),
            result_id=position_id,
        )
        if original is not None:
            existing = await session.get(BuzStakePosition, original)
            assert existing is not None
            return _position_read(existing, utcnow()), False
        now = utcnow()
        group_id = new_id()
        rows = await ledger.post(
            session,
            [Leg(TransferKind.STAKE, wallet_id(user_id), staking_id(user_id), amount)],
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
            stake_group_id=rows[0]["group_id"],
        )
        session.add(position)
        await bus.publish(
            session,
            Staked(
                position_id=position_id,
                user_id=user_id,
                tier=tier.value,
                amount=amount,
                actor_id=user_id,
            ),
        )
        await _publish_completed(
            session,
            group_id=group_id,
            kind=TransferKind.STAKE,
            debit=wallet_id(user_id),
            credit=staking_id(user_id),
            amount=amount,
            from_user_id=user_id,
            to_user_id=user_id,
            from_code=f"wallet:{user_id}",
            to_code=f"staking:{user_id}",
            actor_id=user_id,
        )
        await session.flush()
        return _position_read(position, now), True

    return await ledger.atomic(session, operation)


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
        table = BuzStakePosition.__table__  # type: ignore[attr-defined]
        claimed = (
            await session.exec(
                sa.update(table)
                .where(
                    table.c.id == position_id,
                    table.c.user_id == user_id,
                    table.c.status.in_([StakeStatus.ACTIVE.value, StakeStatus.MATURED.value]),
                )
                .values(status=StakeStatus.UNSTAKED.value, closed_at=at)
                .returning(table.c.id)
            )
        ).first()
        if claimed is None:
            existing = await session.get(BuzStakePosition, position_id)
            if existing is None or existing.user_id != user_id:
                raise PositionNotFound()
            raise PositionClosed()
        position = await session.get(BuzStakePosition, position_id, populate_existing=True)
        assert position is not None
        wallet, staking = wallet_id(user_id), staking_id(user_id)
        early = at < position.matures_at
        reward = penalty = 0
        if early:
            penalty = penalty_units(position.amount, settings.buz_early_unstake_penalty_bps)
            legs = [
                Leg(TransferKind.UNSTAKE, staking, wallet, position.amount - penalty),
                Leg(TransferKind.PENALTY, staking, fees_account(staking)[0], penalty),
            ]
        else:
            tier = TIERS[StakeTier(position.tier)]
            reward = stake_reward_units(position.amount, tier, position.lock_days)
            legs = [
                Leg(TransferKind.UNSTAKE, staking, wallet, position.amount),
                Leg(
                    TransferKind.STAKE_REWARD,
                    system_id(SystemAccount.STAKING_REWARDS),
                    wallet,
                    reward,
                ),
            ]
        if position.amount - penalty <= 0:
            legs = legs[1:]
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
        await bus.publish(
            session,
            Unstaked(
                position_id=position.id,
                user_id=user_id,
                early=early,
                returned=position.amount - penalty,
                reward=reward,
                penalty=penalty,
                actor_id=user_id,
            ),
        )
        await _publish_completed(
            session,
            group_id=group_id,
            kind=legs[0].kind,
            debit=staking,
            credit=wallet,
            amount=legs[0].amount,
            from_user_id=user_id,
            to_user_id=user_id,
            from_code=f"staking:{user_id}",
            to_code=f"wallet:{user_id}",
            actor_id=user_id,
        )
        await session.flush()
        return _position_read(position, at)

    return await ledger.atomic(session, operation)


async def list_positions(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    limit: int,
    cursor: str | None,
    status: StakeStatus | None = None,
) -> tuple[list[PositionRead], str | None]:
    query = select(BuzStakePosition).where(BuzStakePosition.user_id == user_id)
    if status is not None:
        query = query.where(BuzStakePosition.status == status.value)
    if cursor:
        c = decode_cursor(cursor)
        at, last = datetime.fromisoformat(str(c["t"])), uuid.UUID(str(c["id"]))
        query = query.where(
            sa.or_(
                col(BuzStakePosition.started_at) < at,
                sa.and_(col(BuzStakePosition.started_at) == at, col(BuzStakePosition.id) < last),
            )
        )
    query = query.order_by(
        col(BuzStakePosition.started_at).desc(), col(BuzStakePosition.id).desc()
    ).limit(limit + 1)
    rows = list((await session.exec(query)).all())
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor({"t": rows[-1].started_at.isoformat(), "id": rows[-1].id})
    now = utcnow()
    return [_position_read(p, now) for p in rows], next_cursor


async def mark_matured(session: AsyncSession, *, now: datetime | None = None) -> int:
    """Move ACTIVE positions past their lock to MATURED (and tell their owners)."""
    table = BuzStakePosition.__table__  # type: ignore[attr-defined]
    rows = (
        await session.exec(
            sa.update(table)
            .where(
                table.c.status == StakeStatus.ACTIVE.value, table.c.matures_at <= (now or utcnow())
            )
            .values(status=StakeStatus.MATURED.value)
            .returning(table.c.id, table.c.user_id, table.c.amount, table.c.tier, table.c.lock_days)
        )
    ).all()
    for row in rows:
        reward = stake_reward_units(row.amount, TIERS[StakeTier(row.tier)], row.lock_days)
        await bus.publish(
            session, StakeMatured(position_id=row.id, user_id=row.user_id, reward=reward)
        )
    return len(rows)


# --- balances and history ------------------------------------------------------------------


_BALANCES = db.FastSelect(
    sa.select(ACCOUNTS.c.id, ACCOUNTS.c.balance, ACCOUNTS.c.version).where(
        sa.or_(ACCOUNTS.c.id == sa.bindparam("wallet"), ACCOUNTS.c.id == sa.bindparam("staking"))
    )
)


async def balance(session: AsyncSession, *, user_id: uuid.UUID) -> BalanceRead:
    wallet, staking = wallet_id(user_id), staking_id(user_id)
    rows = {
        r["id"]: r for r in await _BALANCES.all(session, {"wallet": wallet, "staking": staking})
    }
    if wallet not in rows:
        raise WalletNotFound()
    available = int(rows[wallet]["balance"])
    staked = int(rows[staking]["balance"]) if staking in rows else 0
    return BalanceRead(
        user_id=user_id,
        available=available,
        staked=staked,
        total=available + staked,
        wallet_version=int(rows[wallet]["version"]),
    )


async def has_wallet(session: AsyncSession, *, user_id: uuid.UUID) -> bool:
    found = await ledger.q(
        session, sa.select(ACCOUNTS.c.id).where(ACCOUNTS.c.id == wallet_id(user_id))
    )
    return found.first() is not None


async def transactions(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    limit: int,
    cursor: str | None,
    kinds: list[TransferKind] | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> tuple[list[TransactionRead], str | None]:
    """The legs that touched the user's wallet or staking account, newest first."""
    wallet, staking = wallet_id(user_id), staking_id(user_id)
    mine = [wallet, staking]
    query = sa.select(TRANSFERS).where(
        sa.or_(TRANSFERS.c.debit_account_id.in_(mine), TRANSFERS.c.credit_account_id.in_(mine))
    )
    if kinds:
        query = query.where(TRANSFERS.c.kind.in_([k.value for k in kinds]))
    if since is not None:
        query = query.where(TRANSFERS.c.created_at >= since)
    if until is not None:
        query = query.where(TRANSFERS.c.created_at < until)
    if cursor:
        c = decode_cursor(cursor)
        at, last = datetime.fromisoformat(str(c["t"])), uuid.UUID(str(c["id"]))
        query = query.where(
            sa.or_(
                TRANSFERS.c.created_at < at,
                sa.and_(TRANSFERS.c.created_at == at, TRANSFERS.c.id < last),
            )
        )
    query = query.order_by(TRANSFERS.c.created_at.desc(), TRANSFERS.c.id.desc()).limit(limit + 1)
    rows = [dict(r._mapping) for r in (await ledger.q(session, query)).all()]
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor({"t": rows[-1]["created_at"].isoformat(), "id": rows[-1]["id"]})
    refs = await _accounts(
        session, {r["debit_account_id"] for r in rows} | {r["credit_account_id"] for r in rows}
    )
    items: list[TransactionRead] = []
    for r in rows:
        # Seen from the wallet when the wallet is a side (a stake is "out" of it).
        if r["credit_account_id"] == wallet or (
            r["debit_account_id"] != wallet and r["credit_account_id"] == staking
        ):
            direction, own, other, after = (
                "in",
                r["credit_account_id"],
                r["debit_account_id"],
                r["credit_balance_after"],
            )
        else:
            direction, own, other, after = (
                "out",
                r["debit_account_id"],
                r["credit_account_id"],
                r["debit_balance_after"],
            )
        items.append(
            TransactionRead(
                id=r["id"],
                transfer_id=r["group_id"],
                kind=TransferKind(r["kind"]),
                direction=direction,  # type: ignore[arg-type]
                account="wallet" if own == wallet else "staking",
                amount=r["amount"],
                balance_after=after,
                counterparty=refs[other],
                memo=r["memo"],
                created_at=r["created_at"],
            )
        )
    return items, next_cursor


async def user_transfer(
    session: AsyncSession, *, user_id: uuid.UUID, transfer_id: uuid.UUID
) -> TransferRead:
    """One transfer with its linked legs, if one of its legs touched the user's accounts."""
    found = await get_transfer(session, transfer_id)
    mine = {wallet_id(user_id), staking_id(user_id)}
    if not any(leg.debit.id in mine or leg.credit.id in mine for leg in found.legs):
        raise TransferNotFound()
    return found


# --- supply, analytics, the check ----------------------------------------------------------


async def supply(session: AsyncSession) -> SupplyRead:
    by_kind = {
        r.kind: int(r.total or 0)
        for r in (
            await ledger.q(
                session,
                sa.select(ACCOUNTS.c.kind, sa.func.sum(ACCOUNTS.c.balance).label("total"))
                .where(ACCOUNTS.c.kind != AccountKind.SYSTEM.value)
                .group_by(ACCOUNTS.c.kind),
            )
        ).all()
    }
    system = {
        r.code: int(r.balance)
        for r in (
            await ledger.q(
                session,
                sa.select(ACCOUNTS.c.code, ACCOUNTS.c.balance).where(
                    ACCOUNTS.c.kind == AccountKind.SYSTEM.value
                ),
            )
        ).all()
    }
    minted = -system.get(SystemAccount.ISSUANCE.value, 0)
    burned = system.get(SystemAccount.BURN.value, 0)
    return SupplyRead(
        max_supply=MAX_SUPPLY_UNITS,
        minted=minted,
        burned=burned,
        supply=minted - burned,
        circulating=by_kind.get(AccountKind.WALLET.value, 0),
        staked=by_kind.get(AccountKind.STAKING.value, 0),
        fees=sum(system.get(code, 0) for code in FEE_SHARD_CODES),
        pools=[PoolRead(pool=p.value, balance=system.get(p.value, 0)) for p in POOLS],
    )


async def analytics(session: AsyncSession, *, days: int, top: int = 10) -> AnalyticsRead:
    since = utcnow() - timedelta(days=days)
    name = await ledger.dialect_name(session)
    created = TRANSFERS.c.created_at
    day = (
        sa.func.date(sa.func.timezone("UTC", created))
        if name == "postgresql"
        else sa.func.date(created)
    )
    user_transfers = sa.and_(TRANSFERS.c.kind == TransferKind.TRANSFER.value, created >= since)
    volume = (
        await ledger.q(
            session,
            sa.select(
                day.label("day"),
                sa.func.count().label("n"),
                sa.func.sum(TRANSFERS.c.amount).label("volume"),
            )
            .where(user_transfers)
            .group_by(day)
            .order_by(day),
        )
    ).all()
    sides = sa.union(
        sa.select(TRANSFERS.c.debit_account_id.label("a")).where(user_transfers),
        sa.select(TRANSFERS.c.credit_account_id.label("a")).where(user_transfers),
    ).subquery()
    active = (await ledger.q(session, sa.select(sa.func.count()).select_from(sides))).one()[0]
    fees = (
        await ledger.q(
            session,
            sa.select(sa.func.coalesce(sa.func.sum(TRANSFERS.c.amount), 0)).where(
                TRANSFERS.c.kind.in_([TransferKind.FEE.value, TransferKind.PENALTY.value]),
                created >= since,
            ),
        )
    ).one()[0]
    holders = (
        await ledger.q(
            session,
            sa.select(ACCOUNTS.c.user_id, ACCOUNTS.c.balance)
            .where(ACCOUNTS.c.kind == AccountKind.WALLET.value, ACCOUNTS.c.balance > 0)
            .order_by(ACCOUNTS.c.balance.desc(), ACCOUNTS.c.user_id)
            .limit(top),
        )
    ).all()
    from datetime import date as date_

    return AnalyticsRead(
        days=days,
        volume_per_day=[
            DailyVolume(
                day=r.day if isinstance(r.day, date_) else date_.fromisoformat(str(r.day)),
                transfers=int(r.n),
                volume=int(r.volume),
            )
            for r in volume
        ],
        active_wallets=int(active),
        fees_collected=int(fees),
        top_holders=[Holder(user_id=r.user_id, balance=int(r.balance)) for r in holders],
    )


async def verify(session: AsyncSession) -> LedgerReport:
    result = await ledger.check(session)
    return LedgerReport(
        ok=result.ok,
        checked_at=utcnow(),
        accounts=result.accounts,
        transfers=result.transfers,
        minted=result.minted,
        burned=result.burned,
        violations=result.violations,
    )
