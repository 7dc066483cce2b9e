"""Fan-out of small messages to every Brain process (live updates).

Domain events are delivered through the outbox (`bus.py`); what a *connected client* must see
at once, whichever process holds its connection, goes through this module. Without Redis the
fan-out stays in this process (embedded mode has one); with `BRAIN_REDIS_URL` it goes through
Redis pub/sub so several processes behind a load balancer see the same stream.

Redis pub/sub is fire-and-forget: a message published while a process is disconnected from
Redis is lost for it. So when the connection drops, every local subscriber receives a
`resync` message and must reload what it shows from the database; nothing is silently
skipped (the failure encode/broadcaster users reported). A subscriber that does not keep up
is cut off (`SlowConsumer`) instead of buffering without bound.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, Literal

from brain.core.config import Settings

log = logging.getLogger(__name__)

REDIS_PREFIX = "brain:broadcast:"


@dataclass(frozen=True)
class Message:
    channel: str
    kind: Literal["message", "resync"]
    data: dict[str, Any] | None = None


class SlowConsumer(Exception):
    """The subscriber's queue overflowed; it was disconnected."""


class Subscription:
    def __init__(self, channel: str, max_queue: int) -> None:
        self.channel = channel
        self._queue: asyncio.Queue[Message] = asyncio.Queue(maxsize=max_queue)
        self.overflowed = False

    def _offer(self, message: Message) -> None:
        if self.overflowed:
            return
        try:
            self._queue.put_nowait(message)
        except asyncio.QueueFull:
            self.overflowed = True

    async def get(self) -> Message:
        if self.overflowed:
            raise SlowConsumer(self.channel)
        return await self._queue.get()

    def __aiter__(self) -> AsyncIterator[Message]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[Message]:
        while True:
            yield await self.get()


class Broadcast:
    """In-process fan-out; `RedisBroadcast` extends it across processes."""

    def __init__(self) -> None:
        self._subscribers: dict[str, set[Subscription]] = {}

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None

    async def publish(self, channel: str, data: dict[str, Any]) -> None:
        self._deliver(Message(channel, "message", data))

    def _deliver(self, message: Message) -> None:
        for subscription in list(self._subscribers.get(message.channel, ())):
            subscription._offer(message)

    async def _first_subscriber(self, channel: str) -> None:
        """Hook: a process-wide subscription starts (Redis SUBSCRIBE)."""

    async def _last_unsubscribed(self, channel: str) -> None:
        """Hook: the last local subscriber left (Redis UNSUBSCRIBE)."""

    @contextlib.asynccontextmanager
    async def subscribe(self, channel: str, *, max_queue: int = 256) -> AsyncIterator[Subscription]:
        subscription = Subscription(channel, max_queue)
        subscribers = self._subscribers.setdefault(channel, set())
        subscribers.add(subscription)
        if len(subscribers) == 1:
            await self._first_subscriber(channel)
        try:
            yield subscription
        finally:
            subscribers.discard(subscription)
            if not subscribers:
                del self._subscribers[channel]
                await self._last_unsubscribed(channel)


class RedisBroadcast(Broadcast):
    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url
        self._client: Any = None
        self._pubsub: Any = None
        self._reader: asyncio.Task[None] | None = None
        self._connected = asyncio.Event()

    async def start(self) -> None:
        import redis.asyncio as redis

        self._client = redis.Redis.from_url(self.url, socket_connect_timeout=2)
        self._reader = asyncio.create_task(self._read_forever(), name="brain-broadcast-reader")

    async def stop(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
        if self._pubsub is not None:
            with contextlib.suppress(Exception):
                await self._pubsub.aclose()
        if self._client is not None:
            await self._client.aclose()

    async def wait_connected(self) -> None:
        await self._connected.wait()

    async def publish(self, channel: str, data: dict[str, Any]) -> None:
        await self._client.publish(REDIS_PREFIX + channel, json.dumps(data, default=str))

    async def _first_subscriber(self, channel: str) -> None:
        if self._pubsub is not None and self._connected.is_set():
            await self._pubsub.subscribe(REDIS_PREFIX + channel)

    async def _last_unsubscribed(self, channel: str) -> None:
        if self._pubsub is not None and self._connected.is_set():
            with contextlib.suppress(Exception):
                await self._pubsub.unsubscribe(REDIS_PREFIX + channel)

    async def _read_forever(self) -> None:
        delay = 0.1
        while True:
            try:
                self._pubsub = self._client.pubsub(ignore_subscribe_messages=True)
                # A dummy channel keeps the connection in subscribe mode while no one listens.
                await self._pubsub.subscribe(REDIS_PREFIX + "_", *[
                    REDIS_PREFIX + c for c in self._subscribers
                ])  # fmt: skip
                self._connected.set()
                delay = 0.1
                async for raw in self._pubsub.listen():
                    if raw.get("type") != "message":
                        continue
                    channel = raw["channel"].decode()[len(REDIS_PREFIX) :]
                    try:
                        data = json.loads(raw["data"])
                    except ValueError:
                        log.warning("broadcast: unreadable message on %s", channel)
                        continue
                    self._deliver(Message(channel, "message", data))
                raise ConnectionError("pub/sub stream ended")
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                was_connected = self._connected.is_set()
                self._connected.clear()
                if was_connected:
                    log.warning("broadcast: lost Redis (%r); subscribers must resync", exc)
                    for channel in list(self._subscribers):
                        self._deliver(Message(channel, "resync"))
                with contextlib.suppress(Exception):
                    await self._pubsub.aclose()
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)


_broadcast: Broadcast | None = None


def configure(settings: Settings) -> Broadcast:
    global _broadcast
    _broadcast = RedisBroadcast(settings.redis_url) if settings.redis_url else Broadcast()
    return _broadcast


def use_broadcast(broadcast: Broadcast | None) -> None:
    global _broadcast
    _broadcast = broadcast


def get_broadcast() -> Broadcast:
    if _broadcast is None:
        raise RuntimeError("broadcast not configured: call brain.core.broadcast.configure()")
    return _broadcast


def is_configured() -> bool:
    return _broadcast is not None


async def shutdown() -> None:
    global _broadcast
    if _broadcast is not None:
        await _broadcast.stop()
    _broadcast = None
