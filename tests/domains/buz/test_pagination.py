"""The three buz lists (a user's history, a user's staking positions, the price history) page
through the core keyset paginator: every row exactly once, and any cursor the list did not
give out is 400 `INVALID_CURSOR`."""

from __future__ import annotations

import base64
import json
import uuid
from decimal import Decimal
from typing import Any

import pytest
from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.pagination import PageParams
from brain.domains.buz import service
from brain.domains.buz.rules import StakeTier, parse_units
from brain.domains.users.schemas import Role
from tests.factories.buz import fund, make_signed_in_holder

pytestmark = pytest.mark.usefixtures("db_connection")

LISTS = ("transactions", "positions", "price")
ROWS = 5


async def _seed(session: AsyncSession, name: str) -> tuple[str, dict[str, str], set[str]]:
    """ROWS rows of one list: its path, the reader's headers, and the rows' own markers (id,
    or note for a price, which has no id on the wire)."""
    user, headers = await make_signed_in_holder(session, role=Role.SUPER_ADMIN)
    if name == "transactions":
        for _ in range(ROWS):
            await fund(session, user.id, "1")
        found = await service.transactions(
            session, user_id=user.id, page=PageParams(limit=ROWS + 1, cursor=None)
        )
        return f"/api/buz/transactions/{user.id}", headers, {str(t.id) for t in found[0]}
    if name == "positions":
        await fund(session, user.id, str(100 * ROWS))
        ids = set()
        for _ in range(ROWS):
            position, _ = await service.stake(
                session,
                user_id=user.id,
                amount=parse_units("100"),
                tier=StakeTier.BRONZE,
                idempotency_key=str(uuid.uuid4()),
            )
            ids.add(str(position.id))
        return f"/api/buz/staking/{user.id}", headers, ids
    notes = {f"page test {n} {uuid.uuid4()}" for n in range(ROWS)}
    for note in sorted(notes):
        await service.set_price(session, actor_id=user.id, price_usd=Decimal("0.02"), note=note)
    return "/api/buz/price", headers, notes


def _rows(name: str, body: dict[str, Any]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = body["history"] if name == "price" else body["items"]
    return rows


def _marker(name: str, row: dict[str, Any]) -> str:
    return str(row["note"] if name == "price" else row["id"])


async def _first_cursor(client: AsyncClient, path: str, headers: dict[str, str]) -> str:
    answer = await client.get(path, params={"limit": "2"}, headers=headers)
    assert answer.status_code == 200, answer.text
    cursor = answer.json()["next_cursor"]
    assert isinstance(cursor, str)
    return cursor


def _tampered(cursor: str) -> str:
    """The cursor with its last key (an id) changed and its signature kept."""
    body, _, mac = cursor.partition(".")
    name, values = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    values[-1] = str(uuid.uuid4())
    raw = json.dumps([name, values], separators=(",", ":")).encode()
    return f"{base64.urlsafe_b64encode(raw).decode().rstrip('=')}.{mac}"


@pytest.mark.parametrize("name", LISTS)
async def test_paging_through_a_buz_list_gives_every_row_exactly_once(
    client: AsyncClient, session: AsyncSession, name: str
) -> None:
    path, headers, expected = await _seed(session, name)
    seen: list[str] = []
    cursor: str | None = None
    pages = 0
    while True:
        params = {"limit": "2"} | ({"cursor": cursor} if cursor else {})
        answer = await client.get(path, params=params, headers=headers)
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert len(_rows(name, body)) <= 2
        seen += [_marker(name, row) for row in _rows(name, body)]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert pages >= 3
    assert len(seen) == len(set(seen))
    assert expected <= set(seen)
    if name != "price":  # the price history is global; the others are this user's alone
        assert set(seen) == expected


@pytest.mark.parametrize("name", LISTS)
async def test_a_cursor_the_buz_list_did_not_give_out_is_400_invalid_cursor(
    client: AsyncClient, session: AsyncSession, name: str
) -> None:
    lists = {n: await _seed(session, n) for n in LISTS}
    path, headers, _ = lists[name]
    other = next(n for n in LISTS if n != name)
    foreign = await _first_cursor(client, lists[other][0], lists[other][1])
    own = await _first_cursor(client, path, headers)
    for cursor in ("e30", "not a cursor", _tampered(own), foreign):
        answer = await client.get(path, params={"cursor": cursor}, headers=headers)
        assert answer.status_code == 400, (cursor, answer.text)
        assert answer.json()["code"] == "INVALID_CURSOR"
