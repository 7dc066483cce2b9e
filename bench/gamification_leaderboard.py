"""Leaderboard read latency with many users: SQL (Postgres) against Redis sorted sets.

    python -m bench.gamification_leaderboard --help

Creates a fresh database on the Postgres server, migrates it, inserts `--users` users (default
100,000) with gamification totals, one XP award, one BUZ movement each this week and a badge
for one in ten (as the award engine would have written them), ANALYZEs, then reads the
leaderboards through the service the route calls (`gamification.service.leaderboard_page`:
the board page of 50 rows, the caller's own rank, display names, the XP totals), in process
and sequentially, over a rotation of every category and period, half of the reads with
`around=me` for a random user:

- SQL: no Redis configured (every read aggregates or scans an index on Postgres);
- Redis: the boards rebuilt into sorted sets (`--redis-url`; keys under a prefix of their
  own, deleted at the end), the page and rank from Redis, names and XP totals from Postgres.

p50 and p99 of each are printed. Everything it creates is dropped at the end unless --keep.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time
import uuid
from datetime import UTC, datetime
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import create_async_engine

from bench.pg import DEFAULT_SERVER_URL, admin_sql, database_url, drop_database

CHUNK = 5_000


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.gamification_leaderboard",
                                description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    p.add_argument("--server-url", default=DEFAULT_SERVER_URL)
    p.add_argument("--redis-url", default="redis://127.0.0.1:6379/12")
    p.add_argument("--users", type=int, default=100_000)
    p.add_argument("--reads", type=int, default=600, help="measured reads per store")
    p.add_argument("--warmup", type=int, default=60)
    p.add_argument("--seed", type=int, default=16)
    p.add_argument("--keep", action="store_true", help="keep the benchmark database")
    return p.parse_args()


async def seed(db_url: str, count: int, rng: random.Random) -> list[uuid.UUID]:
    from brain.domains.gamification.models import BuzChange, UserBadge, UserStats, XpAward
    from brain.domains.users.models import User

    engine = create_async_engine(db_url)
    now = datetime.now(UTC)
    ids = [uuid.uuid4() for _ in range(count)]
    try:
        for start in range(0, count, CHUNK):
            chunk = ids[start : start + CHUNK]
            users, stats, awards, changes, badges = [], [], [], [], []
            for n, user_id in enumerate(chunk, start):
                xp = rng.randint(0, 25_000)
                users.append({"id": user_id, "email": f"lb{n}@example.com",
                              "email_key": f"lb{n}@example.com", "display_name": f"Owl {n}",
                              "role": "MEMBER", "status": "ACTIVE", "created_at": now,
                              "updated_at": now})  # fmt: skip
                has_badge = n % 10 == 0
                stats.append({"user_id": user_id, "xp": xp, "level": "OWLET",
                              "badges": 1 if has_badge else 0,
                              "buz_held": rng.randint(0, 5_000_000), "current_streak": 0,
                              "best_streak": 0, "version": 1, "updated_at": now})  # fmt: skip
                awards.append({"id": uuid.uuid4(), "user_id": user_id, "rule": "daily_login",
                               "xp": rng.randint(1, 2_000), "source_event_id": uuid.uuid4(),
                               "occurred_at": now, "day": now.date(),
                               "created_at": now})  # fmt: skip
                changes.append({"user_id": user_id, "transfer_id": uuid.uuid4(),
                                "delta": rng.randint(1, 100_000), "occurred_at": now})  # fmt: skip
                if has_badge:
                    badges.append({"id": uuid.uuid4(), "user_id": user_id,
                                   "badge": "FIRST_STEPS", "earned_at": now})  # fmt: skip
            async with engine.begin() as conn:
                for model, rows in ((User, users), (UserStats, stats), (XpAward, awards),
                                    (BuzChange, changes), (UserBadge, badges)):  # fmt: skip
                    await conn.execute(sa.insert(cast(Any, model).__table__), rows)
        async with engine.connect() as conn:
            await conn.execution_options(isolation_level="AUTOCOMMIT")
            await conn.execute(sa.text("ANALYZE"))
    finally:
        await engine.dispose()
    return ids


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def summary(label: str, ms: list[float]) -> str:
    return (f"{label:<34} p50 {statistics.median(ms):7.2f} ms   p99 {percentile(ms, 99):7.2f} ms"
            f"   (n={len(ms)})")  # fmt: skip


async def measure(ids: list[uuid.UUID], rng: random.Random, warmup: int, reads: int) -> Any:
    from brain.core import db
    from brain.domains.gamification import service
    from brain.domains.gamification.rules import Category, Period

    boards = [(c, p) for c in Category for p in Period]
    per_board: dict[str, list[float]] = {}
    all_ms: list[float] = []
    for i in range(warmup + reads):
        category, period = boards[i % len(boards)]
        around = i % 2 == 1
        viewer = rng.choice(ids)
        started = time.perf_counter()
        async with db.session_scope(read_only=True) as session:
            page = await service.leaderboard_page(
                session, category=category, period=period, limit=50, viewer_id=viewer,
                around_me=around,
            )  # fmt: skip
        elapsed = (time.perf_counter() - started) * 1000
        assert len(page.items) == 50
        if i >= warmup:
            all_ms.append(elapsed)
            per_board.setdefault(f"{category.value}:{period.value}", []).append(elapsed)
    return all_ms, per_board


async def main() -> None:
    args = parse_args()
    from alembic import command

    from brain.cli import alembic_config
    from brain.core import db
    from brain.core.config import Settings
    from brain.domains.gamification import leaderboard

    rng = random.Random(args.seed)
    name = f"brain_bench_{uuid.uuid4().hex[:8]}"
    db_url = database_url(args.server_url, name)
    await admin_sql(args.server_url, f'CREATE DATABASE "{name}"')
    prefix = f"bench:gamification:{uuid.uuid4().hex[:8]}:"
    try:
        print(f"database {name}: migrating and inserting {args.users} users ...")
        await asyncio.to_thread(command.upgrade, alembic_config(db_url), "head")  # type: ignore[arg-type]
        started = time.perf_counter()
        ids = await seed(db_url, args.users, rng)
        print(f"seeded in {time.perf_counter() - started:.0f} s")
        db.configure(Settings(database_url=db_url))
        leaderboard.configure(None)
        sql_ms, sql_boards = await measure(ids, rng, args.warmup, args.reads)
        leaderboard.configure(args.redis_url, prefix=prefix)
        started = time.perf_counter()
        written = await leaderboard.rebuild()
        print(f"Redis rebuilt from SQL: {written} entries in {time.perf_counter() - started:.1f} s")
        redis_ms, redis_boards = await measure(ids, rng, args.warmup, args.reads)
        print(summary("leaderboard read, SQL (Postgres)", sql_ms))
        print(summary("leaderboard read, Redis", redis_ms))
        for board in sql_boards:
            print(f"  {board:<16} SQL p99 {percentile(sql_boards[board], 99):7.2f} ms"
                  f"   Redis p99 {percentile(redis_boards[board], 99):7.2f} ms")  # fmt: skip
    finally:
        target = leaderboard.redis()
        if target is not None:
            client = target[0]
            keys = [k async for k in client.scan_iter(match=f"{prefix}*")]
            if keys:
                await client.delete(*keys)
        await leaderboard.aclose()
        await db.dispose()
        if not args.keep:
            await drop_database(args.server_url, name)


if __name__ == "__main__":
    asyncio.run(main())
