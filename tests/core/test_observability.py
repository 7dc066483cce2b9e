"""Request ids, log lines that carry them, and the Prometheus `/metrics` endpoint."""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Iterator

import pytest
from fastapi import APIRouter, FastAPI
from httpx import ASGITransport, AsyncClient
from prometheus_client.metrics import MetricWrapperBase
from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.samples import Sample

from brain.app import create_app
from brain.core import metrics
from brain.core.config import Settings
from brain.core.logging import RequestIdFilter, configure_logging

route_log = logging.getLogger("tests.observability")

GENERATED_ID = re.compile(r"^[0-9a-f]{32}$")


@pytest.fixture
def observed_app(app: object) -> FastAPI:
    """The app of the `client` fixture, with a route that logs and one under a nested router."""
    assert isinstance(app, FastAPI)

    @app.get("/api/test-observability/log")
    async def log_something() -> dict[str, str]:
        route_log.warning("something worth a log line happened")
        return {"ok": "yes"}

    nested = APIRouter(prefix="/things", tags=["system"])

    @nested.get("/{thing_id}")
    async def read_thing(thing_id: int) -> dict[str, int]:
        return {"id": thing_id}

    outer = APIRouter(prefix="/api/test-observability")
    outer.include_router(nested)
    app.include_router(outer)
    return app


async def test_given_request_id_is_echoed(client: AsyncClient) -> None:
    response = await client.get("/api/health/live", headers={"X-Request-ID": "client-id.42:a_b"})

    assert response.headers["x-request-id"] == "client-id.42:a_b"


async def test_request_id_is_generated_when_absent(client: AsyncClient) -> None:
    first = await client.get("/api/health/live")
    second = await client.get("/api/health/live")

    assert GENERATED_ID.match(first.headers["x-request-id"])
    assert first.headers["x-request-id"] != second.headers["x-request-id"]


@pytest.mark.parametrize(
    "unsafe",
    [
        "has spaces in it",
        'quote"and<angle>',
        "x" * 129,
        "",
    ],
    ids=["spaces", "markup", "too-long", "empty"],
)
async def test_unsafe_request_id_is_replaced_by_a_generated_one(
    client: AsyncClient, unsafe: str
) -> None:
    response = await client.get("/api/health/live", headers={"X-Request-ID": unsafe})

    assert GENERATED_ID.match(response.headers["x-request-id"])


async def test_request_id_is_in_the_problem_body(client: AsyncClient) -> None:
    response = await client.get("/api/nowhere", headers={"X-Request-ID": "trace-me-1"})

    assert response.status_code == 404
    assert response.json()["request_id"] == "trace-me-1"


