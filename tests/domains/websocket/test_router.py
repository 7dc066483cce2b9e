"""The REST routes: an admin sends to a user or to everyone and reads the statistics; a
team member whose role allows it posts to the venture's channel."""

from __future__ import annotations

import uuid

from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.domains.users.schemas import Role
from tests.domains.websocket.conftest import ServerFactory, open_client, token_of
from tests.factories.users import make_signed_in
from tests.factories.ventures import add_member, create_venture, make_founder


async def test_an_admin_sends_to_one_user_and_to_everyone(
    serve: ServerFactory, session: AsyncSession, client: AsyncClient
) -> None:
    admin, admin_h = await make_signed_in(session, role=Role.SUPER_ADMIN)
    user, user_h = await make_signed_in(session, role=Role.MEMBER)
    url = await serve()
    ws, _ = await open_client(url, token_of(user_h))
    assert (await ws.subscribe("broadcast"))["type"] == "subscribed"

    sent = await client.post(
        "/api/websocket/send",
        json={"user_id": str(user.id), "type": "notification", "data": {"title": "Hi"}},
        headers=admin_h,
    )
    assert sent.status_code == 200, sent.text
    assert sent.json()["channel"] == f"user:{user.id}"
    got = await ws.next("notification")
    assert got["data"] == {"title": "Hi", "sender_id": str(admin.id)}
    assert got["offset"] == sent.json()["offset"]

    announced = await client.post(
        "/api/websocket/broadcast", json={"data": {"title": "Maintenance"}}, headers=admin_h
    )
    assert announced.status_code == 200, announced.text
    heard = await ws.next("system_announcement")
    assert (heard["channel"], heard["data"]["title"]) == ("broadcast", "Maintenance")

    stats = await client.get("/api/websocket/stats", headers=admin_h)
    assert stats.status_code == 200
    assert stats.json()["connections"] >= 1
    assert stats.json()["messages_sent"] >= 2
    assert stats.json()["max_connections_per_user"] == 5
    await ws.ws.close()


async def test_sending_to_no_such_user_is_404_and_members_may_not_send(
    session: AsyncSession, client: AsyncClient, serve: ServerFactory
) -> None:
    _, admin_h = await make_signed_in(session, role=Role.SUPER_ADMIN)
    _, member_h = await make_signed_in(session, role=Role.MEMBER)
    await serve()
    body = {"user_id": str(uuid.uuid4()), "data": {"title": "x"}}
    missing = await client.post("/api/websocket/send", json=body, headers=admin_h)
    assert missing.status_code == 404
    refused = await client.post("/api/websocket/send", json=body, headers=member_h)
    assert (refused.status_code, refused.json()["code"]) == (403, "INSUFFICIENT_PERMISSIONS")
    announce = await client.post("/api/websocket/broadcast", json={"data": {}}, headers=member_h)
    assert announce.status_code == 403
    assert (await client.get("/api/websocket/stats", headers=member_h)).status_code == 403


async def test_a_member_posts_to_the_venture_channel_an_observer_may_not(
    serve: ServerFactory, session: AsyncSession, client: AsyncClient
) -> None:
    owner, owner_h = await make_founder(session, client)
    venture = await create_venture(client, owner_h, visibility="PRIVATE")
    vid = venture["id"]
    _, observer_h = await add_member(session, client, owner_h, vid, role="OBSERVER")
    _, stranger_h = await make_signed_in(session, role=Role.MEMBER)
    url = await serve()
    ws, _ = await open_client(url, token_of(observer_h))
    assert (await ws.subscribe(f"venture:{vid}"))["type"] == "subscribed"

    posted = await client.post(
        f"/api/websocket/venture/{vid}/send", json={"data": {"text": "Demo at 3"}}, headers=owner_h
    )
    assert posted.status_code == 200, posted.text
    heard = await ws.next("venture_update")
    assert heard["data"]["event"] == "message"
    assert heard["data"]["sender_id"] == str(owner.id)
    assert heard["data"]["payload"] == {"text": "Demo at 3"}

    watcher = await client.post(
        f"/api/websocket/venture/{vid}/send", json={"data": {"text": "hi"}}, headers=observer_h
    )
    assert (watcher.status_code, watcher.json()["code"]) == (403, "TEAM_ROLE_REQUIRED")
    hidden = await client.post(
        f"/api/websocket/venture/{vid}/send", json={"data": {"text": "hi"}}, headers=stranger_h
    )
    assert hidden.status_code == 404
    await ws.ws.close()


async def test_the_data_export_lists_the_users_open_connections(
    serve: ServerFactory, session: AsyncSession, client: AsyncClient
) -> None:
    user, headers = await make_signed_in(session, role=Role.MEMBER)
    url = await serve()
    ws, ready = await open_client(url, token_of(headers))
    exported = await client.get(f"/api/users/{user.id}/export", headers=headers)
    assert exported.status_code == 200, exported.text
    part = exported.json()["websocket"]
    assert [c["connection_id"] for c in part["open_connections"]] == [ready["connection_id"]]
    await ws.ws.close()
