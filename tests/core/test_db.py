"""The engine's pool on Postgres: a connection the server closed is never handed out."""

from __future__ import annotations

import asyncio
import subprocess
import time

import asyncpg
import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from brain.core import db
from brain.core.config import Settings
from tests.conftest import TEST_DATABASE_URL, requires_postgres


@requires_postgres
async def test_a_pooled_connection_the_server_ended_is_replaced_not_used(
    settings: Settings,
) -> None:
    engine = db.create_engine(settings)
    admin = create_async_engine(TEST_DATABASE_URL, poolclass=NullPool)
    try:
        async with engine.connect() as conn:
            pid = (await conn.execute(sa.text("SELECT pg_backend_pid()"))).scalar_one()
            driver = (await conn.get_raw_connection()).driver_connection
        assert driver is not None
        # Idle in the pool now. The server ends it, as a restart would.
        async with admin.connect() as other:
            await other.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        for _ in range(200):
            if driver.is_closed():
                break
            await asyncio.sleep(0.01)
        assert driver.is_closed()

        async with engine.connect() as conn:
            fresh = (await conn.execute(sa.text("SELECT pg_backend_pid()"))).scalar_one()
        assert fresh != pid
    finally:
        await engine.dispose()
        await admin.dispose()


@requires_postgres
async def test_a_connection_ended_a_moment_before_checkout_is_not_handed_out(
    settings: Settings,
) -> None:
    """The race a restart leaves: the server ended a pooled connection and its goodbye is in
    the socket, but the event loop has not run since, so asyncpg does not know yet. The pool
    must still not hand it out (it was a 500 once: asyncpg's InternalClientError)."""
    engine = db.create_engine(settings)
    try:
        async with engine.connect() as conn:
            pid = (await conn.execute(sa.text("SELECT pg_backend_pid()"))).scalar_one()
        # Blocking on purpose: the loop must not run (and let asyncpg read the goodbye)
        # between the termination and the checkout.
        libpq_url = TEST_DATABASE_URL.replace("+asyncpg", "")
        subprocess.run(  # noqa: ASYNC221
            ["psql", libpq_url, "-qAtc", f"SELECT pg_terminate_backend({int(pid)})"],
            check=True,
            capture_output=True,
        )
        time.sleep(0.3)  # noqa: ASYNC251 (the server's goodbye reaches our socket)

        async with engine.connect() as conn:
            fresh = (await conn.execute(sa.text("SELECT pg_backend_pid()"))).scalar_one()

        assert fresh != pid
    finally:
        await engine.dispose()


@pytest.mark.parametrize(
    ("error", "lost"),
    [
        (asyncpg.InternalClientError("cannot perform operation"), True),
        (asyncpg.ConnectionDoesNotExistError("closed in the middle of operation"), True),
        (asyncpg.AdminShutdownError("terminating connection"), True),
        (asyncpg.UniqueViolationError("duplicate key"), False),
        (ValueError("not the driver"), False),
    ],
)
def test_a_lost_connection_is_told_from_a_failed_statement(
    error: BaseException, lost: bool
) -> None:
    wrapped = RuntimeError("the adapter's wrapper")
    wrapped.__cause__ = error

    assert db._driver_lost_connection(error) is lost
    assert db._driver_lost_connection(wrapped) is lost
