"""The arq worker: runs every registered job and cron job from Redis (`brain worker`)."""

from __future__ import annotations

import logging
import signal
import time
from typing import Any

from redis.exceptions import RedisError

from brain import handlers
from brain.core import broadcast, db, jobs, metrics, process
from brain.core.config import Settings, get_settings
from brain.core.logging import configure_logging

log = logging.getLogger(__name__)

# Waits between attempts to reach Redis again after the worker lost it (doubling up to the max).
RECONNECT_MIN_SECONDS = 0.5
RECONNECT_MAX_SECONDS = 5.0


def _arq_function(spec: jobs.JobSpec, settings: Settings) -> Any:
    from arq.worker import Retry, func

    max_tries = spec.max_tries or settings.job_max_tries

    async def run(ctx: dict[str, Any], **kwargs: Any) -> Any:
        try:
            return await spec.func(**kwargs)
        except Exception as exc:
            attempt = int(ctx.get("job_try", 1))
            if attempt < max_tries:
                delay = jobs.retry_delay(settings, attempt)
                log.warning(
                    "job %s (%s) failed on try %d/%d, retrying in %.1fs: %r",
                    spec.name, ctx.get("job_id"), attempt, max_tries, delay, exc,
                )  # fmt: skip
                raise Retry(defer=delay) from exc
            metrics.JOBS_FAILED.labels(spec.name).inc()
            log.error("job %s (%s) failed after %d tries", spec.name, ctx.get("job_id"), attempt,
                      exc_info=exc)  # fmt: skip
            raise

    run.__qualname__ = spec.name
    return func(run, name=spec.name, max_tries=max_tries, timeout=spec.timeout_seconds)


def _arq_cron(spec: jobs.CronSpec) -> Any:
    from arq.cron import cron

    job_spec = jobs.registered_jobs()[spec.job_name]

    async def run(_ctx: dict[str, Any]) -> Any:
        return await job_spec.func()

    # unique=True (the default): with several workers, each tick runs once in the cluster.
    return cron(
        run,  # type: ignore[arg-type]
        name=f"cron:{spec.job_name}",
        run_at_startup=spec.run_at_startup,
        unique=True,
        **jobs.cron_fields(spec.every),  # type: ignore[arg-type]
    )


async def _startup(_ctx: dict[str, Any]) -> None:
    settings = get_settings()
    db.configure(settings)
    # Jobs that enqueue jobs go back to Redis.
    backend = jobs.configure(settings)
    await backend.start()
    # Job handlers publish live updates (a transfer's token_update, a new notification): on
    # Redis, where the servers holding the sockets read them. Without this the worker's
    # publications were dropped (realtime handlers return when nothing is configured).
    hub = broadcast.configure(settings)
    await hub.start()
    process.started(settings)


async def _shutdown(_ctx: dict[str, Any]) -> None:
    await broadcast.shutdown()
    await jobs.shutdown()
    await db.dispose()


def worker_settings(settings: Settings | None = None) -> dict[str, Any]:
    settings = settings or get_settings()
    if not settings.redis_url:
        raise RuntimeError("brain worker needs BRAIN_REDIS_URL (without it jobs run in-process)")
    handlers.register()
    return {
        "functions": [_arq_function(s, settings) for s in jobs.registered_jobs().values()],
        "cron_jobs": [_arq_cron(s) for s in jobs.registered_crons().values()],
        "redis_settings": jobs.redis_settings(settings),
        "queue_name": settings.job_queue_name,
        "max_jobs": settings.job_concurrency,
        # arq starts at most max_jobs jobs per poll and then sleeps poll_delay: its default
        # (0.5 s) held a worker to 8 jobs/s with 4 at once. A poll is one ZRANGEBYSCORE.
        "poll_delay": settings.job_poll_seconds,
        "keep_result": jobs.KEEP_RESULT_SECONDS,
        "on_startup": _startup,
        "on_shutdown": _shutdown,
    }


def run_worker(settings: Settings | None = None, *, burst: bool = False) -> None:
    """Run arq workers until a signal stops them, starting a new one whenever Redis is lost.

    arq's worker ends at the first Redis command that fails (Redis restarting, a failover, a
    network blip), and cannot start while Redis is down. Without the loop below `brain worker`
    exited then, and nothing swept the outbox or ran jobs after Redis came back unless a
    supervisor restarted the process. A burst run (`--burst`) still fails at once.
    """
    from arq.worker import Worker

    settings = settings or get_settings()
    configure_logging(level=settings.log_level, json_lines=settings.json_logs)
    delay = RECONNECT_MIN_SECONDS
    while True:
        worker = Worker(**worker_settings(settings), burst=burst)
        log.info("brain worker listening on %s", settings.job_queue_name)
        stopped: list[signal.Signals] = []
        worker.on_stop = stopped.append  # arq calls it on SIGINT/SIGTERM
        started = time.monotonic()
        try:
            worker.run()
            return
        except (RedisError, OSError) as exc:
            if burst:
                raise
            if stopped:
                # Asked to stop, and Redis failed while shutting down: stop all the same.
                log.warning("brain worker stopped without reaching Redis (%r)", exc)
                return
            if time.monotonic() - started > RECONNECT_MAX_SECONDS:
                delay = RECONNECT_MIN_SECONDS  # it had been connected: a new outage
            log.warning("brain worker lost Redis (%r); trying again in %.1f s", exc, delay)
        _after_lost_redis(worker)
        time.sleep(delay)
        delay = min(delay * 2, RECONNECT_MAX_SECONDS)


def _after_lost_redis(worker: Any) -> None:
    # The failed worker's close() stopped at its first Redis command, before its on_shutdown:
    # release its database pool and job backend here (the next worker's startup makes new
    # ones), and take its signal handlers off the loop so a signal during the wait stops the
    # process instead of waiting for the next worker.
    try:
        worker.loop.run_until_complete(_shutdown({}))
    except Exception:
        log.exception("brain worker: cleaning up after losing Redis failed")
    for sig in (signal.SIGINT, signal.SIGTERM):
        worker.loop.remove_signal_handler(sig)
