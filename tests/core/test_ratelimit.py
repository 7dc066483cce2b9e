from __future__ import annotations

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
