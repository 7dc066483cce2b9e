"""The auth domain's part of a user's data export (brain/core/export.py): password metadata,
sessions, one-time tokens, the login throttle and the security audit entries about the user
or by the user. No secret leaves: password and token hashes are never written."""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.export import DataExport, json_object, jsonable, keyset_rows
from brain.core.pagination import Keyset
from brain.domains.auth.audit import AUDIT
from brain.domains.auth.lockout import throttle_key
from brain.domains.auth.models import (
    AuthAuditEntry,
    AuthCredential,
    AuthLoginThrottle,
    AuthOneTimeToken,
    AuthSession,
)
from brain.domains.users import service as users

SESSIONS = Keyset(
    "auth.export_sessions",
    sa.inspect(AuthSession).columns.created_at,
    sa.inspect(AuthSession).columns.id,
)


def _session(row: AuthSession) -> dict[str, Any]:
    return json_object(row.model_dump(exclude={"current_hash", "user_id"}))


def _audit_entry(user_id: uuid.UUID) -> Any:
    def convert(row: AuthAuditEntry) -> dict[str, Any]:
        entry = row.model_dump()
        # The IP and user agent are the actor's: another user's (an admin's) are not the
        # exported user's data. A failed sign-in by nobody known keeps them: the user is
        # the one who needs to see where attempts on their account came from.
        if row.actor_id is not None and row.actor_id != user_id:
            entry["ip"] = entry["user_agent"] = None
        return json_object(entry)

    return convert


async def collect(session: AsyncSession, user_id: uuid.UUID) -> dict[str, Any]:
    user = await users.get_user(session, user_id)
    credential = await session.get(AuthCredential, user_id)
    throttle = await session.get(AuthLoginThrottle, throttle_key(user.email))
    tokens = await session.exec(
        select(AuthOneTimeToken)
        .where(AuthOneTimeToken.user_id == user_id)
        .order_by(col(AuthOneTimeToken.created_at).desc())
    )
    audit = select(AuthAuditEntry).where(
        sa.or_(col(AuthAuditEntry.user_id) == user_id, col(AuthAuditEntry.actor_id) == user_id)
    )
    return {
        "password": {
            "set": credential is not None,
            "changed_at": jsonable(credential.password_changed_at) if credential else None,
        },
        "login_throttle": (
            jsonable(throttle.model_dump(exclude={"key"})) if throttle is not None else None
        ),
        "one_time_tokens": [
            jsonable(t.model_dump(exclude={"token_hash", "user_id"})) for t in tokens.all()
        ],
        "sessions": keyset_rows(
            session, SESSIONS, select(AuthSession).where(AuthSession.user_id == user_id), _session
        ),
        "audit_log": keyset_rows(session, AUDIT, audit, _audit_entry(user_id)),
    }


EXPORT = DataExport(
    collect=collect,
    tables=(
        "auth_credentials",
        "auth_sessions",
        "auth_one_time_tokens",
        "auth_login_throttle",
        "auth_audit_log",
    ),
)
