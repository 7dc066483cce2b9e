"""What the umbrella domain plugs into the composition root (brain/core/manifest.py)."""

from __future__ import annotations

from brain.core.manifest import DomainManifest

MANIFEST = DomainManifest(name="umbrella", models=None)
