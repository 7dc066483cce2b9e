"""`/api/users`: accounts, profiles, settings, activity and stats.

Access, route by route: your own data and admins (`users:read_private` to read,
`users:manage` to change) see everything; other signed-in members see public fields and the
profile fields whose visibility allows it; nobody changes another user's data without
`users:manage`. Inactive accounts are 404 to non-admins. The data export of someone else
needs `users:export` (SUPER_ADMIN): it holds every domain's data, not only this one's.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import Depends, Query, Response, status
from fastapi.responses import StreamingResponse

from brain.core import export, ratelimit
from brain.core.db import SessionDep, writes
from brain.core.errors import PermissionDenied
from brain.core.models import utcnow
from brain.core.openapi import problems
from brain.core.pagination import PageParams, page_params
from brain.core.routes import DomainRouter, set_location
from brain.core.schemas import Page
from brain.domains.auth.deps import (
    AuthenticatedUser,
    CurrentUser,
    OptionalUser,
    require_permission,
)
from brain.domains.users import service
from brain.domains.users.errors import EmailTaken, SelfChangeForbidden, UserNotFound
from brain.domains.users.models import User
from brain.domains.users.schemas import (
    ActivityRead,
    ProfileRead,
    ProfileUpdate,
    Role,
    SettingsRead,
    SettingsUpdate,
    UserCreate,
    UserExport,
    UserRead,
    UserReplace,
    UserStats,
    UserStatus,
    UserUpdate,
    Visibility,
)

router = DomainRouter(prefix="/users", tags=["users"])

READ_PRIVATE = "users:read_private"
MANAGE = "users:manage"

EXPORT = "users:export"

Manager = Annotated[AuthenticatedUser, Depends(require_permission(MANAGE))]
# Declared after CurrentUser in the route, so it counts per caller (brain/core/ratelimit.py).
export_rate_limit = ratelimit.rate_limit(
    "users.export",
    limit=lambda s: s.rate_limit_exports_per_hour,
    window_seconds=3600,
    key="user",
)


def _reads_all(viewer: AuthenticatedUser | None, user_id: uuid.UUID) -> bool:
    return viewer is not None and (
        viewer.id == user_id or viewer.can(READ_PRIVATE) or viewer.can(MANAGE)
    )


def _writes(viewer: AuthenticatedUser, user_id: uuid.UUID) -> bool:
    return viewer.id == user_id or viewer.can(MANAGE)


async def _visible_user(
    session: SessionDep, user_id: uuid.UUID, viewer: AuthenticatedUser | None
) -> User:
    user = await service.get_user(session, user_id)
    if user.status != UserStatus.ACTIVE and not _reads_all(viewer, user_id):
        raise UserNotFound()
    return user


@router.get("", response_model=Page[UserRead])
async def list_users(
    viewer: CurrentUser,
    session: SessionDep,
    page: Annotated[PageParams, Depends(page_params)],
    query: Annotated[
        str | None,
        Query(max_length=100, description="Matches display names (and emails, for admins)."),
    ] = None,
    role: Annotated[Role | None, Query(description="Only users with this role.")] = None,
    status_: Annotated[
        UserStatus | None,
        Query(alias="status", description="Only users with this status (admins only)."),
    ] = None,
) -> Page[UserRead]:
    """List and search users, newest first."""
    full = viewer.can(READ_PRIVATE) or viewer.can(MANAGE)
    rows, next_cursor = await service.list_users(
        session,
        query=query,
        role=role,
        status=status_,
        page=page,
        full=full,
    )
    items = [service.user_read(u, full=full or u.id == viewer.id) for u in rows]
    return Page[UserRead](items=items, next_cursor=next_cursor)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=UserRead,
    responses=problems(EmailTaken),
)
async def create_user(
    body: UserCreate, admin: Manager, session: SessionDep, response: Response
) -> UserRead:
    """Create an account (admins); it starts as GUEST without a password."""
    user = await service.create_user(
        session,
        email=str(body.email),
        display_name=body.display_name,
        first_name=body.first_name,
        last_name=body.last_name,
        source="admin",
        actor_id=admin.id,
    )
    set_location(response, f"/users/{user.id}")
    return service.user_read(user, full=True)


@router.get("/me", response_model=UserRead)
async def read_me(viewer: CurrentUser, session: SessionDep) -> UserRead:
    """You (an alias of `GET /api/users/{your id}`)."""
    return service.user_read(await service.get_user(session, viewer.id), full=True)


@router.get("/{user_id}", response_model=UserRead, responses=problems(UserNotFound))
async def read_user(user_id: uuid.UUID, viewer: CurrentUser, session: SessionDep) -> UserRead:
    """A user: every field for yourself and admins, public fields for other members."""
    user = await _visible_user(session, user_id, viewer)
    return service.user_read(user, full=_reads_all(viewer, user_id))


async def _update(
    session: SessionDep, user_id: uuid.UUID, viewer: AuthenticatedUser, changes: dict[str, Any]
) -> UserRead:
    user = await _visible_user(session, user_id, viewer)
    if not _writes(viewer, user_id):
        raise PermissionDenied("You can only change your own account.")
    if "status" in changes or "status_reason" in changes:
        if viewer.id == user_id:
            raise SelfChangeForbidden()
        if not viewer.can(MANAGE):
            raise PermissionDenied("Changing a user's status needs `users:manage`.")
    if "email" in changes:
        # Changing your own address needs proof you own the new one (auth's email change);
        # an admin's edit is the support path, and the new address starts unverified.
        if not viewer.can(MANAGE):
            raise PermissionDenied("Changing a user's email needs `users:manage`.")
        if viewer.id == user_id:
            raise SelfChangeForbidden("You cannot change your own email here.")
    user = await service.update_user(session, user, changes=changes, actor_id=viewer.id)
    return service.user_read(user, full=True)


@router.patch(
    "/{user_id}",
    response_model=UserRead,
    responses=problems(PermissionDenied, SelfChangeForbidden, UserNotFound, EmailTaken),
)
async def update_user(
    user_id: uuid.UUID, body: UserUpdate, viewer: CurrentUser, session: SessionDep
) -> UserRead:
    """Change some fields of your account (admins: anyone's, including status)."""
    changes = body.model_dump(exclude_unset=True)
    for field in ("display_name", "email"):
        if field in changes and changes[field] is None:
            changes.pop(field)
    if "status" in changes and changes["status"] is not None:
        changes["status"] = UserStatus(changes["status"]).value
    elif "status" in changes:
        changes.pop("status")
    return await _update(session, user_id, viewer, changes)


@router.put(
    "/{user_id}",
    response_model=UserRead,
    responses=problems(PermissionDenied, SelfChangeForbidden, UserNotFound),
)
async def replace_user(
    user_id: uuid.UUID, body: UserReplace, viewer: CurrentUser, session: SessionDep
) -> UserRead:
    """Replace the personal fields of your account (admins: anyone's)."""
    return await _update(session, user_id, viewer, body.model_dump())


@router.delete(
    "/{user_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(PermissionDenied, UserNotFound),
)
async def delete_user(user_id: uuid.UUID, viewer: CurrentUser, session: SessionDep) -> Response:
    """Close an account: deactivated and pseudonymized; the id stays (yours, or admins)."""
    await _visible_user(session, user_id, viewer)
    if not _writes(viewer, user_id):
        raise PermissionDenied("You can only close your own account.")
    await service.deactivate_user(session, user_id=user_id, actor_id=viewer.id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/{user_id}/profile", response_model=ProfileRead, responses=problems(UserNotFound))
async def read_profile(
    user_id: uuid.UUID, viewer: OptionalUser, session: SessionDep
) -> ProfileRead:
    """A profile, showing each field only to those its visibility allows."""
    user = await _visible_user(session, user_id, viewer)
    if _reads_all(viewer, user_id):
        who: service.Viewer = "owner"
    else:
        who = "member" if viewer is not None else "anonymous"
    return await service.get_profile(session, user, viewer=who)


@router.put(
    "/{user_id}/profile",
    response_model=ProfileRead,
    responses=problems(PermissionDenied, UserNotFound),
)
async def replace_profile(
    user_id: uuid.UUID, body: ProfileUpdate, viewer: CurrentUser, session: SessionDep
) -> ProfileRead:
    """Replace your profile and its per-field visibility."""
    user = await _visible_user(session, user_id, viewer)
    if not _writes(viewer, user_id):
        raise PermissionDenied("You can only change your own profile.")
    return await service.put_profile(session, user, body, actor_id=viewer.id)


@router.get(
    "/{user_id}/settings",
    response_model=SettingsRead,
    responses=problems(PermissionDenied, UserNotFound),
)
async def read_settings(
    user_id: uuid.UUID, viewer: CurrentUser, session: SessionDep
) -> SettingsRead:
    """Your settings (private: only you and admins)."""
    await _visible_user(session, user_id, viewer)
    if not _reads_all(viewer, user_id):
        raise PermissionDenied("Settings are private.")
    return await service.get_settings(session, user_id)


@router.put(
    "/{user_id}/settings",
    response_model=SettingsRead,
    responses=problems(PermissionDenied, UserNotFound),
)
async def replace_settings(
    user_id: uuid.UUID, body: SettingsUpdate, viewer: CurrentUser, session: SessionDep
) -> SettingsRead:
    """Replace your settings."""
    await _visible_user(session, user_id, viewer)
    if not _writes(viewer, user_id):
        raise PermissionDenied("Settings are private.")
    return await service.put_settings(session, user_id, body)


async def _check_activity_access(
    session: SessionDep, user_id: uuid.UUID, viewer: AuthenticatedUser
) -> User:
    user = await _visible_user(session, user_id, viewer)
    if not _reads_all(viewer, user_id):
        # Only signed-in callers reach here, so "members" and "public" both allow.
        if await service.activity_visibility(session, user_id) == Visibility.PRIVATE:
            raise PermissionDenied("This user's activity is private.")
    return user


@router.get(
    "/{user_id}/activity",
    response_model=Page[ActivityRead],
    responses=problems(PermissionDenied, UserNotFound),
)
async def read_activity(
    user_id: uuid.UUID,
    viewer: CurrentUser,
    session: SessionDep,
    page: Annotated[PageParams, Depends(page_params)],
) -> Page[ActivityRead]:
    """The user's recent activity, newest first (private unless the user shares it)."""
    await _check_activity_access(session, user_id, viewer)
    items, next_cursor = await service.list_activity(session, user_id=user_id, page=page)
    return Page[ActivityRead](items=items, next_cursor=next_cursor)


@router.get(
    "/{user_id}/stats",
    response_model=UserStats,
    responses=problems(PermissionDenied, UserNotFound),
)
async def read_stats(user_id: uuid.UUID, viewer: CurrentUser, session: SessionDep) -> UserStats:
    """Counters for the user (same visibility as the activity feed)."""
    user = await _check_activity_access(session, user_id, viewer)
    return await service.user_stats(session, user)


@router.get(
    "/{user_id}/export",
    response_model=None,
    responses={
        200: {
            "model": UserExport,
            "description": "The export document, as a JSON attachment.",
            "headers": {
                "Content-Disposition": {
                    "description": '`attachment; filename="smartstart-export-<user id>-'
                    '<YYYY-MM-DD>.json"`',
                    "schema": {"type": "string"},
                }
            },
        },
        **problems(PermissionDenied, UserNotFound),
    },
)
@writes
async def export_user_data(
    user_id: uuid.UUID,
    viewer: CurrentUser,
    _limit: Annotated[None, Depends(export_rate_limit)],
    session: SessionDep,
) -> StreamingResponse:
    """Everything the platform holds on a user, as one JSON document (yours, or admins).

    GDPR art. 15 and 20: the account, profile, settings and activity, sessions and the
    security audit entries about the user, signatures with their evidence and the documents
    the user is party to, the BUZ accounts, ledger legs and stakes, state-machine instances,
    and the emails sent to the user: one key per domain. Streamed, so a long history costs
    the server one page of rows at a time. Each export is recorded in the user's activity and
    the security audit log. Limited to `BRAIN_RATE_LIMIT_EXPORTS_PER_HOUR` per caller.
    """
    if viewer.id != user_id and not viewer.can(EXPORT):
        raise PermissionDenied("You can only export your own data.")
    await service.get_user(session, user_id)
    await service.record_export(session, user_id=user_id, actor_id=viewer.id)
    generated_at = utcnow()
    filename = f"smartstart-export-{user_id}-{generated_at:%Y-%m-%d}.json"
    return StreamingResponse(
        export.stream_document(user_id, generated_at=generated_at),
        media_type="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            # Personal data: no shared cache may keep a copy.
            "Cache-Control": "no-store",
        },
    )
