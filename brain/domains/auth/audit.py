"""The security audit log: who did what to an account, from where. Written in the caller's
transaction, so an entry exists exactly when what it records does (a failed attempt's entry
survives because the router commits before answering; see `router._commit_then_raise`)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.pagination import Keyset, PageParams
from brain.domains.auth.models import AuthAuditEntry

# The audit column's size; a longer header is cut rather than refused.
_USER_AGENT_LENGTH = 500

AUDIT = Keyset(
    "auth.audit",
    sa.inspect(AuthAuditEntry).columns.occurred_at,
    sa.inspect(AuthAuditEntry).columns.id,
)


@dataclass(frozen=True)
class Client:
    """Where a request came from, for sessions and the audit log."""

    ip: str | None = None
    user_agent: str | None = None

    @property
    def stored_user_agent(self) -> str | None:
        """The user agent as the session and audit tables keep it (cut, empty as None)."""
        return (self.user_agent or "")[:_USER_AGENT_LENGTH] or None


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
            user_agent=client.stored_user_agent if client else None,
            detail=detail,
        )
    )
    await session.flush()


async def list_audit(
    session: AsyncSession,
    *,
    page: PageParams,
    kind: str | None = None,
    user_id: uuid.UUID | None = None,
) -> tuple[list[AuthAuditEntry], str | None]:
    """Newest first."""
    stmt = select(AuthAuditEntry)
    if kind:
        stmt = stmt.where(AuthAuditEntry.kind == kind)
    if user_id:
        stmt = stmt.where(AuthAuditEntry.user_id == user_id)
    rows = (await session.exec(AUDIT.apply(stmt, page))).all()
    return AUDIT.page(rows, page)
