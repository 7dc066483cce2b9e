"""The one keyset paginator every list uses.

A list declares its sort keys once, as a `Keyset` at module level:

    HISTORY = Keyset("buz.transactions", TRANSFERS.c.created_at, TRANSFERS.c.id)

and a service function pages through it in two steps around its own query:

    stmt = HISTORY.apply(stmt, page)                 # WHERE after the cursor, ORDER BY, LIMIT n+1
    rows = (await session.execute(stmt)).all()
    rows, next_cursor = HISTORY.page(rows, page)     # the first n rows, and the cursor after them

Why keyset and not OFFSET: a page is found through the sort index whatever its depth, and rows
inserted while a client pages never shift later pages (no gaps, no repeats).

The cursor is opaque: base64url of `[list name, [key values]]`, then `.` and a truncated
HMAC-SHA256 of that under a key derived from `secret_key`. A cursor that does not decode, was
altered, was made by another list, or holds values of the wrong type is refused with 400
`INVALID_CURSOR`, never a 500 or a silent restart from the top. Signing is what makes "altered"
detectable at all; it also means a cursor stops working when `secret_key` rotates (the client
starts the list again, as it would after any invalid cursor).

The last key must be unique (an id), so the order is total and a page boundary never falls
between equal rows.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import lru_cache
from typing import Annotated, Any, Literal, TypeVar

import sqlalchemy as sa
from fastapi import Query
from pydantic import BaseModel
from sqlalchemy.sql.elements import ColumnElement

from brain.core.config import get_settings
from brain.core.errors import InvalidCursor
from brain.core.openapi import declares

T = TypeVar("T")
S = TypeVar("S", bound=sa.Select[Any])

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
# Long enough for any real cursor (three keys with an ISO time and a UUID stay under 200).
MAX_CURSOR_LENGTH = 500
_MAC_BYTES = 12


class PageParams(BaseModel):
    limit: int
    cursor: str | None


@declares(InvalidCursor)
def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")] = DEFAULT_LIMIT,
    cursor: Annotated[
        str | None,
        Query(max_length=MAX_CURSOR_LENGTH, description="`next_cursor` of the previous page."),
    ] = None,
) -> PageParams:
    # `?cursor=` is no cursor: a client that passes back a null `next_cursor` as an empty
    # string asks for the first page, not for an error.
    return PageParams(limit=limit, cursor=cursor or None)


# -- the cursor's values ----------------------------------------------------------------------

KeyType = Literal["datetime", "uuid", "int", "str"]


def _python_type(type_: sa.types.TypeEngine[Any]) -> type:
    try:
        python_type = type_.python_type
    except NotImplementedError:  # a type that does not say
        return object
    if python_type is object and isinstance(type_, sa.types.TypeDecorator):
        # A TypeDecorator says `object` unless it overrides `python_type`; what it stores
        # says more (SQLModel's `AutoString`, every str column of a table, is one).
        return _python_type(type_.impl_instance)
    return python_type


def _key_type(column: ColumnElement[Any]) -> KeyType:
    python_type = _python_type(column.type)
    if issubclass(python_type, bool):
        # A subclass of int, but a cursor's ints refuse booleans (`_load`).
        raise TypeError(f"keyset column {column} is a boolean: a cursor cannot carry one")
    kinds: list[tuple[KeyType, type]] = [
        ("datetime", datetime),
        ("uuid", uuid.UUID),
        ("int", int),
        ("str", str),
    ]
    for kind, cls in kinds:
        if issubclass(python_type, cls):
            return kind
    raise TypeError(f"keyset column {column} has a type a cursor cannot carry: {column.type}")


def _dump(kind: KeyType, value: Any) -> Any:
    if kind == "datetime":
        return value.isoformat()
    if kind == "uuid":
        return str(value)
    return value


def _load(kind: KeyType, value: Any) -> Any:
    """The typed value of one cursor key; `ValueError` for anything else."""
    if kind == "datetime":
        if not isinstance(value, str):
            raise ValueError("a time")
        parsed = datetime.fromisoformat(value)
        if parsed.tzinfo is None:
            raise ValueError("an aware time")
        return parsed
    if kind == "uuid":
        if not isinstance(value, str):
            raise ValueError("a uuid")
        return uuid.UUID(value)
    if kind == "int":
        if not isinstance(value, int) or isinstance(value, bool) or abs(value) >= 2**63:
            raise ValueError("an integer")
        return value
    if not isinstance(value, str):
        raise ValueError("a string")
    return value


@lru_cache(maxsize=4)
def _signing_key(secret_key: str) -> bytes:
    # A key of its own, so a cursor's MAC can never stand in for another signature.
    return hashlib.sha256(b"brain.pagination.v1\x00" + secret_key.encode()).digest()


def _mac(payload: bytes) -> bytes:
    key = _signing_key(get_settings().secret_key)
    return hmac.new(key, payload, hashlib.sha256).digest()[:_MAC_BYTES]


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    # The decoder skips characters outside the alphabet and ignores a last character's spare
    # bits, so many strings decode to the same bytes: only the one `_b64` gives is a cursor
    # this list gave out.
    if _b64(raw) != text:
        raise ValueError("not the canonical encoding")
    return raw


# -- the paginator --------------------------------------------------------------------------


class Keyset:
    """A list's sort order, declared once: a name (which list a cursor belongs to) and its
    sort columns, the last of them unique. `descending=True` (newest first) is the default."""

    def __init__(self, name: str, *keys: ColumnElement[Any], descending: bool = True) -> None:
        if not keys:
            raise ValueError("a keyset needs at least one sort key")
        self.name = name
        self.keys = keys
        self.descending = descending
        self.kinds = [_key_type(k) for k in keys]
        # What a row's value of each key is called: its attribute on an ORM object, its key
        # in a Core row's mapping.
        self.fields = [str(getattr(k, "key", None) or getattr(k, "name", "")) for k in keys]

    # -- cursors --

    def encode(self, values: Sequence[Any]) -> str:
        dumped = [_dump(kind, v) for kind, v in zip(self.kinds, values, strict=True)]
        for kind, value in zip(self.kinds, dumped, strict=True):
            try:
                _load(kind, value)
            except ValueError as exc:
                # A cursor `decode` would refuse: the list would break on its second page,
                # so it breaks on its first, where the value came from (a naive time...).
                raise ValueError(f"keyset {self.name}: {value!r} is not {exc}") from exc
        payload = json.dumps([self.name, dumped], separators=(",", ":")).encode()
        return f"{_b64(payload)}.{_b64(_mac(payload))}"

    def decode(self, cursor: str) -> list[Any]:
        """The key values a cursor carries; `InvalidCursor` unless this list made it."""
        try:
            body, _, mac = cursor.partition(".")
            payload, given = _unb64(body), _unb64(mac)
            if not hmac.compare_digest(given, _mac(payload)):
                raise InvalidCursor()
            name, values = json.loads(payload)
            if name != self.name or not isinstance(values, list):
                raise InvalidCursor()
            if len(values) != len(self.kinds):
                raise InvalidCursor()
            return [_load(kind, v) for kind, v in zip(self.kinds, values, strict=True)]
        except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as exc:
            raise InvalidCursor() from exc

    # -- queries --

    def after(self, values: Sequence[Any]) -> ColumnElement[bool]:
        """The rows that come after `values` in this order: (a, b) after (A, B) is
        a ⋗ A, or a = A and b ⋗ B, where ⋗ is < for a descending order."""

        def beyond(column: ColumnElement[Any], value: Any) -> ColumnElement[bool]:
            condition: ColumnElement[bool] = column < value if self.descending else column > value
            return condition

        condition = beyond(self.keys[-1], values[-1])
        for column, value in zip(reversed(self.keys[:-1]), reversed(values[:-1]), strict=True):
            condition = sa.or_(beyond(column, value), sa.and_(column == value, condition))
        return condition

    def order_by(self) -> list[ColumnElement[Any]]:
        return [k.desc() if self.descending else k.asc() for k in self.keys]

    def apply(self, stmt: S, page: PageParams) -> S:
        """`stmt` narrowed to the page: rows after the cursor, in order, one more than the
        limit (that one says whether there is a next page)."""
        if page.cursor is not None:
            stmt = stmt.where(self.after(self.decode(page.cursor)))
        return stmt.order_by(*self.order_by()).limit(page.limit + 1)

    def page(
        self,
        rows: Sequence[T],
        page: PageParams,
        key: Callable[[T], Sequence[Any]] | None = None,
    ) -> tuple[list[T], str | None]:
        """The page's rows and the cursor after the last of them (None on the last page).
        `key` gives a row's sort values where they are not its attributes or mapping keys."""
        items = list(rows[: page.limit])
        if len(rows) <= page.limit or not items:
            return items, None
        last = items[-1]
        values = key(last) if key is not None else self._values(last)
        return items, self.encode(values)

    def _values(self, row: Any) -> list[Any]:
        mapping = getattr(row, "_mapping", None)
        if mapping is not None:
            return [mapping[f] for f in self.fields]
        if isinstance(row, dict):
            return [row[f] for f in self.fields]
        return [getattr(row, f) for f in self.fields]
