"""Prometheus metrics for `/metrics`.

Request counters and the latency histogram are updated by the request middleware; the pool,
queue and outbox gauges are read when Prometheus scrapes, so they cost nothing between scrapes.
With several worker processes set `PROMETHEUS_MULTIPROC_DIR` (see docs/deployment.md) so one
scrape sees every process's requests.
"""

from __future__ import annotations

import functools
import os
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client import REGISTRY as DEFAULT_REGISTRY

REQUESTS = Counter(
    "brain_http_requests_total",
    "HTTP requests answered, by method, route template and status.",
    ["method", "route", "status"],
)
LATENCY = Histogram(
    "brain_http_request_duration_seconds",
    "Time from request start to the end of the response, by method and route template.",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
IN_PROGRESS = Gauge(
    "brain_http_requests_in_progress",
    "HTTP requests being handled right now.",
    multiprocess_mode="livesum",
)
DB_POOL = Gauge(
    "brain_db_pool_connections",
    "Database pool connections by state (checked_out, idle, overflow).",
    ["state"],
    multiprocess_mode="livesum",
)
JOB_QUEUE_DEPTH = Gauge(
    "brain_job_queue_depth",
    "Jobs waiting in the queue.",
    multiprocess_mode="max",
)
OUTBOX_BACKLOG = Gauge(
    "brain_outbox_backlog",
    "Committed events not yet dispatched, older than the sweep grace period.",
    multiprocess_mode="max",
)
JOBS_FAILED = Counter(
    "brain_jobs_failed_total",
    "Jobs given up on after their last retry.",
    ["job"],
)


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    """Count one answered request and its duration (the request middleware, every request)."""
    count, latency = _request_series(method, route, status)
    count.inc()
    latency.observe(seconds)


@functools.lru_cache(maxsize=4096)
def _request_series(method: str, route: str, status: int) -> tuple[Any, Any]:
    # prometheus-client's labels() checks and looks up its label values on every call, ~3.5 us
    # a request for the two; the series of a (method, route, status) never change. Bounded,
    # and an evicted entry only means one labels() call again.
    return REQUESTS.labels(method, route, str(status)), LATENCY.labels(method, route)


def render() -> tuple[bytes, str]:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(DEFAULT_REGISTRY), CONTENT_TYPE_LATEST
