"""Reactions of the users domain: every event that concerns a user feeds its activity.

`users` may not import the domains above it, so it cannot name their event classes: each
domain lists its own in its manifest (`activity_events`), and the composition root
(`brain/handlers.py`) subscribes one recorder per event type listed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.bus import DomainEvent
from brain.domains.users import service

Recorder = Callable[[AsyncSession, DomainEvent], Awaitable[None]]

_recorders: dict[str, Recorder] = {}


def activity_recorder(event_name: str) -> Recorder:
    """A handler that records `event_name` events in the activity feed.

    The bus keys handlers by qualified name and allows one event per handler, so each event
    gets its own named function (the same one on every call, so subscribing is idempotent).
    """
    if event_name in _recorders:
        return _recorders[event_name]

    async def record(session: AsyncSession, event: DomainEvent) -> None:
        await service.record_activity(session, event)

    record.__qualname__ = f"record_activity[{event_name}]"
    record.__name__ = record.__qualname__
    _recorders[event_name] = record
    return record
