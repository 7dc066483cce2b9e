"""Events the users domain publishes: its public contract. Imports only the core."""

from __future__ import annotations

import uuid
from typing import ClassVar, Literal

from brain.core.bus import DomainEvent


class UserRegistered(DomainEvent):
    """A new account exists (self-registration or created by an admin)."""

    name: ClassVar[str] = "users.registered"

    user_id: uuid.UUID
    role: str
    source: Literal["register", "admin", "cli"]
    # Kept for the umbrella domain (referrals), which resolves it.
    referral_code: str | None = None


class UserUpdated(DomainEvent):
    """Fields of a user changed. `status` is the status after the change."""

    name: ClassVar[str] = "users.updated"

    user_id: uuid.UUID
    changed: list[str]
    status: str


class UserDeactivated(DomainEvent):
    """The account is closed and its personal fields pseudonymized; the id stays."""

    name: ClassVar[str] = "users.deactivated"

    user_id: uuid.UUID


class UserDataExported(DomainEvent):
    """Someone downloaded everything the platform holds on the user (`actor_id`: the user
    themself, or the admin who did). Recorded in the user's activity and the security audit
    log, so an export by an admin is never silent."""

    name: ClassVar[str] = "users.data_exported"

    user_id: uuid.UUID
