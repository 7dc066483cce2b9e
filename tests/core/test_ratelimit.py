from __future__ import annotations

import asyncio
import logging
import socket
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Annotated

import pytest
import redis.asyncio as aioredis
from fastapi import Depends, FastAPI, Request
from httpx import ASGITransport, AsyncClient

from brain.core import ratelimit
from brain.core.config import Settings
from brain.core.errors import PROBLEM_CONTENT_TYPE, install_exception_handlers
from brain.core.ratelimit import RateLimitResult, hit, rate_limit
from tests.conftest import TEST_REDIS_URL, requires_redis


class FakeClock:
    # 20 s into a minute (999,960 is a multiple of 60).
    def __init__(self, now: float = 999_980.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Iterator[FakeClock]:
    fake = FakeClock()
    ratelimit.use_clock(fake)
    ratelimit.reset()
    yield fake
    ratelimit.use_clock(None)
    ratelimit.reset()


async def fake_auth(request: Request) -> str:
    """Stands in for the auth dependency: it sets `request.state.user_id`."""
    user = request.headers.get("x-test-user")
    if user:
        request.state.user_id = user
    return user or ""


per_user = rate_limit(
    "test.upload", limit=lambda s: s.rate_limit_uploads_per_hour, window_seconds=3600, key="user"
)


def make_app(settings: Settings) -> FastAPI:
    app = FastAPI()
    app.state.settings = settings
    install_exception_handlers(app)

    @app.get(
        "/login",
        dependencies=[
            Depends(rate_limit("test.login", limit=lambda _s: 3, window_seconds=60, key="ip"))
        ],
    )
    async def login() -> dict[str, bool]:
        return {"ok": True}

    @app.post("/upload", dependencies=[Depends(fake_auth), Depends(per_user)])
    async def upload() -> dict[str, bool]:
        return {"ok": True}

    @app.post("/upload-annotated")
    async def upload_annotated(
        _user: Annotated[str, Depends(fake_auth)], _limit: Annotated[None, Depends(per_user)]
    ) -> dict[str, bool]:
        return {"ok": True}

    return app


@pytest.fixture
async def limited(settings: Settings, clock: FakeClock) -> AsyncIterator[AsyncClient]:
    transport = ASGITransport(app=make_app(settings))
    async with AsyncClient(transport=transport, base_url="http://test") as c:
        yield c


async def test_requests_over_the_limit_answer_429_problem_with_retry_after(
    limited: AsyncClient, clock: FakeClock
) -> None:
    for _ in range(3):
        assert (await limited.get("/login")).status_code == 200
    clock.now += 5
    response = await limited.get("/login")
    assert response.status_code == 429
    assert response.headers["content-type"] == PROBLEM_CONTENT_TYPE
    body = response.json()
    assert body["code"] == "RATE_LIMITED"
    assert body["status"] == 429
    # The window is aligned to the minute: 20 s had passed in it, then 5 more.
    assert response.headers["retry-after"] == "35"


async def test_the_limit_resets_when_the_window_ends(
    limited: AsyncClient, clock: FakeClock
) -> None:
    for _ in range(3):
        await limited.get("/login")
    assert (await limited.get("/login")).status_code == 429
    clock.now += 40
    assert (await limited.get("/login")).status_code == 200


async def test_per_user_limits_count_each_user_separately(
    limited: AsyncClient, settings: Settings, clock: FakeClock
) -> None:
    for path in ("/upload", "/upload-annotated"):
        ratelimit.reset()
        for _ in range(settings.rate_limit_uploads_per_hour):
            assert (await limited.post(path, headers={"x-test-user": "alice"})).status_code == 200
        assert (await limited.post(path, headers={"x-test-user": "alice"})).status_code == 429
        assert (await limited.post(path, headers={"x-test-user": "bob"})).status_code == 200
        # No user id: counted per IP, and not charged to either user.
        assert (await limited.post(path)).status_code == 200


async def test_disabled_rate_limits_let_everything_through(
    settings: Settings, clock: FakeClock
) -> None:
    app = make_app(settings.model_copy(update={"rate_limits_enabled": False}))
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as c:
        statuses = {(await c.get("/login")).status_code for _ in range(10)}
    assert statuses == {200}


async def test_hit_reports_remaining_and_retry_after(clock: FakeClock) -> None:
    assert await hit("k", limit=2, window_seconds=60) == RateLimitResult(True, 1, 0)
    assert await hit("k", limit=2, window_seconds=60) == RateLimitResult(True, 0, 0)
    assert await hit("k", limit=2, window_seconds=60) == RateLimitResult(False, 0, 40)
    # Another key has its own counter.
    assert (await hit("other", limit=2, window_seconds=60)).allowed


def test_memory_store_stays_bounded() -> None:
    store = ratelimit.MemoryStore(max_keys=100)
    for n in range(1000):
        store.incr(f"k{n}", window_end=10.0 + n, now=float(n))
    assert len(store) <= 100
    # The newest counts survive.
    assert store.incr("k999", window_end=1009.0, now=999.0) == 2


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_unreachable_redis_fails_open_with_a_warning(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(settings, "redis_url", f"redis://127.0.0.1:{_closed_port()}/0")
    monkeypatch.setattr(ratelimit, "_last_warning", 0.0)
    await ratelimit.aclose()
    try:
        with caplog.at_level(logging.WARNING, logger="brain.core.ratelimit"):
            results = [await hit("down", limit=1, window_seconds=60) for _ in range(3)]
    finally:
        await ratelimit.aclose()
    assert all(r.allowed for r in results)
    warnings = [r for r in caplog.records if "failing open" in r.getMessage()]
    assert len(warnings) == 1


@requires_redis
async def test_two_processes_share_one_counter_through_redis(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert TEST_REDIS_URL is not None
    monkeypatch.setattr(settings, "redis_url", TEST_REDIS_URL)
    key = f"shared-{uuid.uuid4().hex}"
    first = aioredis.Redis.from_url(TEST_REDIS_URL)
    second = aioredis.Redis.from_url(TEST_REDIS_URL)
    try:
        results = []
        for client in (first, second, first, second):
            # Each "process" has its own client, as each process would.
            monkeypatch.setattr(ratelimit, "_redis", client)
            monkeypatch.setattr(ratelimit, "_redis_url", TEST_REDIS_URL)
            results.append(await hit(key, limit=3, window_seconds=3600))
        assert [r.allowed for r in results] == [True, True, True, False]
        assert [r.remaining for r in results] == [2, 1, 0, 0]
        assert results[-1].retry_after >= 1
    finally:
        await first.aclose()
        await second.aclose()


async def _command_calls(client: aioredis.Redis) -> dict[str, int]:
    stats = await client.info("commandstats")
    return {name.removeprefix("cmdstat_"): int(v["calls"]) for name, v in stats.items()}


@requires_redis
async def test_a_check_on_redis_is_one_script_call_that_expires_its_window(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert TEST_REDIS_URL is not None
    monkeypatch.setattr(settings, "redis_url", TEST_REDIS_URL)
    key = f"one-call-{uuid.uuid4().hex}"
    observer = aioredis.Redis.from_url(TEST_REDIS_URL)
    try:
        await hit(key, limit=100, window_seconds=600)  # loads the script if Redis lacks it
        before = await _command_calls(observer)
        results = [await hit(key, limit=100, window_seconds=600) for _ in range(10)]
        after = await _command_calls(observer)
        (window_key,) = await observer.keys(f"{ratelimit.KEY_PREFIX}{key}:*")
        ttl = await observer.ttl(window_key)
    finally:
        await ratelimit.aclose()
        await observer.aclose()

    assert [r.remaining for r in results] == list(range(98, 88, -1))
    assert after.get("evalsha", 0) - before.get("evalsha", 0) == 10
    # No transaction around it: MULTI/EXEC cost four commands a check.
    assert after.get("multi", 0) == before.get("multi", 0)
    assert 0 < ttl <= 601


# Batched counting: the per-user API limit's hits, synced to Redis once per interval.


def _on_redis(settings: Settings, monkeypatch: pytest.MonkeyPatch, *, sync_seconds: float) -> str:
    """The limiter on the test Redis, batched hits synced every `sync_seconds`."""
    assert TEST_REDIS_URL is not None
    monkeypatch.setattr(settings, "redis_url", TEST_REDIS_URL)
    monkeypatch.setattr(settings, "rate_limit_sync_seconds", sync_seconds)
    return TEST_REDIS_URL


async def _window_count(client: aioredis.Redis, key: str) -> int:
    keys = await client.keys(f"{ratelimit.KEY_PREFIX}{key}:*")
    return sum([int(await client.get(k) or 0) for k in keys])


async def test_batched_hits_are_limited_in_the_process_while_redis_is_down(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, closed_port: int
) -> None:
    monkeypatch.setattr(settings, "redis_url", f"redis://127.0.0.1:{closed_port}/0")
    monkeypatch.setattr(settings, "rate_limit_sync_seconds", 0.05)
    await ratelimit.aclose()
    try:
        results = [await hit("offline", limit=3, window_seconds=60, batched=True) for _ in range(4)]
    finally:
        await ratelimit.aclose()
    # No round trip was needed to decide, and the process's own hits still count.
    assert [r.allowed for r in results] == [True, True, True, False]
    assert [r.remaining for r in results] == [2, 1, 0, 0]
    assert results[-1].retry_after >= 1


@requires_redis
async def test_batched_hits_reach_redis_in_one_script_call_per_sync(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = _on_redis(settings, monkeypatch, sync_seconds=0.2)
    key = f"batched-{uuid.uuid4().hex}"
    observer = aioredis.Redis.from_url(url)
    try:
        await observer.script_load(ratelimit.SYNC_SCRIPT)
        before = await _command_calls(observer)
        results = [await hit(key, limit=100, window_seconds=600, batched=True) for _ in range(10)]
        assert await _window_count(observer, key) == 0  # not sent yet: one interval later
        for _ in range(100):
            if await _window_count(observer, key) == 10:
                break
            await asyncio.sleep(0.02)
        after = await _command_calls(observer)
        (window_key,) = await observer.keys(f"{ratelimit.KEY_PREFIX}{key}:*")
        ttl = await observer.ttl(window_key)
    finally:
        await ratelimit.aclose()
        await observer.aclose()

    assert [r.remaining for r in results] == list(range(99, 89, -1))
    assert await _window_count_after(key) == 10
    assert after.get("evalsha", 0) - before.get("evalsha", 0) == 1
    assert 0 < ttl <= 601


async def _window_count_after(key: str) -> int:
    assert TEST_REDIS_URL is not None
    client = aioredis.Redis.from_url(TEST_REDIS_URL)
    try:
        return await _window_count(client, key)
    finally:
        await client.aclose()


def _one_hit(counts: ratelimit.BatchedCounts, key: str) -> int:
    """A hit in a window that has not ended (the count it is judged by)."""
    return counts.count(key, window_end=4e9, ttl=600, now=1e9)


@requires_redis
async def test_batched_counts_of_two_processes_add_up_and_limit_both() -> None:
    assert TEST_REDIS_URL is not None
    key = f"{ratelimit.KEY_PREFIX}two-{uuid.uuid4().hex}:1"
    first, second = ratelimit.BatchedCounts(), ratelimit.BatchedCounts()
    client = aioredis.Redis.from_url(TEST_REDIS_URL)
    try:
        assert [_one_hit(first, key) for _ in range(3)] == [1, 2, 3]
        # The second process has not heard of them: it judges by its own hit.
        assert _one_hit(second, key) == 1
        await first.sync(client)
        await second.sync(client)
        # After its sync, the second judges by every hit so far (3 + 1) plus its new one;
        # the first still by what it knew at its own sync (3) plus its new one.
        assert _one_hit(second, key) == 5
        assert _one_hit(first, key) == 4
        await second.sync(client)
        await first.sync(client)
        assert int(await client.get(key) or 0) == 6
        assert first.unsent() == second.unsent() == 0
        # The first learnt the second's hits with its sync.
        assert _one_hit(first, key) == 7
    finally:
        await client.aclose()


@requires_redis
async def test_batched_hits_that_could_not_be_sent_are_sent_with_the_next_sync(
    closed_port: int, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert TEST_REDIS_URL is not None
    monkeypatch.setattr(ratelimit, "_last_warning", 0.0)
    key = f"{ratelimit.KEY_PREFIX}kept-{uuid.uuid4().hex}:1"
    counts = ratelimit.BatchedCounts()
    down = aioredis.Redis.from_url(f"redis://127.0.0.1:{closed_port}/0", socket_connect_timeout=0.5)
    up = aioredis.Redis.from_url(TEST_REDIS_URL)
    try:
        for _ in range(5):
            _one_hit(counts, key)
        with caplog.at_level(logging.WARNING, logger="brain.core.ratelimit"):
            await counts.sync(down)
        assert counts.unsent() == 5
        assert any("counts are kept" in r.getMessage() for r in caplog.records)
        await counts.sync(up)
        assert counts.unsent() == 0
        assert int(await up.get(key) or 0) == 5
    finally:
        await down.aclose()
        await up.aclose()


@requires_redis
async def test_shutdown_sends_the_batched_hits_not_yet_synced(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    _on_redis(settings, monkeypatch, sync_seconds=5.0)
    key = f"shutdown-{uuid.uuid4().hex}"
    for _ in range(3):
        await hit(key, limit=100, window_seconds=600, batched=True)
    await ratelimit.aclose()
    assert await _window_count_after(key) == 3


def test_batched_counts_stay_bounded() -> None:
    counts = ratelimit.BatchedCounts(max_keys=10)
    for i in range(25):
        counts.count(f"k{i}", window_end=4e9, ttl=600, now=1e9)
    assert len(counts._counts) <= 10
    # The newest keys are kept, with their hits.
    assert counts._counts["k24"].unsent == 1
    # A window that ended goes first.
    ended = ratelimit.BatchedCounts(max_keys=2)
    ended.count("old", window_end=5.0, ttl=60, now=1.0)
    ended.count("live", window_end=4e9, ttl=60, now=1.0)
    ended.count("new", window_end=4e9, ttl=60, now=10.0)
    assert set(ended._counts) == {"live", "new"}
