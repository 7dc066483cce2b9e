"""The internal event bus, with a transactional outbox.

`await publish(session, event)` writes the event to `outbox_events` in the caller's
transaction. After that transaction commits the event is dispatched: inline handlers run, each
in a fresh unit of work, and the event is marked dispatched; if it has job handlers, the
pending-events job (`core.deliver_pending_events`, one for all the events committed within
`BRAIN_EVENT_BATCH_SECONDS`) delivers them on the worker, a batch of events per handler and
transaction, and marks the events dispatched. A rolled-back transaction delivers nothing. If
the process dies between commit and dispatch, or an inline handler failed, the sweeper job
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
PENDING_JOB = "core.deliver_pending_events"
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
# A handler's batch form: the same effect as the handler called for each event, in order, in
# one transaction, for a handful of statements whatever the number of events.
BatchHandler = Callable[[AsyncSession, list[Any]], Awaitable[None]]
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
    batch: BatchHandler | None = None


OUTBOX = OutboxEvent.__table__  # type: ignore[attr-defined]
DELIVERIES = OutboxDelivery.__table__  # type: ignore[attr-defined]

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
    batch: BatchHandler | None = None,
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

    `batch` is for a handler that hears many events (every BUZ transfer): when several are
    delivered together (a job handler's backlog, the events a batch published), the bus calls
    `batch(session, events)` once, in one transaction with all their delivery records, instead
    of `handler` once per event in a transaction each. It must have the same effect as
    `handler` called for each event in order. A batch that fails is rolled back whole and its
    events are delivered one by one.
    """
    key = handler_key(handler)
    if key in _by_key:
        if _by_key[key].event_name == event_type.name:
            return
        raise ValueError(f"handler {key} is subscribed to another event already")
    sub = Subscription(event_type.name, handler, key, mode, when, batch)
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
    found: dict[uuid.UUID, tuple[str, dict[str, Any]]] = {}
    ids = [e.event_id if isinstance(e, DomainEvent) else e for e in events]
    if missing := [i for i in ids if i not in known]:
        async with db.session_scope() as session:
            rows = (
                await session.exec(select(OutboxEvent).where(col(OutboxEvent.id).in_(missing)))
            ).all()
            found |= {row.id: (row.name, row.payload) for row in rows}
    wanted: dict[uuid.UUID, list[Subscription]] = {}
    for event_id in ids:
        if event_id in known:
            wanted[event_id] = _wanted(known[event_id].name, {}, known[event_id])
        elif event_id in found:
            wanted[event_id] = _wanted(*found[event_id])
    errors = await _deliver_inline(ids, wanted, known)
    finished: list[uuid.UUID] = []  # every handler ran: dispatched
    handed_over: list[uuid.UUID] = []  # job handlers left: the pending-events job's
    for event_id, subs in wanted.items():
        if event_id in errors:
            await _mark_dispatched(event_id, errors[event_id])
        elif any(sub.mode == "job" for sub in subs):
            handed_over.append(event_id)
        else:
            finished.append(event_id)
    if finished:
        # One statement for the lot (a batch of transfers' notifications are dispatched
        # together).
        async with db.session_scope() as session:
            await _mark_batch(session, finished)
    if not handed_over:
        return
    if retried := [i for i in handed_over if i not in known]:
        # Swept events: a failure recorded earlier kept them from the pending-events job.
        async with db.session_scope() as session:
            await (await session.connection()).execute(
                sa.update(OUTBOX)
                .where(OUTBOX.c.id.in_(retried))
                .values(attempts=OUTBOX.c.attempts + 1, last_error=None)
            )
    try:
        await request_delivery()
    except Exception as exc:
        log.exception("queueing the job handlers of %d events failed", len(handed_over))
        for event_id in handed_over:
            await _mark_dispatched(event_id, f"{PENDING_JOB}: {exc!r}"[:2000])


async def request_delivery() -> None:
    """Have the job handlers of the pending events delivered: one job (PENDING_JOB) for all
    the events committed within `BRAIN_EVENT_BATCH_SECONDS`, not one per event. The request
    that published pays one Redis call per window at most; the worker, one job."""
    await jobs.enqueue_coalesced(
        PENDING_JOB, key=PENDING_JOB, within=get_settings().event_batch_seconds
    )


