"""The analytics domain's part of a user's data export (brain/core/export.py).

- `client_events`: every event the user's own clients sent (`POST /track`), whole;
- `server_events`: the platform's events about or by the user, by name and time only (their
  properties may name other people: those stay behind the domains' own APIs);
- `daily_figures`: the user's per-day figures (activity, XP, BUZ, documents, ventures);
- `reports`: the reports the user asked for, without their rows (a platform report's rows
  are about everyone).
"""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.export import DataExport, json_object, keyset_rows
from brain.core.pagination import Keyset
from brain.domains.analytics import rules
from brain.domains.analytics.models import AnalyticsEvent, AnalyticsReport, AnalyticsUserDay

_E = sa.inspect(AnalyticsEvent).columns
_R = sa.inspect(AnalyticsReport).columns
CLIENT_EVENTS = Keyset("analytics.export_client_events", _E.occurred_at, _E.seq)
SERVER_EVENTS = Keyset("analytics.export_server_events", _E.occurred_at, _E.seq)
REPORTS = Keyset("analytics.export_reports", _R.created_at, _R.id)


def _client(row: AnalyticsEvent) -> dict[str, Any]:
    return json_object(row.model_dump(include={"event_id", "name", "occurred_at", "properties"}))


def _server(row: AnalyticsEvent) -> dict[str, Any]:
    return json_object(row.model_dump(include={"event_id", "name", "occurred_at"}))


def _day(row: AnalyticsUserDay) -> dict[str, Any]:
    return json_object(row.model_dump(include={"day", "metric", "value"}))


def _report(row: AnalyticsReport) -> dict[str, Any]:
    return json_object(row.model_dump(exclude={"rows", "columns", "requested_by"}))


async def collect(session: AsyncSession, user_id: uuid.UUID) -> dict[str, Any]:
    client = select(AnalyticsEvent).where(
        col(AnalyticsEvent.actor_id) == user_id, col(AnalyticsEvent.source) == rules.CLIENT
    )
    server = select(AnalyticsEvent).where(
        col(AnalyticsEvent.user_id) == user_id, col(AnalyticsEvent.source) == rules.SERVER
    )
    # A few rows per active day: read whole (a date cannot be a keyset cursor key).
    days = (
        await session.exec(
            select(AnalyticsUserDay)
            .where(col(AnalyticsUserDay.user_id) == user_id)
            .order_by(col(AnalyticsUserDay.day), col(AnalyticsUserDay.metric))
        )
    ).all()
    mine = select(AnalyticsReport).where(col(AnalyticsReport.requested_by) == user_id)
    return {
        "client_events": keyset_rows(session, CLIENT_EVENTS, client, _client),
        "server_events": keyset_rows(session, SERVER_EVENTS, server, _server),
        "daily_figures": [_day(row) for row in days],
        "reports": keyset_rows(session, REPORTS, mine, _report),
    }


EXPORT = DataExport(
    collect=collect,
    tables=("analytics_events", "analytics_user_days", "analytics_reports"),
)
