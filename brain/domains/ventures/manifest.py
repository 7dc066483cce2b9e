"""What the ventures domain plugs into the composition root (brain/core/manifest.py)."""

from __future__ import annotations

from brain.core.manifest import DomainManifest, GeneratedSection
from brain.domains.ventures import docs, events, export, handlers, jobs, models
from brain.domains.ventures.router import router

MANIFEST = DomainManifest(
    name="ventures",
    models=models,
    router=router,
    tag="ventures",
    description=(
        "Ventures and their lifecycle (IDEA to EXIT on the state-machine engine), teams with "
        "roles, invitations, metrics and one merged timeline. Creating one costs 50 BUZ and "
        "takes an `Idempotency-Key`; a PRIVATE or INVITE_ONLY venture is 404 to non-members."
    ),
    register=handlers.register,
    register_cron=jobs.register_cron,
    activity_events=events.ACTIVITY,
    export=export.EXPORT,
    docs=(GeneratedSection("docs/services/ventures.md", "ventures", docs.generated_section),),
)
