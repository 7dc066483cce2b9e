"""Who gets what: preferences per type x channel, the users' global switches, quiet hours.

Decided where a notification is created (in-app) and again when each delivery runs (email,
push), never cached in between: a user who switches email off after the notification was
raised and before its job ran gets no email (the stale-preference bug Novu's users hit).
Critical types ignore all of it, and so do their channels' quiet hours.
"""

from __future__ import annotations

import uuid
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.models import utcnow
from brain.domains.notifications.catalog import CHANNELS, TYPES, Channel, NotificationType
from brain.domains.notifications.errors import PreferenceLocked, UnknownNotificationType
from brain.domains.notifications.models import NotificationPreference, QuietHours
from brain.domains.users import service as users
from brain.domains.users.schemas import NotificationShortcuts


@dataclass(frozen=True)
class Decision:
    """Whether a channel goes out for one user, and why not when it does not."""

    channel: Channel
    enabled: bool
    reason: str | None  # "preference", "switched off in settings"


@dataclass(frozen=True)
class UserContext:
    """Everything a send decision needs about one user, read in bulk."""

    explicit: dict[tuple[str, str], bool]  # (type, channel) -> enabled
    switches: NotificationShortcuts
    timezone: str
    quiet: tuple[int, int] | None


async def contexts(
    session: AsyncSession, user_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, UserContext]:
    """The send context of each user in three queries, whatever the number of users."""
    explicit: dict[uuid.UUID, dict[tuple[str, str], bool]] = {u: {} for u in user_ids}
    rows = (
        await session.exec(
            select(NotificationPreference).where(col(NotificationPreference.user_id).in_(user_ids))
        )
    ).all()
    for row in rows:
        explicit[row.user_id][(row.type, row.channel)] = row.enabled
    quiet_rows = (
        await session.exec(select(QuietHours).where(col(QuietHours.user_id).in_(user_ids)))
    ).all()
    quiet = {row.user_id: (row.start_minute, row.end_minute) for row in quiet_rows}
    settings = await users.delivery_settings(session, user_ids)
    return {
        u: UserContext(explicit[u], settings[u][1], settings[u][0], quiet.get(u)) for u in user_ids
    }


def _switch(switches: NotificationShortcuts, channel: Channel) -> bool:
    return {
        Channel.IN_APP: switches.in_app,
        Channel.EMAIL: switches.email,
        Channel.PUSH: switches.push,
    }[channel]


def decide(kind: NotificationType, channel: Channel, ctx: UserContext) -> Decision:
    if kind.critical:
        return Decision(channel, channel in kind.defaults, None)
    explicit = ctx.explicit.get((kind.name, channel.value))
    if explicit is False:
        return Decision(channel, False, "switched off by preference")
    if explicit is None and channel not in kind.defaults:
        return Decision(channel, False, "not enabled for this type")
    if not _switch(ctx.switches, channel):
        return Decision(channel, False, f"{channel.value} switched off in the user's settings")
    return Decision(channel, True, None)


def channels_to_record(kind: NotificationType, ctx: UserContext) -> list[Decision]:
    """A delivery row for each default channel and each channel the user chose explicitly
    (so a switched-off default shows as SKIPPED), none for channels nobody asked for."""
    wanted = [
        c
        for c in CHANNELS
        if c in kind.defaults or (not kind.critical and (kind.name, c.value) in ctx.explicit)
    ]
    return [decide(kind, c, ctx) for c in wanted]


def quiet_until(ctx: UserContext, now: datetime) -> datetime | None:
    """The end of the user's quiet hours if `now` falls in them (in the user's time zone),
    else None."""
    if ctx.quiet is None:
        return None
    start, end = ctx.quiet
    try:
        tz = zoneinfo.ZoneInfo(ctx.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        tz = zoneinfo.ZoneInfo("UTC")
    local = now.astimezone(tz)
    minute = local.hour * 60 + local.minute
    inside = start <= minute < end if start < end else (minute >= start or minute < end)
    if not inside:
        return None
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    days = 1 if start > end and minute >= start else 0
    # Wall-clock arithmetic in the zone, then back to UTC: a DST change moves the end with the
    # clock, as the user expects.
    end_local = (midnight + timedelta(days=days)).replace(tzinfo=None) + timedelta(minutes=end)
    return end_local.replace(tzinfo=tz).astimezone(now.tzinfo)


# -- the preferences API ---------------------------------------------------------------------


async def put(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    changes: Sequence[tuple[str, Channel, bool]],
    quiet: tuple[int, int] | bool | None,
) -> None:
    """Set the named (type, channel) pairs only. `quiet`: False leaves quiet hours as they
    are, None removes them, a pair sets them."""
    for type_, _channel, _enabled in changes:
        kind = TYPES.get(type_)
        if kind is None:
            raise UnknownNotificationType(f"no notification type {type_!r}")
        if kind.critical:
            raise PreferenceLocked(f"{type_} is always sent and cannot be switched off")
    now = utcnow()
    for type_, channel, enabled in changes:
        row = await session.get(NotificationPreference, (user_id, type_, channel.value))
        if row is None:
            row = NotificationPreference(
                user_id=user_id, type=type_, channel=channel.value, enabled=enabled
            )
        row.enabled = enabled
        row.updated_at = now
        session.add(row)
    if quiet is not False:
        existing = await session.get(QuietHours, user_id)
        if quiet is None or quiet is True:
            if existing is not None:
                await session.delete(existing)
        else:
            row_q = existing or QuietHours(user_id=user_id, start_minute=0, end_minute=1)
            row_q.start_minute, row_q.end_minute = quiet
            row_q.updated_at = now
            session.add(row_q)
    await session.flush()
