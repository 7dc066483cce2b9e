"""Periodic jobs of the analytics domain.

`analytics.ingest` (every `analytics_ingest_seconds`): fold the outbox's delivered events into
the store, then roll the new events up, then re-queue reports whose job was lost (queued more
than a minute ago and still QUEUED: a crash between the request's commit and its enqueue).
Each step is safe with two workers at once (their modules say how), so the cron may fire on
every worker. `analytics.maintain_partitions` (hourly, and at startup): the monthly partitions
ahead and the retention behind.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from brain.core import db, jobs
from brain.core.config import get_settings
from brain.core.models import utcnow
from brain.domains.analytics import partitions, reports, rollups, store

log = logging.getLogger(__name__)

INGEST = "analytics.ingest"
MAINTAIN_PARTITIONS = "analytics.maintain_partitions"
LOST_REPORT_AFTER = timedelta(minutes=1)


@jobs.job(INGEST, max_tries=1)
async def ingest() -> dict[str, int]:
    """Outbox -> store -> rollups; returns how many rows each step took."""
    folded = await store.fold_outbox()
    rolled = await rollups.roll_up()
    async with db.session_scope(read_only=True) as session:
        lost = await reports.queued_before(session, cutoff=utcnow() - LOST_REPORT_AFTER)
    for report_id in lost:
        await jobs.enqueue(
            reports.BUILD_REPORT, job_id=f"analytics-report:{report_id}", report_id=str(report_id)
        )
    return {"folded": folded, "rolled_up": rolled, "requeued": len(lost)}


@jobs.job(MAINTAIN_PARTITIONS, max_tries=1)
async def maintain_partitions() -> dict[str, Any]:
    async with db.session_scope() as session:
        return await partitions.maintain(session, now=utcnow())


def register_cron() -> None:
    jobs.cron(INGEST, every=timedelta(seconds=get_settings().analytics_ingest_seconds))
    jobs.cron(MAINTAIN_PARTITIONS, every=timedelta(hours=1), run_at_startup=True)
