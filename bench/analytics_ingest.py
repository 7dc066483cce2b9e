"""Analytics ingestion on Postgres: `POST /api/analytics/track` in batches of 500 beside a
bare `COPY` of the same rows, and the outbox fold (server events) with its rollup.

    python -m bench.analytics_ingest --help

Creates a fresh database, migrates it (the event table partitioned by month), starts the Brain
under uvicorn (`--workers`, default 2) and sends `--events` client events (default 100,000) in
batches of `--batch` (500) over `--connections` (4) concurrent connections; the rate is the
events accepted per second of wall time. Then the same number of rows, built the way the
server builds them, go into `analytics_events` with asyncpg's `copy_records_to_table` on one
connection: the floor for getting those bytes into that table with its indexes. Then
`--outbox` events (default 20,000) are written to the outbox as the bus would leave them
(delivered), and the `analytics.ingest` steps are timed: fold into the store, roll up. Last,
the write path of a publishing domain: publish-and-commit of one event with no analytics
subscriber (what this design costs) against one with an inline subscriber that writes one row
(what ingesting by a bus subscription would cost every publisher).

Everything it creates is dropped at the end unless --keep.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
import httpx
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

from bench.buz_transfers import brain_env
from bench.pg import DEFAULT_SERVER_URL, admin_sql, database_url, drop_database, libpq_dsn
from bench.servers import Server, uvicorn_command

COLUMNS = (
    "event_id", "occurred_at", "seq", "name", "source", "actor_id", "user_id", "venture_id",
    "properties", "received_at",
)  # fmt: skip


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.analytics_ingest", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    p.add_argument("--server-url", default=DEFAULT_SERVER_URL)
    p.add_argument("--events", type=int, default=100_000)
    p.add_argument("--batch", type=int, default=500)
    p.add_argument("--connections", type=int, default=4)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--outbox", type=int, default=20_000)
    p.add_argument("--publishes", type=int, default=500)
    p.add_argument("--port", type=int, default=8767)
    p.add_argument("--keep", action="store_true", help="keep the benchmark database")
    return p.parse_args()


def properties(n: int) -> dict[str, Any]:
    """A typical page-view's properties (~150 bytes of JSON)."""
    return {"path": f"/ventures/{n % 997}", "referrer": "https://example.com/",
            "screen": "1440x900", "utm_source": "newsletter", "n": n}  # fmt: skip


async def seed(db_url: str) -> tuple[str, uuid.UUID]:
    from brain import handlers
    from brain.core import db, jobs
    from brain.core.config import get_settings
    from brain.domains.auth import service as auth
    from brain.domains.users import service as users
    from brain.domains.users.schemas import Role

    engine = create_async_engine(db_url)
    db.use_sessionmaker(async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False))
    jobs.configure(get_settings(), autostart=False)
    handlers.register()
    async with db.session_scope() as session:
        user = await users.create_user(
            session, email="bench-analytics@example.com", display_name="bench", source="admin",
            role=Role.MEMBER,
        )  # fmt: skip
        tokens = await auth.start_session(
            session, get_settings(), user_id=user.id, client=auth.Client(ip="127.0.0.1"),
            method="bench",
        )  # fmt: skip
    db.use_sessionmaker(None)
    await engine.dispose()
    return tokens.access_token, user.id


def bodies(count: int, batch: int) -> list[bytes]:
    now = datetime.now(UTC)
    out = []
    for start in range(0, count, batch):
        events = [
            {"event_id": str(uuid.uuid4()), "name": "$pageview",
             "timestamp": (now - timedelta(seconds=n % 600)).isoformat(),
             "properties": properties(n)}
            for n in range(start, min(start + batch, count))
        ]  # fmt: skip
        out.append(json.dumps({"events": events, "sent_at": now.isoformat()}).encode())
    return out


async def send(base: str, token: str, payloads: list[bytes], connections: int) -> tuple[float, int]:
    queue: asyncio.Queue[bytes] = asyncio.Queue()
    for body in payloads:
        queue.put_nowait(body)
    accepted = 0
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    async def worker(http: httpx.AsyncClient) -> None:
        nonlocal accepted
        while not queue.empty():
            body = queue.get_nowait()
            response = await http.post("/api/analytics/track", content=body, headers=headers)
            if response.status_code != 200:
                raise RuntimeError(f"{response.status_code} {response.text[:300]}")
            accepted += response.json()["accepted"]

    limits = httpx.Limits(max_connections=connections)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=120) as http:
        await http.post("/api/analytics/track", content=payloads[0], headers=headers)  # warm-up
        accepted = 0
        queue.put_nowait(payloads[0])  # its ids are now duplicates: sent again, not counted
        started = time.perf_counter()
        await asyncio.gather(*(worker(http) for _ in range(connections)))
        return time.perf_counter() - started, accepted


