"""`/api/notifications`: my inbox and its unread count, read/unread/archive/delete, my
preferences (type x channel, quiet hours), my push devices, the delivery status of each of my
notifications; admins send announcements and list deliveries.

Every inbox route is the caller's own: another user's notification is 404, as if it did not
exist (admins included: an inbox is private; admins see deliveries, not contents).
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Query, Response, status

from brain.core.config import get_settings
from brain.core.db import SessionDep
from brain.core.openapi import problems
from brain.core.pagination import PageParams, page_params
from brain.core.routes import DomainRouter, set_location
from brain.core.schemas import Page
from brain.domains.auth.deps import AuthenticatedUser, CurrentUser, require_permission
from brain.domains.notifications import admin, announcements, delivery, inbox, preferences, push
from brain.domains.notifications.catalog import CHANNELS, TYPES, Channel
from brain.domains.notifications.errors import (
    AnnouncementNotFound,
    DeviceNotFound,
    InvalidPushEndpoint,
    InvalidUnsubscribeToken,
    NotificationNotFound,
    PreferenceLocked,
    UnknownNotificationType,
)
from brain.domains.notifications.models import DeliveryStatus
from brain.domains.notifications.schemas import (
    AdminDeliveryRead,
    AnnouncementCreate,
    AnnouncementRead,
    DeliveryRead,
    DeviceCreate,
    DeviceRead,
    NotificationRead,
    PreferenceItem,
    PreferencesRead,
    PreferencesUpdate,
    QuietHoursBody,
    ReadAllResult,
    UnreadCount,
    VapidKey,
)

router = DomainRouter(prefix="/notifications", tags=["notifications"])

Admin = Annotated[AuthenticatedUser, Depends(require_permission("notifications:manage"))]
Paging = Annotated[PageParams, Depends(page_params)]
# Another user's notification is 404 too, as if it did not exist.
NOT_MINE = problems(NotificationNotFound)


@router.get("", response_model=Page[NotificationRead])
async def list_inbox(
    user: CurrentUser,
    session: SessionDep,
    page: Paging,
    unread: Annotated[
        bool | None, Query(description="true: unread only; false: read only.")
    ] = None,
    type: Annotated[str | None, Query(max_length=60, description="One type only.")] = None,
    archived: Annotated[
        bool, Query(description="true: the archived items instead of the inbox.")
    ] = False,
) -> Page[NotificationRead]:
    """My inbox, newest first; filter by unread, type, archived."""
    rows, cursor = await inbox.list_inbox(
        session, user_id=user.id, unread=unread, type_=type, archived=archived, page=page
    )
    return Page(items=[inbox.to_read(r) for r in rows], next_cursor=cursor)


@router.get("/unread-count", response_model=UnreadCount)
async def unread_count(user: CurrentUser, session: SessionDep) -> UnreadCount:
    """How many inbox items I have not read (a counter, not a count)."""
    return UnreadCount(unread=await inbox.unread_count(session, user.id))


@router.post("/read-all", response_model=ReadAllResult)
async def read_all(user: CurrentUser, session: SessionDep) -> ReadAllResult:
    """Mark every item of my inbox read."""
    marked = await inbox.mark_all_read(session, user_id=user.id)
    return ReadAllResult(marked=marked, unread=await inbox.unread_count(session, user.id))


def _preferences_read(ctx: preferences.UserContext) -> PreferencesRead:
    items: list[PreferenceItem] = []
    for kind in TYPES.values():
        for channel in CHANNELS:
            decision = preferences.decide(kind, channel, ctx)
            explicit = ctx.explicit.get((kind.name, channel.value))
            items.append(
                PreferenceItem(
                    type=kind.name,
                    channel=channel,
                    enabled=decision.enabled if kind.critical else (
                        explicit if explicit is not None else channel in kind.defaults
                    ),
                    default=channel in kind.defaults,
                    locked=kind.critical,
                )
            )  # fmt: skip
    quiet = None
    if ctx.quiet is not None:
        start, end = ctx.quiet
        quiet = QuietHoursBody(
            start=f"{start // 60:02d}:{start % 60:02d}", end=f"{end // 60:02d}:{end % 60:02d}"
        )
    return PreferencesRead(preferences=items, quiet_hours=quiet, timezone=ctx.timezone)


@router.get("/preferences", response_model=PreferencesRead)
async def get_preferences(user: CurrentUser, session: SessionDep) -> PreferencesRead:
    """Every type x channel with whether it is on for me, and my quiet hours."""
    ctx = (await preferences.contexts(session, [user.id]))[user.id]
    return _preferences_read(ctx)


@router.put(
    "/preferences",
    response_model=PreferencesRead,
    responses=problems(UnknownNotificationType, PreferenceLocked),
)
async def put_preferences(
    body: PreferencesUpdate, user: CurrentUser, session: SessionDep
) -> PreferencesRead:
    """Change the named type x channel pairs only (and quiet hours, if given)."""
    quiet: tuple[int, int] | bool | None = False
    if body.clear_quiet_hours:
        quiet = None
    elif body.quiet_hours is not None:
        quiet = body.quiet_hours.minutes()
    await preferences.put(
        session,
        user_id=user.id,
        changes=[(p.type, Channel(p.channel), p.enabled) for p in body.preferences],
        quiet=quiet,
    )
    ctx = (await preferences.contexts(session, [user.id]))[user.id]
    return _preferences_read(ctx)


@router.post(
    "/unsubscribe",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(InvalidUnsubscribeToken),
)
async def unsubscribe(
    session: SessionDep,
    token: Annotated[str, Query(min_length=1, max_length=300)],
) -> Response:
    """One-click unsubscribe from an email's `List-Unsubscribe` link (RFC 8058).

    The signed token names the user and the type; that type's emails are switched off.
    """
    user_id, type_ = delivery.read_unsubscribe_token(token)
    await preferences.put(session, user_id=user_id, changes=[(type_, Channel.EMAIL, False)],
                          quiet=False)  # fmt: skip
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/devices", response_model=list[DeviceRead])
async def list_devices(user: CurrentUser, session: SessionDep) -> list[DeviceRead]:
    """My registered push devices."""
    rows = await push.list_devices(session, user.id)
    return [DeviceRead.model_validate(r, from_attributes=True) for r in rows]


@router.post(
    "/devices",
    status_code=status.HTTP_201_CREATED,
    response_model=DeviceRead,
    responses={
        200: {"model": DeviceRead, "description": "Already registered: refreshed."},
        **problems(InvalidPushEndpoint),
    },
)
async def register_device(
    body: DeviceCreate, user: CurrentUser, session: SessionDep, response: Response
) -> DeviceRead:
    """Register this browser's push subscription (`PushSubscription.toJSON()`)."""
    row, created = await push.register_device(
        session, user_id=user.id, endpoint=body.endpoint, p256dh=body.keys.p256dh,
        auth=body.keys.auth,
    )  # fmt: skip
    # No route reads one device: its URL is the list of my devices.
    set_location(response, "/notifications/devices")
    if not created:
        response.status_code = status.HTTP_200_OK
    return DeviceRead.model_validate(row, from_attributes=True)


