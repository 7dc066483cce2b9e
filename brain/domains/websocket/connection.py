"""One client's websocket, from `auth` to close (the protocol: docs/api/websocket.md).

Tasks per connection: the reader (client frames), the heartbeat, the session check, and one
pump per subscribed channel (the core broadcast's subscription -> the socket). Every send goes
through `send`, one at a time, with a deadline: a client that stops reading is closed with
4008 instead of buffered without bound (each channel's queue is bounded too, and overflowing
it closes the same way).

A channel is joined before its position or history is read, and a message the history already
delivered is skipped when it arrives live (same epoch, offset not above the last sent): the
client sees every publication once and in order, the gap between the two reads included.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
import uuid
from typing import Any

from fastapi import WebSocket
from pydantic import ValidationError
from starlette.websockets import WebSocketState

from brain.core import broadcast, db
from brain.core.broadcast import Message, SlowConsumer
from brain.core.config import Settings
from brain.core.errors import AuthRequired
from brain.domains.auth import service as auth
from brain.domains.auth.schemas import AuthenticatedUser
from brain.domains.ventures import service as ventures
from brain.domains.websocket import protocol
from brain.domains.websocket.hub import HUB
from brain.domains.websocket.protocol import Close, ErrorCode, MessageType

log = logging.getLogger(__name__)

MAX_CHANNELS = 100
MAX_FRAME_CHARS = 8192
_TYPES = frozenset(t.value for t in MessageType)


# One publication reaches many sockets: its frame is encoded once, not once per socket (on a
# broadcast to 2,000 sockets the encoding was the largest part of the fan-out's CPU).
_ENCODED: dict[tuple[str, str, int], str | None] = {}
_ENCODED_MAX = 4096


def encoded(message: Message) -> str | None:
    """The client frame of a channel message, or None when it is not one (the contract:
    `{"type": <a MessageType>, "data": {...}}`)."""
    key = (message.channel, message.epoch, message.offset)
    if key in _ENCODED:
        return _ENCODED[key]
    data = message.data or {}
    text = None
    if data.get("type") in _TYPES and isinstance(data.get("data"), dict):
        frame = {
            "type": data["type"],
            "channel": message.channel,
            "offset": message.offset,
            "epoch": message.epoch,
            "data": data["data"],
        }
        text = json.dumps(frame, separators=(",", ":"), default=str)
    if len(_ENCODED) >= _ENCODED_MAX:
        _ENCODED.clear()
    _ENCODED[key] = text
    return text


class Closing(Exception):
    def __init__(self, code: Close, reason: str) -> None:
        super().__init__(reason)
        self.code, self.reason = code, reason


async def principal(settings: Settings, token: str) -> AuthenticatedUser:
    """The caller behind `token`, checked exactly as the HTTP `CurrentUser` dependency does:
    signature, claims and expiry, the session not revoked, the account active."""
    async with db.session_scope(read_only=True) as session:
        return await auth.principal(session, settings, access_token=token)


async def is_member(venture_id: uuid.UUID, user_id: uuid.UUID) -> bool:
    async with db.session_scope(read_only=True) as session:
        role = await ventures.member_role(session, venture_id=venture_id, user_id=user_id)
    return role is not None


class Connection:
    def __init__(self, websocket: WebSocket, settings: Settings) -> None:
        self.ws = websocket
        self.settings = settings
        self.id = uuid.uuid4().hex
        self.user: AuthenticatedUser | None = None
        self.token = ""
        self.pumps: dict[str, asyncio.Task[None]] = {}
        self.last_seen = time.monotonic()
        self._lock = asyncio.Lock()
        self._sending_since: float | None = None
        self._closing: asyncio.Future[Closing] = asyncio.get_running_loop().create_future()
        self._tasks: list[asyncio.Task[None]] = []
        # A channel's pump waits at its gate until the `subscribed` reply is sent.
        self._gates: dict[str, asyncio.Event] = {}

    # -- lifecycle ---------------------------------------------------------------------------

    async def run(self) -> None:
        # Query strings end up in access logs and proxies: a token there is refused unread.
        if {"token", "access_token"} & set(self.ws.query_params):
            await self.ws.accept()
            await self.ws.close(Close.UNAUTHORIZED, "send the token in an auth message")
            return
        await self.ws.accept()
        try:
            await self._authenticate_first()
        except Closing as refused:
            await self._teardown()
            await self._close(refused)
            return
        try:
            self._tasks = [
                asyncio.create_task(self._guard(self._read()), name=f"ws-read-{self.id}"),
                asyncio.create_task(self._guard(self._heartbeat()), name=f"ws-ping-{self.id}"),
                asyncio.create_task(self._guard(self._check()), name=f"ws-check-{self.id}"),
            ]
            ending = await self._closing
        finally:
            await self._teardown()
        await self._close(ending)

    def close_soon(self, code: Close, reason: str) -> None:
        if not self._closing.done():
            self._closing.set_result(Closing(code, reason))

    async def _guard(self, work: Any) -> None:
        try:
            await work
        except Closing as closing:
            self.close_soon(closing.code, closing.reason)
        except SlowConsumer:
            self.close_soon(Close.SLOW_CONSUMER, "too far behind")
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("websocket %s failed", self.id)
            self.close_soon(Close.INTERNAL_ERROR, "internal error")

    async def _teardown(self) -> None:
        for task in [*self._tasks, *self.pumps.values()]:
            task.cancel()
        for task in [*self._tasks, *self.pumps.values()]:
            with contextlib.suppress(BaseException):
                await task
        hub = broadcast.get_broadcast()
        if self.user is not None:
            with contextlib.suppress(Exception):
                await hub.presence_remove(f"user:{self.user.id}", self.id)
            for channel in list(self.pumps):
                with contextlib.suppress(Exception):
                    await self._leave_presence(channel)
        self.pumps.clear()
        HUB.remove(self, self.user.id if self.user else None)

    async def _close(self, closing: Closing) -> None:
        if self.ws.client_state == WebSocketState.CONNECTED:
            with contextlib.suppress(Exception):
                await self.ws.close(closing.code, closing.reason[:120])

    # -- sending -----------------------------------------------------------------------------

    async def send(self, frame: dict[str, Any]) -> None:
        await self.send_text(json.dumps(frame, separators=(",", ":"), default=str))

    async def send_text(self, text: str) -> None:
        # No timer per send (a fan-out to thousands of sockets would arm and cancel one per
        # socket): the heartbeat closes a connection whose write has been stuck too long.
        async with self._lock:
            self._sending_since = time.monotonic()
            try:
                await self.ws.send_text(text)
            finally:
                self._sending_since = None

    async def _error(self, code: ErrorCode, message: str, channel: str | None = None) -> None:
        await self.send(protocol.Error(code=code, message=message, channel=channel).model_dump())

    # -- authentication ----------------------------------------------------------------------

    async def _receive_frame(self) -> Any:
        """The next client frame, parsed; None for a frame that does not parse."""
        raw = await self.ws.receive()
        if raw["type"] == "websocket.disconnect":
            raise Closing(Close.NORMAL, "client left")
        self.last_seen = time.monotonic()
        text = raw.get("text")
        if text is None or len(text) > MAX_FRAME_CHARS:
            return None
        try:
            return protocol.CLIENT_FRAME.validate_json(text)
        except ValidationError:
            return None

    async def _authenticate_first(self) -> None:
        try:
            async with asyncio.timeout(self.settings.websocket_auth_timeout_seconds):
                frame = await self._receive_frame()
        except TimeoutError as exc:
            raise Closing(Close.UNAUTHORIZED, "no auth message in time") from exc
        if not isinstance(frame, protocol.Auth):
            raise Closing(Close.UNAUTHORIZED, "the first message must be auth")
        try:
            user = await principal(self.settings, frame.token)
        except AuthRequired as exc:
            raise Closing(Close.UNAUTHORIZED, exc.detail or "not authenticated") from exc
        self.user, self.token = user, frame.token
        await HUB.ensure_listening()
        await self._take_a_slot(user)
        HUB.add(self, user.id)
        channel = f"user:{user.id}"
        since = (frame.offset, frame.epoch) if frame.offset is not None and frame.epoch else None
        started: asyncio.Future[tuple[broadcast.Position, bool | None]] = (
            asyncio.get_running_loop().create_future()
        )
        self.pumps[channel] = asyncio.create_task(
            self._guard(self._pump(channel, since, started)), name=f"ws-pump-{self.id}"
        )
        position, recovered = await started
        ready = protocol.Ready(
            user_id=user.id,
            connection_id=self.id,
            channel=channel,
            offset=position.offset,
            epoch=position.epoch,
            recovered=recovered,
        )
        await self.send(ready.model_dump(mode="json"))
        self._release(channel)

    async def _take_a_slot(self, user: AuthenticatedUser) -> None:
        """At most `websocket_max_connections_per_user` across every process: register, then
        count; a connection over the limit takes itself off again (two racing for the last
        slot may both be refused, never both admitted)."""
        hub, channel = broadcast.get_broadcast(), f"user:{user.id}"
        ttl = 3 * self.settings.websocket_session_check_seconds
        info = {"connection_id": self.id, "connected_at": time.time()}
        await hub.presence_add(channel, self.id, info, ttl=ttl)
        if len(await hub.presence(channel)) > self.settings.websocket_max_connections_per_user:
            await hub.presence_remove(channel, self.id)
            raise Closing(Close.TOO_MANY_CONNECTIONS, "too many open connections")

    async def _reauthenticate(self, frame: protocol.Auth) -> None:
        assert self.user is not None
        try:
            user = await principal(self.settings, frame.token)
        except AuthRequired as exc:
            raise Closing(Close.UNAUTHORIZED, exc.detail or "not authenticated") from exc
        if user.id != self.user.id:
            await self._error(ErrorCode.WRONG_USER, "a connection stays with one user")
            return
        self.user, self.token = user, frame.token
        position = await broadcast.get_broadcast().position(f"user:{user.id}")
        ready = protocol.Ready(
            user_id=user.id,
            connection_id=self.id,
            channel=f"user:{user.id}",
            offset=position.offset,
            epoch=position.epoch,
        )
        await self.send(ready.model_dump(mode="json"))

    # -- the loops ---------------------------------------------------------------------------

    async def _read(self) -> None:
        while True:
            frame = await self._receive_frame()
            if frame is None:
                await self._error(ErrorCode.BAD_MESSAGE, "not a valid client frame")
            elif isinstance(frame, protocol.Ping):
                await self.send(protocol.ServerPong().model_dump())
            elif isinstance(frame, protocol.Pong):
                pass  # last_seen was updated on receipt
            elif isinstance(frame, protocol.Auth):
                await self._reauthenticate(frame)
            elif isinstance(frame, protocol.Subscribe):
                await self._subscribe(frame)
            elif isinstance(frame, protocol.Unsubscribe):
                await self._unsubscribe(frame.channel)
            elif isinstance(frame, protocol.PresenceQuery):
                await self._presence(frame.channel)

    async def _heartbeat(self) -> None:
        """Ping; close a silent client (4002) and one that does not read what it is sent: a
        write blocked (its socket buffer full) for longer than the pong timeout (4008)."""
        every = self.settings.websocket_ping_seconds
        timeout = self.settings.websocket_pong_timeout_seconds
        tick = min(every, timeout)
        next_ping = time.monotonic() + every
        while True:
            await asyncio.sleep(tick)
            now = time.monotonic()
            stuck = self._sending_since
            if stuck is not None and now - stuck > timeout:
                raise Closing(Close.SLOW_CONSUMER, "the client does not read")
            if now - self.last_seen > every + timeout:
                raise Closing(Close.HEARTBEAT_TIMEOUT, "no pong")
            if now >= next_ping:
                next_ping = now + every
                if not self._lock.locked():  # a write in progress says enough
                    await self.send(protocol.ServerPing().model_dump())

    async def _check(self) -> None:
        """The session (revoked? account suspended? token expired?) and the venture and team
        channels' memberships, again and again: events tell of changes at once, this catches
        anything an event could not (a process that missed one)."""
        assert self.user is not None
        ttl = 3 * self.settings.websocket_session_check_seconds
        while True:
            await asyncio.sleep(self.settings.websocket_session_check_seconds)
            try:
                await principal(self.settings, self.token)
            except AuthRequired as exc:
                raise Closing(Close.UNAUTHORIZED, exc.detail or "session ended") from exc
            hub = broadcast.get_broadcast()
            info = {"connection_id": self.id, "connected_at": time.time()}
            await hub.presence_add(f"user:{self.user.id}", self.id, info, ttl=ttl)
            for channel in list(self.pumps):
                kind, _, ident = channel.partition(":")
                if kind in ("venture", "team"):
                    if await is_member(uuid.UUID(ident), self.user.id):
                        await hub.presence_add(channel, self.id, self._presence_info(), ttl=ttl)
                    else:
                        await self.drop(channel, reason="removed")

    # -- channels ----------------------------------------------------------------------------

    async def _allowed(self, channel: str) -> bool:
        assert self.user is not None
        kind, _, ident = channel.partition(":")
        if channel == protocol.BROADCAST:
            return True
        if kind == "user":
            return ident == str(self.user.id)
        return await is_member(uuid.UUID(ident), self.user.id)

    async def _subscribe(self, frame: protocol.Subscribe) -> None:
        channel = frame.channel
        if not protocol.valid_channel(channel):
            await self._error(ErrorCode.CHANNEL_INVALID, "no such channel", channel)
        elif channel in self.pumps:
            await self._error(ErrorCode.ALREADY_SUBSCRIBED, "already subscribed", channel)
        elif len(self.pumps) >= MAX_CHANNELS:
            await self._error(ErrorCode.TOO_MANY_CHANNELS, f"at most {MAX_CHANNELS}", channel)
        elif not await self._allowed(channel):
            # The same answer whether the venture exists or not.
            await self._error(ErrorCode.CHANNEL_FORBIDDEN, "not a member", channel)
        else:
            since = (
                (frame.offset, frame.epoch) if frame.offset is not None and frame.epoch else None
            )
            started: asyncio.Future[tuple[broadcast.Position, bool | None]] = (
                asyncio.get_running_loop().create_future()
            )
            self.pumps[channel] = asyncio.create_task(
                self._guard(self._pump(channel, since, started)), name=f"ws-pump-{self.id}"
            )
            position, recovered = await started
            reply = protocol.Subscribed(
                channel=channel, offset=position.offset, epoch=position.epoch, recovered=recovered
            )
            await self.send(reply.model_dump())
            self._release(channel)
            if channel.startswith(("venture:", "team:")):
                await self._join_presence(channel)

    def _release(self, channel: str) -> None:
        gate = self._gates.pop(channel, None)
        if gate is not None:
            gate.set()

    async def _pump(
        self,
        channel: str,
        since: tuple[int, str] | None,
        started: asyncio.Future[tuple[broadcast.Position, bool | None]],
    ) -> None:
        hub = broadcast.get_broadcast()
        gate = self._gates.setdefault(channel, asyncio.Event())
        async with hub.subscribe(channel, max_queue=self.settings.websocket_send_queue) as sub:
            try:
                if since is None:
                    position, recovered, missed = await hub.position(channel), None, []
                else:
                    found = await hub.history(channel, since=since[0], epoch=since[1])
                    position, recovered, missed = found.position, found.recovered, found.messages
            except Exception:
                self._gates.pop(channel, None)
                self.pumps.pop(channel, None)
                if not started.done():
                    started.set_exception(Closing(Close.INTERNAL_ERROR, "channel unavailable"))
                raise
            started.set_result((position, recovered))
            # The `subscribed`/`ready` reply goes first; the missed messages follow it.
            await gate.wait()
            epoch, last = position.epoch, position.offset
            for message in missed:
                await self._deliver(message)
            while True:
                message = await sub.get()
                if message.kind == "resync":
                    await self.send(protocol.Reload(channel=channel).model_dump())
                    continue
                if message.epoch == epoch and message.offset <= last:
                    continue  # already sent from the history
                epoch, last = message.epoch, message.offset
                await self._deliver(message)

    async def _deliver(self, message: Message) -> None:
        text = encoded(message)
        if text is not None:
            await self.send_text(text)
            HUB.count_sent()

    async def _unsubscribe(self, channel: str) -> None:
        if self.user is not None and channel == f"user:{self.user.id}":
            await self._error(ErrorCode.CHANNEL_FORBIDDEN, "the user channel stays", channel)
        elif channel not in self.pumps:
            await self._error(ErrorCode.NOT_SUBSCRIBED, "not subscribed", channel)
        else:
            await self.drop(channel, reason="client")

    async def drop(self, channel: str, *, reason: str) -> None:
        """Stop delivering `channel` to this connection and tell the client why."""
        task = self.pumps.pop(channel, None)
        if task is None:
            return
        task.cancel()
        with contextlib.suppress(BaseException):
            await task
        await self._leave_presence(channel)
        await self.send({"type": "unsubscribed", "channel": channel, "reason": reason})

    # -- presence ----------------------------------------------------------------------------

    def _presence_info(self) -> dict[str, Any]:
        assert self.user is not None
        return {"user_id": str(self.user.id), "display_name": self.user.display_name}

    async def _join_presence(self, channel: str) -> None:
        assert self.user is not None
        hub = broadcast.get_broadcast()
        before = await hub.presence(channel)
        ttl = 3 * self.settings.websocket_session_check_seconds
        await hub.presence_add(channel, self.id, self._presence_info(), ttl=ttl)
        if not any(info.get("user_id") == str(self.user.id) for info in before.values()):
            await hub.publish(channel, self._presence_event("join"))

    async def _leave_presence(self, channel: str) -> None:
        if self.user is None or not channel.startswith(("venture:", "team:")):
            return
        hub = broadcast.get_broadcast()
        await hub.presence_remove(channel, self.id)
        after = await hub.presence(channel)
        if not any(info.get("user_id") == str(self.user.id) for info in after.values()):
            await hub.publish(channel, self._presence_event("leave"))

    def _presence_event(self, action: str) -> dict[str, Any]:
        return {"type": "presence", "data": {**self._presence_info(), "action": action}}

    async def _presence(self, channel: str) -> None:
        if channel not in self.pumps or not channel.startswith(("venture:", "team:")):
            await self._error(ErrorCode.NOT_SUBSCRIBED, "subscribe to it first", channel)
            return
        present = await broadcast.get_broadcast().presence(channel)
        users = {info["user_id"]: info for info in present.values() if "user_id" in info}
        reply = protocol.PresenceList(channel=channel, users=list(users.values()))
        await self.send(reply.model_dump())
