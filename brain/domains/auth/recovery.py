"""Account recovery and email proof through one-time links: password reset and email
verification. A link carries a random token; only its hash is stored, and spending it is one
conditional UPDATE, so a link works exactly once and only until it expires."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus
from brain.core.config import Settings
from brain.core.models import utcnow
from brain.domains.auth import tokens
from brain.domains.auth.audit import Client, audit
from brain.domains.auth.credentials import set_password
from brain.domains.auth.errors import InvalidToken
from brain.domains.auth.events import PasswordChanged
from brain.domains.auth.lockout import clear_failures, throttle_key
from brain.domains.auth.models import AuthOneTimeToken
from brain.domains.auth.sessions import revoke_all
from brain.domains.notifications import service as notifications
from brain.domains.users import service as users
from brain.domains.users.schemas import UserStatus

# A token's purpose: a reset token cannot verify an email, nor the other way round.
RESET = "reset"
VERIFY = "verify"


@dataclass(frozen=True)
class _LinkEmail:
    """One kind of one-time-link email."""

    purpose: str
    page: str  # the front-end page the link opens
    template: str
    url_field: str  # the template's name for the link
    idempotency_prefix: str


_VERIFY_EMAIL = _LinkEmail(
    VERIFY, "verify-email", "auth_verify_email", "verify_url", "auth.verify_email"
)
_RESET_EMAIL = _LinkEmail(
    RESET, "reset-password", "auth_password_reset", "reset_url", "auth.password_reset"
)


async def issue_one_time_token(
    session: AsyncSession, *, user_id: uuid.UUID, purpose: str, lifetime: timedelta
) -> tuple[str, str]:
    """A new token for `purpose`, valid for `lifetime`: (the token, its stored hash)."""
    token = tokens.new_opaque_token()
    hashed = tokens.token_hash(token)
    session.add(
        AuthOneTimeToken(
            token_hash=hashed, user_id=user_id, purpose=purpose, expires_at=utcnow() + lifetime
        )
    )
    await session.flush()
    return token, hashed


async def _use_one_time_token(session: AsyncSession, *, token: str, purpose: str) -> uuid.UUID:
    """Spend a reset/verification token: one conditional UPDATE, so it works exactly once."""
    hashed = tokens.token_hash(token)
    row = await session.get(AuthOneTimeToken, hashed)
    now = utcnow()
    if row is None or row.purpose != purpose:
        raise InvalidToken()
    table = AuthOneTimeToken.__table__  # type: ignore[attr-defined]
    result = await session.exec(
        sa.update(table)
        .where(table.c.token_hash == hashed)
        .where(table.c.used_at.is_(None))
        .where(table.c.expires_at > now)
        .values(used_at=now)
    )
    if result.rowcount != 1:
        raise InvalidToken()
    return row.user_id


async def _send_link(
    session: AsyncSession,
    settings: Settings,
    kind: _LinkEmail,
    *,
    user_id: uuid.UUID,
    email: str,
    display_name: str,
    lifetime: timedelta,
    **data: Any,
) -> None:
    """Email the user a new one-time link of `kind`; `data` goes to the template too."""
    token, hashed = await issue_one_time_token(
        session, user_id=user_id, purpose=kind.purpose, lifetime=lifetime
    )
    url = f"{settings.public_base_url.rstrip('/')}/{kind.page}?token={token}"
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
    await _send_link(
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
    user_id = await _use_one_time_token(session, token=token, purpose=VERIFY)
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
    await _send_link(
        session,
        settings,
        _RESET_EMAIL,
        user_id=user.id,
        email=user.email,
        display_name=user.display_name,
        lifetime=timedelta(minutes=minutes),
        expires_minutes=minutes,
    )
    await audit(session, "password_reset_requested", user_id=user.id, client=client)


async def reset_password(
    session: AsyncSession, *, token: str, new_password: str, client: Client
) -> None:
    """Set a new password with a reset token; every session of the user ends."""
    user_id = await _use_one_time_token(session, token=token, purpose=RESET)
    user = await users.get_user(session, user_id)
    if user.status != UserStatus.ACTIVE:
        raise InvalidToken()
    await set_password(session, user_id=user_id, password=new_password)
    # Opening the link proves the address, and the owner is back in control: unlock.
    await users.mark_email_verified(session, user_id=user_id)
    await clear_failures(session, throttle_key(user.email))
    await revoke_all(
        session, user_id=user_id, reason="password_reset", actor_id=user_id, client=client
    )
    await audit(session, "password_reset", user_id=user_id, client=client)
    await bus.publish(session, PasswordChanged(user_id=user_id, via_reset=True, actor_id=user_id))
