"""Request limits (brain/core/limits.py): headers, body size and slow bodies are refused with
problem+json before they cost the Brain memory or a connection held open."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from httpx import ASGITransport, AsyncClient
from starlette.types import Message

from brain.app import create_app
from brain.core import limits
from brain.core.config import Settings
from brain.core.limits import RequestLimits
from tests.servers import brain_server

LOGIN = "/api/auth/login"


@pytest.fixture
def larger_bodies() -> Iterator[None]:
    """The declarations made by the domains at import are set aside for the test."""
    saved = dict(limits._LARGER_BODIES)
    saved_paths = dict(limits._LARGER_BODY_PATHS)
    limits._LARGER_BODY_PATHS.clear()
    yield
    limits._LARGER_BODIES.clear()
    limits._LARGER_BODIES.update(saved)
    limits._LARGER_BODY_PATHS.clear()
    limits._LARGER_BODY_PATHS.update(saved_paths)


def test_json_routes_get_the_json_limit_and_declared_prefixes_their_own(
    larger_bodies: None,
) -> None:
    rules = RequestLimits(
        max_headers=100, max_header_bytes=32_768, max_body_bytes=1024, body_timeout_seconds=5
    )
    limits.allow_larger_bodies("/api/files", 10_000_000)

    assert rules.body_limit(LOGIN) == 1024
    assert rules.body_limit("/api/files") == 10_000_000
    assert rules.body_limit("/api/files/123/content") == 10_000_000
    assert rules.body_limit("/api/filesystem") == 1024


def test_an_exact_path_takes_a_larger_body_and_the_routes_under_it_do_not(
    larger_bodies: None,
) -> None:
    rules = RequestLimits(
        max_headers=100, max_header_bytes=32_768, max_body_bytes=1024, body_timeout_seconds=5
    )
    limits.allow_larger_bodies("/api/files", 10_000_000, exact=True)

    assert rules.body_limit("/api/files") == 10_000_000
    assert rules.body_limit("/api/files/") == 10_000_000
    assert rules.body_limit("/api/files/123") == 1024


@pytest.fixture
async def small_limits_client(settings: Settings) -> AsyncIterator[AsyncClient]:
    app = create_app(settings.model_copy(update={"max_body_bytes": 1024, "max_headers": 20}))
    transport = ASGITransport(app=app, raise_app_exceptions=False)
    async with AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


def _assert_problem(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == code


async def test_a_declared_body_over_the_limit_is_413_before_a_byte_is_read(
    settings: Settings,
) -> None:
    app = create_app(settings.model_copy(update={"max_body_bytes": 1024}))
    sent: list[Message] = []
    read: list[bool] = []

    async def receive() -> Message:
        read.append(True)
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": LOGIN,
        "raw_path": LOGIN.encode(),
        "query_string": b"",
        "headers": [(b"content-type", b"application/json"), (b"content-length", b"104857600")],
        "client": ("127.0.0.1", 1),
        "server": ("test", 80),
        "app": app,
    }
    await app(scope, receive, send)

    assert sent[0]["status"] == 413
    assert read == []


async def test_a_chunked_body_is_refused_as_soon_as_it_passes_the_limit(
    small_limits_client: AsyncClient, db_connection: object
) -> None:
    chunks_sent = 0

    async def body() -> AsyncIterator[bytes]:
        nonlocal chunks_sent
        for _ in range(100):
            chunks_sent += 1
            yield b" " * 512

    response = await small_limits_client.post(
        LOGIN, content=body(), headers={"content-type": "application/json"}
    )

    _assert_problem(response, 413, "PAYLOAD_TOO_LARGE")
    assert chunks_sent < 10


async def test_too_many_headers_are_431(small_limits_client: AsyncClient) -> None:
    headers = {f"x-extra-{i}": "1" for i in range(30)}

    response = await small_limits_client.get("/api/health/live", headers=headers)

    _assert_problem(response, 431, "HEADERS_TOO_LARGE")


async def test_a_body_within_the_limit_is_served(
    small_limits_client: AsyncClient, db_connection: object
) -> None:
    response = await small_limits_client.post(
        LOGIN, json={"email": "nobody@example.com", "password": "whatever-123"}
    )

    _assert_problem(response, 401, "INVALID_CREDENTIALS")


# -- against a real server (uvicorn with httptools, as `brain serve` runs) ----------------------


@pytest.fixture(scope="module")
def server() -> Iterator[int]:
    with brain_server({"BRAIN_BODY_TIMEOUT_SECONDS": "1"}) as url:
        yield int(url.rsplit(":", 1)[1])


async def _exchange(port: int, head: bytes, body: bytes = b"") -> tuple[bytes, float]:
    """Send raw bytes; read until the server closes (or answers in full). Returns what came
    back and how long it took."""
    started = time.monotonic()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(head + body)
        await writer.drain()
        # Every refusal closes the connection (the rest of the request is never read).
        answer = await asyncio.wait_for(reader.read(), 20)
    finally:
        writer.close()
    return answer, time.monotonic() - started


def _status(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


@pytest.mark.slow
async def test_a_100_mb_login_is_refused_without_being_sent(server: int) -> None:
    head = (
        f"POST {LOGIN} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Content-Length: 104857600\r\n\r\n"
    ).encode()

    answer, took = await _exchange(server, head)

    assert _status(answer) == 413
    assert b"application/problem+json" in answer
    assert b"PAYLOAD_TOO_LARGE" in answer
    assert took < 10


@pytest.mark.slow
async def test_a_body_shorter_than_its_length_does_not_hold_the_connection(server: int) -> None:
    head = (
        f"POST {LOGIN} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Content-Length: 100\r\n\r\n"
    ).encode()

    answer, _ = await _exchange(server, head, b'{"email":')

    assert _status(answer) == 408
    assert b"REQUEST_TIMEOUT" in answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "headers",
    [
        "".join(f"X-Extra-{i}: 1\r\n" for i in range(5000)),
        "X-Big: " + "a" * 1_000_000 + "\r\n",
    ],
    ids=["5000 headers", "a 1 MB header"],
)
async def test_oversized_headers_are_refused(server: int, headers: str) -> None:
    head = f"GET /api/health/live HTTP/1.1\r\nHost: x\r\n{headers}\r\n".encode()

    answer, _ = await _exchange(server, head)

    assert _status(answer) in (400, 431), answer[:200]
    if _status(answer) == 431:
        assert b"HEADERS_TOO_LARGE" in answer
