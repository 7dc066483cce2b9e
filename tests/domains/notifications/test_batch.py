"""The batch forms the bus calls for a backlog of events: `notify_many`, `on_transfers` and
`dispatch_notifications` have the effect of their one-event forms called for each event in
order, in a number of statements that does not grow with the events."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable, Iterator, Sequence
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import broadcast, bus, db, jobs
from brain.core.config import Settings
from brain.core.pagination import PageParams
from brain.domains.buz.events import TransferCompleted
from brain.domains.notifications import handlers, inbox, preferences
from brain.domains.notifications.catalog import Channel
from brain.domains.notifications.events import NotificationCreated
from brain.domains.notifications.inbox import NewNotification
from brain.domains.notifications.models import (
    Notification,
    NotificationCounter,
    NotificationDelivery,
)
from brain.domains.users.schemas import Role
from tests.factories.users import make_user
from tests.statements import counted

Key = tuple[str, uuid.UUID, str]


def matured(user_id: uuid.UUID, key: str, reward: str = "1.00", **kw: Any) -> NewNotification:
    return NewNotification(
        "buz.stake_matured", user_id, {"position_id": key, "reward": reward}, key, **kw
    )


async def state(session: AsyncSession, user_ids: Sequence[uuid.UUID], since: int) -> Any:
    """What the users' notifications look like, ids and timestamps left out: each row by its
    (type, user, source key), its deliveries, the counters, and the events published since
    `since` (their dispatch order)."""
    n, d = Notification.__table__, NotificationDelivery.__table__  # type: ignore[attr-defined]
    rows = (await session.exec(sa.select(n).where(n.c.user_id.in_(user_ids)))).all()  # type: ignore[call-overload]
    key_of: dict[uuid.UUID, Key] = {r.id: (r.type, r.user_id, r.source_key) for r in rows}
    notifications = {
        key_of[r.id]: (r.title, r.body, r.data, r.in_inbox, r.read_at, r.archived_at, r.deleted_at)
        for r in rows
    }
    deliveries = sorted(
        (key_of[r.notification_id], r.user_id, r.type, r.channel, r.status, r.reason,
         r.attempts, r.not_before, r.sent_at is not None)
        for r in (await session.exec(sa.select(d).where(d.c.user_id.in_(user_ids)))).all()  # type: ignore[call-overload]
    )  # fmt: skip
    counters = dict(
        (
            await session.exec(
                select(NotificationCounter.user_id, NotificationCounter.unread).where(
                    col(NotificationCounter.user_id).in_(user_ids)
                )
            )
        ).all()
    )
    events = [
        (key_of[e.notification_id], e.user_id, e.type, e.actor_id)
        for e in session.info.get("brain_outbox", [])[since:]
        if isinstance(e, NotificationCreated)
    ]
    return notifications, deliveries, counters, events, key_of


async def compare(
    session: AsyncSession,
    user_ids: Sequence[uuid.UUID],
    one_by_one: Callable[[], Awaitable[list[uuid.UUID]]],
    batch: Callable[[], Awaitable[list[uuid.UUID]]],
) -> list[Key]:
    """Run `one_by_one` in a savepoint rolled back afterwards, then `batch`; assert both left
    the same state and returned the same notifications. Returns the keys returned."""
    outbox: list[Any] = session.info.setdefault("brain_outbox", [])
    start = len(outbox)
    savepoint = await session.begin_nested()
    ids = await one_by_one()
    expected = await state(session, user_ids, start)
    await savepoint.rollback()
    del outbox[start:]  # the rolled-back events are not to be dispatched
    batch_ids = await batch()
    got = await state(session, user_ids, start)
    assert got[:4] == expected[:4]
    expected_keys = [expected[4].get(i, i) for i in ids]
    assert [got[4].get(i, i) for i in batch_ids] == expected_keys
    return expected_keys


async def test_notify_many_records_what_notify_records_for_each_item(
    session: AsyncSession, job_runner: jobs.InProcessJobs
) -> None:
    u1 = await make_user(session, role=Role.MEMBER, display_name="Ada")
    u2 = await make_user(session, role=Role.MEMBER, display_name="Grace")
    u3 = await make_user(session, role=Role.MEMBER, display_name="Linus")
    # u2 keeps stake notifications out of the inbox; u3 wants transfers by email too.
    await preferences.put(
        session, user_id=u2.id, changes=[("buz.stake_matured", Channel.IN_APP, False)], quiet=False
    )
    await preferences.put(
        session, user_id=u3.id, changes=[("buz.received", Channel.EMAIL, True)], quiet=False
    )
    before = await inbox.notify(session, **vars(matured(u3.id, "old")))
    received = {"amount": "12.50", "sender_name": "Ada", "transfer_id": "t1"}
    items = [
        matured(u1.id, "p1"),
        matured(u2.id, "p1"),
        NewNotification("buz.received", u3.id, received, "t1", actor_id=u1.id),
        NewNotification("user.welcome", u1.id, {}, "welcome"),
        matured(u1.id, "p1", reward="9.99"),  # a repeat: the first one stands
        NewNotification("umbrella.share_paid", u2.id, {"amount": "2.50", "level": 1}, "s1"),
        matured(u3.id, "old"),  # raised before
        matured(u1.id, "p2", actor_id=u3.id),
    ]

    async def one_by_one() -> list[uuid.UUID]:
        return [await inbox.notify(session, **vars(item)) for item in items]

    keys = await compare(
        session, [u1.id, u2.id, u3.id], one_by_one, lambda: inbox.notify_many(session, items)
    )
    assert keys[0] == keys[4] == ("buz.stake_matured", u1.id, "p1")
    assert (await inbox.notify_many(session, [matured(u3.id, "old")])) == [before]
    row = await session.scalar(select(Notification).where(col(Notification.source_key) == "s1"))
    assert row is not None
    assert row.data == {"amount": "2.50", "level": 1}, "numbers stay numbers, as with notify"


async def test_notify_many_skips_what_exists_and_repeats_within_the_batch(
    session: AsyncSession, job_runner: jobs.InProcessJobs
) -> None:
    user = await make_user(session, role=Role.MEMBER)
    first = await inbox.notify(session, **vars(matured(user.id, "a")))
    outbox: list[Any] = session.info.setdefault("brain_outbox", [])
    start = len(outbox)
    ids = await inbox.notify_many(
        session,
        [
            matured(user.id, "a"),
            matured(user.id, "b"),
            matured(user.id, "b"),
            matured(user.id, "c", actor_id=user.id),
        ],
    )
    assert ids[0] == first
    assert ids[1] == ids[2]
    assert len(set(ids)) == 3
    created = [
        (e.notification_id, e.user_id, e.type, e.actor_id)
        for e in outbox[start:]
        if isinstance(e, NotificationCreated)
    ]
    assert created == [
        (ids[1], user.id, "buz.stake_matured", None),
        (ids[3], user.id, "buz.stake_matured", user.id),
    ], "one event per notification created, in order"
    assert await inbox.unread_count(session, user.id) == 3
    count = await session.scalar(
        select(sa.func.count())
        .select_from(NotificationDelivery)
        .where(col(NotificationDelivery.user_id) == user.id)
    )
    assert count == 3
    assert await inbox.notify_many(session, []) == []


async def test_notify_many_checks_every_item_before_writing(
    session: AsyncSession, job_runner: jobs.InProcessJobs
) -> None:
    from brain.domains.notifications.errors import EmailTemplateError, UnknownNotificationType
    from brain.domains.users.errors import UserNotFound

    user = await make_user(session, role=Role.MEMBER)
    good = matured(user.id, "fine")
    with pytest.raises(UnknownNotificationType):
        await inbox.notify_many(session, [good, NewNotification("x.y", user.id, {}, "k")])
    with pytest.raises(EmailTemplateError, match="reward"):
        await inbox.notify_many(
            session,
            [good, NewNotification("buz.stake_matured", user.id, {"position_id": "p"}, "k")],
        )
    with pytest.raises(ValueError, match="source_key"):
        await inbox.notify_many(session, [good, matured(user.id, "")])
    with pytest.raises(UserNotFound):
        await inbox.notify_many(session, [good, matured(uuid.uuid4(), "k")])
    assert await inbox.unread_count(session, user.id) == 0


async def test_notify_many_costs_the_same_statements_for_4_or_40_items(
    session: AsyncSession, engine: AsyncEngine, job_runner: jobs.InProcessJobs
) -> None:
    users = [await make_user(session, role=Role.MEMBER) for _ in range(4)]
    # The same shape at both sizes (each user +n on the counter: one UPDATE either way).
    small = [matured(u.id, "small") for u in users]
    large = [matured(u.id, f"large-{n}") for u in users for n in range(10)]
    costs = []
    for items in (small, large):
        with counted(engine) as statements:
            await inbox.notify_many(session, items)
        # `bus.publish` writes its outbox row per event: the only statement per item.
        outbox = [s for s in statements if s.lstrip().upper().startswith("INSERT INTO OUTBOX")]
        assert len(outbox) == len(items)
        costs.append(len(statements) - len(outbox))
    assert costs[0] == costs[1]
    assert costs[0] <= 10, costs


def transfer(
    sender: uuid.UUID, recipient: uuid.UUID, amount: int, transfer_id: uuid.UUID | None = None
) -> TransferCompleted:
    return TransferCompleted(
        transfer_id=transfer_id or uuid.uuid4(), kind="TRANSFER", from_account="a",
        to_account="b", from_user_id=sender, to_user_id=recipient, amount=amount,
        actor_id=sender,
    )  # fmt: skip


async def test_on_transfers_fills_the_inbox_as_on_transfer_per_event(
    session: AsyncSession, engine: AsyncEngine, job_runner: jobs.InProcessJobs
) -> None:
    ada = await make_user(session, role=Role.MEMBER, display_name="Ada")
    grace = await make_user(session, role=Role.MEMBER, display_name="Grace")
    bob = await make_user(session, role=Role.MEMBER, display_name="Bob")
    eve = await make_user(session, role=Role.MEMBER, display_name="Eve")
    first = transfer(ada.id, bob.id, 1250)
    events = [
        first,
        transfer(grace.id, bob.id, 5),
        transfer(ada.id, eve.id, 100_000),
        transfer(grace.id, bob.id, 99),
        # Redelivered: the same transfer in another event.
        transfer(ada.id, bob.id, 1250, transfer_id=first.transfer_id),
    ]

    async def one_by_one() -> list[uuid.UUID]:
        for event in events:
            await handlers.on_transfer(session, event)
        return []

    async def batch() -> list[uuid.UUID]:
        with counted(engine) as statements:
            await handlers.on_transfers(session, events)
        # The senders' names, notify_many's ten (two counter deltas: +3 and +1) and on
        # Postgres the counters' lock in user order, and the outbox rows of the four
        # notifications created.
        lock = 1 if engine.dialect.name == "postgresql" else 0
        assert len(statements) == 1 + 10 + lock + 4, statements
        return []

    await compare(session, [bob.id, eve.id], one_by_one, batch)
    items, _ = await inbox.list_inbox(
        session, user_id=bob.id, unread=None, type_=None, archived=False,
        page=PageParams(limit=10, cursor=None),
    )  # fmt: skip
    assert sorted(i.title for i in items) == sorted(
        ["You received 12.50 BUZ", "You received 0.05 BUZ", "You received 0.99 BUZ"]
    )
    assert await inbox.unread_count(session, bob.id) == 3
    assert await inbox.unread_count(session, eve.id) == 1
    subscription = bus._by_key[bus.handler_key(handlers.on_transfer)]
    assert subscription.batch is handlers.on_transfers


@pytest.fixture
def hub() -> Iterator[broadcast.Broadcast]:
    previous = broadcast._broadcast
    hub = broadcast.Broadcast()
    broadcast.use_broadcast(hub)
    yield hub
    broadcast.use_broadcast(previous)


async def test_dispatch_notifications_queues_and_publishes_as_dispatch_notification(
    session: AsyncSession, settings: Settings, hub: broadcast.Broadcast
) -> None:
    ada = await make_user(session, role=Role.MEMBER)
    bob = await make_user(session, role=Role.MEMBER)
    await preferences.put(
        session, user_id=bob.id, changes=[("buz.stake_matured", Channel.IN_APP, False)], quiet=False
    )
    outbox: list[Any] = session.info.setdefault("brain_outbox", [])
    start = len(outbox)
    await inbox.notify_many(
        session,
        [
            NewNotification("user.welcome", ada.id, {}, "welcome"),  # in-app and email
            matured(bob.id, "p"),  # in-app off: not in the inbox, nothing live
            matured(ada.id, "p"),
            NewNotification("user.welcome", bob.id, {}, "welcome"),
        ],
    )
    events = [e for e in outbox[start:] if isinstance(e, NotificationCreated)]
    events.append(events[0])  # redelivered
    deleted = await inbox.notify(session, **vars(matured(ada.id, "gone")))
    await inbox.delete(session, user_id=ada.id, notification_id=deleted)
    events.append(NotificationCreated(notification_id=deleted, user_id=ada.id, type="x"))
    events.append(NotificationCreated(notification_id=uuid.uuid4(), user_id=ada.id, type="x"))

    async def run(handle: Callable[[], Awaitable[None]]) -> tuple[list[str], list[Any]]:
        runner = jobs.InProcessJobs(settings, autostart=False)
        previous = jobs._backend
        jobs.use_backend(runner)
        try:
            async with (
                hub.subscribe(f"user:{ada.id}") as to_ada,
                hub.subscribe(f"user:{bob.id}") as to_bob,
            ):
                await handle()
                await asyncio.sleep(0)
                live = [
                    (sub.channel, (await sub.get()).data)
                    for sub in (to_ada, to_bob)
                    for _ in range(sub._queue.qsize())
                ]
        finally:
            jobs.use_backend(previous)
        return [q.job_id for q in sorted(runner._heap, key=lambda q: q.seq)], live

    async def one_by_one() -> None:
        for event in events:
            await handlers.dispatch_notification(session, event)

    expected = await run(one_by_one)
    assert len(expected[0]) == 2, "the two welcome emails"
    assert len(expected[1]) == 4, "ada: welcome, stake, welcome again; bob: welcome"
    assert await run(lambda: handlers.dispatch_notifications(session, events)) == expected
    subscription = bus._by_key[bus.handler_key(handlers.dispatch_notification)]
    assert subscription.batch is handlers.dispatch_notifications


# -- a concurrent transaction raising the same notification (Postgres: they truly overlap) --


async def test_a_row_a_concurrent_transaction_inserted_first_is_skipped(
    committed_member: uuid.UUID,
) -> None:
    async def batch() -> list[uuid.UUID]:
        async with db.session_scope() as s:
            return await inbox.notify_many(
                s, [matured(committed_member, "k"), matured(committed_member, "other")]
            )

    async with db.session_scope() as s:
        first = await inbox.notify(s, **vars(matured(committed_member, "k")))
        task = asyncio.create_task(batch())
        await asyncio.sleep(0.5)
        # Past its existence check (which did not see our uncommitted row), it waits on the
        # unique key for our commit.
        assert not task.done()
    ids = await task
    assert ids[0] == first
    async with db.session_scope() as s:
        # The user has their welcome notification too (raised after their registration).
        rows = (
            await s.exec(
                select(Notification.id)
                .where(col(Notification.user_id) == committed_member)
                .where(col(Notification.type) == "buz.stake_matured")
            )
        ).all()
        assert sorted(rows) == sorted(ids)
        deliveries = (
            await s.exec(
                select(NotificationDelivery.notification_id).where(
                    col(NotificationDelivery.notification_id).in_(ids)
                )
            )
        ).all()
        assert sorted(deliveries) == sorted(ids), "one delivery each: the loser added none"
        welcome = 1
        assert await inbox.unread_count(s, committed_member) == welcome + 2
