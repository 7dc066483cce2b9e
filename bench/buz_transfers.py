"""BUZ transfer throughput over HTTP against a real Brain on Postgres.

    python -m bench.buz_transfers --help

Creates a fresh database, migrates it, seeds wallets (service functions, no HTTP), has each
wallet sign the BUZ terms (HTTP, the legal API), starts `uvicorn --workers N` with rate limits
off, then drives authenticated `POST /api/buz/transfer` requests between random pairs with a
fixed concurrency (asyncio + httpx), after a warm-up. It also runs pgbench TPC-B on a
scratch database on the same server and prints both figures and their ratio. Everything it
creates is dropped at the end (unless --keep). The load generator shares the machine's cores
with the server, as the issue asks.
"""

# ruff: noqa: ASYNC210, ASYNC220, ASYNC251  (a hand-run driver: blocking setup calls are fine)
from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import statistics
import subprocess
import sys
import time
import uuid
from typing import Any

import httpx
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.buz_transfers", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    p.add_argument("--server-url", default="postgresql+asyncpg://postgres@127.0.0.1/postgres",
                   help="A database URL on the Postgres server to use (its database is only "
                   "used to create and drop the benchmark's own).")  # fmt: skip
    p.add_argument("--wallets", type=int, default=1000)
    p.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    p.add_argument("--concurrency", type=int, default=32, help="requests in flight")
    p.add_argument("--duration", type=float, default=20.0, help="measured seconds")
    p.add_argument("--warmup", type=float, default=5.0, help="unmeasured seconds first")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--pgbench-seconds", type=int, default=15)
    p.add_argument("--skip-pgbench", action="store_true")
    p.add_argument("--keep", action="store_true", help="keep the benchmark database")
    return p.parse_args()


async def admin_sql(server_url: str, statement: str) -> None:
    engine = create_async_engine(server_url, isolation_level="AUTOCOMMIT")
    async with engine.connect() as conn:
        await conn.execute(sa.text(statement))
    await engine.dispose()


async def seed(db_url: str, wallets: int) -> list[tuple[uuid.UUID, str]]:
    from brain import handlers
    from brain.core import db, jobs
    from brain.core.config import get_settings
    from brain.domains.auth import service as auth
    from brain.domains.buz import service as buz
    from brain.domains.buz.rules import SystemAccount, parse_units
    from brain.domains.users import service as users
    from brain.domains.users.schemas import Role

    engine = create_async_engine(db_url)
    db.use_sessionmaker(async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False))
    jobs.configure(get_settings(), autostart=False)
    handlers.register()
    people: list[tuple[uuid.UUID, str]] = []
    async with db.session_scope() as session:
        for n in range(wallets):
            user = await users.create_user(
                session, email=f"bench-{n}@example.com", display_name=f"Bench {n}",
                source="admin", role=Role.MEMBER,
            )  # fmt: skip
            await buz.open_accounts(session, user_id=user.id)
            await buz.credit_reward(
                session, user_id=user.id, amount=parse_units("5000"),
                idempotency_key=f"bench:{user.id}", pool=SystemAccount.COMMUNITY,
            )  # fmt: skip
            tokens = await auth.start_session(
                session, get_settings(), user_id=user.id, client=auth.Client(ip="127.0.0.1"),
                method="bench",
            )  # fmt: skip
            people.append((user.id, tokens.access_token))
    db.use_sessionmaker(None)
    await engine.dispose()
    return people


async def sign_terms(base: str, people: list[tuple[uuid.UUID, str]]) -> None:
    semaphore = asyncio.Semaphore(16)
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:

        async def sign(token: str) -> None:
            for template in ("BTS", "BPP"):
                async with semaphore:
                    r = await http.post(
                        f"/api/legal/templates/{template}/sign",
                        json={"consent_given": True, "terms_accepted": True, "method": "click"},
                        headers={"Authorization": f"Bearer {token}"},
                    )
                if r.status_code != 201:
                    raise RuntimeError(f"signing {template} failed: {r.status_code} {r.text}")

        await asyncio.gather(*(sign(token) for _, token in people))


