"""Connecting: authentication in the first frame, never from the URL; the user channel;
revoked sessions, in-band token replacement, limits, heartbeats and slow clients."""

from __future__ import annotations

import asyncio
import contextlib
import json
import uuid

import uvicorn
from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession
from websockets.asyncio.client import connect

from bench.servers import free_port
from brain.app import create_app
from brain.core.broadcast import Broadcast
from brain.core.config import Settings
from brain.domains.auth import service as auth
from brain.domains.users.schemas import Role
from tests.domains.websocket.conftest import Client, ServerFactory, open_client, token_of
from tests.factories.users import make_signed_in, make_user, sign_in


async def test_a_token_in_the_url_is_refused_unread(
    serve: ServerFactory, session: AsyncSession
) -> None:
    _, headers = await make_signed_in(session)
    url = await serve()
    async with connect(f"{url}?token={token_of(headers)}") as ws:
        client = Client(ws)
        # Even a valid auth frame after it does not help: the socket is closed at once.
        assert await client.closed() == 4401


async def test_an_invalid_token_or_a_first_frame_that_is_not_auth_closes_with_4401(
    serve: ServerFactory,
) -> None:
    url = await serve()
    client, _ = await open_client(url, "not-a-token")
    assert await client.closed() == 4401
    async with connect(url) as ws:
        client = Client(ws)
        await client.send(type="subscribe", channel="broadcast")
        assert await client.closed() == 4401


async def test_no_auth_frame_in_time_closes_with_4401(serve: ServerFactory) -> None:
    url = await serve(websocket_auth_timeout_seconds=0.2)
    async with connect(url) as ws:
        assert await Client(ws).closed() == 4401


async def test_ready_names_the_user_and_joins_their_channel(
    serve: ServerFactory, session: AsyncSession, hub: Broadcast
) -> None:
    user, headers = await make_signed_in(session)
    url = await serve()
    client, ready = await open_client(url, token_of(headers))
    assert ready["type"] == "ready"
    assert ready["user_id"] == str(user.id)
    assert ready["channel"] == f"user:{user.id}"
    assert ready["recovered"] is None
    sent = await hub.publish(f"user:{user.id}", {"type": "notification", "data": {"n": 1}})
    message = await client.next("notification")
    assert message == {
        "type": "notification",
        "channel": f"user:{user.id}",
        "offset": sent.offset,
        "epoch": sent.epoch,
        "data": {"n": 1},
    }
    # Someone else's user channel is not theirs to read.
    other = await client.subscribe(f"user:{uuid.uuid4()}")
    assert (other["type"], other["code"]) == ("error", "CHANNEL_FORBIDDEN")
    await client.ws.close()


async def test_a_revoked_session_is_disconnected(
    serve: ServerFactory, session: AsyncSession
) -> None:
    user = await make_user(session, role=Role.MEMBER)
    tokens = await sign_in(session, user)
    url = await serve(websocket_session_check_seconds=0.2)
    client, ready = await open_client(url, tokens.access_token)
    assert ready["type"] == "ready"
    await auth.revoke_all(session, user_id=user.id, reason="logout", actor_id=user.id)
    await session.flush()
    assert await client.closed() == 4401
    # And a new connection with that token is refused at once.
    again, _ = await open_client(url, tokens.access_token)
    assert await again.closed() == 4401


async def test_a_token_is_replaced_in_band_by_the_same_user_only(
    serve: ServerFactory, session: AsyncSession
) -> None:
    user = await make_user(session, role=Role.MEMBER)
    first = await sign_in(session, user)
    second = await sign_in(session, user)
    _, stranger = await make_signed_in(session)
    url = await serve()
    client, _ = await open_client(url, first.access_token)
    await client.send(type="auth", token=second.access_token)
    again = await client.next("ready")
    assert again["user_id"] == str(user.id)
    await client.send(type="auth", token=token_of(stranger))
    refused = await client.next("error")
    assert refused["code"] == "WRONG_USER"
    await client.ws.close()


async def test_a_sixth_connection_of_one_user_is_refused(
    serve: ServerFactory, session: AsyncSession
) -> None:
    _, headers = await make_signed_in(session)
    url = await serve()
    clients = []
    for _ in range(5):
        client, ready = await open_client(url, token_of(headers))
        assert ready["type"] == "ready"
        clients.append(client)
    sixth, _ = await open_client(url, token_of(headers))
    assert await sixth.closed() == 4429
    # Closing one frees its slot.
    await clients.pop().ws.close()
    await asyncio.sleep(0.1)
    replacement, ready = await open_client(url, token_of(headers))
    assert ready["type"] == "ready"
    for client in [*clients, replacement]:
        await client.ws.close()


