"""Moving money: a user's transfer to another user, and the system transfers other domains
make (rewards, charges, revenue shares, the welcome bonus). Every one runs in `ledger.atomic`
with an idempotency key: the same key with the same request returns the original transfer
(`Posted.created` False), so a redelivered event never pays twice."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from decimal import Decimal

from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus
from brain.core.config import Settings, get_settings
from brain.core.models import new_id, utcnow
from brain.domains.buz import ledger
from brain.domains.buz.errors import InvalidTransfer, RecipientNotActive
from brain.domains.buz.events import TransferCompleted
from brain.domains.buz.history import get_transfer, read_posted, transfer_read
from brain.domains.buz.ledger import Leg
from brain.domains.buz.rules import (
    POOLS,
    AccountKind,
    SystemAccount,
    TransferKind,
    fee_units,
    fees_account,
    parse_units,
    system_id,
    wallet_id,
)
from brain.domains.buz.schemas import AccountRef, TransferRead
from brain.domains.buz.wallets import open_accounts, wallet_ref
from brain.domains.users import service as users
from brain.domains.users.schemas import UserStatus


@dataclass(frozen=True)
class Posted:
    transfer: TransferRead
    created: bool  # False when an idempotent replay returned the original


def request_hash(*parts: object) -> str:
    """What an idempotency key is checked against: the same key with another request is a
    conflict, not a replay."""
    return hashlib.sha256("|".join("" if p is None else str(p) for p in parts).encode()).hexdigest()


# The compliance rule a user-to-user transfer needs (legal's `buz.transfer`: BTS + BPP signed).
TRANSFER_ACTION = "buz.transfer"


def transfer_key(sender_id: uuid.UUID, idempotency_key: str) -> str:
    """The ledger's idempotency key of a user's transfer: the client's key, per sender."""
    return f"transfer:{sender_id}:{idempotency_key}"


def require_between(amount: int, low: Decimal, high: Decimal, what: str) -> None:
    """`InvalidTransfer` unless `low` <= `amount` (units) <= `high` (BUZ, from settings)."""
    if not parse_units(low) <= amount <= parse_units(high):
        raise InvalidTransfer(f"{what} is between {low} and {high} BUZ.")


async def publish_completed(
    session: AsyncSession,
    *,
    group_id: uuid.UUID,
    kind: TransferKind,
    source: AccountRef,
    target: AccountRef,
    amount: int,
    fee: int = 0,
    actor_id: uuid.UUID | None = None,
    reference: str | None = None,
) -> None:
    """`buz.transfer_completed` for a posted group, through the outbox."""
    await bus.publish(
        session,
        TransferCompleted(
            transfer_id=group_id,
            kind=kind.value,
            from_account=source.code,
            to_account=target.code,
            from_user_id=source.user_id,
            to_user_id=target.user_id,
            amount=amount,
            fee=fee,
            actor_id=actor_id,
            reference=reference,
        ),
    )


async def _replay(
    session: AsyncSession, *, key: str, operation: str, hashed: str, group_id: uuid.UUID
) -> Posted | None:
    """Claim `key` for the group about to be posted (None: go ahead), or the original
    transfer when this request was made before."""
    original = await ledger.claim_key(
        session, key=key, operation=operation, request_hash=hashed, result_id=group_id
    )
    if original is None:
        return None
    return Posted(await get_transfer(session, original), created=False)


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

    On Postgres the route takes `transfer_fn.transfer` (one database function call) instead;
    this is the SQLite path and the reference the function is tested against.
    """
    settings = settings or get_settings()
    require_between(amount, settings.buz_transfer_min, settings.buz_transfer_max, "A transfer")
    if to_user_id == sender_id:
        raise InvalidTransfer("You cannot send BUZ to yourself.")
    fee = fee_units(amount, settings.buz_transfer_fee_bps)
    sender, recipient = wallet_ref(sender_id), wallet_ref(to_user_id)
    fees, fees_code = fees_account(sender.id)
    # The accounts are known: no query for them while the fees row is locked.
    refs = {
        sender.id: sender,
        recipient.id: recipient,
        fees: AccountRef(id=fees, code=fees_code, kind=AccountKind.SYSTEM.value),
    }
    key = transfer_key(sender_id, idempotency_key)
    hashed = request_hash(to_user_id, amount, memo)

    async def operation() -> Posted:
        group_id = new_id()
        original = await _replay(
            session, key=key, operation="transfer", hashed=hashed, group_id=group_id
        )
        if original is not None:
            return original
        if await users.user_status(session, to_user_id) != UserStatus.ACTIVE:
            raise RecipientNotActive()
        now = utcnow()
        if not exempt_from_daily_limit:
            cap = parse_units(settings.buz_daily_send_limit)
            await ledger.add_daily_send(
                session, account=sender.id, day=now.date(), amount=amount, cap=cap
            )
        await publish_completed(
            session,
            group_id=group_id,
            kind=TransferKind.TRANSFER,
            source=sender,
            target=recipient,
            amount=amount,
            fee=fee,
            actor_id=sender_id,
        )
        # Written before the accounts, so the outbox insert is not inside the fee row lock.
        await session.flush()
        legs = [
            Leg(TransferKind.TRANSFER, sender.id, recipient.id, amount),
            Leg(TransferKind.FEE, sender.id, fees, fee),
        ]
        rows = await ledger.post(
            session, legs, group_id=group_id, memo=memo, actor_id=sender_id, created_at=now
        )
        return Posted(transfer_read(rows, refs), created=True)

    return await ledger.atomic(session, operation)


async def system_transfer(
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
    then: Callable[[uuid.UUID], Awaitable[None]] | None = None,
) -> Posted:
    """One leg, no fee, once per `key`; `then(group_id)` runs after the posting, in the same
    savepoint (the admin operations write their audit row there)."""
    if amount <= 0:
        raise InvalidTransfer("The amount must be more than zero.")
    hashed = request_hash(kind.value, debit, credit, amount, reference, memo)

    async def operation() -> Posted:
        group_id = new_id()
        original = await _replay(
            session, key=key, operation=kind.value, hashed=hashed, group_id=group_id
        )
        if original is not None:
            return original
        rows = await ledger.post(
            session,
            [Leg(kind, debit, credit, amount)],
            group_id=group_id,
            reference=reference,
            memo=memo,
            actor_id=actor_id,
        )
        posted = await read_posted(session, rows)
        await publish_completed(
            session,
            group_id=group_id,
            kind=kind,
            source=posted.from_account,
            target=posted.to_account,
            amount=amount,
            actor_id=actor_id,
            reference=reference,
        )
        if then is not None:
            await then(group_id)
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
    memo: str | None = None,
) -> Posted:
    """Pay a reward from a pool into the user's wallet, no fee; once per idempotency key.
    `memo` is the transaction's text the user sees (gamification names the badge or level)."""
    if pool not in POOLS or kind not in (TransferKind.REWARD, TransferKind.WELCOME_BONUS):
        raise ValueError("rewards come from a pool, as REWARD or WELCOME_BONUS")
    return await system_transfer(
        session,
        kind=kind,
        debit=system_id(pool),
        credit=wallet_id(user_id),
        amount=amount,
        key=f"reward:{idempotency_key}",
        reference=reference,
        actor_id=actor_id,
        memo=memo,
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
    return await system_transfer(
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
    return await system_transfer(
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
    amount = parse_units(settings.buz_welcome_bonus)
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
