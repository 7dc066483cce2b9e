"""What an admin (`gamification:manage`) may do: award or revoke a badge, reverse an XP award,
change a rule's amount. Each writes its `gamification_admin_actions` row in the same
transaction as the change, so the audit trail has an entry exactly when the change happened.

Nobody awards themselves: awarding a badge to oneself is refused (403
`SELF_AWARD_FORBIDDEN`); a reversal and a revocation only take away, and a rule's amount
applies to everyone's later events.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.models import utcnow
from brain.domains.gamification import awards
from brain.domains.gamification.errors import (
    AwardNotFound,
    AwardNotReversible,
    BadgeAlreadyHeld,
    BadgeNotHeld,
    SelfAwardForbidden,
)
from brain.domains.gamification.models import AdminAction, RuleSetting, UserBadge, XpAward
from brain.domains.gamification.rules import BADGES, REVERSAL, XP_RULES, BadgeCode, Rule
from brain.domains.users import service as users


def _audit(
    session: AsyncSession,
    *,
    actor_id: uuid.UUID,
    action: str,
    user_id: uuid.UUID | None,
    subject: str,
    reason: str,
    **detail: Any,
) -> None:
    session.add(
        AdminAction(
            actor_id=actor_id,
            action=action,
            user_id=user_id,
            subject=subject,
            reason=reason,
            detail=detail,
        )
    )


async def award_badge(
    session: AsyncSession,
    *,
    actor_id: uuid.UUID,
    user_id: uuid.UUID,
    badge: BadgeCode,
    reason: str,
) -> UserBadge:
    """Give a badge whatever its rule says (its XP and BUZ as if earned, each once ever)."""
    if user_id == actor_id:
        raise SelfAwardForbidden()
    await users.get_user(session, user_id)  # 404 for an unknown user
    stats = await awards.lock_stats(session, user_id)
    held = (await awards.badge_rows(session, user_id)).get(badge.value)
    if held is not None and held.revoked_at is None:
        raise BadgeAlreadyHeld()
    now = utcnow()
    row = await awards.grant_badge(
        session, stats, BADGES[badge], at=now, awarded_by=actor_id, existing=held
    )
    _audit(
        session,
        actor_id=actor_id,
        action="badge_awarded",
        user_id=user_id,
        subject=badge.value,
        reason=reason,
    )
    await awards.settle(session, stats, at=now)
    session.add(stats)
    await session.flush()
    return row


async def revoke_badge(
    session: AsyncSession,
    *,
    actor_id: uuid.UUID,
    user_id: uuid.UUID,
    badge: BadgeCode,
    reason: str,
) -> UserBadge:
    """Take a badge back. Its XP and BUZ stay paid (reverse the XP award separately); the rules
    will not give it again, only an admin can."""
    await users.get_user(session, user_id)  # 404 for an unknown user
    stats = await awards.lock_stats(session, user_id)
    held = (await awards.badge_rows(session, user_id)).get(badge.value)
    if held is None or held.revoked_at is not None:
        raise BadgeNotHeld()
    held.revoked_at = utcnow()
    held.revoked_by = actor_id
    held.revoke_reason = reason
    stats.badges -= 1
    session.add_all([held, stats])
    awards.mark_changed(session, user_id)
    _audit(
        session,
        actor_id=actor_id,
        action="badge_revoked",
        user_id=user_id,
        subject=badge.value,
        reason=reason,
    )
    await session.flush()
    return held


async def reverse_award(
    session: AsyncSession, *, actor_id: uuid.UUID, award_id: uuid.UUID, reason: str
) -> XpAward:
    """A reversing row (minus the award's XP), never an edit; each award is reversed once."""
    original = await session.get(XpAward, award_id)
    if original is None:
        raise AwardNotFound()
    if original.rule == REVERSAL:
        raise AwardNotReversible("A reversal cannot be reversed.")
    stats = await awards.lock_stats(session, original.user_id)
    now = utcnow()
    row = await awards.add_award(
        session,
        stats,
        rule=REVERSAL,
        xp=-original.xp,
        source=original.id,
        at=now,
        actor_id=actor_id,
        reverses_id=original.id,
        reason=reason,
    )
    if row is None:
        raise AwardNotReversible("This award was reversed already.")
    _audit(
        session,
        actor_id=actor_id,
        action="xp_reversed",
        user_id=original.user_id,
        subject=str(original.id),
        reason=reason,
        rule=original.rule,
        xp=original.xp,
    )
    await awards.settle(session, stats, at=now)
    session.add(stats)
    await session.flush()
    return row


async def set_rule_xp(
    session: AsyncSession, *, actor_id: uuid.UUID, rule: Rule, xp: int, reason: str
) -> RuleSetting:
    """Change a rule's amount for the events handled from now on (past awards stay)."""
    setting = await session.get(RuleSetting, rule.value)
    before = setting.xp if setting is not None else XP_RULES[rule].xp
    if setting is None:
        setting = RuleSetting(rule=rule.value, xp=xp, updated_by=actor_id)
    setting.xp, setting.updated_by, setting.updated_at = xp, actor_id, utcnow()
    session.add(setting)
    _audit(
        session,
        actor_id=actor_id,
        action="rule_changed",
        user_id=None,
        subject=rule.value,
        reason=reason,
        before=before,
        after=xp,
    )
    await session.flush()
    return setting


async def list_actions(session: AsyncSession, *, limit: int = 50) -> list[AdminAction]:
    """The newest audit entries first (tests and operators)."""
    rows = await session.exec(
        select(AdminAction).order_by(AdminAction.occurred_at.desc()).limit(limit)  # type: ignore[attr-defined]
    )
    return list(rows.all())
