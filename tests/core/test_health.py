"""`/api/health` (readiness) and `/api/health/live` (liveness)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from datetime import timedelta

import pytest
from fastapi import APIRouter, FastAPI
from httpx import ASGITransport, AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from brain import api, installed
from brain.app import create_app
from brain.core import jobs
from brain.core.config import Settings, get_settings
from brain.core.manifest import DomainManifest
from brain.core.models import OutboxEvent, new_id, utcnow
from tests.conftest import TEST_REDIS_URL, requires_redis

SetEnv = Callable[..., None]


@pytest.fixture
def set_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[SetEnv]:
    """Set `BRAIN_*` variables for this test; modules that call get_settings() see them."""

    def set_(**values: str) -> None:
        for name, value in values.items():
            monkeypatch.setenv(f"BRAIN_{name.upper()}", value)
        get_settings.cache_clear()

    yield set_
    monkeypatch.undo()
    get_settings.cache_clear()


async def test_health_is_healthy_on_the_test_database(client: AsyncClient) -> None:
    response = await client.get("/api/health")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "healthy"
    assert body["version"]
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["redis"] == "not_configured"
    assert body["checks"]["outbox_backlog"] == 0


async def test_liveness_probe_answers_alive(client: AsyncClient) -> None:
    response = await client.get("/api/health/live")

    assert response.status_code == 200
    assert response.json() == {"status": "alive"}


async def test_services_lists_every_installed_domain(client: AsyncClient) -> None:
    body = (await client.get("/api/health")).json()

    assert body["services"] == dict.fromkeys(api.service_names(), "active")
    assert set(body["services"]) == {
        "users",
        "auth",
        "state-machines",
        "legal",
        "buz",
        "ventures",
        "websocket",
    }


async def test_services_lists_a_newly_installed_domain(
    settings: Settings, db_connection: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    ventures = DomainManifest(
        "ventures",
        models=None,
        router=APIRouter(prefix="/ventures", tags=["ventures"]),
        tag="ventures",
        description="Ventures.",
    )
    monkeypatch.setattr(api, "DOMAINS", [*installed.DOMAINS, ventures])
    app = create_app(settings)

    transport = ASGITransport(app=app, raise_app_exceptions=False)
    async with AsyncClient(transport=transport, base_url="http://test") as client:
        body = (await client.get("/api/health")).json()

    assert body["services"]["ventures"] == "active"
    assert set(body["services"]) == set(api.service_names())


async def test_outbox_backlog_counts_undispatched_rows_past_the_grace_period(
    client: AsyncClient, session: AsyncSession, set_env: SetEnv
) -> None:
    set_env(outbox_sweep_grace_seconds="60")
    long_ago = utcnow() - timedelta(minutes=10)
    session.add_all(
        [
            # Stuck: committed and never dispatched.
            OutboxEvent(id=new_id(), name="test.stuck", payload={}, created_at=long_ago),
            OutboxEvent(id=new_id(), name="test.stuck", payload={}, created_at=long_ago),
            # Dispatched: not backlog, however old.
            OutboxEvent(
                id=new_id(),
                name="test.done",
                payload={},
                created_at=long_ago,
                dispatched_at=long_ago + timedelta(seconds=1),
            ),
            # Just published: its dispatch after commit may still be running.
            OutboxEvent(id=new_id(), name="test.fresh", payload={}),
        ]
    )
    await session.flush()

    body = (await client.get("/api/health")).json()

    assert body["checks"]["outbox_backlog"] == 2
    assert body["status"] == "healthy"


async def test_large_outbox_backlog_makes_health_degraded(
    app: FastAPI, client: AsyncClient, session: AsyncSession, set_env: SetEnv
) -> None:
    set_env(outbox_degraded_backlog="3")
    app.state.settings = get_settings()  # the health route reads the app's settings
    long_ago = utcnow() - timedelta(minutes=10)
    session.add_all(
        OutboxEvent(id=new_id(), name="test.stuck", payload={}, created_at=long_ago)
        for _ in range(3)
    )
    await session.flush()

    response = await client.get("/api/health")

    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["outbox_backlog"] == 3


async def test_health_is_unhealthy_503_when_the_database_is_unreachable(
    unreachable_db_client: AsyncClient,
) -> None:
    response = await unreachable_db_client.get("/api/health")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unhealthy"
    assert body["checks"]["database"] == "unavailable"
    assert body["checks"]["outbox_backlog"] is None


async def test_liveness_stays_up_when_the_database_is_unreachable(
    unreachable_db_client: AsyncClient,
) -> None:
    response = await unreachable_db_client.get("/api/health/live")

    assert response.status_code == 200


@asynccontextmanager
async def redis_health_client(
    redis_url: str, set_env: SetEnv, *, start: bool
) -> AsyncIterator[AsyncClient]:
    """A client of an app configured with `redis_url`, with a job backend built from the same
    settings (as the app's lifespan would)."""
    set_env(redis_url=redis_url)
    previous = jobs.get_backend()
    backend = jobs.configure(get_settings())
    assert isinstance(backend, jobs.ArqJobs)
    try:
        if start:
            await backend.start()
        transport = ASGITransport(app=create_app(get_settings()), raise_app_exceptions=False)
        async with AsyncClient(transport=transport, base_url="http://test") as client:
            yield client
    finally:
        await backend.stop()
        jobs.use_backend(previous)


async def test_health_is_degraded_when_redis_is_unreachable(
    db_connection: object, set_env: SetEnv, closed_port: int
) -> None:
    redis_url = f"redis://127.0.0.1:{closed_port}/0"
    async with redis_health_client(redis_url, set_env, start=False) as client:
        response = await client.get("/api/health")

        assert response.status_code == 200
        body = response.json()
        assert body["status"] == "degraded"
        assert body["checks"]["redis"] == "unavailable"
        assert body["checks"]["database"] == "ok"


@requires_redis
async def test_health_is_healthy_with_redis_reachable(
    db_connection: object, set_env: SetEnv
) -> None:
    assert TEST_REDIS_URL is not None
    async with redis_health_client(TEST_REDIS_URL, set_env, start=True) as client:
        response = await client.get("/api/health")

        assert response.status_code == 200
        body = response.json()
        assert body["checks"]["redis"] == "ok"
        assert body["status"] == "healthy"
