"""Where a transfer's CPU goes: cProfile around in-process `POST /api/buz/transfer` calls.

    python -m bench.profile_transfer [--requests 2000] [--wallets 50]

A fresh Postgres database (migrated, seeded, terms signed), the app driven through
httpx's ASGI transport (no sockets, no load generator: only the server's own work), requests
one after another under cProfile. Prints CPU per request and the top functions by cumulative
and own time; the database is dropped at the end. (py-spy cannot read this interpreter.)
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import random
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
from sqlalchemy.engine import make_url

from bench.buz_transfers import seed, send_transfer
from bench.pg import admin_sql, drop_database

WARMUP = 200


def _cpu_seconds(pid: int) -> float:
    """utime + stime of a running process (proc(5))."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def drain_with_worker(profile_to: str | None) -> tuple[float, int]:
    """Run `brain worker` until the queue stays empty; return the CPU seconds it spent beyond
    a worker's start-up on an empty queue (measured first), and the jobs it ran."""
    from redis import Redis

    queue = os.environ["BRAIN_JOB_QUEUE_NAME"]
    command = [sys.executable, "-m", "brain", "worker"]

    def start(env: dict[str, str], profiled: bool) -> subprocess.Popen[bytes]:
        prefix = ["-m", "cProfile", "-o", profile_to] if profiled and profile_to else []
        return subprocess.Popen([sys.executable, *prefix, *command[1:]], env=env,
                                stdout=subprocess.DEVNULL)  # fmt: skip

    def stop(process: subprocess.Popen[bytes]) -> None:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)

    idle = start(os.environ | {"BRAIN_JOB_QUEUE_NAME": f"{queue}:idle"}, profiled=False)
    try:
        time.sleep(4)
        idle_cpu = _cpu_seconds(idle.pid)
    finally:
        stop(idle)
    worker = start(os.environ.copy(), profiled=True)
    try:
        with Redis.from_url(os.environ["BRAIN_REDIS_URL"]) as client:
            empty_polls = 0
            while empty_polls < 10:
                time.sleep(0.2)
                empty_polls = 0 if client.zcard(queue) else empty_polls + 1
            jobs_run = sum(1 for _ in client.scan_iter("arq:result:*"))
        cpu = _cpu_seconds(worker.pid)
    finally:
        stop(worker)
    return cpu - idle_cpu, jobs_run


async def main() -> None:
    p = argparse.ArgumentParser(prog="python -m bench.profile_transfer")
    p.add_argument("--server-url", default="postgresql+asyncpg://postgres@127.0.0.1/postgres")
    p.add_argument("--wallets", type=int, default=50)
    p.add_argument("--requests", type=int, default=2000)
    p.add_argument("--top", type=int, default=35)
    p.add_argument("--no-profile", action="store_true", help="only CPU per request, no cProfile")
    p.add_argument(
        "--redis-url",
        default=None,
        help="production mode: jobs go to this Redis (its database is flushed before and "
        "after; nothing runs them here), so the CPU is the serving process's alone; without "
        "it every job runs in this process and is counted",
    )
    p.add_argument(
        "--drain",
        action="store_true",
        help="with --redis-url: after the transfers, run one `brain worker` until the queue is "
        "empty and print its CPU per transfer (the reactions' cost, apart from the API's)",
    )
    p.add_argument("--worker-profile", default=None, help="with --drain: cProfile the worker "
                   "into this file (read it with python -m pstats)")  # fmt: skip
    args = p.parse_args()
    from alembic import command

    from brain.cli import alembic_config

    name = f"brain_prof_{uuid.uuid4().hex[:8]}"
    db_url = make_url(args.server_url).set(database=name).render_as_string(hide_password=False)
    await admin_sql(args.server_url, f'CREATE DATABASE "{name}"')
    try:
        await asyncio.to_thread(command.upgrade, alembic_config(db_url), "head")  # type: ignore[arg-type]
        people = await seed(db_url, args.wallets)
        os.environ |= {"BRAIN_DATABASE_URL": db_url, "BRAIN_RATE_LIMITS_ENABLED": "false",
                       "BRAIN_LOG_LEVEL": "WARNING"}  # fmt: skip
        os.environ.pop("BRAIN_REDIS_URL", None)
        if args.redis_url:
            os.environ |= {"BRAIN_REDIS_URL": args.redis_url,
                           "BRAIN_JOB_QUEUE_NAME": f"brain:profile:{uuid.uuid4().hex}"}  # fmt: skip
            from redis import Redis

            with Redis.from_url(args.redis_url) as client:
                client.flushdb()
        from brain.app import create_app
        from brain.core import jobs
        from brain.core.config import Settings, get_settings

        # seed() configured its settings and a job runner that never starts: the app makes
        # its own (arq with --redis-url; else one that runs the jobs here, counted).
        get_settings.cache_clear()
        jobs.use_backend(None)

        app = create_app(Settings())
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://brain") as http:
                for _, token in people:
                    for template in ("BTS", "BPP"):
                        r = await http.post(
                            f"/api/legal/templates/{template}/sign",
                            json={"consent_given": True, "terms_accepted": True,
                                  "method": "click"},
                            headers={"Authorization": f"Bearer {token}"},
                        )  # fmt: skip
                        assert r.status_code == 201, r.text
                rng = random.Random(1)

                async def one() -> None:
                    r = await send_transfer(http, people, rng)
                    assert r.status_code == 201, r.text

                for _ in range(WARMUP):
                    await one()
                profiler = cProfile.Profile(time.process_time)  # CPU, not waiting
                cpu0, wall0 = time.process_time(), time.perf_counter()
                if not args.no_profile:
                    profiler.enable()
                for _ in range(args.requests):
                    await one()
                profiler.disable()
                cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
        print(f"{args.requests} transfers: {1000 * cpu / args.requests:.2f} ms CPU and "
              f"{1000 * wall / args.requests:.2f} ms wall each"
              f"{'' if args.no_profile else ' (cProfile inflates CPU 2-3x)'}")  # fmt: skip
        if args.drain and args.redis_url:
            transfers = WARMUP + args.requests
            worker_cpu, jobs_run = drain_with_worker(args.worker_profile)
            print(f"worker: {1000 * worker_cpu / transfers:.2f} ms CPU per transfer, "
                  f"{jobs_run} jobs for {transfers} transfers")  # fmt: skip
        if args.no_profile:
            return
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(args.top)
        stats.sort_stats("tottime").print_stats(args.top)
    finally:
        await drop_database(args.server_url, name)
        if args.redis_url:
            from redis import Redis

            with Redis.from_url(args.redis_url) as client:
                client.flushdb()


if __name__ == "__main__":
    asyncio.run(main())
