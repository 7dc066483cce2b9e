"""The role -> permissions table and the role-granting rules (domain rules, "Roles").

This module is the one place that says what a role may do. Permissions are `resource:action`
strings. To add one: add it to the lowest member role that should have it (every higher
member role inherits it), or to an admin area, and use `require_permission("resource:action")`
on the route. SUPER_ADMIN has every permission in this table.
"""

from __future__ import annotations

from brain.domains.users.schemas import Role

# What each member-ladder role adds to the ones below it (GUEST 0 ... HIGHLY_RESTRICTED 8).
_LADDER_ADDS: dict[Role, frozenset[str]] = {
    Role.GUEST: frozenset({"users:read", "legal:read", "legal:sign"}),
    Role.MEMBER: frozenset(
        {
            "buz:read",
            "buz:transfer",
            "legal:send",
            "ventures:read",
            "ventures:create",
            "ventures:join",
            "files:upload",
            "umbrella:refer",
            "gamification:read",
        }
    ),
    Role.SUBSCRIBER: frozenset({"buz:stake"}),
    Role.SEAT_HOLDER: frozenset({"ventures:seat"}),
    Role.VENTURE_OWNER: frozenset({"ventures:manage_own"}),
    Role.VENTURE_PARTICIPANT: frozenset({"ventures:contribute"}),
    Role.CONFIDENTIAL_ACCESS: frozenset({"documents:confidential"}),
    Role.RESTRICTED_ACCESS: frozenset({"documents:restricted"}),
    Role.HIGHLY_RESTRICTED_ACCESS: frozenset({"documents:highly_restricted"}),
}

# Each admin role: its own area, on top of everything a MEMBER has.
_ADMIN_AREAS: dict[Role, frozenset[str]] = {
    Role.BILLING_ADMIN: frozenset({"billing:manage", "roles:grant_billing", "users:read_private"}),
    Role.SECURITY_ADMIN: frozenset(
        {"auth:sessions_manage", "auth:lockouts_manage", "auth:audit_read", "users:read_private"}
    ),
    Role.LEGAL_ADMIN: frozenset(
        {"legal:manage", "legal:templates", "compliance:manage", "users:read_private"}
    ),
}

# Held only by SUPER_ADMIN (listed so "all" is a finite, inspectable set).
_SUPER_ONLY: frozenset[str] = frozenset(
    {
        "users:manage",
        # Another user's data export: everything every domain holds on them.
        "users:export",
        "roles:grant",
        "buz:mint",
        "buz:read_any",
        "state_machines:manage",
        # Read, change and delete any user's files (moderation, support).
        "files:manage_any",
        # Award or revoke badges, reverse XP, change the XP rules (audited).
        "gamification:manage",
        # Announcements to everyone and every user's delivery records.
        "notifications:manage",
        # Send to any user, broadcast to everyone, read the realtime statistics.
        "websocket:manage",
    }
)


def _build() -> dict[Role, frozenset[str]]:
    table: dict[Role, frozenset[str]] = {}
    inherited: frozenset[str] = frozenset()
    for role, adds in _LADDER_ADDS.items():
        inherited = inherited | adds
        table[role] = inherited
    member = table[Role.MEMBER]
    for role, area in _ADMIN_AREAS.items():
        table[role] = member | area
    everything = frozenset().union(*table.values(), _SUPER_ONLY)
    table[Role.SUPER_ADMIN] = everything
    return table


ROLE_PERMISSIONS: dict[Role, frozenset[str]] = _build()
ALL_PERMISSIONS: frozenset[str] = ROLE_PERMISSIONS[Role.SUPER_ADMIN]

# Who may move a user between which roles: granter -> roles it may take a user from and to.
# SUPER_ADMIN may set any role. Roles 6-8 also require signed documents: the legal domain's
# check, registered through `service.register_role_requirement_check` (legal's handlers).
# MEMBER and the venture roles are set automatically by those domains.
BILLING_MANAGED: frozenset[Role] = frozenset({Role.MEMBER, Role.SUBSCRIBER, Role.SEAT_HOLDER})
GRANT_RULES: dict[Role, frozenset[Role]] = {
    Role.SUPER_ADMIN: frozenset(Role),
    Role.BILLING_ADMIN: BILLING_MANAGED,
}


def permissions_for(role: Role | str) -> frozenset[str]:
    return ROLE_PERMISSIONS.get(Role(role), frozenset())


def has_permission(role: Role | str, permission: str) -> bool:
    return permission in permissions_for(role)


def may_grant(granter: Role, *, current: Role, new: Role) -> bool:
    """True if `granter` may move a user from `current` to `new`."""
    allowed = GRANT_RULES.get(granter)
    return allowed is not None and current in allowed and new in allowed
