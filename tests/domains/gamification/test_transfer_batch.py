"""The BUZ boards hear every transfer; the worker delivers them in batches. A batch must move
the boards exactly as the transfers one by one, in a handful of statements whatever their
number."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.jobs import InProcessJobs
from brain.core.models import OutboxEvent
from brain.domains.buz import service as buz
from brain.domains.buz.events import TransferCompleted
from brain.domains.buz.rules import parse_units
from brain.domains.gamification import handlers
from brain.domains.gamification.models import BuzChange, UserStats
from tests.factories.buz import make_holder
from tests.statements import counted

Pair = tuple[int, int, str]


async def _transfers(
    session: AsyncSession, n_users: int, pairs: list[Pair]
) -> tuple[list[uuid.UUID], list[TransferCompleted]]:
    """Real transfers between fresh funded users; their `buz.transfer_completed` events, read
    back from the outbox in order."""
    users = [(await make_holder(session, balance="1000")).id for _ in range(n_users)]
    ids = []
    for sender, recipient, amount in pairs:
        posted = await buz.transfer(
            session, sender_id=users[sender], to_user_id=users[recipient],
            amount=parse_units(amount), idempotency_key=uuid.uuid4().hex,
        )  # fmt: skip
        ids.append(posted.transfer.id)
    rows = (
        await session.exec(
            select(OutboxEvent)
            .where(col(OutboxEvent.name) == TransferCompleted.name)
            .order_by(col(OutboxEvent.created_at))
        )
    ).all()
    events = [TransferCompleted.model_validate(r.payload) for r in rows]
    return users, [e for e in events if e.transfer_id in ids]


async def _boards(session: AsyncSession, users: list[uuid.UUID]) -> Any:
    stats = (
        await session.exec(
            select(UserStats.user_id, UserStats.buz_held, UserStats.badges, UserStats.xp)
            .where(col(UserStats.user_id).in_(users))
            .order_by(col(UserStats.user_id))
            .execution_options(populate_existing=True)
        )
    ).all()
    changes = (
        await session.exec(
            select(BuzChange.user_id, BuzChange.transfer_id, BuzChange.delta)
            .where(col(BuzChange.user_id).in_(users))
            .order_by(col(BuzChange.user_id), col(BuzChange.transfer_id))
        )
    ).all()
    return [tuple(s) for s in stats], [tuple(c) for c in changes]


async def test_a_batch_of_transfers_moves_the_boards_as_the_transfers_one_by_one(
    session: AsyncSession, engine: AsyncEngine, job_runner: InProcessJobs
) -> None:
    # 0 pays 1 twice, 1 pays 2, 2 pays 0 and 3; 3 then crosses nothing, 0 gets back some.
    pairs = [(0, 1, "10"), (0, 1, "2.50"), (1, 2, "7"), (2, 0, "1"), (2, 3, "30")]
    users, events = await _transfers(session, 4, pairs)
    assert len(events) == len(pairs)
    one_by_one = await session.begin_nested()
    for event in events:
        await handlers.transfer_completed(session, event)
    expected = await _boards(session, users)
    await one_by_one.rollback()
    assert (await _boards(session, users))[1] == [], "the first pass was rolled back"

    with counted(engine) as statements:
        await handlers.transfers_completed(session, events)
    assert await _boards(session, users) == expected
    # Every user and every movement: the stats created and locked (2), the movements (1), the
    # holdings (1), the stats that changed (1).
    assert len(statements) <= 5, statements
    # Each side of each transfer is one movement.
    assert len(expected[1]) == 2 * len(pairs)
    held = await buz.balances(session, user_ids=users)
    assert [s[1] for s in expected[0]] == [held[u].total for u in sorted(users)]

    # A redelivered batch changes nothing.
    await handlers.transfers_completed(session, events)
    assert await _boards(session, users) == expected
