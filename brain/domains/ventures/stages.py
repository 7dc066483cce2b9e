"""The venture's stage: changes through the `venture` machine, their history, its status.

A change runs `state_machines.service.send_event` with `expected_version` = the engine version
the venture row reflects (`stage_seq`), in the request's transaction, and copies the result
onto the venture and into `venture_stage_changes` (who, when, from, to, why and the time spent
in the stage left). Of two concurrent changes one wins; the other is 409
`CONCURRENT_TRANSITION` (the engine's conditional UPDATE on Postgres; SQLite serialises
writers, so there a client that sends `from_stage` gets the same 409 when it lost the race).
"""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus
from brain.core.models import utcnow
from brain.core.pagination import Keyset, PageParams
from brain.domains.notifications import service as notifications
from brain.domains.state_machines import service as machines
from brain.domains.state_machines.errors import ConcurrentTransition
from brain.domains.ventures import lifecycle
from brain.domains.ventures.access import Seen, see
from brain.domains.ventures.events import StageChanged, VentureArchived
from brain.domains.ventures.models import (
    Venture,
    VentureInvitation,
    VentureMember,
    VentureStageChange,
)
from brain.domains.ventures.rules import (
    InvitationStatus,
    Stage,
    StageEvent,
    TeamAction,
    may,
)
from brain.domains.ventures.schemas import StageStatus

HISTORY = Keyset("ventures.history", sa.inspect(VentureStageChange).c.seq, descending=False)

# Which team action each machine event needs.
EVENT_ACTION: dict[StageEvent, TeamAction] = {
    StageEvent.ADVANCE: TeamAction.CHANGE_STAGE,
    StageEvent.REVERT: TeamAction.CHANGE_STAGE,
    StageEvent.ARCHIVE: TeamAction.ARCHIVE,
}


def days_since(at: datetime, now: datetime | None = None) -> int:
    return max(0, ((now or utcnow()) - at).days)


async def _apply(
    session: AsyncSession,
    venture: Venture,
    *,
    event: str,
    from_stage: str,
    to_stage: str,
    seq: int,
    actor_id: uuid.UUID | None,
    reason: str | None,
    at: datetime,
) -> None:
    """Copy an applied transition onto the venture and its history (and close the doors an
    archive closes: pending invitations are revoked)."""
    session.add(
        VentureStageChange(
            venture_id=venture.id,
            seq=seq,
            event=event,
            from_stage=from_stage,
            to_stage=to_stage,
            actor_id=actor_id,
            reason=reason,
            seconds_in_stage=max(0, int((at - venture.stage_entered_at).total_seconds())),
            changed_at=at,
        )
    )
    venture.stage, venture.stage_seq, venture.stage_entered_at = to_stage, seq, at
    venture.updated_at = at
    if to_stage == Stage.ARCHIVED:
        venture.archived_at, venture.archive_reason = at, reason
        for invitation in (
            await session.exec(
                select(VentureInvitation).where(
                    col(VentureInvitation.venture_id) == venture.id,
                    col(VentureInvitation.status) == InvitationStatus.PENDING.value,
                )
            )
        ).all():
            invitation.status, invitation.responded_at = InvitationStatus.REVOKED.value, at
            session.add(invitation)
    session.add(venture)
    await session.flush()
    if to_stage == Stage.ARCHIVED:
        await bus.publish(
            session,
            VentureArchived(
                actor_id=actor_id,
                user_id=actor_id or venture.owner_id,
                venture_id=venture.id,
                from_stage=from_stage,
                reason=reason or "",
            ),
        )
    else:
        await bus.publish(
            session,
            StageChanged(
                actor_id=actor_id,
                user_id=actor_id or venture.owner_id,
                venture_id=venture.id,
                event=event,
                from_stage=from_stage,
                to_stage=to_stage,
                reason=reason,
            ),
        )
        await _notify_team(session, venture, seq=seq, from_stage=from_stage, to_stage=to_stage,
                           actor_id=actor_id)  # fmt: skip


