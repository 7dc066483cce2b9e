"""One-time tokens (password reset, email verification, email change): random, stored only
as their SHA-256, usable once before they expire. Spending one is a single conditional UPDATE,
so of two concurrent uses exactly one wins."""

from __future__ import annotations

import uuid
from datetime import timedelta

import sqlalchemy as sa
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.models import utcnow
from brain.domains.auth import tokens
from brain.domains.auth.errors import InvalidToken
from brain.domains.auth.models import AuthOneTimeToken

# A token's purpose: a reset token cannot verify an email, nor the other way round.
RESET = "reset"
VERIFY = "verify"
EMAIL_CHANGE = "email_change"


async def issue_one_time_token(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    purpose: str,
    lifetime: timedelta,
    new_email: str | None = None,
) -> tuple[str, str]:
    """A new token for `purpose`, valid for `lifetime`: (the token, its stored hash)."""
    token = tokens.new_opaque_token()
    hashed = tokens.token_hash(token)
    session.add(
        AuthOneTimeToken(
            token_hash=hashed,
            user_id=user_id,
            purpose=purpose,
            expires_at=utcnow() + lifetime,
            new_email=new_email,
        )
    )
    await session.flush()
    return token, hashed


async def live_token(session: AsyncSession, *, token: str, purpose: str) -> AuthOneTimeToken | None:
    """The row of `token` if it is an unused, unexpired token for `purpose`, else None.
    Spends nothing: for a page that shows a dead link as dead before its button is pressed."""
    row = await session.get(AuthOneTimeToken, tokens.token_hash(token))
    if row is None or row.purpose != purpose or row.used_at is not None:
        return None
    return row if row.expires_at > utcnow() else None


async def spend_unused_tokens(
    session: AsyncSession, *, user_id: uuid.UUID, purposes: tuple[str, ...]
) -> None:
    """Mark every unused token of these purposes of the user as used: the links already sent
    stop working (a newer link replaces them, or the address they went to is no longer
    the account's)."""
    table = AuthOneTimeToken.__table__  # type: ignore[attr-defined]
    await session.exec(
        sa.update(table)
        .where(table.c.user_id == user_id)
        .where(table.c.purpose.in_(purposes))
        .where(table.c.used_at.is_(None))
        .values(used_at=utcnow())
    )


async def use_one_time_token(
    session: AsyncSession, *, token: str, purpose: str
) -> AuthOneTimeToken:
    """Spend a one-time token: one conditional UPDATE, so it works exactly once. Returns its
    row (the user, and for an email change the new address)."""
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
    return row
