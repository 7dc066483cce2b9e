"""The bench in production mode: jobs on Redis, a `brain worker` process beside the servers.

Production runs the Brain on Postgres and Redis, and the reactions other domains attach to an
event with `mode="job"` (gamification's BUZ board, the notification of a received transfer)
run on `brain worker` processes, not in the server that answered. The suite measures that
topology when Redis answers at `--redis-url` (the Redis database there is flushed before and
after: give the bench one of its own), and falls back to embedded jobs (every job on the
serving process's event loop) when it does not, saying so.

The worker runs on the same cores as the servers, Postgres and the load generator, so what
it costs is inside the measured figures; it runs at a lower priority (WORKER_NICE), as
docs/deployment.md advises for shared cores. After the load, the suite reports how many
events were still waiting for their reactions and how long the worker took to deliver them:
a backlog that grows without end would be a rate the deployment cannot hold.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from bench.servers import ROOT

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/13"


def redis_answers(url: str) -> bool:
    from redis import Redis
    from redis.exceptions import RedisError

    try:
        with Redis.from_url(url, socket_connect_timeout=1) as client:
            return bool(client.ping())
    except (RedisError, OSError):
        return False


@contextmanager
def redis_database(url: str) -> Iterator[dict[str, str]]:
    """The Brain's Redis settings for the block (a queue of the run's own); the database is
    flushed before and after."""
    from redis import Redis

    with Redis.from_url(url) as client:
        client.flushdb()
        queue = f"brain:bench:{uuid.uuid4().hex}"
        try:
            yield {"BRAIN_REDIS_URL": url, "BRAIN_JOB_QUEUE_NAME": queue}
        finally:
            client.flushdb()


# The worker's scheduling priority (nice), as docs/deployment.md advises where it shares cores
# with the servers: requests first; the reactions wait and then go in bigger batches.
WORKER_NICE = 10


@contextmanager
def brain_worker(env: Mapping[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    """`brain worker` running for the block at WORKER_NICE, stopped (SIGTERM, then SIGKILL) at
    its end."""
    log = tempfile.NamedTemporaryFile(prefix="bench-worker-", suffix=".log")
    process = subprocess.Popen(
        ["nice", "-n", str(WORKER_NICE), sys.executable, "-m", "brain", "worker"],
        env=dict(env),
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    _lower_priority(process.pid)
    try:
        time.sleep(1.0)
        if process.poll() is not None:
            tail = Path(log.name).read_text(errors="replace")[-2000:]
            raise RuntimeError(f"brain worker exited ({process.returncode}):\n{tail}")
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _lower_priority(pid: int) -> None:
    """The worker's own session (it is started in one) at WORKER_NICE too: with the kernel's
    autogroup scheduling (Linux's default) CPU is shared between sessions first, so `nice`
    alone left the worker an equal share with the servers and Postgres, a third of the
    machine."""
    try:
        Path(f"/proc/{pid}/autogroup").write_text(f"{WORKER_NICE}\n")
    except OSError:
        pass  # no autogroup (or not allowed): `nice` is all there is


@contextmanager
def paused(worker: subprocess.Popen[bytes] | None) -> Iterator[None]:
    """The worker stopped (SIGSTOP) for the block: a baseline runs on a machine where the
    Brain's worker is not draining the backlog the Brain's own runs left."""
    if worker is None:
        yield
        return
    os.killpg(worker.pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.killpg(worker.pid, signal.SIGCONT)


def drain(
    pending: Callable[[], int], delivered: Callable[[], int], *, timeout: float = 180.0
) -> tuple[int, int, float, float]:
    """Wait for the reactions to catch up, at most `timeout` seconds. Returns the events
    waiting for their job handlers when the load stopped and at the end (`pending()` counts
    undispatched `outbox_events` rows), the seconds waited, and the reactions delivered per
    second meanwhile (`delivered()` counts `outbox_deliveries` rows: one per handler that ran
    for an event). Jobs in the queue say little: one job delivers the events of a time
    window, whatever their number."""
    start, done = time.perf_counter(), delivered()
    backlog = left = pending()
    while left and time.perf_counter() - start < timeout:
        time.sleep(0.5)
        left = pending()
    waited = time.perf_counter() - start
    return backlog, left, waited, (delivered() - done) / waited if waited > 0 else 0.0


def settle(
    pending: Callable[[], int], redis_url: str, queue: str, *, timeout: float = 300.0
) -> tuple[int, float]:
    """Wait until the worker has nothing left from the setup: no undispatched event
    (`pending()`) and no job in its arq queue (a sorted set under the queue's name), at most
    `timeout` seconds. Returns what was waiting at first (events plus jobs) and the seconds
    waited. The measurements start after it: their baselines run with the worker paused, so
    the Brain must not run beside a backlog the setup left either."""
    from redis import Redis

    start = time.perf_counter()
    with Redis.from_url(redis_url) as client:

        def waiting() -> int:
            return pending() + int(client.zcard(queue))

        first = left = waiting()
        while left and time.perf_counter() - start < timeout:
            time.sleep(0.5)
            left = waiting()
    return first, time.perf_counter() - start
