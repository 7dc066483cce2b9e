from __future__ import annotations

import pytest

from brain import handlers
from brain.core import ratelimit


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    """Subscribe the domains' handlers; in-process rate-limit counters outlive a test, so
    start each test with none."""
    handlers.register()
    ratelimit.reset()