async def bare_copy(dsn: str, count: int, user_id: uuid.UUID) -> float:
    now = datetime.now(UTC)
    records = [
        (uuid.uuid4(), now - timedelta(seconds=n % 600), 10_000_000 + n, "$pageview", "client",
         user_id, user_id, None, json.dumps(properties(n)), now)
        for n in range(count)
    ]  # fmt: skip
    conn = await asyncpg.connect(dsn)
    try:
        started = time.perf_counter()
        await conn.copy_records_to_table("analytics_events", records=records, columns=COLUMNS)
        return time.perf_counter() - started
    finally:
        await conn.close()


async def server_side(db_url: str, outbox: int, publishes: int) -> list[str]:
    """The fold and rollup of `outbox` delivered events; the publisher's write path."""
    import sqlalchemy as sa

    from brain.core import bus, db, jobs
    from brain.core.config import get_settings
    from brain.core.models import OutboxEvent, utcnow
    from brain.domains.analytics import rollups, store
    from brain.domains.users.events import UserUpdated

    engine = create_async_engine(db_url, pool_size=5)
    db.use_sessionmaker(async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False))
    jobs.configure(get_settings(), autostart=False)
    lines = []
    actor = uuid.uuid4()
    rows = []
    for _ in range(outbox):
        event = UserUpdated(user_id=actor, changed=["bio"], status="ACTIVE", actor_id=actor)
        rows.append({"id": event.event_id, "name": event.name, "version": 1,
                     "payload": event.model_dump(mode="json"), "created_at": utcnow(),
                     "dispatched_at": utcnow(), "attempts": 1, "last_error": None})  # fmt: skip
    async with db.session_scope() as session:
        for i in range(0, len(rows), 2000):
            await session.exec(sa.insert(OutboxEvent.__table__), params=rows[i : i + 2000])  # type: ignore[attr-defined]
    await asyncio.sleep(0.1)
    started = time.perf_counter()
    folded = await store.fold_outbox(settle_seconds=0)
    fold_s = time.perf_counter() - started
    started = time.perf_counter()
    rolled = await rollups.roll_up()
    roll_s = time.perf_counter() - started
    lines.append(f"outbox fold: {folded} events in {fold_s:.2f} s = {folded / fold_s:,.0f}/s")
    lines.append(f"rollup:      {rolled} events in {roll_s:.2f} s = {rolled / roll_s:,.0f}/s")

    async def publish_one() -> None:
        async with db.session_scope() as session:
            await bus.publish(
                session, UserUpdated(user_id=actor, changed=["x"], status="ACTIVE", actor_id=actor)
            )

    async def timed() -> float:
        for _ in range(50):
            await publish_one()
        started = time.perf_counter()
        for _ in range(publishes):
            await publish_one()
        return (time.perf_counter() - started) / publishes * 1000

    bus.unsubscribe_all()
    bare_ms = await timed()

    async def inline_ingest(session: AsyncSession, event: UserUpdated) -> None:
        await store.write(session, [store.NewEvent(event.event_id, event.occurred_at, event.name,
                                                    "server", actor, actor, None, {})])  # fmt: skip

    bus.subscribe(UserUpdated, inline_ingest)
    inline_ms = await timed()
    bus.unsubscribe_all()
    lines.append(
        f"publish + commit, no subscriber (this design): {bare_ms:.2f} ms; with an inline "
        f"analytics subscriber: {inline_ms:.2f} ms ({inline_ms / bare_ms:.1f}x)"
    )
    db.use_sessionmaker(None)
    await engine.dispose()
    return lines


async def main() -> None:
    args = parse_args()
    from alembic import command

    from brain.cli import alembic_config

    name = f"brain_bench_{uuid.uuid4().hex[:8]}"
    db_url = database_url(args.server_url, name)
    await admin_sql(args.server_url, f'CREATE DATABASE "{name}"')
    server: Server | None = None
    try:
        print(f"database {name}: migrating ...")
        await asyncio.to_thread(command.upgrade, alembic_config(db_url), "head")  # type: ignore[arg-type]
        token, user_id = await seed(db_url)
        payloads = bodies(args.events, args.batch)
        server = Server(
            "brain",
            uvicorn_command(
                "brain.app:create_app", factory=True, port=args.port, workers=args.workers
            ),
            port=args.port,
            env=brain_env(db_url),
        )
        await asyncio.to_thread(server.wait_ready)
        wall, accepted = await send(server.base, token, payloads, args.connections)
        server.stop()
        server = None
        print(f"POST /track: {accepted} events in {len(payloads)} batches of {args.batch}, "
              f"{args.connections} connections, {args.workers} workers: {wall:.2f} s = "
              f"{accepted / wall:,.0f} events/s")  # fmt: skip
        copy_s = await bare_copy(libpq_dsn(db_url), args.events, user_id)
        print(f"bare COPY of the same rows: {args.events} in {copy_s:.2f} s = "
              f"{args.events / copy_s:,.0f} events/s; /track is "
              f"{(accepted / wall) / (args.events / copy_s):.0%} of it")  # fmt: skip
        for line in await server_side(db_url, args.outbox, args.publishes):
            print(line)
    finally:
        if server is not None:
            server.stop()
        if not args.keep:
            await drop_database(args.server_url, name)


if __name__ == "__main__":
    asyncio.run(main())
