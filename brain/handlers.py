"""Subscribes every domain's event handlers to the bus and registers periodic jobs."""

from __future__ import annotations

from brain.core import bus
from brain.core.bus import DomainEvent
from brain.domains.auth import events as auth_events
from brain.domains.auth import handlers as auth
from brain.domains.auth import service as auth_service
from brain.domains.buz import handlers as buz
from brain.domains.buz import jobs as buz_jobs
from brain.domains.legal import events as legal_events
from brain.domains.legal import handlers as legal
from brain.domains.legal import service as legal_service
from brain.domains.notifications import handlers as notifications
from brain.domains.state_machines import jobs as state_machines_jobs
from brain.domains.users import events as users_events
from brain.domains.users.handlers import activity_recorder

# Every event that concerns one user and belongs in their activity feed (`/users/{id}/
# activity`). Users may not import the domains above it, so the list lives here; add a
# domain's events when it lands.
ACTIVITY_EVENTS: list[type[DomainEvent]] = [
    users_events.UserRegistered,
    users_events.UserUpdated,
    users_events.UserDeactivated,
    auth_events.LoggedIn,
    auth_events.PasswordChanged,
    auth_events.RoleChanged,
    legal_events.DocumentSigned,
]


def register() -> None:
    """Idempotent: safe to call from the app, the worker and tests."""
    bus.register_cron()
    notifications.register()
    auth.register()
    legal.register()
    # Upward flows, wired here because auth may not import legal: a completed platform pack
    # promotes a GUEST (an event), and roles 6-8 need their documents (a check auth runs).
    bus.subscribe(
        legal_events.PlatformPackCompleted, auth.promote_after_platform_pack, mode="inline"
    )
    auth_service.register_role_requirement_check(legal_service.require_role_documents)
    for event_type in ACTIVITY_EVENTS:
        bus.subscribe(event_type, activity_recorder(event_type.name), mode="inline")
    state_machines_jobs.register_cron()
    buz.register()
    buz_jobs.register_cron()
