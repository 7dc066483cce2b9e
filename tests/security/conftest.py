"""One app for the whole matrix: building it costs ~0.1 s, and the matrix makes ~90 tests.
The app holds no per-test state (the database is the rolled-back connection of each test)."""

from __future__ import annotations

import pytest

from brain.core.config import get_settings


@pytest.fixture(scope="module")
def app() -> object:
    from brain import handlers
    from brain.app import create_app

    handlers.register()
    return create_app(get_settings())
