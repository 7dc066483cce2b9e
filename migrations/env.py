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


async def run_async_migrations() -> None:
    settings = get_settings().model_copy(update={"database_url": database_url()})
    engine = db.create_engine(settings)
    try:
        async with engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                # Several instances may start (and migrate) at once; one migrates, the others
                # wait and then find nothing to do. Released at commit.
                await conn.execute(sa.text("SELECT pg_advisory_xact_lock(7263541)"))
            await conn.run_sync(do_run_migrations)
            await conn.commit()
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
