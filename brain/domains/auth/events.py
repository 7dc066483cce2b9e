"""Events the auth domain publishes: its public contract. Imports only the core."""

from __future__ import annotations

import uuid
from typing import ClassVar

from brain.core.bus import DomainEvent


class RoleChanged(DomainEvent):
    name: ClassVar[str] = "auth.role_changed"

    user_id: uuid.UUID
    old_role: str
    new_role: str


class LoggedIn(DomainEvent):
    """A session started (login, OAuth2 token, or registration). Refreshes are not logins."""

    name: ClassVar[str] = "auth.logged_in"

    user_id: uuid.UUID
    session_id: uuid.UUID
    method: str


class PasswordChanged(DomainEvent):
    """The password changed (by the user, or through a reset link)."""

    name: ClassVar[str] = "auth.password_changed"

    user_id: uuid.UUID
    via_reset: bool
