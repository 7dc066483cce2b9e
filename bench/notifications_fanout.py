"""Announcement fan-out: one `system.announcement` to `--users` users (default 10,000).

    python -m bench.notifications_fanout                 # SQLite, a scratch file
    python -m bench.notifications_fanout --postgres      # a scratch Postgres database

Creates and migrates a scratch database, inserts the users (bulk, no hashing), records an
announcement and runs the fan-out job `notifications.fan_out_announcement` in this process,
as the worker would: batches of 500 users, each its own transaction (notifications, delivery
rows, unread counters, the cursor), then the batch's email and push jobs queued. It reports
the fan-out time (until every inbox item is committed), the batches, the longest single batch
transaction (how long any writer could have been kept waiting), and checks that every user
has exactly one notification and an unread count of 1. With `--deliver` it also runs the
queued email jobs (writing `.eml` files) and reports their time.

Everything it creates is dropped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
import uuid
from pathlib import Path

import sqlalchemy as sa

from bench.pg import DEFAULT_SERVER_URL, admin_sql, database_url, drop_database


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.notifications_fanout", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    p.add_argument("--users", type=int, default=10_000)
    p.add_argument("--postgres", action="store_true", help="a scratch Postgres database")
    p.add_argument("--server-url", default=DEFAULT_SERVER_URL)
    p.add_argument("--deliver", action="store_true", help="also run the email jobs")
    return p.parse_args()


async def seed_users(count: int) -> uuid.UUID:
    from brain.core import db
    from brain.domains.users.models import User
    from brain.domains.users.schemas import Role

    async with db.session_scope() as session:
        connection = await session.connection()
        for start in range(0, count, 1000):
            rows = []
            for n in range(start, min(start + 1000, count)):
                email = f"fanout-{n}@bench.example"
                rows.append(
                    User(email=email, email_key=email, display_name=f"Reader {n}",
                         role=Role.MEMBER.value).model_dump()
                )  # fmt: skip
            await connection.execute(sa.insert(User.__table__), rows)  # type: ignore[attr-defined]
        admin = User(email="admin@bench.example", email_key="admin@bench.example",
                     display_name="Admin", role=Role.SUPER_ADMIN.value)  # fmt: skip
        session.add(admin)
    return admin.id


async def run(db_url: str, args: argparse.Namespace, data_dir: Path) -> None:
    os.environ.update({"BRAIN_DATABASE_URL": db_url, "BRAIN_LOG_LEVEL": "WARNING",
                       "BRAIN_DATA_DIR": str(data_dir)})  # fmt: skip
    os.environ.pop("BRAIN_REDIS_URL", None)
    from brain import handlers
    from brain.cli import alembic_config
    from brain.core import db, jobs
    from brain.core.config import get_settings

    get_settings.cache_clear()
    from alembic import command

    await asyncio.to_thread(command.upgrade, alembic_config(db_url), "head")  # type: ignore[arg-type]
    settings = get_settings()
    db.configure(settings)
    runner = jobs.InProcessJobs(settings, autostart=False)
    jobs.use_backend(runner)
    handlers.register()
    from brain.domains.notifications import announcements
    from brain.domains.notifications.models import Announcement

    started = time.perf_counter()
    admin_id = await seed_users(args.users)
    print(f"seeded {args.users} users in {time.perf_counter() - started:.1f} s")
    async with db.session_scope() as session:
        row = Announcement(title="Bench", body="Hello everyone", created_by=admin_id)
        session.add(row)
    batch_times: list[float] = []
    original = announcements._one_batch

    async def timed(announcement_id: uuid.UUID, size: int) -> announcements._Batch:
        t0 = time.perf_counter()
        result = await original(announcement_id, size)
        batch_times.append(time.perf_counter() - t0)
        return result

    announcements._one_batch = timed
    started = time.perf_counter()
    batches = await announcements.fan_out(announcement_id=str(row.id))
    fan_out = time.perf_counter() - started
    async with db.session_scope() as session:
        connection = await session.connection()
        per_user = (
            await connection.execute(
                sa.text(
                    "SELECT COUNT(*), COUNT(DISTINCT user_id) FROM notifications "
                    "WHERE source_key = :k"
                ),
                {"k": str(row.id)},
            )
        ).one()
        unread = (
            await connection.execute(
                sa.text("SELECT MIN(unread), MAX(unread), COUNT(*) FROM notification_counters")
            )
        ).one()
        deliveries = (
            await connection.execute(sa.text("SELECT COUNT(*) FROM notification_deliveries"))
        ).scalar_one()
    recipients = args.users + 1
    assert per_user == (recipients, recipients), per_user
    assert tuple(unread) == (1, 1, recipients), unread
    print(f"fan-out to {recipients} users: {fan_out:.2f} s in {batches} batches "
          f"({recipients / fan_out:.0f} users/s); longest batch transaction "
          f"{max(batch_times) * 1000:.0f} ms, median "
          f"{sorted(batch_times)[len(batch_times) // 2] * 1000:.0f} ms; "
          f"{deliveries} delivery rows; {await runner.queue_depth()} jobs queued")  # fmt: skip
    if args.deliver:
        started = time.perf_counter()
        ran = await runner.run_until_idle()
        print(f"ran {ran} delivery jobs in {time.perf_counter() - started:.1f} s")
    await db.dispose()


def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="brain-fanout-") as tmp:
        if not args.postgres:
            asyncio.run(run(f"sqlite+aiosqlite:///{tmp}/bench.db", args, Path(tmp)))
            return
        name = f"bench_fanout_{uuid.uuid4().hex[:8]}"
        asyncio.run(admin_sql(args.server_url, f'CREATE DATABASE "{name}"'))
        try:
            asyncio.run(run(database_url(args.server_url, name), args, Path(tmp)))
        finally:
            asyncio.run(drop_database(args.server_url, name))


if __name__ == "__main__":
    main()
