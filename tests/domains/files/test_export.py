"""The files part of a user's data export: their files' metadata, tags, shares and links."""

from __future__ import annotations

import json
from typing import Any

from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.domains.users.schemas import Role
from tests.factories.files import png, uploaded
from tests.factories.users import make_signed_in


async def _part(client: AsyncClient, user_id: Any, headers: dict[str, str]) -> Any:
    response = await client.get(f"/api/users/{user_id}/export", headers=headers)
    assert response.status_code == 200, response.text
    return json.loads(response.content)["files"]


async def test_the_export_holds_the_users_files_shares_and_links(
    client: AsyncClient, session: AsyncSession
) -> None:
    owner, headers = await make_signed_in(session, role=Role.MEMBER)
    friend, friend_headers = await make_signed_in(session, role=Role.MEMBER)
    file = await uploaded(client, headers, png(), "doc.png", tags="x")
    share = await client.post(
        f"/api/files/{file['id']}/shares", json={"user_id": str(friend.id)}, headers=headers
    )
    assert share.status_code == 201
    link = await client.post(f"/api/files/{file['id']}/links", json={}, headers=headers)
    assert link.status_code == 201

    mine = await _part(client, owner.id, headers)
    assert [f["id"] for f in mine["files"]] == [file["id"]]
    assert mine["files"][0]["sha256"] == file["sha256"]
    assert "storage_key" not in mine["files"][0]
    assert mine["file_tags"] == [{"file_id": file["id"], "tag": "x"}]
    assert [s["user_id"] for s in mine["shares_made"]] == [str(friend.id)]
    assert [lk["id"] for lk in mine["links_made"]] == [link.json()["id"]]
    assert "url" not in mine["links_made"][0]
    assert mine["quota"] == {"used_bytes": file["size"]}

    theirs = await _part(client, friend.id, friend_headers)
    assert theirs["files"] == []
    assert [s["file_id"] for s in theirs["shared_with_me"]] == [file["id"]]
