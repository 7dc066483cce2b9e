"""One app for the whole matrix: building it costs ~0.1 s, and the matrix makes ~90 tests.
The app holds no per-test state (the database is the rolled-back connection of each test)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from brain.core import broadcast
from brain.core.config import get_settings


@pytest.fixture(scope="module")
def app() -> object:
    from brain import handlers
    from brain.app import create_app

    handlers.register()
    return create_app(get_settings())


@pytest.fixture(autouse=True)
def _live_fanout() -> Iterator[None]:
    """An in-process broadcast, as the app's lifespan would start (the client runs none), so
    the realtime routes can publish; the previous one is restored after each test."""
    previous = broadcast._broadcast
    broadcast.use_broadcast(broadcast.Broadcast())
    yield
    broadcast.use_broadcast(previous)
