"""Counting the SQL statements a piece of code sends (for tests whose bar is "a handful of
statements whatever the number of rows")."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine


@contextmanager
def counted(engine: AsyncEngine) -> Iterator[list[str]]:
    """The statements sent on `engine` inside the block, in order."""
    statements: list[str] = []

    def see(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    sa.event.listen(engine.sync_engine, "before_cursor_execute", see)
    try:
        yield statements
    finally:
        sa.event.remove(engine.sync_engine, "before_cursor_execute", see)
