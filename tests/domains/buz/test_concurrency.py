"""Concurrent transfers with real commits: the conditional update never lets a balance go
below zero and a retried key never pays twice (SQLite here, in one process; Postgres across
two server processes in test_concurrency_servers.py)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import db
from brain.core.errors import BrainError
from brain.domains.buz import ledger, service
from brain.domains.buz.rules import parse_units, wallet_id
from brain.domains.users.schemas import Role
from tests.domains.buz.cleanup import remove_ledger_users, snapshot_system_accounts
from tests.factories.buz import fund, make_holder


@pytest.fixture
async def holders(
    committed_db: async_sessionmaker[AsyncSession],
) -> AsyncIterator[list[uuid.UUID]]:
    snapshot = await snapshot_system_accounts(committed_db)
    ids: list[uuid.UUID] = []
    async with db.session_scope() as session:
        for n in range(6):
            user = await make_holder(session, role=Role.MEMBER)
            await fund(session, user.id, "100" if n == 0 else "10")
            ids.append(user.id)
    yield ids
    await remove_ledger_users(committed_db, ids, snapshot)


async def test_concurrent_transfers_from_one_wallet_never_overdraw(
    holders: list[uuid.UUID],
) -> None:
    hot, others = holders[0], holders[1:]

    async def send(n: int) -> str:
        try:
            async with db.session_scope() as session:
                await service.transfer(
                    session, sender_id=hot, to_user_id=others[n % len(others)],
                    amount=parse_units("9"), idempotency_key=f"k{n % 15}",
                )  # fmt: skip
            return "ok"
        except BrainError as exc:
            return exc.code

    # 100 BUZ covers 11 transfers of 9 BUZ + 0.01 fee; 15 distinct keys, each tried twice.
    outcomes = await asyncio.gather(*(send(n) for n in range(30)))
    assert set(outcomes) <= {"ok", "INSUFFICIENT_FUNDS"}
    async with db.session_scope() as session:
        legs = (
            await db.execute(
                session,
                sa.select(sa.func.count()).where(
                    ledger.TRANSFERS.c.debit_account_id == wallet_id(hot),
                    ledger.TRANSFERS.c.kind == "TRANSFER",
                ),
            )
        ).one()[0]
        balance = await service.balance(session, user_id=hot)
        assert legs == 11
        assert balance.available == parse_units("100") - 11 * parse_units("9.01")
        assert (await ledger.check(session)).violations == []


async def test_opposite_transfers_at_once_never_deadlock(
    holders: list[uuid.UUID], caplog: pytest.LogCaptureFixture
) -> None:
    """A pays B while B pays A, many times at once, all also paying the one fees account:
    the posting takes its row locks in one global order, so no transfer waits on a deadlock
    (on Postgres a deadlock costs a second of `deadlock_timeout`, then a retry, logged)."""
    pairs = [(holders[1], holders[2]), (holders[2], holders[1]),
             (holders[3], holders[4]), (holders[4], holders[3])]  # fmt: skip

    async def send(n: int) -> str:
        sender, recipient = pairs[n % len(pairs)]
        async with db.session_scope() as session:
            await service.transfer(
                session, sender_id=sender, to_user_id=recipient, amount=parse_units("0.5"),
                idempotency_key=f"opposite-{n}",
            )  # fmt: skip
        return "ok"

    with caplog.at_level("INFO", logger="brain.domains.buz.ledger"):
        outcomes = await asyncio.gather(*(send(n) for n in range(40)))
    assert outcomes == ["ok"] * 40
    assert not [r for r in caplog.records if "retried" in r.getMessage()]
    async with db.session_scope() as session:
        assert (await ledger.check(session)).violations == []
        balances = [(await service.balance(session, user_id=h)).available for h in holders[1:5]]
    # Each pays 10 x (0.50 + 0.01 fee) and receives 10 x 0.50 from its partner.
    assert balances == [parse_units("10") - 10 * parse_units("0.01")] * 4
