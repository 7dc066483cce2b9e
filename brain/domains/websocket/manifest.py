"""What the websocket domain plugs into the composition root (brain/core/manifest.py)."""

from __future__ import annotations

from brain.core.manifest import DomainManifest, GeneratedSection
from brain.domains.websocket import docs, export, handlers
from brain.domains.websocket.router import router

MANIFEST = DomainManifest(
    name="websocket",
    models=None,
    router=router,
    tag="websocket",
    description=(
        "Realtime: the websocket at `/api/websocket/connect` (authenticate with an `auth` "
        "frame; channels `user:{id}`, `venture:{id}`, `team:{id}`, `broadcast`; recovery by "
        "offset and epoch; the protocol in docs/api/websocket.md), and the admin and team "
        "routes that publish to it."
    ),
    register=handlers.register,
    export=export.EXPORT,
    docs=(
        GeneratedSection("docs/api/websocket.md", "websocket-schema", docs.schema_section),
        GeneratedSection("docs/services/websocket.md", "websocket", docs.service_section),
    ),
)
