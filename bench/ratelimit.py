"""The rate limiter's cost on Redis, per check, against a plain `GET` in the same run.

    python -m bench.ratelimit                       # Redis at redis://127.0.0.1:6379/15
    python -m bench.ratelimit --redis-url URL --checks 20000 --runs 5

Every authenticated request makes one check (`brain.core.ratelimit.redis_incr`). The figure
that matters is the Brain process's CPU per check (`time.process_time`, so a busy machine's
waiting is not counted): the Redis round trip is the same for any one-round-trip design. Three
clients take turns, each the median of its runs:

  get        `GET` of one key: the floor for any one-command check with redis-py
  pipeline   MULTI/INCR/EXPIRE/EXEC, the limiter before issue 13 (kept here as the reference)
  script     one `EVALSHA` of a Lua script: the limiter's exact checks (login, uploads...)
  batched    the per-user API limit: counted in the process and synced once per 0.1 s
             (`BatchedCounts`); each check also yields to the event loop once, as a request
             does, so the syncs run and are counted

It prints µs of CPU per check and the ratio to `get`; nothing is written.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import redis.asyncio as aioredis

from brain.core import ratelimit


async def _pipeline_incr(client: Any, key: str, ttl: int) -> int:
    async with client.pipeline(transaction=True) as pipe:
        pipe.incr(key)
        pipe.expire(key, ttl)
        count, _ = await pipe.execute()
    return int(count)


async def _cpu_per_call(call: Callable[[], Awaitable[Any]], checks: int) -> float:
    for _ in range(min(500, checks)):  # warm-up: connections, script cache
        await call()
    started = time.process_time()
    for _ in range(checks):
        await call()
    return (time.process_time() - started) / checks * 1e6


async def measure(url: str, checks: int, runs: int) -> dict[str, float]:
    client = aioredis.Redis.from_url(url, socket_timeout=0.5)
    prefix = f"bench:ratelimit:{uuid.uuid4().hex}:"
    await client.set(prefix + "get", b"1")
    calls: dict[str, Callable[[], Awaitable[Any]]] = {
        "get": lambda: client.get(prefix + "get"),
        "pipeline": lambda: _pipeline_incr(client, prefix + "pipeline", 60),
        "script": lambda: ratelimit.redis_incr(client, prefix + "script", 60),
    }
    batched = ratelimit.BatchedCounts()
    window = ratelimit.KEY_PREFIX + prefix + "batched:1"

    async def batched_check() -> None:
        batched.count(window, window_end=time.time() + 600, ttl=600, now=time.time())
        batched.schedule(url, 0.1)
        await asyncio.sleep(0)

    calls["batched"] = batched_check
    figures: dict[str, list[float]] = {name: [] for name in calls}
    try:
        for run in range(runs):
            names = list(calls) if run % 2 == 0 else list(reversed(calls))
            for name in names:
                figures[name].append(await _cpu_per_call(calls[name], checks))
    finally:
        await batched.close()
        await ratelimit.aclose()
        await client.delete(*[prefix + name for name in calls], window)
        await client.aclose()
    return {name: statistics.median(values) for name, values in figures.items()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/15")
    parser.add_argument("--checks", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    figures = asyncio.run(measure(args.redis_url, args.checks, args.runs))
    print(f"{'client':<10} {'CPU us/check':>13} {'ratio to get':>13}")
    for name, value in figures.items():
        print(f"{name:<10} {value:>13.1f} {value / figures['get']:>13.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
