"""Account recovery and email proof through one-time links: password reset and email
verification (email change, in `email_change`, uses the same tokens). A link carries a random
token; only its hash is stored, and spending it is one conditional UPDATE, so a link works
exactly once and only until it expires. Where the link points: `links`."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus
from brain.core.config import Settings
from brain.domains.auth.audit import Client, audit
from brain.domains.auth.credentials import set_password
from brain.domains.auth.errors import InvalidToken
from brain.domains.auth.events import PasswordChanged
from brain.domains.auth.links import Page, account_link
from brain.domains.auth.lockout import clear_failures, throttle_key
from brain.domains.auth.one_time import (
    EMAIL_CHANGE,
    RESET,
    VERIFY,
    issue_one_time_token,
    spend_unused_tokens,
    use_one_time_token,
)
from brain.domains.auth.sessions import revoke_all
from brain.domains.notifications import service as notifications
from brain.domains.users import service as users
from brain.domains.users.schemas import UserStatus


@dataclass(frozen=True)
class _LinkEmail:
    """One kind of one-time-link email."""

    purpose: str
    page: Page  # the page the link opens
    template: str
    url_field: str  # the template's name for the link
    idempotency_prefix: str


_VERIFY_EMAIL = _LinkEmail(
    VERIFY, Page.VERIFY_EMAIL, "auth_verify_email", "verify_url", "auth.verify_email"
)
EMAIL_CHANGE_LINK = _LinkEmail(
    EMAIL_CHANGE,
    Page.CONFIRM_EMAIL_CHANGE,
    "auth_email_change_confirm",
    "confirm_url",
    "auth.email_change_confirm",
)


async def send_link(
    session: AsyncSession,
    settings: Settings,
    kind: _LinkEmail,
    *,
    user_id: uuid.UUID,
    email: str,
    display_name: str,
    lifetime: timedelta,
    new_email: str | None = None,
    **data: Any,
) -> None:
    """Email the user a new one-time link of `kind` at `email`; `data` goes to the template
    too."""
    token, hashed = await issue_one_time_token(
        session, user_id=user_id, purpose=kind.purpose, lifetime=lifetime, new_email=new_email
    )
    url = account_link(settings, kind.page, token)
    await notifications.send_email(
        session,
        to=email,
        template=kind.template,
        data={"display_name": display_name, kind.url_field: url, **data},
        # Per token: a redelivered job does not send the same link twice.
        idempotency_key=f"{kind.idempotency_prefix}:{hashed[:32]}",
    )


async def send_verification(
    session: AsyncSession, settings: Settings, *, user_id: uuid.UUID
) -> None:
    """Email a verification link, unless the email is verified or the account not active."""
    user = await users.get_user(session, user_id)
    if user.email_verified_at is not None or user.status != UserStatus.ACTIVE:
        return
    hours = settings.email_verification_hours
    await send_link(
        session,
        settings,
        _VERIFY_EMAIL,
        user_id=user.id,
        email=user.email,
        display_name=user.display_name,
        lifetime=timedelta(hours=hours),
        expires_hours=hours,
    )


async def verify_email(session: AsyncSession, *, token: str) -> None:
    user_id = (await use_one_time_token(session, token=token, purpose=VERIFY)).user_id
    await users.mark_email_verified(session, user_id=user_id)
    await audit(session, "email_verified", user_id=user_id)


async def forgot_password(
    session: AsyncSession, settings: Settings, *, email: str, client: Client
) -> None:
    """Email a reset link if an active account has this email; silently nothing otherwise."""
    user = await users.find_by_email(session, email)
    if user is None or user.status != UserStatus.ACTIVE:
        return
    minutes = settings.password_reset_minutes
    token, hashed = await issue_one_time_token(
        session, user_id=user.id, purpose=RESET, lifetime=timedelta(minutes=minutes)
    )
    # A notification of the critical type auth.password_reset: sent whatever the user's
    # preferences and quiet hours say, by email only, once per token.
    await notifications.notify(
        session,
        type="auth.password_reset",
        user_id=user.id,
        data={
            "reset_url": account_link(settings, Page.RESET_PASSWORD, token),
            "expires_minutes": minutes,
        },
        source_key=f"auth.password_reset:{hashed[:32]}",
    )
    await audit(session, "password_reset_requested", user_id=user.id, client=client)


async def reset_password(
    session: AsyncSession, *, token: str, new_password: str, client: Client
) -> None:
    """Set a new password with a reset token; every session of the user ends."""
    user_id = (await use_one_time_token(session, token=token, purpose=RESET)).user_id
    user = await users.get_user(session, user_id)
    if user.status != UserStatus.ACTIVE:
        raise InvalidToken()
    await set_password(session, user_id=user_id, password=new_password)
    # Whoever knew the old password may have asked to move the account to their address:
    # a pending email change dies with it (the old address's notice tells the owner so).
    await spend_unused_tokens(session, user_id=user_id, purposes=(EMAIL_CHANGE,))
    # Opening the link proves the address, and the owner is back in control: unlock.
    await users.mark_email_verified(session, user_id=user_id)
    await clear_failures(session, throttle_key(user.email))
    await revoke_all(
        session, user_id=user_id, reason="password_reset", actor_id=user_id, client=client
    )
    await audit(session, "password_reset", user_id=user_id, client=client)
    await bus.publish(session, PasswordChanged(user_id=user_id, via_reset=True, actor_id=user_id))
