"""BUZ transfer throughput over HTTP against a real Brain on Postgres.

    python -m bench.buz_transfers --help

Creates a fresh database, migrates it, seeds wallets (service functions, no HTTP), has each
wallet sign the BUZ terms (HTTP, the legal API), starts `uvicorn --workers N` with rate limits
off, then drives authenticated `POST /api/buz/transfer` requests between random pairs with a
fixed number of connections: for each connection count a warm-up, then `--runs` measured runs,
the median run reported. It also runs pgbench TPC-B on a scratch database on the same server
and prints both figures and their ratio. Everything it creates is dropped at the end (unless
--keep). The load generator shares the machine's cores with the server, as the issue asks.

The load generator is wrk (C, cheap on CPU; `apt-get install wrk`, installed here when missing
and apt-get is usable) with a Lua script generated from the seeded wallets: each request picks
a random (token, recipient) pair and a unique `Idempotency-Key`. `--generator httpx` (or no
wrk) falls back to asyncio + httpx, which costs about as much CPU as the server it measures.
Where the server's CPU goes: `python -m bench.profile_transfer` (cProfile, in process).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import tempfile
import time
import uuid

import httpx
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

from bench import wrk as wrk_tool
from bench.pg import DEFAULT_SERVER_URL, admin_sql, database_url, drop_database, pgbench
from bench.servers import Server, uvicorn_command
from bench.wrk import Run


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.buz_transfers", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    p.add_argument("--server-url", default=DEFAULT_SERVER_URL,
                   help="A database URL on the Postgres server to use (its database is only "
                   "used to create and drop the benchmark's own).")  # fmt: skip
    p.add_argument("--wallets", type=int, default=1000)
    p.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    p.add_argument(
        "--connections",
        default="8,32",
        help="comma-separated connection counts (requests in flight), each measured",
    )
    p.add_argument("--duration", type=float, default=10.0, help="seconds per measured run")
    p.add_argument("--runs", type=int, default=3, help="measured runs per connection count")
    p.add_argument("--warmup", type=float, default=5.0, help="unmeasured seconds first")
    p.add_argument(
        "--generator",
        choices=["auto", "wrk", "httpx"],
        default="auto",
        help="load generator: wrk (auto when installed) or asyncio + httpx",
    )
    p.add_argument("--threads", type=int, default=1, help="wrk threads")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--pgbench-seconds", type=int, default=15)
    p.add_argument("--skip-pgbench", action="store_true")
    p.add_argument("--keep", action="store_true", help="keep the benchmark database")
    return p.parse_args()


def brain_env(db_url: str, **extra: str) -> dict[str, str]:
    """The Brain's environment under load: Postgres, the access log off, warnings only,
    in-process jobs (no Redis). Rate limits stay on, as deployed: every authenticated request
    is counted against the per-user API limit (batched on Redis), whose limit is set out of
    reach so a long run on few wallets is not refused."""
    env = os.environ | {"BRAIN_DATABASE_URL": db_url, "BRAIN_RATE_LIMITS_ENABLED": "true",
                        "BRAIN_RATE_LIMIT_API_PER_15MIN": "100000000",
                        "BRAIN_LOG_LEVEL": "WARNING", "BRAIN_DB_POOL_SIZE": "20",
                        "BRAIN_ACCESS_LOG": "false"} | extra  # fmt: skip
    env.pop("BRAIN_REDIS_URL", None)
    return env


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


async def send_transfer(
    http: httpx.AsyncClient, people: list[tuple[uuid.UUID, str]], rng: random.Random
) -> httpx.Response:
    """One benchmark transfer: 0.50 BUZ between a random pair, with a fresh Idempotency-Key."""
    a, b = rng.sample(range(len(people)), 2)
    return await http.post(
        "/api/buz/transfer",
        json={"to_user_id": str(people[b][0]), "amount": "0.50"},
        headers={"Authorization": f"Bearer {people[a][1]}", "Idempotency-Key": uuid.uuid4().hex},
    )


async def load_httpx(base: str, people: list[tuple[uuid.UUID, str]], *, connections: int,
                     warmup: float, duration: float) -> Run:  # fmt: skip
    """The fallback generator: asyncio + httpx (as CPU-hungry as the server it measures)."""
    latencies: list[float] = []
    errors: dict[str, int] = {}
    measuring = False
    stop = False
    rng = random.Random()
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as http:

        async def worker() -> None:
            while not stop:
                started = time.perf_counter()
                try:
                    r = await send_transfer(http, people, rng)
                    status = str(r.status_code)
                except httpx.HTTPError as exc:
                    status = type(exc).__name__
                if measuring:
                    latencies.append(time.perf_counter() - started)
                    if status != "201":
                        errors[status] = errors.get(status, 0) + 1

        tasks = [asyncio.create_task(worker()) for _ in range(connections)]
        await asyncio.sleep(warmup)
        measuring = True
        t0 = time.perf_counter()
        await asyncio.sleep(duration)
        measuring = False
        elapsed = time.perf_counter() - t0
        stop = True
        await asyncio.gather(*tasks)
    latencies.sort()
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    failed = sum(errors.values())
    return Run(
        requests=len(latencies),
        per_second=(len(latencies) - failed) / elapsed,
        p50_ms=q[49] * 1000,
        p99_ms=q[98] * 1000,
        errors=failed,
    )


# wrk runs this in each thread's own Lua state: random (token, recipient) pairs from the seeded
# wallets and a unique Idempotency-Key per request (run nonce, thread, counter);
# `wrk.write_script` adds DATA_PATH (the wallets) before it and the RESULT line after it.
TRANSFER_LUA = """
local tokens = dofile(DATA_PATH).tokens
local users = dofile(DATA_PATH).users
local n = #tokens
local counter = 0
local nonce = "run"
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function init(args)
  nonce = args[1] or nonce
  math.randomseed(os.time() * 1000 + (tid or 0) * 7919)
