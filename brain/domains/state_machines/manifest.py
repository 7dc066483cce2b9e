"""What the state_machines domain plugs into the composition root (brain/core/manifest.py)."""

from __future__ import annotations

from brain.core.manifest import DomainManifest, GeneratedSection
from brain.domains.state_machines import docs, export, jobs, models
from brain.domains.state_machines.router import router

MANIFEST = DomainManifest(
    name="state_machines",
    models=models,
    router=router,
    tag="state-machines",
    description=(
        "The workflow engine behind every lifecycle: definitions (with Mermaid diagrams), "
        "instances, events, history and stats. Administrators only; domains drive their own "
        "machines."
    ),
    register_cron=jobs.register_cron,
    export=export.EXPORT,
    docs=(GeneratedSection("docs/services/state-machines.md", "machines", docs.machines_section),),
)
