"""Venture search latency on Postgres: `GET /api/ventures?q=` against a bare asyncpg query.

    python -m bench.ventures_search --help

Creates a fresh database on the Postgres server, migrates it, inserts `--ventures` ventures
(default 10,000; names and descriptions drawn from a fixed vocabulary so that words have
every selectivity from a handful of rows to thousands; 80% PUBLIC, the rest PRIVATE or
INVITE_ONLY, owned by one user), ANALYZEs, starts the Brain under uvicorn and measures, with
one connection and sequential requests, the latency of `GET /api/ventures?q=...` as a second
user who sees only the public ones, over a rotation of queries (a common word, a rare word,
two words, a prefix). Beside it, the same first page (50 rows + 1, the same WHERE, ORDER BY
and LIMIT the Brain's service builds) fetched with asyncpg directly, so the difference is the
Brain's own cost: HTTP, auth, validation, the ORM and serialisation. p50 and p99 of both are
printed, with the query plan of the bare query (it should use `ix_ventures_search`).

Everything it creates is dropped at the end unless --keep.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
import httpx
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

from bench.buz_transfers import brain_env
from bench.pg import DEFAULT_SERVER_URL, admin_sql, database_url, drop_database, libpq_dsn
from bench.servers import Server, uvicorn_command

BARE_QUERY = """
SELECT v.* FROM ventures v
WHERE (v.visibility = 'PUBLIC' OR EXISTS (
        SELECT 1 FROM venture_members m WHERE m.venture_id = v.id AND m.user_id = $1))
  AND to_tsvector('simple'::regconfig, v.name || ' ' || v.description)
      @@ to_tsquery('simple'::regconfig, $2)
ORDER BY v.created_at DESC, v.id DESC
LIMIT 51
"""


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.ventures_search", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    p.add_argument("--server-url", default=DEFAULT_SERVER_URL)
    p.add_argument("--ventures", type=int, default=10_000)
    p.add_argument("--requests", type=int, default=600, help="measured requests per side")
    p.add_argument("--warmup", type=int, default=60)
    p.add_argument("--port", type=int, default=8766)
    p.add_argument("--seed", type=int, default=14)
    p.add_argument("--keep", action="store_true", help="keep the benchmark database")
    return p.parse_args()


def vocabulary(rng: random.Random) -> list[str]:
    """Pronounceable made-up words: a fixed, language-neutral vocabulary."""
    consonants, vowels = "bcdfghklmnprstvz", "aeiou"
    words: set[str] = set()
    while len(words) < 3000:
        words.add("".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(3)))
    return sorted(words)


def zipf_pick(rng: random.Random, words: list[str]) -> str:
    # Skewed: the first words are common, the tail rare (as in real text).
    return words[min(int(rng.paretovariate(1.1)) - 1, len(words) - 1)]


async def seed(db_url: str, count: int, rng: random.Random) -> tuple[str, uuid.UUID, list[str]]:
    """The ventures (and their owner), and the viewer's access token."""
    from brain import handlers
    from brain.core import db, jobs
    from brain.core.config import get_settings
    from brain.domains.auth import service as auth
    from brain.domains.users import service as users
    from brain.domains.users.schemas import Role
    from brain.domains.ventures.models import Venture, VentureMember

    engine = create_async_engine(db_url)
    db.use_sessionmaker(async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False))
    jobs.configure(get_settings(), autostart=False)
    handlers.register()
    words = vocabulary(rng)
    async with db.session_scope() as session:
        owner, viewer = [
            await users.create_user(
                session, email=f"bench-{who}@example.com", display_name=who, source="admin",
                role=Role.MEMBER,
            )
            for who in ("owner", "viewer")
        ]  # fmt: skip
        tokens = await auth.start_session(
            session, get_settings(), user_id=viewer.id, client=auth.Client(ip="127.0.0.1"),
            method="bench",
        )  # fmt: skip
        start = datetime.now(UTC) - timedelta(days=365)
        rows: list[dict[str, Any]] = []
        for n in range(count):
            name = " ".join(zipf_pick(rng, words) for _ in range(2)).title() + f" {n}"
            description = " ".join(zipf_pick(rng, words) for _ in range(30))
            at = start + timedelta(minutes=n * 50)
            visibility = rng.choices(["PUBLIC", "PRIVATE", "INVITE_ONLY"], [8, 1, 1])[0]
            rows.append({
                "id": uuid.uuid4(), "name": name, "name_key": name.lower(),
                "description": description, "industry": "TECHNOLOGY", "visibility": visibility,
                "tags": [], "website": None, "funding_goal": None, "stage": "IDEA",
                "stage_seq": 0, "stage_entered_at": at, "owner_id": owner.id,
                "created_by": owner.id, "idempotency_key": f"bench-{n}",
                "request_hash": "0" * 64, "archived_at": None, "archive_reason": None,
                "created_at": at, "updated_at": at,
            })  # fmt: skip
        table = Venture.__table__  # type: ignore[attr-defined]
        members = VentureMember.__table__  # type: ignore[attr-defined]
        for i in range(0, count, 1000):
            chunk = rows[i : i + 1000]
            await session.exec(sa.insert(table), params=chunk)
            await session.exec(
                sa.insert(members),
                params=[{"venture_id": r["id"], "user_id": owner.id, "role": "OWNER",
                         "invited_by": None, "joined_at": r["created_at"]} for r in chunk],
            )  # fmt: skip
    async with engine.connect() as conn:
        await conn.execution_options(isolation_level="AUTOCOMMIT")
        await conn.execute(sa.text("ANALYZE ventures"))
        await conn.execute(sa.text("ANALYZE venture_members"))
    db.use_sessionmaker(None)
    await engine.dispose()
    return tokens.access_token, viewer.id, words


