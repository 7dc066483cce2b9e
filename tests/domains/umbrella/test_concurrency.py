"""Concurrent creation and payment with real commits, each contender in its own session: one
referrer per user and no cycle hold when links are made at once (the unique referred user,
and the link lock that orders the cycle checks on Postgres), and a reward delivered to two
workers at once pays its shares once. On SQLite writers are serialised; on Postgres the
contenders really overlap."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus, db
from brain.core.errors import BrainError
from brain.domains.buz import service as buz
from brain.domains.buz.rules import parse_units
from brain.domains.state_machines.models import StateMachineInstance
from brain.domains.umbrella import referrals, relationships, shares
from brain.domains.umbrella.models import UmbrellaRelationship, UmbrellaRevenueShare
from brain.domains.umbrella.rules import MachineEvent, Via
from brain.domains.users.schemas import Role
from tests.domains.buz.cleanup import remove_ledger_users, snapshot_system_accounts
from tests.domains.umbrella.test_shares import _reward_event
from tests.factories.buz import assert_ledger_ok, balance_units, make_holder


@pytest.fixture
async def people(
    committed_db: async_sessionmaker[AsyncSession],
) -> AsyncIterator[list[uuid.UUID]]:
    """Eight committed members with wallets; they and everything about them removed after."""
    snapshot = await snapshot_system_accounts(committed_db)
    async with db.session_scope() as session:
        ids = [(await make_holder(session, role=Role.MEMBER)).id for _ in range(8)]
    yield ids
    async with committed_db() as session, session.begin():
        rels = select(UmbrellaRelationship.id).where(
            sa.or_(
                col(UmbrellaRelationship.from_user_id).in_(ids),
                col(UmbrellaRelationship.to_user_id).in_(ids),
            )
        )
        rel_ids = [str(r) for r in (await session.exec(rels)).all()]
        await session.exec(
            sa.delete(UmbrellaRevenueShare).where(col(UmbrellaRevenueShare.earner_id).in_(ids))
        )
        await session.exec(
            sa.delete(StateMachineInstance).where(
                col(StateMachineInstance.machine_type) == "umbrella",
                col(StateMachineInstance.instance_id).in_(rel_ids),
            )
        )
        await session.exec(
            sa.delete(UmbrellaRelationship).where(col(UmbrellaRelationship.id).in_(rels))
        )
    await remove_ledger_users(committed_db, ids, snapshot)


async def _link(referrer: uuid.UUID, referred: uuid.UUID) -> str:
    try:
        async with db.session_scope() as session:
            await referrals.link(
                session, referrer_id=referrer, referred_id=referred, via=Via.CODE, actor_id=None
            )
        return "linked"
    except BrainError as exc:
        return exc.code


async def _links_among(ids: list[uuid.UUID]) -> set[tuple[uuid.UUID, uuid.UUID]]:
    async with db.session_scope() as session:
        rows = await session.exec(
            select(UmbrellaRelationship.from_user_id, UmbrellaRelationship.to_user_id).where(
                col(UmbrellaRelationship.referred_user_id).in_(ids)
            )
        )
        return set(rows.all())


async def test_links_made_at_once_never_close_a_cycle(people: list[uuid.UUID]) -> None:
    a, b, c = people[:3]
    # A -> B, B -> C and C -> A at once: any two are fine, all three would be a cycle.
    outcomes = await asyncio.gather(_link(a, b), _link(b, c), _link(c, a))
    assert sorted(outcomes) == ["REFERRAL_CYCLE", "linked", "linked"]
    assert len(await _links_among([a, b, c])) == 2


async def test_opposite_links_made_at_once_link_once(people: list[uuid.UUID]) -> None:
    a, b = people[:2]
    outcomes = await asyncio.gather(*(_link(x, y) for x, y in [(a, b), (b, a)] * 3))
    assert outcomes.count("linked") == 1
    assert set(outcomes) - {"linked"} <= {"REFERRAL_CYCLE", "ALREADY_REFERRED"}
    assert len(await _links_among([a, b])) == 1


async def test_referrers_racing_for_one_user_make_one_link(people: list[uuid.UUID]) -> None:
    user, referrers = people[0], people[1:]
    outcomes = await asyncio.gather(*(_link(r, user) for r in referrers))
    assert outcomes.count("linked") == 1
    assert set(outcomes) - {"linked"} == {"ALREADY_REFERRED"}


@pytest.mark.usefixtures("subscriptions")
async def test_a_reward_delivered_to_two_workers_at_once_pays_once(
    people: list[uuid.UUID],
) -> None:
    top, middle, referrer, bottom = people[:4]
    async with db.session_scope() as session:
        for above, below in [(top, middle), (middle, referrer), (referrer, bottom)]:
            rel = await referrals.link(
                session, referrer_id=above, referred_id=below, via=Via.CODE, actor_id=None
            )
            await relationships._transition(session, rel, MachineEvent.ACTIVATE, actor_id=None)
    # No handler hears the reward: the test delivers its event to four workers itself.
    bus.unsubscribe_all()
    async with db.session_scope() as session:
        posted = await buz.credit_reward(
            session, user_id=bottom, amount=parse_units("1000"), idempotency_key="race"
        )
    event = _reward_event(posted, bottom)

    async def worker() -> int:
        for _attempt in range(5):
            try:
                async with db.session_scope() as session:
                    return len(await shares.pay_shares(session, event))
            except BrainError:
                await asyncio.sleep(0.05)  # a serialisation retry the ledger asked for
        raise AssertionError("a worker never got through")

    made = await asyncio.gather(*(worker() for _ in range(4)))
    assert sum(made) == 3
    async with db.session_scope() as session:
        assert await balance_units(session, referrer) == parse_units("10")
        assert await balance_units(session, middle) == parse_units("5")
        assert await balance_units(session, top) == parse_units("2.50")
        await assert_ledger_ok(session)
