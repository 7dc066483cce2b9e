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
