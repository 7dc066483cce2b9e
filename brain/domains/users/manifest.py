"""What the users domain plugs into the composition root (brain/core/manifest.py)."""

from __future__ import annotations

from brain.core.manifest import DomainManifest
from brain.domains.users import events, export, models
from brain.domains.users.router import router

MANIFEST = DomainManifest(
    name="users",
    models=models,
    router=router,
    tag="users",
    description=("Accounts, profiles (with per-field visibility), settings, activity and stats."),
    activity_events=(
        events.UserRegistered,
        events.UserUpdated,
        events.UserDeactivated,
        events.UserDataExported,
    ),
    export=export.EXPORT,
)
