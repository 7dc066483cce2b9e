"""Property test: random sequences of ledger operations, retried keys included, keep every
invariant (balances sum to zero, entries match balances, supply, no negative balance)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.errors import BrainError
from brain.core.models import utcnow
from brain.domains.buz import ledger, service
from brain.domains.buz.rules import StakeTier
from brain.domains.users.schemas import Role
from tests.factories.buz import make_holder

USERS = 4
amounts = st.integers(min_value=1, max_value=3_000_000)  # up to 30,000 BUZ, in units
user = st.integers(min_value=0, max_value=USERS - 1)
key = st.sampled_from(["k1", "k2", "k3", "k4", "k5"])  # few keys: retries and conflicts happen
operation = st.one_of(
    st.tuples(st.just("mint"), amounts, user, key),
    st.tuples(st.just("burn"), amounts, user, key),
    st.tuples(st.just("transfer"), amounts, st.tuples(user, user), key),
    st.tuples(st.just("stake"), amounts, user, key),
    st.tuples(st.just("unstake"), st.integers(0, 400), user, st.integers(0, 5)),
)


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(ops=st.lists(operation, min_size=1, max_size=25))
async def test_random_operations_keep_every_invariant(
    db_connection: async_sessionmaker[AsyncSession], ops: list[tuple[Any, ...]]
) -> None:
    async with db_connection() as session:
        example = await session.begin_nested()
        try:
            admin = await make_holder(session, role=Role.SUPER_ADMIN)
            users = [await make_holder(session, role=Role.SUBSCRIBER) for _ in range(USERS)]
            positions: list[Any] = []
            for op, amount, who, k in ops:
                try:
                    if op == "mint":
                        await service.mint(session, actor_id=admin.id, amount=amount,
                                           reason="property", idempotency_key=k,
                                           to_user_id=users[who].id)  # fmt: skip
                    elif op == "burn":
                        await service.burn(session, actor_id=admin.id, amount=amount,
                                           reason="property", idempotency_key=k,
                                           from_user_id=users[who].id)  # fmt: skip
                    elif op == "transfer":
                        sender, recipient = users[who[0]], users[who[1]]
                        await service.transfer(session, sender_id=sender.id,
                                               to_user_id=recipient.id, amount=amount,
                                               idempotency_key=k)  # fmt: skip
                    elif op == "stake":
                        position, _ = await service.stake(
                            session, user_id=users[who].id, amount=amount,
                            tier=StakeTier.BRONZE, idempotency_key=k,
                        )  # fmt: skip
                        positions.append(position)
                    elif positions:
                        position = positions[k % len(positions)]
                        await service.unstake(
                            session, user_id=position.user_id, position_id=position.id,
                            now=utcnow() + timedelta(days=amount // 10),
                        )  # fmt: skip
                except BrainError:
                    pass  # a refusal is an allowed outcome; the invariants must hold anyway
                result = await ledger.check(session)
                assert result.violations == [], (op, result.violations)
        finally:
            await example.rollback()
