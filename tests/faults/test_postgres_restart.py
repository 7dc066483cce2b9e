"""Postgres restarts under a Brain that keeps running.

Transfers flow from a few clients while the fault tests' own Postgres is stopped (`pg_ctl stop
-m fast`: sessions end, open transactions roll back) and started again. Meanwhile requests get
503 problem+json; afterwards the same `brain serve` process answers again (its pool replaced
the dead connections; no process restart), and no committed transfer is lost or doubled.

A request cut off by the stop may have committed without its client seeing the 201, so the
claim is checked the way a client would settle it: every key is sent again after the restart.
A key that got 201 replays its transfer (200, same id); any other key gets its transfer now or
replays the one that committed unseen; and the ledger holds exactly one transfer per key.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
import pytest

from brain.core.errors import PROBLEM_CONTENT_TYPE
from tests.conftest import requires_postgres, requires_redis
from tests.faults.harness import (
    Attempt,
    BrainServer,
    Member,
    PostgresCluster,
    brain_cli,
    brain_env,
    eventually,
    ledger_key,
    new_attempt,
    register_member,
    stored_transfers,
    transfer,
    transfer_all,
)

pytestmark = [requires_postgres, requires_redis, pytest.mark.slow, pytest.mark.faults]

CLIENTS = 4


def _problem(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM_CONTENT_TYPE)
    body = response.json()
    assert body["status"] == status
    assert body["code"] == code


async def test_postgres_restart_answers_503_then_recovers_losing_and_doubling_no_transfer(
    postgres_cluster: PostgresCluster,
    database_url: str,
    start_server: Callable[[dict[str, str]], BrainServer],
    tmp_path: Path,
) -> None:
    env = brain_env(
        database_url=database_url,
        data_dir=tmp_path / "data",
        rate_limits_enabled="false",
        db_connect_timeout="2",
        db_pool_timeout="2",
    )
    server = await asyncio.to_thread(start_server, env)
    pid = server.pid
    attempts: list[Attempt] = []
    stop = asyncio.Event()

    async with httpx.AsyncClient(base_url=server.url, timeout=30) as http:
        alice, bob = await asyncio.gather(
            register_member(http, "alice"), register_member(http, "bob")
        )
        pairs = itertools.cycle([(alice, bob), (bob, alice)])

        async def client() -> None:
            while not stop.is_set():
                sender, recipient = next(pairs)
                attempts.append(await transfer(http, new_attempt(sender, recipient)))
                await asyncio.sleep(0.05)  # light load

        def created() -> int:
            return sum(1 for a in attempts if a.status == 201)

        clients = [asyncio.create_task(client()) for _ in range(CLIENTS)]
        try:
            await eventually("transfers before the outage", _at_least(created, 10))
            await asyncio.to_thread(postgres_cluster.stop, "fast")

            # During the outage: readiness, reads and writes all say 503, as problem+json.
            health = await http.get("/api/health")
            assert health.status_code == 503
            assert health.json()["status"] == "unhealthy"
            assert health.json()["checks"]["database"] == "unavailable"
            _problem(
                await http.get(f"/api/buz/balance/{alice.user_id}", headers=alice.headers),
                503, "SERVICE_UNAVAILABLE",
            )  # fmt: skip
            refused = await transfer(http, new_attempt(alice, bob))
            attempts.append(refused)
            assert refused.status == 503, refused.body  # its body is checked with the rest

            await asyncio.to_thread(postgres_cluster.start)
            await eventually("a balance read after the restart", _answers(http, alice))
            after_restart = created()
            await eventually("transfers after the restart", _at_least(created, after_restart + 10))
        finally:
            stop.set()
            await asyncio.gather(*clients)

        # The same process, never restarted.
        assert server.alive()
        assert server.pid == pid
        outcomes = {a.status or a.error for a in attempts}
        assert outcomes <= {201, 503}, f"unexpected outcomes {outcomes}"
        refusals = [a for a in attempts if a.status == 503]
        assert refusals
        for a in refusals:
            assert (a.content_type or "").startswith(PROBLEM_CONTENT_TYPE), a
            assert a.body["code"] == "SERVICE_UNAVAILABLE", a.body

        # Every key again, as a client that did not see its answer would send it.
        replays = await transfer_all(http, [a.again() for a in attempts])

    for first, replay in zip(attempts, replays, strict=True):
        if first.status == 201:
            assert replay.status == 200, (first, replay)
            assert replay.body["id"] == first.body["id"]
        else:
            assert replay.status in (200, 201), (first, replay)

    stored = await stored_transfers(database_url)
    for first, replay in zip(attempts, replays, strict=True):
        group_id, legs = stored.by_key[ledger_key(first)]
        assert group_id == replay.body["id"]
        assert legs == 2  # the transfer and its fee, once
    # Exactly one transfer per key, and none without a key.
    assert len(stored.by_key) == stored.groups == len(attempts)

    checked = await asyncio.to_thread(brain_cli, env, "check-ledger")
    assert checked.returncode == 0, checked.stdout + checked.stderr


def _at_least(count: Callable[[], int], n: int) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        return count() >= n

    return check


def _answers(http: httpx.AsyncClient, member: Member) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        response = await http.get(f"/api/buz/balance/{member.user_id}", headers=member.headers)
        return response.status_code == 200

    return check
