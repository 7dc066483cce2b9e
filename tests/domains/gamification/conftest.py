from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest

from brain import handlers
from brain.core import ratelimit
from brain.domains.gamification import leaderboard
from tests.conftest import TEST_REDIS_URL


@pytest.fixture(autouse=True)
async def _registered() -> AsyncIterator[None]:
    """Subscribe the domains' handlers; no rate-limit counters; no Redis unless a test asks."""
    handlers.register()
    ratelimit.reset()
    leaderboard.configure(None)
    yield
    await leaderboard.aclose()


@pytest.fixture
async def redis_board() -> AsyncIterator[tuple[Any, str]]:
    """The leaderboards on the test Redis, under a key prefix of this test's own; the keys are
    deleted afterwards. Yields the client and the prefix."""
    assert TEST_REDIS_URL is not None
    prefix = f"test:gamification:{uuid.uuid4().hex}:"
    leaderboard.configure(TEST_REDIS_URL, prefix=prefix)
    target = leaderboard.redis()
    assert target is not None
    client = target[0]
    yield client, prefix
    keys = [k async for k in client.scan_iter(match=f"{prefix}*")]
    if keys:
        await client.delete(*keys)
