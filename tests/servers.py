"""A real `brain serve` (uvicorn with httptools, as production runs it) for tests that must
cross a real socket: raw HTTP the test client cannot send, a browser."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import httpx

from bench.servers import free_port


@contextmanager
def brain_server(env: Mapping[str, str] | None = None) -> Iterator[str]:
    """Serve the Brain on a free loopback port with a migrated SQLite database of its own;
    yields its base URL and stops it afterwards."""
    port = free_port()
    folder = Path(tempfile.mkdtemp(prefix="brain-server-"))
    full_env = os.environ | {
        "BRAIN_DATABASE_URL": f"sqlite+aiosqlite:///{folder / 'brain.db'}",
        "BRAIN_LOG_LEVEL": "WARNING",
        **(env or {}),
    }
    subprocess.run(
        [sys.executable, "-m", "brain.cli", "migrate"],
        env=full_env,
        check=True,
        capture_output=True,
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "brain.cli", "serve", "--port", str(port)],
        env=full_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{url}/api/health/live").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert process.poll() is None, "brain serve exited"
            assert time.monotonic() < deadline, "brain serve did not start in 30 s"
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(10)
