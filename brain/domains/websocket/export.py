"""The websocket domain's part of a user's data export (brain/core/export.py).

It keeps no table: what it holds about a user lives only while they are connected, in memory
or in Redis (their open connections, expiring within minutes). The part lists those.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import broadcast
from brain.core.export import DataExport


async def collect(session: AsyncSession, user_id: uuid.UUID) -> dict[str, Any]:
    del session  # nothing in the database
    if not broadcast.is_configured():
        return {"open_connections": []}
    present = await broadcast.get_broadcast().presence(f"user:{user_id}")
    return {"open_connections": sorted(present.values(), key=lambda c: str(c))}


EXPORT = DataExport(collect=collect, tables=())
