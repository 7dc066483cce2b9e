"""Test fixtures.

The suite runs on SQLite by default and on Postgres and Redis when `BRAIN_TEST_DATABASE_URL`
and `BRAIN_TEST_REDIS_URL` are set (CI's second pass). The database is migrated with Alembic
once per run; each test then runs inside a transaction that is rolled back, with every session
the code opens (requests, event handlers) bound to that transaction through savepoints.

Tests that need real commits (the outbox sweeper, the arq worker, several processes) use
`committed_db` instead and clean up after themselves.
"""

from __future__ import annotations

import os
import socket
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from httpx import ASGITransport, AsyncClient
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus, db, jobs, ratelimit
from brain.core.config import Settings, get_settings
from tests import error_contract

_TMP = Path(tempfile.mkdtemp(prefix="brain-tests-"))
TEST_DATABASE_URL = os.environ.get("BRAIN_TEST_DATABASE_URL") or (
    f"sqlite+aiosqlite:///{_TMP / 'test.db'}"
)
TEST_REDIS_URL = os.environ.get("BRAIN_TEST_REDIS_URL") or None

requires_redis = pytest.mark.skipif(
    TEST_REDIS_URL is None, reason="needs BRAIN_TEST_REDIS_URL (CI's second pass sets it)"
)
requires_postgres = pytest.mark.skipif(
    not TEST_DATABASE_URL.startswith("postgresql"),
    reason="needs BRAIN_TEST_DATABASE_URL pointing at Postgres (CI's second pass sets it)",
)


def pytest_configure(config: pytest.Config) -> None:
    error_contract.install()
    # Every module reads settings through get_settings(); point it at the test resources.
    os.environ["BRAIN_ENV"] = "test"
    os.environ["BRAIN_DATABASE_URL"] = TEST_DATABASE_URL
    os.environ["BRAIN_DATA_DIR"] = str(_TMP / "data")
    os.environ["BRAIN_LOG_LEVEL"] = "WARNING"
    os.environ["BRAIN_JOB_RETRY_BASE_SECONDS"] = "0"
    os.environ["BRAIN_OUTBOX_SWEEP_GRACE_SECONDS"] = "0"
    os.environ["BRAIN_JOB_QUEUE_NAME"] = f"brain:test:{os.getpid()}"
    # The app runs without Redis unless a test asks for it explicitly.
    os.environ.pop("BRAIN_REDIS_URL", None)
    get_settings.cache_clear()
    from brain.cli import alembic_config

    if config.option.collectonly:
        return
    from alembic import command

    command.upgrade(alembic_config(TEST_DATABASE_URL), "head")  # type: ignore[arg-type]


def pytest_runtest_setup(item: pytest.Item) -> None:
    error_contract.note_test(item.nodeid)


def pytest_sessionfinish(session: pytest.Session) -> None:
    # Every error a route answered during the run is one its OpenAPI operation lists.
    error_contract.check(session)


@pytest.fixture
def settings() -> Settings:
    """The settings every module sees now (`get_settings()`): patching this object patches
    what the code under test reads, even after a test rebuilt the cached instance."""
    return get_settings()


@pytest.fixture(scope="session")
async def engine() -> AsyncIterator[AsyncEngine]:
    engine = db.configure(get_settings())
    yield engine
    await db.dispose()


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    """In-process rate-limit counters outlive a test; every test starts with none."""
    ratelimit.reset()


@pytest.fixture
def subscriptions() -> Iterator[None]:
    """Restore the bus's subscriptions after a test that adds its own handlers."""
    saved = {k: list(v) for k, v in bus._subscriptions.items()}
    saved_keys = dict(bus._by_key)
    yield
    bus._subscriptions.clear()
    bus._subscriptions.update(saved)
    bus._by_key.clear()
    bus._by_key.update(saved_keys)


@pytest.fixture
async def job_runner(settings: Settings) -> AsyncIterator[jobs.InProcessJobs]:
    """An in-process runner that runs jobs only when the test calls `run_until_idle()`."""
    runner = jobs.InProcessJobs(settings, autostart=False)
    previous = jobs._backend
    jobs.use_backend(runner)
    yield runner
    jobs.use_backend(previous)


@pytest.fixture
async def db_connection(
    engine: AsyncEngine, job_runner: jobs.InProcessJobs
) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Everything the test and the code under test write is rolled back at the end."""
    async with engine.connect() as conn:
        outer = await conn.begin()
        factory = async_sessionmaker(
            bind=conn,
            class_=AsyncSession,
            expire_on_commit=False,
            join_transaction_mode="create_savepoint",
        )
        db.use_sessionmaker(factory)
        try:
            yield factory
        finally:
            db.use_engine_sessionmakers()
            if outer.is_active:
                await outer.rollback()


@pytest.fixture
async def session(
    db_connection: async_sessionmaker[AsyncSession],
) -> AsyncIterator[AsyncSession]:
    async with db_connection() as s:
        yield s


@pytest.fixture
async def committed_db(
    engine: AsyncEngine, job_runner: jobs.InProcessJobs
) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Real commits on the test database; the outbox is emptied afterwards."""
    # The engine's own factories: reads in autocommit on Postgres, as in production.
    db.use_engine_sessionmakers()
    yield db.get_sessionmaker()
    async with engine.begin() as conn:
        await conn.execute(sa.text("DELETE FROM outbox_deliveries"))
        await conn.execute(sa.text("DELETE FROM outbox_events"))


@pytest.fixture
def closed_port() -> Iterator[int]:
    """A loopback port that refuses connections: bound (so nobody else takes it), never
    listening."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        yield int(sock.getsockname()[1])


@pytest.fixture(params=["postgres-refused", "sqlite-unopenable"])
def unreachable_database_url(request: pytest.FixtureRequest, closed_port: int) -> str:
    if request.param == "postgres-refused":
        return f"postgresql+asyncpg://brain@127.0.0.1:{closed_port}/brain"
    # No such folder, and SQLite does not create folders: it cannot open the file, as root too.
    return "sqlite+aiosqlite:////nonexistent-brain-test-dir/sub/brain.db"


@pytest.fixture
def unreachable_app(app: object) -> object:
    """The app `unreachable_db_client` serves; a module overrides it to add routes."""
    return app


@pytest.fixture
async def unreachable_db_client(
    unreachable_app: object,
    engine: AsyncEngine,
    job_runner: jobs.InProcessJobs,
    unreachable_database_url: str,
) -> AsyncIterator[AsyncClient]:
    """A client of the app while its database cannot be reached."""
    dead = create_async_engine(unreachable_database_url, connect_args={"timeout": 2})
    db.use_sessionmaker(async_sessionmaker(dead, class_=AsyncSession, expire_on_commit=False))
    try:
        transport = ASGITransport(app=unreachable_app, raise_app_exceptions=False)  # type: ignore[arg-type]
        async with AsyncClient(transport=transport, base_url="http://test") as c:
            yield c
    finally:
        db.use_engine_sessionmakers()
        await dead.dispose()


@pytest.fixture
def app(settings: Settings) -> object:
    from brain import handlers
    from brain.app import create_app

    handlers.register()
    return create_app(settings)


@pytest.fixture
async def client(app: object, db_connection: object) -> AsyncIterator[AsyncClient]:
    transport = ASGITransport(app=app, raise_app_exceptions=False)  # type: ignore[arg-type]
    async with AsyncClient(transport=transport, base_url="http://test") as c:
        yield c