async def _deliver_inline(
    ids: list[uuid.UUID],
    wanted: dict[uuid.UUID, list[Subscription]],
    known: dict[uuid.UUID, DomainEvent],
) -> dict[uuid.UUID, str]:
    """Run the inline handlers of the events, in order; returns the errors by event id. A
    handler with a batch form gets the events it wants in one delivery when they are several
    (the notifications a batch of transfers raised)."""
    errors: dict[uuid.UUID, str] = {}
    batched: dict[str, list[DomainEvent]] = {}
    for event_id in ids:
        for sub in wanted.get(event_id, ()):
            if sub.mode == "inline" and sub.batch is not None and event_id in known:
                batched.setdefault(sub.key, []).append(known[event_id])
    done: set[tuple[uuid.UUID, str]] = set()
    for key, group in batched.items():
        if len(group) > 1:
            # What a failed batch leaves goes one by one below.
            left = {e.event_id for e in await deliver_many(_by_key[key], group)}
            done |= {(e.event_id, key) for e in group if e.event_id not in left}
    for event_id in ids:
        for sub in wanted.get(event_id, ()):
            if sub.mode != "inline" or (event_id, sub.key) in done:
                continue
            try:
                await deliver(event_id, sub.key, known.get(event_id))
            except Exception as exc:
                log.exception("delivering event %s to %s failed", event_id, sub.key)
                errors[event_id] = f"{sub.key}: {exc!r}"[:2000]
    return errors


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


async def deliver_many(sub: Subscription, events: list[DomainEvent]) -> list[DomainEvent]:
    """Run one handler (its batch form) for several events in one transaction, each at most
    once. Returns the events left to deliver one by one: none, or all of them when the batch
    failed (one bad event rolls it back whole, and the others are not held up by its
    retries; a concurrent delivery of one of them fails it too)."""
    assert sub.batch is not None
    try:
        async with db.session_scope() as session:
            connection = await session.connection()
            delivered = set(
                (
                    await connection.execute(
                        sa.select(DELIVERIES.c.event_id).where(
                            DELIVERIES.c.handler == sub.key,
                            DELIVERIES.c.event_id.in_([e.event_id for e in events]),
                        )
                    )
                ).scalars()
            )
            todo = [e for e in events if e.event_id not in delivered]
            if not todo:
                return []
            await sub.batch(session, todo)
            now = utcnow()
            await connection.execute(
                sa.insert(DELIVERIES),
                [{"event_id": e.event_id, "handler": sub.key, "delivered_at": now} for e in todo],
            )
    except Exception as exc:
        log.warning("delivering %d events to %s at once failed, one by one now: %r",
                    len(events), sub.key, exc)  # fmt: skip
        return list(events)
    return []


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


@jobs.job(PENDING_JOB)
async def deliver_pending_events() -> int:
    """Deliver the job handlers of the events waiting for them, oldest first, PENDING_BATCH at
    a time, each batch's events marked dispatched once their job handlers ran. Returns how
    many events it took.

    A handler gets a batch's events in one delivery (one transaction, its batch form when it
    has one). One job per event, queueing one per handler, cost a worker draining BUZ
    transfers ~27 ms of CPU and ~38 statements per transfer, mostly the jobs' and
    transactions' own. A delivery that fails is queued as a job of its own (DELIVER_JOB,
    retried with backoff); its event counts as handed over."""
    taken = 0
    for _ in range(PENDING_ROUNDS):
        claimed = await _deliver_pending_batch()
        taken += claimed
        if claimed < PENDING_BATCH:
            return taken
    # More is waiting: another run, rather than one job holding a worker's slot for minutes.
    await request_delivery()
    return taken


# The most events one batch takes: its handlers' deliveries are one transaction each, holding
# their locks (a gamification stats row per user) until they commit.
PENDING_BATCH = 200
PENDING_ROUNDS = 25


async def _deliver_pending_batch() -> int:
    async with db.session_scope() as session:
        if (await session.connection()).dialect.name == "postgresql":
            # The batch's rows stay locked (SKIP LOCKED) until it is marked: jobs running at
            # once, in one worker or several, take disjoint batches.
            batch = await _claim_batch(session, lock=True)
            await _mark_batch(session, await _deliver_batch(batch), only_unfailed=True)
            return len(batch)
        # SQLite has no row locks and one writer at a time: a write transaction held across
        # the deliveries would block them. Two runners may take the same events; deliveries
        # are idempotent.
        batch = await _claim_batch(session, lock=False)
    done = await _deliver_batch(batch)
    async with db.session_scope() as session:
        await _mark_batch(session, done, only_unfailed=True)
    return len(batch)


