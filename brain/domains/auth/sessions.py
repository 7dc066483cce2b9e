"""Sessions and their tokens: sign-in, refresh-token rotation, revocation, and the caller
behind an access token.

A session is one refresh-token family: every refresh spends the current token and issues the
next in the same session, so ending the session ends every token it ever issued.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus, db
from brain.core.config import Settings
from brain.core.errors import AuthRequired
from brain.core.models import utcnow
from brain.domains.auth import tokens
from brain.domains.auth.audit import Client, audit
from brain.domains.auth.errors import SessionNotFound
from brain.domains.auth.events import LoggedIn
from brain.domains.auth.models import AuthRefreshToken, AuthSession
from brain.domains.auth.permissions import permissions_for
from brain.domains.auth.schemas import AuthenticatedUser
from brain.domains.users import service as users
from brain.domains.users.schemas import Role, UserStatus


@dataclass(frozen=True)
class IssuedTokens:
    access_token: str
    refresh_token: str
    expires_in: int
    session_id: uuid.UUID
    user_id: uuid.UUID


async def _active_sessions(session: AsyncSession, user_id: uuid.UUID) -> list[AuthSession]:
    result = await session.exec(
        select(AuthSession)
        .where(AuthSession.user_id == user_id)
        .where(col(AuthSession.revoked_at).is_(None))
        .where(col(AuthSession.expires_at) > utcnow())
        .order_by(col(AuthSession.created_at), col(AuthSession.id))
    )
    return list(result.all())


async def start_session(
    session: AsyncSession,
    settings: Settings,
    *,
    user_id: uuid.UUID,
    client: Client,
    method: str,
) -> IssuedTokens:
    """Sign in: a new session (refresh family) with its first token pair. Ends the oldest
    sessions beyond the per-user cap."""
    user = await users.get_user(session, user_id)
    active = await _active_sessions(session, user_id)
    excess = len(active) - settings.max_sessions_per_user + 1
    for old in active[: max(0, excess)]:
        await _revoke(session, old, reason="session_limit", actor_id=user_id, client=client)
    now = utcnow()
    refresh_token = tokens.new_opaque_token()
    refresh_hash = tokens.token_hash(refresh_token)
    expires = now + timedelta(days=settings.refresh_token_days)
    row = AuthSession(
        user_id=user_id,
        current_hash=refresh_hash,
        created_at=now,
        last_used_at=now,
        expires_at=expires,
        ip=client.ip,
        user_agent=client.stored_user_agent,
    )
    session.add(row)
    await session.flush()
    session.add(AuthRefreshToken(token_hash=refresh_hash, session_id=row.id, expires_at=expires))
    await audit(
        session, "sign_in", user_id=user_id, session_id=row.id, client=client, method=method
    )
    await bus.publish(
        session, LoggedIn(user_id=user_id, session_id=row.id, method=method, actor_id=user_id)
    )
    access, lifetime = tokens.create_access_token(
        settings, user_id=user_id, role=user.role, session_id=row.id
    )
    return IssuedTokens(access, refresh_token, lifetime, row.id, user_id)


async def _live_session(session: AsyncSession, token_hash: str) -> AuthSession:
    """The session a refresh token belongs to, if both are still good; else AuthRequired."""
    issued = await session.get(AuthRefreshToken, token_hash)
    if issued is None:
        raise AuthRequired("The refresh token is invalid.")
    row = await session.get(AuthSession, issued.session_id)
    if row is None or row.revoked_at is not None:
        raise AuthRequired("The session has ended; sign in again.")
    if issued.expires_at <= utcnow():
        raise AuthRequired("The refresh token has expired; sign in again.")
    return row


async def refresh(
    session: AsyncSession, settings: Settings, *, refresh_token: str, client: Client
) -> IssuedTokens:
    """Rotate: spend `refresh_token`, issue a new pair in the same session.

    The swap is one conditional UPDATE (`WHERE current_hash = :old`), so of two concurrent
    refreshes with the same token exactly one wins. Presenting a token that is no longer the
    session's current one (spent before, or lost that race) is treated as theft: the whole
    session is revoked and the reuse audited (OAuth 2.1 section 6.1); other sessions of the
    user are untouched.
    """
    old_hash = tokens.token_hash(refresh_token)
    row = await _live_session(session, old_hash)
    now = utcnow()
    new_token = tokens.new_opaque_token()
    new_hash = tokens.token_hash(new_token)
    expires = now + timedelta(days=settings.refresh_token_days)
    table = AuthSession.__table__  # type: ignore[attr-defined]
    swapped = await session.exec(
        sa.update(table)
        .where(table.c.id == row.id)
        .where(table.c.current_hash == old_hash)
        .where(table.c.revoked_at.is_(None))
        .values(current_hash=new_hash, last_used_at=now, expires_at=expires)
    )
    if swapped.rowcount != 1:
        await session.refresh(row)
        if row.revoked_at is None:
            await _revoke(session, row, reason="refresh_reuse", actor_id=None, client=client)
        await audit(session, "refresh_reuse", user_id=row.user_id, session_id=row.id, client=client)
        raise AuthRequired("The refresh token was already used; the session has been ended.")
    tokens_table = AuthRefreshToken.__table__  # type: ignore[attr-defined]
    await session.exec(
        sa.update(tokens_table).where(tokens_table.c.token_hash == old_hash).values(spent_at=now)
    )
    session.add(AuthRefreshToken(token_hash=new_hash, session_id=row.id, expires_at=expires))
    await session.flush()
    user = await users.get_user(session, row.user_id)
    _require_active(user.status)
    access, lifetime = tokens.create_access_token(
        settings, user_id=user.id, role=user.role, session_id=row.id
    )
    return IssuedTokens(access, new_token, lifetime, row.id, user.id)


async def _revoke(
    session: AsyncSession,
    row: AuthSession,
    *,
    reason: str,
    actor_id: uuid.UUID | None,
    client: Client | None,
) -> None:
    table = AuthSession.__table__  # type: ignore[attr-defined]
    result = await session.exec(
        sa.update(table)
        .where(table.c.id == row.id)
        .where(table.c.revoked_at.is_(None))
        .values(revoked_at=utcnow(), revoked_reason=reason)
    )
    if result.rowcount:
        await audit(
            session,
            "session_revoked",
            user_id=row.user_id,
            actor_id=actor_id,
            session_id=row.id,
            client=client,
            reason=reason,
        )
    await session.refresh(row)


async def revoke_session(
    session: AsyncSession,
    *,
    session_id: uuid.UUID,
    actor: AuthenticatedUser,
    reason: str,
    client: Client | None = None,
) -> None:
    """End one session. Only its owner, or a holder of `auth:sessions_manage`; anyone else
    gets 404 (a session id is nobody else's business)."""
    row = await session.get(AuthSession, session_id)
    if row is None or (row.user_id != actor.id and not actor.can("auth:sessions_manage")):
        raise SessionNotFound("No such session.")
    await _revoke(session, row, reason=reason, actor_id=actor.id, client=client)


async def revoke_all(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    reason: str,
    actor_id: uuid.UUID | None,
    keep: uuid.UUID | None = None,
    client: Client | None = None,
) -> int:
    count = 0
    for row in await _active_sessions(session, user_id):
        if row.id != keep:
            await _revoke(session, row, reason=reason, actor_id=actor_id, client=client)
            count += 1
    return count


async def list_sessions(session: AsyncSession, *, user_id: uuid.UUID) -> list[AuthSession]:
    return list(reversed(await _active_sessions(session, user_id)))


def _require_active(status: str) -> None:
    if status != UserStatus.ACTIVE:
        raise AuthRequired("The account is not active.")


# Built once, bound per request (see users.principal_facts_query).
_PRINCIPAL = db.FastSelect(
    users.principal_facts_query(
        session_live=sa.exists().where(
            col(AuthSession.id) == sa.bindparam("session_id"),
            col(AuthSession.user_id) == sa.bindparam("user_id"),
            col(AuthSession.revoked_at).is_(None),
        )
    )
)


async def principal(
    session: AsyncSession, settings: Settings, *, access_token: str
) -> AuthenticatedUser:
    """The caller behind an access token: valid signature and claims, `typ` access, its
    session not revoked, the user active. Anything else is AuthRequired."""
    claims = tokens.decode_access_token(settings, access_token)
    # One round trip: the user's facts and whether this session is still live (not revoked,
    # this user's). Read on every request, never cached: a revoked session fails at once.
    params = {"user_id": claims.user_id, "session_id": claims.session_id}
    row = await _PRINCIPAL.first(session, params)
    if row is None or not row["session_live"]:
        raise AuthRequired("The session has ended; sign in again.")
    _require_active(row["status"])
    role = Role(row["role"])
    return AuthenticatedUser(
        id=claims.user_id,
        email=row["email"],
        display_name=row["display_name"],
        role=role,
        session_id=claims.session_id,
        permissions=permissions_for(role),
    )


async def verify_access_token(
    session: AsyncSession, settings: Settings, *, token: str
) -> dict[str, Any] | None:
    """The claims of a currently valid access token, or None."""
    try:
        await principal(session, settings, access_token=token)
    except AuthRequired:
        return None
    return tokens.decode_claims(settings, token)
