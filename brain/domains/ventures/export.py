"""The ventures domain's part of a user's data export (brain/core/export.py).

- `ventures`: the ventures the user created or owns, with what they wrote (name, description,
  tags, website, funding goal) and their stage and dates;
- `memberships`: every team the user is on, with the role and who invited them;
- `invitations_received` and `invitations_sent`: every invitation to or by the user;
- `stage_changes_made`, `metrics_recorded` and `timeline_actions`: what the user did to a
  venture. A timeline entry is listed by kind and time only: its data may name other members.

Other members' data is theirs: a venture's team and history by others stay behind the
ventures API, where the user can read what their role lets them. Tags hold no personal data
of their own (they are the venture's, exported with it).
"""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.export import DataExport, json_object, keyset_rows
from brain.core.pagination import Keyset
from brain.domains.ventures.models import (
    Venture,
    VentureInvitation,
    VentureMember,
    VentureMetric,
    VentureStageChange,
    VentureTimelineEntry,
)


def _keyset(name: str, model: Any, time: str) -> Keyset:
    columns = sa.inspect(model).columns
    return Keyset(f"ventures.export_{name}", columns[time], columns.id)


VENTURES = _keyset("ventures", Venture, "created_at")
INVITATIONS_RECEIVED = _keyset("invitations_received", VentureInvitation, "created_at")
INVITATIONS_SENT = _keyset("invitations_sent", VentureInvitation, "created_at")
STAGE_CHANGES = _keyset("stage_changes", VentureStageChange, "changed_at")
METRICS = _keyset("metrics", VentureMetric, "created_at")
TIMELINE = _keyset("timeline", VentureTimelineEntry, "occurred_at")
MEMBERSHIPS = Keyset(
    "ventures.export_memberships",
    sa.inspect(VentureMember).columns.joined_at,
    sa.inspect(VentureMember).columns.venture_id,
)


def _row(exclude: set[str]) -> Any:
    def convert(row: Any) -> dict[str, Any]:
        return json_object(row.model_dump(exclude=exclude))

    return convert


def _timeline(row: VentureTimelineEntry) -> dict[str, Any]:
    return json_object(
        {"venture_id": row.venture_id, "kind": row.kind, "occurred_at": row.occurred_at}
    )


async def collect(session: AsyncSession, user_id: uuid.UUID) -> dict[str, Any]:
    ventures = select(Venture).where(
        sa.or_(col(Venture.created_by) == user_id, col(Venture.owner_id) == user_id)
    )
    memberships = select(VentureMember).where(VentureMember.user_id == user_id)
    received = select(VentureInvitation).where(VentureInvitation.user_id == user_id)
    sent = select(VentureInvitation).where(VentureInvitation.invited_by == user_id)
    changes = select(VentureStageChange).where(VentureStageChange.actor_id == user_id)
    metrics = select(VentureMetric).where(VentureMetric.recorded_by == user_id)
    timeline = select(VentureTimelineEntry).where(VentureTimelineEntry.actor_id == user_id)
    return {
        # The request hash and idempotency key are the API's bookkeeping, not the user's data.
        "ventures": keyset_rows(
            session, VENTURES, ventures, _row({"idempotency_key", "request_hash", "name_key"})
        ),
        "memberships": keyset_rows(session, MEMBERSHIPS, memberships, _row({"user_id"})),
        "invitations_received": keyset_rows(
            session, INVITATIONS_RECEIVED, received, _row({"user_id"})
        ),
        "invitations_sent": keyset_rows(session, INVITATIONS_SENT, sent, _row({"invited_by"})),
        "stage_changes_made": keyset_rows(session, STAGE_CHANGES, changes, _row({"actor_id"})),
        "metrics_recorded": keyset_rows(session, METRICS, metrics, _row({"recorded_by"})),
        "timeline_actions": keyset_rows(session, TIMELINE, timeline, _timeline),
    }


EXPORT = DataExport(
    collect=collect,
    tables=(
        "ventures",
        "venture_members",
        "venture_invitations",
        "venture_stage_changes",
        "venture_metrics",
        "venture_timeline",
    ),
)
