"""The keyset paginator: its cursors, paging a real table, and every paginated route's answer to
a cursor it did not give out (400 INVALID_CURSOR, as problem details)."""

from __future__ import annotations

import base64
import json
import os
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from fastapi import FastAPI
from httpx import AsyncClient
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import db, pagination
from brain.core.config import Settings
from brain.core.errors import InvalidCursor
from brain.core.models import UTCDateTime
from brain.core.pagination import Keyset, PageParams
from brain.domains.buz import service as buz
from brain.domains.users.models import User
from brain.domains.users.schemas import Role
from tests.factories.buz import fund
from tests.factories.files import png, uploaded
from tests.factories.legal import sign_personal
from tests.factories.users import make_signed_in, make_user
from tests.factories.ventures import create_venture

ROWS = sa.table(
    "rows",
    sa.column("at", UTCDateTime()),
    sa.column("id", sa.Uuid()),
    sa.column("n", sa.BigInteger()),
    sa.column("s", sa.String()),
)
BY_TIME = Keyset("tests.by_time", ROWS.c.at, ROWS.c.id)
AT = datetime(2026, 11, 25, 12, 30, 15, 123456, tzinfo=UTC)


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _forged(name: str, values: Any) -> str:
    """A cursor signed with the server's key around any payload: what a list could only give
    out through a bug (or a key leak). The paginator must still refuse what it cannot use."""
    payload = json.dumps([name, values]).encode()
    return f"{_b64(payload)}.{_b64(pagination._mac(payload))}"


def _refused(keyset: Keyset, cursor: str) -> InvalidCursor:
    with pytest.raises(InvalidCursor) as caught:
        keyset.decode(cursor)
    assert caught.value.status == 400
    assert caught.value.code == "INVALID_CURSOR"
    return caught.value


# -- (a) cursors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("keys", "values"),
    [
        ((ROWS.c.at,), [AT]),
        ((ROWS.c.at,), [AT.astimezone(UTC).replace(microsecond=0)]),
        ((ROWS.c.id,), [uuid.uuid4()]),
        ((ROWS.c.n,), [0]),
        ((ROWS.c.n,), [-(2**62)]),
        ((ROWS.c.n,), [2**63 - 1]),
        ((ROWS.c.s,), ['é/ü "quoted" .dots. ✓']),
        ((ROWS.c.s,), [""]),
        ((ROWS.c.at, ROWS.c.n, ROWS.c.s, ROWS.c.id), [AT, 7, "seven", uuid.uuid4()]),
    ],
    ids=["time", "time-whole-second", "uuid", "zero", "negative", "int64-max", "str", "empty", "4"],
)
def test_a_cursor_gives_back_the_values_it_was_made_of(
    keys: tuple[Any, ...], values: list[Any]
) -> None:
    keyset = Keyset("tests.round_trip", *keys)
    cursor = keyset.encode(values)
    assert keyset.decode(cursor) == values
    assert [type(v) for v in keyset.decode(cursor)] == [type(v) for v in values]
    # Opaque and safe in a query string as it is.
    assert set(cursor) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")


def test_a_time_in_another_zone_comes_back_as_the_same_instant() -> None:
    keyset = Keyset("tests.zone", ROWS.c.at)
    paris = AT.astimezone(ZoneInfo("Europe/Paris"))
    [back] = keyset.decode(keyset.encode([paris]))
    assert back == AT
    assert back.utcoffset() is not None


def _valid() -> str:
    return BY_TIME.encode([AT, uuid.uuid4()])


def _flip(text: str, index: int) -> str:
    swapped = "B" if text[index] == "A" else "A"
    return text[:index] + swapped + text[index + 1 :]


def _payload_altered_mac_kept() -> str:
    body, mac = _valid().split(".")
    [name, values] = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    values[1] = str(uuid.uuid4())
    return f"{_b64(json.dumps([name, values]).encode())}.{mac}"


