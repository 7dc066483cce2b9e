"""What the notifications domain plugs into the composition root (brain/core/manifest.py).

No router yet: the domain serves no request of its own, it sends what the others ask for.
"""

from __future__ import annotations

from brain.core.manifest import DomainManifest
from brain.domains.notifications import export, handlers, jobs, models

MANIFEST = DomainManifest(
    name="notifications",
    models=models,
    register=handlers.register,
    register_cron=jobs.register_cron,
    export=export.EXPORT,
)
