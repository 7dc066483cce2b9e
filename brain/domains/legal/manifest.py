"""What the legal domain plugs into the composition root (brain/core/manifest.py)."""

from __future__ import annotations

from brain.core.manifest import DomainManifest, GeneratedSection
from brain.domains.legal import docs, events, export, handlers, jobs, models
from brain.domains.legal.router import router

MANIFEST = DomainManifest(
    name="legal",
    models=models,
    router=router,
    tag="legal",
    description=(
        "Legal templates and their versions, multi-party e-signing with evidence, "
        "verification and completion certificates, the hash-chained audit log, and the "
        "compliance rules that gate actions elsewhere (`COMPLIANCE_REQUIRED`)."
    ),
    register=handlers.register,
    register_cron=jobs.register_cron,
    activity_events=(events.DocumentSigned,),
    export=export.EXPORT,
    docs=(GeneratedSection("docs/services/legal.md", "legal", docs.generated_section),),
)
