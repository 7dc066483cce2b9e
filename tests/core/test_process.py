"""A started process keeps its start-up objects out of the garbage collector's full
collections (brain/core/process.py): those walked every tracked object, ~110 ms a time.

A subprocess, because the test session is no server: it starts apps over and over and never
freezes (BRAIN_ENV=test)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import asyncio, gc, json
from brain.app import create_app

async def main() -> dict[str, int]:
    app = create_app()
    async with app.router.lifespan_context(app):
        return {"frozen": gc.get_freeze_count(), "walked": len(gc.get_objects())}

print(json.dumps(asyncio.run(main())))
"""


def _start(tmp_path: Path, env_name: str) -> dict[str, int]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRAIN_")}
    env |= {
        "BRAIN_ENV": env_name,
        "BRAIN_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'brain.db'}",
        "BRAIN_DATA_DIR": str(tmp_path / "data"),
        "BRAIN_LOG_LEVEL": "WARNING",
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, int] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_a_started_server_leaves_its_start_up_objects_out_of_full_collections(
    tmp_path: Path,
) -> None:
    started = _start(tmp_path, "development")
    # What a full collection still walks is what was made after the start: a small part.
    assert started["frozen"] > 100_000
    assert started["walked"] < started["frozen"] / 10


def test_under_tests_nothing_is_frozen(tmp_path: Path) -> None:
    assert _start(tmp_path, "test")["frozen"] == 0
