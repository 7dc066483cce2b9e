"""A real uvicorn server in the test's event loop (a websocket needs a socket), on the test's
database connection and an in-process broadcast, and a small client for the protocol."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
import uvicorn
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from bench.servers import free_port
from brain import handlers
from brain.app import create_app
from brain.core import broadcast, ratelimit
from brain.core.broadcast import Broadcast
from brain.core.config import Settings


@pytest.fixture(autouse=True)
def _registered() -> None:
    handlers.register()
    ratelimit.reset()


@pytest.fixture
async def hub() -> AsyncIterator[Broadcast]:
    previous = broadcast._broadcast
    live = Broadcast(history_size=50)
    broadcast.use_broadcast(live)
    yield live
    broadcast.use_broadcast(previous)


ServerFactory = Callable[..., Awaitable[str]]


@pytest.fixture
async def serve(
    settings: Settings, db_connection: object, hub: Broadcast
) -> AsyncIterator[ServerFactory]:
    """`url = await serve(**settings_overrides)`: the websocket URL of a running Brain."""
    servers: list[tuple[uvicorn.Server, asyncio.Task[None]]] = []

    async def start(**overrides: Any) -> str:
        app = create_app(settings.model_copy(update=overrides))
        port = free_port()
        config = uvicorn.Config(
            app,
            host="127.0.0.1",
            port=port,
            lifespan="off",
            log_level="warning",
            ws="websockets-sansio",
        )
        server = uvicorn.Server(config)
        # Ctrl-C stays pytest's.
        server.capture_signals = contextlib.nullcontext  # type: ignore[method-assign,assignment]
        task = asyncio.create_task(server.serve())
        while not server.started:  # noqa: ASYNC110 (uvicorn offers no event to wait on)
            await asyncio.sleep(0.01)
        servers.append((server, task))
        return f"ws://127.0.0.1:{port}/api/websocket/connect"

    yield start
    for server, task in servers:
        server.should_exit = True
        await asyncio.wait_for(task, 10)


class Client:
    """A protocol client: JSON frames, with a deadline on every read."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws

    async def send(self, **frame: Any) -> None:
        await self.ws.send(json.dumps(frame))

    async def recv(self, wait: float = 3) -> dict[str, Any]:
        frame: dict[str, Any] = json.loads(await asyncio.wait_for(self.ws.recv(), wait))
        return frame

    async def next(
        self, type_: str, wait: float = 3, *, skipping: tuple[str, ...] = ()
    ) -> dict[str, Any]:
        """The next frame of `type_`, skipping heartbeats, presence and `skipping`."""
        while True:
            frame = await self.recv(wait)
            if frame["type"] == type_:
                return frame
            assert frame["type"] in ("ping", "presence", "pong", *skipping), frame

    async def nothing(self, wait: float = 0.3) -> None:
        try:
            frame = await self.recv(wait)
        except TimeoutError:
            return
        raise AssertionError(f"unexpected frame {frame}")

    async def closed(self, wait: float = 5) -> int | None:
        """Read until the server closes; its close code."""
        try:
            while True:
                await asyncio.wait_for(self.ws.recv(), wait)
        except ConnectionClosed as closed:
            return closed.rcvd.code if closed.rcvd else None

    async def subscribe(self, channel: str, **extra: Any) -> dict[str, Any]:
        await self.send(type="subscribe", channel=channel, **extra)
        while True:
            frame = await self.recv()
            if frame["type"] in ("subscribed", "error"):
                return frame
            assert frame["type"] in ("ping", "presence"), frame


async def open_client(url: str, token: str, **auth: Any) -> tuple[Client, dict[str, Any]]:
    ws = await connect(url)
    client = Client(ws)
    await client.send(type="auth", token=token, **auth)
    try:
        return client, await client.recv()
    except ConnectionClosed as closed:
        return client, {"type": "closed", "code": closed.rcvd.code if closed.rcvd else None}


def token_of(headers: dict[str, str]) -> str:
    return headers["Authorization"].removeprefix("Bearer ")
