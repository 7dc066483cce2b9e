"""The timer job: sends due timers' events, each exactly once.

Every run lists due timers, then handles each in its own unit of work that first *claims* the
timer (`UPDATE ... SET fired_at = now WHERE id = :id AND fired_at IS NULL`) and then sends the
event, so the claim and the transition commit together or not at all. Two runs at once (two
workers, a slow tick overlapping the next) cannot both claim a timer: on Postgres the second
UPDATE waits for the first transaction and then matches no row; on SQLite writers are
serialised. The event id `timer:<id>` makes even a double send a no-op.

A timer whose event is no longer allowed (the document was completed before its deadline) or
whose guard refuses is closed with a note (`skipped: ...`), not retried. A transition that lost
a race is left unclaimed for the next run. Any other failure is counted; after
`TIMER_MAX_ATTEMPTS` the timer is closed as `failed: ...` so one broken timer cannot spin
forever.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import col, select

from brain.core import db, jobs
from brain.core.models import utcnow
from brain.domains.state_machines import service
from brain.domains.state_machines.errors import (
    ConcurrentTransition,
    GuardRejected,
    InvalidTransition,
)
from brain.domains.state_machines.models import StateMachineInstance, StateMachineTimer

log = logging.getLogger(__name__)

FIRE_DUE_TIMERS = "state_machines.fire_due_timers"
TIMER_SWEEP_EVERY = timedelta(seconds=30)
TIMER_MAX_ATTEMPTS = 5
TIMER_BATCH = 200


async def _fire_one(timer_id: uuid.UUID, now: datetime) -> str | None:
    """Claim and fire one timer. Returns its outcome, or None if another run had it."""
    async with db.session_scope() as session:
        claimed = await session.exec(
            sa.update(StateMachineTimer)
            .where(
                col(StateMachineTimer.id) == timer_id,
                col(StateMachineTimer.fired_at).is_(None),
            )
            .values(fired_at=now, outcome="fired", attempts=col(StateMachineTimer.attempts) + 1)
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount != 1:
            return None
        timer = await session.get(StateMachineTimer, timer_id)
        assert timer is not None
        instance = await session.get(StateMachineInstance, timer.instance_pk)
        assert instance is not None
        try:
            await service.send_event(
                session,
                machine_type=instance.machine_type,
                instance_id=instance.instance_id,
                event=timer.event,
                payload=timer.payload,
                event_id=f"timer:{timer.id}",
            )
        except (InvalidTransition, GuardRejected) as exc:
            outcome = f"skipped: {exc.detail}"[:500]
            await session.exec(
                sa.update(StateMachineTimer)
                .where(col(StateMachineTimer.id) == timer_id)
                .values(outcome=outcome)
                .execution_options(synchronize_session=False)
            )
            return outcome
        return "fired"


async def _record_failure(timer_id: uuid.UUID, error: str, now: datetime) -> None:
    async with db.session_scope() as session:
        await session.exec(
            sa.update(StateMachineTimer)
            .where(
                col(StateMachineTimer.id) == timer_id,
                col(StateMachineTimer.fired_at).is_(None),
            )
            .values(
                attempts=col(StateMachineTimer.attempts) + 1,
                outcome=f"error: {error}"[:500],
            )
            .execution_options(synchronize_session=False)
        )
        await session.exec(
            sa.update(StateMachineTimer)
            .where(
                col(StateMachineTimer.id) == timer_id,
                col(StateMachineTimer.fired_at).is_(None),
                col(StateMachineTimer.attempts) >= TIMER_MAX_ATTEMPTS,
            )
            .values(fired_at=now, outcome=f"failed: {error}"[:500])
            .execution_options(synchronize_session=False)
        )


@jobs.job(FIRE_DUE_TIMERS, max_tries=1)
async def fire_due_timers(batch: int = TIMER_BATCH) -> int:
    """Fire every timer due now; returns how many this run fired (skips not counted)."""
    now = utcnow()
    async with db.session_scope() as session:
        due = list(
            (
                await session.exec(
                    select(StateMachineTimer.id)
                    .where(
                        col(StateMachineTimer.fired_at).is_(None),
                        col(StateMachineTimer.fire_at) <= now,
                    )
                    .order_by(col(StateMachineTimer.fire_at))
                    .limit(batch)
                )
            ).all()
        )
    fired = 0
    for timer_id in due:
        try:
            outcome = await _fire_one(timer_id, now)
        except ConcurrentTransition:
            # Rolled back with its claim: the next run tries again from the new state.
            log.info("timer %s lost a race with another transition; will retry", timer_id)
            continue
        except Exception as exc:
            log.exception("timer %s failed", timer_id)
            await _record_failure(timer_id, repr(exc), now)
            continue
        if outcome == "fired":
            fired += 1
        elif outcome is not None:
            log.info("timer %s %s", timer_id, outcome)
    return fired


def register_cron() -> None:
    jobs.cron(FIRE_DUE_TIMERS, every=TIMER_SWEEP_EVERY)
