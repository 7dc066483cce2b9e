"""Reactions of the buz domain to other domains' events."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus
from brain.domains.auth.events import RoleChanged
from brain.domains.buz import service
from brain.domains.users.events import UserRegistered
from brain.domains.users.schemas import Role


async def open_accounts_of_new_user(session: AsyncSession, event: UserRegistered) -> None:
    """Every user gets a wallet and a staking account when the account is created."""
    await service.open_accounts(session, user_id=event.user_id)


async def pay_welcome_bonus(session: AsyncSession, event: RoleChanged) -> None:
    """1,000 BUZ once, when a GUEST becomes a MEMBER. The idempotency key is per user, so a
    redelivered event, or a second GUEST -> MEMBER later, pays nothing more."""
    if event.old_role == Role.GUEST.value and event.new_role == Role.MEMBER.value:
        await service.pay_welcome_bonus(session, user_id=event.user_id)


def register() -> None:
    bus.subscribe(UserRegistered, open_accounts_of_new_user, mode="inline")
    bus.subscribe(RoleChanged, pay_welcome_bonus, mode="inline")
