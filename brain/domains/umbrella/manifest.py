"""What the umbrella domain plugs into the composition root (brain/core/manifest.py)."""

from __future__ import annotations

from brain.core.manifest import DomainManifest, GeneratedSection
from brain.domains.umbrella import docs, events, export, handlers, models
from brain.domains.umbrella.router import router

MANIFEST = DomainManifest(
    name="umbrella",
    models=models,
    router=router,
    tag="umbrella",
    description=(
        "Referral codes and chains that share revenue in BUZ (1.0 / 0.5 / 0.25% of what the "
        "platform pays a referred user, from the community pool), the referral lifecycle on "
        "the state-machine engine, social relationships, the network graph, analytics and "
        "recommendations. Anything about another user is the user's or an admin's."
    ),
    register=handlers.register,
    activity_events=events.ACTIVITY,
    export=export.EXPORT,
    docs=(GeneratedSection("docs/services/umbrella.md", "umbrella", docs.generated_section),),
)
