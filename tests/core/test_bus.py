"""The outbox bus: delivered after commit, never after rollback, swept after a crash, and
never applied twice."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus, db, jobs
from brain.core.models import OutboxDelivery, OutboxEvent, utcnow


class Pinged(bus.DomainEvent):
    name = "tests.pinged"
    n: int


class Echoed(bus.DomainEvent):
    """Published by a handler: its outbox row is a real database effect of the handler."""

    name = "tests.echoed"
    source: uuid.UUID


seen: list[tuple[str, int]] = []


async def record_inline(_session: AsyncSession, event: Pinged) -> None:
    seen.append(("inline", event.n))


async def record_job(_session: AsyncSession, event: Pinged) -> None:
    seen.append(("job", event.n))


async def echo(session: AsyncSession, event: Pinged) -> None:
    await bus.publish(session, Echoed(source=event.event_id))


failures_left = 0


async def flaky(_session: AsyncSession, event: Pinged) -> None:
    global failures_left
    if failures_left > 0:
        failures_left -= 1
        raise RuntimeError("handler failed on purpose")
    seen.append(("flaky", event.n))


@pytest.fixture(autouse=True)
def _reset(subscriptions: None) -> None:
    seen.clear()


async def outbox_row(event_id: uuid.UUID) -> OutboxEvent | None:
    async with db.session_scope() as session:
        return await session.get(OutboxEvent, event_id)


async def echoes_of(event_id: uuid.UUID) -> int:
    async with db.session_scope() as session:
        rows = (
            await session.exec(select(OutboxEvent).where(col(OutboxEvent.name) == Echoed.name))
        ).all()
        return sum(1 for row in rows if row.payload["source"] == str(event_id))


async def test_inline_handler_runs_once_after_commit(db_connection: object) -> None:
    bus.subscribe(Pinged, record_inline)
    event = Pinged(n=1)
    async with db.session_scope() as session:
        await bus.publish(session, event)
        assert seen == [], "nothing may be delivered before the commit"
    assert seen == [("inline", 1)]
    row = await outbox_row(event.event_id)
    assert row is not None
    assert row.dispatched_at is not None
    assert row.last_error is None


async def test_rolled_back_transaction_delivers_nothing(db_connection: object) -> None:
    bus.subscribe(Pinged, record_inline)
    event = Pinged(n=2)

    async def failing_request() -> None:
        async with db.session_scope() as session:
            await bus.publish(session, event)
            raise RuntimeError("the request failed")

    with pytest.raises(RuntimeError):
        await failing_request()
    assert seen == []
    assert await outbox_row(event.event_id) is None


async def test_event_without_subscribers_is_stored_as_dispatched(db_connection: object) -> None:
    event = Pinged(n=3)
    async with db.session_scope() as session:
        await bus.publish(session, event)
    row = await outbox_row(event.event_id)
    assert row is not None
    assert row.dispatched_at is not None
    async with db.session_scope() as session:
        assert await bus.backlog(session) == 0


def _even(event: Pinged) -> bool:
    return event.n % 2 == 0


async def test_a_filtered_handler_gets_only_what_it_wants_and_the_rest_costs_no_delivery(
    db_connection: object,
) -> None:
    bus.subscribe(Pinged, record_inline, when=_even)
    events = [Pinged(n=n) for n in (10, 11, 12)]
    async with db.session_scope() as session:
        for event in events:
            await bus.publish(session, event)

    assert seen == [("inline", 10), ("inline", 12)]
    async with db.session_scope() as session:
        delivered = (
            await session.exec(
                select(OutboxDelivery.event_id).where(
                    col(OutboxDelivery.event_id).in_([e.event_id for e in events])
                )
            )
        ).all()
    assert set(delivered) == {events[0].event_id, events[2].event_id}
    for event in events:  # turned away is still dispatched: the sweeper will not retry it
        row = await outbox_row(event.event_id)
        assert row is not None
        assert row.dispatched_at is not None


async def test_an_event_every_filter_turns_away_is_stored_as_dispatched_and_never_dispatched(
    db_connection: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    bus.subscribe(Pinged, record_inline, when=_even)
    dispatched: list[list[uuid.UUID]] = []

    async def spy(event_ids: list[uuid.UUID]) -> None:
        dispatched.append(list(event_ids))

    monkeypatch.setattr(bus, "dispatch", spy)
    odd = Pinged(n=13)
    async with db.session_scope() as session:
        await bus.publish(session, odd)

    assert dispatched == []  # no after-commit round trips for an event nobody wants
    row = await outbox_row(odd.event_id)
    assert row is not None
    assert row.dispatched_at is not None


async def test_job_handlers_are_delivered_by_one_job_for_the_events_waiting(
    db_connection: object, job_runner: jobs.InProcessJobs
) -> None:
    bus.subscribe(Pinged, record_job, mode="job")
    first, second = Pinged(n=4), Pinged(n=5)
    for event in (first, second):
        async with db.session_scope() as session:
            await bus.publish(session, event)
    assert seen == [], "job handlers run on the job runner, not inline"
    # One job for both events: the second found the first's queued and not started.
    assert await job_runner.queue_depth() == 1
    for event in (first, second):
        row = await outbox_row(event.event_id)
        assert row is not None
        assert row.dispatched_at is None
    assert await job_runner.run_until_idle() == 1
    assert seen == [("job", 4), ("job", 5)]
    for event in (first, second):
        async with db.session_scope() as session:
            row = await session.get(OutboxEvent, event.event_id, populate_existing=True)
            assert row is not None
            assert row.dispatched_at is not None
    # A redelivery (the sweeper, a retry of the handler's own job) runs nothing twice.
    assert await jobs.enqueue(
        bus.DELIVER_JOB,
        job_id=f"event:{first.event_id}:{bus.handler_key(record_job)}",
        event_id=str(first.event_id),
        handler=bus.handler_key(record_job),
    )
    await bus.request_delivery()
    await bus.dispatch([first.event_id, second.event_id])
    await job_runner.run_until_idle()
    assert seen == [("job", 4), ("job", 5)]
    # Once the job has started, the next event gets a job of its own.
    third = Pinged(n=6)
    async with db.session_scope() as session:
        await bus.publish(session, third)
    assert await job_runner.run_until_idle() == 1
    assert seen == [("job", 4), ("job", 5), ("job", 6)]


async def test_sweeper_delivers_events_committed_before_a_crash(db_connection: object) -> None:
    bus.subscribe(Pinged, record_inline)
    event = Pinged(n=5)
    # Commit without the unit of work's after-commit dispatch: the process "died" right after
    # the commit.
    async with db.get_sessionmaker()() as session:
        await bus.publish(session, event)
        await session.commit()
    assert seen == []
    async with db.session_scope() as session:
        assert await bus.backlog(session) == 1

    assert await bus.sweep_outbox() == 1
    assert seen == [("inline", 5)]
    assert await bus.sweep_outbox() == 0
    assert seen == [("inline", 5)]


async def test_failed_inline_handler_keeps_the_commit_and_is_retried_by_the_sweeper(
    db_connection: object,
) -> None:
    global failures_left
    failures_left = 1
    bus.subscribe(Pinged, flaky)
    event = Pinged(n=6)
    async with db.session_scope() as session:
        await bus.publish(session, event)
    row = await outbox_row(event.event_id)
    assert row is not None
    assert row.dispatched_at is None
    assert row.last_error is not None
    assert "failed on purpose" in row.last_error
    assert seen == []

    await bus.sweep_outbox()
    assert seen == [("flaky", 6)]
    row = await outbox_row(event.event_id)
    assert row is not None
    assert row.dispatched_at is not None
    assert row.attempts == 2


async def test_redelivery_never_applies_a_handler_twice(db_connection: object) -> None:
    bus.subscribe(Pinged, echo)
    event = Pinged(n=7)
    async with db.session_scope() as session:
        await bus.publish(session, event)
    assert await echoes_of(event.event_id) == 1
    key = bus.handler_key(echo)
    assert not await bus.deliver(event.event_id, key)
    await bus.dispatch([event.event_id])
    assert await echoes_of(event.event_id) == 1


async def test_events_published_by_handlers_are_delivered_too(db_connection: object) -> None:
    chain: list[uuid.UUID] = []

    async def on_echo(_session: AsyncSession, event: Echoed) -> None:
        chain.append(event.source)

    bus.subscribe(Pinged, echo)
    bus.subscribe(Echoed, on_echo)
    event = Pinged(n=8)
    async with db.session_scope() as session:
        await bus.publish(session, event)
    assert chain == [event.event_id]


async def test_sweeper_prunes_delivered_events_past_retention(db_connection: object) -> None:
    old = Pinged(n=9)
    async with db.session_scope() as session:
        await bus.publish(session, old)
    async with db.session_scope() as session:
        await session.exec(
            sa.update(OutboxEvent)
            .where(col(OutboxEvent.id) == old.event_id)
            .values(dispatched_at=utcnow() - timedelta(days=30))
        )
    await bus.sweep_outbox()
    assert await outbox_row(old.event_id) is None


async def test_concurrent_deliveries_of_one_event_apply_once(
    committed_db: async_sessionmaker[AsyncSession],
) -> None:
    bus.subscribe(Pinged, echo)
    event = Pinged(n=10)
    async with committed_db() as session:
        await bus.publish(session, event)
        await session.commit()
    key = bus.handler_key(echo)
    results = await asyncio.gather(
        *(bus.deliver(event.event_id, key) for _ in range(5)), return_exceptions=True
    )
    assert sum(1 for r in results if r is True) == 1, results
    assert all(r is True or r is False for r in results), results
    assert await echoes_of(event.event_id) == 1
    async with committed_db() as session:
        deliveries = (
            await session.exec(
                select(OutboxDelivery).where(col(OutboxDelivery.event_id) == event.event_id)
            )
        ).all()
    assert len(deliveries) == 1


# -- job handlers delivered in batches ---------------------------------------------------------

batches: list[list[int]] = []


async def record_batch(_session: AsyncSession, events: list[Pinged]) -> None:
    if any(e.n == 13 for e in events):
        raise RuntimeError("batch failed on purpose")
    batches.append([e.n for e in events])
    seen.extend(("job", e.n) for e in events)


async def record_job_unless_13(_session: AsyncSession, event: Pinged) -> None:
    global failures_left
    if event.n == 13 and failures_left > 0:
        failures_left -= 1
        raise RuntimeError("handler failed on purpose")
    seen.append(("job", event.n))


async def publish_each(*ns: int) -> list[Pinged]:
    """Each event in a transaction of its own, as five requests would."""
    events = [Pinged(n=n) for n in ns]
    for event in events:
        async with db.session_scope() as session:
            await bus.publish(session, event)
    return events


async def dispatched(events: list[Pinged]) -> list[bool]:
    async with db.session_scope() as session:
        rows = {
            row.id: row
            for row in (
                await session.exec(
                    select(OutboxEvent)
                    .where(col(OutboxEvent.id).in_([e.event_id for e in events]))
                    .execution_options(populate_existing=True)
                )
            ).all()
        }
    return [rows[e.event_id].dispatched_at is not None for e in events]


async def test_a_backlog_reaches_a_batch_handler_in_one_delivery_in_order(
    committed_db: object, job_runner: jobs.InProcessJobs
) -> None:
    batches.clear()
    bus.subscribe(Pinged, record_job, mode="job", batch=record_batch)
    events = await publish_each(1, 2, 3, 4, 5)
    assert await job_runner.queue_depth() == 1  # one job for the five
    assert await job_runner.run_until_idle() == 1
    assert batches == [[1, 2, 3, 4, 5]]
    assert await dispatched(events) == [True] * 5
    async with db.session_scope() as session:
        delivered = (
            await session.exec(
                select(OutboxDelivery.event_id).where(
                    col(OutboxDelivery.handler) == bus.handler_key(record_job)
                )
            )
        ).all()
    assert sorted(delivered) == sorted(e.event_id for e in events)
    # A redelivery of the whole lot runs nothing twice.
    await bus.dispatch([e.event_id for e in events])
    await job_runner.run_until_idle()
    assert batches == [[1, 2, 3, 4, 5]]


async def test_a_failed_batch_is_delivered_one_by_one_and_the_bad_event_retried_alone(
    committed_db: object, job_runner: jobs.InProcessJobs
) -> None:
    global failures_left
    failures_left = 2  # the try in the batch's job and the first of its own job
    batches.clear()
    bus.subscribe(Pinged, record_job_unless_13, mode="job", batch=record_batch)
    events = await publish_each(11, 12, 13, 14)
    await job_runner.run_until_idle()
    # The batch rolled back whole; the events went one by one, and 13's failure did not hold
    # up 14: it was queued as a delivery job of its own, which retries it with backoff.
    assert batches == []
    assert seen[:3] == [("job", 11), ("job", 12), ("job", 14)]
    assert await dispatched(events) == [True] * 4  # 13 handed over to its own job
    await job_runner.run_until_idle(include_deferred=True)
    assert seen == [("job", 11), ("job", 12), ("job", 14), ("job", 13)]


async def test_an_event_whose_inline_handler_failed_is_the_sweepers_not_the_jobs(
    committed_db: object, job_runner: jobs.InProcessJobs
) -> None:
    global failures_left
    failures_left = 1
    bus.subscribe(Pinged, flaky)  # inline, fails once
    bus.subscribe(Pinged, record_job, mode="job", batch=record_batch)
    batches.clear()
    (event,) = await publish_each(21)
    await job_runner.run_until_idle()
    # The inline handler's failure is on the event: the pending-events job leaves it (a
    # handler failing for good would otherwise fill its every batch), and it must stay
    # undispatched, for the sweeper.
    assert batches == []
    assert await dispatched([event]) == [False]
    async with db.session_scope() as session:
        assert await bus.backlog(session) == 1
    await bus.sweep_outbox()
    await job_runner.run_until_idle()
    assert seen == [("flaky", 21), ("job", 21)]
    assert await dispatched([event]) == [True]


async def test_an_inline_handler_with_a_batch_form_gets_a_transactions_events_at_once(
    committed_db: object, job_runner: jobs.InProcessJobs
) -> None:
    batches.clear()
    bus.subscribe(Pinged, record_inline, batch=record_batch)
    together = [Pinged(n=41), Pinged(n=42), Pinged(n=43)]
    async with db.session_scope() as session:
        for event in together:
            await bus.publish(session, event)
    assert batches == [[41, 42, 43]]
    assert await dispatched(together) == [True] * 3
    (alone,) = await publish_each(44)  # one event: the handler itself
    assert batches == [[41, 42, 43]]
    assert seen[-1] == ("inline", 44)
    # A batch that fails (13 is in it) is delivered one by one, nothing lost.
    failing = [Pinged(n=12), Pinged(n=13)]
    async with db.session_scope() as session:
        for event in failing:
            await bus.publish(session, event)
    assert seen[-2:] == [("inline", 12), ("inline", 13)]
    assert await dispatched([alone, *failing]) == [True] * 3
