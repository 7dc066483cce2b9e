"""The ventures part of a user's data export: what the user created, joined, sent, received
and did, and nothing of the other members."""

from __future__ import annotations

import json
from typing import Any

from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from tests.factories.ventures import add_member, create_venture, make_founder


async def _ventures_part(client: AsyncClient, user_id: Any, headers: dict[str, str]) -> Any:
    response = await client.get(f"/api/users/{user_id}/export", headers=headers)
    assert response.status_code == 200, response.text
    return json.loads(response.content)["ventures"]


async def test_the_export_holds_the_users_ventures_and_team_life_and_not_the_others(
    client: AsyncClient, session: AsyncSession
) -> None:
    owner, owner_headers = await make_founder(session, client)
    venture = await create_venture(client, owner_headers, visibility="PRIVATE")
    member, member_headers = await add_member(session, client, owner_headers, venture["id"])

    mine = await _ventures_part(client, owner.id, owner_headers)
    theirs = await _ventures_part(client, member.id, member_headers)

    assert [v["id"] for v in mine["ventures"]] == [venture["id"]]
    assert mine["ventures"][0]["description"] == venture["description"]
    assert "request_hash" not in mine["ventures"][0]
    assert [m["venture_id"] for m in mine["memberships"]] == [venture["id"]]
    assert [m["role"] for m in mine["memberships"]] == ["OWNER"]
    assert [i["user_id"] for i in mine["invitations_sent"]] == [str(member.id)]
    assert mine["invitations_received"] == []

    assert theirs["ventures"] == []
    assert [m["role"] for m in theirs["memberships"]] == ["MEMBER"]
    assert [i["venture_id"] for i in theirs["invitations_received"]] == [venture["id"]]
    assert theirs["invitations_sent"] == []
    # Who invited them is theirs to know; the owner's own membership is not in their part.
    assert [m["invited_by"] for m in theirs["memberships"]] == [str(owner.id)]