@router.delete(
    "/devices", status_code=status.HTTP_204_NO_CONTENT, responses=problems(DeviceNotFound)
)
async def remove_device(
    user: CurrentUser,
    session: SessionDep,
    endpoint: Annotated[str, Query(min_length=1, max_length=1000)],
) -> Response:
    """Remove one of my push devices (by its endpoint)."""
    await push.remove_device(session, user_id=user.id, endpoint=endpoint)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/devices/vapid-key", response_model=VapidKey)
async def vapid_key(user: CurrentUser) -> VapidKey:  # noqa: ARG001
    """The VAPID public key to subscribe a browser with."""
    return VapidKey(public_key=get_settings().vapid_public_key)


@router.post(
    "/admin/announcements",
    status_code=status.HTTP_201_CREATED,
    response_model=AnnouncementRead,
)
async def create_announcement(
    body: AnnouncementCreate, admin_user: Admin, session: SessionDep, response: Response
) -> AnnouncementRead:
    """Send a system announcement to everyone or to one role (fanned out by a job)."""
    row = await announcements.create(
        session, title=body.title, body=body.body, role=body.role, actor_id=admin_user.id
    )
    set_location(response, f"/notifications/admin/announcements/{row.id}")
    return AnnouncementRead.model_validate(row, from_attributes=True)


