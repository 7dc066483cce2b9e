"""The documents list and the audit trail page with the core paginator: every row once, in
order, and a cursor the list did not give out is 400 INVALID_CURSOR."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.domains.users.schemas import Role
from tests.factories.legal import create_document
from tests.factories.users import make_signed_in

DOCUMENTS = "/api/legal/documents"
AUDIT = "/api/legal/audit"


async def all_pages(
    client: AsyncClient, url: str, headers: dict[str, str], limit: int
) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        params: dict[str, str | int] = {"limit": limit}
        if cursor is not None:
            params["cursor"] = cursor
        response = await client.get(url, params=params, headers=headers)
        assert response.status_code == 200, response.text
        items += response.json()["items"]
        cursor = response.json()["next_cursor"]
        if cursor is None:
            return items


async def test_paging_through_documents_gives_each_once_newest_first(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, sender = await make_signed_in(session, role=Role.MEMBER)
    signer, _ = await make_signed_in(session, role=Role.MEMBER)
    created = [await create_document(client, sender, [(signer.id, "SIGNER", 1)]) for _ in range(5)]
    paged = await all_pages(client, DOCUMENTS, sender, limit=2)
    assert [d["id"] for d in paged] == [d["id"] for d in reversed(created)]


async def test_paging_through_the_audit_trail_gives_each_entry_once_newest_first(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, sender = await make_signed_in(session, role=Role.MEMBER)
    signer, _ = await make_signed_in(session, role=Role.MEMBER)
    for _ in range(3):
        await create_document(client, sender, [(signer.id, "SIGNER", 1)], send=True)
    whole = (await client.get(AUDIT, params={"limit": 200}, headers=sender)).json()["items"]
    assert len(whole) >= 6
    paged = await all_pages(client, AUDIT, sender, limit=4)
    assert [e["seq"] for e in paged] == [e["seq"] for e in whole]
    assert [e["seq"] for e in paged] == sorted((e["seq"] for e in paged), reverse=True)


def _tampered(cursor: str) -> str:
    body, _, mac = cursor.partition(".")
    return f"{body}.{'A' if mac[0] != 'A' else 'B'}{mac[1:]}"


async def test_a_cursor_the_list_did_not_give_out_is_400(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, sender = await make_signed_in(session, role=Role.MEMBER)
    signer, _ = await make_signed_in(session, role=Role.MEMBER)
    for _ in range(2):
        await create_document(client, sender, [(signer.id, "SIGNER", 1)], send=True)
    cursors = {}
    for url in (DOCUMENTS, AUDIT):
        page = (await client.get(url, params={"limit": 1}, headers=sender)).json()
        assert page["next_cursor"] is not None
        cursors[url] = page["next_cursor"]
    for url, other in ((DOCUMENTS, AUDIT), (AUDIT, DOCUMENTS)):
        for bad in ("e30", _tampered(cursors[url]), cursors[other]):
            response = await client.get(url, params={"cursor": bad}, headers=sender)
            assert response.status_code == 400, (url, bad, response.text)
            assert response.json()["code"] == "INVALID_CURSOR"
