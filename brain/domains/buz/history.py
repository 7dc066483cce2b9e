"""Reading transfers: one transfer group with its legs, and a user's history, leg by leg."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.pagination import PageParams
from brain.domains.buz import ledger
from brain.domains.buz.errors import TransferNotFound
from brain.domains.buz.rules import TransferKind, staking_id, wallet_id
from brain.domains.buz.schemas import AccountRef, LegRead, TransactionRead, TransferRead


def _leg_read(row: dict[str, Any], refs: dict[uuid.UUID, AccountRef]) -> LegRead:
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


def transfer_read(rows: list[dict[str, Any]], refs: dict[uuid.UUID, AccountRef]) -> TransferRead:
    """A transfer group from its leg rows (as `ledger.post` returns them) and its accounts."""
    head = next(r for r in rows if r["id"] == r["group_id"])
    return TransferRead(
        id=head["group_id"],
        kind=TransferKind(head["kind"]),
        from_account=refs[head["debit_account_id"]],
        to_account=refs[head["credit_account_id"]],
        amount=head["amount"],
        fee=sum(r["amount"] for r in rows if r["kind"] == TransferKind.FEE.value),
        memo=head["memo"],
        reference=head["reference"],
        created_at=head["created_at"],
        legs=[_leg_read(r, refs) for r in rows],
    )


def _accounts_of(rows: list[dict[str, Any]]) -> set[uuid.UUID]:
    return {r["debit_account_id"] for r in rows} | {r["credit_account_id"] for r in rows}


async def read_posted(session: AsyncSession, rows: list[dict[str, Any]]) -> TransferRead:
    """`transfer_read` for legs whose accounts are not known yet (one query for them)."""
    return transfer_read(rows, await ledger.account_refs(session, _accounts_of(rows)))


async def get_transfer(session: AsyncSession, transfer_id: uuid.UUID) -> TransferRead:
    """A transfer group by its id (or the id of any of its legs)."""
    rows = await ledger.transfer_group(session, transfer_id)
    if not rows:
        raise TransferNotFound()
    return await read_posted(session, rows)


async def user_transfer(
    session: AsyncSession, *, user_id: uuid.UUID, transfer_id: uuid.UUID
) -> TransferRead:
    """One transfer with its linked legs, if one of its legs touched the user's accounts."""
    found = await get_transfer(session, transfer_id)
    mine = {wallet_id(user_id), staking_id(user_id)}
    if not any(leg.debit.id in mine or leg.credit.id in mine for leg in found.legs):
        raise TransferNotFound()
    return found


async def transactions(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    page: PageParams,
    kinds: list[TransferKind] | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> tuple[list[TransactionRead], str | None]:
    """The legs that touched the user's wallet or staking account, newest first, and the
    cursor of the next page."""
    wallet, staking = wallet_id(user_id), staking_id(user_id)
    rows, next_cursor = await ledger.history(
        session, accounts=[wallet, staking], page=page, kinds=kinds, since=since, until=until
    )
    refs = await ledger.account_refs(session, _accounts_of(rows))
    return [_transaction_read(r, wallet, staking, refs) for r in rows], next_cursor


def _transaction_read(
    row: dict[str, Any],
    wallet: uuid.UUID,
    staking: uuid.UUID,
    refs: dict[uuid.UUID, AccountRef],
) -> TransactionRead:
    """A leg as the user sees it. Seen from the wallet when the wallet is a side (a stake is
    "out" of it)."""
    debit, credit = row["debit_account_id"], row["credit_account_id"]
    direction: Literal["in", "out"]
    if credit == wallet or (debit != wallet and credit == staking):
        direction, own, other, after = "in", credit, debit, row["credit_balance_after"]
    else:
        direction, own, other, after = "out", debit, credit, row["debit_balance_after"]
    return TransactionRead(
        id=row["id"],
        transfer_id=row["group_id"],
        kind=TransferKind(row["kind"]),
        direction=direction,
        account="wallet" if own == wallet else "staking",
        amount=row["amount"],
        balance_after=after,
        counterparty=refs[other],
        memo=row["memo"],
        created_at=row["created_at"],
    )