async def load(base: str, people: list[tuple[uuid.UUID, str]], args: argparse.Namespace
               ) -> dict[str, Any]:  # fmt: skip
    latencies: list[float] = []
    errors: dict[str, int] = {}
    measuring = False
    stop = False
    rng = random.Random(1)
    limits = httpx.Limits(
        max_connections=args.concurrency, max_keepalive_connections=args.concurrency
    )
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as http:

        async def worker() -> None:
            while not stop:
                a, b = rng.sample(range(len(people)), 2)
                started = time.perf_counter()
                try:
                    r = await http.post(
                        "/api/buz/transfer",
                        json={"to_user_id": str(people[b][0]), "amount": "0.50"},
                        headers={"Authorization": f"Bearer {people[a][1]}",
                                 "Idempotency-Key": uuid.uuid4().hex},
                    )  # fmt: skip
                    status = str(r.status_code)
                except httpx.HTTPError as exc:
                    status = type(exc).__name__
                if measuring:
                    latencies.append(time.perf_counter() - started)
                    if status != "201":
                        errors[status] = errors.get(status, 0) + 1

        tasks = [asyncio.create_task(worker()) for _ in range(args.concurrency)]
        await asyncio.sleep(args.warmup)
        measuring = True
        t0 = time.perf_counter()
        await asyncio.sleep(args.duration)
        measuring = False
        elapsed = time.perf_counter() - t0
        stop = True
        await asyncio.gather(*tasks)
    latencies.sort()
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return {
        "requests": len(latencies),
        "ok": len(latencies) - sum(errors.values()),
        "per_second": (len(latencies) - sum(errors.values())) / elapsed,
        "p50_ms": q[49] * 1000,
        "p99_ms": q[98] * 1000,
        "errors": errors,
    }


def pgbench(server_url: str, seconds: int) -> float:
    url = make_url(server_url)
    name = f"brain_pgbench_{uuid.uuid4().hex[:8]}"
    env = os.environ | ({"PGPASSWORD": url.password} if url.password else {})
    conn = [
        "-h",
        url.host or "127.0.0.1",
        "-p",
        str(url.port or 5432),
        "-U",
        url.username or "postgres",
    ]
    subprocess.run(["createdb", *conn, name], check=True, env=env)
    try:
        subprocess.run(["pgbench", *conn, "-i", "-q", name], check=True, env=env,
                       capture_output=True)  # fmt: skip
        command = ["pgbench", *conn, "-c", "8", "-j", "2", "-T", str(seconds), name]
        out = subprocess.run(command, check=True, env=env, capture_output=True, text=True).stdout
        match = re.search(r"tps = ([0-9.]+)", out)
        return float(match.group(1)) if match else 0.0
    finally:
        subprocess.run(["dropdb", *conn, name], check=False, env=env)


async def main() -> None:
    args = parse_args()
    from alembic import command

    from brain.cli import alembic_config

    name = f"brain_bench_{uuid.uuid4().hex[:8]}"
    db_url = make_url(args.server_url).set(database=name).render_as_string(hide_password=False)
    await admin_sql(args.server_url, f'CREATE DATABASE "{name}"')
    server: subprocess.Popen[bytes] | None = None
    try:
        print(f"database {name}: migrating and seeding {args.wallets} wallets ...")
        await asyncio.to_thread(command.upgrade, alembic_config(db_url), "head")  # type: ignore[arg-type]
        people = await seed(db_url, args.wallets)
        env = os.environ | {"BRAIN_DATABASE_URL": db_url, "BRAIN_RATE_LIMITS_ENABLED": "false",
                            "BRAIN_LOG_LEVEL": "WARNING", "BRAIN_DB_POOL_SIZE": "20"}  # fmt: skip
        env.pop("BRAIN_REDIS_URL", None)
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "brain.app:create_app", "--factory", "--host",
             "127.0.0.1", "--port", str(args.port), "--workers", str(args.workers),
             "--log-level", "warning", "--no-access-log"],
            env=env,
        )  # fmt: skip
        base = f"http://127.0.0.1:{args.port}"
        for _ in range(100):
            try:
                if httpx.get(f"{base}/api/health/live", timeout=1).status_code < 500:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        print("signing the BUZ terms (BTS, BPP) for every wallet ...")
        await sign_terms(base, people)
        print(f"load: {args.concurrency} in flight, {args.warmup:.0f}s warm-up, "
              f"{args.duration:.0f}s measured, {args.workers} workers ...")  # fmt: skip
        result = await load(base, people, args)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
        if not args.keep:
            await admin_sql(args.server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    tps = 0.0 if args.skip_pgbench else pgbench(args.server_url, args.pgbench_seconds)
    print(f"transfers/s   {result['per_second']:.0f}")
    print(f"p50 latency   {result['p50_ms']:.1f} ms")
    print(f"p99 latency   {result['p99_ms']:.1f} ms")
    print(f"errors        {sum(result['errors'].values())} {result['errors'] or ''}")
    if tps:
        print(f"pgbench TPC-B {tps:.0f} tps (-c 8 -j 2 -T {args.pgbench_seconds})")
        print(f"ratio         {result['per_second'] / tps:.2f} of TPC-B")


if __name__ == "__main__":
    asyncio.run(main())