MALFORMED = {
    "empty": lambda: "",
    "base64 of {}": lambda: "e30",
    "base64 of {} with a dot": lambda: "e30.e30",
    "random base64": lambda: _b64(os.urandom(48)),
    "random base64 with a MAC-sized tail": lambda: f"{_b64(os.urandom(40))}.{_b64(os.urandom(12))}",
    "not base64": lambda: "not a cursor!",
    "non-ASCII": lambda: "curseur-é.ü",
    "truncated": lambda: _valid()[:-4],
    "truncated to its payload": lambda: _valid().split(".")[0],
    "half of it": lambda: _valid()[: len(_valid()) // 2],
    "payload altered, MAC kept": _payload_altered_mac_kept,
    "MAC altered": lambda: _flip(_valid(), -3),
    "payload byte altered": lambda: _flip(_valid(), 10),
    "junk inside": lambda: _valid().replace(".", "!.", 1),
    "padding added": lambda: _valid() + "=",
    "newline added": lambda: _valid() + "\n",
    "another list's": lambda: Keyset("tests.other_list", ROWS.c.at, ROWS.c.id).encode(
        [AT, uuid.uuid4()]
    ),
    "one value short": lambda: _forged("tests.by_time", [AT.isoformat()]),
    "one value more": lambda: _forged("tests.by_time", [AT.isoformat(), str(uuid.uuid4()), 1]),
    "values not a list": lambda: _forged("tests.by_time", {"at": AT.isoformat()}),
    "not a pair": lambda: _b64(b"[]") + "." + _b64(pagination._mac(b"[]")),
    "values swapped": lambda: _forged("tests.by_time", [str(uuid.uuid4()), AT.isoformat()]),
    "a number for a time": lambda: _forged("tests.by_time", [1764073815, str(uuid.uuid4())]),
    "not a uuid": lambda: _forged("tests.by_time", [AT.isoformat(), "1; DROP TABLE users"]),
    "null values": lambda: _forged("tests.by_time", [None, None]),
    "a naive time": lambda: _forged("tests.by_time", ["2026-11-25T12:30:15", str(uuid.uuid4())]),
}


@pytest.mark.parametrize("make", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_cursor_the_list_did_not_give_out_is_refused(make: Any) -> None:
    _refused(BY_TIME, make())


@pytest.mark.parametrize(
    "value",
    [2**63, -(2**63) - 1, 2**200, True, False, "7", 7.0],
    ids=["2**63", "-2**63-1", "2**200", "true", "false", "a string", "a float"],
)
def test_an_int_key_takes_only_a_64_bit_integer(value: Any) -> None:
    keyset = Keyset("tests.by_number", ROWS.c.n)
    assert keyset.decode(_forged("tests.by_number", [2**63 - 1])) == [2**63 - 1]
    _refused(keyset, _forged("tests.by_number", [value]))


def test_a_str_key_takes_only_a_string() -> None:
    keyset = Keyset("tests.by_name", ROWS.c.s)
    for wrong in (7, None, ["a"], {"a": 1}, True):
        _refused(keyset, _forged("tests.by_name", [wrong]))


def test_a_cursor_made_under_another_secret_key_is_refused(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    values = [AT, uuid.uuid4()]
    ours = BY_TIME.encode(values)
    monkeypatch.setattr(settings, "secret_key", "another-deployment-" + "k" * 40)
    theirs = BY_TIME.encode(values)
    assert theirs != ours
    assert BY_TIME.decode(theirs) == values
    monkeypatch.undo()
    _refused(BY_TIME, theirs)
    assert BY_TIME.decode(ours) == values


def test_a_value_a_cursor_could_not_carry_fails_on_the_first_page_not_the_second() -> None:
    with pytest.raises(ValueError, match="aware time"):
        BY_TIME.encode([datetime(2026, 11, 25, 12, 30), uuid.uuid4()])
    with pytest.raises(ValueError, match="integer"):
        Keyset("tests.by_number", ROWS.c.n).encode([2**64])


def test_a_keyset_refuses_keys_a_cursor_cannot_carry() -> None:
    with pytest.raises(TypeError, match="boolean"):
        Keyset("tests.flag", sa.column("flag", sa.Boolean()))
    with pytest.raises(TypeError, match="cannot carry"):
        Keyset("tests.blob", sa.column("blob", sa.LargeBinary()))
    with pytest.raises(ValueError, match="at least one"):
        Keyset("tests.nothing")
    # SQLModel's string columns are TypeDecorators: typed by what they store.
    columns = sa.inspect(User).columns
    assert Keyset("tests.by_email", columns.email, columns.id).kinds == ["str", "uuid"]


def test_a_bad_cursor_is_refused_before_any_query_is_built() -> None:
    with pytest.raises(InvalidCursor):
        BY_TIME.apply(sa.select(ROWS.c.id), PageParams(limit=10, cursor="e30"))


# -- (b) paging a real table ----------------------------------------------------------------------

USERS = sa.inspect(User).columns
USERS_NEWEST_FIRST = Keyset("tests.users", USERS.created_at, USERS.id)
USERS_OLDEST_FIRST = Keyset("tests.users.asc", USERS.created_at, USERS.id, descending=False)


async def _make_users(session: AsyncSession, marker: str) -> list[tuple[datetime, uuid.UUID]]:
    """250 users: four groups of 50 sharing one timestamp (the id decides their order), then
    50 a microsecond apart. Returns their (created_at, id)."""
    base = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    stamps = [base + timedelta(seconds=10 * (i // 50)) for i in range(200)]
    stamps += [base + timedelta(seconds=60, microseconds=i) for i in range(50)]
    made: list[tuple[datetime, uuid.UUID]] = []
    for i, stamp in enumerate(stamps):
        user = await make_user(session, email=f"{marker}-{i:03d}@example.com")
        user.created_at = stamp
        session.add(user)
        made.append((stamp, user.id))
    await session.flush()
    session.expunge_all()  # what follows reads the rows, not the objects created here
    return made


async def _pages_of_orm_objects(
    session: AsyncSession, keyset: Keyset, marker: str, limit: int
) -> list[list[tuple[datetime, uuid.UUID]]]:
    pages: list[list[tuple[datetime, uuid.UUID]]] = []
    cursor: str | None = None
    while True:
        page = PageParams(limit=limit, cursor=cursor)
        stmt = keyset.apply(select(User).where(col(User.email).startswith(marker)), page)
        users, cursor = keyset.page((await session.exec(stmt)).all(), page)
        pages.append([(u.created_at, u.id) for u in users])
        if cursor is None:
            return pages


async def _pages_of_core_rows(
    session: AsyncSession, keyset: Keyset, marker: str, limit: int
) -> list[list[tuple[datetime, uuid.UUID]]]:
    pages: list[list[tuple[datetime, uuid.UUID]]] = []
    cursor: str | None = None
    while True:
        page = PageParams(limit=limit, cursor=cursor)
        stmt = sa.select(USERS.created_at, USERS.id).where(USERS.email.startswith(marker))
        rows, cursor = keyset.page(
            (await db.execute(session, keyset.apply(stmt, page))).all(), page
        )
        pages.append([(r.created_at, r.id) for r in rows])
        if cursor is None:
            return pages


def _check_pages(
    pages: Sequence[Sequence[tuple[datetime, uuid.UUID]]],
    expected: list[tuple[datetime, uuid.UUID]],
    limit: int,
) -> None:
    seen = [row for page in pages for row in page]
    assert len(seen) == len(set(seen)) == len(expected), "a row was repeated or missed"
    assert seen == expected, "rows out of order"
    # Full pages, then the rest (no empty page at the end unless the list is a multiple).
    assert all(len(p) == limit for p in pages[:-1])
    assert 1 <= len(pages[-1]) <= limit


@pytest.mark.parametrize("limit", [1, 7, 50, 200])
async def test_paging_through_a_table_gives_every_row_once_in_order(
    session: AsyncSession, limit: int
) -> None:
    marker = f"keyset-{uuid.uuid4().hex[:10]}"
    made = await _make_users(session, marker)
    newest_first = sorted(made, reverse=True)
    oldest_first = sorted(made)
    assert len({stamp for stamp, _ in made}) == 54  # 200 rows share four timestamps

    _check_pages(
        await _pages_of_orm_objects(session, USERS_NEWEST_FIRST, marker, limit),
        newest_first,
        limit,
    )
    _check_pages(
        await _pages_of_orm_objects(session, USERS_OLDEST_FIRST, marker, limit),
        oldest_first,
        limit,
    )
    _check_pages(
        await _pages_of_core_rows(session, USERS_NEWEST_FIRST, marker, limit),
        newest_first,
        limit,
    )
    _check_pages(
        await _pages_of_core_rows(session, USERS_OLDEST_FIRST, marker, limit),
        oldest_first,
        limit,
    )


async def test_a_list_that_fits_in_a_page_has_no_next_cursor(session: AsyncSession) -> None:
    marker = f"keyset-{uuid.uuid4().hex[:10]}"
    for i in range(3):
        await make_user(session, email=f"{marker}-{i}@example.com")
    for limit in (3, 4):
        pages = await _pages_of_orm_objects(session, USERS_NEWEST_FIRST, marker, limit)
        assert [len(p) for p in pages] == [3]
    empty = await _pages_of_orm_objects(session, USERS_NEWEST_FIRST, "no-such-marker", 10)
    assert empty == [[]]


async def test_a_cursor_of_one_direction_is_refused_by_the_other(session: AsyncSession) -> None:
    marker = f"keyset-{uuid.uuid4().hex[:10]}"
    for i in range(3):
        await make_user(session, email=f"{marker}-{i}@example.com")
    stmt = select(User).where(col(User.email).startswith(marker))
    page = PageParams(limit=1, cursor=None)
    users = (await session.exec(USERS_NEWEST_FIRST.apply(stmt, page))).all()
    _, cursor = USERS_NEWEST_FIRST.page(users, page)
    assert cursor is not None
    _refused(USERS_OLDEST_FIRST, cursor)


# -- (c) every paginated route refuses a cursor it did not give out --------------------------------


def _paginated_routes() -> list[tuple[str, list[str], list[str]]]:
    """(path, path parameters, required query parameters) of every GET taking a `cursor`."""
    from brain.app import create_app

    schema = create_app().openapi()
    found: list[tuple[str, list[str], list[str]]] = []
    for path, item in schema["paths"].items():
        parameters = item.get("get", {}).get("parameters", [])
        if any(p["in"] == "query" and p["name"] == "cursor" for p in parameters):
            in_path = [p["name"] for p in parameters if p["in"] == "path"]
            required = [
                p["name"]
                for p in parameters
                if p["in"] == "query" and p.get("required") and p["name"] not in {"cursor"}
            ]
            found.append((path, in_path, required))
    return found


PAGINATED = _paginated_routes()


def test_the_paginated_routes_are_found() -> None:
    # Discovery works (a schema change that hid them would make the test below prove nothing).
    paths = {path for path, _, _ in PAGINATED}
    assert {"/api/users", "/api/buz/transactions/{user_id}"} <= paths, sorted(paths)


def _foreign_cursors(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    foreign = Keyset("tests.foreign", ROWS.c.at, ROWS.c.id)
    values = [AT, uuid.uuid4()]
    cursors = {
        "base64 of {}": "e30",
        "random base64": _b64(os.urandom(48)),
        "not base64": "not a cursor!",
        "old-style unsigned": _b64(json.dumps({"created_at": AT.isoformat(), "id": 1}).encode()),
        "another list's": foreign.encode(values),
        "another list's, truncated": foreign.encode(values)[:-5],
        "another list's, MAC altered": _flip(foreign.encode(values), -3),
        "another list's, junk inside": foreign.encode(values).replace(".", "!.", 1),
    }
    _, mac = foreign.encode(values).split(".")
    payload = json.dumps(["tests.foreign", [AT.isoformat(), str(uuid.uuid4())]]).encode()
    cursors["another list's, payload altered"] = f"{_b64(payload)}.{mac}"
    monkeypatch.setattr(settings, "secret_key", "another-deployment-" + "k" * 40)
    cursors["another deployment's"] = foreign.encode(values)
    monkeypatch.undo()
    return cursors


async def _real_path_values(
    client: AsyncClient, session: AsyncSession, admin_id: uuid.UUID, headers: dict[str, str]
) -> dict[str, str]:
    """A value that names something real for each path parameter a paginated route takes, so
    the route gets past its 404 to the cursor."""
    await buz.open_accounts(session, user_id=admin_id)
    # Two of everything the lists show, so a route has a real cursor of its own to alter.
    await make_user(session)
    await make_user(session)
    await session.flush()
    # Whichever state machine the app has: through the API, as an administrator would.
    definitions = await client.get("/api/state-machines/definitions", headers=headers)
    assert definitions.status_code == 200, definitions.text
    machine_type = definitions.json()[0]["name"]
    instance_id = f"cursor-{uuid.uuid4().hex[:12]}"
    created = await client.post(
        "/api/state-machines/create",
        json={"machine_type": machine_type, "instance_id": instance_id},
        headers=headers,
    )
    assert created.status_code == 201, created.text
    # A venture of the admin's (creating one needs BUZ and the ISEA and VOA signed).
    await fund(session, admin_id, "100")
    await sign_personal(client, headers, "ISEA", "VOA")
    venture = await create_venture(client, headers)
    # A file of the admin's, shared twice and linked twice.
    file = await uploaded(client, headers, png())
    for _ in range(2):
        friend = await make_user(session)
        shared = await client.post(
            f"/api/files/{file['id']}/shares", json={"user_id": str(friend.id)}, headers=headers
        )
        assert shared.status_code == 201, shared.text
        linked = await client.post(f"/api/files/{file['id']}/links", json={}, headers=headers)
        assert linked.status_code == 201, linked.text
    return {
        "user_id": str(admin_id),
        "machine_type": machine_type,
        "instance_id": instance_id,
        "venture_id": str(venture["id"]),
        "file_id": str(file["id"]),
    }


async def _own_cursor(
    client: AsyncClient, url: str, headers: dict[str, str], query: dict[str, str]
) -> str | None:
    """The route's own next cursor, when it has more than one item to give."""
    response = await client.get(url, params={**query, "limit": "1"}, headers=headers)
    if response.status_code != 200:
        return None
    cursor = response.json().get("next_cursor")
    return cursor if isinstance(cursor, str) else None


@pytest.mark.parametrize(
    ("path", "in_path", "required"), PAGINATED, ids=[p for p, _, _ in PAGINATED]
)
async def test_every_paginated_route_refuses_a_cursor_it_did_not_give_out(
    client: AsyncClient,
    session: AsyncSession,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    path: str,
    in_path: list[str],
    required: list[str],
) -> None:
    admin, headers = await make_signed_in(session, role=Role.SUPER_ADMIN)
    fillers = await _real_path_values(client, session, admin.id, headers)
    unfilled = [name for name in in_path + required if name not in fillers]
    assert not unfilled, (
        f"GET {path} is paginated but this test cannot fill {unfilled}: add a real value for "
        "each to `fillers` (a paginated route must not go unchecked)"
    )
    url = path.format(**fillers)
    query = {name: fillers[name] for name in required}

    cursors = _foreign_cursors(settings, monkeypatch)
    own = await _own_cursor(client, url, headers, query)
    if own is not None:
        cursors["its own, a character altered"] = _flip(own, len(own) // 2)
        cursors["its own, truncated"] = own[:-3]
        cursors["its own, junk added"] = own + "!"

    wrong: list[str] = []
    for label, cursor in cursors.items():
        response = await client.get(
            url, params={**query, "cursor": cursor, "limit": "1"}, headers=headers
        )
        body = response.json() if response.content else {}
        ok = (
            response.status_code == 400
            and response.headers.get("content-type", "").startswith("application/problem+json")
            and body.get("code") == "INVALID_CURSOR"
            and body.get("status") == 400
        )
        if not ok:
            code = body.get("code") if isinstance(body, dict) else None
            wrong.append(f"{label}: {response.status_code} {code}")
    assert not wrong, f"GET {path} with a cursor it did not give out:\n" + "\n".join(wrong)

    # An empty cursor is no cursor (a client echoing a null `next_cursor`): the first page.
    first = await client.get(url, params={**query, "limit": "1"}, headers=headers)
    empty = await client.get(url, params={**query, "cursor": "", "limit": "1"}, headers=headers)
    assert empty.status_code == 200, empty.text
    assert empty.json() == first.json()


def test_the_app_schema_documents_400_on_every_paginated_route(app: object) -> None:
    assert isinstance(app, FastAPI)
    schema = app.openapi()
    missing = [
        path for path, _, _ in PAGINATED if "400" not in schema["paths"][path]["get"]["responses"]
    ]
    assert not missing, f"paginated routes without a documented 400: {missing}"
