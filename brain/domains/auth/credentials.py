"""Passwords of accounts: set, checked at sign-in, changed by their owner. Every failed check
counts toward the lockout (`lockout`)."""

from __future__ import annotations

import uuid

from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus
from brain.core.config import Settings
from brain.core.models import utcnow
from brain.domains.auth import passwords
from brain.domains.auth.audit import Client, audit
from brain.domains.auth.errors import InvalidCredentials
from brain.domains.auth.events import PasswordChanged
from brain.domains.auth.lockout import (
    clear_failures,
    count_failed_attempt,
    refuse_if_locked,
    throttle_key,
)
from brain.domains.auth.models import AuthCredential
from brain.domains.auth.one_time import EMAIL_CHANGE, spend_unused_tokens
from brain.domains.auth.schemas import AuthenticatedUser
from brain.domains.auth.sessions import revoke_all
from brain.domains.users import service as users
from brain.domains.users.schemas import UserStatus

SIGN_IN_LOCKED = "Too many failed sign-ins; try again later."
CHANGE_LOCKED = "Too many failed attempts; try again later."


async def set_password(session: AsyncSession, *, user_id: uuid.UUID, password: str) -> None:
    password_hash = await passwords.hash_password(password)
    credential = await session.get(AuthCredential, user_id)
    if credential is None:
        credential = AuthCredential(user_id=user_id, password_hash=password_hash)
    else:
        credential.password_hash = password_hash
        credential.password_changed_at = utcnow()
    session.add(credential)
    await session.flush()


async def authenticate(
    session: AsyncSession, settings: Settings, *, email: str, password: str, client: Client
) -> uuid.UUID:
    """Check an email and password; return the user id.

    Unknown email, wrong password, no password set, or an account that is not active all
    answer the same `InvalidCredentials` after the same argon2 work. Failures count toward
    the lockout per account key, unknown emails included, so a 429 reveals nothing either.
    """
    key = throttle_key(email)
    await refuse_if_locked(session, key, message=SIGN_IN_LOCKED)
    user = await users.find_by_email(session, email)
    credential = await session.get(AuthCredential, user.id) if user is not None else None
    if user is None or credential is None:
        await passwords.verify_dummy(password)
        ok = False
    else:
        ok = await passwords.verify_password(password, credential.password_hash)
        ok = ok and user.status == UserStatus.ACTIVE
    if ok and user is not None:
        await clear_failures(session, key)
        return user.id
    await count_failed_attempt(
        session,
        settings,
        key=key,
        user_id=user.id if user is not None else None,
        client=client,
        locked_message=SIGN_IN_LOCKED,
    )
    raise InvalidCredentials("Invalid email or password.")


async def require_current_password(
    session: AsyncSession,
    settings: Settings,
    *,
    actor: AuthenticatedUser,
    password: str,
    client: Client,
    via: str,
) -> None:
    """A fresh proof that the signed-in user knows the password, before a change that a
    stolen access token must not make (a new password, a new email). A wrong one counts
    toward the lockout like a failed login (`via` says where), so such a token cannot be used
    to guess the password either."""
    key = throttle_key(actor.email)
    await refuse_if_locked(session, key, message=CHANGE_LOCKED)
    credential = await session.get(AuthCredential, actor.id)
    if credential is not None and await passwords.verify_password(
        password, credential.password_hash
    ):
        return
    if credential is None:
        await passwords.verify_dummy(password)  # the same time as a wrong password
    await count_failed_attempt(
        session,
        settings,
        key=key,
        user_id=actor.id,
        client=client,
        locked_message=CHANGE_LOCKED,
        via=via,
    )
    raise InvalidCredentials("The current password is wrong.")


async def change_password(
    session: AsyncSession,
    settings: Settings,
    *,
    actor: AuthenticatedUser,
    current_password: str,
    new_password: str,
    client: Client,
) -> None:
    """Change the password (the current one is required); every other session ends.

    A wrong current password counts toward the lockout like a failed login, so a stolen
    access token cannot be used to guess the password.
    """
    await require_current_password(
        session, settings, actor=actor, password=current_password, client=client, via="change"
    )
    await set_password(session, user_id=actor.id, password=new_password)
    # A pending email change may be an intruder's: a new password cancels it (the notice to
    # the old address says so).
    await spend_unused_tokens(session, user_id=actor.id, purposes=(EMAIL_CHANGE,))
    await revoke_all(
        session,
        user_id=actor.id,
        reason="password_changed",
        actor_id=actor.id,
        keep=actor.session_id,
        client=client,
    )
    await audit(
        session, "password_changed", user_id=actor.id, session_id=actor.session_id, client=client
    )
    await bus.publish(
        session, PasswordChanged(user_id=actor.id, via_reset=False, actor_id=actor.id)
    )
