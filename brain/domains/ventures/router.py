"""`/api/ventures`: ventures, their stage, team, invitations, metrics and timeline.

Access: every route needs `ventures:read` (MEMBER and up); creating needs `ventures:create`
and the `ventures.create` compliance (ISEA + VOA), accepting an invitation `ventures:join` and
the `ventures.join` compliance with the PPNA signed for that venture. What a member may do in
a venture is its team role's (`rules.PERMISSIONS`, the table in docs/services/ventures.md):
403 `TEAM_ROLE_REQUIRED` otherwise. A PRIVATE or INVITE_ONLY venture the caller may not see
is 404 on every route, as if it did not exist.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import Depends, Header, Query, Response, status

from brain.core.db import SessionDep
from brain.core.openapi import problems
from brain.core.pagination import PageParams, page_params
from brain.core.routes import DomainRouter, set_location
from brain.core.schemas import Page
from brain.domains.auth.deps import AuthenticatedUser, require_permission
from brain.domains.buz.errors import IdempotencyConflict, InsufficientFunds
from brain.domains.legal.errors import ComplianceRequired
from brain.domains.state_machines.errors import (
    ConcurrentTransition,
    GuardRejected,
    InvalidTransition,
)
from brain.domains.users import service as users
from brain.domains.ventures import service
from brain.domains.ventures.errors import (
    AlreadyMember,
    InvalidTeamChange,
    InvitationExists,
    InvitationNotFound,
    InvitationNotPending,
    MemberNotFound,
    MetricExists,
    NameTaken,
    OwnerCannotLeave,
    TeamFull,
    TeamRoleRequired,
    VentureArchived,
    VentureNotFound,
)
from brain.domains.ventures.models import VentureInvitation
from brain.domains.ventures.rules import (
    NAME_MAX,
    TAG_MAX,
    Industry,
    InvitationStatus,
    Stage,
    StageEvent,
    TeamRole,
)
from brain.domains.ventures.schemas import (
    HistoryEntry,
    InvitationCreate,
    InvitationRead,
    MemberRead,
    MemberUpdate,
    MetricCreate,
    MetricRead,
    MetricsRead,
    NameCheck,
    OwnershipTransfer,
    StageChange,
    StageStatus,
    TimelineEntry,
    VentureCreate,
    VentureRead,
    VentureUpdate,
)

router = DomainRouter(prefix="/ventures", tags=["ventures"])

Reader = Annotated[AuthenticatedUser, Depends(require_permission("ventures:read"))]
Creator = Annotated[AuthenticatedUser, Depends(require_permission("ventures:create"))]
Joiner = Annotated[AuthenticatedUser, Depends(require_permission("ventures:join"))]
Paging = Annotated[PageParams, Depends(page_params)]
IdempotencyKey = Annotated[
    str,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=200,
        description="Your key for this creation (a UUID). The same key and body again returns "
        "the original venture (200, `Idempotent-Replayed: true`) and charges nothing; the same "
        "key with another body is 409 `IDEMPOTENCY_CONFLICT`.",
    ),
]
# A stage change through the `venture` machine: from the wrong stage, an archive without a
# reason, or a venture that moved meanwhile (services/ventures.md, "Lifecycle").
STAGE_CHANGE = (InvalidTransition, GuardRejected, ConcurrentTransition)
REPLAYED = "Idempotent-Replayed"
REPLAY: dict[int | str, dict[str, Any]] = {
    200: {"model": VentureRead, "description": "A replay: the original venture."}
}


def _invitation_read(invitation: VentureInvitation, venture_name: str) -> InvitationRead:
    return InvitationRead.model_validate({**invitation.model_dump(), "venture_name": venture_name})


@router.get("/check-name", response_model=NameCheck)
async def check_name(
    name: Annotated[str, Query(min_length=1, max_length=NAME_MAX)],
    _user: Reader,
    session: SessionDep,
) -> NameCheck:
    """Whether a venture name is free (names are unique case-insensitively), with a suggestion."""
    available, suggestion = await service.check_name(session, name=name)
    return NameCheck(name=name.strip(), available=available, suggestion=suggestion)


@router.get("/invitations", response_model=Page[InvitationRead])
async def list_my_invitations(
    user: Reader,
    session: SessionDep,
    page: Paging,
    status_: Annotated[InvitationStatus | None, Query(alias="status")] = None,
) -> Page[InvitationRead]:
    """Invitations sent to you, newest first."""
    rows, cursor = await service.list_invitations(
        session, user_id=user.id, page=page, status=status_
    )
    return Page(items=[_invitation_read(i, name) for i, name in rows], next_cursor=cursor)


async def _answered(session: SessionDep, invitation: VentureInvitation) -> InvitationRead:
    names = await service.venture_names(session, [invitation.venture_id])
    return _invitation_read(invitation, names[invitation.venture_id])


@router.post(
    "/invitations/{invitation_id}/accept",
    response_model=InvitationRead,
    responses=problems(ComplianceRequired, InvitationNotFound, InvitationNotPending, TeamFull),
)
async def accept_invitation(
    invitation_id: uuid.UUID, user: Joiner, session: SessionDep
) -> InvitationRead:
    """Join the team (needs PCA, IAA and the PPNA signed for this venture)."""
    invitation = await service.accept(session, invitation_id=invitation_id, user_id=user.id)
    return await _answered(session, invitation)


@router.post(
    "/invitations/{invitation_id}/decline",
    response_model=InvitationRead,
    responses=problems(InvitationNotFound, InvitationNotPending),
)
async def decline_invitation(
    invitation_id: uuid.UUID, user: Reader, session: SessionDep
) -> InvitationRead:
    """Decline an invitation sent to you."""
    invitation = await service.decline(session, invitation_id=invitation_id, user_id=user.id)
    return await _answered(session, invitation)


@router.post(
    "/invitations/{invitation_id}/revoke",
    response_model=InvitationRead,
    responses=problems(TeamRoleRequired, InvitationNotFound, InvitationNotPending),
)
async def revoke_invitation(
    invitation_id: uuid.UUID, user: Reader, session: SessionDep
) -> InvitationRead:
    """Withdraw a pending invitation (the owner or a co-founder, for roles below theirs)."""
    invitation = await service.revoke(session, invitation_id=invitation_id, actor_id=user.id)
    return await _answered(session, invitation)


@router.get("", response_model=Page[VentureRead])
async def list_ventures(
    user: Reader,
    session: SessionDep,
    page: Paging,
    q: Annotated[
        str | None, Query(max_length=200, description="Words to find in name or description.")
    ] = None,
    industry: Industry | None = None,
    stage: Stage | None = None,
    tag: Annotated[str | None, Query(max_length=TAG_MAX)] = None,
    mine: Annotated[bool, Query(description="Only ventures whose team you are on.")] = False,
) -> Page[VentureRead]:
    """Public ventures and yours, newest first; filter and search."""
    rows, cursor = await service.list_ventures(
        session,
        viewer_id=user.id,
        page=page,
        q=q,
        industry=industry,
        stage=stage,
        tag=tag,
        mine=mine,
    )
    roles = await service.roles_of(session, viewer_id=user.id, venture_ids=[v.id for v in rows])
    items = [service.venture_read(service.Seen(v, roles.get(v.id))) for v in rows]
    return Page(items=items, next_cursor=cursor)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=VentureRead,
    responses=REPLAY
    | problems(ComplianceRequired, NameTaken, IdempotencyConflict, InsufficientFunds),
)
async def create_venture(
    body: VentureCreate,
    idempotency_key: IdempotencyKey,
    user: Creator,
    session: SessionDep,
    response: Response,
) -> VentureRead:
    """Create a venture: you become its OWNER; 50 BUZ go to the venture fund."""
    venture, created = await service.create_venture(
        session, creator_id=user.id, body=body, idempotency_key=idempotency_key
    )
    set_location(response, f"/ventures/{venture.id}")
    if not created:
        response.status_code = status.HTTP_200_OK
        response.headers[REPLAYED] = "true"
    role = await service.member_role(session, venture_id=venture.id, user_id=user.id)
    return service.venture_read(service.Seen(venture, role))


@router.get("/{venture_id}", response_model=VentureRead, responses=problems(VentureNotFound))
async def read_venture(venture_id: uuid.UUID, user: Reader, session: SessionDep) -> VentureRead:
    """One venture."""
    return service.venture_read(
        await service.see(session, venture_id=venture_id, viewer_id=user.id)
    )


@router.patch(
    "/{venture_id}",
    response_model=VentureRead,
    responses=problems(TeamRoleRequired, VentureNotFound, VentureArchived, NameTaken),
)
async def update_venture(
    venture_id: uuid.UUID, body: VentureUpdate, user: Reader, session: SessionDep
) -> VentureRead:
    """Change a venture's details (owner and co-founders)."""
    seen = await service.update_venture(session, venture_id=venture_id, actor_id=user.id, body=body)
    return service.venture_read(seen)


