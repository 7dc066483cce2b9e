"""This process's open connections: who is connected, the statistics, and the one listener
on the internal control channel through which membership changes reach every process.

A removed team member must stop receiving at once, whichever process holds their sockets: the
handler that hears `ventures.member_left` publishes on `protocol.CONTROL`, every process's hub
hears it and takes the venture's channels away from that user's local connections.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
import uuid
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from brain.core import broadcast
from brain.domains.websocket.protocol import CONTROL

if TYPE_CHECKING:
    from brain.domains.websocket.connection import Connection

log = logging.getLogger(__name__)

# Messages per second is averaged over this many seconds.
RATE_WINDOW = 10


@dataclass(frozen=True)
class Stats:
    process: str
    connections: int
    users: int
    channels: int
    messages_sent: int
    messages_per_second: float


class Hub:
    def __init__(self) -> None:
        self.connections: dict[str, Connection] = {}
        self.by_user: dict[uuid.UUID, set[Connection]] = {}
        self.sent = 0
        self._seconds: deque[list[int]] = deque(maxlen=RATE_WINDOW + 1)
        self._control: asyncio.Task[None] | None = None
        self._control_hub: broadcast.Broadcast | None = None

    def add(self, connection: Connection, user_id: uuid.UUID) -> None:
        self.connections[connection.id] = connection
        self.by_user.setdefault(user_id, set()).add(connection)

    def remove(self, connection: Connection, user_id: uuid.UUID | None) -> None:
        self.connections.pop(connection.id, None)
        if user_id is not None and user_id in self.by_user:
            self.by_user[user_id].discard(connection)
            if not self.by_user[user_id]:
                del self.by_user[user_id]

    def count_sent(self, n: int = 1) -> None:
        self.sent += n
        second = int(time.monotonic())
        if self._seconds and self._seconds[-1][0] == second:
            self._seconds[-1][1] += n
        else:
            self._seconds.append([second, n])

    def stats(self) -> Stats:
        now = int(time.monotonic())
        recent = sum(n for second, n in self._seconds if now - second < RATE_WINDOW)
        hub = broadcast.get_broadcast() if broadcast.is_configured() else None
        return Stats(
            process=f"{os.uname().nodename}:{os.getpid()}",
            connections=len(self.connections),
            users=len(self.by_user),
            channels=len([c for c in hub.channels() if c != CONTROL]) if hub else 0,
            messages_sent=self.sent,
            messages_per_second=round(recent / RATE_WINDOW, 2),
        )

    async def ensure_listening(self) -> None:
        """Listen on the control channel of the broadcast in use (started on the first
        connection; restarted if the broadcast was replaced, as tests do)."""
        current = broadcast.get_broadcast()
        if self._control is not None and not self._control.done():
            if self._control_hub is current:
                return
            self._control.cancel()
        self._control_hub = current
        ready = asyncio.get_running_loop().create_future()
        self._control = asyncio.create_task(self._listen(current, ready), name="ws-control")
        # A listener that cannot subscribe yet (Redis down) keeps retrying on its own; the
        # connection goes on (the minute-by-minute membership check still applies).
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(ready), 5)

    async def _listen(self, hub: broadcast.Broadcast, ready: asyncio.Future[None]) -> None:
        while True:
            try:
                async with hub.subscribe(CONTROL, max_queue=10_000) as sub:
                    if not ready.done():
                        ready.set_result(None)
                    async for message in sub:
                        if message.kind == "message" and message.data:
                            await self._apply(message.data)
            except asyncio.CancelledError:
                raise
            except Exception:
                # A slow control listener must not stop membership changes for good.
                log.exception("websocket control listener failed; restarting")
                await asyncio.sleep(0.5)

    async def _apply(self, data: dict[str, Any]) -> None:
        if data.get("type") != "membership_revoked":
            return
        try:
            user_id = uuid.UUID(str(data["user_id"]))
            channels = [str(c) for c in data["channels"]]
        except (KeyError, ValueError, TypeError):
            return
        for connection in list(self.by_user.get(user_id, ())):
            for channel in channels:
                with contextlib.suppress(Exception):
                    await connection.drop(channel, reason="removed")


HUB = Hub()
