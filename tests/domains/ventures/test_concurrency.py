"""Concurrent stage changes with real commits, each contender in its own session: exactly one
applies, the others get 409 CONCURRENT_TRANSITION. On SQLite writers are serialised, so a later
contender sees the new stage and its `from_stage` no longer holds; on Postgres they overlap and
the engine's conditional UPDATE picks the winner, with or without `from_stage`."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.errors import BrainError
from brain.domains.state_machines import service as machines
from brain.domains.state_machines.models import StateMachineInstance
from brain.domains.users.models import User
from brain.domains.users.schemas import Role
from brain.domains.ventures import service
from brain.domains.ventures.models import Venture, VentureMember, VentureStageChange
from brain.domains.ventures.rules import Stage, StageEvent, TeamRole
from tests.conftest import requires_postgres
from tests.factories.users import make_user

CONTENDERS = 8


@pytest.fixture
async def venture(
    committed_db: async_sessionmaker[AsyncSession],
) -> AsyncIterator[tuple[uuid.UUID, uuid.UUID]]:
    """A committed venture in IDEA and its owner; all of it deleted afterwards."""
    async with committed_db() as session:
        owner = await make_user(session, role=Role.MEMBER)
        row = Venture(
            name=f"Race {uuid.uuid4().hex[:8]}",
            name_key=f"race {uuid.uuid4().hex}",
            description="x" * 100,
            industry="OTHER",
            visibility="PUBLIC",
            stage=Stage.IDEA.value,
            owner_id=owner.id,
            created_by=owner.id,
            idempotency_key="race",
            request_hash="0" * 64,
        )
        session.add(row)
        await session.flush()
        session.add(VentureMember(venture_id=row.id, user_id=owner.id, role=TeamRole.OWNER))
        await machines.create_instance(session, machine_type="venture", instance_id=str(row.id))
        await session.commit()
        ids = (row.id, owner.id)
    yield ids
    async with committed_db() as session:
        await session.exec(
            sa.delete(StateMachineInstance).where(
                col(StateMachineInstance.instance_id) == str(ids[0])
            )
        )
        await session.exec(sa.delete(Venture).where(col(Venture.id) == ids[0]))
        await session.exec(sa.delete(User).where(col(User.id) == ids[1]))
        await session.commit()


async def _contend(
    factory: async_sessionmaker[AsyncSession],
    venture_id: uuid.UUID,
    owner_id: uuid.UUID,
    from_stage: Stage | None,
) -> str:
    try:
        async with factory() as session:
            await service.change_stage(
                session,
                venture_id=venture_id,
                actor_id=owner_id,
                event=StageEvent.ADVANCE,
                from_stage=from_stage,
            )
            await session.commit()
            return "applied"
    except BrainError as exc:
        return f"{exc.status} {exc.code}"


async def _race(
    factory: async_sessionmaker[AsyncSession],
    venture: tuple[uuid.UUID, uuid.UUID],
    from_stage: Stage | None,
) -> list[str]:
    outcomes = await asyncio.gather(
        *(_contend(factory, *venture, from_stage) for _ in range(CONTENDERS))
    )
    async with factory() as session:
        stage = await session.scalar(select(Venture.stage).where(col(Venture.id) == venture[0]))
        changes = await session.scalar(
            select(sa.func.count())
            .select_from(VentureStageChange)
            .where(col(VentureStageChange.venture_id) == venture[0])
        )
    assert stage == Stage.PLANNING
    assert changes == 1
    return outcomes


async def test_changes_from_the_stage_seen_apply_once(
    committed_db: async_sessionmaker[AsyncSession], venture: tuple[uuid.UUID, uuid.UUID]
) -> None:
    outcomes = await _race(committed_db, venture, Stage.IDEA)
    assert outcomes.count("applied") == 1
    assert set(outcomes) - {"applied"} <= {"409 CONCURRENT_TRANSITION"}


@requires_postgres
async def test_overlapping_changes_apply_once_even_without_from_stage(
    committed_db: async_sessionmaker[AsyncSession], venture: tuple[uuid.UUID, uuid.UUID]
) -> None:
    """On Postgres the contenders really overlap: each sends with the engine version it read,
    one conditional UPDATE wins and the rest match nothing."""
    outcomes = await _race(committed_db, venture, None)
    assert outcomes.count("applied") == 1
    assert set(outcomes) - {"applied"} == {"409 CONCURRENT_TRANSITION"}
