"""What the analytics domain plugs into the composition root (brain/core/manifest.py)."""

from __future__ import annotations

from brain.core.manifest import DomainManifest, GeneratedSection
from brain.domains.analytics import docs, events, export, handlers, jobs, models
from brain.domains.analytics.router import router

MANIFEST = DomainManifest(
    name="analytics",
    models=models,
    router=router,
    tag="analytics",
    description=(
        "Metrics computed from what happened: every bus event (folded from the outbox) and "
        "client events (`POST /track`), rolled up by jobs into user, venture and platform "
        "analytics over 7d/30d/90d/1y, and reports built by jobs, downloadable as CSV or JSON."
    ),
    register=handlers.register,
    register_cron=jobs.register_cron,
    activity_events=events.ACTIVITY,
    export=export.EXPORT,
    docs=(GeneratedSection("docs/services/analytics.md", "analytics", docs.generated_section),),
)
