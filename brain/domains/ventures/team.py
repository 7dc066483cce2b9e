"""The team: members and their roles, leaving and removal, ownership transfer, invitations.

Rules (domain rules, "Ventures"): exactly one OWNER (a partial unique index is the second
line), team size 1 to `TEAM_MAX`, members join only by accepting an invitation, and joining
needs the `ventures.join` compliance with the PPNA signed *for this venture* (legal's
subject-scoped compliance). A manager acts only on roles strictly below its own
(`rules.outranks`); the OWNER role moves only by `transfer_ownership`.

Invitations expire `INVITATION_TTL` after they are sent: accepting one past its deadline is
refused at once, and the job `ventures.expire_invitations` marks due ones EXPIRED (and
publishes `ventures.invitation_expired`). The deadline is a column, so the timer survives
restarts: a job that did not run catches up on its next run.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus
from brain.core.errors import NotFound
from brain.core.models import utcnow
from brain.core.pagination import Keyset, PageParams
from brain.domains.legal import service as legal
from brain.domains.notifications import service as notifications
from brain.domains.users import service as users
from brain.domains.users.schemas import Role, UserStatus
from brain.domains.ventures.access import Seen, see
from brain.domains.ventures.errors import (
    AlreadyMember,
    InvalidTeamChange,
    InvitationExists,
    InvitationNotFound,
    InvitationNotPending,
    MemberNotFound,
    OwnerCannotLeave,
    TeamFull,
    TeamRoleRequired,
)
from brain.domains.ventures.events import (
    InvitationAccepted,
    InvitationDeclined,
    InvitationExpired,
    InvitationRevoked,
    InvitationSent,
    MemberJoined,
    MemberLeft,
    MemberRoleChanged,
    OwnershipTransferred,
)
from brain.domains.ventures.models import Venture, VentureInvitation, VentureMember
from brain.domains.ventures.rules import (
    INVITATION_TTL,
    JOIN_ACTION,
    SUBJECT_TYPE,
    TEAM_MAX,
    InvitationStatus,
    TeamAction,
    TeamRole,
    outranks,
)
from brain.domains.ventures.ventures import promote

_M, _I = sa.inspect(VentureMember).c, sa.inspect(VentureInvitation).c
TEAM = Keyset("ventures.team", _M.joined_at, _M.user_id, descending=False)
INVITATIONS = Keyset("ventures.invitations", _I.created_at, _I.id)


async def team_size(session: AsyncSession, venture_id: uuid.UUID) -> int:
    count = await session.scalar(
        select(sa.func.count())
        .select_from(VentureMember)
        .where(col(VentureMember.venture_id) == venture_id)
    )
    return int(count or 0)


async def list_team(
    session: AsyncSession, *, venture_id: uuid.UUID, viewer_id: uuid.UUID, page: PageParams
) -> tuple[list[tuple[VentureMember, str]], str | None]:
    """Members with their display names, earliest first."""
    await see(session, venture_id=venture_id, viewer_id=viewer_id)
    query = select(VentureMember).where(col(VentureMember.venture_id) == venture_id)
    rows, cursor = TEAM.page((await session.exec(TEAM.apply(query, page))).all(), page)
    named = [(m, (await users.get_user(session, m.user_id)).display_name) for m in rows]
    return named, cursor


async def _member(
    session: AsyncSession, venture_id: uuid.UUID, user_id: uuid.UUID
) -> VentureMember:
    member = await session.get(VentureMember, (venture_id, user_id), populate_existing=True)
    if member is None:
        raise MemberNotFound("This user is not on the team.")
    return member


def _require_outranks(seen: Seen, role: TeamRole, what: str) -> None:
    assert seen.role is not None
    if not outranks(seen.role, role):
        raise TeamRoleRequired(
            f"A {seen.role.value} cannot {what} a {role.value}: only roles below their own.",
            your_role=seen.role.value,
        )


async def change_member_role(
    session: AsyncSession,
    *,
    venture_id: uuid.UUID,
    actor_id: uuid.UUID,
    user_id: uuid.UUID,
    role: TeamRole,
) -> VentureMember:
    seen = await see(session, venture_id=venture_id, viewer_id=actor_id, lock=True)
    seen.require(TeamAction.MANAGE_MEMBERS)
    seen.require_active()
    if role == TeamRole.OWNER:
        raise InvalidTeamChange("The OWNER role moves only by transferring ownership.")
    member = await _member(session, venture_id, user_id)
    old = TeamRole(member.role)
    _require_outranks(seen, old, "change")
    _require_outranks(seen, role, "appoint")
    if old == role:
        return member
    member.role = role.value
    session.add(member)
    await session.flush()
    await bus.publish(
        session,
        MemberRoleChanged(
            actor_id=actor_id,
            user_id=user_id,
            venture_id=venture_id,
            old_role=old.value,
            new_role=role.value,
        ),
    )
    return member


async def remove_member(
    session: AsyncSession, *, venture_id: uuid.UUID, actor_id: uuid.UUID, user_id: uuid.UUID
) -> None:
    """Leave (yourself) or remove someone below you. The OWNER cannot leave: transfer first."""
    seen = await see(session, venture_id=venture_id, viewer_id=actor_id, lock=True)
    if seen.role is None:
        raise MemberNotFound("You are not on the team.")
    member = await _member(session, venture_id, user_id)
    role = TeamRole(member.role)
    if user_id == actor_id:
        if role == TeamRole.OWNER:
            raise OwnerCannotLeave()
    else:
        seen.require(TeamAction.MANAGE_MEMBERS)
        _require_outranks(seen, role, "remove")
    await session.delete(member)
    await session.flush()
    await bus.publish(
        session,
        MemberLeft(
            actor_id=actor_id,
            user_id=user_id,
            venture_id=venture_id,
            role=role.value,
            removed=user_id != actor_id,
        ),
    )


async def transfer_ownership(
    session: AsyncSession, *, venture_id: uuid.UUID, actor_id: uuid.UUID, user_id: uuid.UUID
) -> Venture:
    """The OWNER hands the role to another member and stays on as CO_FOUNDER."""
    seen = await see(session, venture_id=venture_id, viewer_id=actor_id, lock=True)
    seen.require(TeamAction.TRANSFER_OWNERSHIP)
    seen.require_active()
    if user_id == actor_id:
        raise InvalidTeamChange("You own this venture already.")
    target = await _member(session, venture_id, user_id)
    owner = await _member(session, venture_id, actor_id)
    # The old owner steps down first: the one-owner index never sees two.
    owner.role = TeamRole.CO_FOUNDER.value
    session.add(owner)
    await session.flush()
    target.role = TeamRole.OWNER.value
    venture = seen.venture
    venture.owner_id, venture.updated_at = user_id, utcnow()
    session.add_all([target, venture])
    await session.flush()
    await promote(session, user_id=user_id, role=Role.VENTURE_OWNER, via="ventures.ownership")
    await bus.publish(
        session,
        OwnershipTransferred(
            actor_id=actor_id, user_id=user_id, venture_id=venture_id, previous_owner_id=actor_id
        ),
    )
    return venture


# -- invitations ------------------------------------------------------------------------------


async def _pending_count(session: AsyncSession, venture_id: uuid.UUID) -> int:
    count = await session.scalar(
        select(sa.func.count())
        .select_from(VentureInvitation)
        .where(
            col(VentureInvitation.venture_id) == venture_id,
            col(VentureInvitation.status) == InvitationStatus.PENDING.value,
        )
    )
    return int(count or 0)


async def invite(
    session: AsyncSession,
    *,
    venture_id: uuid.UUID,
    actor_id: uuid.UUID,
    user_id: uuid.UUID,
    role: TeamRole,
) -> VentureInvitation:
    seen = await see(session, venture_id=venture_id, viewer_id=actor_id, lock=True)
    seen.require(TeamAction.INVITE)
    seen.require_active()
    if role == TeamRole.OWNER:
        raise InvalidTeamChange("Nobody is invited as OWNER: transfer ownership to a member.")
    _require_outranks(seen, role, "invite")
    try:
        active = await users.user_status(session, user_id) == UserStatus.ACTIVE
    except NotFound:
        active = False
    if not active:
        raise InvalidTeamChange("Invite an active user.")
    if await session.get(VentureMember, (venture_id, user_id)) is not None:
        raise AlreadyMember()
    if await team_size(session, venture_id) + await _pending_count(session, venture_id) >= TEAM_MAX:
        raise TeamFull(f"A team has at most {TEAM_MAX} members, invitations included.")
    now = utcnow()
    invitation = VentureInvitation(
        venture_id=venture_id,
        user_id=user_id,
        role=role.value,
        invited_by=actor_id,
        status=InvitationStatus.PENDING.value,
        expires_at=now + INVITATION_TTL,
        created_at=now,
    )
    try:
        async with session.begin_nested():
            session.add(invitation)
    except IntegrityError as exc:
        raise InvitationExists() from exc
    await _email_invitation(session, invitation, venture_name=seen.venture.name)
    await bus.publish(
        session,
        InvitationSent(
            actor_id=actor_id,
            user_id=user_id,
            venture_id=venture_id,
            invitation_id=invitation.id,
            role=role.value,
            expires_at=invitation.expires_at.isoformat(),
        ),
    )
    return invitation


async def _email_invitation(
    session: AsyncSession, invitation: VentureInvitation, *, venture_name: str
) -> None:
    """The invitee's `ventures.invitation` notification (inbox, email, push as their
    preferences say), raised in the invitation's transaction (sent only if it commits), once
    per invitation."""
    inviter = await users.get_user(session, invitation.invited_by)
    await notifications.notify(
        session,
        type="ventures.invitation",
        user_id=invitation.user_id,
        data={
            "inviter_name": inviter.display_name,
            "venture_name": venture_name,
            "role": invitation.role,
            "invitation_id": str(invitation.id),
            "expires_at": invitation.expires_at.strftime("%Y-%m-%d %H:%M UTC"),
        },
        source_key=str(invitation.id),
        actor_id=invitation.invited_by,
    )


async def list_invitations(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    page: PageParams,
    status: InvitationStatus | None = None,
) -> tuple[list[tuple[VentureInvitation, str]], str | None]:
    """Invitations sent to `user_id`, newest first, with the venture's name (an invitee may
    read the name of the venture that invited them, whatever its visibility)."""
    query = select(VentureInvitation).where(col(VentureInvitation.user_id) == user_id)
    if status is not None:
        query = query.where(col(VentureInvitation.status) == status.value)
    rows, cursor = INVITATIONS.page(
        (await session.exec(INVITATIONS.apply(query, page))).all(), page
    )
    names = await venture_names(session, [r.venture_id for r in rows])
    return [(r, names[r.venture_id]) for r in rows], cursor


async def venture_names(session: AsyncSession, ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not ids:
        return {}
    rows = await session.exec(select(Venture.id, Venture.name).where(col(Venture.id).in_(ids)))
    return dict(rows.all())


async def _invitation(
    session: AsyncSession, invitation_id: uuid.UUID, *, lock: bool = False
) -> VentureInvitation:
    query = select(VentureInvitation).where(col(VentureInvitation.id) == invitation_id)
    if lock:
        query = query.with_for_update()
    found = (await session.exec(query.execution_options(populate_existing=True))).first()
    if found is None:
        raise InvitationNotFound()
    return found


async def _close(
    session: AsyncSession, invitation: VentureInvitation, status: InvitationStatus, at: datetime
) -> None:
    """PENDING -> `status`, only if it is still PENDING (a conditional UPDATE: of two
    concurrent answers one wins, the other is 409)."""
    done = await session.exec(
        sa.update(VentureInvitation)
        .where(
            col(VentureInvitation.id) == invitation.id,
            col(VentureInvitation.status) == InvitationStatus.PENDING.value,
        )
        .values(status=status.value, responded_at=at)
        .execution_options(synchronize_session=False)
    )
    if done.rowcount != 1:
        raise InvitationNotPending(f"The invitation is {invitation.status}.")
    invitation.status, invitation.responded_at = status.value, at


def _require_pending(invitation: VentureInvitation, now: datetime) -> None:
    if invitation.status != InvitationStatus.PENDING:
        raise InvitationNotPending(f"The invitation is {invitation.status}.")
    if invitation.expires_at <= now:
        raise InvitationNotPending("The invitation has expired.")


async def accept(
    session: AsyncSession, *, invitation_id: uuid.UUID, user_id: uuid.UUID
) -> VentureInvitation:
    """Join the team: 403 `COMPLIANCE_REQUIRED` (with `missing`) unless `ventures.join` is
    signed, the PPNA for this venture; 409 `TEAM_FULL` at `TEAM_MAX` members."""
    invitation = await _invitation(session, invitation_id, lock=True)
    if invitation.user_id != user_id:
        raise InvitationNotFound()
    now = utcnow()
    _require_pending(invitation, now)
    await legal.require_compliance(
        session,
        user_id=user_id,
        action=JOIN_ACTION,
        subject=(SUBJECT_TYPE, str(invitation.venture_id)),
    )
    venture = await session.get(Venture, invitation.venture_id, with_for_update=True)
    assert venture is not None
    if await team_size(session, venture.id) >= TEAM_MAX:
        raise TeamFull(f"A team has at most {TEAM_MAX} members.")
    await _close(session, invitation, InvitationStatus.ACCEPTED, now)
    session.add(
        VentureMember(
            venture_id=venture.id,
            user_id=user_id,
            role=invitation.role,
            invited_by=invitation.invited_by,
            joined_at=now,
        )
    )
    await session.flush()
    await promote(session, user_id=user_id, role=Role.VENTURE_PARTICIPANT, via=JOIN_ACTION)
    await bus.publish(
        session,
        InvitationAccepted(
            actor_id=user_id,
            user_id=user_id,
            venture_id=venture.id,
            invitation_id=invitation.id,
            role=invitation.role,
        ),
    )
    await bus.publish(
        session,
        MemberJoined(
            actor_id=user_id, user_id=user_id, venture_id=venture.id, role=invitation.role
        ),
    )
    return invitation


async def decline(
    session: AsyncSession, *, invitation_id: uuid.UUID, user_id: uuid.UUID
) -> VentureInvitation:
    invitation = await _invitation(session, invitation_id)
    if invitation.user_id != user_id:
        raise InvitationNotFound()
    now = utcnow()
    _require_pending(invitation, now)
    await _close(session, invitation, InvitationStatus.DECLINED, now)
    await bus.publish(
        session,
        InvitationDeclined(
            actor_id=user_id,
            user_id=user_id,
            venture_id=invitation.venture_id,
            invitation_id=invitation.id,
            role=invitation.role,
        ),
    )
    return invitation


async def revoke(
    session: AsyncSession, *, invitation_id: uuid.UUID, actor_id: uuid.UUID
) -> VentureInvitation:
    """By a member who may invite to the invitation's role. Anyone else: 404."""
    invitation = await _invitation(session, invitation_id)
    try:
        seen = await see(session, venture_id=invitation.venture_id, viewer_id=actor_id)
    except NotFound:
        raise InvitationNotFound() from None
    if seen.role is None:
        raise InvitationNotFound()
    seen.require(TeamAction.INVITE)
    _require_outranks(seen, TeamRole(invitation.role), "revoke the invitation of")
    if invitation.status != InvitationStatus.PENDING:
        raise InvitationNotPending(f"The invitation is {invitation.status}.")
    await _close(session, invitation, InvitationStatus.REVOKED, utcnow())
    await bus.publish(
        session,
        InvitationRevoked(
            actor_id=actor_id,
            user_id=invitation.user_id,
            venture_id=invitation.venture_id,
            invitation_id=invitation.id,
            role=invitation.role,
        ),
    )
    return invitation


async def due_invitations(session: AsyncSession, *, now: datetime, limit: int) -> list[uuid.UUID]:
    rows = await session.exec(
        select(VentureInvitation.id)
        .where(
            col(VentureInvitation.status) == InvitationStatus.PENDING.value,
            col(VentureInvitation.expires_at) <= now,
        )
        .order_by(col(VentureInvitation.expires_at))
        .limit(limit)
    )
    return list(rows.all())


async def expire(session: AsyncSession, *, invitation_id: uuid.UUID, now: datetime) -> bool:
    """Mark one due invitation EXPIRED and publish it; False if it was answered meanwhile."""
    invitation = await _invitation(session, invitation_id)
    if invitation.status != InvitationStatus.PENDING or invitation.expires_at > now:
        return False
    try:
        await _close(session, invitation, InvitationStatus.EXPIRED, now)
    except InvitationNotPending:
        return False
    await bus.publish(
        session,
        InvitationExpired(
            actor_id=None,
            user_id=invitation.user_id,
            venture_id=invitation.venture_id,
            invitation_id=invitation.id,
            role=invitation.role,
        ),
    )
    return True
