"""Domain events become channel messages (`register()` is the websocket manifest's).

    buz.transfer_completed       -> token_update on user:{from} and user:{to}, each with that
                                    user's new available balance (asked of buz.service)
    ventures.stage_changed       -> venture_update on venture:{id}
    ventures.updated / archived  -> venture_update on venture:{id}
    ventures.member_joined / role_changed / left / ownership_transferred
                                 -> venture_update on team:{id}
    ventures.member_left         -> also the control message that unsubscribes the removed
                                    member's sockets from venture:{id} and team:{id}, live, on
                                    every process

Each handler runs inline, after the publisher's commit, and publishes after its own commit
(`db.after_commit`), so a client never hears of something the database does not hold. The bus
records each delivery, so a redelivered event does not publish twice. A process with no live
fan-out configured (a worker, a CLI command) has no one to tell and skips.
"""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import broadcast, bus, db
from brain.domains.buz import service as buz
from brain.domains.buz.events import TransferCompleted
from brain.domains.buz.schemas import Units
from brain.domains.ventures import events as ventures
from brain.domains.websocket.protocol import CONTROL, MessageType

_UNITS: TypeAdapter[int] = TypeAdapter(Units)


def _live() -> bool:
    return broadcast.is_configured()


def _publish_after_commit(
    session: AsyncSession, messages: list[tuple[str, dict[str, Any]]]
) -> None:
    async def publish() -> None:
        hub = broadcast.get_broadcast()
        for channel, data in messages:
            await hub.publish(channel, data)

    db.after_commit(session, publish)


def _buz(units: int) -> str:
    return str(_UNITS.dump_python(units, mode="json"))


async def transfers_completed(session: AsyncSession, events: list[TransferCompleted]) -> None:
    """A `token_update` to each side of each transfer, with the side's available balance now
    (read in one query for the batch: the worker delivers a backlog of transfers at once, and
    the newest balance is the one a client wants). A side without a wallet gets nothing."""
    if not _live():
        return
    sides = {u for e in events for u in (e.from_user_id, e.to_user_id) if u is not None}
    balances = await buz.balances(session, user_ids=sides)
    messages = []
    for event in events:
        for user_id, direction, other in (
            (event.from_user_id, "sent", event.to_user_id),
            (event.to_user_id, "received", event.from_user_id),
        ):
            if user_id is None or user_id not in balances:
                continue
            data = {
                "transfer_id": str(event.transfer_id),
                "kind": event.kind,
                "direction": direction,
                "amount": _buz(event.amount),
                "fee": _buz(event.fee if direction == "sent" else 0),
                "counterparty_id": str(other) if other else None,
                "available_balance": _buz(balances[user_id].available),
            }
            update = {"type": MessageType.TOKEN_UPDATE.value, "data": data}
            messages.append((f"user:{user_id}", update))
    _publish_after_commit(session, messages)


async def transfer_completed(session: AsyncSession, event: TransferCompleted) -> None:
    await transfers_completed(session, [event])


def _update(event: ventures.VentureEvent, kind: str, **facts: Any) -> dict[str, Any]:
    data = {
        "event": kind,
        "venture_id": str(event.venture_id),
        "user_id": str(event.user_id),
        "actor_id": str(event.actor_id) if event.actor_id else None,
        "occurred_at": event.occurred_at.isoformat(),
        **facts,
    }
    return {"type": MessageType.VENTURE_UPDATE.value, "data": data}


async def stage_changed(session: AsyncSession, event: ventures.StageChanged) -> None:
    if _live():
        update = _update(
            event,
            "stage_changed",
            transition=event.event,
            from_stage=event.from_stage,
            to_stage=event.to_stage,
            reason=event.reason,
        )
        _publish_after_commit(session, [(f"venture:{event.venture_id}", update)])


async def venture_updated(session: AsyncSession, event: ventures.VentureUpdated) -> None:
    if _live():
        update = _update(event, "updated", fields=event.fields)
        _publish_after_commit(session, [(f"venture:{event.venture_id}", update)])


async def venture_archived(session: AsyncSession, event: ventures.VentureArchived) -> None:
    if _live():
        update = _update(event, "archived", from_stage=event.from_stage, reason=event.reason)
        _publish_after_commit(session, [(f"venture:{event.venture_id}", update)])


async def member_joined(session: AsyncSession, event: ventures.MemberJoined) -> None:
    if _live():
        update = _update(event, "member_joined", role=event.role)
        _publish_after_commit(session, [(f"team:{event.venture_id}", update)])


async def member_role_changed(session: AsyncSession, event: ventures.MemberRoleChanged) -> None:
    if _live():
        update = _update(
            event, "member_role_changed", old_role=event.old_role, new_role=event.new_role
        )
        _publish_after_commit(session, [(f"team:{event.venture_id}", update)])


async def ownership_transferred(
    session: AsyncSession, event: ventures.OwnershipTransferred
) -> None:
    if _live():
        update = _update(
            event, "ownership_transferred", previous_owner_id=str(event.previous_owner_id)
        )
        _publish_after_commit(session, [(f"team:{event.venture_id}", update)])


async def member_left(session: AsyncSession, event: ventures.MemberLeft) -> None:
    """The member's sockets leave the venture's channels first, then the team hears of it."""
    if not _live():
        return
    venture = event.venture_id
    revoke = {
        "type": "membership_revoked",
        "user_id": str(event.user_id),
        "channels": [f"venture:{venture}", f"team:{venture}"],
    }
    update = _update(event, "member_left", role=event.role, removed=event.removed)
    _publish_after_commit(session, [(CONTROL, revoke), (f"team:{venture}", update)])


def _user_ids(event: TransferCompleted) -> bool:
    return event.from_user_id is not None or event.to_user_id is not None


def register() -> None:
    # A job: every transfer is heard, and reading two balances and publishing cost the
    # transfer's request ~5 ms of CPU inline (bench/profile_transfer.py); on the worker the
    # update follows the commit by a poll or two (`job_poll_seconds`).
    bus.subscribe(
        TransferCompleted,
        transfer_completed,
        mode="job",
        when=_user_ids,
        batch=transfers_completed,
    )
    bus.subscribe(ventures.StageChanged, stage_changed)
    bus.subscribe(ventures.VentureUpdated, venture_updated)
    bus.subscribe(ventures.VentureArchived, venture_archived)
    bus.subscribe(ventures.MemberJoined, member_joined)
    bus.subscribe(ventures.MemberRoleChanged, member_role_changed)
    bus.subscribe(ventures.OwnershipTransferred, ownership_transferred)
    bus.subscribe(ventures.MemberLeft, member_left)
