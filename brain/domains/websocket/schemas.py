"""Request and response models of the REST routes under /api/websocket."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from pydantic import BaseModel, Field

from brain.core.schemas import InputModel

# A published message's `data` is small by design: a client reloads anything large.
DATA_MAX_KEYS = 50


class UserSend(InputModel):
    user_id: uuid.UUID
    type: Literal["notification", "system_announcement"] = "system_announcement"
    data: dict[str, Any] = Field(max_length=DATA_MAX_KEYS, examples=[{"title": "Hello"}])


class BroadcastSend(InputModel):
    data: dict[str, Any] = Field(
        max_length=DATA_MAX_KEYS, examples=[{"title": "Maintenance at 22:00 UTC"}]
    )


class VentureSend(InputModel):
    data: dict[str, Any] = Field(max_length=DATA_MAX_KEYS, examples=[{"text": "Demo at 3"}])


class Published(BaseModel):
    """Where the message went: its channel, and its offset within the channel's epoch."""

    channel: str
    type: str
    offset: int
    epoch: str


class StatsRead(BaseModel):
    """This process's figures (each Brain process answers for its own connections)."""

    process: str
    connections: int
    users: int
    channels: int = Field(description="Channels with a subscriber in this process.")
    messages_sent: int = Field(description="Channel messages written to sockets since start.")
    messages_per_second: float = Field(description="Over the last 10 seconds.")
    max_connections_per_user: int
    history_size: int
