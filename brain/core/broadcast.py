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

Every publication gets a position in its channel's stream, the way Centrifugo numbers them: an
`offset` (1, 2, 3... per channel) within an `epoch` (a random string naming one unbroken life
of that stream). The last `broadcast_history_size` publications of a channel are kept for
`broadcast_history_ttl_seconds` after its last one, so a client that reconnects with the last
offset and epoch it saw gets exactly what it missed (`history`), or learns truthfully that
this is no longer possible (the epoch changed: the history was lost; or it was trimmed) and
must reload from the database, which stays the source of truth. With Redis the history is a
Redis Stream per channel (XADD with MAXLEN) next to a hash holding the epoch and the offset
counter; one Lua script numbers, stores and PUBLISHes each message atomically, so the
processes agree on the order. Without Redis it is a bounded deque per channel, and an epoch
lives as long as the process (or until the channel's history expires).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import time
from collections import deque
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any, Literal

from brain.core.config import Settings

log = logging.getLogger(__name__)

REDIS_PREFIX = "brain:broadcast:"


DEFAULT_HISTORY_SIZE = 200
DEFAULT_HISTORY_TTL = 600.0


@dataclass(frozen=True)
class Message:
    """A publication (`kind="message"`, numbered `offset` in `epoch`), or `resync`: this
    process lost messages of `channel` (Redis dropped) and its subscribers must catch up."""

    channel: str
    kind: Literal["message", "resync"]
    data: dict[str, Any] | None = None
    offset: int = 0
    epoch: str = ""


@dataclass(frozen=True)
class Position:
    """Where a channel's stream stands: its last offset and its epoch."""

    offset: int
    epoch: str


@dataclass(frozen=True)
class Recovery:
    """What `history(channel, since=..., epoch=...)` found. `recovered` is True only when
    `messages` are every publication after `since`, in order; False means the history no
    longer covers them (trimmed, expired, another epoch) and the client must reload."""

    recovered: bool
    messages: list[Message]
    position: Position


def new_epoch() -> str:
    return secrets.token_hex(6)


def recover(since: int, epoch: str, position: Position, kept: list[Message]) -> Recovery:
    """The one recovery rule for both engines: everything after `since` up to the stream's
    top must still be kept, in the same epoch; anything less is not a recovery."""
    missed = [m for m in kept if m.offset > since]
    complete = (
        epoch == position.epoch
        and 0 <= since <= position.offset
        and [m.offset for m in missed] == list(range(since + 1, position.offset + 1))
    )
    return Recovery(complete, missed if complete else [], position)


@dataclass
class _Stream:
    """One channel's stream in this process (the in-process engine)."""

    epoch: str
    size: int
    offset: int = 0
    touched: float = field(default_factory=time.monotonic)
    kept: deque[Message] = field(init=False)

    def __post_init__(self) -> None:
        self.kept = deque(maxlen=self.size)


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
    """In-process fan-out and history; `RedisBroadcast` extends it across processes."""

    def __init__(
        self,
        *,
        history_size: int = DEFAULT_HISTORY_SIZE,
        history_ttl: float = DEFAULT_HISTORY_TTL,
    ) -> None:
        self._subscribers: dict[str, set[Subscription]] = {}
        self.history_size = history_size
        self.history_ttl = history_ttl
        self._streams: dict[str, _Stream] = {}
        self._next_sweep = time.monotonic() + history_ttl
        self._presence: dict[str, dict[str, tuple[float, dict[str, Any]]]] = {}

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None

    def channels(self) -> list[str]:
        """The channels with at least one subscriber in this process."""
        return list(self._subscribers)

    async def publish(self, channel: str, data: dict[str, Any]) -> Message:
        """Number `data` in `channel`'s stream, keep it in the history and deliver it to every
        subscriber; returns the publication (its offset and epoch)."""
        stream = self._stream(channel)
        stream.offset += 1
        message = Message(channel, "message", data, stream.offset, stream.epoch)
        stream.kept.append(message)
        self._deliver(message)
        return message

    async def position(self, channel: str) -> Position:
        stream = self._stream(channel, touch=False)
        return Position(stream.offset, stream.epoch)

    async def history(self, channel: str, *, since: int, epoch: str) -> Recovery:
        stream = self._stream(channel, touch=False)
        return recover(since, epoch, Position(stream.offset, stream.epoch), list(stream.kept))

    # Presence: who is on a channel, across processes. Each entry is one client (a connection)
    # with small JSON facts, kept until removed or until `ttl` passes without a refresh, so a
    # process that dies takes its clients off the list within the TTL.

    async def presence_add(
        self, channel: str, client_id: str, info: dict[str, Any], *, ttl: float
    ) -> None:
        entries = self._presence.setdefault(channel, {})
        entries[client_id] = (time.monotonic() + ttl, info)

    async def presence_remove(self, channel: str, client_id: str) -> None:
        entries = self._presence.get(channel)
        if entries is not None:
            entries.pop(client_id, None)
            if not entries:
                del self._presence[channel]

    async def presence(self, channel: str) -> dict[str, dict[str, Any]]:
        now = time.monotonic()
        entries = self._presence.get(channel, {})
        for client_id in [c for c, (until, _) in entries.items() if until <= now]:
            del entries[client_id]
        return {c: info for c, (_, info) in entries.items()}

    def _stream(self, channel: str, *, touch: bool = True) -> _Stream:
        now = time.monotonic()
        if now >= self._next_sweep:
            # Channels are many (one per user) and mostly idle: an idle channel's history is
            # forgotten after the TTL, and its next life is a new epoch.
            self._streams = {
                c: s for c, s in self._streams.items() if now - s.touched < self.history_ttl
            }
            self._next_sweep = now + self.history_ttl
        stream = self._streams.get(channel)
        if stream is None or now - stream.touched >= self.history_ttl:
            stream = self._streams[channel] = _Stream(new_epoch(), self.history_size)
        if touch:
            stream.touched = now
        return stream

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


# KEYS: the channel's hash (epoch `e`, last offset `o`), its stream. ARGV: a fresh epoch, the
# history size, the TTL (s), the pub/sub channel, the JSON data. A channel whose hash is gone
# (expired, evicted, a flushed Redis) starts a new epoch and drops any stream left behind, so
# an offset never means two different messages within one epoch.
_PUBLISH = """
local epoch = redis.call('HGET', KEYS[1], 'e')
if not epoch then
  epoch = ARGV[1]
  redis.call('DEL', KEYS[2])
  redis.call('HSET', KEYS[1], 'e', epoch, 'o', 0)
end
local offset = redis.call('HINCRBY', KEYS[1], 'o', 1)
if tonumber(ARGV[2]) > 0 then
  redis.call('XADD', KEYS[2], 'MAXLEN', ARGV[2], offset .. '-0', 'd', ARGV[5])
  redis.call('EXPIRE', KEYS[2], ARGV[3])
end
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('PUBLISH', ARGV[4], '{"o":' .. offset .. ',"e":"' .. epoch .. '","d":' .. ARGV[5] .. '}')
return {offset, epoch}
"""

# KEYS as above. ARGV: a fresh epoch, the TTL, the first offset wanted ('' for none). The
# position and the entries are read in one step, so they agree.
_STATE = """
local epoch = redis.call('HGET', KEYS[1], 'e')
if not epoch then
  epoch = ARGV[1]
  redis.call('DEL', KEYS[2])
  redis.call('HSET', KEYS[1], 'e', epoch, 'o', 0)
  redis.call('EXPIRE', KEYS[1], ARGV[2])
end
local offset = redis.call('HGET', KEYS[1], 'o')
local entries = {}
if ARGV[3] ~= '' then
  entries = redis.call('XRANGE', KEYS[2], ARGV[3] .. '-0', '+')
end
return {epoch, offset, entries}
"""


def _keys(channel: str) -> list[str]:
    # The channel in braces is the Redis Cluster hash tag: both keys live on one shard.
    return [f"{REDIS_PREFIX}{{{channel}}}:meta", f"{REDIS_PREFIX}{{{channel}}}:stream"]


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


class RedisBroadcast(Broadcast):
    def __init__(
        self,
        url: str,
        *,
        history_size: int = DEFAULT_HISTORY_SIZE,
        history_ttl: float = DEFAULT_HISTORY_TTL,
    ) -> None:
        super().__init__(history_size=history_size, history_ttl=history_ttl)
        self.url = url
        self._publish_script: Any = None
        self._state_script: Any = None
        self._client: Any = None
        self._pubsub: Any = None
        self._reader: asyncio.Task[None] | None = None
        self._connected = asyncio.Event()

    async def start(self) -> None:
        import redis.asyncio as redis

        self._client = redis.Redis.from_url(self.url, socket_connect_timeout=2)
        self._publish_script = self._client.register_script(_PUBLISH)
        self._state_script = self._client.register_script(_STATE)
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

    async def publish(self, channel: str, data: dict[str, Any]) -> Message:
        payload = json.dumps(data, default=str)
        offset, epoch = await self._publish_script(
            keys=_keys(channel),
            args=[
                new_epoch(),
                self.history_size,
                max(1, int(self.history_ttl)),
                REDIS_PREFIX + channel,
                payload,
            ],
        )
        return Message(channel, "message", json.loads(payload), int(offset), _text(epoch))

    async def _state(self, channel: str, first: int | None) -> tuple[Position, list[Message]]:
        epoch, offset, entries = await self._state_script(
            keys=_keys(channel),
            args=[new_epoch(), max(1, int(self.history_ttl)), "" if first is None else first],
        )
        epoch = _text(epoch)
        kept = [
            Message(
                channel, "message", json.loads(fields[b"d"]), int(_text(id_).split("-")[0]), epoch
            )
            for id_, fields in _pairs(entries)
        ]
        return Position(int(_text(offset)), epoch), kept

    async def presence_add(
        self, channel: str, client_id: str, info: dict[str, Any], *, ttl: float
    ) -> None:
        # One hash per channel: client id -> {"until": unix time, "info": ...}. Expired entries
        # are dropped when read; the hash itself expires when nobody refreshes it.
        key = f"{REDIS_PREFIX}{{{channel}}}:presence"
        entry = json.dumps({"until": time.time() + ttl, "info": info}, default=str)
        async with self._client.pipeline(transaction=True) as pipe:
            pipe.hset(key, client_id, entry)
            pipe.expire(key, max(1, int(ttl) + 1))
            await pipe.execute()

    async def presence_remove(self, channel: str, client_id: str) -> None:
        await self._client.hdel(f"{REDIS_PREFIX}{{{channel}}}:presence", client_id)

    async def presence(self, channel: str) -> dict[str, dict[str, Any]]:
        key = f"{REDIS_PREFIX}{{{channel}}}:presence"
        now, present, expired = time.time(), {}, []
        for client_id, raw in (await self._client.hgetall(key)).items():
            entry = json.loads(raw)
            if entry["until"] <= now:
                expired.append(client_id)
            else:
                present[_text(client_id)] = entry["info"]
        if expired:
            await self._client.hdel(key, *expired)
        return present

    async def position(self, channel: str) -> Position:
        position, _ = await self._state(channel, None)
        return position

    async def history(self, channel: str, *, since: int, epoch: str) -> Recovery:
        position, kept = await self._state(channel, max(since, 0) + 1)
        return recover(since, epoch, position, kept)

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
                        envelope = json.loads(raw["data"])
                        message = Message(
                            channel,
                            "message",
                            envelope["d"],
                            int(envelope["o"]),
                            str(envelope["e"]),
                        )
                    except (ValueError, KeyError, TypeError):
                        log.warning("broadcast: unreadable message on %s", channel)
                        continue
                    self._deliver(message)
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


def _pairs(entries: Any) -> list[tuple[Any, dict[bytes, bytes]]]:
    """XRANGE entries as (id, fields) whatever the client's reply shape."""
    pairs = []
    for entry in entries or []:
        id_, fields = entry[0], entry[1]
        if isinstance(fields, list):
            fields = dict(zip(fields[::2], fields[1::2], strict=True))
        pairs.append(
            (id_, {k if isinstance(k, bytes) else str(k).encode(): v for k, v in fields.items()})
        )
    return pairs


_broadcast: Broadcast | None = None


def configure(settings: Settings) -> Broadcast:
    global _broadcast
    size, ttl = settings.broadcast_history_size, float(settings.broadcast_history_ttl_seconds)
    _broadcast = (
        RedisBroadcast(settings.redis_url, history_size=size, history_ttl=ttl)
        if settings.redis_url
        else Broadcast(history_size=size, history_ttl=ttl)
    )
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
