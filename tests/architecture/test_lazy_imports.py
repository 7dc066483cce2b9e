"""The server process loads heavy optional libraries only when their feature is used.

Importing `brain.app`, building the app and running its start-up (SQLite, no Redis, no SMTP,
no VAPID keys) must leave these out of `sys.modules`: each is megabytes of resident memory
and part of the cold start (docs/services/files.md, "Transfer bench", has the figures). Each
is imported inside the function that needs it; a module-level import anywhere on the app's
import path brings it back, and this test names it.

A subprocess, because this test session has imported most of them already.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# What the feature is, for the failure message: the fix is to import it at that use site.
LAZY = {
    "redis": "Redis (BRAIN_REDIS_URL): jobs, rate limits, broadcast, leaderboards",
    "arq": "Redis jobs (BRAIN_REDIS_URL)",
    "jose": "JWT access tokens (brain/domains/auth/tokens.py): first sign-in or token check",
    "cryptography": "python-jose, pywebpush, redis: none of them at start",
    "passlib": "password hashing (brain/domains/auth/passwords.py)",
    "httpx": "Web Push (brain/domains/notifications/push.py)",
    "pywebpush": "Web Push (brain/domains/notifications/push.py)",
    "py_vapid": "Web Push (brain/domains/notifications/push.py)",
    "aiosmtplib": "SMTP (brain/domains/notifications/transport.py)",
    "regex": "email script checks (brain/domains/users/emails.py)",
    "boto3": "the S3 storage adapter (brain/domains/files/storage/s3.py)",
    "botocore": "the S3 storage adapter (brain/domains/files/storage/s3.py)",
    "alembic": "migrations: the CLI only",
    "jinja2": "template rendering",
    "hypothesis": "tests only",
    "rich": "a CLI's output (httpx's, typer's)",
}

SCRIPT = """
import asyncio, json, sys
from brain.app import create_app

async def main() -> None:
    app = create_app()
    async with app.router.lifespan_context(app):
        pass

asyncio.run(main())
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def test_the_app_starts_without_the_optional_heavy_libraries(tmp_path: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("BRAIN_") or key == "BRAIN_LOG_LEVEL"
    }
    env |= {
        "BRAIN_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'brain.db'}",
        "BRAIN_DATA_DIR": str(tmp_path / "data"),
        "BRAIN_LOG_LEVEL": "WARNING",
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    loaded = set(json.loads(done.stdout.strip().splitlines()[-1]))
    # The check itself: these are the libraries the app does load.
    assert {"fastapi", "sqlalchemy", "brain"} <= loaded
    found = {name: why for name, why in LAZY.items() if name in loaded}
    assert not found, f"loaded at start, but only needed for: {found}"
