"""Publishing to the realtime channels: what the REST routes and the event handlers call.

Every message is `{"type": <protocol.MessageType>, "data": {...}}` on a core broadcast channel
(the contract other domains follow too: the notifications domain publishes `notification`
messages on `user:{id}` itself). The broadcast numbers it and keeps it in the channel's
history; the connections subscribed to the channel, on any process, deliver it.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import broadcast
from brain.core.errors import ServiceUnavailable
from brain.domains.auth.schemas import AuthenticatedUser
from brain.domains.users import service as users
from brain.domains.ventures import service as ventures
from brain.domains.ventures.errors import TeamRoleRequired
from brain.domains.websocket.hub import HUB, Stats
from brain.domains.websocket.protocol import BROADCAST, MessageType
from brain.domains.websocket.schemas import Published

# Who may post to a venture's channel: every team role but OBSERVER (who only watches).
SEND_ROLES = frozenset(r for r in ventures.TeamRole if r != ventures.TeamRole.OBSERVER)


async def publish(channel: str, kind: MessageType, data: dict[str, Any]) -> Published:
    if not broadcast.is_configured():
        raise ServiceUnavailable("Live updates are not running in this process.")
    try:
        sent = await broadcast.get_broadcast().publish(channel, {"type": kind.value, "data": data})
    except (ConnectionError, OSError, TimeoutError) as exc:
        raise ServiceUnavailable("Live updates are unavailable (Redis).") from exc
    return Published(channel=channel, type=kind.value, offset=sent.offset, epoch=sent.epoch)


async def send_to_user(
    session: AsyncSession, *, user_id: uuid.UUID, kind: MessageType, data: dict[str, Any]
) -> Published:
    await users.get_user(session, user_id)  # 404 for no such user
    return await publish(f"user:{user_id}", kind, data)


async def broadcast_to_all(*, sender_id: uuid.UUID, data: dict[str, Any]) -> Published:
    return await publish(
        BROADCAST, MessageType.SYSTEM_ANNOUNCEMENT, {**data, "sender_id": str(sender_id)}
    )


async def send_to_venture(
    session: AsyncSession,
    *,
    venture_id: uuid.UUID,
    sender: AuthenticatedUser,
    data: dict[str, Any],
) -> Published:
    """A team member's message to the venture's channel; a venture the sender may not see is
    404, a role that may not post is 403 `TEAM_ROLE_REQUIRED`."""
    seen = await ventures.see(session, venture_id=venture_id, viewer_id=sender.id)
    if seen.role not in SEND_ROLES:
        raise TeamRoleRequired(
            "Posting to a venture's channel needs one of the team roles "
            + ", ".join(sorted(r.value for r in SEND_ROLES)),
            action="websocket_send",
            your_role=seen.role.value if seen.role else None,
        )
    message = {
        "event": "message",
        "venture_id": str(venture_id),
        "sender_id": str(sender.id),
        "sender_name": sender.display_name,
        "payload": data,
    }
    return await publish(f"venture:{venture_id}", MessageType.VENTURE_UPDATE, message)


def stats() -> Stats:
    return HUB.stats()
