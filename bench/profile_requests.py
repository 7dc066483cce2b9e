"""CPU per request of the shared pipeline: liveness and an authenticated balance read.

    python -m bench.profile_requests [--requests 3000] [--no-profile] [--only live,balance]

Five cases, each driven in process through httpx's ASGI transport, one request after another
(no sockets, no load generator), CPU measured with `time.process_time`:

- `floor`         a raw ASGI callable answering the same bytes: the client's and transport's
                  own CPU, to subtract from the others
- `live`          the Brain's `GET /api/health/live`
- `bare-live`     a bare FastAPI app answering the same JSON on the same path
- `balance`       the Brain's `GET /api/buz/balance/{me}` with a bearer token, on Postgres
- `bare-balance`  a bare FastAPI + asyncpg pool app doing one SELECT of the same wallet row

The httpx client's own CPU is in every figure, so compare a Brain case with its bare one
rather than reading either as the server's cost alone. A fresh Postgres database is created,
migrated and seeded with one wallet (the balance cases; `live` needs none) and dropped at the
end. Without --no-profile the Brain cases are also run under cProfile (which inflates CPU 2-3x)
and the top functions printed. Rate limits are on (the in-process store) unless
--no-rate-limits; --redis-url puts them (and jobs) on Redis, as in production. --uvloop runs
on uvloop, as uvicorn does in production (fewer CPU per round trip than asyncio's loop).
--direct calls the ASGI app without httpx: the server's CPU alone.

CPU time moves by 20 % or more when other work shares the cores. Instructions do not: run one
case twice under callgrind with different --requests and divide the difference in the
"Collected" totals by the difference in requests (the warm-up is fixed, so it cancels):

    valgrind --tool=callgrind --callgrind-out-file=/dev/null python -m bench.profile_requests \
        --no-profile --only balance --rounds 1 --requests 50     # then --requests 250
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import statistics
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy.engine import make_url

from bench.buz_transfers import seed
from bench.pg import admin_sql

WARMUP = 200
CASES = ("floor", "bare-live", "live", "bare-balance", "balance")


async def floor_app(_scope: Any, _receive: Any, send: Any) -> None:
    """No framework at all: what httpx and its ASGI transport cost by themselves."""
    body = b'{"status":"alive"}'
    headers = [(b"content-length", b"18"), (b"content-type", b"application/json")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def bare_app(dsn: str | None) -> Any:
    """The baseline: FastAPI, no middleware, no dependencies; asyncpg directly for the read."""
    import asyncpg
    from fastapi import FastAPI

    from brain.domains.buz.rules import format_units, wallet_id

    pool: Any = None
    app = FastAPI()

    @app.get("/api/health/live")
    async def live() -> dict[str, str]:
        return {"status": "alive"}

    @app.get("/api/buz/balance/{user_id}")
    async def balance(user_id: uuid.UUID) -> dict[str, Any]:
        row = await pool.fetchrow(
            "SELECT balance, version FROM buz_accounts WHERE id = $1", wallet_id(user_id)
        )
        return {
            "user_id": str(user_id),
            "available": format_units(int(row["balance"])),
            "staked": format_units(0),
            "total": format_units(int(row["balance"])),
            "wallet_version": int(row["version"]),
        }

    async def start() -> None:
        nonlocal pool
        if dsn:
            pool = await asyncpg.create_pool(dsn, min_size=1, max_size=5)

    async def stop() -> None:
        if pool is not None:
            await pool.close()

    app.state.start, app.state.stop = start, stop
    return app


async def measure(
    name: str,
    call: Callable[[], Awaitable[None]],
    *,
    requests: int,
    rounds: int,
    profile: bool,
    top: int,
) -> float:
    """CPU ms per request: the best of `rounds` rounds of `requests` (the least disturbed by
    whatever else the machine runs), with the median for a sense of the spread."""
    for _ in range(WARMUP):
        await call()
    per_round: list[float] = []
    for _ in range(rounds):
        cpu0 = time.process_time()
        for _ in range(requests):
            await call()
        per_round.append(1000 * (time.process_time() - cpu0) / requests)
    ms = min(per_round)
    print(
        f"{name:>13}: {ms:.3f} ms CPU per request (best of {rounds}; "
        f"median {statistics.median(per_round):.3f})"
    )
    if profile:
        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
        for _ in range(requests):
            await call()
        profiler.disable()
        stats = pstats.Stats(profiler)
        print(f"--- {name} under cProfile (inflated 2-3x) ---")
        stats.sort_stats("cumulative").print_stats(top)
        stats.sort_stats("tottime").print_stats(top)
    return ms


@dataclass
class DirectResponse:
    status_code: int
    text: str


class DirectClient:
    """Calls the ASGI app with a prepared scope, no HTTP client (--direct): what remains is the
    server's own CPU, nearly all of it (the floor case shows what is left)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __aenter__(self) -> DirectClient:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        return None

    async def get(self, path: str, headers: dict[str, str] | None = None) -> DirectResponse:
        scope = {
            "type": "http", "asgi": {"version": "3.0", "spec_version": "2.4"},
            "http_version": "1.1", "method": "GET", "scheme": "http", "path": path,
            "raw_path": path.encode(), "query_string": b"", "root_path": "",
            "headers": [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()],
            "client": ("127.0.0.1", 40000), "server": ("brain", 80), "state": {},
        }  # fmt: skip
        status = 0
        body = b""

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status, body
            if message["type"] == "http.response.start":
                status = message["status"]
            else:
                body += message.get("body", b"")

        await self.app(scope, receive, send)
        return DirectResponse(status, body.decode())