async def _notify_team(
    session: AsyncSession,
    venture: Venture,
    *,
    seq: int,
    from_stage: str,
    to_stage: str,
    actor_id: uuid.UUID | None,
) -> None:
    """`ventures.stage_changed` for every member but the one who changed it, once per
    stage change (its sequence number)."""
    members = (
        await session.exec(
            select(VentureMember.user_id).where(col(VentureMember.venture_id) == venture.id)
        )
    ).all()
    for user_id in members:
        if user_id == actor_id:
            continue
        await notifications.notify(
            session,
            type="ventures.stage_changed",
            user_id=user_id,
            data={
                "venture_id": str(venture.id),
                "venture_name": venture.name,
                "from_stage": from_stage,
                "to_stage": to_stage,
            },
            source_key=f"{venture.id}:{seq}",
            actor_id=actor_id,
        )


async def change_stage(
    session: AsyncSession,
    *,
    venture_id: uuid.UUID,
    actor_id: uuid.UUID,
    event: StageEvent,
    reason: str | None = None,
    from_stage: Stage | None = None,
) -> Seen:
    """Send `event` to the venture's machine: 403 `TEAM_ROLE_REQUIRED` without the role, 409
    `INVALID_TRANSITION` (with the allowed events) from the wrong stage, `GUARD_REJECTED` for
    an archive without a reason, `CONCURRENT_TRANSITION` when it moved meanwhile."""
    seen = await see(session, venture_id=venture_id, viewer_id=actor_id)
    seen.require(EVENT_ACTION[event])
    venture = seen.venture
    if from_stage is not None and venture.stage != from_stage:
        raise ConcurrentTransition(
            f"The venture is at {venture.stage} now, not {from_stage}; read it and try again.",
            state=venture.stage,
        )
    reason = reason.strip() if reason and reason.strip() else None
    result = await machines.send_event(
        session,
        machine_type=lifecycle.MACHINE,
        instance_id=str(venture.id),
        event=event.value,
        payload={"reason": reason} if reason else {},
        actor_id=actor_id,
        expected_version=venture.stage_seq,
    )
    await _apply(
        session,
        venture,
        event=result.event,
        from_stage=result.from_state,
        to_stage=result.to_state,
        seq=result.seq,
        actor_id=actor_id,
        reason=reason,
        at=result.occurred_at,
    )
    return seen


async def follow_transition(
    session: AsyncSession,
    *,
    venture_id: uuid.UUID,
    event: str,
    from_stage: str,
    to_stage: str,
    seq: int,
    actor_id: uuid.UUID | None,
    reason: str | None,
) -> None:
    """An administrator moved the machine through the engine's generic endpoint: bring the
    venture up to date. A transition the venture already reflects (ours) changes nothing."""
    venture = await session.get(Venture, venture_id, populate_existing=True)
    if venture is None or venture.stage_seq >= seq:
        return
    await _apply(
        session,
        venture,
        event=event,
        from_stage=from_stage,
        to_stage=to_stage,
        seq=seq,
        actor_id=actor_id,
        reason=reason,
        at=utcnow(),
    )


def stage_status(seen: Seen) -> StageStatus:
    venture = seen.venture
    allowed = [
        e
        for e in StageEvent
        if may(seen.role, EVENT_ACTION[e]) and lifecycle.VENTURE.transition(e.value, venture.stage)
    ]
    return StageStatus(
        venture_id=venture.id,
        stage=Stage(venture.stage),
        stage_entered_at=venture.stage_entered_at,
        days_in_stage=days_since(venture.stage_entered_at),
        allowed_events=allowed,
    )


async def history(
    session: AsyncSession, *, venture_id: uuid.UUID, viewer_id: uuid.UUID, page: PageParams
) -> tuple[list[VentureStageChange], str | None]:
    """Stage changes, oldest first."""
    await see(session, venture_id=venture_id, viewer_id=viewer_id)
    query = select(VentureStageChange).where(col(VentureStageChange.venture_id) == venture_id)
    rows = (await session.exec(HISTORY.apply(query, page))).all()
    return HISTORY.page(rows, page)
