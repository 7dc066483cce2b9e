"""Business functions of the auth domain. They flush, never commit.

Failures that must leave a trace (a failed login counts toward the lockout, a reused refresh
token revokes its family) are written in the caller's transaction before the error is
raised; the router commits that transaction before answering (see `router._keep`).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus, db
from brain.core.config import Settings
from brain.core.errors import AuthRequired, NotFound, RateLimited
from brain.core.models import utcnow
from brain.core.schemas import decode_cursor, encode_cursor
from brain.domains.auth import passwords, tokens
from brain.domains.auth.errors import (
    InvalidCredentials,
    InvalidToken,
    RegistrationRefused,
    RoleGrantForbidden,
)
from brain.domains.auth.events import LoggedIn, PasswordChanged, RoleChanged
from brain.domains.auth.models import (
    AuthAuditEntry,
    AuthCredential,
    AuthLoginThrottle,
    AuthOneTimeToken,
    AuthRefreshToken,
    AuthSession,
)
from brain.domains.auth.permissions import may_grant, permissions_for
from brain.domains.auth.schemas import AuthenticatedUser, RegisterRequest
from brain.domains.notifications import service as notifications
from brain.domains.users import service as users
from brain.domains.users.errors import EmailTaken, SelfChangeForbidden
from brain.domains.users.schemas import Role, UserStatus

log = logging.getLogger(__name__)

RESET = "reset"
VERIFY = "verify"


@dataclass(frozen=True)
class Client:
    """Where a request came from, for sessions and the audit log."""

    ip: str | None = None
    user_agent: str | None = None


@dataclass(frozen=True)
class IssuedTokens:
    access_token: str
    refresh_token: str
    expires_in: int
    session_id: uuid.UUID
    user_id: uuid.UUID


# --- audit -------------------------------------------------------------------------------


async def audit(
    session: AsyncSession,
    kind: str,
    *,
    user_id: uuid.UUID | None = None,
    actor_id: uuid.UUID | None = None,
    session_id: uuid.UUID | None = None,
    client: Client | None = None,
    **detail: Any,
) -> None:
    session.add(
        AuthAuditEntry(
            kind=kind,
            user_id=user_id,
            actor_id=actor_id,
            session_id=session_id,
            ip=client.ip if client else None,
            user_agent=(client.user_agent or "")[:500] or None if client else None,
            detail=detail,
        )
    )
    await session.flush()


async def list_audit(
    session: AsyncSession,
    *,
    limit: int,
    cursor: str | None,
    kind: str | None = None,
    user_id: uuid.UUID | None = None,
) -> tuple[list[AuthAuditEntry], str | None]:
    """Newest first."""
    stmt = select(AuthAuditEntry)
    if kind:
        stmt = stmt.where(AuthAuditEntry.kind == kind)
    if user_id:
        stmt = stmt.where(AuthAuditEntry.user_id == user_id)
    if cursor:
        values = decode_cursor(cursor)
        try:
            after = datetime.fromisoformat(str(values["t"]))
            after_id = uuid.UUID(str(values["i"]))
        except (KeyError, ValueError):
            after, after_id = None, None
        if after is not None and after_id is not None:
            stmt = stmt.where(
                (col(AuthAuditEntry.occurred_at) < after)
                | ((col(AuthAuditEntry.occurred_at) == after) & (col(AuthAuditEntry.id) < after_id))
            )
    stmt = stmt.order_by(col(AuthAuditEntry.occurred_at).desc(), col(AuthAuditEntry.id).desc())
    rows = list((await session.exec(stmt.limit(limit + 1))).all())
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor({"t": rows[-1].occurred_at.isoformat(), "i": str(rows[-1].id)})
    return rows, next_cursor


# --- passwords and lockout ----------------------------------------------------------------


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


def _throttle_key(email: str) -> str:
    return tokens.token_hash("login:" + users.normalize_email(email))


async def _lock_remaining(session: AsyncSession, key: str) -> int:
    """Seconds the account behind `key` stays locked, 0 if it is not locked."""
    row = await session.get(AuthLoginThrottle, key)
    if row is None or row.locked_until is None:
        return 0
    remaining = (row.locked_until - utcnow()).total_seconds()
    return max(0, int(remaining) + 1) if remaining > 0 else 0


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


async def _clear_failures(session: AsyncSession, key: str) -> None:
    table = AuthLoginThrottle.__table__  # type: ignore[attr-defined]
    await session.exec(sa.delete(table).where(table.c.key == key))


async def authenticate(
    session: AsyncSession, settings: Settings, *, email: str, password: str, client: Client
) -> uuid.UUID:
    """Check an email and password; return the user id.

    Unknown email, wrong password, no password set, or an account that is not active all
    answer the same `InvalidCredentials` after the same argon2 work. Failures count toward
    the lockout per account key, unknown emails included, so a 429 reveals nothing either.
    """
    key = _throttle_key(email)
    locked_for = await _lock_remaining(session, key)
    if locked_for:
        raise RateLimited(locked_for, "Too many failed sign-ins; try again later.")
    user = await users.find_by_email(session, email)
    credential = await session.get(AuthCredential, user.id) if user is not None else None
    if user is None or credential is None:
        await passwords.verify_dummy(password)
        ok = False
    else:
        ok = await passwords.verify_password(password, credential.password_hash)
        ok = ok and user.status == UserStatus.ACTIVE
    if ok and user is not None:
        await _clear_failures(session, key)
        return user.id
    user_id = user.id if user is not None else None
    await audit(session, "sign_in_failed", user_id=user_id, client=client)
    lock = await _record_failure(session, settings, key)
    if lock:
        await audit(session, "lockout", user_id=user_id, client=client, seconds=lock)
        raise RateLimited(lock, "Too many failed sign-ins; try again later.")
    raise InvalidCredentials("Invalid email or password.")


# --- sessions and tokens ------------------------------------------------------------------


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
    refresh = tokens.new_opaque_token()
    refresh_hash = tokens.token_hash(refresh)
    expires = now + timedelta(days=settings.refresh_token_days)
    row = AuthSession(
        user_id=user_id,
        current_hash=refresh_hash,
        created_at=now,
        last_used_at=now,
        expires_at=expires,
        ip=client.ip,
        user_agent=(client.user_agent or "")[:500] or None,
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
    return IssuedTokens(access, refresh, lifetime, row.id, user_id)


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
    issued = await session.get(AuthRefreshToken, old_hash)
    if issued is None:
        raise AuthRequired("The refresh token is invalid.")
    row = await session.get(AuthSession, issued.session_id)
    if row is None or row.revoked_at is not None:
        raise AuthRequired("The session has ended; sign in again.")
    now = utcnow()
    if issued.expires_at <= now:
        raise AuthRequired("The refresh token has expired; sign in again.")
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
    if user.status != UserStatus.ACTIVE:
        raise AuthRequired("The account is not active.")
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
        raise NotFound("No such session.")
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


# Built once, bound per request (see users.principal_facts_query).
_PRINCIPAL = db.FastSelect(
    users.principal_facts_query(
        also=sa.exists().where(
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
    if row is None or not row["also"]:
        raise AuthRequired("The session has ended; sign in again.")
    if row["status"] != UserStatus.ACTIVE:
        raise AuthRequired("The account is not active.")
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


# --- registration, reset, verification ------------------------------------------------------


def _link(settings: Settings, path: str, token: str) -> str:
    return f"{settings.public_base_url.rstrip('/')}/{path}?token={token}"


async def _one_time_token(
    session: AsyncSession, *, user_id: uuid.UUID, purpose: str, lifetime: timedelta
) -> tuple[str, str]:
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


async def send_verification(
    session: AsyncSession, settings: Settings, *, user_id: uuid.UUID
) -> None:
    user = await users.get_user(session, user_id)
    if user.email_verified_at is not None or user.status != UserStatus.ACTIVE:
        return
    token, hashed = await _one_time_token(
        session,
        user_id=user.id,
        purpose=VERIFY,
        lifetime=timedelta(hours=settings.email_verification_hours),
    )
    await notifications.send_email(
        session,
        to=user.email,
        template="auth_verify_email",
        data={
            "display_name": user.display_name,
            "verify_url": _link(settings, "verify-email", token),
            "expires_hours": settings.email_verification_hours,
        },
        idempotency_key=f"auth.verify_email:{hashed[:32]}",
    )


async def register(
    session: AsyncSession, settings: Settings, *, data: RegisterRequest, client: Client
) -> IssuedTokens:
    """Create a GUEST account, set its password, email a verification link, sign it in."""
    try:
        user = await users.create_user(
            session,
            email=str(data.email),
            display_name=data.display_name,
            first_name=data.first_name,
            last_name=data.last_name,
            source="register",
            referral_code=data.referral_code,
        )
    except EmailTaken as exc:
        # Hash anyway so this answer costs what a success costs.
        await passwords.hash_password(data.password)
        raise RegistrationRefused(
            "Registration could not be completed with these details. If you already have an "
            "account, sign in or reset your password."
        ) from exc
    await set_password(session, user_id=user.id, password=data.password)
    await send_verification(session, settings, user_id=user.id)
    return await start_session(session, settings, user_id=user.id, client=client, method="register")


async def forgot_password(
    session: AsyncSession, settings: Settings, *, email: str, client: Client
) -> None:
    """Email a reset link if an active account has this email; silently nothing otherwise."""
    user = await users.find_by_email(session, email)
    if user is None or user.status != UserStatus.ACTIVE:
        return
    token, hashed = await _one_time_token(
        session,
        user_id=user.id,
        purpose=RESET,
        lifetime=timedelta(minutes=settings.password_reset_minutes),
    )
    await notifications.send_email(
        session,
        to=user.email,
        template="auth_password_reset",
        data={
            "display_name": user.display_name,
            "reset_url": _link(settings, "reset-password", token),
            "expires_minutes": settings.password_reset_minutes,
        },
        idempotency_key=f"auth.password_reset:{hashed[:32]}",
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
    await _clear_failures(session, _throttle_key(user.email))
    await revoke_all(
        session, user_id=user_id, reason="password_reset", actor_id=user_id, client=client
    )
    await audit(session, "password_reset", user_id=user_id, client=client)
    await bus.publish(session, PasswordChanged(user_id=user_id, via_reset=True, actor_id=user_id))


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
    key = _throttle_key(actor.email)
    locked_for = await _lock_remaining(session, key)
    if locked_for:
        raise RateLimited(locked_for, "Too many failed attempts; try again later.")
    credential = await session.get(AuthCredential, actor.id)
    ok = credential is not None and await passwords.verify_password(
        current_password, credential.password_hash
    )
    if not ok:
        await audit(session, "sign_in_failed", user_id=actor.id, client=client, via="change")
        lock = await _record_failure(session, settings, key)
        if lock:
            await audit(session, "lockout", user_id=actor.id, client=client, seconds=lock)
            raise RateLimited(lock, "Too many failed attempts; try again later.")
        raise InvalidCredentials("The current password is wrong.")
    await set_password(session, user_id=actor.id, password=new_password)
    await revoke_all(
        session,
        user_id=actor.id,
        reason="password_changed",
        actor_id=actor.id,
        keep=actor.session_id,
        client=client,
    )
    await audit(session, "password_changed", user_id=actor.id, session_id=actor.session_id,
                client=client)  # fmt: skip
    await bus.publish(
        session, PasswordChanged(user_id=actor.id, via_reset=False, actor_id=actor.id)
    )


async def verify_email(session: AsyncSession, *, token: str) -> None:
    user_id = await _use_one_time_token(session, token=token, purpose=VERIFY)
    await users.mark_email_verified(session, user_id=user_id)
    await audit(session, "email_verified", user_id=user_id)


# --- roles -------------------------------------------------------------------------------

# Checks a grant must pass besides `GRANT_RULES`, registered by later domains (auth may not
# import them): `await check(session, user_id=..., role=...)` raises to refuse. The legal
# domain registers "roles 6-8 need their documents signed" (brain/handlers.py).
RoleRequirementCheck = Callable[..., Awaitable[None]]
_role_requirement_checks: list[RoleRequirementCheck] = []


def register_role_requirement_check(check: RoleRequirementCheck) -> None:
    """Run `check(session, user_id=, role=)` before every role grant; idempotent."""
    if check not in _role_requirement_checks:
        _role_requirement_checks.append(check)


def unregister_role_requirement_check(check: RoleRequirementCheck) -> None:
    if check in _role_requirement_checks:
        _role_requirement_checks.remove(check)


async def _apply_role(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    role: Role,
    actor_id: uuid.UUID | None,
    client: Client | None = None,
    **audit_data: Any,
) -> Role:
    old = await users.set_role(session, user_id=user_id, role=role)
    await audit(
        session,
        "role_changed",
        user_id=user_id,
        actor_id=actor_id,
        client=client,
        old_role=old.value,
        new_role=role.value,
        **audit_data,
    )
    await bus.publish(
        session,
        RoleChanged(user_id=user_id, old_role=old.value, new_role=role.value, actor_id=actor_id),
    )
    return old


async def change_role(
    session: AsyncSession,
    *,
    actor: AuthenticatedUser,
    user_id: uuid.UUID,
    role: Role,
    client: Client | None = None,
) -> None:
    """Move a user to `role` if `actor` may grant it (`permissions.GRANT_RULES`)."""
    if user_id == actor.id:
        raise SelfChangeForbidden()
    user = await users.get_user(session, user_id)
    current = Role(user.role)
    if not may_grant(actor.role, current=current, new=role):
        raise RoleGrantForbidden(f"A {actor.role} may not change a {current} to {role}.")
    if current == role:
        return
    for check in _role_requirement_checks:
        await check(session, user_id=user_id, role=role.value)
    await _apply_role(session, user_id=user_id, role=role, actor_id=actor.id, client=client)


async def promote_to_member(session: AsyncSession, *, user_id: uuid.UUID, reason: str) -> bool:
    """The automatic GUEST -> MEMBER step (the platform pack is signed). Only a GUEST moves;
    any other role is left alone, never demoted. Returns True if the role changed."""
    try:
        user = await users.get_user(session, user_id)
    except NotFound:
        return False
    if Role(user.role) != Role.GUEST:
        return False
    await _apply_role(session, user_id=user_id, role=Role.MEMBER, actor_id=None, via=reason)
    return True


async def create_admin(
    session: AsyncSession, *, email: str, display_name: str, password: str
) -> uuid.UUID:
    """Bootstrap a SUPER_ADMIN (the CLI). An existing account with this email is promoted
    and gets the new password."""
    existing = await users.find_by_email(session, email)
    if existing is None:
        user = await users.create_user(
            session,
            email=email,
            display_name=display_name,
            source="cli",
            role=Role.SUPER_ADMIN,
            email_verified=True,
        )
        user_id = user.id
    else:
        user_id = existing.id
        old = await users.set_role(session, user_id=user_id, role=Role.SUPER_ADMIN)
        if old != Role.SUPER_ADMIN:
            await audit(session, "role_changed", user_id=user_id, old_role=old.value,
                        new_role=Role.SUPER_ADMIN.value, via="cli")  # fmt: skip
            await bus.publish(
                session,
                RoleChanged(user_id=user_id, old_role=old.value, new_role=Role.SUPER_ADMIN.value),
            )
    await set_password(session, user_id=user_id, password=password)
    return user_id
