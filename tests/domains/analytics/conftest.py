from __future__ import annotations

import pytest

from brain import handlers
from brain.core import ratelimit


@pytest.fixture(autouse=True)
def _registered() -> None:
    """Subscribe the domains' handlers; start with no rate-limit counters."""
    handlers.register()
    ratelimit.reset()
