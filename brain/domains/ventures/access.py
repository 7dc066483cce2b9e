"""Who may see a venture and what a team member may do: the visibility rule and the team-role
table (`rules.PERMISSIONS`) applied. Every read, list and sub-resource goes through here.

A venture the caller may not see is 404 (`VentureNotFound`), never 403: whether a private
venture exists is not theirs to learn. A member whose role does not allow an action gets 403
`TEAM_ROLE_REQUIRED`, since they know the venture exists.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.domains.ventures.errors import TeamRoleRequired, VentureArchived, VentureNotFound
from brain.domains.ventures.models import Venture, VentureInvitation, VentureMember
from brain.domains.ventures.rules import (
    PERMISSIONS,
    InvitationStatus,
    TeamAction,
    TeamRole,
    Visibility,
    may,
)


@dataclass(frozen=True)
class Seen:
    """A venture as one caller sees it: the row and the caller's role in its team."""

    venture: Venture
    role: TeamRole | None

    def require(self, action: TeamAction) -> None:
        if not may(self.role, action):
            raise TeamRoleRequired(
                f"'{action.value}' needs one of the team roles "
                f"{', '.join(sorted(r.value for r in _roles_for(action)))}",
                action=action.value,
                your_role=self.role.value if self.role else None,
            )

    def require_active(self) -> None:
        if self.venture.archived_at is not None:
            raise VentureArchived("An archived venture cannot change.")


def _roles_for(action: TeamAction) -> frozenset[TeamRole]:
    return PERMISSIONS[action]


async def member_role(
    session: AsyncSession, *, venture_id: uuid.UUID, user_id: uuid.UUID
) -> TeamRole | None:
    """`user_id`'s role in the venture's team, or None: what other domains (files, websocket)
    ask before letting someone at a venture's things."""
    role = await session.scalar(
        select(VentureMember.role).where(
            col(VentureMember.venture_id) == venture_id, col(VentureMember.user_id) == user_id
        )
    )
    return TeamRole(role) if role is not None else None


async def venture_ids_of(session: AsyncSession, *, user_id: uuid.UUID) -> list[uuid.UUID]:
    """The ventures whose team has `user_id`: what files lists a member's venture files by."""
    rows = await session.exec(
        select(VentureMember.venture_id).where(col(VentureMember.user_id) == user_id)
    )
    return list(rows.all())


async def _has_pending_invitation(
    session: AsyncSession, venture_id: uuid.UUID, user_id: uuid.UUID
) -> bool:
    found = await session.scalar(
        select(VentureInvitation.id).where(
            col(VentureInvitation.venture_id) == venture_id,
            col(VentureInvitation.user_id) == user_id,
            col(VentureInvitation.status) == InvitationStatus.PENDING.value,
        )
    )
    return found is not None


async def see(
    session: AsyncSession, *, venture_id: uuid.UUID, viewer_id: uuid.UUID, lock: bool = False
) -> Seen:
    """The venture as `viewer_id` may see it, or VentureNotFound. PUBLIC: anyone; INVITE_ONLY:
    the team and pending invitees; PRIVATE: the team. `lock` takes the row lock (Postgres)
    for a change that must not interleave with another on the same venture."""
    query = select(Venture).where(col(Venture.id) == venture_id)
    if lock:
        query = query.with_for_update()
    venture = (await session.exec(query.execution_options(populate_existing=True))).first()
    if venture is None:
        raise VentureNotFound()
    role = await member_role(session, venture_id=venture_id, user_id=viewer_id)
    if role is None and venture.visibility != Visibility.PUBLIC:
        invited = venture.visibility == Visibility.INVITE_ONLY and await _has_pending_invitation(
            session, venture_id, viewer_id
        )
        if not invited:
            raise VentureNotFound()
    return Seen(venture, role)


def visible_to(viewer_id: uuid.UUID) -> sa.ColumnElement[bool]:
    """The list and search filter: PUBLIC ventures and those whose team has `viewer_id`."""
    mine = (
        select(VentureMember.venture_id)
        .where(
            col(VentureMember.venture_id) == col(Venture.id),
            col(VentureMember.user_id) == viewer_id,
        )
        .exists()
    )
    return sa.or_(col(Venture.visibility) == Visibility.PUBLIC.value, mine)


def member_of(viewer_id: uuid.UUID) -> sa.ColumnElement[bool]:
    return (
        select(VentureMember.venture_id)
        .where(
            col(VentureMember.venture_id) == col(Venture.id),
            col(VentureMember.user_id) == viewer_id,
        )
        .exists()
    )


async def may_sign_for(session: AsyncSession, *, subject_id: str, user_id: uuid.UUID) -> None:
    """Legal's check before `user_id` signs an agreement for the venture `subject_id`: it
    exists and they may see it, or they are invited to it (an invitee to a PRIVATE venture
    signs its PPNA before joining). Anything else is 404, as the venture itself would be."""
    try:
        venture_id = uuid.UUID(subject_id)
    except ValueError:
        raise VentureNotFound() from None
    try:
        await see(session, venture_id=venture_id, viewer_id=user_id)
    except VentureNotFound:
        if not await _has_pending_invitation(session, venture_id, user_id):
            raise
