"""The gamification domain's part of a user's data export (brain/core/export.py).

- `stats`: XP, level, badges held, BUZ held as last seen, streaks;
- `xp_awards`: every XP row of the user (awards and reversals), streamed;
- `badges`: every badge earned, with its revocation if any;
- `login_days`, `facts` and `buz_changes`: what the user did that the rules count;
- `admin_actions_about_me`: what admins did to the user's XP and badges, without naming the
  admin (another user's identity is theirs), and the admin actions the user made themselves.
"""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.export import DataExport, json_object, keyset_rows
from brain.core.pagination import Keyset
from brain.domains.gamification.models import (
    AdminAction,
    BuzChange,
    LoginDay,
    RuleSetting,
    UserBadge,
    UserFact,
    UserStats,
    XpAward,
)

AWARDS = Keyset(
    "gamification.export_awards",
    sa.inspect(XpAward).columns.occurred_at,
    sa.inspect(XpAward).columns.id,
)
BUZ_CHANGES = Keyset(
    "gamification.export_buz_changes",
    sa.inspect(BuzChange).columns.occurred_at,
    sa.inspect(BuzChange).columns.transfer_id,
)


def _award(row: XpAward) -> dict[str, Any]:
    return json_object(row.model_dump(exclude={"user_id", "actor_id", "day"}))


def _buz_change(row: BuzChange) -> dict[str, Any]:
    return json_object(row.model_dump(exclude={"user_id"}))


async def collect(session: AsyncSession, user_id: uuid.UUID) -> dict[str, Any]:
    stats = await session.get(UserStats, user_id)
    badges = await session.exec(select(UserBadge).where(UserBadge.user_id == user_id))
    days = await session.exec(select(col(LoginDay.day)).where(LoginDay.user_id == user_id))
    facts = await session.exec(select(UserFact).where(UserFact.user_id == user_id))
    about = await session.exec(select(AdminAction).where(AdminAction.user_id == user_id))
    made = await session.exec(select(AdminAction).where(AdminAction.actor_id == user_id))
    rules = await session.exec(select(RuleSetting).where(RuleSetting.updated_by == user_id))
    return {
        "stats": json_object(stats.model_dump(exclude={"user_id", "version"})) if stats else None,
        "xp_awards": keyset_rows(
            session, AWARDS, select(XpAward).where(XpAward.user_id == user_id), _award
        ),
        "badges": [
            json_object(b.model_dump(exclude={"user_id", "awarded_by", "revoked_by"}))
            for b in badges.all()
        ],
        "login_days": sorted(d.isoformat() for d in days.all()),
        "facts": [json_object(f.model_dump(exclude={"user_id"})) for f in facts.all()],
        "buz_changes": keyset_rows(
            session,
            BUZ_CHANGES,
            select(BuzChange).where(col(BuzChange.user_id) == user_id),
            _buz_change,
        ),
        "admin_actions_about_me": [
            json_object(a.model_dump(exclude={"actor_id", "user_id"})) for a in about.all()
        ],
        "admin_actions_made": [json_object(a.model_dump(exclude={"actor_id"})) for a in made.all()],
        "rule_changes_made": [json_object(r.model_dump()) for r in rules.all()],
    }


EXPORT = DataExport(
    collect=collect,
    tables=(
        "gamification_xp_awards",
        "gamification_user_stats",
        "gamification_user_badges",
        "gamification_facts",
        "gamification_login_days",
        "gamification_buz_changes",
        "gamification_rule_settings",
        "gamification_admin_actions",
    ),
)
