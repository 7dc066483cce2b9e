"""Fixtures of the fault tests: services they own and break, and Brain processes on them.

The shared Postgres and Redis of a machine (CI's, a developer's) serve other people at the same
time, so no test may stop them. These fixtures start a Postgres cluster of the tests' own
(`initdb` and `pg_ctl` in a temporary folder, a free loopback port, trust auth, fsync on) once
per run, and a `redis-server` per test, and stop both at the end, failures included.

The Brain runs as in production: `brain migrate` (once per run, into a template database each
test copies), then `brain serve` and `brain worker` processes, each in a process group of its
own so a test can SIGKILL it whole, all stopped at the end of the test.

The tests run in CI's second pass (`BRAIN_TEST_DATABASE_URL` on Postgres and
`BRAIN_TEST_REDIS_URL` set) and are skipped on the SQLite pass, as the issue asks ("with
Postgres and Redis"); they never touch those shared services. Without the Postgres server
binaries or `redis-server` they are skipped with the reason.
"""

from __future__ import annotations

import os
import pwd
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.faults.harness import (
    BrainProcess,
    BrainServer,
    PostgresCluster,
    RedisServer,
    brain_cli,
    brain_env,
    free_port,
    postgres_bin,
)

# Postgres refuses to run as root; as root the cluster runs as this OS user.
POSTGRES_OS_USER = "postgres"


def _postgres_os_user() -> str | None:
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(POSTGRES_OS_USER)
    except KeyError:
        pytest.skip(f"running as root and there is no {POSTGRES_OS_USER!r} OS user for Postgres")
    if shutil.which("runuser") is None:
        pytest.skip("running as root without runuser to start Postgres as another user")
    return POSTGRES_OS_USER


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    """A Postgres cluster of the fault tests' own, started once per run and removed after."""
    binaries = postgres_bin()
    if binaries is None:
        pytest.skip("needs the Postgres server binaries (initdb, pg_ctl, psql)")
    as_user = _postgres_os_user()
    root = Path(tempfile.mkdtemp(prefix="brain-faults-pg-"))
    if as_user:
        shutil.chown(root, user=as_user, group=as_user)
    cluster = PostgresCluster(bin=binaries, root=root, port=free_port(), as_user=as_user)
    try:
        cluster.init()
        cluster.start()
        yield cluster
    finally:
        if cluster.running():
            cluster.stop("immediate")
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def template_database(
    postgres_cluster: PostgresCluster, tmp_path_factory: pytest.TempPathFactory
) -> str:
    """A database migrated by `brain migrate`, which each test copies (`CREATE DATABASE ...
    TEMPLATE`): the migrations run once per run, not once per test."""
    name = "brain_faults_template"
    postgres_cluster.sql(f'CREATE DATABASE "{name}"')
    env = brain_env(
        database_url=postgres_cluster.url(name), data_dir=tmp_path_factory.mktemp("migrate")
    )
    result = brain_cli(env, "migrate")
    assert result.returncode == 0, result.stderr[-3000:]
    return name


@pytest.fixture
def database_url(postgres_cluster: PostgresCluster, template_database: str) -> str:
    """A fresh migrated database of this test's own on the fault tests' cluster."""
    name = f"brain_faults_{uuid.uuid4().hex[:10]}"
    postgres_cluster.sql(f'CREATE DATABASE "{name}" TEMPLATE "{template_database}"')
    return postgres_cluster.url(name)


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    """A `redis-server` of this test's own."""
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not Path(binary).is_file():
        pytest.skip("needs redis-server")
    server = RedisServer(binary=Path(binary), root=tmp_path, port=free_port())
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture
def brain_processes() -> Iterator[list[BrainProcess]]:
    """Every Brain process a test starts; all are killed at the end of the test."""
    started: list[BrainProcess] = []
    yield started
    for process in started:
        process.kill()


@pytest.fixture
def start_server(
    brain_processes: list[BrainProcess], tmp_path: Path
) -> Callable[[dict[str, str]], BrainServer]:
    """Start `brain serve` with this environment on a free port; returns once it answers."""

    def start(env: dict[str, str]) -> BrainServer:
        port = free_port()
        server = BrainServer(
            args=("serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"),
            env=env, log=tmp_path / f"serve-{port}.log", port=port,
        )  # fmt: skip
        brain_processes.append(server)
        server.start()
        return server

    return start


@pytest.fixture
def start_worker(
    brain_processes: list[BrainProcess], tmp_path: Path
) -> Callable[[dict[str, str]], BrainProcess]:
    """Start `brain worker` with this environment."""

    def start(env: dict[str, str]) -> BrainProcess:
        worker = BrainProcess(args=("worker",), env=env, log=tmp_path / "worker.log")
        brain_processes.append(worker)
        worker.start()
        return worker

    return start