async def test_a_client_that_does_not_answer_pings_is_closed(
    serve: ServerFactory, session: AsyncSession
) -> None:
    _, headers = await make_signed_in(session)
    url = await serve(websocket_ping_seconds=0.1, websocket_pong_timeout_seconds=0.2)
    client, _ = await open_client(url, token_of(headers))
    assert (await client.recv())["type"] == "ping"
    assert await client.closed() == 4002


async def test_a_client_that_answers_pings_stays(
    serve: ServerFactory, session: AsyncSession
) -> None:
    _, headers = await make_signed_in(session)
    url = await serve(websocket_ping_seconds=0.1, websocket_pong_timeout_seconds=0.2)
    client, _ = await open_client(url, token_of(headers))
    for _ in range(6):
        assert (await client.recv())["type"] == "ping"
        await client.send(type="pong")
    await client.send(type="ping")
    assert (await client.next("pong"))["type"] == "pong"
    await client.ws.close()


async def test_a_client_that_falls_behind_is_disconnected_not_buffered(
    serve: ServerFactory, session: AsyncSession, hub: Broadcast
) -> None:
    user, headers = await make_signed_in(session)
    url = await serve(websocket_send_queue=5)
    client, _ = await open_client(url, token_of(headers))
    for n in range(50):  # faster than any socket: published without yielding
        await hub.publish(f"user:{user.id}", {"type": "notification", "data": {"n": n}})
    assert await client.closed() == 4008


async def test_a_frame_that_does_not_parse_is_an_error_not_a_close(
    serve: ServerFactory, session: AsyncSession
) -> None:
    _, headers = await make_signed_in(session)
    url = await serve()
    client, _ = await open_client(url, token_of(headers))
    await client.ws.send("{not json")
    assert (await client.next("error"))["code"] == "BAD_MESSAGE"
    await client.send(type="subscribe", channel="venture:nope")
    assert (await client.next("error"))["code"] == "CHANNEL_INVALID"
    await client.send(type="subscribe", channel="broadcast")
    assert (await client.next("subscribed"))["channel"] == "broadcast"
    await client.ws.close()


async def test_the_schema_of_the_protocol_is_served(client: AsyncClient) -> None:
    response = await client.get("/api/websocket/schema")
    assert response.status_code == 200
    body = response.json()
    assert {"client", "server", "close_codes"} <= set(body)
    assert "4401" in body["close_codes"]


async def test_a_client_that_stops_reading_is_disconnected_when_its_socket_fills(
    serve: ServerFactory, session: AsyncSession, hub: Broadcast
) -> None:
    user, headers = await make_signed_in(session)
    url = await serve(websocket_ping_seconds=0.1, websocket_pong_timeout_seconds=0.5)
    async with connect(url, max_queue=1, compression=None) as ws:
        await ws.send(json.dumps({"type": "auth", "token": token_of(headers)}))
        assert json.loads(await ws.recv())["type"] == "ready"

        async def alive_but_not_reading() -> None:
            while True:
                await ws.send('{"type": "pong"}')
                await asyncio.sleep(0.05)

        pongs = asyncio.create_task(alive_but_not_reading())
        big = "x" * 512 * 1024
        for n in range(60):  # ~30 MB: more than the socket buffers on both sides hold
            await hub.publish(
                f"user:{user.id}", {"type": "notification", "data": {"n": n, "b": big}}
            )
            await asyncio.sleep(0)
        await asyncio.sleep(1.5)  # still not reading: the server's write stays blocked
        try:
            closed = await Client(ws).closed(wait=10)
        finally:
            pongs.cancel()
    assert closed == 4008


async def test_shutting_down_closes_every_socket_with_1012(
    settings: Settings, db_connection: object, hub: Broadcast, session: AsyncSession
) -> None:
    _, headers = await make_signed_in(session)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(settings), host="127.0.0.1", port=port, lifespan="off",
            log_level="warning", ws="websockets-sansio",
        )
    )  # fmt: skip
    server.capture_signals = contextlib.nullcontext  # type: ignore[method-assign,assignment]
    task = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110 (uvicorn offers no event to wait on)
        await asyncio.sleep(0.01)
    client, ready = await open_client(
        f"ws://127.0.0.1:{port}/api/websocket/connect", token_of(headers)
    )
    assert ready["type"] == "ready"
    server.should_exit = True
    assert await client.closed() == 1012
    await asyncio.wait_for(task, 10)
