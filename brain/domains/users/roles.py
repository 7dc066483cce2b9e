"""The global roles, ordered by level (domain rules, "Roles").

The enum lives in `users` because users store and filter by it and `users` may import only
the core; what each role may do (the permission table) lives in `auth.permissions`.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    GUEST = "GUEST"
    MEMBER = "MEMBER"
    SUBSCRIBER = "SUBSCRIBER"
    SEAT_HOLDER = "SEAT_HOLDER"
    VENTURE_OWNER = "VENTURE_OWNER"
    VENTURE_PARTICIPANT = "VENTURE_PARTICIPANT"
    CONFIDENTIAL_ACCESS = "CONFIDENTIAL_ACCESS"
    RESTRICTED_ACCESS = "RESTRICTED_ACCESS"
    HIGHLY_RESTRICTED_ACCESS = "HIGHLY_RESTRICTED_ACCESS"
    BILLING_ADMIN = "BILLING_ADMIN"
    SECURITY_ADMIN = "SECURITY_ADMIN"
    LEGAL_ADMIN = "LEGAL_ADMIN"
    SUPER_ADMIN = "SUPER_ADMIN"

    @property
    def level(self) -> int:
        return ROLE_LEVELS[self]

    @property
    def is_admin(self) -> bool:
        return self in ADMIN_ROLES


# The table order is the level: GUEST 0 ... SUPER_ADMIN 12.
ROLE_LEVELS: dict[Role, int] = {role: level for level, role in enumerate(Role)}

# The member ladder: each of these inherits the permissions of every lower one.
MEMBER_LADDER: tuple[Role, ...] = tuple(r for r in Role if ROLE_LEVELS[r] <= 8)

ADMIN_ROLES: frozenset[Role] = frozenset(
    {Role.BILLING_ADMIN, Role.SECURITY_ADMIN, Role.LEGAL_ADMIN, Role.SUPER_ADMIN}
)


class UserStatus(StrEnum):
    ACTIVE = "ACTIVE"
    SUSPENDED = "SUSPENDED"
    DEACTIVATED = "DEACTIVATED"


class Visibility(StrEnum):
    """Who may see a profile field."""

    PUBLIC = "public"  # anyone, signed in or not
    MEMBERS = "members"  # any signed-in user
    PRIVATE = "private"  # the user and admins only
