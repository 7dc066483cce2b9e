"""What the notifications domain plugs into the composition root (brain/core/manifest.py)."""

from __future__ import annotations

from brain.core.manifest import DomainManifest, GeneratedSection
from brain.domains.notifications import (
    announcements,
    catalog,
    delivery,
    events,
    export,
    handlers,
    jobs,
    models,
)
from brain.domains.notifications.router import router


def _register_cron() -> None:
    jobs.register_cron()
    delivery.register_cron()


# Importing registers the jobs.
JOBS = (announcements.FAN_OUT_JOB, delivery.DELIVER_JOB)

MANIFEST = DomainManifest(
    name="notifications",
    models=models,
    router=router,
    tag="notifications",
    description=(
        "My inbox (unread count, read, archive, delete), my preferences per type x channel "
        "(in_app, email, push) and quiet hours, my push devices, and the delivery status of "
        "each channel. Another user's notification is 404. Admins send announcements and "
        "list deliveries."
    ),
    register=handlers.register,
    register_cron=_register_cron,
    activity_events=events.ACTIVITY,
    export=export.EXPORT,
    docs=(
        GeneratedSection(
            "docs/services/notifications.md", "notification-types", catalog.generated_section
        ),
    ),
)