@router.delete(
    "/{venture_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(TeamRoleRequired, VentureNotFound, *STAGE_CHANGE),
)
async def archive_venture(
    venture_id: uuid.UUID,
    reason: Annotated[str, Query(min_length=1, max_length=1000, description="Why.")],
    user: Reader,
    session: SessionDep,
) -> Response:
    """Archive a venture (the owner; a reason is required). It stays readable."""
    await service.change_stage(
        session, venture_id=venture_id, actor_id=user.id, event=StageEvent.ARCHIVE, reason=reason
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/{venture_id}/status", response_model=StageStatus, responses=problems(VentureNotFound))
async def read_status(venture_id: uuid.UUID, user: Reader, session: SessionDep) -> StageStatus:
    """The stage, how long it has lasted, and the events your role may send now."""
    return service.stage_status(
        await service.see(session, venture_id=venture_id, viewer_id=user.id)
    )


@router.post(
    "/{venture_id}/stage",
    response_model=StageStatus,
    responses=problems(TeamRoleRequired, VentureNotFound, *STAGE_CHANGE),
)
async def change_stage(
    venture_id: uuid.UUID, body: StageChange, user: Reader, session: SessionDep
) -> StageStatus:
    """Advance or revert one stage, or archive (with a reason)."""
    seen = await service.change_stage(
        session,
        venture_id=venture_id,
        actor_id=user.id,
        event=body.event,
        reason=body.reason,
        from_stage=body.from_stage,
    )
    return service.stage_status(seen)


@router.get(
    "/{venture_id}/history",
    response_model=Page[HistoryEntry],
    responses=problems(VentureNotFound),
)
async def read_history(
    venture_id: uuid.UUID, user: Reader, session: SessionDep, page: Paging
) -> Page[HistoryEntry]:
    """Stage changes, oldest first: who, when, from, to, why, and time spent in the stage."""
    rows, cursor = await service.history(
        session, venture_id=venture_id, viewer_id=user.id, page=page
    )
    return Page(
        items=[HistoryEntry.model_validate(r, from_attributes=True) for r in rows],
        next_cursor=cursor,
    )


@router.get(
    "/{venture_id}/team",
    response_model=Page[MemberRead],
    responses=problems(VentureNotFound),
)
async def read_team(
    venture_id: uuid.UUID, user: Reader, session: SessionDep, page: Paging
) -> Page[MemberRead]:
    """The team, earliest member first."""
    rows, cursor = await service.list_team(
        session, venture_id=venture_id, viewer_id=user.id, page=page
    )
    items = [
        MemberRead(
            user_id=m.user_id,
            display_name=name,
            role=TeamRole(m.role),
            joined_at=m.joined_at,
            invited_by=m.invited_by,
        )
        for m, name in rows
    ]
    return Page(items=items, next_cursor=cursor)


@router.put(
    "/{venture_id}/team/{user_id}",
    response_model=MemberRead,
    responses=problems(
        TeamRoleRequired, VentureNotFound, MemberNotFound, VentureArchived, InvalidTeamChange
    ),
)
async def change_member_role(
    venture_id: uuid.UUID,
    user_id: uuid.UUID,
    body: MemberUpdate,
    user: Reader,
    session: SessionDep,
) -> MemberRead:
    """Change a member's role (to roles below your own)."""
    member = await service.change_member_role(
        session, venture_id=venture_id, actor_id=user.id, user_id=user_id, role=body.role
    )
    name = (await users.get_user(session, member.user_id)).display_name
    return MemberRead(
        user_id=member.user_id,
        display_name=name,
        role=TeamRole(member.role),
        joined_at=member.joined_at,
        invited_by=member.invited_by,
    )


@router.delete(
    "/{venture_id}/team/{user_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(TeamRoleRequired, VentureNotFound, MemberNotFound, OwnerCannotLeave),
)
async def remove_member(
    venture_id: uuid.UUID, user_id: uuid.UUID, user: Reader, session: SessionDep
) -> Response:
    """Leave the team (your own id) or remove a member below your role."""
    await service.remove_member(session, venture_id=venture_id, actor_id=user.id, user_id=user_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/{venture_id}/invitations",
    status_code=status.HTTP_201_CREATED,
    response_model=InvitationRead,
    responses=problems(
        TeamRoleRequired,
        VentureNotFound,
        VentureArchived,
        AlreadyMember,
        InvitationExists,
        TeamFull,
        InvalidTeamChange,
    ),
)
async def invite(
    venture_id: uuid.UUID,
    body: InvitationCreate,
    user: Reader,
    session: SessionDep,
    response: Response,
) -> InvitationRead:
    """Invite a user to the team; the invitation expires after 14 days."""
    invitation = await service.invite(
        session, venture_id=venture_id, actor_id=user.id, user_id=body.user_id, role=body.role
    )
    # The invitee reads it among their invitations; the team page lists it for the team.
    set_location(response, f"/ventures/{venture_id}/team")
    return await _answered(session, invitation)


@router.post(
    "/{venture_id}/transfer-ownership",
    response_model=VentureRead,
    responses=problems(
        TeamRoleRequired, VentureNotFound, MemberNotFound, VentureArchived, InvalidTeamChange
    ),
)
async def transfer_ownership(
    venture_id: uuid.UUID, body: OwnershipTransfer, user: Reader, session: SessionDep
) -> VentureRead:
    """Hand ownership to another member; you stay on as CO_FOUNDER."""
    venture = await service.transfer_ownership(
        session, venture_id=venture_id, actor_id=user.id, user_id=body.user_id
    )
    return service.venture_read(service.Seen(venture, TeamRole.CO_FOUNDER))


@router.get(
    "/{venture_id}/metrics", response_model=MetricsRead, responses=problems(VentureNotFound)
)
async def read_metrics(
    venture_id: uuid.UUID,
    user: Reader,
    session: SessionDep,
    page: Paging,
    name: Annotated[str | None, Query(max_length=60)] = None,
) -> MetricsRead:
    """Computed metrics, and recorded values (latest first, one series with `name`)."""
    computed, rows, cursor = await service.list_metrics(
        session, venture_id=venture_id, viewer_id=user.id, page=page, name=name
    )
    return MetricsRead(
        computed=computed,
        items=[MetricRead.model_validate(r, from_attributes=True) for r in rows],
        next_cursor=cursor,
    )


@router.post(
    "/{venture_id}/metrics",
    status_code=status.HTTP_201_CREATED,
    response_model=MetricRead,
    responses=problems(TeamRoleRequired, VentureNotFound, VentureArchived, MetricExists),
)
async def record_metric(
    venture_id: uuid.UUID,
    body: MetricCreate,
    user: Reader,
    session: SessionDep,
    response: Response,
) -> MetricRead:
    """Record a metric value (owner, co-founders and members)."""
    metric = await service.record_metric(
        session, venture_id=venture_id, actor_id=user.id, body=body
    )
    set_location(response, f"/ventures/{venture_id}/metrics")
    return MetricRead.model_validate(metric, from_attributes=True)


@router.get(
    "/{venture_id}/timeline",
    response_model=Page[TimelineEntry],
    responses=problems(VentureNotFound),
)
async def read_timeline(
    venture_id: uuid.UUID, user: Reader, session: SessionDep, page: Paging
) -> Page[TimelineEntry]:
    """Everything that happened to the venture, newest first: its events, documents signed
    for it, BUZ flows that name it."""
    rows, cursor = await service.list_timeline(
        session, venture_id=venture_id, viewer_id=user.id, page=page
    )
    return Page(
        items=[TimelineEntry.model_validate(r, from_attributes=True) for r in rows],
        next_cursor=cursor,
    )
