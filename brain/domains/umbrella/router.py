"""`/api/umbrella`: referral codes, relationships, the network, analytics, recommendations and
revenue shares.

Access: every route needs `umbrella:refer` (MEMBER and up). A relationship is its two
parties' (and admins'): 404 to anyone else. The network, analytics and shares of another user
are 403 unless the caller is an admin; a share that is not yours is 404.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Query, Response, status

from brain.core.db import SessionDep, writes
from brain.core.errors import PermissionDenied, ValidationFailed
from brain.core.openapi import problems
from brain.core.pagination import PageParams, page_params
from brain.core.routes import DomainRouter, set_location
from brain.core.schemas import Page
from brain.domains.auth.deps import AuthenticatedUser, require_permission
from brain.domains.state_machines.errors import ConcurrentTransition, InvalidTransition
from brain.domains.umbrella import service
from brain.domains.umbrella.errors import (
    AlreadyReferred,
    DuplicateRelationship,
    InvalidRelationshipState,
    NotYourTurn,
    ReferralCycle,
    RelationshipNotFound,
    RequestBlocked,
    SelfReferral,
    ShareNotFound,
    UserNotActive,
)
from brain.domains.umbrella.rules import Kind, ShareStatus, State
from brain.domains.umbrella.schemas import (
    Analytics,
    DecisionIn,
    NetworkRead,
    Recommendation,
    ReferralCodeRead,
    RelationshipCreate,
    RelationshipRead,
    RelationshipUpdate,
    ShareRead,
)
from brain.domains.users.errors import UserNotFound

router = DomainRouter(prefix="/umbrella", tags=["umbrella"])

Member = Annotated[AuthenticatedUser, Depends(require_permission("umbrella:refer"))]
Paging = Annotated[PageParams, Depends(page_params)]
# A referral link's move through the `umbrella` machine that lost a race with another request
# on the same link (read it again and retry).
RACE = (ConcurrentTransition, InvalidTransition)


def _viewer(user: AuthenticatedUser) -> service.Viewer:
    return service.Viewer(id=user.id, admin=user.role.is_admin)


def _self_or_admin(user: AuthenticatedUser, user_id: uuid.UUID) -> None:
    if user.id != user_id and not user.role.is_admin:
        raise PermissionDenied("This is another user's; only they and admins may see it.")


@router.get("/referral-code", response_model=ReferralCodeRead)
@writes  # the code is made on first use
async def read_referral_code(user: Member, session: SessionDep) -> ReferralCodeRead:
    """Your referral code (made on first use)."""
    return ReferralCodeRead(code=await service.referral_code(session, user_id=user.id))


@router.post("/referral-code/regenerate", response_model=ReferralCodeRead)
async def regenerate_referral_code(user: Member, session: SessionDep) -> ReferralCodeRead:
    """A new referral code; the old one stops working."""
    return ReferralCodeRead(code=await service.regenerate_code(session, user_id=user.id))


@router.get("/relationships", response_model=Page[RelationshipRead])
async def list_relationships(
    user: Member,
    session: SessionDep,
    page: Paging,
    kind: Kind | None = None,
    state: State | None = None,
) -> Page[RelationshipRead]:
    """Your relationships (either side), newest first, by kind and state."""
    rows, cursor = await service.list_relationships(
        session, user_id=user.id, page=page, kind=kind, state=state
    )
    return Page(items=[service.relationship_read(r) for r in rows], next_cursor=cursor)


@router.post(
    "/relationships",
    status_code=status.HTTP_201_CREATED,
    response_model=RelationshipRead,
    responses=problems(
        RequestBlocked,
        UserNotFound,
        UserNotActive,
        AlreadyReferred,
        ReferralCycle,
        DuplicateRelationship,
        SelfReferral,
        ValidationFailed,
    ),
)
async def create_relationship(
    body: RelationshipCreate, user: Member, session: SessionDep, response: Response
) -> RelationshipRead:
    """Invite a user into your umbrella (REFERRAL) or request a social relationship."""
    rel = await service.request(session, actor_id=user.id, body=body)
    set_location(response, f"/umbrella/relationships/{rel.id}")
    return service.relationship_read(rel)


@router.get(
    "/relationships/{relationship_id}",
    response_model=RelationshipRead,
    responses=problems(RelationshipNotFound),
)
async def read_relationship(
    relationship_id: uuid.UUID, user: Member, session: SessionDep
) -> RelationshipRead:
    """One of your relationships."""
    return service.relationship_read(await service.load(session, relationship_id, _viewer(user)))


@router.patch(
    "/relationships/{relationship_id}",
    response_model=RelationshipRead,
    responses=problems(NotYourTurn, RelationshipNotFound, ValidationFailed),
)
async def update_relationship(
    relationship_id: uuid.UUID, body: RelationshipUpdate, user: Member, session: SessionDep
) -> RelationshipRead:
    """Change a relationship's note, or a referral's type (the referrer)."""
    rel = await service.update(
        session, viewer=_viewer(user), relationship_id=relationship_id, body=body
    )
    return service.relationship_read(rel)


@router.delete(
    "/relationships/{relationship_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=problems(NotYourTurn, RelationshipNotFound, InvalidRelationshipState, *RACE),
)
async def end_relationship(relationship_id: uuid.UUID, user: Member, session: SessionDep) -> None:
    """Withdraw a pending request, end a relationship or terminate a referral."""
    await service.end(session, viewer=_viewer(user), relationship_id=relationship_id)


@router.post(
    "/relationships/{relationship_id}/accept",
    response_model=RelationshipRead,
    responses=problems(
        NotYourTurn, RelationshipNotFound, InvalidRelationshipState, AlreadyReferred, ReferralCycle
    ),
)
async def accept_relationship(
    relationship_id: uuid.UUID, user: Member, session: SessionDep
) -> RelationshipRead:
    """Accept a request or a referral invitation sent to you."""
    rel = await service.accept(session, viewer=_viewer(user), relationship_id=relationship_id)
    return service.relationship_read(rel)


@router.post(
    "/relationships/{relationship_id}/decline",
    response_model=RelationshipRead,
    responses=problems(NotYourTurn, RelationshipNotFound, InvalidRelationshipState),
)
async def decline_relationship(
    relationship_id: uuid.UUID,
    user: Member,
    session: SessionDep,
    body: DecisionIn | None = None,
) -> RelationshipRead:
    """Decline a request or a referral invitation sent to you (optionally blocking)."""
    rel = await service.decline(
        session,
        viewer=_viewer(user),
        relationship_id=relationship_id,
        block=body.block if body is not None else False,
    )
    return service.relationship_read(rel)


@router.post(
    "/relationships/{relationship_id}/suspend",
    response_model=RelationshipRead,
    responses=problems(RelationshipNotFound, InvalidRelationshipState, *RACE),
)
async def suspend_relationship(
    relationship_id: uuid.UUID, user: Member, session: SessionDep
) -> RelationshipRead:
    """Suspend an ACTIVE referral: no revenue share passes it until it is resumed."""
    rel = await service.suspend_or_resume(
        session, viewer=_viewer(user), relationship_id=relationship_id, resume=False
    )
    return service.relationship_read(rel)


@router.post(
    "/relationships/{relationship_id}/resume",
    response_model=RelationshipRead,
    responses=problems(RelationshipNotFound, InvalidRelationshipState, *RACE),
)
async def resume_relationship(
    relationship_id: uuid.UUID, user: Member, session: SessionDep
) -> RelationshipRead:
    """Resume a SUSPENDED referral."""
    rel = await service.suspend_or_resume(
        session, viewer=_viewer(user), relationship_id=relationship_id, resume=True
    )
    return service.relationship_read(rel)


@router.get("/network/{user_id}", response_model=NetworkRead, responses=problems(PermissionDenied))
async def read_network(user_id: uuid.UUID, user: Member, session: SessionDep) -> NetworkRead:
    """A user's graph to depth 3: people with their level, and the links among them."""
    _self_or_admin(user, user_id)
    return await service.network(session, user_id=user_id)


