"""Redis stops under a running Brain (`brain serve` and `brain worker`) and comes back.

Meanwhile `/api/health` says degraded (Redis unavailable, the database fine), and what does
not need Redis keeps answering: balance reads, transfers, a new registration. The
registration's welcome notification is recorded, but its email needs Redis (the delivery job is
queued there), so its `notifications.created` event stays undelivered in the outbox, with the
error. After
Redis returns (empty: it keeps nothing on disk), health is healthy again and the outbox
sweeper in the worker delivers the event: the email is sent.
"""

from __future__ import annotations

import asyncio
import itertools
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import create_async_engine

from tests.conftest import requires_postgres, requires_redis
from tests.faults.harness import (
    BrainProcess,
    BrainServer,
    Member,
    RedisServer,
    brain_env,
    eventually,
    new_attempt,
    register_member,
    transfer,
)

pytestmark = [requires_postgres, requires_redis, pytest.mark.slow, pytest.mark.faults]

CREATED = "notifications.created"


async def _welcome_email(database_url: str, member: Member) -> dict[str, Any]:
    """The email delivery of the member's welcome notification, and the outbox event that
    hands it to the delivery job."""
    engine = create_async_engine(database_url)
    try:
        async with engine.connect() as conn:
            email = (
                (
                    await conn.execute(
                        sa.text(
                            "SELECT d.id, d.status, d.notification_id "
                            "FROM notification_deliveries d "
                            "JOIN notifications n ON n.id = d.notification_id "
                            "WHERE n.user_id = :u AND n.type = 'user.welcome' "
                            "AND d.channel = 'email'"
                        ),
                        {"u": uuid.UUID(member.user_id)},
                    )
                )
                .mappings()
                .one()
            )
            event = (
                (
                    await conn.execute(
                        sa.text(
                            "SELECT dispatched_at, attempts, last_error FROM outbox_events "
                            "WHERE name = :name AND payload ->> 'notification_id' = :id"
                        ),
                        {"name": CREATED, "id": str(email["notification_id"])},
                    )
                )
                .mappings()
                .one()
            )
    finally:
        await engine.dispose()
    return {"email_id": email["id"], "status": email["status"], **event}


async def test_redis_outage_keeps_the_api_answering_and_the_outbox_delivers_after(
    database_url: str,
    redis_server: RedisServer,
    start_server: Callable[[dict[str, str]], BrainServer],
    start_worker: Callable[[dict[str, str]], BrainProcess],
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    env = brain_env(
        database_url=database_url,
        data_dir=data_dir,
        redis_url=redis_server.url,
        # The sweeper every second (the shortest cron period) for a quick test; its grace
        # period keeps it off events whose own dispatch is still under way.
        outbox_sweep_seconds="1",
        outbox_sweep_grace_seconds="1",
        job_retry_base_seconds="0.2",
    )
    server, worker = await asyncio.gather(
        asyncio.to_thread(start_server, env), asyncio.to_thread(start_worker, env)
    )

    async with httpx.AsyncClient(base_url=server.url, timeout=30) as http:

        def health_is(status: str) -> Callable[[], Awaitable[bool]]:
            async def check() -> bool:
                response = await http.get("/api/health")
                return response.status_code == 200 and response.json()["status"] == status

            return check

        alice, bob = await asyncio.gather(
            register_member(http, "alice"), register_member(http, "bob")
        )
        await eventually("healthy with Redis up", health_is("healthy"))

        # Light load through it all: balance reads and transfers, none of which needs Redis.
        phase = "before"
        answers: list[tuple[str, str, int | None]] = []
        stop = asyncio.Event()

        async def load() -> None:
            pairs = itertools.cycle([(alice, bob), (bob, alice)])
            while not stop.is_set():
                sender, recipient = next(pairs)
                read = await http.get(f"/api/buz/balance/{sender.user_id}", headers=sender.headers)
                answers.append((phase, "balance", read.status_code))
                sent = await transfer(http, new_attempt(sender, recipient))
                answers.append((phase, "transfer", sent.status))
                await asyncio.sleep(0.02)

        def during(name: str) -> Callable[[], Awaitable[bool]]:
            async def check() -> bool:
                return sum(1 for p, _, _ in answers if p == name) >= 10

            return check

        loader = asyncio.create_task(load())
        try:
            await eventually("load before the outage", during("before"))
            await asyncio.to_thread(redis_server.stop)
            phase = "outage"
            await eventually("health reports degraded", health_is("degraded"))
            health = (await http.get("/api/health")).json()
            assert health["checks"]["redis"] == "unavailable"
            assert health["checks"]["database"] == "ok"

            # A registration needs no Redis either, but its welcome email does.
            carol = await register_member(http, "carol")
            pending = await _welcome_email(database_url, carol)
            assert pending["status"] == "PENDING"
            assert pending["dispatched_at"] is None, "delivered while Redis was down?"
            assert pending["last_error"], "the failed dispatch left no error"
            await eventually("load during the outage", during("outage"))
            assert (await http.get("/api/health")).json()["status"] == "degraded"

            await asyncio.to_thread(redis_server.start)
            await eventually("health reports healthy again", health_is("healthy"))
            phase = "after"

            async def email_sent() -> bool:
                return bool((await _welcome_email(database_url, carol))["status"] == "SENT")

            await eventually("the outbox delivers the welcome email", email_sent, log=worker.log)
            await eventually("load after the outage", during("after"))
        finally:
            stop.set()
            await loader

        delivered = await _welcome_email(database_url, carol)
        assert delivered["dispatched_at"] is not None
        assert delivered["last_error"] is None
        eml = data_dir / "outbox" / f"{delivered['email_id']}.eml"
        assert carol.email in eml.read_text()
    failed = [a for a in answers if a[2] not in (200, 201)]
    assert not failed, failed
    assert server.alive()
    assert worker.alive(), "brain worker exited while Redis was down"
