"""Who reads what: the owner, users and venture teams a file is shared with, admins; everyone
else gets 404, in lists too. A removed venture member loses access at once."""

from __future__ import annotations

import uuid

from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.jobs import InProcessJobs
from brain.domains.users.schemas import Role
from tests.factories.files import png, uploaded
from tests.factories.users import make_signed_in
from tests.factories.ventures import add_member, create_venture, make_founder


async def _can_read(client: AsyncClient, headers: dict[str, str], file_id: str) -> bool:
    meta = await client.get(f"/api/files/{file_id}", headers=headers)
    content = await client.get(f"/api/files/{file_id}/content", headers=headers)
    listed = await client.get("/api/files", headers=headers)
    ids = [f["id"] for f in listed.json()["items"]]
    assert meta.status_code in (200, 404), meta.text
    assert (meta.status_code == 200) == (content.status_code == 200) == (file_id in ids)
    if meta.status_code == 404:
        assert content.status_code == 404
        assert meta.json()["code"] == "RESOURCE_NOT_FOUND"
    return meta.status_code == 200


async def test_another_user_cannot_see_a_private_file(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, owner = await make_signed_in(session, role=Role.MEMBER)
    _, stranger = await make_signed_in(session, role=Role.MEMBER)
    file = await uploaded(client, owner, png())
    assert await _can_read(client, owner, file["id"])
    assert not await _can_read(client, stranger, file["id"])
    for method, path, body in [
        ("PATCH", "", {"name": "x.png"}),
        ("DELETE", "", None),
        ("POST", "/shares", {"user_id": str(uuid.uuid4())}),
        ("POST", "/links", {"expires_in": 60}),
        ("GET", "/shares", None),
        ("GET", "/links", None),
    ]:
        response = await client.request(
            method, f"/api/files/{file['id']}{path}", json=body, headers=stranger
        )
        assert response.status_code == 404, (method, path, response.text)


async def test_an_admin_reads_any_file(client: AsyncClient, session: AsyncSession) -> None:
    _, owner = await make_signed_in(session, role=Role.MEMBER)
    _, admin = await make_signed_in(session, role=Role.SUPER_ADMIN)
    file = await uploaded(client, owner, png())
    response = await client.get(f"/api/files/{file['id']}", headers=admin)
    assert response.status_code == 200
    assert response.json()["access"] == "admin"
    assert (await client.get(f"/api/files/{file['id']}/content", headers=admin)).status_code == 200


async def test_sharing_with_a_user_gives_read_access_and_revoking_takes_it_back(
    client: AsyncClient, session: AsyncSession, job_runner: InProcessJobs
) -> None:
    owner_user, owner = await make_signed_in(session, role=Role.MEMBER)
    friend_user, friend = await make_signed_in(session, role=Role.MEMBER)
    file = await uploaded(client, owner, png())
    shared = await client.post(
        f"/api/files/{file['id']}/shares", json={"user_id": str(friend_user.id)}, headers=owner
    )
    assert shared.status_code == 201, shared.text
    again = await client.post(
        f"/api/files/{file['id']}/shares", json={"user_id": str(friend_user.id)}, headers=owner
    )
    assert again.status_code == 200
    assert again.json()["id"] == shared.json()["id"]
    assert await _can_read(client, friend, file["id"])
    got = (await client.get(f"/api/files/{file['id']}", headers=friend)).json()
    assert got["access"] == "shared"
    # A reader may not manage the file.
    patched = await client.patch(f"/api/files/{file['id']}", json={"name": "x.png"}, headers=friend)
    assert patched.status_code == 403
    # The sharing is in the owner's activity feed.
    await job_runner.run_until_idle()
    feed = await client.get(f"/api/users/{owner_user.id}/activity", headers=owner)
    assert {"files.shared", "files.uploaded"} <= {e["kind"] for e in feed.json()["items"]}

    listed = await client.get(f"/api/files/{file['id']}/shares", headers=owner)
    assert [s["user_id"] for s in listed.json()["items"]] == [str(friend_user.id)]
    revoked = await client.delete(
        f"/api/files/{file['id']}/shares/{shared.json()['id']}", headers=owner
    )
    assert revoked.status_code == 204
    assert not await _can_read(client, friend, file["id"])
    gone = await client.delete(
        f"/api/files/{file['id']}/shares/{shared.json()['id']}", headers=owner
    )
    assert gone.status_code == 404


async def test_sharing_with_nobody_or_yourself_is_refused(
    client: AsyncClient, session: AsyncSession
) -> None:
    owner_user, owner = await make_signed_in(session, role=Role.MEMBER)
    file = await uploaded(client, owner, png())
    for body in ({"user_id": str(uuid.uuid4())}, {"user_id": str(owner_user.id)}, {}):
        response = await client.post(f"/api/files/{file['id']}/shares", json=body, headers=owner)
        assert response.status_code == 422, response.text


async def test_a_venture_member_reads_a_file_shared_with_the_venture_until_removed(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, founder = await make_founder(session, client)
    venture = await create_venture(client, founder, visibility="PRIVATE")
    member_user, member = await add_member(session, client, founder, venture["id"])
    _, outsider = await make_signed_in(session, role=Role.MEMBER)
    file = await uploaded(client, founder, png())
    assert not await _can_read(client, member, file["id"])

    shared = await client.post(
        f"/api/files/{file['id']}/shares", json={"venture_id": venture["id"]}, headers=founder
    )
    assert shared.status_code == 201, shared.text
    assert await _can_read(client, member, file["id"])
    assert not await _can_read(client, outsider, file["id"])
    by_venture = await client.get(
        "/api/files", params={"venture_id": venture["id"]}, headers=member
    )
    assert [f["id"] for f in by_venture.json()["items"]] == [file["id"]]

    removed = await client.delete(
        f"/api/ventures/{venture['id']}/team/{member_user.id}", headers=founder
    )
    assert removed.status_code == 204, removed.text
    assert not await _can_read(client, member, file["id"])


async def test_a_file_uploaded_into_a_venture_is_its_teams(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, founder = await make_founder(session, client)
    venture = await create_venture(client, founder, visibility="PRIVATE")
    _, member = await add_member(session, client, founder, venture["id"])
    _, outsider = await make_signed_in(session, role=Role.MEMBER)
    file = await uploaded(client, member, png(), venture_id=venture["id"])
    assert file["venture_id"] == venture["id"]
    assert await _can_read(client, founder, file["id"])
    assert not await _can_read(client, outsider, file["id"])
    # Only a venture the sharer is on.
    response = await client.post(
        f"/api/files/{file['id']}/shares", json={"venture_id": venture["id"]}, headers=outsider
    )
    assert response.status_code == 404


async def test_the_list_filters_by_type_tag_venture_and_name(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, owner = await make_signed_in(session, role=Role.MEMBER)
    photo = await uploaded(client, owner, png(), "Beach Photo.png", tags="trip")
    notes = await uploaded(client, owner, b"hello\n", "meeting notes.txt", tags="work")

    async def ids(**params: str) -> list[str]:
        response = await client.get("/api/files", params=params, headers=owner)
        assert response.status_code == 200, response.text
        return [f["id"] for f in response.json()["items"]]

    assert await ids() == [notes["id"], photo["id"]]
    assert await ids(type="image") == [photo["id"]]
    assert await ids(type="text/plain") == [notes["id"]]
    assert await ids(tag="work") == [notes["id"]]
    assert await ids(q="beach") == [photo["id"]]
    assert await ids(q="notes meeting") == [notes["id"]]
    assert await ids(q="100%") == []
    first = await client.get("/api/files", params={"limit": 1}, headers=owner)
    cursor = first.json()["next_cursor"]
    second = await client.get("/api/files", params={"limit": 1, "cursor": cursor}, headers=owner)
    assert [f["id"] for f in second.json()["items"]] == [photo["id"]]
    bad = await client.get("/api/files", params={"cursor": "nope"}, headers=owner)
    assert bad.status_code == 400


async def test_the_owner_renames_retags_and_deletes(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, owner = await make_signed_in(session, role=Role.MEMBER)
    file = await uploaded(client, owner, png(), tags="a")
    patched = await client.patch(
        f"/api/files/{file['id']}",
        json={"name": " .new name.png ", "tags": ["b", "c"]},
        headers=owner,
    )
    assert patched.status_code == 200, patched.text
    assert patched.json()["name"] == "new name.png"
    traversal = await client.patch(
        f"/api/files/{file['id']}", json={"name": "../x.png"}, headers=owner
    )
    assert traversal.status_code == 422
    assert patched.json()["tags"] == ["b", "c"]
    before = (await client.get("/api/files/usage", headers=owner)).json()
    assert before["files"] == 1
    assert (await client.delete(f"/api/files/{file['id']}", headers=owner)).status_code == 204
    assert (await client.get(f"/api/files/{file['id']}", headers=owner)).status_code == 404
    after = (await client.get("/api/files/usage", headers=owner)).json()
    assert after["files"] == 0
    assert after["used_bytes"] == 0
