"""What the files domain plugs into the composition root (brain/core/manifest.py)."""

from __future__ import annotations

from brain.core.manifest import DomainManifest, GeneratedSection
from brain.domains.files import docs, events, export, jobs, models
from brain.domains.files.router import router

MANIFEST = DomainManifest(
    name="files",
    models=models,
    router=router,
    tag="files",
    description=(
        "Uploads streamed to storage (local or S3-compatible) with the size, quota and type "
        "checked while the bytes arrive (types by content, never by name), downloads as "
        "attachments with ranges and ETags, sharing with users and venture teams, and signed "
        "links that expire and can be revoked. Another user's private file is 404."
    ),
    register_cron=jobs.register_cron,
    activity_events=events.ACTIVITY,
    export=export.EXPORT,
    docs=(GeneratedSection("docs/services/files.md", "files", docs.generated_section),),
)
