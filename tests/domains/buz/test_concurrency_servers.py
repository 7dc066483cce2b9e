"""2,000 concurrent transfers over HTTP against two Brain processes on Postgres.

The test runs on a database of its own on the test server (created, migrated, dropped): its
members sign the BUZ terms through the legal API, and signatures live in legal's append-only,
hash-chained audit log, which cannot be cleaned out of the shared test database.

50 users; some transfers share a hot account, some are retried with the same key, some are
over balance. Afterwards: the invariant check passes, no balance is negative, every accepted
key produced exactly one transfer, and every refused one left no trace.
"""

from __future__ import annotations

import asyncio
import os
import random
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import db
from brain.domains.buz import ledger, service
from brain.domains.buz.rules import parse_units
from brain.domains.users.schemas import Role
from tests.conftest import TEST_DATABASE_URL, requires_postgres
from tests.factories.buz import fund, make_holder
from tests.factories.users import sign_in

pytestmark = [requires_postgres, pytest.mark.slow]

USERS = 50
TRANSFERS = 2000
CONCURRENCY = 48


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
async def database_url() -> AsyncIterator[str]:
    from alembic import command
    from sqlalchemy.engine import make_url
    from sqlalchemy.ext.asyncio import create_async_engine

    from brain.cli import alembic_config

    url = make_url(TEST_DATABASE_URL)
    name = f"brain_buz_conc_{uuid.uuid4().hex[:8]}"
    admin = create_async_engine(url, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    fresh = url.set(database=name).render_as_string(hide_password=False)
    try:
        await asyncio.to_thread(command.upgrade, alembic_config(fresh), "head")  # type: ignore[arg-type]
        yield fresh
    finally:
        async with admin.connect() as conn:
            await conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()


@pytest.fixture
def servers(database_url: str) -> Iterator[list[str]]:
    env = os.environ | {
        "BRAIN_DATABASE_URL": database_url,
        "BRAIN_RATE_LIMITS_ENABLED": "false",
        "BRAIN_LOG_LEVEL": "WARNING",
        "BRAIN_DB_POOL_SIZE": "20",
    }
    env.pop("BRAIN_REDIS_URL", None)
    procs, urls = [], []
    for _ in range(2):
        port = _free_port()
        procs.append(
            subprocess.Popen(
                [sys.executable, "-m", "uvicorn", "brain.app:create_app", "--factory",
                 "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
                env=env,
            )
        )  # fmt: skip
        urls.append(f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 30
        for url in urls:
            while True:
                try:
                    if httpx.get(f"{url}/api/health/live", timeout=1).status_code < 500:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"server {url} did not start")
                time.sleep(0.2)
        yield urls
        # A server that died under the load would otherwise hide behind client retries.
        assert all(proc.poll() is None for proc in procs), "a server process exited"
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            # A server drains its in-process jobs (the reactions to 2,000 transfers) for up
            # to 10 s before it stops.
            proc.wait(timeout=30)


@pytest.fixture
async def factory(
    database_url: str, engine: object, job_runner: object
) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    from sqlalchemy.ext.asyncio import create_async_engine

    engine = create_async_engine(database_url)
    made = async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)
    db.use_sessionmaker(made)
    try:
        yield made
    finally:
        db.use_engine_sessionmakers()
        await engine.dispose()


@pytest.fixture
async def members(
    factory: async_sessionmaker[AsyncSession], servers: list[str]
) -> list[tuple[uuid.UUID, str]]:
    people: list[tuple[uuid.UUID, str]] = []
    async with db.session_scope() as session:
        for n in range(USERS):
            user = await make_holder(session, role=Role.MEMBER)
            await fund(session, user.id, "2000" if n == 0 else "100")
            tokens = await sign_in(session, user)
            people.append((user.id, tokens.access_token))
    async with httpx.AsyncClient(timeout=30) as http:
        for _, token in people:
            for template in ("BTS", "BPP"):
                signed = await http.post(
                    f"{servers[0]}/api/legal/templates/{template}/sign",
                    json={"consent_given": True, "terms_accepted": True, "method": "click"},
                    headers={"Authorization": f"Bearer {token}"},
                )
                assert signed.status_code == 201, signed.text
    return people


def _plan(rng: random.Random) -> list[dict[str, Any]]:
    """TRANSFERS requests: a hot sender, a hot recipient, some over every balance, and 200
    retries (same key, same body), shuffled."""
    plan: list[dict[str, Any]] = []
    for n in range(TRANSFERS - 200):
        sender = rng.randrange(USERS)
        if n % 10 == 0:
            sender = 0  # the hot sender
        recipient = 0 if n % 10 == 1 else rng.randrange(USERS)  # the hot recipient
        if recipient == sender:
            recipient = (sender + 1) % USERS
        amount = f"{rng.randint(1, 1500) / 100:.2f}"
        if n % 25 == 0:
            amount = "5000.00"  # over every balance but the hot one's
        plan.append({"sender": sender, "recipient": recipient, "amount": amount,
                     "key": str(uuid.uuid4())})  # fmt: skip
    plan += [dict(p) for p in rng.sample(plan, 200)]  # retries: same key, same body
    rng.shuffle(plan)
    return plan


async def _send_all(
    servers: list[str], members: list[tuple[uuid.UUID, str]], plan: list[dict[str, Any]]
) -> tuple[dict[str, list[tuple[int, dict[str, Any]]]], float]:
    """Every request of `plan`, alternating between the servers; the answers by key and the
    time they took."""
    results: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    semaphore = asyncio.Semaphore(CONCURRENCY)
    async with httpx.AsyncClient(
        timeout=60, limits=httpx.Limits(max_connections=CONCURRENCY)
    ) as http:

        async def send(n: int, item: dict[str, Any]) -> None:
            _, token = members[item["sender"]]
            async with semaphore:
                # A pooled keep-alive connection the server has just closed surfaces as a
                # transport error; a client retries with the same key, as a real one would
                # (the key makes the retry safe, which the assertions below check).
                for attempt in range(3):
                    try:
                        response = await http.post(
                            f"{servers[n % 2]}/api/buz/transfer",
                            json={"to_user_id": str(members[item["recipient"]][0]),
                                  "amount": item["amount"]},
                            headers={"Authorization": f"Bearer {token}",
                                     "Idempotency-Key": item["key"]},
                        )  # fmt: skip
                        break
                    except httpx.TransportError:
                        if attempt == 2:
                            raise
            results.setdefault(item["key"], []).append((response.status_code, response.json()))

        started = time.monotonic()
        await asyncio.gather(*(send(n, item) for n, item in enumerate(plan)))
        return results, time.monotonic() - started


async def _stored_keys_and_groups() -> tuple[dict[str, uuid.UUID], dict[uuid.UUID, int]]:
    """The transfer idempotency keys with their group, and each group's number of legs."""
    keys_, legs = ledger.KEYS, ledger.TRANSFERS
    async with db.session_scope() as session:
        keys = {
            r.key: r.result_id
            for r in (await db.execute(session, sa.select(keys_.c.key, keys_.c.result_id)
                                      .where(keys_.c.operation == "transfer"))).all()
        }  # fmt: skip
        groups = {
            r.group_id: int(r.n)
            for r in (await db.execute(session, sa.select(legs.c.group_id,
                                                        sa.func.count().label("n"))
                                      .group_by(legs.c.group_id))).all()
        }  # fmt: skip
    return keys, groups


async def test_two_servers_2000_concurrent_transfers_keep_the_ledger_exact(
    servers: list[str], members: list[tuple[uuid.UUID, str]], factory: object
) -> None:
    plan = _plan(random.Random(6))
    results, elapsed = await _send_all(servers, members, plan)

    statuses = [status for answers in results.values() for status, _ in answers]
    assert set(statuses) <= {200, 201, 409}, sorted(set(statuses))
    refused_codes = {
        body["code"] for answers in results.values() for s, body in answers if s == 409
    }
    assert refused_codes <= {"INSUFFICIENT_FUNDS", "DAILY_LIMIT_EXCEEDED"}
    accepted = {k: a for k, a in results.items() if any(s in (200, 201) for s, _ in a)}
    refused = {k for k in results if k not in accepted}
    assert accepted
    assert refused
    senders = {item["key"]: members[item["sender"]][0] for item in plan}

    keys, groups = await _stored_keys_and_groups()
    for k, answers in accepted.items():
        stored = keys.get(f"transfer:{senders[k]}:{k}")
        assert stored is not None
        assert groups.get(stored) == 2  # the transfer and its fee, exactly once
        ids = {body["id"] for status, body in answers if status in (200, 201)}
        assert ids == {str(stored)}
        assert sum(1 for status, _ in answers if status == 201) == 1
    for k in refused:
        assert f"transfer:{senders[k]}:{k}" not in keys
    async with db.session_scope() as session:
        report = await service.verify(session)
        assert report.violations == []
        for user_id, _ in members:
            assert (await service.balance(session, user_id=user_id)).available >= 0
    # A rough figure for the log; the benchmark is bench/buz_transfers.py.
    print(f"{len(plan)} requests in {elapsed:.1f}s ({len(plan) / elapsed:.0f}/s), "  # noqa: T201
          f"{len(accepted)} accepted keys, {len(refused)} refused")  # fmt: skip
    assert parse_units("0.01") == 1