end

function request()
  local a = math.random(n)
  local b = math.random(n - 1)
  if b >= a then b = b + 1 end
  counter = counter + 1
  return wrk.format("POST", "/api/buz/transfer", {
    ["Authorization"] = "Bearer " .. tokens[a],
    ["Idempotency-Key"] = nonce .. "-" .. tostring(tid) .. "-" .. counter,
    ["Content-Type"] = "application/json",
  }, '{"to_user_id":"' .. users[b] .. '","amount":"0.50"}')
end
"""


def write_wrk_script(folder: str, people: list[tuple[uuid.UUID, str]]) -> str:
    return wrk_tool.write_script(folder, "transfer", TRANSFER_LUA, people)


def fmt_run(r: Run) -> str:
    return (f"{r.per_second:7.0f}/s  p50 {r.p50_ms:6.1f} ms  p99 {r.p99_ms:7.1f} ms  "
            f"errors {r.errors:.0f}")  # fmt: skip


async def main() -> None:
    args = parse_args()
    from alembic import command

    from brain.cli import alembic_config

    counts = [int(c) for c in args.connections.split(",")]
    wrk = None if args.generator == "httpx" else wrk_tool.ensure_wrk()
    if args.generator == "wrk" and wrk is None:
        raise SystemExit("wrk is not installed (apt-get install wrk), try --generator httpx")
    if wrk:
        generator = f"wrk ({args.threads} thread)"
    else:
        why = "asked for" if args.generator == "httpx" else "wrk not found"
        generator = f"asyncio + httpx ({why})"
    name = f"brain_bench_{uuid.uuid4().hex[:8]}"
    db_url = database_url(args.server_url, name)
    load_before = os.getloadavg()
    await admin_sql(args.server_url, f'CREATE DATABASE "{name}"')
    server: Server | None = None
    results: dict[int, list[Run]] = {}
    try:
        print(f"database {name}: migrating and seeding {args.wallets} wallets ...")
        await asyncio.to_thread(command.upgrade, alembic_config(db_url), "head")  # type: ignore[arg-type]
        people = await seed(db_url, args.wallets)
        server = Server(
            "brain",
            uvicorn_command("brain.app:create_app", factory=True, port=args.port,
                            workers=args.workers),
            port=args.port,
            env=brain_env(db_url),
        )  # fmt: skip
        base = server.base
        await asyncio.to_thread(server.wait_ready)
        print("signing the BUZ terms (BTS, BPP) for every wallet ...")
        await sign_terms(base, people)
        with tempfile.TemporaryDirectory() as folder:
            script = write_wrk_script(folder, people) if wrk else ""
            for connections in counts:
                print(f"load: {generator}, {connections} connections, {args.warmup:.0f}s "
                      f"warm-up, {args.runs} x {args.duration:.0f}s, {args.workers} "
                      "workers ...")  # fmt: skip
                runs: list[Run] = []
                if wrk:
                    wrk_tool.run(wrk, script, base, connections=connections,
                                 threads=args.threads, duration=args.warmup)  # fmt: skip
                for n in range(args.runs):
                    if wrk:
                        run = wrk_tool.run(
                            wrk, script, base, connections=connections, threads=args.threads,
                            duration=args.duration,
                        )  # fmt: skip
                    else:
                        run = await load_httpx(base, people, connections=connections,
                                               warmup=args.warmup if n == 0 else 1.0,
                                               duration=args.duration)  # fmt: skip
                    print(f"  run {n + 1}: {fmt_run(run)}")
                    runs.append(run)
                results[connections] = runs
    finally:
        if server is not None:
            server.stop()
        if not args.keep:
            await drop_database(args.server_url, name)
    load_after = os.getloadavg()
    tps = 0.0 if args.skip_pgbench else pgbench(args.server_url, args.pgbench_seconds)
    print(f"\nmedian of {args.runs} runs ({generator}, {args.workers} workers, "
          f"{args.wallets} wallets):")  # fmt: skip
    for connections, runs in results.items():
        m = wrk_tool.median(runs)
        ratio = f"  ratio {m.per_second / tps:.2f} of TPC-B" if tps else ""
        print(f"  {connections:3d} connections: {fmt_run(m)}{ratio}")
    if tps:
        print(f"pgbench TPC-B {tps:.0f} tps (-c 8 -j 2 -T {args.pgbench_seconds})")
    print("load average  before {:.2f} {:.2f} {:.2f}, after {:.2f} {:.2f} {:.2f}".format(
        *load_before, *load_after))  # fmt: skip


if __name__ == "__main__":
    asyncio.run(main())
