"""Races with real commits, each contender in its own session.

On Postgres the contenders really overlap: all read version 0, one UPDATE wins, the others'
UPDATEs wait for its row lock and then match nothing (CONCURRENT_TRANSITION). On SQLite every
transaction begins IMMEDIATE, so they run one after another and a later one reads the state
the winner left; then the event is either no longer allowed from that state
(INVALID_TRANSITION) or, with `expected_version`, stale (CONCURRENT_TRANSITION). Either way
exactly one applies and history has exactly one entry, which is what the tests hold to.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.models import utcnow
from brain.domains.state_machines import jobs, service
from brain.domains.state_machines.errors import ConcurrentTransition, InvalidTransition
from brain.domains.state_machines.models import (
    StateMachineHistory,
    StateMachineInstance,
    StateMachineTimer,
)
from brain.domains.state_machines.schemas import TransitionResult

CONTENDERS = 20


@pytest.fixture
async def keys(
    committed_db: async_sessionmaker[AsyncSession],
) -> AsyncIterator[list[str]]:
    """Business keys for this test; their instances (and history, timers) are deleted after."""
    created: list[str] = []
    yield created
    async with committed_db() as session:
        await session.exec(
            sa.delete(StateMachineInstance).where(
                col(StateMachineInstance.instance_id).in_(created)
            )
        )
        await session.commit()


async def create(factory: async_sessionmaker[AsyncSession], machine_type: str, key: str) -> None:
    async with factory() as session:
        await service.create_instance(session, machine_type=machine_type, instance_id=key)
        await session.commit()


async def contend(
    factory: async_sessionmaker[AsyncSession],
    machine_type: str,
    key: str,
    event: str,
    expected_version: int | None,
) -> TransitionResult | Exception:
    try:
        async with factory() as session:
            result = await service.send_event(
                session,
                machine_type=machine_type,
                instance_id=key,
                event=event,
                expected_version=expected_version,
            )
            await session.commit()
            return result
    except (ConcurrentTransition, InvalidTransition) as exc:
        return exc


async def history_of(factory: async_sessionmaker[AsyncSession], key: str) -> list[str]:
    async with factory() as session:
        rows = await session.exec(
            select(StateMachineHistory.event)
            .join(
                StateMachineInstance,
                col(StateMachineInstance.id) == col(StateMachineHistory.instance_pk),
            )
            .where(col(StateMachineInstance.instance_id) == key)
        )
        return list(rows.all())


async def test_twenty_concurrent_events_apply_exactly_once(
    committed_db: async_sessionmaker[AsyncSession], keys: list[str]
) -> None:
    key = f"race-{uuid.uuid4()}"
    keys.append(key)
    await create(committed_db, "crew", key)
    results = await asyncio.gather(
        *(contend(committed_db, "crew", key, "activate", None) for _ in range(CONTENDERS))
    )
    applied = [r for r in results if isinstance(r, TransitionResult)]
    refused = [r for r in results if not isinstance(r, TransitionResult)]
    assert len(applied) == 1, results
    assert applied[0].to_state == "ACTIVE"
    assert len(refused) == CONTENDERS - 1
    for exc in refused:
        # CONCURRENT_TRANSITION when it overlapped the winner, INVALID_TRANSITION when it read
        # the state after the winner committed (`activate` is not allowed from ACTIVE).
        assert isinstance(exc, ConcurrentTransition | InvalidTransition), exc
        assert exc.status == 409
    assert await history_of(committed_db, key) == ["activate"]


async def test_with_an_expected_version_every_loser_is_a_concurrent_transition(
    committed_db: async_sessionmaker[AsyncSession], keys: list[str]
) -> None:
    # `advance` is allowed from the next stage too, so only the version tells a stale sender.
    key = f"race-{uuid.uuid4()}"
    keys.append(key)
    await create(committed_db, "pipeline", key)
    results = await asyncio.gather(
        *(contend(committed_db, "pipeline", key, "advance", 0) for _ in range(CONTENDERS))
    )
    applied = [r for r in results if isinstance(r, TransitionResult)]
    assert len(applied) == 1, results
    assert all(isinstance(r, ConcurrentTransition) for r in results if r is not applied[0]), results
    assert await history_of(committed_db, key) == ["advance"]
    async with committed_db() as session:
        instance = await service.get_instance(session, machine_type="pipeline", instance_id=key)
    assert (instance.state, instance.version) == ("PLANNING", 1)


async def test_the_same_event_id_sent_concurrently_applies_once_and_replays(
    committed_db: async_sessionmaker[AsyncSession], keys: list[str]
) -> None:
    key = f"race-{uuid.uuid4()}"
    keys.append(key)
    await create(committed_db, "pipeline", key)

    async def send() -> TransitionResult | Exception:
        try:
            async with committed_db() as session:
                result = await service.send_event(
                    session,
                    machine_type="pipeline",
                    instance_id=key,
                    event="advance",
                    event_id="client-retry-1",
                )
                await session.commit()
                return result
        except ConcurrentTransition as exc:
            return exc

    results = await asyncio.gather(*(send() for _ in range(10)))
    done = [r for r in results if isinstance(r, TransitionResult)]
    assert sum(1 for r in done if not r.replayed) == 1, results
    assert all(r.to_state == "PLANNING" for r in done)
    assert await history_of(committed_db, key) == ["advance"]


async def test_two_timer_runs_at_once_fire_each_timer_once(
    committed_db: async_sessionmaker[AsyncSession], keys: list[str]
) -> None:
    due = utcnow() - timedelta(seconds=1)
    mine = [f"timer-race-{n}-{uuid.uuid4()}" for n in range(8)]
    keys.extend(mine)
    for key in mine:
        async with committed_db() as session:
            await service.create_instance(session, machine_type="contract", instance_id=key)
            await service.send_event(
                session, machine_type="contract", instance_id=key, event="send"
            )
            await service.schedule_timer(
                session,
                machine_type="contract",
                instance_id=key,
                event="expire",
                fire_at=due,
            )
            await session.commit()

    fired = await asyncio.gather(jobs.fire_due_timers(), jobs.fire_due_timers())
    # Other tests' timers are not due in this database, so the two runs share exactly ours.
    assert sum(fired) == len(mine), fired
    for key in mine:
        assert await history_of(committed_db, key) == ["send", "expire"]
    async with committed_db() as session:
        timers = (
            await session.exec(
                select(StateMachineTimer)
                .join(
                    StateMachineInstance,
                    col(StateMachineInstance.id) == col(StateMachineTimer.instance_pk),
                )
                .where(col(StateMachineInstance.instance_id).in_(mine))
            )
        ).all()
    assert len(timers) == len(mine)
    assert all(t.fired_at is not None and t.outcome == "fired" for t in timers)
    assert all(t.attempts == 1 for t in timers)
    assert await jobs.fire_due_timers() == 0
