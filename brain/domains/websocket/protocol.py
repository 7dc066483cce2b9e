"""The wire protocol: every frame a client may send and every frame the server sends, as
pydantic models, so the JSON schema in docs/api/websocket.md (and `GET /api/websocket/schema`)
is generated from the code that parses and writes them, and cannot drift.

Frames are JSON text. A client frame that does not parse is answered with an `error` frame
(`BAD_MESSAGE`), except before authentication, where anything but `auth` closes the socket
(4401).
"""

from __future__ import annotations

import re
import uuid
from enum import IntEnum, StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
CHANNEL_PATTERN = rf"^(broadcast|(user|venture|team):{_UUID})$"
_CHANNEL = re.compile(CHANNEL_PATTERN)
BROADCAST = "broadcast"
# Internal: membership changes travel to every process on this channel (never to clients).
CONTROL = "websocket:control"


class Close(IntEnum):
    """Close codes the server uses (4000-4999 are the application's, RFC 6455)."""

    NORMAL = 1000
    INTERNAL_ERROR = 1011  # the server failed this connection (logged): reconnect
    SHUTDOWN = 1012  # the server is restarting (uvicorn sends it): reconnect after a pause
    HEARTBEAT_TIMEOUT = 4002  # no frame from the client within the ping interval + timeout
    SLOW_CONSUMER = 4008  # the client fell too far behind: reconnect and recover
    UNAUTHORIZED = 4401  # no valid token in time, a token in the URL, a session that ended
    TOO_MANY_CONNECTIONS = 4429  # the user already has the maximum open connections


CLOSE_MEANING: dict[Close, str] = {
    Close.NORMAL: "closed normally",
    Close.INTERNAL_ERROR: "the server failed this connection (it is logged); reconnect",
    Close.SHUTDOWN: "the server is shutting down or restarting; reconnect with your offsets",
    Close.HEARTBEAT_TIMEOUT: "no frame from the client (answer `ping` with `pong`) in time",
    Close.SLOW_CONSUMER: "the client fell too far behind; reconnect and recover by offset",
    Close.UNAUTHORIZED: "no valid `auth` frame first or in time, a token in the URL, a session "
    "that was revoked or a token that expired without being replaced",
    Close.TOO_MANY_CONNECTIONS: "the user already has the maximum number of open connections",
}


class ErrorCode(StrEnum):
    BAD_MESSAGE = "BAD_MESSAGE"
    CHANNEL_INVALID = "CHANNEL_INVALID"
    CHANNEL_FORBIDDEN = "CHANNEL_FORBIDDEN"
    ALREADY_SUBSCRIBED = "ALREADY_SUBSCRIBED"
    NOT_SUBSCRIBED = "NOT_SUBSCRIBED"
    TOO_MANY_CHANNELS = "TOO_MANY_CHANNELS"
    WRONG_USER = "WRONG_USER"


class MessageType(StrEnum):
    """What a channel message is about (its `type`)."""

    NOTIFICATION = "notification"
    VENTURE_UPDATE = "venture_update"
    TOKEN_UPDATE = "token_update"
    SYSTEM_ANNOUNCEMENT = "system_announcement"
    PRESENCE = "presence"


def valid_channel(name: str) -> bool:
    return bool(_CHANNEL.match(name))


class _Frame(BaseModel):
    model_config = ConfigDict(extra="forbid")


Offset = Annotated[int, Field(ge=0, description="The last offset the client saw on the channel.")]
Epoch = Annotated[str, Field(max_length=64, description="The epoch that offset belongs to.")]
Channel = Annotated[str, Field(max_length=64, description="`user:<id>`, `venture:<id>`...")]


# -- client to server ---------------------------------------------------------------------


class Auth(_Frame):
    """The first frame; sent again (same user) to replace a token before it expires. With
    `offset` and `epoch` (first time only), the `user:<id>` channel is recovered from there."""

    type: Literal["auth"]
    token: str = Field(min_length=1, max_length=4096)
    offset: Offset | None = None
    epoch: Epoch | None = None


class Subscribe(_Frame):
    type: Literal["subscribe"]
    channel: Channel
    offset: Offset | None = None
    epoch: Epoch | None = None


class Unsubscribe(_Frame):
    type: Literal["unsubscribe"]
    channel: Channel


class PresenceQuery(_Frame):
    """Who is on a venture or team channel the client is subscribed to."""

    type: Literal["presence"]
    channel: Channel


class Ping(_Frame):
    type: Literal["ping"]


class Pong(_Frame):
    type: Literal["pong"]


ClientFrame = Annotated[
    Auth | Subscribe | Unsubscribe | PresenceQuery | Ping | Pong, Field(discriminator="type")
]
CLIENT_FRAME: TypeAdapter[Any] = TypeAdapter(ClientFrame)


# -- server to client ---------------------------------------------------------------------


class Ready(_Frame):
    """Authenticated (or re-authenticated). The `user:<id>` channel is joined; `offset` and
    `epoch` are its position, `recovered` says whether the `auth` frame's offset was caught up
    (null when none was sent; false: reload, the history no longer covers it)."""

    type: Literal["ready"] = "ready"
    user_id: uuid.UUID
    connection_id: str
    channel: str
    offset: int
    epoch: str
    recovered: bool | None = None


class Subscribed(_Frame):
    """Joined `channel` at `offset`/`epoch`. With an offset asked: `recovered` true and the
    missed messages follow in order, or false and the client must reload from the API."""

    type: Literal["subscribed"] = "subscribed"
    channel: str
    offset: int
    epoch: str
    recovered: bool | None = None


class Unsubscribed(_Frame):
    """Left `channel`: asked by the client (`reason` "client"), or removed from the team."""

    type: Literal["unsubscribed"] = "unsubscribed"
    channel: str
    reason: Literal["client", "removed"]


class Reload(_Frame):
    """Messages of `channel` may have been lost (the server lost its Redis connection): reload
    what it shows from the API; later messages keep coming."""

    type: Literal["reload"] = "reload"
    channel: str


class Error(_Frame):
    type: Literal["error"] = "error"
    code: ErrorCode
    message: str
    channel: str | None = None


class PresenceList(_Frame):
    type: Literal["presence_list"] = "presence_list"
    channel: str
    users: list[dict[str, Any]]


class ServerPing(_Frame):
    """Sent every `websocket_ping_seconds`; answer `{"type": "pong"}`."""

    type: Literal["ping"] = "ping"


class ServerPong(_Frame):
    type: Literal["pong"] = "pong"


class ChannelMessage(_Frame):
    """A publication on a channel: `offset` numbers it within `epoch` on that channel."""

    type: MessageType
    channel: str
    offset: int
    epoch: str
    data: dict[str, Any]


ServerFrame = Annotated[
    Ready
    | Subscribed
    | Unsubscribed
    | Reload
    | Error
    | PresenceList
    | ServerPing
    | ServerPong
    | ChannelMessage,
    Field(union_mode="left_to_right"),
]


def json_schema() -> dict[str, Any]:
    """The protocol's JSON schema: `client` frames, `server` frames, and the close codes."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "SmartStart Brain websocket protocol",
        "client": TypeAdapter(ClientFrame).json_schema(ref_template="#/client/$defs/{model}"),
        "server": TypeAdapter(ServerFrame).json_schema(ref_template="#/server/$defs/{model}"),
        "close_codes": {str(int(code)): CLOSE_MEANING[code] for code in Close},
    }