def client(app: Any, *, direct: bool) -> httpx.AsyncClient | DirectClient:
    if direct:
        return DirectClient(app)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://brain")


async def main() -> None:
    p = argparse.ArgumentParser(prog="python -m bench.profile_requests")
    p.add_argument("--server-url", default="postgresql+asyncpg://postgres@127.0.0.1/postgres")
    p.add_argument("--requests", type=int, default=2000, help="requests per round")
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--top", type=int, default=30)
    p.add_argument("--only", default=",".join(CASES), help=f"comma-separated of {CASES}")
    p.add_argument("--no-profile", action="store_true", help="only CPU per request")
    p.add_argument("--no-rate-limits", action="store_true")
    p.add_argument("--redis-url", default=None)
    p.add_argument("--uvloop", action="store_true")
    p.add_argument("--direct", action="store_true", help="call the ASGI app, no httpx client")
    args = p.parse_args()
    only = [c for c in CASES if c in args.only.split(",")]
    needs_db = any(c.endswith("balance") for c in only)
    from alembic import command

    from brain.cli import alembic_config

    name = f"brain_prof_{uuid.uuid4().hex[:8]}"
    db_url = make_url(args.server_url).set(database=name).render_as_string(hide_password=False)
    if needs_db:
        await admin_sql(args.server_url, f'CREATE DATABASE "{name}"')
    results: dict[str, float] = {}
    try:
        me: uuid.UUID | None = None
        token = ""
        if needs_db:
            await asyncio.to_thread(command.upgrade, alembic_config(db_url), "head")  # type: ignore[arg-type]
            [(me, token)] = await seed(db_url, 1)
        os.environ |= {
            "BRAIN_DATABASE_URL": db_url,
            "BRAIN_RATE_LIMITS_ENABLED": "false" if args.no_rate_limits else "true",
            # Far above what this run sends: the limit is counted, never reached.
            "BRAIN_RATE_LIMIT_API_PER_15MIN": "100000000",
            "BRAIN_LOG_LEVEL": "WARNING",
        }
        if args.redis_url:
            os.environ["BRAIN_REDIS_URL"] = args.redis_url
        else:
            os.environ.pop("BRAIN_REDIS_URL", None)
        from brain.app import create_app
        from brain.core.config import Settings, get_settings

        get_settings.cache_clear()
        profile = not args.no_profile
        kw: dict[str, Any] = {"requests": args.requests, "rounds": args.rounds, "top": args.top}

        if "floor" in only:
            async with client(floor_app, direct=args.direct) as http:

                async def raw() -> None:
                    r = await http.get("/api/health/live")
                    assert r.status_code == 200, r.text

                results["floor"] = await measure("floor", raw, profile=False, **kw)

        if any(c.startswith("bare") for c in only):
            dsn = make_url(db_url).set(drivername="postgresql").render_as_string(False)
            bare = bare_app(dsn if needs_db else None)
            await bare.state.start()
            try:
                async with client(bare, direct=args.direct) as http:

                    async def bare_live() -> None:
                        r = await http.get("/api/health/live")
                        assert r.status_code == 200, r.text

                    async def bare_balance() -> None:
                        r = await http.get(f"/api/buz/balance/{me}")
                        assert r.status_code == 200, r.text

                    if "bare-live" in only:
                        results["bare-live"] = await measure(
                            "bare-live", bare_live, profile=False, **kw
                        )
                    if "bare-balance" in only:
                        results["bare-balance"] = await measure(
                            "bare-balance", bare_balance, profile=False, **kw
                        )
            finally:
                await bare.state.stop()

        if "live" in only or "balance" in only:
            app = create_app(Settings())
            async with app.router.lifespan_context(app), client(app, direct=args.direct) as http:
                auth = {"Authorization": f"Bearer {token}"}

                async def live() -> None:
                    r = await http.get("/api/health/live")
                    assert r.status_code == 200, r.text

                async def balance() -> None:
                    r = await http.get(f"/api/buz/balance/{me}", headers=auth)
                    assert r.status_code == 200, r.text

                if "live" in only:
                    results["live"] = await measure("live", live, profile=profile, **kw)
                if "balance" in only:
                    results["balance"] = await measure("balance", balance, profile=profile, **kw)
    finally:
        if needs_db:
            await admin_sql(args.server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    floor = results.get("floor", 0.0)
    for case, bare_case in (("live", "bare-live"), ("balance", "bare-balance")):
        if case in results and bare_case in results:
            # Less the floor: the server side of each, as far as this harness can tell.
            ratio = (results[case] - floor) / (results[bare_case] - floor)
            print(
                f"{case}: {ratio:.2f}x the bare app's CPU (server side, less the floor "
                f"of {floor:.3f} ms)"
                if floor
                else f"{case}: {ratio:.2f}x the bare app's CPU"
            )


if __name__ == "__main__":
    if "--uvloop" in sys.argv:
        import uvloop

        uvloop.run(main())
    else:
        asyncio.run(main())
