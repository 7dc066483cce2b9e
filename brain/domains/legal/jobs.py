"""Periodic jobs of the legal domain: the full re-walk of the audit chain.

Incremental verifications (`GET /api/legal/audit/verify`) trust the entries before their
checkpoint; this job walks every entry, so an edit to an old entry is found within one
interval (`BRAIN_LEGAL_AUDIT_FULL_VERIFY_HOURS`, daily by default). Its result is recorded
like any verification (`legal_audit_verifications`), and a break keeps every later
incremental verification invalid until a full walk passes again.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from brain.core import db, jobs
from brain.core.config import get_settings
from brain.domains.legal import audit_checks

log = logging.getLogger(__name__)

VERIFY_AUDIT_CHAIN = "legal.verify_audit_chain"


@jobs.job(VERIFY_AUDIT_CHAIN, max_tries=1)
async def verify_audit_chain() -> bool:
    """Walk the whole chain, record the result; a break is logged as an error (alerting)."""
    async with db.session_scope() as session:
        result = await audit_checks.verify(session, full=True, trigger="job")
    if not result.valid:
        log.error(
            "legal audit chain broken at seq %s: %s (verification %s)",
            result.broken_at,
            result.reason,
            result.verification_id,
        )
    return result.valid


def register_cron() -> None:
    hours = get_settings().legal_audit_full_verify_hours
    jobs.cron(VERIFY_AUDIT_CHAIN, every=timedelta(hours=hours))
