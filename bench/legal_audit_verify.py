"""The legal audit chain: a full walk vs an incremental verification, in the same run.

    python -m bench.legal_audit_verify --help

Migrates a fresh database (a temporary SQLite file by default), appends `--entries` audit
entries through `legal.audit.append` (the code every legal write uses), then times, each
`--runs` times and reports the median:

- **full**: `GET /api/legal/audit/verify?full=true`'s work (`audit_checks.verify(full=True)`),
  the whole chain, which is what every call cost before checkpoints;
- **incremental**: after `--new` more entries, the default call's work (re-hash the
  checkpoint entry, walk the new ones, move the checkpoint, record the run).

Both include their own transaction and the verification record, as the endpoint does (no HTTP
or authentication, which would add the same constant to both). Prints the figures and the
ratio full / incremental.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import cast


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.legal_audit_verify", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    p.add_argument("--entries", type=int, default=5000, help="chain length before measuring")
    p.add_argument("--new", type=int, default=10, help="entries appended before each incremental")
    p.add_argument("--runs", type=int, default=5, help="measured runs of each kind (median)")
    p.add_argument("--database-url", default=None,
                   help="an empty database to use (default: a temporary SQLite file)")  # fmt: skip
    return p.parse_args()


async def append_entries(count: int, *, batch: int = 500) -> None:
    from brain.core import db
    from brain.domains.legal import audit

    done = 0
    while done < count:
        async with db.session_scope() as session:
            for n in range(done, min(count, done + batch)):
                await audit.append(session, "bench_entry", data={"n": n, "text": "x" * 40})
        done = min(count, done + batch)


async def timed_verify(*, full: bool) -> tuple[float, int, bool]:
    """Seconds, entries walked, valid."""
    from brain.core import db
    from brain.domains.legal import audit_checks

    start = time.perf_counter()
    async with db.session_scope() as session:
        result = await audit_checks.verify(session, full=full, trigger="api")
    return time.perf_counter() - start, result.entries, result.valid


async def measure(args: argparse.Namespace) -> None:
    from brain.core import db
    from brain.core.config import get_settings

    db.configure(get_settings())
    try:
        t0 = time.perf_counter()
        await append_entries(args.entries)
        print(f"appended {args.entries} entries in {time.perf_counter() - t0:.1f} s")
        full: list[float] = []
        for _ in range(args.runs):
            seconds, walked, valid = await timed_verify(full=True)
            if not valid or walked < args.entries:
                raise RuntimeError(f"full walk: valid={valid}, walked {walked}")
            full.append(seconds)
        incremental: list[float] = []
        for _ in range(args.runs):
            await append_entries(args.new)
            seconds, walked, valid = await timed_verify(full=False)
            if not valid or walked != args.new:
                raise RuntimeError(f"incremental: valid={valid}, walked {walked}")
            incremental.append(seconds)
    finally:
        await db.dispose()
    f, i = statistics.median(full), statistics.median(incremental)
    print(f"database: {get_settings().database_url.split(':')[0]}")
    runs = f"over {args.runs} runs"
    print(f"full walk of {args.entries} entries: median {f * 1000:.1f} ms {runs}")
    print(f"incremental after {args.new} new entries: median {i * 1000:.2f} ms {runs}")
    print(f"ratio full / incremental: {f / i:.0f}x")


def main() -> None:
    args = parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="brain-bench-audit-"))
    url = args.database_url or f"sqlite+aiosqlite:///{tmp / 'bench.db'}"
    # Settings are read from the environment: point them at the benchmark's database first.
    os.environ |= {"BRAIN_DATABASE_URL": url, "BRAIN_DATA_DIR": str(tmp), "BRAIN_ENV": "test",
                   "BRAIN_LOG_LEVEL": "WARNING"}  # fmt: skip
    os.environ.pop("BRAIN_REDIS_URL", None)
    from alembic import command
    from alembic.config import Config

    from brain.cli import alembic_config
    from brain.core.config import get_settings

    get_settings.cache_clear()
    config = cast(Config, alembic_config(url))
    config.attributes["skip_logging_config"] = True
    command.upgrade(config, "head")
    asyncio.run(measure(args))


if __name__ == "__main__":
    main()
