"""The engine's pool on Postgres: a connection the server closed is never handed out."""

from __future__ import annotations

import asyncio

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
