"""Subscribes every domain's event handlers to the bus and registers periodic jobs."""

from __future__ import annotations

from brain.core import bus
from brain.domains.notifications import handlers as notifications


def register() -> None:
    """Idempotent: safe to call from the app, the worker and tests."""
    bus.register_cron()
    notifications.register()
