"""`brain serve` is killed (SIGKILL, its whole process group) during a burst of transfers.

No shutdown code runs: transactions in flight die with their connections, and requests in
flight get no answer. After a restart the ledger invariant check passes (`brain check-ledger`
and `GET /api/buz/admin/verify`), every transfer that was answered 201 exists exactly once,
and sending a key whose answer never came again settles it: it replays the transfer that
committed before the kill (200, same id) or makes it now (201), never a second one.
"""

from __future__ import annotations

import asyncio
import random
import uuid
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from tests.conftest import requires_postgres, requires_redis
from tests.faults.harness import (
    PASSWORD,
    Attempt,
    BrainServer,
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

MEMBERS = 4
TRANSFERS = 160
CONCURRENCY = 16
# The kill comes once this many transfers were answered: well inside the burst.
KILL_AFTER = 40


async def test_sigkill_during_a_burst_of_transfers_loses_and_doubles_none(
    database_url: str,
    start_server: Callable[[dict[str, str]], BrainServer],
    tmp_path: Path,
) -> None:
    env = brain_env(
        database_url=database_url, data_dir=tmp_path / "data", rate_limits_enabled="false"
    )
    server = await asyncio.to_thread(start_server, env)
    rng = random.Random(9)

    async with httpx.AsyncClient(base_url=server.url, timeout=30) as http:
        members = await asyncio.gather(*(register_member(http, f"m{n}") for n in range(MEMBERS)))
    plan = []
    for _ in range(TRANSFERS):
        sender, recipient = rng.sample(members, 2)
        plan.append(new_attempt(sender, recipient, f"{rng.randint(1, 100) / 100:.2f}"))

    answered = 0
    semaphore = asyncio.Semaphore(CONCURRENCY)
    limits = httpx.Limits(max_connections=CONCURRENCY)
    async with httpx.AsyncClient(base_url=server.url, timeout=30, limits=limits) as burst:

        async def send(attempt: Attempt) -> None:
            nonlocal answered
            async with semaphore:
                await transfer(burst, attempt)
            answered += attempt.status is not None

        async def answered_enough() -> bool:
            return answered >= KILL_AFTER

        sending = asyncio.gather(*(send(a) for a in plan))
        await eventually("the burst under way", answered_enough)
        await asyncio.to_thread(server.kill)
        await sending

    created = [a for a in plan if a.status == 201]
    # No answer: cut off in flight (it may have committed) or refused a connection.
    unknown = [a for a in plan if a.status is None]
    assert {a.status for a in plan} <= {201, None}, {a.status for a in plan}
    assert len(created) >= KILL_AFTER
    assert unknown, "the kill came after the burst"

    # The restart; an admin (for the verify route) is made meanwhile with the CLI.
    admin_email, _ = await asyncio.gather(
        asyncio.to_thread(_create_admin, env), asyncio.to_thread(server.start)
    )

    # The ledger as the crash left it: every invariant holds, every 201 is there once.
    checked = await asyncio.to_thread(brain_cli, env, "check-ledger")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    stored = await stored_transfers(database_url)
    for attempt in created:
        assert stored.by_key[ledger_key(attempt)] == (attempt.body["id"], 2)

    async with httpx.AsyncClient(base_url=server.url, timeout=30) as http:
        # The keys whose answer never came, sent again: a replay (200) of what committed
        # unseen, or the transfer made now (201).
        settled = await transfer_all(http, [a.again() for a in unknown])
        assert {s.status for s in settled} <= {200, 201}, [s.body for s in settled]
        admin = await _sign_in(http, admin_email)
        verified = await http.get("/api/buz/admin/verify", headers=admin)
        assert verified.status_code == 200, verified.text
        assert verified.json()["violations"] == []

    stored = await stored_transfers(database_url)
    for attempt in settled:
        assert stored.by_key[ledger_key(attempt)] == (attempt.body["id"], 2)
    # One transfer per key, and none without a key.
    assert len(stored.by_key) == stored.groups == len(created) + len(unknown)


def _create_admin(env: dict[str, str]) -> str:
    """A SUPER_ADMIN made by `brain create-admin`; returns the email."""
    email = f"faults-admin-{uuid.uuid4().hex[:10]}@example.com"
    made = brain_cli(env, "create-admin", "--email", email, "--password", PASSWORD)
    assert made.returncode == 0, made.stderr
    return email


async def _sign_in(http: httpx.AsyncClient, email: str) -> dict[str, str]:
    login = await http.post("/api/auth/login", json={"email": email, "password": PASSWORD})
    assert login.status_code == 200, login.text
    return {"Authorization": f"Bearer {login.json()['access_token']}"}
