"""The database: one async engine per process and one session per unit of work.

A unit of work (`session_scope`) commits at the end and rolls back on error. Services only
flush. Work that must happen after a successful commit (dispatching outbox events) registers
an `after_commit` callback on the session; rollback discards them, so a rolled-back
transaction delivers nothing.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.config import Settings

log = logging.getLogger(__name__)

AfterCommit = Callable[[], Awaitable[None]]

_engine: AsyncEngine | None = None
_sessionmaker: async_sessionmaker[AsyncSession] | None = None


def create_engine(settings: Settings) -> AsyncEngine:
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(
            url,
            echo=settings.db_echo,
            connect_args={"timeout": settings.db_connect_timeout},
        )
        _configure_sqlite(engine)
        return engine
    engine = create_async_engine(
        url,
        echo=settings.db_echo,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_timeout=settings.db_pool_timeout,
        connect_args={"timeout": settings.db_connect_timeout},
    )
    _replace_closed_connections(engine)
    return engine


def _replace_closed_connections(engine: AsyncEngine) -> None:
    """A connection that died with a database restart is replaced at checkout instead of
    failing a request, so the pool recovers without restarting the process.

    Not `pool_pre_ping`: SQLAlchemy's asyncpg ping is three round trips (BEGIN, `;`,
    ROLLBACK) on every checkout, a quarter of the CPU of a small authenticated read. asyncpg
    reads every pooled connection's socket, so it knows at once when the server has closed
    one (a restart, `pg_terminate_backend`), and asking it costs no round trip.
    """

    @event.listens_for(engine.sync_engine, "checkout")
    def _on_checkout(_dbapi: Any, record: ConnectionPoolEntry, _proxy: Any) -> None:
        if record.driver_connection is not None and record.driver_connection.is_closed():
            # The pool discards this connection and checks out (or opens) another.
            raise DisconnectionError("the server closed this connection")


def _configure_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        # Let SQLAlchemy, not the driver, emit BEGIN: the driver's implicit transactions break
        # SAVEPOINT and start writes lazily.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        # IMMEDIATE takes the write lock up front. A deferred transaction that reads and then
        # writes fails at once (SQLITE_BUSY, no waiting) when another writer got in between;
        # an immediate one waits its turn under busy_timeout instead.
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def configure(settings: Settings) -> AsyncEngine:
    """Create this process's engine and session factory (called from the app's lifespan,
    the worker's startup and the CLI)."""
    global _engine, _sessionmaker
    _engine = create_engine(settings)
    _sessionmaker = async_sessionmaker(_engine, class_=AsyncSession, expire_on_commit=False)
    return _engine


def use_sessionmaker(factory: async_sessionmaker[AsyncSession] | None) -> None:
    """Swap the session factory (tests bind it to a connection that is rolled back)."""
    global _sessionmaker
    _sessionmaker = factory


def get_engine() -> AsyncEngine:
    if _engine is None:
        raise RuntimeError("database not configured: call brain.core.db.configure() first")
    return _engine


def is_configured() -> bool:
    return _engine is not None


def get_sessionmaker() -> async_sessionmaker[AsyncSession]:
    if _sessionmaker is None:
        raise RuntimeError("database not configured: call brain.core.db.configure() first")
    return _sessionmaker


async def dispose() -> None:
    global _engine, _sessionmaker
    if _engine is not None:
        await _engine.dispose()
    _engine = None
    _sessionmaker = None


def after_commit(session: AsyncSession, callback: AfterCommit, *, key: str | None = None) -> None:
    """Run `callback` once the session's transaction has committed.

    With a `key`, the callback is registered at most once per unit of work.
    """
    callbacks: dict[str, AfterCommit] = session.info.setdefault("brain_after_commit", {})
    callbacks.setdefault(key or f"cb-{len(callbacks)}", callback)


async def _run_after_commit(session: AsyncSession) -> None:
    callbacks: dict[str, AfterCommit] = session.info.pop("brain_after_commit", {})
    for callback in callbacks.values():
        try:
            await callback()
        except Exception:
            # The transaction is committed; what failed here is delivered later (the outbox
            # sweeper), so the caller's success stands.
            log.exception("after-commit callback failed")


@asynccontextmanager
async def session_scope() -> AsyncIterator[AsyncSession]:
    """One unit of work: commit on success, roll back on error, then run after-commit work."""
    async with get_sessionmaker()() as session:
        try:
            yield session
            await session.commit()
        except BaseException:
            session.info.pop("brain_after_commit", None)
            await session.rollback()
            raise
        await _run_after_commit(session)


async def get_session() -> AsyncIterator[AsyncSession]:
    async with session_scope() as session:
        yield session


# scope="function": the commit happens after the handler returns and before the response is
# sent, so a failed commit becomes an error response, never a 2xx for lost work.
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
