"""What the gamification domain plugs into the composition root (brain/core/manifest.py)."""

from __future__ import annotations

from brain.core.manifest import DomainManifest, GeneratedSection
from brain.domains.gamification import docs, events, export, handlers, jobs, models
from brain.domains.gamification.router import router

MANIFEST = DomainManifest(
    name="gamification",
    models=models,
    router=router,
    tag="gamification",
    description=(
        "XP, levels, badges, login streaks and leaderboards, earned only from domain events "
        "(one award per user, rule and source event). No client awards XP; admins award or "
        "revoke badges, reverse XP and change rule amounts, each audited."
    ),
    register=handlers.register,
    register_cron=jobs.register_cron,
    activity_events=events.ACTIVITY,
    export=export.EXPORT,
    docs=(
        GeneratedSection("docs/services/gamification.md", "gamification", docs.generated_section),
    ),
)
