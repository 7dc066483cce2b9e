"""The `users_email_key` migration on rows that existed before it: every row gets its key,
look-alike rows that collide do not fail it, and the older account keeps the address."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import command
from sqlalchemy.ext.asyncio import create_async_engine

from tests.migrations.test_migrations import config_for, fresh_database_url

__all__ = ["fresh_database_url"]  # the fixture, used by name below

BEFORE = "3c5e8a1f7b24"  # the revision before users_email_key


async def _execute(url: str, statement: sa.Executable, rows: list[dict[str, object]]) -> None:
    engine = create_async_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.execute(statement, rows)
    finally:
        await engine.dispose()


async def _keys(url: str) -> dict[uuid.UUID, tuple[str, str]]:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            result = await conn.execute(sa.text("SELECT id, email, email_key FROM users"))
            return {uuid.UUID(str(row.id)): (row.email, row.email_key) for row in result}
    finally:
        await engine.dispose()


async def test_existing_look_alikes_are_resolved_not_fatal(fresh_database_url: str) -> None:
    config = config_for(fresh_database_url)
    await asyncio.to_thread(command.upgrade, config, BEFORE)
    now = datetime.now(UTC)
    older, newer, legacy = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    users = sa.table(
        "users",
        *(sa.column(c) for c in ("email", "display_name", "role", "status")),
        sa.column("id", sa.Uuid()),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
    )
    common = {"display_name": "X", "role": "GUEST", "status": "ACTIVE", "updated_at": now}
    await _execute(
        fresh_database_url,
        sa.insert(users),
        [
            # Both were possible under the old lower-case rule; they fold to one key.
            {**common, "id": older, "email": "strasse@example.com", "created_at": now},
            {
                **common,
                "id": newer,
                "email": "stra\u00dfe@example.com",
                "created_at": now + timedelta(seconds=1),
            },
            # `create-admin` took addresses sign-in refused; the row must migrate anyway.
            {**common, "id": legacy, "email": "root@corp.test", "created_at": now},
        ],
    )

    await asyncio.to_thread(command.upgrade, config, "head")

    keys = await _keys(fresh_database_url)
    assert keys[older] == ("strasse@example.com", "strasse@example.com")
    assert keys[newer] == ("stra\u00dfe@example.com", f"{newer.hex}@collided.invalid")
    assert keys[legacy] == ("root@corp.test", "root@corp.test")

    await asyncio.to_thread(command.downgrade, config, BEFORE)
    await asyncio.to_thread(command.upgrade, config, "head")
    assert (await _keys(fresh_database_url))[older][1] == "strasse@example.com"


async def test_rows_that_reference_users_survive_the_table_being_rebuilt(
    fresh_database_url: str,
) -> None:
    """On SQLite batch mode rebuilds `users` (copy, drop, rename). With foreign keys enforced
    the drop failed on the rows that reference a user, or cascaded their deletion (the
    activity feed is ON DELETE CASCADE); migrations run with enforcement off and check every
    reference before they commit."""
    config = config_for(fresh_database_url)
    await asyncio.to_thread(command.upgrade, config, BEFORE)
    now = datetime.now(UTC)
    user_id = uuid.uuid4()
    users = sa.table(
        "users",
        *(sa.column(c) for c in ("email", "display_name", "role", "status")),
        sa.column("id", sa.Uuid()),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
    )
    activity = sa.table(
        "user_activity",
        sa.column("event_id", sa.Uuid()),
        sa.column("user_id", sa.Uuid()),
        sa.column("kind", sa.String()),
        sa.column("occurred_at", sa.DateTime(timezone=True)),
        sa.column("data", sa.JSON()),
    )
    await _execute(
        fresh_database_url,
        sa.insert(users),
        [
            {
                "id": user_id,
                "email": "kept@example.com",
                "display_name": "K",
                "role": "GUEST",
                "status": "ACTIVE",
                "created_at": now,
                "updated_at": now,
            }
        ],
    )
    await _execute(
        fresh_database_url,
        sa.insert(activity),
        [
            {
                "event_id": uuid.uuid4(),
                "user_id": user_id,
                "kind": "users.registered",
                "occurred_at": now,
                "data": {},
            }
            for _ in range(3)
        ],
    )

    await asyncio.to_thread(command.upgrade, config, "head")

    engine = create_async_engine(fresh_database_url)
    try:
        async with engine.connect() as conn:
            count = await conn.scalar(sa.text("SELECT count(*) FROM user_activity"))
    finally:
        await engine.dispose()
    assert count == 3