@router.get("/analytics/{user_id}", response_model=Analytics, responses=problems(PermissionDenied))
async def read_analytics(user_id: uuid.UUID, user: Member, session: SessionDep) -> Analytics:
    """A user's referrals (total, active, depth) and shares earned by day, week and month."""
    _self_or_admin(user, user_id)
    return await service.analytics(session, user_id=user_id)


@router.get("/recommendations", response_model=list[Recommendation])
async def list_recommendations(
    user: Member,
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> list[Recommendation]:
    """People you may know: ranked by shared connections and shared ventures."""
    return await service.recommendations(session, user_id=user.id, limit=limit)


@router.get("/revenue/shares", response_model=Page[ShareRead])
async def list_shares(
    user: Member,
    session: SessionDep,
    page: Paging,
    status_: Annotated[ShareStatus | None, Query(alias="status")] = None,
) -> Page[ShareRead]:
    """Revenue shares you earned, newest first."""
    rows, cursor = await service.list_shares(session, earner_id=user.id, page=page, status=status_)
    return Page(items=[service.share_read(s) for s in rows], next_cursor=cursor)


@router.get(
    "/revenue/shares/{share_id}",
    response_model=ShareRead,
    responses=problems(ShareNotFound),
)
async def read_share(share_id: uuid.UUID, user: Member, session: SessionDep) -> ShareRead:
    """One of your revenue shares."""
    share = await service.get_share(
        session, share_id=share_id, viewer_id=user.id, admin=user.role.is_admin
    )
    return service.share_read(share)
