"""Reactions of the auth domain to the users and legal domains' events."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus
from brain.domains.auth import service
from brain.domains.legal.events import PlatformPackCompleted
from brain.domains.notifications import service as notifications
from brain.domains.users import service as users
from brain.domains.users.events import UserDeactivated, UserRegistered, UserUpdated
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


async def send_welcome_email(session: AsyncSession, event: UserRegistered) -> None:
    user = await users.get_user(session, event.user_id)
    await notifications.send_email(
        session,
        to=user.email,
        template="user_welcome",
        data={"display_name": user.display_name},
        idempotency_key=f"user_welcome:{user.id}",
    )


async def promote_after_platform_pack(session: AsyncSession, event: PlatformPackCompleted) -> None:
    """GUEST -> MEMBER once the platform pack is signed (domain rules, "Roles")."""
    await service.promote_to_member(session, user_id=event.user_id, reason="platform_pack")


def register() -> None:
    bus.subscribe(UserUpdated, end_sessions_of_inactive_user, mode="inline")
    bus.subscribe(UserDeactivated, end_sessions_of_deactivated_user, mode="inline")
    bus.subscribe(UserRegistered, send_welcome_email, mode="inline")
    # Legal is above auth, but any domain may subscribe to any domain's events (events modules
    # import only the core, so this makes no cycle).
    bus.subscribe(PlatformPackCompleted, promote_after_platform_pack, mode="inline")
