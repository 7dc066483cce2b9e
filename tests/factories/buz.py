"""Factories for the buz domain: users with wallets, and money in them."""

from __future__ import annotations

import uuid

from sqlmodel.ext.asyncio.session import AsyncSession

from brain.domains.buz import ledger, service
from brain.domains.buz.rules import SystemAccount, parse_units
from brain.domains.users.models import User
from brain.domains.users.schemas import Role, UserStatus
from tests.factories.users import bearer, make_user, sign_in


async def make_holder(
    session: AsyncSession,
    *,
    role: Role = Role.MEMBER,
    balance: str = "0",
    status: UserStatus = UserStatus.ACTIVE,
) -> User:
    """A user with a wallet (opened as the `users.registered` handler would) and `balance`
    BUZ in it, paid from the community pool."""
    user = await make_user(session, role=role, status=status)
    await service.open_accounts(session, user_id=user.id)
    if parse_units(balance) > 0:
        await fund(session, user.id, balance)
    return user


async def make_signed_in_holder(
    session: AsyncSession, *, role: Role = Role.MEMBER, balance: str = "0"
) -> tuple[User, dict[str, str]]:
    user = await make_holder(session, role=role, balance=balance)
    tokens = await sign_in(session, user)
    return user, bearer(tokens.access_token)


async def fund(session: AsyncSession, user_id: uuid.UUID, amount: str) -> None:
    await service.credit_reward(
        session,
        user_id=user_id,
        amount=parse_units(amount),
        idempotency_key=f"test-fund:{uuid.uuid4()}",
        pool=SystemAccount.COMMUNITY,
    )


async def balance_units(session: AsyncSession, user_id: uuid.UUID) -> int:
    return (await service.balance(session, user_id=user_id)).available


async def assert_ledger_ok(session: AsyncSession) -> None:
    result = await ledger.check(session)
    assert result.violations == []
