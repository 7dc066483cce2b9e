"""Background jobs: one API, two runners.

Domains register jobs with `@job("domain.verb_noun")` and periodic jobs with `cron(...)`, and
call `await enqueue(name, **kwargs)`. With `BRAIN_REDIS_URL` set, jobs go to arq and run in
`brain worker` processes; without it, an in-process runner gives the same semantics: retries
with exponential backoff up to `job_max_tries`, a job id that makes a second enqueue a no-op
while the first is queued, running or recently finished, cron schedules aligned to the clock,
and a drain on shutdown. Domain code never checks which runner is active.

arq is in maintenance mode; every arq call lives in this module and `brain/worker.py`, so
replacing it touches nothing else.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import logging
import pickle
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Protocol

from brain.core import metrics
from brain.core.config import Settings

log = logging.getLogger(__name__)

JobFunc = Callable[..., Awaitable[Any]]

# How late past its time window a coalesced job starts (`enqueue_coalesced`): room for the
# hosts' clocks to disagree. A call the window's job missed (clocks further apart, a worker
# that died) is the outbox sweeper's, as any undelivered event.
COALESCE_MARGIN_SECONDS = 0.02

# How long a finished job's id keeps blocking a new enqueue with the same id (arq's default
# keep_result), so a redelivered event an hour later is still a no-op.
KEEP_RESULT_SECONDS = 3600


@dataclass(frozen=True)
class JobSpec:
    name: str
    func: JobFunc
    max_tries: int | None = None
    timeout_seconds: float | None = None


@dataclass(frozen=True)
class CronSpec:
    job_name: str
    every: timedelta
    run_at_startup: bool = False


_jobs: dict[str, JobSpec] = {}
_crons: dict[str, CronSpec] = {}


def job(
    name: str, *, max_tries: int | None = None, timeout_seconds: float | None = None
) -> Callable[[JobFunc], JobFunc]:
    """Register an async function as the job `name` ("<domain>.<verb_noun>")."""

    def decorate(func: JobFunc) -> JobFunc:
        register_job(name, func, max_tries=max_tries, timeout_seconds=timeout_seconds)
        return func

    return decorate


def register_job(
    name: str,
    func: JobFunc,
    *,
    max_tries: int | None = None,
    timeout_seconds: float | None = None,
) -> None:
    existing = _jobs.get(name)
    if existing is not None and existing.func is not func:
        raise ValueError(f"job {name!r} is already registered to {existing.func!r}")
    _jobs[name] = JobSpec(name, func, max_tries, timeout_seconds)


def cron(job_name: str, *, every: timedelta, run_at_startup: bool = False) -> None:
    """Run the registered job `job_name` every `every`, aligned to the clock.

    `every` must divide a minute (in seconds), an hour (in minutes) or a day (in hours), the
    shapes arq's cron can express.
    """
    cron_fields(every)  # validate now, not when the worker starts
    _crons[job_name] = CronSpec(job_name, every, run_at_startup)


def registered_jobs() -> dict[str, JobSpec]:
    return dict(_jobs)


def registered_crons() -> dict[str, CronSpec]:
    return dict(_crons)


def cron_fields(every: timedelta) -> dict[str, set[int] | int]:
    """Translate an interval into arq cron fields (`second`, `minute`, `hour`)."""
    seconds = int(every.total_seconds())
    if seconds <= 0 or seconds != every.total_seconds():
        raise ValueError(f"cron interval must be a whole number of seconds, got {every}")
    if seconds < 60 and 60 % seconds == 0:
        return {"second": set(range(0, 60, seconds))}
    if seconds % 60 == 0 and seconds < 3600 and 60 % (seconds // 60) == 0:
        return {"second": 0, "minute": set(range(0, 60, seconds // 60))}
    if seconds % 3600 == 0 and seconds <= 86400 and 24 % (seconds // 3600) == 0:
        return {"second": 0, "minute": 0, "hour": set(range(0, 24, seconds // 3600))}
    raise ValueError(f"cron interval {every} does not divide a minute, an hour or a day")


def retry_delay(settings: Settings, attempt: int) -> float:
    """Delay before attempt `attempt + 1`: base, 2*base, 4*base, ..."""
    return float(settings.job_retry_base_seconds * (2 ** (attempt - 1)))


class JobBackend(Protocol):
    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def enqueue(
        self, name: str, *, job_id: str, defer_by: float | None, kwargs: dict[str, Any]
    ) -> bool: ...

    async def enqueue_coalesced(
        self, name: str, *, key: str, within: float, kwargs: dict[str, Any]
    ) -> bool: ...

    async def queue_depth(self) -> int: ...

    async def ping(self) -> bool: ...


@dataclass(order=True)
class _Queued:
    due: float
    seq: int
    name: str = field(compare=False)
    job_id: str = field(compare=False)
    kwargs: dict[str, Any] = field(compare=False)
    attempt: int = field(compare=False, default=1)
    coalesce_key: str | None = field(compare=False, default=None)


class InProcessJobs:
    """Runs jobs on this process's event loop (embedded mode and tests).

    With `autostart=False` no worker task runs; `run_until_idle()` runs due jobs in the caller's
    task, which makes tests deterministic.
    """

    def __init__(self, settings: Settings, *, autostart: bool = True) -> None:
        self.settings = settings
        self.autostart = autostart
        self._heap: list[_Queued] = []
        self._seq = itertools.count()
        self._wakeup = asyncio.Event()
        # job id -> monotonic time until which a new enqueue with that id is ignored
        self._known: dict[str, float] = {}
        self._running = 0
        self._tasks: list[asyncio.Task[None]] = []
        # coalescing key -> the job id queued for it and not started yet
        self._coalesced: dict[str, str] = {}
        self.failed: list[tuple[str, str, str]] = []  # (name, job_id, error) given up on

    async def start(self) -> None:
        if not self.autostart or self._tasks:
            return
        for n in range(self.settings.job_concurrency):
            self._tasks.append(asyncio.create_task(self._worker(), name=f"brain-job-worker-{n}"))
        for spec in _crons.values():
            self._tasks.append(asyncio.create_task(self._cron(spec), name=f"cron-{spec.job_name}"))

    async def stop(self) -> None:
        """Drain: wait (bounded) for due jobs to finish, then stop the workers."""
        deadline = time.monotonic() + 10
        while self._tasks and (self._due_count() or self._running):
            if time.monotonic() >= deadline:
                log.warning("stopping with %d jobs unfinished", self._due_count() + self._running)
                break
            await asyncio.sleep(0.02)
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks.clear()

    async def enqueue(
        self, name: str, *, job_id: str, defer_by: float | None, kwargs: dict[str, Any]
    ) -> bool:
        now = time.monotonic()
        self._forget_expired(now)
        if job_id in self._known:
            return False
        # Same constraint as arq: arguments must survive pickling, so a job that works here
        # works in production too.
        self._push(name, job_id, now + (defer_by or 0), kwargs)
        return True

    def _push(
        self, name: str, job_id: str, due: float, kwargs: dict[str, Any], key: str | None = None
    ) -> None:
        kwargs = pickle.loads(pickle.dumps(kwargs))
        self._known[job_id] = float("inf")
        heapq.heappush(self._heap, _Queued(due, next(self._seq), name, job_id, kwargs, 1, key))
        self._wakeup.set()

    async def enqueue_coalesced(
        self,
        name: str,
        *,
        key: str,
        within: float,  # noqa: ARG002 (exact in one process: no time window needed)
        kwargs: dict[str, Any],
    ) -> bool:
        # In one process the rule is exact: a job queued and not started yet serves every
        # call; once it starts, the next call queues another.
        if key in self._coalesced:
            return False
        job_id = f"{key}:{uuid.uuid4().hex}"
        self._push(name, job_id, time.monotonic(), kwargs, key)
        self._coalesced[key] = job_id
        return True

    async def queue_depth(self) -> int:
        return len(self._heap)

    async def ping(self) -> bool:
        return True

    async def run_until_idle(self, *, include_deferred: bool = False) -> int:
        """Run every due job (and the retries they schedule) in this task; return how many ran."""
        ran = 0
        while self._heap:
            if not include_deferred and self._heap[0].due > time.monotonic():
                break
            item = heapq.heappop(self._heap)
            await self._run(item)
            ran += 1
        return ran

    def _due_count(self) -> int:
        now = time.monotonic()
        return sum(1 for item in self._heap if item.due <= now)

    def _forget_expired(self, now: float) -> None:
        expired = [job_id for job_id, until in self._known.items() if until <= now]
        for job_id in expired:
            del self._known[job_id]

    async def _worker(self) -> None:
        while True:
            if not self._heap:
                self._wakeup.clear()
                await self._wakeup.wait()
                continue
            delay = self._heap[0].due - time.monotonic()
            if delay > 0:
                self._wakeup.clear()
                try:
                    await asyncio.wait_for(self._wakeup.wait(), timeout=delay)
                except TimeoutError:
                    pass
                continue
            item = heapq.heappop(self._heap)
            self._running += 1
            try:
                await self._run(item)
            finally:
                self._running -= 1

    async def _run(self, item: _Queued) -> None:
        if item.coalesce_key is not None and self._coalesced.get(item.coalesce_key) == item.job_id:
            del self._coalesced[item.coalesce_key]
        spec = _jobs.get(item.name)
        if spec is None:
            log.error("job %s (%s) is not registered; dropped", item.name, item.job_id)
            self._known[item.job_id] = time.monotonic() + KEEP_RESULT_SECONDS
            return
        max_tries = spec.max_tries or self.settings.job_max_tries
        try:
            coro = spec.func(**item.kwargs)
            if spec.timeout_seconds:
                await asyncio.wait_for(coro, timeout=spec.timeout_seconds)
            else:
                await coro
        except Exception as exc:
            if item.attempt < max_tries:
                delay = retry_delay(self.settings, item.attempt)
                log.warning(
                    "job %s (%s) failed on try %d/%d, retrying in %.1fs: %r",
                    item.name, item.job_id, item.attempt, max_tries, delay, exc,
                )  # fmt: skip
                item.attempt += 1
                item.due = time.monotonic() + delay
                item.seq = next(self._seq)
                heapq.heappush(self._heap, item)
                self._wakeup.set()
                return
            log.error("job %s (%s) failed after %d tries", item.name, item.job_id, item.attempt,
                      exc_info=exc)  # fmt: skip
            metrics.JOBS_FAILED.labels(item.name).inc()
            self.failed.append((item.name, item.job_id, repr(exc)))
        self._known[item.job_id] = time.monotonic() + KEEP_RESULT_SECONDS

    async def _cron(self, spec: CronSpec) -> None:
        period = spec.every.total_seconds()
        if spec.run_at_startup:
            await self.enqueue(
                spec.job_name, job_id=f"cron:{spec.job_name}:startup", defer_by=None, kwargs={}
            )
        while True:
            now = time.time()
            next_tick = (now // period + 1) * period
            await asyncio.sleep(next_tick - now)
            await self.enqueue(
                spec.job_name,
                job_id=f"cron:{spec.job_name}:{int(next_tick)}",
                defer_by=None,
                kwargs={},
            )


class ArqJobs:
    """Sends jobs to Redis for `brain worker` processes (arq)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._pool: Any = None
        self._coalesced: dict[str, int] = {}  # key -> the last window queued from here

    async def start(self) -> None:
        """Connect to Redis. A Redis that is down at start does not stop the process: the API
        keeps answering, events wait in the outbox, and `enqueue` connects again later."""
        # Imported here, not at the top: redis (with PyJWT and cryptography) is ~14 MB and
        # ~0.1 s of start-up that a process without BRAIN_REDIS_URL never needs.
        from arq import create_pool
        from redis.exceptions import RedisError

        try:
            self._pool = await create_pool(
                redis_settings(self.settings), default_queue_name=self.settings.job_queue_name
            )
        except (OSError, RedisError) as exc:
            log.warning("jobs: Redis unreachable at start (%r); will retry on use", exc)

    async def stop(self) -> None:
        if self._pool is not None:
            await self._pool.aclose()
            self._pool = None

    async def enqueue(
        self, name: str, *, job_id: str, defer_by: float | None, kwargs: dict[str, Any]
    ) -> bool:
        if self._pool is None:
            await self.start()
        if self._pool is None:
            raise ConnectionError("Redis is unreachable; the job was not queued")
        job_ = await self._pool.enqueue_job(name, _job_id=job_id, _defer_by=defer_by, **kwargs)
        return job_ is not None

    async def enqueue_coalesced(
        self, name: str, *, key: str, within: float, kwargs: dict[str, Any]
    ) -> bool:
        # Servers and workers share no memory, so the job of a time window stands for every
        # call in it: its id names the window, and it is deferred to the window's end (plus
        # a margin for the clocks of the hosts), so it starts after every call of the window
        # returned, hence after the commits those calls followed. A process calls Redis once
        # per window.
        now = time.time()
        window = int(now // within)
        if self._coalesced.get(key) == window:
            return False
        defer = (window + 1) * within - now + COALESCE_MARGIN_SECONDS
        queued = await self.enqueue(name, job_id=f"{key}:{window}", defer_by=defer, kwargs=kwargs)
        self._coalesced[key] = window
        return queued

    async def queue_depth(self) -> int:
        if self._pool is None:
            return 0
        return int(await self._pool.zcard(self.settings.job_queue_name))

    async def ping(self) -> bool:
        if self._pool is None:
            return False
        try:
            return bool(await asyncio.wait_for(self._pool.ping(), timeout=2))
        except Exception:
            return False


def redis_settings(settings: Settings) -> Any:
    from arq.connections import RedisSettings

    assert settings.redis_url is not None
    rs = RedisSettings.from_dsn(settings.redis_url)
    rs.conn_timeout = 2
    rs.conn_retries = 1
    return rs


_backend: JobBackend | None = None


def configure(settings: Settings, *, autostart: bool = True) -> JobBackend:
    global _backend
    if settings.redis_url:
        _backend = ArqJobs(settings)
    else:
        _backend = InProcessJobs(settings, autostart=autostart)
    return _backend


def use_backend(backend: JobBackend | None) -> None:
    global _backend
    _backend = backend


def get_backend() -> JobBackend:
    if _backend is None:
        raise RuntimeError("jobs not configured: call brain.core.jobs.configure() first")
    return _backend


def is_configured() -> bool:
    return _backend is not None


async def shutdown() -> None:
    """Drain and stop the configured runner (the app's and the worker's shutdown)."""
    global _backend
    if _backend is not None:
        await _backend.stop()
    _backend = None


async def enqueue(
    name: str, *, job_id: str | None = None, defer_by: float | None = None, **kwargs: Any
) -> bool:
    """Queue the registered job `name`. Returns False when `job_id` is already known (queued,
    running or finished within the last hour), in which case nothing is queued."""
    if name not in _jobs:
        raise LookupError(f"no job named {name!r} is registered")
    return await get_backend().enqueue(
        name, job_id=job_id or uuid.uuid4().hex, defer_by=defer_by, kwargs=kwargs
    )


async def enqueue_coalesced(name: str, *, key: str, within: float, **kwargs: Any) -> bool:
    """Make sure the registered job `name` runs, once for all the calls with `key` made within
    `within` seconds: the run starts after this call (so it sees what the caller committed
    before calling), at most `within` (plus a small margin) later. Returns False when an
    earlier call's run serves this one. For a job that works through whatever is waiting (the
    bus's delivery of pending events), so a thousand calls make a few runs, not a thousand."""
    if name not in _jobs:
        raise LookupError(f"no job named {name!r} is registered")
    return await get_backend().enqueue_coalesced(name, key=key, within=within, kwargs=kwargs)