def queries(words: list[str]) -> list[str]:
    """A common word, a mid one, a rare one, two words, a prefix."""
    return [words[0], words[20], words[150], f"{words[0]} {words[3]}", words[5][:4]]


def tsquery(q: str) -> str:
    return " & ".join(f"{w}:*" for w in q.lower().split())


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def summary(label: str, ms: list[float]) -> str:
    return (f"{label:<28} p50 {percentile(ms, 50):6.2f} ms  p99 {percentile(ms, 99):6.2f} ms  "
            f"mean {statistics.fmean(ms):6.2f} ms  (n={len(ms)})")  # fmt: skip


def measure_http(
    base: str, token: str, qs: list[str], warmup: int, n: int
) -> tuple[list[float], list[int]]:
    ms: list[float] = []
    counts: list[int] = []
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}) as http:
        for i in range(warmup + n):
            q = qs[i % len(qs)]
            started = time.perf_counter()
            response = http.get("/api/ventures", params={"q": q})
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise RuntimeError(f"{response.status_code} {response.text}")
            if i >= warmup:
                ms.append(elapsed)
                counts.append(len(response.json()["items"]))
    return ms, counts


async def measure_bare(
    dsn: str, viewer: uuid.UUID, qs: list[str], warmup: int, n: int
) -> tuple[list[float], str]:
    conn = await asyncpg.connect(dsn)
    try:
        statement = await conn.prepare(BARE_QUERY)
        ms: list[float] = []
        for i in range(warmup + n):
            q = tsquery(qs[i % len(qs)])
            started = time.perf_counter()
            await statement.fetch(viewer, q)
            if i >= warmup:
                ms.append((time.perf_counter() - started) * 1000)
        plans = []
        for q in (qs[0], qs[2]):
            plan = await conn.fetch(
                "EXPLAIN (ANALYZE, COSTS OFF) " + BARE_QUERY, viewer, tsquery(q)
            )
            plans.append(f"-- q={q!r}\n" + "\n".join(r[0] for r in plan))
        return ms, "\n".join(plans)
    finally:
        await conn.close()


async def main() -> None:
    args = parse_args()
    from alembic import command

    from brain.cli import alembic_config

    rng = random.Random(args.seed)
    name = f"brain_bench_{uuid.uuid4().hex[:8]}"
    db_url = database_url(args.server_url, name)
    await admin_sql(args.server_url, f'CREATE DATABASE "{name}"')
    server: Server | None = None
    try:
        print(f"database {name}: migrating and inserting {args.ventures} ventures ...")
        await asyncio.to_thread(command.upgrade, alembic_config(db_url), "head")  # type: ignore[arg-type]
        token, viewer, words = await seed(db_url, args.ventures, rng)
        qs = queries(words)
        server = Server(
            "brain",
            uvicorn_command("brain.app:create_app", factory=True, port=args.port, workers=1),
            port=args.port,
            env=brain_env(db_url),
        )
        await asyncio.to_thread(server.wait_ready)
        print(f"queries: {qs}; {args.warmup} warm-up, {args.requests} measured, one connection")
        http_ms, counts = await asyncio.to_thread(
            measure_http, server.base, token, qs, args.warmup, args.requests
        )
        bare_ms, plan = await measure_bare(
            libpq_dsn(db_url), viewer, qs, args.warmup, args.requests
        )
        print(f"rows per page: min {min(counts)}, max {max(counts)}")
        print(summary("GET /api/ventures?q=", http_ms))
        print(summary("bare asyncpg, same rows", bare_ms))
        print(f"p99 ratio: {percentile(http_ms, 99) / percentile(bare_ms, 99):.1f}x")
        for k, q in enumerate(qs):
            first = (k - args.warmup) % len(qs)  # measured request j asks qs[(j + warmup) % n]
            mine, bare = http_ms[first :: len(qs)], bare_ms[first :: len(qs)]
            print(f"  q={q!r:<18} rows {counts[first]:>2}  http p99 {percentile(mine, 99):6.2f} ms"
                  f"  bare p99 {percentile(bare, 99):6.2f} ms")  # fmt: skip
        print("plans of the bare query (a common word, a rare one):\n" + plan)
    finally:
        if server is not None:
            server.stop()
        if not args.keep:
            await drop_database(args.server_url, name)


if __name__ == "__main__":
    asyncio.run(main())