async def _claim_batch(session: AsyncSession, *, lock: bool) -> list[DomainEvent]:
    """Up to PENDING_BATCH undispatched events with job handlers, oldest first. Not those an
    inline handler failed on (`last_error`): they are the sweeper's, which retries the inline
    handler first; left in, a handler that keeps failing would fill every batch."""
    names = [name for name, subs in _subscriptions.items() if any(s.mode == "job" for s in subs)]
    if not names:
        return []
    query = (
        sa.select(OUTBOX.c.id, OUTBOX.c.name, OUTBOX.c.payload)
        .where(
            OUTBOX.c.dispatched_at.is_(None),
            OUTBOX.c.last_error.is_(None),
            OUTBOX.c.name.in_(names),
        )
        .order_by(OUTBOX.c.created_at)
        .limit(PENDING_BATCH)
    )
    if lock:
        # NO KEY UPDATE: a FOR UPDATE lock also blocked the deliveries' own inserts (their
        # foreign key takes KEY SHARE on the event's row) until the claim ended: a deadlock.
        query = query.with_for_update(skip_locked=True, key_share=True)
    events = []
    for event_id, name, payload in (await (await session.connection()).execute(query)).all():
        event_type = DomainEvent._types.get(name)
        if event_type is None:
            log.warning("unknown event type %s (%s); skipped", name, event_id)
            continue
        events.append(event_type.model_validate(payload))
    return events


async def _deliver_batch(events: list[DomainEvent]) -> list[uuid.UUID]:
    """Deliver each job handler its events of the batch; returns the events whose every job
    handler has run or been queued on its own. (Inline handlers are the publisher's: one
    that fails records it on the event, which the mark below then leaves to the sweeper.)"""
    if not events:
        return []
    ids = [e.event_id for e in events]
    async with db.session_scope(read_only=True) as session:
        rows = await (await session.connection()).execute(
            sa.select(DELIVERIES.c.event_id, DELIVERIES.c.handler).where(
                DELIVERIES.c.event_id.in_(ids)
            )
        )
        done: set[tuple[uuid.UUID, str]] = {(event_id, key) for event_id, key in rows}
    wanted = {e.event_id: _wanted(e.name, {}, e) for e in events}
    by_key: dict[str, list[DomainEvent]] = {}
    for event in events:
        for sub in wanted[event.event_id]:
            if sub.mode == "job" and (event.event_id, sub.key) not in done:
                by_key.setdefault(sub.key, []).append(event)
    for key, group in by_key.items():
        sub = _by_key[key]
        left = await deliver_many(sub, group) if sub.batch is not None else group
        failed = {e.event_id for e in left}
        done |= {(e.event_id, key) for e in group if e.event_id not in failed}
        for event in left:
            try:
                await deliver(event.event_id, key, event)
            except Exception as exc:
                log.warning("delivering event %s to %s failed, queued to retry: %r",
                            event.event_id, key, exc)  # fmt: skip
                await jobs.enqueue(
                    DELIVER_JOB,
                    job_id=f"event:{event.event_id}:{key}",
                    event_id=str(event.event_id),
                    handler=key,
                )
            done.add((event.event_id, key))
    return [i for i in ids if all((i, sub.key) in done for sub in wanted[i] if sub.mode == "job")]


async def _mark_batch(
    session: AsyncSession, ids: list[uuid.UUID], *, only_unfailed: bool = False
) -> None:
    """Mark the events dispatched. `only_unfailed`: not one whose publisher recorded an inline
    handler's failure meanwhile (the sweeper's)."""
    if not ids:
        return
    update = sa.update(OUTBOX).where(OUTBOX.c.id.in_(ids))
    if only_unfailed:
        update = update.where(OUTBOX.c.last_error.is_(None))
    await (await session.connection()).execute(
        update.values(attempts=OUTBOX.c.attempts + 1, last_error=None, dispatched_at=utcnow())
    )


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
