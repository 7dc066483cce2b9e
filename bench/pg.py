"""Postgres for the benchmarks: the server, scratch databases, pgbench TPC-B."""

from __future__ import annotations

import asyncio
import glob
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import create_async_engine

from bench.wrk import Run

DEFAULT_SERVER_URL = "postgresql+asyncpg://postgres@127.0.0.1/postgres"


async def admin_sql(server_url: str, statement: str) -> None:
    engine = create_async_engine(server_url, isolation_level="AUTOCOMMIT")
    async with engine.connect() as conn:
        await conn.execute(sa.text(statement))
    await engine.dispose()


async def scalar(url: str, statement: str) -> str:
    engine = create_async_engine(url)
    async with engine.connect() as conn:
        value = (await conn.execute(sa.text(statement))).scalar_one()
    await engine.dispose()
    return str(value)


async def drop_database(server_url: str, name: str, *, tries: int = 10) -> None:
    """Drop a database the bench created, retrying: on a shared server the drop can meet
    "too many clients" for a while. Warns (never raises) when it still fails, so a finished
    run keeps its results."""
    for attempt in range(tries):
        try:
            await admin_sql(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        except Exception as exc:
            if attempt == tries - 1:
                print(
                    f"WARNING: could not drop database {name} ({exc!r}); drop it by hand: "
                    f'DROP DATABASE "{name}" WITH (FORCE)',
                    file=sys.stderr,
                )
                return
            await asyncio.sleep(2)


def database_url(server_url: str, name: str) -> str:
    """`server_url` with another database, password included (for the child processes)."""
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def libpq_dsn(url: str) -> str:
    """The same database as a plain `postgresql://` URL (asyncpg, psql) instead of SQLAlchemy's."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _client_args(url: URL) -> tuple[list[str], dict[str, str]]:
    args = [
        "-h",
        url.host or "127.0.0.1",
        "-p",
        str(url.port or 5432),
        "-U",
        url.username or "postgres",
    ]
    env = dict(os.environ) | ({"PGPASSWORD": url.password} if url.password else {})
    return args, env


def is_ready(server_url: str) -> bool:
    args, env = _client_args(make_url(server_url))
    probe = subprocess.run(
        ["pg_isready", *args, "-t", "2"], check=False, env=env, capture_output=True
    )
    return probe.returncode == 0


@contextmanager
def running_server(server_url: str) -> Iterator[bool]:
    """Postgres up for the block: started (Debian's pg_ctlcluster, as .ci/run does) when it is
    down on this machine, and stopped again afterwards. Yields whether it was started here."""
    if shutil.which("pg_isready") is None or is_ready(server_url):
        yield False
        return
    host = make_url(server_url).host or "127.0.0.1"
    clusters = sorted(Path("/etc/postgresql").glob("*/main"), key=lambda p: float(p.parent.name))
    if (
        host not in ("127.0.0.1", "localhost", "::1")
        or not clusters
        or not shutil.which("pg_ctlcluster")
    ):
        raise RuntimeError(f"Postgres is not answering at {host} and cannot be started here")
    cluster = clusters[-1].parent.name
    print(f"Postgres is down: starting cluster {cluster}/main ...")
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "start"], check=True
    )
    try:
        for _ in range(60):
            if is_ready(server_url):
                break
            time.sleep(0.5)
        else:
            raise RuntimeError("Postgres did not become ready within 30 s")
        yield True
    finally:
        print(f"stopping the Postgres cluster {cluster}/main started by the bench ...")
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "stop"], check=False
        )


def _latencies_ms(prefix: str) -> list[float]:
    """Per-transaction latencies from pgbench's `-l` logs (third column, microseconds)."""
    found: list[float] = []
    for path in glob.glob(f"{prefix}.*"):
        with open(path) as f:
            found.extend(int(line.split()[2]) / 1000 for line in f if line.strip())
    return found


@contextmanager
def pgbench_database(server_url: str) -> Iterator[str]:
    """A scratch database initialised for TPC-B (`pgbench -i`, scale 1), dropped afterwards."""
    url = make_url(server_url)
    args, env = _client_args(url)
    name = f"brain_pgbench_{uuid.uuid4().hex[:8]}"
    subprocess.run(["createdb", *args, name], check=True, env=env)
    try:
        subprocess.run(
            ["pgbench", *args, "-i", "-q", name], check=True, env=env, capture_output=True
        )
        yield name
    finally:
        # Synchronous (buz_transfers calls this from its event loop), retried as drop_database.
        for attempt in range(10):
            done = subprocess.run(
                ["dropdb", "--if-exists", "--force", *args, name],
                check=False,
                env=env,
                capture_output=True,
                text=True,
            )
            if done.returncode == 0:
                break
            if attempt == 9:
                print(
                    f"WARNING: could not drop database {name} ({done.stderr.strip()}); drop "
                    f'it by hand: DROP DATABASE "{name}" WITH (FORCE)',
                    file=sys.stderr,
                )
            else:
                time.sleep(2)


def pgbench_run(
    server_url: str, database: str, *, seconds: float, clients: int = 8, threads: int = 2
) -> Run:
    """One TPC-B run on `database` (see `pgbench_database`): tps, and p50/p99 from its log."""
    args, env = _client_args(make_url(server_url))
    with tempfile.TemporaryDirectory() as folder:
        prefix = os.path.join(folder, "pgbench")
        command = [
            "pgbench",
            *args,
            "-c",
            str(clients),
            "-j",
            str(threads),
            "-T",
            str(max(1, round(seconds))),
            "-l",
            "--log-prefix",
            prefix,
            database,
        ]
        out = subprocess.run(command, check=True, env=env, capture_output=True, text=True).stdout
        match = re.search(r"tps = ([0-9.]+)", out)
        failed = re.search(r"number of failed transactions: (\d+)", out)
        latencies = _latencies_ms(prefix)
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return Run(
        requests=len(latencies),
        per_second=float(match.group(1)) if match else 0.0,
        p50_ms=q[49],
        p99_ms=q[98],
        errors=int(failed.group(1)) if failed else 0,
    )


def pgbench(server_url: str, seconds: int) -> float:
    """TPC-B tps of one `pgbench -c 8 -j 2` run on a scratch database."""
    with pgbench_database(server_url) as name:
        return pgbench_run(server_url, name, seconds=seconds).per_second
