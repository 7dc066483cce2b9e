"""The login lockout: too many failed password checks for one account lock it for a while.

Counted per account key (a hash of the normalized email), unknown emails included, so a 429
reveals nothing about which emails are registered. Sign-in and change-password share the
count: a stolen access token cannot be used to guess the password either.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.config import Settings
from brain.core.errors import RateLimited
from brain.core.models import utcnow
from brain.domains.auth import tokens
from brain.domains.auth.audit import Client, audit
from brain.domains.auth.models import AuthLoginThrottle
from brain.domains.users import service as users


def throttle_key(email: str) -> str:
    # The identity key: every spelling that signs in to one account counts against it.
    return tokens.token_hash("login:" + users.email_key(email))


async def _lock_remaining(session: AsyncSession, key: str) -> int:
    """Seconds the account behind `key` stays locked, 0 if it is not locked."""
    row = await session.get(AuthLoginThrottle, key)
    if row is None or row.locked_until is None:
        return 0
    remaining = (row.locked_until - utcnow()).total_seconds()
    return max(0, int(remaining) + 1) if remaining > 0 else 0


async def refuse_if_locked(session: AsyncSession, key: str, *, message: str) -> None:
    """429 with the lock's remaining seconds if the account behind `key` is locked."""
    locked_for = await _lock_remaining(session, key)
    if locked_for:
        raise RateLimited(locked_for, message)


async def _record_failure(session: AsyncSession, settings: Settings, key: str) -> int:
    """Count one failed login for `key`; return the lock's length in seconds if this failure
    locked the account, else 0.

    One conditional UPDATE counts the failure (a new window starts when the old one is over),
    so concurrent failures in several processes cannot lose counts.
    """
    now = utcnow()
    window_start = now - timedelta(minutes=settings.login_lockout_window_minutes)
    table = AuthLoginThrottle.__table__  # type: ignore[attr-defined]
    in_window = table.c.window_started_at > window_start
    stmt = (
        sa.update(table)
        .where(table.c.key == key)
        .values(
            failures=sa.case((in_window, table.c.failures + 1), else_=1),
            window_started_at=sa.case((in_window, table.c.window_started_at), else_=now),
        )
        .returning(table.c.failures)
    )
    failures = (await session.exec(stmt)).scalar_one_or_none()
    if failures is None:
        try:
            async with session.begin_nested():
                session.add(AuthLoginThrottle(key=key, failures=1, window_started_at=now))
            failures = 1
        except IntegrityError:  # a concurrent first failure created the row
            failures = (await session.exec(stmt)).scalar_one()
    if failures >= settings.login_lockout_threshold:
        lock = settings.login_lockout_minutes * 60
        await session.exec(
            sa.update(table)
            .where(table.c.key == key)
            .values(locked_until=now + timedelta(seconds=lock), failures=0, window_started_at=now)
        )
        return lock
    return 0


async def count_failed_attempt(
    session: AsyncSession,
    settings: Settings,
    *,
    key: str,
    user_id: uuid.UUID | None,
    client: Client,
    locked_message: str,
    **detail: Any,
) -> None:
    """Audit one failed password check and count it toward the lockout; 429 if this failure
    locked the account (the caller raises its own error otherwise)."""
    await audit(session, "sign_in_failed", user_id=user_id, client=client, **detail)
    lock = await _record_failure(session, settings, key)
    if lock:
        await audit(session, "lockout", user_id=user_id, client=client, seconds=lock)
        raise RateLimited(lock, locked_message)


async def clear_failures(session: AsyncSession, key: str) -> None:
    table = AuthLoginThrottle.__table__  # type: ignore[attr-defined]
    await session.exec(sa.delete(table).where(table.c.key == key))


@dataclass(frozen=True)
class Unlocked:
    user_id: uuid.UUID
    was_locked: bool
    locked_until: datetime | None
    failed_attempts_cleared: int


async def unlock_account(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    actor_id: uuid.UUID,
    reason: str,
    client: Client,
) -> Unlocked:
    """Lift an account's lockout and forget its counted failures (an admin's decision, e.g.
    the owner proved who they are on the phone). `UserNotFound` for an unknown user.

    Idempotent: an account that is not locked stays as it is. The call is audited either
    way (`was_locked` says which): the log records what admins did to accounts, and an admin
    unlocking accounts nobody asked about is worth seeing too.
    """
    user = await users.get_user(session, user_id)
    key = throttle_key(user.email)
    table = AuthLoginThrottle.__table__  # type: ignore[attr-defined]
    # Deleted and read in one statement: a failure counted concurrently is either cleared
    # with it or counted after it, never lost from the answer.
    row = (
        await session.exec(
            sa.delete(table)
            .where(table.c.key == key)
            .returning(table.c.failures, table.c.locked_until)
        )
    ).first()
    now = utcnow()
    locked_until = row.locked_until if row is not None else None
    was_locked = locked_until is not None and locked_until > now
    result = Unlocked(
        user_id=user.id,
        was_locked=was_locked,
        locked_until=locked_until if was_locked else None,
        failed_attempts_cleared=row.failures if row is not None else 0,
    )
    await audit(
        session,
        "account_unlocked",
        user_id=user.id,
        actor_id=actor_id,
        client=client,
        reason=reason,
        was_locked=result.was_locked,
        failed_attempts_cleared=result.failed_attempts_cleared,
    )
    return result
