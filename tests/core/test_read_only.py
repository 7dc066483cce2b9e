"""Read-only units of work: what a GET, HEAD or OPTIONS request gets (brain/core/db.py).

A write inside one is refused and leaves nothing behind; a GET route marked `@writes` and
every other method get a transaction; on Postgres a read runs outside any transaction (no
BEGIN/COMMIT round trips); on SQLite a read does not wait for a writer's lock.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient
from sqlalchemy.dialects.postgresql import asyncpg as postgresql_asyncpg
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.app import create_app
from brain.core import db
from brain.core.config import Settings
from brain.core.models import UTCDateTime
from brain.domains.auth import sessions as auth_sessions
from brain.domains.buz import ledger as buz_ledger
from tests.conftest import requires_postgres

CREATE_NOTES = sa.text("CREATE TABLE scratch_notes (id INTEGER PRIMARY KEY, body TEXT)")
NOTES = sa.table("scratch_notes", sa.column("id", sa.Integer), sa.column("body", sa.String))


async def _notes(session: AsyncSession) -> list[str]:
    rows = await db.execute(session, sa.select(NOTES.c.body).order_by(NOTES.c.id))
    return [r.body for r in rows.all()]


@pytest.fixture
async def notes(db_connection: async_sessionmaker[AsyncSession]) -> None:
    """A scratch table, rolled back with everything else at the end of the test."""
    async with db_connection() as session:
        await db.execute(session, CREATE_NOTES)
        await session.commit()


async def test_a_read_only_unit_of_work_refuses_every_kind_of_write(notes: None) -> None:
    writes: list[sa.Executable] = [
        sa.insert(NOTES).values(id=1, body="core insert"),
        sa.text("INSERT INTO scratch_notes (id, body) VALUES (2, 'text insert')"),
        sa.text("  update scratch_notes SET body = 'x'"),
        sa.delete(NOTES),
        sa.text("DROP TABLE scratch_notes"),
    ]
    for statement in writes:
        with pytest.raises(db.ReadOnlyViolation):
            async with db.session_scope(read_only=True) as session:
                await db.execute(session, statement)
    async with db.session_scope(read_only=True) as session:
        assert await _notes(session) == []  # and the table is still there


async def test_the_same_write_in_an_ordinary_unit_of_work_commits(notes: None) -> None:
    async with db.session_scope() as session:
        await db.execute(session, sa.insert(NOTES).values(id=1, body="kept"))
    async with db.session_scope(read_only=True) as session:
        assert await _notes(session) == ["kept"]


def _scratch_app(settings: Settings) -> FastAPI:
    app = create_app(settings)

    @app.get("/scratch/unmarked")
    async def unmarked(session: db.SessionDep) -> dict[str, str]:
        await db.execute(session, sa.insert(NOTES).values(id=1, body="unmarked GET"))
        return {"ok": "yes"}

    @app.get("/scratch/marked")
    @db.writes
    async def marked(session: db.SessionDep) -> dict[str, str]:
        await db.execute(session, sa.insert(NOTES).values(id=2, body="marked GET"))
        return {"ok": "yes"}

    @app.post("/scratch/post")
    async def post(session: db.SessionDep) -> dict[str, str]:
        await db.execute(session, sa.insert(NOTES).values(id=3, body="POST"))
        return {"ok": "yes"}

    @app.get("/scratch/read")
    async def read(session: db.SessionDep) -> list[str]:
        return await _notes(session)

    return app


@pytest.fixture
async def scratch(settings: Settings, notes: None) -> AsyncIterator[AsyncClient]:
    transport = ASGITransport(app=_scratch_app(settings), raise_app_exceptions=False)
    async with AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


async def test_an_unmarked_get_that_writes_fails_and_writes_nothing(scratch: AsyncClient) -> None:
    response = await scratch.get("/scratch/unmarked")
    assert response.status_code == 500
    assert response.headers["content-type"].startswith("application/problem+json")
    assert (await scratch.get("/scratch/read")).json() == []


async def test_a_get_marked_writes_and_a_post_commit_their_writes(scratch: AsyncClient) -> None:
    assert (await scratch.get("/scratch/marked")).status_code == 200
    assert (await scratch.post("/scratch/post")).status_code == 200
    assert (await scratch.get("/scratch/read")).json() == ["marked GET", "POST"]


@requires_postgres
async def test_on_postgres_a_read_runs_outside_a_transaction(engine: object) -> None:
    # Inside a transaction now() is the transaction's start and stays put; outside one each
    # statement is its own transaction. (The engine's own factories, as in production.)
    db.use_engine_sessionmakers()
    read_twice = sa.text("SELECT now() AS at, txid_current_if_assigned() AS txid")
    pause = sa.text("SELECT pg_sleep(0.02)")

    async def two_reads(read_only: bool) -> tuple[object, object]:
        async with db.session_scope(read_only=read_only) as session:
            first = (await db.execute(session, read_twice)).one()
            await db.execute(session, pause)
            second = (await db.execute(session, read_twice)).one()
        return first.at, second.at

    first, second = await two_reads(read_only=True)
    assert first != second
    first, second = await two_reads(read_only=False)
    assert first == second


async def test_on_sqlite_a_read_does_not_wait_for_a_writer(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'brain.db'}")
    engine = db.create_engine(settings)
    async with engine.begin() as conn:
        await conn.execute(CREATE_NOTES)
    db.use_sessionmaker(async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False))
    try:
        writer_holds_lock = asyncio.Event()
        reader_done = asyncio.Event()

        async def writer() -> None:
            async with db.session_scope() as session:
                await db.execute(session, sa.insert(NOTES).values(id=1, body="uncommitted"))
                writer_holds_lock.set()
                await asyncio.wait_for(reader_done.wait(), timeout=10)

        async def reader() -> list[str]:
            await writer_holds_lock.wait()
            async with db.session_scope(read_only=True) as session:
                seen = await _notes(session)
            reader_done.set()
            return seen

        # The writer commits only after the reader is done, so a reader queueing for the
        # write lock would fail ("database is locked" after busy_timeout) or time the writer
        # out. It reads the last committed state beside the writer instead.
        _, seen = await asyncio.gather(writer(), reader())
        assert seen == []
        async with db.session_scope(read_only=True) as session:
            assert await _notes(session) == ["uncommitted"]
    finally:
        db.use_engine_sessionmakers()
        await engine.dispose()


# -- FastSelect: the same rows whichever way it runs -------------------------------------------

STAMPED = sa.table(
    "scratch_stamped",
    sa.column("id", sa.Uuid()),
    sa.column("n", sa.BigInteger()),
    sa.column("at", UTCDateTime()),
)
CREATE_STAMPED = sa.text(
    "CREATE TABLE scratch_stamped (id UUID PRIMARY KEY, n BIGINT, at TIMESTAMP WITH TIME ZONE)"
)
# Plain values: asyncpg's own on Postgres in a read-only unit of work.
BY_IDS = db.FastSelect(
    sa.select(STAMPED.c.id, STAMPED.c.n)
    .where(sa.or_(STAMPED.c.id == sa.bindparam("a"), STAMPED.c.id == sa.bindparam("b")))
    .order_by(STAMPED.c.n)
)
# A TypeDecorator column and an expanding IN: SQLAlchemy's path, always.
STAMPS = db.FastSelect(
    sa.select(STAMPED.c.n, STAMPED.c.at)
    .where(STAMPED.c.n.in_(sa.bindparam("ns", expanding=True)))
    .order_by(STAMPED.c.n)
)


async def test_fast_select_gives_the_same_rows_in_and_out_of_a_transaction(
    db_connection: async_sessionmaker[AsyncSession],
) -> None:
    one, two = uuid.uuid4(), uuid.uuid4()
    at = datetime(2026, 11, 25, 12, 30, tzinfo=UTC)
    async with db_connection() as session:
        await db.execute(session, CREATE_STAMPED)
        await db.execute(
            session,
            sa.insert(STAMPED),
            [{"id": one, "n": 1, "at": at}, {"id": two, "n": 2, "at": at}],
        )
        await session.commit()

    seen = []
    for read_only in (True, False):
        async with db.session_scope(read_only=read_only) as session:
            plain = await BY_IDS.all(session, {"a": one, "b": two})
            processed = await STAMPS.all(session, {"ns": [1, 2]})
            missing = await BY_IDS.first(session, {"a": uuid.uuid4(), "b": uuid.uuid4()})
        seen.append(
            (
                [(r["id"], r["n"]) for r in plain],
                [(r["n"], r["at"]) for r in processed],
                missing,
            )
        )
    assert seen[0] == seen[1] == ([(one, 1), (two, 2)], [(1, at), (2, at)], None)
    assert all(isinstance(r[1], datetime) and r[1].tzinfo is not None for r in seen[0][1])


def test_fast_select_runs_on_asyncpg_only_what_needs_no_type_processing() -> None:
    dialect = postgresql_asyncpg.dialect()  # type: ignore[no-untyped-call]
    assert BY_IDS._for_asyncpg(dialect) is not None
    assert STAMPS._for_asyncpg(dialect) is None
    # The two every authenticated balance read makes (SQLModel's strings are TypeDecorators
    # that change nothing).
    assert auth_sessions._PRINCIPAL._for_asyncpg(dialect) is not None
    assert buz_ledger._BALANCES._for_asyncpg(dialect) is not None


@requires_postgres
async def test_on_postgres_hot_reads_use_the_read_pool_and_survive_its_connections_dying(
    committed_db: async_sessionmaker[AsyncSession],
) -> None:
    # Committed rows, read as a GET would: through the read pool, not the session's pool.
    one = uuid.uuid4()
    async with db.session_scope() as session:
        await db.execute(session, sa.text("DROP TABLE IF EXISTS scratch_stamped"))
        await db.execute(session, CREATE_STAMPED)
        await db.execute(session, sa.insert(STAMPED), [{"id": one, "n": 7, "at": None}])
    try:
        async with db.session_scope(read_only=True) as session:
            rows = await BY_IDS.all(session, {"a": one, "b": one})
            assert not session.in_transaction()  # no SQLAlchemy connection was needed
        assert [(r["id"], r["n"]) for r in rows] == [(one, 7)]

        # The server ends the read pool's connections (a restart would): its idle
        # connections are dead. The next read still answers.
        async with db.session_scope() as session:
            ended = await db.execute(
                session,
                sa.text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND application_name = :name"
                ),
                {"name": db.READ_POOL_APPLICATION_NAME},
            )
            assert ended.scalar_one() >= 1
        for _ in range(3):
            async with db.session_scope(read_only=True) as session:
                rows = await BY_IDS.all(session, {"a": one, "b": one})
            assert [r["n"] for r in rows] == [7]
    finally:
        async with db.session_scope() as session:
            await db.execute(session, sa.text("DROP TABLE scratch_stamped"))
