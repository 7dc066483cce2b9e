"""Alembic environment: async, batch mode on SQLite, the Brain's complete metadata."""

from __future__ import annotations

import asyncio
from logging.config import fileConfig
from typing import Any, Literal

import sqlalchemy as sa
from alembic import context
from sqlalchemy.engine import Connection
from sqlmodel.sql.sqltypes import AutoString

import brain.models  # noqa: F401  (registers every table on the metadata)
from brain.core import db
from brain.core.config import get_settings
from brain.core.models import UTCDateTime
from brain.models import metadata

config = context.config
if config.config_file_name is not None and not config.attributes.get("skip_logging_config"):
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def database_url() -> str:
    url = config.attributes.get("database_url") or get_settings().database_url
    return str(url)


def render_item(type_: str, obj: Any, _autogen_context: Any) -> str | Literal[False]:
    # Migrations spell app-level types as plain SQLAlchemy types, so a migration never imports
    # code (ours or SQLModel's) that may change after it was written.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    if type_ == "type" and isinstance(obj, AutoString):
        return f"sa.String(length={obj.length})" if obj.length else "sa.String()"
    return False


def compare_type(
    _context: Any,
    _inspected_column: Any,
    _metadata_column: Any,
    inspected_type: Any,
    metadata_type: Any,
) -> bool | None:
    if isinstance(metadata_type, UTCDateTime):
        # SQLite reflects DATETIME without a timezone flag; both spellings are the same column.
        return not isinstance(inspected_type, sa.DateTime)
    return None


def do_run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        render_item=render_item,
        compare_type=compare_type,
        compare_server_default=False,
        # SQLite does roll back DDL; Alembic just assumes it cannot. A failed migration then
        # leaves the database as it was.
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()
        if connection.dialect.name == "sqlite":
            _refuse_broken_references(connection)


def _refuse_broken_references(connection: Connection) -> None:
    """Foreign keys are off while SQLite migrates (below); before the commit, every reference
    must still hold, or the whole migration rolls back."""
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if broken:
        raise RuntimeError(f"the migration broke {len(broken)} references, e.g. {broken[:3]}")


async def _sqlite_foreign_keys(conn: Any, on: bool) -> None:
    """Turn SQLite's foreign key enforcement on or off for this connection. Batch mode changes a
    table by copying it and dropping the original, and with enforcement on dropping `users`
    either fails on the rows that reference it or, worse, cascades their deletion (SQLite's
    "12 steps" for a schema change start by turning enforcement off). The pragma is a no-op
    inside a transaction, so it goes to the driver before SQLAlchemy begins one."""
    raw = await conn.get_raw_connection()
    await raw.driver_connection.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")


async def run_async_migrations() -> None:
    settings = get_settings().model_copy(update={"database_url": database_url()})
    engine = db.create_engine(settings)
    try:
        async with engine.connect() as conn:
            sqlite = conn.dialect.name == "sqlite"
            if sqlite:
                await _sqlite_foreign_keys(conn, on=False)
            else:
                # Several instances may start (and migrate) at once; one migrates, the others
                # wait and then find nothing to do. Released at commit.
                await conn.execute(sa.text("SELECT pg_advisory_xact_lock(7263541)"))
            try:
                await conn.run_sync(do_run_migrations)
                await conn.commit()
            finally:
                if sqlite:
                    await conn.rollback()
                    await _sqlite_foreign_keys(conn, on=True)
    finally:
        await engine.dispose()


def run_migrations_offline() -> None:
    context.configure(
        url=database_url(),
        target_metadata=metadata,
        literal_binds=True,
        render_as_batch=database_url().startswith("sqlite"),
        render_item=render_item,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
elif isinstance(config.attributes.get("connection"), Connection):
    # A caller already inside an event loop (tests) hands over a sync connection through
    # `AsyncConnection.run_sync`.
    do_run_migrations(config.attributes["connection"])
else:
    asyncio.run(run_async_migrations())
