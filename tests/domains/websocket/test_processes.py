"""Across processes: two real `brain serve` processes over one Redis (and one database), a
worker for the jobs; a transfer made through process A reaches a socket held on process B."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import connect

from tests.conftest import TEST_REDIS_URL, requires_redis
from tests.servers import brain_server

pytestmark = [pytest.mark.slow, requires_redis]

PASSWORD = "plum-cellar-48-violin-tide"


def _wait_until(what: str, ready: Any, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        assert time.monotonic() < deadline, f"{what} did not happen within {timeout} s"
        time.sleep(0.1)


def _member(http: httpx.Client) -> tuple[str, dict[str, str], str]:
    """Register, sign the platform pack (MEMBER, welcome bonus) and the BUZ terms."""
    email = f"ws-{uuid.uuid4().hex[:10]}@example.com"
    registered = http.post(
        "/api/auth/register",
        json={"email": email, "password": PASSWORD, "display_name": "Socket Tester"},
    )
    assert registered.status_code == 201, registered.text
    user_id = registered.json()["user"]["id"]

    def login() -> dict[str, str]:
        response = http.post("/api/auth/login", json={"email": email, "password": PASSWORD})
        assert response.status_code == 200, response.text
        return {"Authorization": f"Bearer {response.json()['access_token']}"}

    headers = login()
    for kind in ("PPA", "ESCA", "PNA", "BTS", "BPP"):
        signed = http.post(
            f"/api/legal/templates/{kind}/sign",
            json={"consent_given": True, "terms_accepted": True, "method": "click"},
            headers=headers,
        )
        assert signed.status_code == 201, signed.text

    def has_bonus() -> bool:
        balance = http.get(f"/api/buz/balance/{user_id}", headers=headers)
        return balance.status_code == 200 and float(balance.json()["available"]) > 0

    _wait_until("the welcome bonus", has_bonus)
    headers = login()  # a token that carries the MEMBER role's session
    return user_id, headers, headers["Authorization"].removeprefix("Bearer ")


@pytest.fixture
def two_processes() -> Iterator[tuple[str, str]]:
    assert TEST_REDIS_URL is not None
    folder = Path(tempfile.mkdtemp(prefix="brain-ws-"))
    env = {
        "BRAIN_DATABASE_URL": f"sqlite+aiosqlite:///{folder / 'brain.db'}",
        "BRAIN_REDIS_URL": TEST_REDIS_URL,
        "BRAIN_RATE_LIMITS_ENABLED": "false",
        "BRAIN_JOB_QUEUE_NAME": f"brain-ws-test-{uuid.uuid4().hex[:8]}",
    }
    with ExitStack() as stack:
        a = stack.enter_context(brain_server(env))
        b = stack.enter_context(brain_server(env))
        worker = subprocess.Popen(
            [sys.executable, "-m", "brain.cli", "worker"],
            env=os.environ | env | {"BRAIN_LOG_LEVEL": "WARNING"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        stack.callback(worker.wait, 10)
        stack.callback(worker.terminate)
        yield a, b


def test_a_transfer_through_one_process_reaches_a_socket_on_another_within_a_second(
    two_processes: tuple[str, str],
) -> None:
    a, b = two_processes
    with httpx.Client(base_url=a, timeout=10) as http:
        _, sender_h, _ = _member(http)
        recipient_id, _, recipient_token = _member(http)

        async def scenario() -> tuple[dict[str, Any], float]:
            socket_url = b.replace("http://", "ws://") + "/api/websocket/connect"
            async with connect(socket_url) as ws:
                await ws.send(json.dumps({"type": "auth", "token": recipient_token}))
                ready = json.loads(await asyncio.wait_for(ws.recv(), 5))
                assert ready["type"] == "ready", ready
                started = time.monotonic()
                sent = await asyncio.to_thread(
                    http.post,
                    "/api/buz/transfer",
                    json={"to_user_id": recipient_id, "amount": "3"},
                    headers=sender_h | {"Idempotency-Key": str(uuid.uuid4())},
                )
                assert sent.status_code == 201, sent.text
                while True:
                    frame = json.loads(await asyncio.wait_for(ws.recv(), 5))
                    # The welcome bonus's own update may still be on its way (a job).
                    if (
                        frame["type"] == "token_update"
                        and frame["data"]["transfer_id"] == sent.json()["id"]
                    ):
                        return frame, time.monotonic() - started

        frame, elapsed = asyncio.run(scenario())
    assert frame["channel"] == f"user:{recipient_id}"
    assert frame["data"]["amount"] == "3.00"
    assert frame["data"]["direction"] == "received"
    # The transfer request itself is part of this: commit, handler, Redis, the other process.
    assert elapsed < 1.0, f"{elapsed:.3f} s"
