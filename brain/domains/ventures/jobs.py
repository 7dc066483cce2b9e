"""Periodic jobs of the ventures domain: expiring invitations past their deadline.

The deadline is the invitation's `expires_at` column, so the timer is durable: a restart or a
missed run only delays the EXPIRED mark (and its event); accepting after the deadline is
refused at once either way. Each invitation is expired in its own unit of work with a
conditional UPDATE, so two runs at once, or an accept racing the job, settle it once.
"""

from __future__ import annotations

import logging

from brain.core import db, jobs
from brain.core.models import utcnow
from brain.domains.ventures import team
from brain.domains.ventures.rules import INVITATION_SWEEP_EVERY

log = logging.getLogger(__name__)

EXPIRE_INVITATIONS = "ventures.expire_invitations"
BATCH = 200


@jobs.job(EXPIRE_INVITATIONS, max_tries=1)
async def expire_invitations(batch: int = BATCH) -> int:
    """Mark due PENDING invitations EXPIRED; returns how many this run expired."""
    now = utcnow()
    async with db.session_scope() as session:
        due = await team.due_invitations(session, now=now, limit=batch)
    expired = 0
    for invitation_id in due:
        try:
            async with db.session_scope() as session:
                expired += await team.expire(session, invitation_id=invitation_id, now=now)
        except Exception:
            log.exception("could not expire invitation %s; the next run retries", invitation_id)
    return expired


def register_cron() -> None:
    jobs.cron(EXPIRE_INVITATIONS, every=INVITATION_SWEEP_EVERY)
