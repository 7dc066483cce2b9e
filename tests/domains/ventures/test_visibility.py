"""Visibility on every read, list and search: a PRIVATE or INVITE_ONLY venture is 404 to a
non-member and never appears in their list or search."""

from __future__ import annotations

import uuid

from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.domains.users.schemas import Role
from tests.factories.users import make_signed_in
from tests.factories.ventures import add_member, create_venture, invite, make_founder

SUB_RESOURCES = ("", "/status", "/history", "/team", "/metrics", "/timeline")


async def _ids(client: AsyncClient, headers: dict[str, str], **params: str) -> set[str]:
    response = await client.get("/api/ventures", params=params | {"limit": "200"}, headers=headers)
    assert response.status_code == 200, response.text
    return {v["id"] for v in response.json()["items"]}


async def test_a_non_member_gets_404_for_a_private_venture_and_all_it_holds(
    client: AsyncClient, session: AsyncSession
) -> None:
    _owner, headers = await make_founder(session, client)
    _stranger, stranger = await make_signed_in(session, role=Role.MEMBER)
    _admin, admin = await make_signed_in(session, role=Role.SUPER_ADMIN)
    for visibility in ("PRIVATE", "INVITE_ONLY"):
        venture = await create_venture(client, headers, visibility=visibility)
        for suffix in SUB_RESOURCES:
            url = f"/api/ventures/{venture['id']}{suffix}"
            assert (await client.get(url, headers=headers)).status_code == 200, url
            for outsider in (stranger, admin):
                response = await client.get(url, headers=outsider)
                assert response.status_code == 404, (visibility, url)
                assert response.json()["code"] == "RESOURCE_NOT_FOUND"
        changed = await client.post(
            f"/api/ventures/{venture['id']}/stage", json={"event": "advance"}, headers=stranger
        )
        assert changed.status_code == 404
    unknown = await client.get(f"/api/ventures/{uuid.uuid4()}", headers=stranger)
    assert unknown.status_code == 404


async def test_hidden_ventures_never_appear_in_another_users_list_or_search(
    client: AsyncClient, session: AsyncSession
) -> None:
    _owner, headers = await make_founder(session, client)
    word = f"zq{uuid.uuid4().hex[:8]}"
    public = await create_venture(client, headers, name=f"Public {word}")
    private = await create_venture(client, headers, name=f"Private {word}", visibility="PRIVATE")
    hidden = await create_venture(client, headers, name=f"Invite {word}", visibility="INVITE_ONLY")
    _stranger, stranger = await make_signed_in(session, role=Role.MEMBER)

    assert await _ids(client, stranger, q=word) == {public["id"]}
    mine = {public["id"], private["id"], hidden["id"]}
    assert await _ids(client, headers, q=word) == mine
    assert {private["id"], hidden["id"]}.isdisjoint(await _ids(client, stranger))
    assert await _ids(client, stranger, mine="true") == set()
    assert mine <= await _ids(client, headers, mine="true")


async def test_a_member_sees_a_private_venture_and_finds_it(
    client: AsyncClient, session: AsyncSession
) -> None:
    _owner, headers = await make_founder(session, client)
    word = f"zq{uuid.uuid4().hex[:8]}"
    venture = await create_venture(client, headers, name=f"Secret {word}", visibility="PRIVATE")
    _member, member = await add_member(session, client, headers, venture["id"])
    read = await client.get(f"/api/ventures/{venture['id']}", headers=member)
    assert read.status_code == 200
    assert read.json()["my_role"] == "MEMBER"
    assert await _ids(client, member, q=word) == {venture["id"]}


async def test_an_invitee_sees_an_invite_only_venture_but_not_a_private_one(
    client: AsyncClient, session: AsyncSession
) -> None:
    _owner, headers = await make_founder(session, client)
    invite_only = await create_venture(client, headers, visibility="INVITE_ONLY")
    private = await create_venture(client, headers, visibility="PRIVATE")
    guest, guest_headers = await make_signed_in(session, role=Role.MEMBER)
    for venture in (invite_only, private):
        assert (await invite(client, headers, venture["id"], guest.id)).status_code == 201
    seen = await client.get(f"/api/ventures/{invite_only['id']}", headers=guest_headers)
    assert seen.status_code == 200
    assert seen.json()["my_role"] is None
    hidden = await client.get(f"/api/ventures/{private['id']}", headers=guest_headers)
    assert hidden.status_code == 404
    # The invitation itself names the venture, whatever its visibility.
    mine = await client.get("/api/ventures/invitations", headers=guest_headers)
    assert {i["venture_name"] for i in mine.json()["items"]} == {
        invite_only["name"],
        private["name"],
    }


async def test_search_matches_every_word_of_name_or_description_and_filters_combine(
    client: AsyncClient, session: AsyncSession
) -> None:
    _owner, headers = await make_founder(session, client, balance="1000")
    word = f"zq{uuid.uuid4().hex[:8]}"
    description = (
        f"Solar-powered cold storage for {word} farmers: produce stays fresh for a week "
        "longer, and cooperatives share the units between villages."
    )
    solar = await create_venture(
        client, headers, description=description, industry="MANUFACTURING", tags=["energy"]
    )
    bread = await create_venture(client, headers, name=f"Bread {word}", tags=["food"])
    assert await _ids(client, headers, q=f"{word} solar") == {solar["id"]}
    assert await _ids(client, headers, q=f"{word} cold stor") == {solar["id"]}
    assert await _ids(client, headers, q=word) == {solar["id"], bread["id"]}
    assert await _ids(client, headers, q=f"{word} nothinglikethis") == set()
    assert await _ids(client, headers, q=word, industry="MANUFACTURING") == {solar["id"]}
    assert await _ids(client, headers, q=word, tag="FOOD") == {bread["id"]}
    assert await _ids(client, headers, q=word, stage="PLANNING") == set()
    # Punctuation and operators are words' separators, never syntax.
    assert await _ids(client, headers, q=f"{word} & | ! :* (") == {solar["id"], bread["id"]}


async def test_the_list_pages_with_a_cursor(client: AsyncClient, session: AsyncSession) -> None:
    _owner, headers = await make_founder(session, client, balance="1000")
    word = f"zq{uuid.uuid4().hex[:8]}"
    created = [(await create_venture(client, headers, name=f"{word} {n}"))["id"] for n in range(5)]
    seen: list[str] = []
    cursor = None
    while True:
        params = {"q": word, "limit": "2"} | ({"cursor": cursor} if cursor else {})
        page = (await client.get("/api/ventures", params=params, headers=headers)).json()
        seen += [v["id"] for v in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == list(reversed(created))
    bad = await client.get("/api/ventures", params={"cursor": "nope"}, headers=headers)
    assert bad.status_code == 400
    assert bad.json()["code"] == "INVALID_CURSOR"
