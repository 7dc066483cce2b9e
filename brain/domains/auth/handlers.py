"""Reactions of the auth domain to the users and legal domains' events."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus
from brain.domains.auth import service
from brain.domains.auth.models import AuthAuditEntry
from brain.domains.legal.events import PlatformPackCompleted
from brain.domains.users.events import (
    UserDataExported,
    UserDeactivated,
    UserUpdated,
)
from brain.domains.users.schemas import UserStatus


async def end_sessions_of_inactive_user(session: AsyncSession, event: UserUpdated) -> None:
    """A suspended user is signed out everywhere. (`CurrentUser` already refuses inactive
    users on every request; this also ends their refresh tokens.)"""
    if event.status != UserStatus.ACTIVE:
        await service.revoke_all(
            session, user_id=event.user_id, reason="suspended", actor_id=event.actor_id
        )


async def end_sessions_of_deactivated_user(session: AsyncSession, event: UserDeactivated) -> None:
    await service.revoke_all(
        session, user_id=event.user_id, reason="deactivated", actor_id=event.actor_id
    )


async def promote_after_platform_pack(session: AsyncSession, event: PlatformPackCompleted) -> None:
    """GUEST -> MEMBER once the platform pack is signed (domain rules, "Roles")."""
    await service.promote_to_member(session, user_id=event.user_id, reason="platform_pack")


async def audit_data_export(session: AsyncSession, event: UserDataExported) -> None:
    """A data export goes in the security audit log, where an admin's export of someone
    else is visible to security admins. The entry takes the event's id, so a redelivered
    event finds it and adds nothing."""
    if await session.get(AuthAuditEntry, event.event_id) is not None:
        return
    session.add(
        AuthAuditEntry(
            id=event.event_id,
            occurred_at=event.occurred_at,
            kind="data_exported",
            user_id=event.user_id,
            actor_id=event.actor_id,
            detail={"by_admin": event.actor_id != event.user_id},
        )
    )
    await session.flush()


def register() -> None:
    bus.subscribe(UserUpdated, end_sessions_of_inactive_user, mode="inline")
    bus.subscribe(UserDeactivated, end_sessions_of_deactivated_user, mode="inline")
    bus.subscribe(UserDataExported, audit_data_export, mode="inline")
    # Legal is above auth, but any domain may subscribe to any domain's events (events modules
    # import only the core, so this makes no cycle).
    bus.subscribe(PlatformPackCompleted, promote_after_platform_pack, mode="inline")
