"""What the analytics domain plugs into the composition root (brain/core/manifest.py)."""

from __future__ import annotations

from brain.core.manifest import DomainManifest
from brain.domains.analytics import models

MANIFEST = DomainManifest(name="analytics", models=models)
