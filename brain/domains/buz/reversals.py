"""Taking back a system payout (a reward, welcome bonus, staking reward or revenue share paid
in error or to an abuser): one REVERSAL transfer from the wallet back to the pool that paid
it, for the whole amount, once per payout (the idempotency key is the payout's id), refused
with 409 INSUFFICIENT_FUNDS when the wallet no longer holds it. Transfers stay immutable: the
reversal is a new transfer that cancels the first (TigerBeetle's correcting transfers).

An administrator's reversal writes a `BuzAdminAction` row in the same savepoint; a reversal
another domain makes as a consequence of one (the umbrella voiding the revenue shares of a
reversed reward) has no actor. Either way `buz.transfer_reversed` is published.
"""

from __future__ import annotations

import uuid

from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus
from brain.domains.buz import ledger
from brain.domains.buz.admin import record_admin_action
from brain.domains.buz.errors import InvalidTransfer, TransferNotFound
from brain.domains.buz.events import TransferReversed
from brain.domains.buz.rules import TransferKind
from brain.domains.buz.transfers import Posted, system_transfer

REVERSIBLE: frozenset[TransferKind] = frozenset(
    {
        TransferKind.REWARD,
        TransferKind.WELCOME_BONUS,
        TransferKind.STAKE_REWARD,
        TransferKind.REVENUE_SHARE,
    }
)


async def reverse_payout(
    session: AsyncSession, *, transfer_id: uuid.UUID, reason: str, actor_id: uuid.UUID | None
) -> Posted:
    """Reverse the system payout `transfer_id` (404 if there is none, 422 if it is not a
    payout); a repeat with the same reason returns the first reversal."""
    rows = await ledger.transfer_group(session, transfer_id)
    if not rows:
        raise TransferNotFound()
    payout = rows[0]
    kind = TransferKind(payout["kind"])
    if len(rows) != 1 or kind not in REVERSIBLE:
        raise InvalidTransfer(
            "Only a system payout (a reward, welcome bonus, staking reward or revenue share) "
            "can be reversed."
        )
    group_id, amount = payout["group_id"], int(payout["amount"])
    wallet = (await ledger.account_refs(session, [payout["credit_account_id"]]))[
        payout["credit_account_id"]
    ]

    async def record(reversal_id: uuid.UUID) -> None:
        if actor_id is not None:
            record_admin_action(
                session,
                actor_id=actor_id,
                action=TransferKind.REVERSAL.value,
                amount=amount,
                reason=reason,
                group_id=reversal_id,
                details={"reversed_transfer_id": str(group_id), "kind": kind.value},
            )
        await bus.publish(
            session,
            TransferReversed(
                transfer_id=group_id,
                reversal_id=reversal_id,
                kind=kind.value,
                user_id=wallet.user_id,
                amount=amount,
                actor_id=actor_id,
            ),
        )

    return await system_transfer(
        session,
        kind=TransferKind.REVERSAL,
        debit=payout["credit_account_id"],
        credit=payout["debit_account_id"],
        amount=amount,
        key=f"reversal:{group_id}",
        reference=f"reversal:{group_id}",
        actor_id=actor_id,
        memo=reason,
        then=record,
    )