@router.get(
    "/admin/announcements/{announcement_id}",
    response_model=AnnouncementRead,
    responses=problems(AnnouncementNotFound),
)
async def get_announcement(
    announcement_id: uuid.UUID,
    admin_user: Admin,  # noqa: ARG001
    session: SessionDep,
) -> AnnouncementRead:
    """An announcement and how far its fan-out is."""
    row = await admin.announcement(session, announcement_id)
    return AnnouncementRead.model_validate(row, from_attributes=True)


@router.get("/admin/deliveries", response_model=Page[AdminDeliveryRead])
async def list_deliveries(
    admin_user: Admin,  # noqa: ARG001
    session: SessionDep,
    page: Paging,
    status: DeliveryStatus | None = None,
    channel: Channel | None = None,
) -> Page[AdminDeliveryRead]:
    """Every delivery, newest first; filter by status (FAILED: what needs a look)."""
    rows, cursor = await admin.list_deliveries(session, status=status, channel=channel, page=page)
    items = [AdminDeliveryRead.model_validate(r, from_attributes=True) for r in rows]
    return Page(items=items, next_cursor=cursor)


@router.get("/{notification_id}", response_model=NotificationRead, responses=NOT_MINE)
async def get_notification(
    notification_id: uuid.UUID, user: CurrentUser, session: SessionDep
) -> NotificationRead:
    """One item of my inbox."""
    return inbox.to_read(await inbox.get(session, user_id=user.id, notification_id=notification_id))


@router.post("/{notification_id}/read", response_model=NotificationRead, responses=NOT_MINE)
async def mark_read(
    notification_id: uuid.UUID, user: CurrentUser, session: SessionDep
) -> NotificationRead:
    """Mark one item read."""
    row = await inbox.mark_read(session, user_id=user.id, notification_id=notification_id)
    return inbox.to_read(row)


@router.post("/{notification_id}/unread", response_model=NotificationRead, responses=NOT_MINE)
async def mark_unread(
    notification_id: uuid.UUID, user: CurrentUser, session: SessionDep
) -> NotificationRead:
    """Mark one item unread again."""
    row = await inbox.mark_unread(session, user_id=user.id, notification_id=notification_id)
    return inbox.to_read(row)


@router.post("/{notification_id}/archive", response_model=NotificationRead, responses=NOT_MINE)
async def archive(
    notification_id: uuid.UUID, user: CurrentUser, session: SessionDep
) -> NotificationRead:
    """Archive one item (it leaves the inbox view and counts as read)."""
    row = await inbox.archive(session, user_id=user.id, notification_id=notification_id)
    return inbox.to_read(row)


@router.delete("/{notification_id}", status_code=status.HTTP_204_NO_CONTENT, responses=NOT_MINE)
async def delete(notification_id: uuid.UUID, user: CurrentUser, session: SessionDep) -> Response:
    """Delete one item from my inbox."""
    await inbox.delete(session, user_id=user.id, notification_id=notification_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/{notification_id}/deliveries", response_model=list[DeliveryRead], responses=NOT_MINE)
async def deliveries(
    notification_id: uuid.UUID, user: CurrentUser, session: SessionDep
) -> list[DeliveryRead]:
    """How each channel of one of my notifications went (PENDING, SENT, FAILED, SKIPPED)."""
    await inbox.get(session, user_id=user.id, notification_id=notification_id)
    rows = await admin.deliveries_of(session, notification_id)
    return [DeliveryRead.model_validate(r, from_attributes=True) for r in rows]
