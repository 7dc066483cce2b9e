"""Role grants. Every change of a user's role goes through `grant_role`, so each one leaves
the same trail: a `role_changed` audit entry and an `auth.role_changed` event."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus
from brain.core.errors import NotFound
from brain.domains.auth.audit import Client, audit
from brain.domains.auth.credentials import set_password
from brain.domains.auth.errors import RoleGrantForbidden
from brain.domains.auth.events import RoleChanged
from brain.domains.auth.permissions import may_grant
from brain.domains.auth.schemas import AuthenticatedUser
from brain.domains.users import service as users
from brain.domains.users.errors import SelfChangeForbidden
from brain.domains.users.schemas import Role

# Checks a grant must pass besides `GRANT_RULES`, registered by later domains (auth may not
# import them): `await check(session, user_id=..., role=...)` raises to refuse. The legal
# domain registers "roles 6-8 need their documents signed" (brain/handlers.py).
RoleRequirementCheck = Callable[..., Awaitable[None]]
_role_requirement_checks: list[RoleRequirementCheck] = []


def register_role_requirement_check(check: RoleRequirementCheck) -> None:
    """Run `check(session, user_id=, role=)` before every role grant; idempotent."""
    if check not in _role_requirement_checks:
        _role_requirement_checks.append(check)


async def grant_role(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    role: Role,
    actor_id: uuid.UUID | None,
    client: Client | None = None,
    **audit_data: Any,
) -> Role:
    """Store `role`, audit the change and publish `auth.role_changed`; return the old role.
    Authorisation is the caller's: this only records what was decided."""
    old = await users.set_role(session, user_id=user_id, role=role)
    await audit(
        session,
        "role_changed",
        user_id=user_id,
        actor_id=actor_id,
        client=client,
        old_role=old.value,
        new_role=role.value,
        **audit_data,
    )
    await bus.publish(
        session,
        RoleChanged(user_id=user_id, old_role=old.value, new_role=role.value, actor_id=actor_id),
    )
    return old


async def change_role(
    session: AsyncSession,
    *,
    actor: AuthenticatedUser,
    user_id: uuid.UUID,
    role: Role,
    client: Client | None = None,
) -> None:
    """Move a user to `role` if `actor` may grant it (`permissions.GRANT_RULES`)."""
    if user_id == actor.id:
        raise SelfChangeForbidden()
    user = await users.get_user(session, user_id)
    current = Role(user.role)
    if not may_grant(actor.role, current=current, new=role):
        raise RoleGrantForbidden(f"A {actor.role} may not change a {current} to {role}.")
    if current == role:
        return
    for check in _role_requirement_checks:
        await check(session, user_id=user_id, role=role.value)
    await grant_role(session, user_id=user_id, role=role, actor_id=actor.id, client=client)


async def promote_to_member(session: AsyncSession, *, user_id: uuid.UUID, reason: str) -> bool:
    """The automatic GUEST -> MEMBER step (the platform pack is signed). Only a GUEST moves;
    any other role is left alone, never demoted. Returns True if the role changed."""
    try:
        user = await users.get_user(session, user_id)
    except NotFound:
        return False
    if Role(user.role) != Role.GUEST:
        return False
    await grant_role(session, user_id=user_id, role=Role.MEMBER, actor_id=None, via=reason)
    return True


async def create_admin(
    session: AsyncSession, *, email: str, display_name: str, password: str
) -> uuid.UUID:
    """Bootstrap a SUPER_ADMIN (the CLI). An existing account with this email is promoted
    (through `grant_role`, audited `via="cli"`) and gets the new password. The address must
    pass `users.normalize_email`, as it must to sign in (`InvalidEmail` otherwise)."""
    email = users.normalize_email(email).address
    existing = await users.find_by_email(session, email)
    if existing is None:
        user = await users.create_user(
            session,
            email=email,
            display_name=display_name,
            source="cli",
            role=Role.SUPER_ADMIN,
            email_verified=True,
        )
        user_id = user.id
    else:
        user_id = existing.id
        if Role(existing.role) != Role.SUPER_ADMIN:
            await grant_role(
                session, user_id=user_id, role=Role.SUPER_ADMIN, actor_id=None, via="cli"
            )
    await set_password(session, user_id=user_id, password=password)
    return user_id
