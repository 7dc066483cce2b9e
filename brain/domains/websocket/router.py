"""`/api/websocket`: the websocket endpoint and the REST routes around it.

`GET /api/websocket/connect` upgrades to a websocket (the protocol: docs/api/websocket.md);
it is not in the OpenAPI schema, which cannot describe a websocket, but its frames' JSON
schema is served at `GET /api/websocket/schema`. Sending to any user, broadcasting and the
statistics need `websocket:manage` (SUPER_ADMIN); posting to a venture's channel needs a
team role that may post (every role but OBSERVER); a venture the caller may not see is 404.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import Depends, WebSocket

from brain.core import broadcast
from brain.core.config import Settings, get_settings
from brain.core.db import SessionDep
from brain.core.errors import ServiceUnavailable
from brain.core.openapi import problems
from brain.core.routes import DomainRouter
from brain.domains.auth.deps import AuthenticatedUser, request_settings, require_permission
from brain.domains.users.errors import UserNotFound
from brain.domains.ventures.errors import TeamRoleRequired, VentureNotFound
from brain.domains.websocket import protocol, service
from brain.domains.websocket.connection import Connection
from brain.domains.websocket.protocol import MessageType
from brain.domains.websocket.schemas import (
    BroadcastSend,
    Published,
    StatsRead,
    UserSend,
    VentureSend,
)

router = DomainRouter(prefix="/websocket", tags=["websocket"])

Admin = Annotated[AuthenticatedUser, Depends(require_permission("websocket:manage"))]
Reader = Annotated[AuthenticatedUser, Depends(require_permission("ventures:read"))]


@router.websocket("/connect")
async def connect(websocket: WebSocket) -> None:
    """The realtime connection: authenticate with an `auth` frame, then subscribe."""
    settings = getattr(websocket.app.state, "settings", None)
    if not isinstance(settings, Settings):
        settings = get_settings()
    await Connection(websocket, settings).run()


@router.get("/schema", response_model=dict[str, Any])
async def schema() -> dict[str, Any]:
    """The JSON schema of every frame of the websocket protocol, and its close codes."""
    return protocol.json_schema()


@router.get("/stats", response_model=StatsRead)
async def stats(
    _admin: Admin, settings: Annotated[Settings, Depends(request_settings)]
) -> StatsRead:
    """This process's connections, channels and messages per second."""
    figures = service.stats()
    hub = broadcast.get_broadcast() if broadcast.is_configured() else None
    return StatsRead(
        **figures.__dict__,
        max_connections_per_user=settings.websocket_max_connections_per_user,
        history_size=hub.history_size if hub else 0,
    )


@router.post(
    "/send", response_model=Published, responses=problems(UserNotFound, ServiceUnavailable)
)
async def send(body: UserSend, admin: Admin, session: SessionDep) -> Published:
    """Send a message to one user's channel (`user:{id}`), on every process."""
    data = {**body.data, "sender_id": str(admin.id)}
    return await service.send_to_user(
        session, user_id=body.user_id, kind=MessageType(body.type), data=data
    )


@router.post("/broadcast", response_model=Published, responses=problems(ServiceUnavailable))
async def broadcast_all(body: BroadcastSend, admin: Admin) -> Published:
    """Announce to everyone on the `broadcast` channel (`system_announcement`)."""
    return await service.broadcast_to_all(sender_id=admin.id, data=body.data)


@router.post(
    "/venture/{venture_id}/send",
    response_model=Published,
    responses=problems(TeamRoleRequired, VentureNotFound, ServiceUnavailable),
)
async def send_to_venture(
    venture_id: uuid.UUID, body: VentureSend, user: Reader, session: SessionDep
) -> Published:
    """Post to a venture's channel (team members whose role may post)."""
    return await service.send_to_venture(
        session, venture_id=venture_id, sender=user, data=body.data
    )