async def test_log_records_during_a_request_carry_its_request_id(
    observed_app: FastAPI, client: AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    # The Brain's filter runs when the record is handled, i.e. inside the request.
    caplog.handler.addFilter(RequestIdFilter())
    with caplog.at_level(logging.WARNING, logger="tests.observability"):
        response = await client.get(
            "/api/test-observability/log", headers={"X-Request-ID": "log-me-7"}
        )

    assert response.status_code == 200
    records = [r for r in caplog.records if r.name == "tests.observability"]
    assert [getattr(r, "request_id", None) for r in records] == ["log-me-7"]


@pytest.fixture
def brain_log_stream(settings: Settings) -> Iterator[io.StringIO]:
    """What the Brain's own log handler writes, in JSON lines."""
    configure_logging(level="WARNING", json_lines=True)
    handler = next(h for h in logging.getLogger().handlers if getattr(h, "_brain", False))
    assert isinstance(handler, logging.StreamHandler)
    stream = io.StringIO()
    handler.setStream(stream)
    yield stream
    configure_logging(level=settings.log_level, json_lines=settings.json_logs)


async def test_json_log_lines_carry_the_request_id(
    observed_app: FastAPI, client: AsyncClient, brain_log_stream: io.StringIO
) -> None:
    await client.get("/api/test-observability/log", headers={"X-Request-ID": "json-line-3"})

    lines = [json.loads(line) for line in brain_log_stream.getvalue().splitlines()]
    ours = [line for line in lines if line["logger"] == "tests.observability"]
    assert len(ours) == 1
    assert ours[0]["request_id"] == "json-line-3"
    assert ours[0]["level"] == "WARNING"
    assert ours[0]["message"] == "something worth a log line happened"


def samples(text: str, family: str) -> list[Sample]:
    for found in text_string_to_metric_families(text):
        if found.name == family:
            return list(found.samples)
    raise AssertionError(f"metric family {family} is not exposed")


def requests_total(text: str, *, route: str, status: str, method: str = "GET") -> float:
    return sum(
        s.value
        for s in samples(text, "brain_http_requests")
        if s.name == "brain_http_requests_total"
        and s.labels == {"method": method, "route": route, "status": status}
    )


async def test_metrics_count_requests_by_public_route_template(
    observed_app: FastAPI, client: AsyncClient
) -> None:
    before = (await client.get("/metrics")).text
    await client.get("/api/health")
    await client.get("/api/test-observability/things/41")
    await client.get("/api/test-observability/things/42")

    response = await client.get("/metrics")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    after = response.text
    assert requests_total(after, route="/api/health", status="200") == (
        requests_total(before, route="/api/health", status="200") + 1
    )
    # The template of a route inside nested routers, not one label per id.
    template = "/api/test-observability/things/{thing_id}"
    assert requests_total(after, route=template, status="200") == (
        requests_total(before, route=template, status="200") + 2
    )
    assert "things/41" not in after


async def test_metrics_do_not_grow_a_label_per_unknown_path(client: AsyncClient) -> None:
    before = (await client.get("/metrics")).text
    await client.get("/api/scanner-probe-12345")

    after = (await client.get("/metrics")).text

    assert "scanner-probe-12345" not in after
    assert requests_total(after, route="unmatched", status="404") == (
        requests_total(before, route="unmatched", status="404") + 1
    )


async def test_metrics_expose_latency_in_flight_pool_queue_and_outbox(
    client: AsyncClient,
) -> None:
    await client.get("/api/health")

    text = (await client.get("/metrics")).text

    latency = samples(text, "brain_http_request_duration_seconds")
    assert any(
        s.name == "brain_http_request_duration_seconds_count"
        and s.labels == {"method": "GET", "route": "/api/health"}
        and s.value >= 1
        for s in latency
    )
    # The scrape itself is in flight while the gauge is read.
    assert samples(text, "brain_http_requests_in_progress")[0].value >= 1
    pool_states = {s.labels["state"] for s in samples(text, "brain_db_pool_connections")}
    assert pool_states == {"checked_out", "idle", "overflow"}
    assert samples(text, "brain_job_queue_depth")[0].value >= 0
    assert samples(text, "brain_outbox_backlog")[0].value >= 0
    # Every metric the Brain defines is exposed (a counter nobody has touched has no samples).
    exposed = {family.name for family in text_string_to_metric_families(text)}
    defined = {
        described.name
        for value in vars(metrics).values()
        if isinstance(value, MetricWrapperBase)
        for described in value.describe()
    }
    assert defined
    assert defined <= exposed


def _metrics_client(settings: Settings, **overrides: object) -> AsyncClient:
    # Logging stays as the suite has it (production would switch to JSON lines).
    app = create_app(settings.model_copy(update={"log_json": False, **overrides}))
    transport = ASGITransport(app=app, raise_app_exceptions=False)
    return AsyncClient(transport=transport, base_url="http://test")


async def test_metrics_are_not_served_in_production_without_a_token(
    settings: Settings, db_connection: object
) -> None:
    async with _metrics_client(settings, env="production") as client:
        response = await client.get("/metrics")

    assert response.status_code == 404
    assert "brain_http_requests_total" not in response.text


async def test_metrics_with_a_token_need_exactly_that_bearer_token(
    settings: Settings, db_connection: object
) -> None:
    token = "scrape-" + "x" * 24
    async with _metrics_client(settings, env="production", metrics_token=token) as client:
        missing = await client.get("/metrics")
        wrong = await client.get("/metrics", headers={"Authorization": "Bearer nope"})
        basic = await client.get("/metrics", headers={"Authorization": f"Basic {token}"})
        right = await client.get("/metrics", headers={"Authorization": f"Bearer {token}"})

    for refused in (missing, wrong, basic):
        assert refused.status_code == 401
        assert refused.json()["code"] == "AUTH_REQUIRED"
        assert "brain_http_requests_total" not in refused.text
    assert right.status_code == 200
    assert "brain_http_requests_total" in right.text


async def test_metrics_are_open_outside_production_without_a_token(
    settings: Settings, db_connection: object
) -> None:
    async with _metrics_client(settings, env="development", metrics_token=None) as client:
        response = await client.get("/metrics")

    assert response.status_code == 200
