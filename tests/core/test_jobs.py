"""Background jobs: the in-process runner and arq on Redis keep the same promises."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from brain import worker
from brain.core import bus, db, jobs
from brain.core.config import Settings
from brain.core.models import OutboxEvent, utcnow
from tests.conftest import TEST_DATABASE_URL, TEST_REDIS_URL, requires_redis

calls: list[tuple[str, Any]] = []
fail_times: dict[str, int] = {}


@jobs.job("tests.record")
async def record(*, value: Any) -> None:
    calls.append(("record", value))


@jobs.job("tests.flaky", max_tries=3)
async def flaky(*, key: str) -> None:
    calls.append(("flaky", key))
    if fail_times.get(key, 0) > 0:
        fail_times[key] -= 1
        raise RuntimeError(f"{key} failed on purpose")


@pytest.fixture(autouse=True)
def _reset() -> None:
    calls.clear()
    fail_times.clear()


# --- the in-process runner -------------------------------------------------------------------


@jobs.job("tests.coalesced")
async def coalesced(*, value: Any) -> None:
    calls.append(("coalesced", value))
    if value == "again":
        # A call made while the job runs: the running job may have missed what the caller
        # committed, so it gets a run of its own.
        assert await jobs.enqueue_coalesced("tests.coalesced", key="k", within=1, value="late")


async def test_coalesced_calls_share_the_job_queued_until_it_starts(
    job_runner: jobs.InProcessJobs,
) -> None:
    assert await jobs.enqueue_coalesced("tests.coalesced", key="k", within=1, value="first")
    assert not await jobs.enqueue_coalesced("tests.coalesced", key="k", within=1, value="x")
    assert await jobs.enqueue_coalesced("tests.coalesced", key="other", within=1, value="o")
    assert await job_runner.queue_depth() == 2
    assert await job_runner.run_until_idle() == 2
    assert calls == [("coalesced", "first"), ("coalesced", "o")]
    calls.clear()
    assert await jobs.enqueue_coalesced("tests.coalesced", key="k", within=1, value="again")
    assert await job_runner.run_until_idle() == 2
    assert calls == [("coalesced", "again"), ("coalesced", "late")]


async def test_a_job_runs_with_its_arguments(job_runner: jobs.InProcessJobs) -> None:
    assert await jobs.enqueue("tests.record", value={"a": 1})
    assert await job_runner.run_until_idle() == 1
    assert calls == [("record", {"a": 1})]


async def test_the_same_job_id_is_queued_once_even_after_it_ran(
    job_runner: jobs.InProcessJobs,
) -> None:
    assert await jobs.enqueue("tests.record", job_id="only-once", value=1)
    assert not await jobs.enqueue("tests.record", job_id="only-once", value=2)
    await job_runner.run_until_idle()
    assert not await jobs.enqueue("tests.record", job_id="only-once", value=3)
    await job_runner.run_until_idle()
    assert calls == [("record", 1)]


async def test_a_failing_job_is_retried_until_it_succeeds(job_runner: jobs.InProcessJobs) -> None:
    fail_times["k"] = 2
    await jobs.enqueue("tests.flaky", key="k")
    await job_runner.run_until_idle(include_deferred=True)
    assert calls == [("flaky", "k")] * 3
    assert job_runner.failed == []


async def test_a_job_is_given_up_after_max_tries(job_runner: jobs.InProcessJobs) -> None:
    fail_times["k"] = 10
    await jobs.enqueue("tests.flaky", key="k")
    await job_runner.run_until_idle(include_deferred=True)
    assert calls == [("flaky", "k")] * 3
    assert [(name, error) for name, _, error in job_runner.failed] == [
        ("tests.flaky", "RuntimeError('k failed on purpose')")
    ]


async def test_retries_back_off_exponentially(settings: Settings) -> None:
    slow = settings.model_copy(update={"job_retry_base_seconds": 2.0})
    assert [jobs.retry_delay(slow, attempt) for attempt in (1, 2, 3, 4)] == [2, 4, 8, 16]


async def test_a_deferred_job_waits_for_its_time(job_runner: jobs.InProcessJobs) -> None:
    await jobs.enqueue("tests.record", defer_by=60, value="later")
    assert await job_runner.run_until_idle() == 0
    assert await job_runner.queue_depth() == 1


async def test_unknown_job_names_are_refused(job_runner: jobs.InProcessJobs) -> None:
    with pytest.raises(LookupError):
        await jobs.enqueue("tests.no_such_job")


async def test_arguments_that_arq_could_not_send_are_refused(
    job_runner: jobs.InProcessJobs,
) -> None:
    with pytest.raises(Exception):  # noqa: B017, PT011  (pickle raises several types)
        await jobs.enqueue("tests.record", value=lambda: None)


async def test_the_background_runner_runs_jobs_and_drains_on_stop(settings: Settings) -> None:
    runner = jobs.InProcessJobs(settings, autostart=True)
    previous = jobs._backend
    jobs.use_backend(runner)
    try:
        await runner.start()
        for n in range(20):
            await jobs.enqueue("tests.record", value=n)
        await runner.stop()
    finally:
        jobs.use_backend(previous)
    assert sorted(v for _, v in calls) == list(range(20))


async def test_cron_ticks_enqueue_the_job_on_the_clock(settings: Settings) -> None:
    fast = settings.model_copy(update={"job_concurrency": 1})
    runner = jobs.InProcessJobs(fast, autostart=True)
    saved = dict(jobs._crons)
    jobs._crons.clear()
    jobs.cron("tests.record_tick", every=timedelta(seconds=1))
    ticks: list[float] = []

    async def record_tick() -> None:
        ticks.append(time.time())

    jobs.register_job("tests.record_tick", record_tick)
    try:
        await runner.start()
        await asyncio.sleep(2.3)
        await runner.stop()
    finally:
        jobs._crons.clear()
        jobs._crons.update(saved)
    assert len(ticks) >= 2
    # Aligned to whole seconds (arq's cron is clock-aligned too), each tick once.
    assert all(t - int(t) < 0.5 for t in ticks)
    assert len({int(t) for t in ticks}) == len(ticks)


def test_cron_intervals_translate_to_arq_fields() -> None:
    assert jobs.cron_fields(timedelta(seconds=30)) == {"second": {0, 30}}
    assert jobs.cron_fields(timedelta(minutes=15)) == {"second": 0, "minute": {0, 15, 30, 45}}
    assert jobs.cron_fields(timedelta(hours=6)) == {
        "second": 0,
        "minute": 0,
        "hour": {0, 6, 12, 18},
    }
    with pytest.raises(ValueError, match="does not divide"):
        jobs.cron_fields(timedelta(seconds=7 * 60 + 1))


# --- arq on Redis ----------------------------------------------------------------------------


@pytest.fixture
async def arq_jobs(
    settings: Settings, job_runner: jobs.InProcessJobs
) -> AsyncIterator[tuple[jobs.ArqJobs, Settings]]:
    # Requesting job_runner first makes sure arq, set up after it, is the active backend.
    assert TEST_REDIS_URL is not None
    arq_settings = settings.model_copy(
        update={"redis_url": TEST_REDIS_URL, "job_queue_name": f"brain:test:{uuid.uuid4().hex}"}
    )
    backend = jobs.ArqJobs(arq_settings)
    await backend.start()
    previous = jobs._backend
    jobs.use_backend(backend)
    yield backend, arq_settings
    jobs.use_backend(previous)
    await backend._pool.delete(arq_settings.job_queue_name)
    await backend.stop()


async def run_arq_burst(arq_settings: Settings) -> None:
    """Run an arq worker in this process until the queue is empty."""
    from arq.worker import Worker

    options = worker.worker_settings(arq_settings)
    # The test process already has its database and job backend set up.
    options.update(on_startup=None, on_shutdown=None, cron_jobs=[], handle_signals=False)
    w = Worker(**options, burst=True)
    try:
        await w.main()
    finally:
        await w.close()


@requires_redis
async def test_arq_runs_jobs_with_retries_and_unique_ids(
    arq_jobs: tuple[jobs.ArqJobs, Settings],
) -> None:
    backend, arq_settings = arq_jobs
    fail_times["r"] = 2
    job_id = f"flaky-{uuid.uuid4()}"  # Redis outlives the test run: ids must be fresh
    assert await jobs.enqueue("tests.flaky", job_id=job_id, key="r")
    assert not await jobs.enqueue("tests.flaky", job_id=job_id, key="r")
    assert await jobs.enqueue("tests.record", value=[1, 2])
    assert await backend.queue_depth() == 2
    await run_arq_burst(arq_settings)
    assert calls.count(("flaky", "r")) == 3
    assert ("record", [1, 2]) in calls
    assert await backend.queue_depth() == 0
    # The finished job's id still blocks a new enqueue, as in-process.
    assert not await jobs.enqueue("tests.flaky", job_id=job_id, key="r")


@requires_redis
async def test_arq_runs_one_job_per_time_window_after_the_window_ends(
    arq_jobs: tuple[jobs.ArqJobs, Settings],
) -> None:
    backend, arq_settings = arq_jobs
    key, within = f"tests.coalesced:{uuid.uuid4().hex}", 0.5
    # Start just inside a window, so the calls below share it.
    await asyncio.sleep(within - time.time() % within + 0.01)
    window = int(time.time() // within)
    assert await jobs.enqueue_coalesced("tests.coalesced", key=key, within=within, value=1)
    assert not await jobs.enqueue_coalesced("tests.coalesced", key=key, within=within, value=2)
    # Another process (a backend of its own, no memory shared) in the same window: the
    # window's job id is queued already.
    other = jobs.ArqJobs(arq_settings)
    await other.start()
    try:
        assert not await other.enqueue_coalesced(
            "tests.coalesced", key=key, within=within, kwargs={"value": 3}
        )
    finally:
        await other.stop()
    assert await backend.queue_depth() == 1
    # Due after the window's end: it starts after every call of the window returned.
    score = await backend._pool.zscore(arq_settings.job_queue_name, f"{key}:{window}")
    assert score >= (window + 1) * within * 1000
    await run_arq_burst(arq_settings)
    assert calls == [("coalesced", 1)]
    # The next window gets a job of its own.
    await asyncio.sleep(within)
    assert await jobs.enqueue_coalesced("tests.coalesced", key=key, within=within, value=4)
    await run_arq_burst(arq_settings)
    assert calls == [("coalesced", 1), ("coalesced", 4)]


class Noted(bus.DomainEvent):
    name = "tests.noted"
    text: str


noted: list[str] = []


async def note(_session: AsyncSession, event: Noted) -> None:
    noted.append(event.text)


@requires_redis
async def test_job_handlers_are_delivered_through_arq_exactly_once(
    arq_jobs: tuple[jobs.ArqJobs, Settings],
    committed_db: async_sessionmaker[AsyncSession],
    subscriptions: None,
) -> None:
    _backend, arq_settings = arq_jobs
    noted.clear()
    bus.subscribe(Noted, note, mode="job")
    event = Noted(text="hello")
    async with db.session_scope() as session:
        await bus.publish(session, event)
    await run_arq_burst(arq_settings)
    assert noted == ["hello"]
    # Redelivery after the job result expired from Redis: the delivery row stops it.
    await bus.deliver(event.event_id, bus.handler_key(note))
    await bus.dispatch([event.event_id])
    await run_arq_burst(arq_settings)
    assert noted == ["hello"]


@requires_redis
@pytest.mark.slow
async def test_brain_worker_process_runs_jobs_from_redis(
    arq_jobs: tuple[jobs.ArqJobs, Settings],
    committed_db: async_sessionmaker[AsyncSession],
) -> None:
    """A real `brain worker` process picks up a job queued by this process: the sweeper,
    which prunes an outbox row past retention."""
    _backend, arq_settings = arq_jobs
    stale = uuid.uuid4()
    async with committed_db() as session:
        session.add(
            OutboxEvent(
                id=stale,
                name="tests.stale",
                payload={},
                created_at=utcnow() - timedelta(days=40),
                dispatched_at=utcnow() - timedelta(days=40),
            )
        )
        await session.commit()
    await jobs.enqueue(bus.SWEEP_JOB)
    env = {
        **os.environ,
        "BRAIN_DATABASE_URL": TEST_DATABASE_URL,
        "BRAIN_REDIS_URL": arq_settings.redis_url or "",
        "BRAIN_JOB_QUEUE_NAME": arq_settings.job_queue_name,
    }
    result = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "brain", "worker", "--burst"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    async with committed_db() as session:
        assert await session.get(OutboxEvent, stale) is None
        remaining = await session.scalar(
            sa.select(sa.func.count()).select_from(OutboxEvent).where(col(OutboxEvent.id) == stale)
        )
    assert remaining == 0
