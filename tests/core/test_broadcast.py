"""Live fan-out: in-process, and across processes through Redis."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest

from brain.core.broadcast import Broadcast, RedisBroadcast, SlowConsumer
from tests.conftest import TEST_REDIS_URL, requires_redis


async def test_every_subscriber_of_a_channel_gets_each_message() -> None:
    hub = Broadcast()
    async with hub.subscribe("venture:1") as a, hub.subscribe("venture:1") as b:
        async with hub.subscribe("venture:2") as other:
            await hub.publish("venture:1", {"n": 1})
            assert (await a.get()).data == {"n": 1}
            assert (await b.get()).data == {"n": 1}
            with pytest.raises(TimeoutError):
                await asyncio.wait_for(other.get(), 0.05)


async def test_a_subscriber_that_falls_behind_is_cut_off_not_buffered() -> None:
    hub = Broadcast()
    async with hub.subscribe("user:1", max_queue=3) as slow:
        for n in range(5):
            await hub.publish("user:1", {"n": n})
        assert slow.overflowed
        with pytest.raises(SlowConsumer):
            await slow.get()


async def test_unsubscribing_stops_delivery_and_forgets_the_channel() -> None:
    hub = Broadcast()
    async with hub.subscribe("team:1"):
        pass
    await hub.publish("team:1", {"n": 1})
    assert hub._subscribers == {}


@pytest.fixture
async def two_processes() -> AsyncIterator[tuple[RedisBroadcast, RedisBroadcast]]:
    assert TEST_REDIS_URL is not None
    a, b = RedisBroadcast(TEST_REDIS_URL), RedisBroadcast(TEST_REDIS_URL)
    await a.start()
    await b.start()
    async with asyncio.timeout(5):
        await a.wait_connected()
        await b.wait_connected()
    yield a, b
    await a.stop()
    await b.stop()


@requires_redis
async def test_a_message_published_in_one_process_reaches_subscribers_in_another(
    two_processes: tuple[RedisBroadcast, RedisBroadcast],
) -> None:
    a, b = two_processes
    channel = f"venture:{uuid.uuid4()}"
    async with b.subscribe(channel) as sub:
        await asyncio.sleep(0.1)  # SUBSCRIBE reaches Redis
        await a.publish(channel, {"stage": "PLANNING"})
        message = await asyncio.wait_for(sub.get(), 2)
    assert message.kind == "message"
    assert message.data == {"stage": "PLANNING"}


@requires_redis
async def test_losing_redis_tells_subscribers_to_resync_then_recovers(
    two_processes: tuple[RedisBroadcast, RedisBroadcast],
) -> None:
    import redis.asyncio as redis

    a, b = two_processes
    channel = f"user:{uuid.uuid4()}"
    assert TEST_REDIS_URL is not None
    admin = redis.Redis.from_url(TEST_REDIS_URL)
    async with b.subscribe(channel) as sub:
        await asyncio.sleep(0.1)
        await admin.execute_command("CLIENT", "KILL", "TYPE", "pubsub")
        resync = await asyncio.wait_for(sub.get(), 3)
        assert resync.kind == "resync"
        async with asyncio.timeout(5):
            await b.wait_connected()
        await asyncio.sleep(0.1)
        await a.publish(channel, {"after": "reconnect"})
        message = await asyncio.wait_for(sub.get(), 3)
        assert message.data == {"after": "reconnect"}
    await admin.aclose()


async def _history_cases(hub: Broadcast) -> None:
    channel = f"venture:{uuid.uuid4()}"
    start = await hub.position(channel)
    assert start.offset == 0
    published = [await hub.publish(channel, {"n": n}) for n in range(1, 6)]
    assert [m.offset for m in published] == [1, 2, 3, 4, 5]
    assert {m.epoch for m in published} == {start.epoch}
    # A client that saw offset 2 gets exactly 3, 4, 5, in order.
    got = await hub.history(channel, since=2, epoch=start.epoch)
    assert got.recovered
    assert [(m.offset, m.data) for m in got.messages] == [
        (3, {"n": 3}),
        (4, {"n": 4}),
        (5, {"n": 5}),
    ]
    assert got.position.offset == 5
    assert (await hub.history(channel, since=5, epoch=start.epoch)).recovered
    # Another epoch, an offset from the future, or one the bounded history no longer covers
    # is not a recovery: the client must reload.
    assert not (await hub.history(channel, since=2, epoch="other")).recovered
    assert not (await hub.history(channel, since=9, epoch=start.epoch)).recovered
    for n in range(6, 10):
        await hub.publish(channel, {"n": n})
    trimmed = await hub.history(channel, since=1, epoch=start.epoch)
    assert not trimmed.recovered
    assert trimmed.messages == []
    kept = await hub.history(channel, since=5, epoch=start.epoch)
    assert [m.offset for m in kept.messages] == [6, 7, 8, 9]


async def test_publications_are_numbered_and_missed_ones_recovered_in_process() -> None:
    await _history_cases(Broadcast(history_size=4))


async def test_a_subscriber_sees_each_publications_offset_and_epoch() -> None:
    hub = Broadcast()
    async with hub.subscribe("user:7") as sub:
        sent = await hub.publish("user:7", {"n": 1})
        got = await sub.get()
    assert (got.offset, got.epoch) == (1, sent.epoch)


async def test_an_idle_channels_history_expires_into_a_new_epoch() -> None:
    hub = Broadcast(history_ttl=0.05)
    first = await hub.publish("team:1", {"n": 1})
    await asyncio.sleep(0.06)
    second = await hub.publish("team:1", {"n": 2})
    assert second.epoch != first.epoch
    assert second.offset == 1
    assert not (await hub.history("team:1", since=1, epoch=first.epoch)).recovered


@requires_redis
async def test_publications_are_numbered_and_recovered_through_redis() -> None:
    assert TEST_REDIS_URL is not None
    hub = RedisBroadcast(TEST_REDIS_URL, history_size=4)
    await hub.start()
    try:
        await _history_cases(hub)
    finally:
        await hub.stop()


@requires_redis
async def test_two_processes_share_one_stream_and_losing_its_state_changes_the_epoch(
    two_processes: tuple[RedisBroadcast, RedisBroadcast],
) -> None:
    import redis.asyncio as redis

    a, b = two_processes
    channel = f"user:{uuid.uuid4()}"
    async with b.subscribe(channel) as sub:
        await asyncio.sleep(0.1)
        one = await a.publish(channel, {"n": 1})
        two = await b.publish(channel, {"n": 2})
        assert (one.offset, two.offset, one.epoch) == (1, 2, two.epoch)
        live = [await asyncio.wait_for(sub.get(), 2) for _ in range(2)]
    assert [(m.offset, m.epoch, m.data) for m in live] == [
        (1, one.epoch, {"n": 1}),
        (2, one.epoch, {"n": 2}),
    ]
    assert [m.data for m in (await b.history(channel, since=0, epoch=one.epoch)).messages] == [
        {"n": 1},
        {"n": 2},
    ]
    assert TEST_REDIS_URL is not None
    admin = redis.Redis.from_url(TEST_REDIS_URL)
    await admin.delete(*(k for k in await admin.keys(f"brain:broadcast:{{{channel}}}:*")))
    await admin.aclose()
    after = await a.publish(channel, {"n": 3})
    assert after.epoch != one.epoch
    assert after.offset == 1
    assert not (await a.history(channel, since=2, epoch=one.epoch)).recovered
