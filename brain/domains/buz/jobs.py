"""Periodic jobs of the buz domain: the ledger invariant check and staking maturity."""

from __future__ import annotations

import logging
from datetime import timedelta

from brain.core import db, jobs
from brain.core.config import get_settings
from brain.domains.buz import service
from brain.domains.buz.metrics import LEDGER_CHECKS_FAILED, LEDGER_VIOLATIONS

log = logging.getLogger(__name__)

CHECK_LEDGER = "buz.check_ledger"
MARK_MATURED = "buz.mark_matured_positions"


@jobs.job(CHECK_LEDGER, max_tries=1)
async def check_ledger() -> bool:
    """Run every invariant; alert (an error log and the metrics) on any violation."""
    async with db.session_scope() as session:
        report = await service.verify(session)
    LEDGER_VIOLATIONS.set(len(report.violations))
    if not report.ok:
        LEDGER_CHECKS_FAILED.inc()
        log.error(
            "BUZ ledger check found %d violations: %s",
            len(report.violations),
            "; ".join(report.violations[:20]),
        )
    return report.ok


@jobs.job(MARK_MATURED)
async def mark_matured_positions() -> int:
    async with db.session_scope() as session:
        return await service.mark_matured(session)


def register_cron() -> None:
    settings = get_settings()
    jobs.cron(CHECK_LEDGER, every=timedelta(minutes=settings.buz_ledger_check_minutes))
    jobs.cron(MARK_MATURED, every=timedelta(minutes=settings.buz_maturity_check_minutes))
