"""Subscribes every domain's event handlers to the bus and registers periodic jobs."""

from __future__ import annotations

from brain.core import bus
from brain.domains.state_machines import jobs as state_machines_jobs


def register() -> None:
    """Idempotent: safe to call from the app, the worker and tests."""
    bus.register_cron()
    state_machines_jobs.register_cron()
