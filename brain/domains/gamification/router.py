"""`/api/gamification`: profiles, XP history, badges, leaderboards, rankings, and the admin
operations.

Access: every route needs `gamification:read` (MEMBER and up). Levels, badges and ranks are
public among members (they are on the leaderboards); a user's XP history is theirs and the
admins' (403 otherwise). The admin routes need `gamification:manage` (SUPER_ADMIN) and are
audited. No route awards XP: XP comes only from domain events, and an admin cannot award a
badge to themselves.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import Depends, Query

from brain.core.db import SessionDep
from brain.core.errors import PermissionDenied
from brain.core.openapi import problems
from brain.core.pagination import PageParams, page_params
from brain.core.routes import DomainRouter
from brain.core.schemas import Page
from brain.domains.auth.deps import AuthenticatedUser, require_permission
from brain.domains.buz.errors import InsufficientFunds
from brain.domains.gamification import service
from brain.domains.gamification.errors import (
    AwardNotFound,
    AwardNotReversible,
    BadgeAlreadyHeld,
    BadgeNotHeld,
    SelfAwardForbidden,
)
from brain.domains.gamification.rules import Category, Period, Rule
from brain.domains.gamification.schemas import (
    BadgeAdminAction,
    BadgeCatalogue,
    LeaderboardRead,
    ProfileRead,
    RankingsRead,
    RuleRead,
    RuleUpdate,
    UserBadgeRead,
    UserBadges,
    XpAwardRead,
    XpReverse,
)
from brain.domains.users.errors import UserNotFound

router = DomainRouter(prefix="/gamification", tags=["gamification"])

Reader = Annotated[AuthenticatedUser, Depends(require_permission("gamification:read"))]
Admin = Annotated[AuthenticatedUser, Depends(require_permission("gamification:manage"))]
Paging = Annotated[PageParams, Depends(page_params)]
MANAGE = "gamification:manage"


@router.get("/profile/{user_id}", response_model=ProfileRead, responses=problems(UserNotFound))
async def get_profile(user_id: uuid.UUID, _user: Reader, session: SessionDep) -> ProfileRead:
    """A user's XP, level, progress to the next level, badges and login streak."""
    return await service.profile(session, user_id=user_id)


@router.get(
    "/xp/{user_id}",
    response_model=Page[XpAwardRead],
    responses=problems(PermissionDenied, UserNotFound),
)
async def list_xp(
    user_id: uuid.UUID, user: Reader, session: SessionDep, page: Paging
) -> Page[XpAwardRead]:
    """Your XP history, newest first (admins: anyone's). Reversals are rows of their own."""
    if user_id != user.id and not user.can(MANAGE):
        raise PermissionDenied("Only you and the admins see your XP history.")
    rows, cursor = await service.xp_history(session, user_id=user_id, page=page)
    return Page(
        items=[XpAwardRead.model_validate(r.model_dump()) for r in rows], next_cursor=cursor
    )


@router.get("/badges", response_model=BadgeCatalogue)
async def list_badges(_user: Reader, session: SessionDep) -> BadgeCatalogue:
    """Every badge: rarity, what earns it, its XP and BUZ."""
    return BadgeCatalogue(items=await service.badge_catalogue(session))


@router.get("/badges/{user_id}", response_model=UserBadges, responses=problems(UserNotFound))
async def get_user_badges(user_id: uuid.UUID, _user: Reader, session: SessionDep) -> UserBadges:
    """Each badge for a user: earned (when) or the progress toward it."""
    return await service.user_badges(session, user_id=user_id)


@router.get("/leaderboard/{category}", response_model=LeaderboardRead)
async def get_leaderboard(
    category: Category,
    user: Reader,
    session: SessionDep,
    period: Period = Period.ALL_TIME,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    around: Annotated[
        Literal["me"] | None, Query(description="`me`: the page around your own rank.")
    ] = None,
) -> LeaderboardRead:
    """A leaderboard (XP, BUZ held, badges) for all time, this week or this month (UTC)."""
    return await service.leaderboard_page(
        session,
        category=category,
        period=period,
        limit=limit,
        viewer_id=user.id,
        around_me=around == "me",
    )


@router.get("/rankings/{user_id}", response_model=RankingsRead, responses=problems(UserNotFound))
async def get_rankings(user_id: uuid.UUID, _user: Reader, session: SessionDep) -> RankingsRead:
    """A user's rank and score on every board."""
    return await service.rankings(session, user_id=user_id)


def _badge_read(row: object) -> UserBadgeRead:
    return UserBadgeRead.model_validate(row, from_attributes=True)


@router.post(
    "/admin/badges/award",
    response_model=UserBadgeRead,
    # The badge's BUZ comes from the user-rewards pool: 409 INSUFFICIENT_FUNDS if it ran dry.
    responses=problems(SelfAwardForbidden, UserNotFound, BadgeAlreadyHeld, InsufficientFunds),
)
async def award_badge(body: BadgeAdminAction, admin: Admin, session: SessionDep) -> UserBadgeRead:
    """Award a badge to another user, with a reason (audited; its XP and BUZ paid once)."""
    row = await service.award_badge(
        session, actor_id=admin.id, user_id=body.user_id, badge=body.badge, reason=body.reason
    )
    return _badge_read(row)


@router.post(
    "/admin/badges/revoke",
    response_model=UserBadgeRead,
    responses=problems(UserNotFound, BadgeNotHeld),
)
async def revoke_badge(body: BadgeAdminAction, admin: Admin, session: SessionDep) -> UserBadgeRead:
    """Revoke a user's badge, with a reason (audited)."""
    row = await service.revoke_badge(
        session, actor_id=admin.id, user_id=body.user_id, badge=body.badge, reason=body.reason
    )
    return _badge_read(row)


@router.post(
    "/admin/xp/reverse",
    response_model=XpAwardRead,
    responses=problems(AwardNotFound, AwardNotReversible),
)
async def reverse_xp(body: XpReverse, admin: Admin, session: SessionDep) -> XpAwardRead:
    """Reverse an XP award with a reversing row (audited); an award is reversed once."""
    row = await service.reverse_award(
        session, actor_id=admin.id, award_id=body.award_id, reason=body.reason
    )
    return XpAwardRead.model_validate(row.model_dump())


@router.put("/admin/rules/{rule}", response_model=RuleRead)
async def update_rule(rule: Rule, body: RuleUpdate, admin: Admin, session: SessionDep) -> RuleRead:
    """Change a rule's XP amount (audited); it applies to events handled from now on."""
    setting = await service.set_rule_xp(
        session, actor_id=admin.id, rule=rule, xp=body.xp, reason=body.reason
    )
    return service.rule_read(rule, setting)
