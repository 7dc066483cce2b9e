"""The venture timeline: one merged, newest-first record of what happened to a venture (Twenty
CRM's requested roll-up, #20923): its own events, the documents its team signed for it, and
the BUZ flows that name it, and the files put in it or shared with its team.

It is fed by handlers subscribed to the events the domains publish (`handlers.py`), never
written by the code that acts, so every source enters the same way. Each entry is keyed by the
event's id (unique): a redelivered event is a no-op.
"""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.bus import DomainEvent
from brain.core.pagination import Keyset, PageParams
from brain.domains.ventures.access import see
from brain.domains.ventures.models import Venture, VentureTimelineEntry

_T = sa.inspect(VentureTimelineEntry).c
TIMELINE = Keyset("ventures.timeline", _T.occurred_at, _T.id)
_SKIP = {"event_id", "occurred_at", "actor_id", "version", "venture_id"}


async def record(
    session: AsyncSession,
    event: DomainEvent,
    *,
    venture_id: uuid.UUID,
    data: dict[str, Any] | None = None,
) -> bool:
    """Add `event` to the venture's timeline once; False if it is there already (or the
    venture is gone)."""
    if await session.scalar(
        select(VentureTimelineEntry.id).where(col(VentureTimelineEntry.event_id) == event.event_id)
    ):
        return False
    if await session.get(Venture, venture_id) is None:
        return False
    entry = VentureTimelineEntry(
        event_id=event.event_id,
        venture_id=venture_id,
        kind=event.name,
        actor_id=event.actor_id,
        occurred_at=event.occurred_at,
        data=data if data is not None else event.model_dump(mode="json", exclude=_SKIP),
    )
    try:
        async with session.begin_nested():
            session.add(entry)
    except IntegrityError:
        return False  # the same event, delivered twice at once
    return True


async def list_timeline(
    session: AsyncSession, *, venture_id: uuid.UUID, viewer_id: uuid.UUID, page: PageParams
) -> tuple[list[VentureTimelineEntry], str | None]:
    await see(session, venture_id=venture_id, viewer_id=viewer_id)
    query = select(VentureTimelineEntry).where(col(VentureTimelineEntry.venture_id) == venture_id)
    return TIMELINE.page((await session.exec(TIMELINE.apply(query, page))).all(), page)
