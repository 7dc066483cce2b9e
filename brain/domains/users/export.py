"""The users domain's part of a user's data export (brain/core/export.py): the account,
profile, settings and the whole activity feed."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.export import DataExport, json_object, jsonable, keyset_rows
from brain.domains.users import service
from brain.domains.users.models import User, UserActivity, UserProfile, UserSettings


def _account(user: User) -> dict[str, Any]:
    return json_object(user.model_dump())


def _profile(profile: UserProfile) -> dict[str, Any]:
    # Every field whatever its visibility (the user owns them all), and the visibility itself.
    return json_object(profile.model_dump(exclude={"user_id"}))


def _activity(row: UserActivity) -> dict[str, Any]:
    return json_object(
        {
            "event_id": row.event_id,
            "kind": row.kind,
            "occurred_at": row.occurred_at,
            "data": row.data,
        }
    )


async def collect(session: AsyncSession, user_id: uuid.UUID) -> dict[str, Any]:
    user = await service.get_user(session, user_id)
    profile = await session.get(UserProfile, user_id)
    # Read as stored: the service's getter would create a missing row, and this is a read.
    settings = await session.get(UserSettings, user_id)
    activity = select(UserActivity).where(UserActivity.user_id == user_id)
    return {
        "account": _account(user),
        "profile": _profile(profile) if profile is not None else None,
        "settings": jsonable(service.settings_read(settings)) if settings else None,
        "activity": keyset_rows(session, service.ACTIVITY, activity, _activity),
    }


EXPORT = DataExport(
    collect=collect, tables=("users", "user_profiles", "user_settings", "user_activity")
)
