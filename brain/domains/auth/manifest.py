"""What the auth domain plugs into the composition root (brain/core/manifest.py)."""

from __future__ import annotations

from brain.core.manifest import DomainManifest
from brain.domains.auth import events, export, handlers, jobs, models
from brain.domains.auth.router import router

MANIFEST = DomainManifest(
    name="auth",
    models=models,
    router=router,
    tag="auth",
    description=(
        "Sign-in, tokens and sessions, password reset and email verification, roles and "
        "the security audit log. Use **Authorize** with your email as the username."
    ),
    register=handlers.register,
    register_cron=jobs.register_cron,
    activity_events=(events.LoggedIn, events.PasswordChanged, events.RoleChanged),
    export=export.EXPORT,
)
