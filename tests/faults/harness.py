"""What the fault tests drive: a Postgres cluster and a `redis-server` of their own, Brain
processes (`brain serve`, `brain worker`, the CLI), members made through the API, transfers
whose every outcome is recorded, and the ledger as the database holds it."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import httpx
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import create_async_engine

from brain.domains.buz import ledger

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PASSWORD = "plum-cellar-48-violin-tide"
PLATFORM_PACK = ("PPA", "ESCA", "PNA")
BUZ_TERMS = ("BTS", "BPP")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def log_tail(path: Path, lines: int = 60) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def wait_until(what: str, ready: Callable[[], bool], *, timeout: float = 30,
               log: Path | None = None) -> None:  # fmt: skip
    """Poll `ready` until it is true; fail naming `what` (with the log's tail) after
    `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            tail = f"\n--- {log} ---\n{log_tail(log)}" if log else ""
            raise AssertionError(f"{what} did not happen within {timeout} s{tail}")
        time.sleep(0.05)


async def eventually(what: str, ready: Callable[[], Awaitable[bool]], *, within: float = 30,
                     log: Path | None = None) -> None:  # fmt: skip
    """`wait_until` for async checks."""
    deadline = time.monotonic() + within
    while not await ready():
        if time.monotonic() > deadline:
            tail = f"\n--- {log} ---\n{log_tail(log)}" if log else ""
            raise AssertionError(f"{what} did not happen within {within} s{tail}")
        await asyncio.sleep(0.1)


# -- Postgres -------------------------------------------------------------------------------


def postgres_bin() -> Path | None:
    """The newest installed Postgres server binaries (Debian keeps them out of PATH)."""
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
        reverse=True,
    )
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    for folder in candidates:
        if all((folder / tool).is_file() for tool in ("initdb", "pg_ctl", "psql")):
            return folder
    return None


@dataclass
class PostgresCluster:
    """A Postgres cluster in a folder of its own, on 127.0.0.1:`port`, run as `as_user`
    (Postgres refuses to run as root)."""

    bin: Path
    root: Path
    port: int
    as_user: str | None

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def log(self) -> Path:
        return self.root / "postgres.log"

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = list(args)
        if self.as_user:
            command = ["runuser", "-u", self.as_user, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, timeout=90, check=False,
                              cwd=self.root)  # fmt: skip

    def _check(self, *args: str) -> str:
        result = self._run(*args)
        if result.returncode != 0:
            raise RuntimeError(
                f"{' '.join(args)} failed ({result.returncode}):\n{result.stdout}{result.stderr}"
                f"\n--- {self.log} ---\n{log_tail(self.log)}"
            )
        return result.stdout

    def init(self) -> None:
        self._check(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres",
                    "--auth=trust", "--encoding=UTF8", "--no-instructions",
                    # Only the new cluster's files go unsynced; the server syncs its commits.
                    "--no-sync")  # fmt: skip
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"\nport = {self.port}\n"
                "listen_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.root}'\n"
                # Small and quick to start. fsync stays on: whether a committed transfer
                # survives the restart is what the tests check.
                "shared_buffers = 32MB\n"
                "max_connections = 100\n"
            )

    def pg_ctl(self, *args: str) -> None:
        self._check(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
                    "-w", "-t", "60", *args)  # fmt: skip

    def start(self) -> None:
        self.pg_ctl("start")

    def stop(self, mode: str = "fast") -> None:
        """`fast` ends every session (open transactions roll back) and checkpoints, as a
        planned restart does; `immediate` is a crash (recovery at the next start)."""
        self.pg_ctl("-m", mode, "stop")

    def running(self) -> bool:
        return self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "status").returncode == 0

    def sql(self, statement: str, database: str = "postgres") -> str:
        return self._check(
            str(self.bin / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
            "-d", database, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", statement,
        ).strip()  # fmt: skip

    def url(self, database: str) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/{database}"


# -- Redis ----------------------------------------------------------------------------------


@dataclass
class RedisServer:
    """A `redis-server` with no persistence on 127.0.0.1:`port`: stop it, start it again on
    the same port (empty, as a restarted cache would be)."""

    binary: Path
    root: Path
    port: int
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @property
    def log(self) -> Path:
        return self.root / "redis.log"

    def start(self) -> None:
        assert self.proc is None, "already running"
        self.proc = subprocess.Popen(
            [str(self.binary), "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", str(self.root),
             "--logfile", str(self.log)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_until("redis-server start", self.answers, timeout=15, log=self.log)

    def stop(self) -> None:
        if self.proc is None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.proc = None

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False


# -- Brain processes ------------------------------------------------------------------------


def brain_env(*, database_url: str, data_dir: Path, redis_url: str | None = None,
              **settings: str) -> dict[str, str]:  # fmt: skip
    """The environment of a Brain process: its own database and data folder, Redis or not,
    and `settings` as BRAIN_* variables (`rate_limits_enabled="false"`)."""
    env = os.environ | {
        "BRAIN_DATABASE_URL": database_url,
        "BRAIN_DATA_DIR": str(data_dir),
        "BRAIN_LOG_LEVEL": "WARNING",
        "BRAIN_ACCESS_LOG": "false",
        "BRAIN_JOB_QUEUE_NAME": "brain:faults",
    }
    env.pop("BRAIN_REDIS_URL", None)
    if redis_url:
        env["BRAIN_REDIS_URL"] = redis_url
    env.update({f"BRAIN_{k.upper()}": v for k, v in settings.items()})
    return env


def brain_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "brain"), *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=False)  # fmt: skip


@dataclass
class BrainProcess:
    """A `brain ...` process in a process group of its own, its output in `log`."""

    args: tuple[str, ...]
    env: dict[str, str]
    log: Path
    proc: subprocess.Popen[bytes] | None = None
    _log_file: TextIO | None = field(default=None, repr=False)

    def start(self) -> None:
        assert self.proc is None, "already running"
        self._log_file = self.log.open("a")
        self._log_file.write(f"\n=== brain {' '.join(self.args)} ===\n")
        self._log_file.flush()
        self.proc = subprocess.Popen(
            [str(BIN / "brain"), *self.args], env=self.env, cwd=ROOT,
            stdout=self._log_file, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc is not None else None

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def kill(self) -> None:
        """SIGKILL the whole process group: no shutdown code runs, as in a crash."""
        self._end(signal.SIGKILL)

    def stop(self) -> None:
        self._end(signal.SIGTERM)

    def _end(self, sig: signal.Signals) -> None:
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, sig)
        except ProcessLookupError:
            pass
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        self.proc = None
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None


@dataclass
class BrainServer(BrainProcess):
    """`brain serve` on 127.0.0.1:`port`; `start()` returns once it answers."""

    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        super().start()

        def live() -> bool:
            if not self.alive():
                raise AssertionError(f"brain serve exited\n{log_tail(self.log)}")
            try:
                return httpx.get(f"{self.url}/api/health/live", timeout=1).status_code == 200
            except httpx.HTTPError:
                return False

        wait_until("brain serve start", live, timeout=60, log=self.log)


# -- Members and transfers, through the API -------------------------------------------------


@dataclass(frozen=True)
class Member:
    user_id: str
    email: str
    headers: dict[str, str]


async def register_member(http: httpx.AsyncClient, label: str = "member") -> Member:
    """Register (GUEST), sign the platform pack (promoted to MEMBER, welcome bonus paid) and
    the BUZ terms: everything through the API, as a person would."""
    email = f"faults-{label}-{uuid.uuid4().hex[:10]}@example.com"
    registered = await http.post(
        "/api/auth/register",
        json={"email": email, "password": PASSWORD, "display_name": f"Fault {label}"},
    )
    assert registered.status_code == 201, registered.text
    body: dict[str, Any] = registered.json()
    member = Member(
        user_id=body["user"]["id"],
        email=email,
        headers={"Authorization": f"Bearer {body['access_token']}"},
    )
    for template_type in (*PLATFORM_PACK, *BUZ_TERMS):
        signed = await http.post(
            f"/api/legal/templates/{template_type}/sign",
            json={"consent_given": True, "terms_accepted": True, "method": "click"},
            headers=member.headers,
        )
        assert signed.status_code == 201, signed.text
    balance = await http.get(f"/api/buz/balance/{member.user_id}", headers=member.headers)
    assert balance.status_code == 200, balance.text
    assert float(balance.json()["available"]) > 0, "no welcome bonus"
    return member


@dataclass
class Attempt:
    """One `POST /api/buz/transfer` and what the client saw: a status and body, or the
    transport error when no answer came (an unknown outcome)."""

    key: str
    sender: Member
    recipient: Member
    amount: str
    status: int | None = None
    content_type: str | None = None
    body: dict[str, Any] = field(default_factory=dict)
    error: str | None = None

    def again(self) -> Attempt:
        """The same request once more: same key, same body."""
        return Attempt(self.key, self.sender, self.recipient, self.amount)


async def transfer(http: httpx.AsyncClient, attempt: Attempt) -> Attempt:
    try:
        response = await http.post(
            "/api/buz/transfer",
            json={"to_user_id": attempt.recipient.user_id, "amount": attempt.amount},
            headers=attempt.sender.headers | {"Idempotency-Key": attempt.key},
        )
    except httpx.HTTPError as exc:
        attempt.error = type(exc).__name__
        return attempt
    attempt.status = response.status_code
    attempt.content_type = response.headers.get("content-type")
    attempt.body = response.json()
    return attempt


async def transfer_all(
    http: httpx.AsyncClient, attempts: list[Attempt], *, concurrency: int = 8
) -> list[Attempt]:
    """Send these transfers a few at a time (more at once would only queue for the server's
    database pool, and past its timeout answer 503)."""
    semaphore = asyncio.Semaphore(concurrency)

    async def send(attempt: Attempt) -> Attempt:
        async with semaphore:
            return await transfer(http, attempt)

    return list(await asyncio.gather(*(send(a) for a in attempts)))


def new_attempt(sender: Member, recipient: Member, amount: str = "0.01") -> Attempt:
    return Attempt(key=str(uuid.uuid4()), sender=sender, recipient=recipient, amount=amount)


@dataclass(frozen=True)
class StoredTransfers:
    """User-to-user transfers as the database holds them."""

    # `transfer:<sender>:<key>` -> (the transfer's group id, how many legs the group has:
    # 2, the amount and its fee)
    by_key: dict[str, tuple[str, int]]
    # Transfers (groups with a TRANSFER leg), whether a key names them or not.
    groups: int


async def stored_transfers(database_url: str) -> StoredTransfers:
    engine = create_async_engine(database_url)
    try:
        async with engine.connect() as conn:
            groups = await conn.scalar(
                sa.select(sa.func.count(sa.distinct(ledger.TRANSFERS.c.group_id))).where(
                    ledger.TRANSFERS.c.kind == "TRANSFER"
                )
            )
            legs = (
                sa.select(ledger.TRANSFERS.c.group_id, sa.func.count().label("legs"))
                .group_by(ledger.TRANSFERS.c.group_id)
                .subquery()
            )
            rows = (
                await conn.execute(
                    sa.select(ledger.KEYS.c.key, ledger.KEYS.c.result_id, legs.c.legs)
                    .select_from(
                        ledger.KEYS.outerjoin(legs, legs.c.group_id == ledger.KEYS.c.result_id)
                    )
                    .where(ledger.KEYS.c.operation == "transfer")
                )
            ).all()
    finally:
        await engine.dispose()
    return StoredTransfers(
        by_key={r.key: (str(r.result_id), int(r.legs or 0)) for r in rows}, groups=int(groups or 0)
    )


def ledger_key(attempt: Attempt) -> str:
    return f"transfer:{attempt.sender.user_id}:{attempt.key}"
