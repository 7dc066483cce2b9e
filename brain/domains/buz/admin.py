"""The admin operations on the supply, audited: mint (from the issuance account, never past
the max supply) and burn (into the burn account). Both are one path, `_change_supply`; each
writes a `BuzAdminAction` row in the same savepoint as its transfer."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.config import Settings, get_settings
from brain.domains.buz.errors import InvalidTransfer
from brain.domains.buz.models import BuzAdminAction
from brain.domains.buz.rules import SystemAccount, TransferKind, system_id, wallet_id
from brain.domains.buz.transfers import Posted, require_between, system_transfer


def record_admin_action(
    session: AsyncSession,
    *,
    actor_id: uuid.UUID,
    action: str,
    reason: str,
    details: dict[str, Any],
    amount: int | None = None,
    group_id: uuid.UUID | None = None,
) -> None:
    """The audit row of an admin operation, written with the operation (flushed by it)."""
    session.add(
        BuzAdminAction(
            actor_id=actor_id,
            action=action,
            amount=amount,
            reason=reason,
            group_id=group_id,
            details=details,
        )
    )


async def _change_supply(
    session: AsyncSession,
    *,
    action: TransferKind,
    actor_id: uuid.UUID,
    amount: int,
    reason: str,
    idempotency_key: str,
    pool: SystemAccount | None,
    user_id: uuid.UUID | None,
    settings: Settings | None,
) -> Posted:
    """Mint into, or burn from, a pool (default community) or a user's wallet."""
    minting = action is TransferKind.MINT
    if pool is not None and user_id is not None:
        verb = "Mint into" if minting else "Burn from"
        raise InvalidTransfer(f"{verb} a pool or a wallet, not both.")
    settings = settings or get_settings()
    require_between(
        amount,
        settings.buz_admin_operation_min,
        settings.buz_admin_operation_max,
        "A mint or burn",
    )
    account = wallet_id(user_id) if user_id else system_id(pool or SystemAccount.COMMUNITY)
    if minting:
        debit, credit, side = system_id(SystemAccount.ISSUANCE), account, "to"
    else:
        debit, credit, side = account, system_id(SystemAccount.BURN), "from"
    details = {
        f"{side}_pool": pool.value if pool else None,
        f"{side}_user_id": str(user_id) if user_id else None,
    }

    async def audit(group_id: uuid.UUID) -> None:
        record_admin_action(
            session,
            actor_id=actor_id,
            action=action.value,
            amount=amount,
            reason=reason,
            group_id=group_id,
            details=details,
        )

    return await system_transfer(
        session,
        kind=action,
        debit=debit,
        credit=credit,
        amount=amount,
        key=f"admin:{actor_id}:{idempotency_key}",
        reference=f"admin:{action.value.lower()}",
        actor_id=actor_id,
        memo=reason,
        then=audit,
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
    return await _change_supply(
        session,
        action=TransferKind.MINT,
        actor_id=actor_id,
        amount=amount,
        reason=reason,
        idempotency_key=idempotency_key,
        pool=to_pool,
        user_id=to_user_id,
        settings=settings,
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
    return await _change_supply(
        session,
        action=TransferKind.BURN,
        actor_id=actor_id,
        amount=amount,
        reason=reason,
        idempotency_key=idempotency_key,
        pool=from_pool,
        user_id=from_user_id,
        settings=settings,
    )
