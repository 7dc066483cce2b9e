"""A user's data export (GDPR art. 15, right of access; art. 20, portability): what a domain
declares, the registry the composition root fills, and the writer that streams the document.

Each domain holds part of what the platform knows about a user, and only it may read its
tables, so each contributes its part: a `DataExport` in its manifest (`export=`), with the
function that collects the part and the tables that part covers. The users domain serves
`GET /api/users/{id}/export` but sits low in the import order and may not import the domains
above it, so the composition root (`brain/handlers.py`) registers every installed domain's
export here, like the check registries ("Asking a higher domain" in docs/development.md).
`tests/domains/users/test_export.py` walks the metadata and fails when a table that refers to
users is neither covered by some domain's `tables` nor excluded with a reason.

The document: `{"format", "format_version", "generated_at", "user_id", "<domain>": {...}, ...}`,
one key per installed domain, in the house order. Values are JSON-safe (UUIDs and times as
strings; BUZ amounts as decimal strings, as the API writes them); the writer refuses anything
else, so a domain cannot leak a type that a client could not read back.

Large histories are never held whole. A part's value may contain async iterables (at any depth
of dicts): the writer writes each as a JSON array, item by item, and flushes the output in
chunks of about `CHUNK_BYTES`. Domains build them with `keyset_rows`, which reads `PAGE_SIZE`
rows a query through the list's keyset, so a user with 100,000 ledger legs costs 200 queries
and the memory of one page, not one query and a document in memory.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar

import sqlalchemy as sa
from pydantic import BaseModel
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import db
from brain.core.pagination import Keyset, PageParams

log = logging.getLogger(__name__)

FORMAT = "smartstart.user-data-export"
# Bumped when a key changes meaning or disappears; new keys do not bump it.
FORMAT_VERSION = 1
RESERVED_KEYS = frozenset({"format", "format_version", "generated_at", "user_id"})
# Rows per query of a streamed list, and bytes per chunk of the response.
PAGE_SIZE = 500
CHUNK_BYTES = 64 * 1024

Collect = Callable[[AsyncSession, uuid.UUID], Awaitable[dict[str, Any]]]
Row = TypeVar("Row")


@dataclass(frozen=True)
class DataExport:
    """A domain's part of a user's data export.

    `collect(session, user_id)` returns the part: a dict of JSON-safe values, where any value
    may be an async iterable (written as an array, for lists without a bound: use
    `keyset_rows`). It reads only; it must not include secrets (hashes of passwords and
    tokens) nor other people's personal data beyond what the user already sees.
    `tables` names every table whose rows about the user the part covers.
    """

    collect: Collect
    tables: tuple[str, ...]


_exporters: dict[str, DataExport] = {}


def register(name: str, export: DataExport) -> None:
    """Add a domain's part (idempotent: registering the same part again changes nothing)."""
    if name in RESERVED_KEYS:
        raise ValueError(f"{name!r} is a reserved key of the export document")
    current = _exporters.get(name)
    if current is not None and current != export:
        raise ValueError(f"domain {name!r} already registered another data export")
    _exporters[name] = export


def registered() -> dict[str, DataExport]:
    """The registered parts, by domain, in registration (house) order."""
    return dict(_exporters)


# -- helpers for the domains ------------------------------------------------------------------


def jsonable(value: Any) -> Any:
    """`value` with UUIDs, times, dates, decimals, enums and pydantic models as JSON values.
    BUZ amounts are integers in storage: convert them with the buz schemas, not here."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Enum):
        return jsonable(value.value)
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    raise TypeError(f"not exportable as JSON: {type(value).__name__}")


def json_object(value: Mapping[str, Any]) -> dict[str, Any]:
    """`jsonable` of a mapping, typed as the JSON object it is."""
    converted: dict[str, Any] = jsonable(value)
    return converted


def keyset_rows(
    session: AsyncSession,
    keyset: Keyset,
    stmt: sa.Select[Any],
    convert: Callable[[Any], Any],
) -> AsyncIterator[Any]:
    """Every row of `stmt`, in `keyset` order, `PAGE_SIZE` rows a query, each through
    `convert`: table objects for `sqlmodel.select(Model)`, rows for a select of columns."""

    async def rows() -> AsyncIterator[Any]:
        page = PageParams(limit=PAGE_SIZE, cursor=None)
        while True:
            found = list((await session.exec(keyset.apply(stmt, page))).all())  # type: ignore[call-overload]
            items, cursor = keyset.page(found, page)
            for item in items:
                yield convert(item)
            if cursor is None:
                return
            page = PageParams(limit=PAGE_SIZE, cursor=cursor)

    return rows()


async def pages(
    fetch: Callable[[PageParams], Awaitable[tuple[list[Row], str | None]]],
    convert: Callable[[Row], Any],
) -> AsyncIterator[Any]:
    """Every item of a paged service function (`fetch(page) -> (items, next_cursor)`)."""
    page = PageParams(limit=PAGE_SIZE, cursor=None)
    while True:
        items, cursor = await fetch(page)
        for item in items:
            yield convert(item)
        if cursor is None:
            return
        page = PageParams(limit=PAGE_SIZE, cursor=cursor)


# -- the writer --------------------------------------------------------------------------------


def _dumps(value: Any) -> str:
    # No `default=`: a value that is not plain JSON is a bug in the part, refused loudly.
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


async def _encode(value: Any) -> AsyncIterator[str]:
    if isinstance(value, Mapping):
        yield "{"
        for i, (key, item) in enumerate(value.items()):
            if not isinstance(key, str):
                raise TypeError(f"export keys are strings, not {type(key).__name__}")
            yield ("," if i else "") + _dumps(key) + ":"
            async for piece in _encode(item):
                yield piece
        yield "}"
    elif isinstance(value, AsyncIterable):
        yield "["
        first = True
        async for item in value:
            yield ("" if first else ",") + _dumps(item)
            first = False
        yield "]"
    else:
        yield _dumps(value)


async def write_document(
    session: AsyncSession, user_id: uuid.UUID, *, generated_at: datetime
) -> AsyncIterator[bytes]:
    """The export document of `user_id`, in chunks of about `CHUNK_BYTES`."""
    head = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "generated_at": generated_at.isoformat(),
        "user_id": str(user_id),
    }
    buffer: list[str] = [_dumps(head)[:-1]]  # the head's fields, without its closing brace
    size = len(buffer[0])
    for name, export in _exporters.items():
        part = await export.collect(session, user_id)
        buffer.append("," + _dumps(name) + ":")
        async for piece in _encode(part):
            buffer.append(piece)
            size += len(piece)
            if size >= CHUNK_BYTES:
                yield "".join(buffer).encode()
                buffer, size = [], 0
    buffer.append("}")
    yield "".join(buffer).encode()


async def stream_document(user_id: uuid.UUID, *, generated_at: datetime) -> AsyncIterator[bytes]:
    """`write_document` in a read-only unit of work of its own: the response streams after
    the request's unit of work has ended. A failure halfway cannot change the status any
    more (it was sent): it is logged and the body ends short, so the document does not parse
    and the client knows it is incomplete."""
    async with db.session_scope(read_only=True) as session:
        try:
            async for chunk in write_document(session, user_id, generated_at=generated_at):
                yield chunk
        except Exception:
            log.exception("data export of user %s failed while streaming", user_id)
            raise
