"""The internal event bus, with a transactional outbox.

`await publish(session, event)` writes the event to `outbox_events` in the caller's
transaction. After that transaction commits the event is dispatched: inline handlers run, each
in a fresh unit of work; if it has job handlers, one job (`core.fan_out_event`, job id
`event:<id>:fan-out`) queues a delivery job per handler (job id `event:<id>:<handler>`, so a
redelivery is a no-op) and marks the event dispatched. A rolled-back transaction delivers
nothing. If the process dies between commit and dispatch, the sweeper job
(`core.sweep_outbox`) dispatches what was left.

Every handler runs at least once and takes effect at most once: its writes and an
`outbox_deliveries` row commit together, and a delivery that finds the row does nothing.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, ClassVar, Literal

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import db, jobs
from brain.core.config import get_settings
from brain.core.models import OutboxDelivery, OutboxEvent, utcnow

log = logging.getLogger(__name__)

DELIVER_JOB = "core.deliver_event"
FAN_OUT_JOB = "core.fan_out_event"
SWEEP_JOB = "core.sweep_outbox"


class DomainEvent(BaseModel):
    """Base of every event. Subclasses set `name` ("<domain>.<past_tense>") and carry ids and
    small facts, never ORM objects."""

    model_config = ConfigDict(frozen=True)

    name: ClassVar[str]
    version: ClassVar[int] = 1

    event_id: uuid.UUID = Field(default_factory=uuid.uuid4)
    occurred_at: datetime = Field(default_factory=utcnow)
    actor_id: uuid.UUID | None = None

    _types: ClassVar[dict[str, type[DomainEvent]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        name = cls.__dict__.get("name")
        if isinstance(name, str):
            existing = DomainEvent._types.get(name)
            if existing is not None and existing.__qualname__ != cls.__qualname__:
                raise ValueError(f"event name {name!r} is used by {existing!r} already")
            DomainEvent._types[name] = cls


Handler = Callable[[AsyncSession, Any], Awaitable[None]]
Mode = Literal["inline", "job"]
# Whether a handler wants this event at all, decided from the event alone (no I/O).
Filter = Callable[[Any], bool]


@dataclass(frozen=True)
class Subscription:
    event_name: str
    handler: Handler
    key: str
    mode: Mode
    when: Filter | None = None


OUTBOX = OutboxEvent.__table__  # type: ignore[attr-defined]

_subscriptions: dict[str, list[Subscription]] = {}
_by_key: dict[str, Subscription] = {}


def handler_key(handler: Handler) -> str:
    return f"{handler.__module__}:{handler.__qualname__}"


def subscribe(
    event_type: type[DomainEvent],
    handler: Handler,
    *,
    mode: Mode = "inline",
    when: Filter | None = None,
) -> None:
    """Call `handler(session, event)` for every `event_type` published (for which
    `when(event)` is true, if given).

    `inline` runs right after the publisher's commit, in the publishing process; use it for
    quick reactions the client expects to see at once. `job` runs on the job runner, with
    retries; use it for slow or external work (email, fan-out).

    `when` is for a handler that wants few of the events it hears (ventures hears every BUZ
    transfer and wants those that name a venture): delivering an event costs a transaction of
    its own (the delivery is recorded so a redelivery is a no-op), and an event the filter
    turns away costs none, since dispatch decides from the payload it has already read.
    """
    key = handler_key(handler)
    if key in _by_key:
        if _by_key[key].event_name == event_type.name:
            return
        raise ValueError(f"handler {key} is subscribed to another event already")
    sub = Subscription(event_type.name, handler, key, mode, when)
    _subscriptions.setdefault(event_type.name, []).append(sub)
    _by_key[key] = sub


def unsubscribe_all() -> None:
    """Forget every subscription (tests)."""
    _subscriptions.clear()
    _by_key.clear()


def subscriptions(event_name: str) -> list[Subscription]:
    return list(_subscriptions.get(event_name, []))


# Built once: constructing the statement per call cost more CPU than sending it.
_INSERT_EVENT = sa.insert(OUTBOX)


def outbox_row(event: DomainEvent, now: datetime) -> tuple[dict[str, Any], bool]:
    """The `outbox_events` row `publish` writes for `event` at `now`, and whether it is to be
    dispatched after the commit. A database function that writes the row itself (the BUZ
    transfer's, brain/domains/buz/transfer_fn.py) is given these values, so both write the
    same row."""
    # Filters decide from the event alone, so they are asked here too: an event that every
    # subscriber's `when` turns away is stored as dispatched, like one nobody listens to.
    has_handlers = any(
        sub.when is None or sub.when(event) for sub in _subscriptions.get(event.name, ())
    )
    row = {
        "id": event.event_id,
        "name": event.name,
        "version": event.version,
        "payload": event.model_dump(mode="json"),
        "created_at": now,
        # Nobody listens: nothing to deliver, and nothing for the sweeper to find.
        "dispatched_at": None if has_handlers else now,
        "attempts": 0,
        "last_error": None,
    }
    return row, has_handlers


async def publish(session: AsyncSession, event: DomainEvent) -> None:
    """Record `event` in the caller's transaction; it is delivered after the commit."""
    row, has_handlers = outbox_row(event, utcnow())
    # A Core insert, sent now: no ORM object and unit-of-work flush for a row nobody reads
    # back in this transaction (publishing is on hot paths such as every BUZ transfer). It
    # is in the caller's transaction (and savepoint), so a rollback still takes it away.
    connection = await session.connection()
    await connection.execute(_INSERT_EVENT, row)
    if has_handlers:
        dispatch_after_commit(session, event)


def dispatch_after_commit(session: AsyncSession, event: DomainEvent) -> None:
    """Dispatch `event` (written to the outbox in this unit of work) once the session has
    committed, with the others published in it, in order."""
    pending: list[DomainEvent] = session.info.setdefault("brain_outbox", [])
    pending.append(event)

    async def _dispatch_after_commit() -> None:
        await dispatch(session.info.pop("brain_outbox", []))

    db.after_commit(session, _dispatch_after_commit, key="brain_outbox")


async def dispatch(events: list[uuid.UUID] | list[DomainEvent]) -> None:
    """Deliver committed outbox events to their handlers and mark them dispatched.

    Given the events themselves (the publisher's, after its commit), nothing is read back:
    every BUZ transfer dispatches one, and reading the row it just wrote cost a transaction.
    Given ids (the sweeper, tests), the rows are read."""
    if not events:
        return
    known = {e.event_id: e for e in events if isinstance(e, DomainEvent)}
    found: dict[uuid.UUID, tuple[str, dict[str, Any]]] = {
        e.event_id: (e.name, e.model_dump(mode="json")) for e in known.values()
    }
    ids = [e.event_id if isinstance(e, DomainEvent) else e for e in events]
    if missing := [i for i in ids if i not in found]:
        async with db.session_scope() as session:
            rows = (
                await session.exec(select(OutboxEvent).where(col(OutboxEvent.id).in_(missing)))
            ).all()
            found |= {row.id: (row.name, row.payload) for row in rows}
    for event_id in ids:
        if event_id not in found:
            continue
        name, payload = found[event_id]
        error: str | None = None
        handed_over = False
        wanted = _wanted(name, payload, known.get(event_id))
        for sub in wanted:
            if sub.mode != "inline":
                continue
            try:
                await deliver(event_id, sub.key, known.get(event_id))
            except Exception as exc:
                log.exception("delivering event %s to %s failed", event_id, sub.key)
                error = f"{sub.key}: {exc!r}"[:2000]
        if any(sub.mode == "job" for sub in wanted):
            # One job per event, whatever the number of job handlers: the worker fans it out
            # (FAN_OUT_JOB) and marks the event dispatched. A transfer's request pays for one
            # enqueue instead of one per handler plus the marking transaction.
            try:
                await jobs.enqueue(
                    FAN_OUT_JOB, job_id=f"event:{event_id}:fan-out", event_id=str(event_id)
                )
                handed_over = error is None
            except Exception as exc:
                log.exception("queueing the handlers of event %s failed", event_id)
                error = f"{FAN_OUT_JOB}: {exc!r}"[:2000]
        if not handed_over:
            await _mark_dispatched(event_id, error)


async def _mark_dispatched(event_id: uuid.UUID, error: str | None) -> None:
    """Count the attempt; an event with an error stays undispatched, for the sweeper."""
    async with db.session_scope() as session:
        await session.exec(
            sa.update(OutboxEvent)
            .where(col(OutboxEvent.id) == event_id)
            .values(
                attempts=OutboxEvent.attempts + 1,
                last_error=error,
                dispatched_at=None if error else utcnow(),
            )
        )


def _wanted(
    name: str, payload: dict[str, Any], event: DomainEvent | None = None
) -> list[Subscription]:
    """The subscriptions to `name` that want this event (their `when`, if any, says yes)."""
    subs = _subscriptions.get(name, [])
    if not any(sub.when is not None for sub in subs):
        return subs
    if event is None:
        event_type = DomainEvent._types.get(name)
        event = event_type.model_validate(payload) if event_type is not None else None
    return [sub for sub in subs if sub.when is None or (event is not None and sub.when(event))]


async def deliver(event_id: uuid.UUID, key: str, event: DomainEvent | None = None) -> bool:
    """Run one handler for one event, at most once. Returns True if the handler ran now.

    `event`: the event itself when the caller has it (dispatch after the publisher's commit);
    otherwise it is read from the outbox."""
    sub = _by_key.get(key)
    if sub is None:
        log.warning("no handler %s (event %s); skipped", key, event_id)
        return False
    try:
        async with db.session_scope() as session:
            if await session.get(OutboxDelivery, (event_id, key)) is not None:
                return False
            if event is None:
                event = await _stored_event(session, event_id)
                if event is None:
                    return False
            await sub.handler(session, event)
            session.add(OutboxDelivery(event_id=event_id, handler=key))
    except IntegrityError:
        # A concurrent delivery of the same event to the same handler committed first; ours
        # rolled back whole, handler writes included.
        async with db.session_scope() as session:
            if await session.get(OutboxDelivery, (event_id, key)) is not None:
                return False
        raise
    return True


async def _stored_event(session: AsyncSession, event_id: uuid.UUID) -> DomainEvent | None:
    row = await session.get(OutboxEvent, event_id)
    if row is None:
        log.warning("event %s is not in the outbox; skipped", event_id)
        return None
    event_type = DomainEvent._types.get(row.name)
    if event_type is None:
        log.warning("unknown event type %s (%s); skipped", row.name, event_id)
        return None
    return event_type.model_validate(row.payload)


@jobs.job(DELIVER_JOB)
async def deliver_event_job(*, event_id: str, handler: str) -> None:
    await deliver(uuid.UUID(event_id), handler)


@jobs.job(FAN_OUT_JOB)
async def fan_out_event_job(*, event_id: str) -> None:
    """Queue one delivery job per job handler of the event (each retried on its own), then
    mark the event dispatched. A retry re-queues only what is not queued or delivered yet:
    the delivery job ids are the same every time."""
    async with db.session_scope(read_only=True) as session:
        row = await session.get(OutboxEvent, uuid.UUID(event_id))
        found = (row.name, row.payload) if row is not None else None
    if found is None:
        log.warning("event %s is not in the outbox; nothing to fan out", event_id)
        return
    for sub in _wanted(*found):
        if sub.mode == "job":
            await jobs.enqueue(
                DELIVER_JOB,
                job_id=f"event:{event_id}:{sub.key}",
                event_id=event_id,
                handler=sub.key,
            )
    await _mark_dispatched(uuid.UUID(event_id), None)


@jobs.job(SWEEP_JOB, max_tries=1)
async def sweep_outbox(batch: int = 500) -> int:
    """Dispatch outbox rows that were committed but never dispatched; prune old ones."""
    settings = get_settings()
    cutoff = utcnow() - timedelta(seconds=settings.outbox_sweep_grace_seconds)
    async with db.session_scope() as session:
        ids = list(
            (
                await session.exec(
                    select(OutboxEvent.id)
                    .where(col(OutboxEvent.dispatched_at).is_(None))
                    .where(col(OutboxEvent.created_at) <= cutoff)
                    .order_by(col(OutboxEvent.created_at))
                    .limit(batch)
                )
            ).all()
        )
        retention_cutoff = utcnow() - timedelta(days=settings.outbox_retention_days)
        await session.exec(
            sa.delete(OutboxDelivery).where(
                col(OutboxDelivery.event_id).in_(
                    select(OutboxEvent.id).where(col(OutboxEvent.dispatched_at) < retention_cutoff)
                )
            )
        )
        await session.exec(
            sa.delete(OutboxEvent).where(col(OutboxEvent.dispatched_at) < retention_cutoff)
        )
    if ids:
        log.info("sweeper re-dispatching %d undelivered events", len(ids))
        await dispatch(ids)
    return len(ids)


async def backlog(session: AsyncSession) -> int:
    """Undispatched events older than the sweep grace period (a health and metrics figure)."""
    cutoff = utcnow() - timedelta(seconds=get_settings().outbox_sweep_grace_seconds)
    count = await session.scalar(
        select(sa.func.count())
        .select_from(OutboxEvent)
        .where(col(OutboxEvent.dispatched_at).is_(None))
        .where(col(OutboxEvent.created_at) <= cutoff)
    )
    return int(count or 0)


def register_cron() -> None:
    jobs.cron(SWEEP_JOB, every=timedelta(seconds=get_settings().outbox_sweep_seconds))
