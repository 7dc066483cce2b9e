"""Metrics: recorded time series (by the roles `rules.PERMISSIONS` allows) and computed ones.

Computed metrics are derived from the data when asked, never stored: team size from the
members, documents signed from legal (completed documents whose subject is the venture), BUZ
raised from the BUZ flows that name the venture (the timeline's `buz.transfer_completed`
entries, fed by the ledger's events), days in stage from when the current stage began.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus
from brain.core.pagination import Keyset, PageParams
from brain.domains.legal import service as legal
from brain.domains.ventures.access import Seen, see
from brain.domains.ventures.errors import MetricExists
from brain.domains.ventures.events import MetricRecorded
from brain.domains.ventures.models import VentureMetric, VentureTimelineEntry
from brain.domains.ventures.rules import SUBJECT_TYPE, TeamAction
from brain.domains.ventures.schemas import ComputedMetrics, MetricCreate
from brain.domains.ventures.stages import days_since
from brain.domains.ventures.team import team_size

# Latest recorded first (the cursor carries times, ids, ints and strings, not dates).
_METRIC = sa.inspect(VentureMetric).c
METRICS = Keyset("ventures.metrics", _METRIC.created_at, _METRIC.id)
BUZ_FLOW = "buz.transfer_completed"


async def record(
    session: AsyncSession, *, venture_id: uuid.UUID, actor_id: uuid.UUID, body: MetricCreate
) -> VentureMetric:
    seen = await see(session, venture_id=venture_id, viewer_id=actor_id)
    seen.require(TeamAction.RECORD_METRICS)
    seen.require_active()
    metric = VentureMetric(
        venture_id=venture_id,
        name=body.name,
        value=body.value,
        unit=body.unit,
        as_of=body.as_of,
        source=body.source,
        recorded_by=actor_id,
    )
    try:
        async with session.begin_nested():
            session.add(metric)
    except IntegrityError as exc:
        raise MetricExists(
            f"{body.name} has a value for {body.as_of} from {body.source!r} already."
        ) from exc
    await bus.publish(
        session,
        MetricRecorded(
            actor_id=actor_id,
            user_id=actor_id,
            venture_id=venture_id,
            metric_id=metric.id,
            metric=metric.name,
            value=format(body.value, "f"),
            unit=metric.unit,
            as_of=metric.as_of.isoformat(),
        ),
    )
    return metric


async def buz_raised_units(session: AsyncSession, venture_id: uuid.UUID) -> int:
    rows = await session.exec(
        select(VentureTimelineEntry.data).where(
            col(VentureTimelineEntry.venture_id) == venture_id,
            col(VentureTimelineEntry.kind) == BUZ_FLOW,
        )
    )
    return sum(int(data.get("amount", 0)) for data in rows.all())


async def computed(session: AsyncSession, seen: Seen) -> ComputedMetrics:
    venture = seen.venture
    raised = Decimal(await buz_raised_units(session, venture.id)) / 100
    return ComputedMetrics(
        team_size=await team_size(session, venture.id),
        documents_signed=await legal.count_signed_for_subject(
            session, subject=(SUBJECT_TYPE, str(venture.id))
        ),
        buz_raised=format(raised.quantize(Decimal("0.01")), "f"),
        days_in_stage=days_since(venture.stage_entered_at),
    )


async def list_metrics(
    session: AsyncSession,
    *,
    venture_id: uuid.UUID,
    viewer_id: uuid.UUID,
    page: PageParams,
    name: str | None = None,
) -> tuple[ComputedMetrics, list[VentureMetric], str | None]:
    """The computed metrics and one page of recorded values, latest `as_of` first."""
    seen = await see(session, venture_id=venture_id, viewer_id=viewer_id)
    query = select(VentureMetric).where(col(VentureMetric.venture_id) == venture_id)
    if name:
        query = query.where(col(VentureMetric.name) == name)
    rows, cursor = METRICS.page((await session.exec(METRICS.apply(query, page))).all(), page)
    return await computed(session, seen), rows, cursor
