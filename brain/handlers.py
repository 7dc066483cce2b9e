"""Registers every installed domain with the bus and the job runner, from its manifest.

Idempotent: safe to call from the app, the worker, the CLI and tests.
"""

from __future__ import annotations

from brain.core import bus, export
from brain.domains.users.handlers import activity_recorder
from brain.installed import DOMAINS


def register() -> None:
    bus.register_cron()
    for domain in DOMAINS:
        if domain.register is not None:
            domain.register()
        if domain.register_cron is not None:
            domain.register_cron()
    # The users domain keeps every user's activity feed but may not import the domains above
    # it: each domain declares which of its events belong there, and they are wired here.
    for domain in DOMAINS:
        for event_type in domain.activity_events:
            bus.subscribe(event_type, activity_recorder(event_type.name), mode="inline")
    # Likewise a user's data export, served by users, gathers every domain's part.
    for domain in DOMAINS:
        if domain.export is not None:
            export.register(domain.name, domain.export)


async def startup() -> None:
    """Every installed domain's start-up check (the app's lifespan runs them)."""
    for domain in DOMAINS:
        if domain.startup is not None:
            await domain.startup()
