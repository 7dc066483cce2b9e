"""The award engine: XP rows, levels, badges and their BUZ rewards, in the caller's transaction.

Invariants, and where they are enforced:
- One award per (user, rule, source event): the unique key on `gamification_xp_awards`; a
  replayed event finds its row and pays nothing. A badge's XP and a completed profile's XP
  have a fixed source per user (`rules.once_source`), so they pay once ever.
- Per-rule daily caps are counted under the user's lock: every award first locks the user's
  `gamification_user_stats` row (`SELECT ... FOR UPDATE` on Postgres; SQLite has one writer
  at a time), so two events of one user are settled one after the other and a cap cannot be
  passed by racing. The totals on that row change only here, with the rows they sum.
- BUZ rewards (levels, RARE and rarer badges) go through `buz.service.credit_reward` in the
  same transaction, with an idempotency key per (user, level) or (user, badge): a level
  regained after a reversal, or a badge awarded again after a revocation, pays nothing new.
- Nothing here is reachable from a client with a user-chosen amount or rule: the handlers
  (domain events) and the admin operations are the only callers.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus, db
from brain.core.models import utcnow
from brain.domains.buz import service as buz
from brain.domains.gamification import leaderboard
from brain.domains.gamification.events import BadgeEarned, LevelUp, XpAwarded
from brain.domains.gamification.models import RuleSetting, UserBadge, UserFact, UserStats, XpAward
from brain.domains.gamification.rules import (
    BADGES,
    LEGAL_EAGLE_TEMPLATES,
    LEVEL_INDEX,
    LEVELS,
    RARITY_BUZ,
    XP_RULES,
    Badge,
    Fact,
    Level,
    Metric,
    Rule,
    buz_reward_key,
    format_units,
    level_for,
    once_source,
)

# Users whose scores changed in this transaction: the leaderboard store syncs them after commit.
CHANGED_KEY = "gamification_changed_users"


@dataclass
class Trigger:
    """What an event earns: an XP rule (or none), facts to remember, when it happened."""

    user_id: uuid.UUID
    source_event_id: uuid.UUID
    occurred_at: datetime
    rule: Rule | None = None
    facts: list[tuple[Fact, str]] = field(default_factory=list)
    forget: list[tuple[Fact, str]] = field(default_factory=list)
    # Extra rules paid for the same source when a condition on the facts holds (the first
    # venture's bonus), decided under the lock.
    first_of: Fact | None = None


def mark_changed(session: AsyncSession, user_id: uuid.UUID) -> None:
    """Remember that the user's scores moved: the leaderboard store (Redis) is told after the
    commit, never before (a rolled-back award must not show on a board)."""
    changed: set[uuid.UUID] = session.info.setdefault(CHANGED_KEY, set())
    changed.add(user_id)

    async def sync() -> None:
        await leaderboard.sync_users(session.info.pop(CHANGED_KEY, set()))

    db.after_commit(session, sync, key=CHANGED_KEY)


async def lock_stats(session: AsyncSession, user_id: uuid.UUID) -> UserStats:
    """The user's stats row, created if missing, locked for this transaction."""
    stats = await session.get(UserStats, user_id, with_for_update=True, populate_existing=True)
    if stats is not None:
        return stats
    try:
        async with session.begin_nested():
            session.add(UserStats(user_id=user_id))
    except IntegrityError:
        pass  # created by a concurrent first award; lock that one
    stats = await session.get(UserStats, user_id, with_for_update=True, populate_existing=True)
    assert stats is not None
    return stats


_STATS = UserStats.__table__  # type: ignore[attr-defined]
_INSERT_STATS: dict[str, Any] = {
    "postgresql": lambda: postgresql.insert(_STATS).on_conflict_do_nothing(
        index_elements=["user_id"]
    ),
    "sqlite": lambda: sqlite.insert(_STATS).on_conflict_do_nothing(index_elements=["user_id"]),
}


async def lock_stats_many(
    session: AsyncSession, user_ids: set[uuid.UUID]
) -> dict[uuid.UUID, UserStats]:
    """`lock_stats` for many users in two statements: the missing rows created, then every
    row locked, both in user id order (the one order every batch takes, so two batches
    sharing users wait for each other instead of deadlocking)."""
    ordered = sorted(user_ids)
    connection = await session.connection()
    await connection.execute(
        _INSERT_STATS[connection.dialect.name](),
        [UserStats(user_id=u).model_dump() for u in ordered],
    )
    rows = (
        await session.exec(
            select(UserStats)
            .where(col(UserStats.user_id).in_(ordered))
            .order_by(col(UserStats.user_id))
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    ).all()
    return {row.user_id: row for row in rows}


async def rule_xp(session: AsyncSession, rule: Rule) -> int:
    """The rule's current amount: an admin's setting, else the default."""
    setting = await session.get(RuleSetting, rule.value)
    return setting.xp if setting is not None else XP_RULES[rule].xp


async def _award_exists(
    session: AsyncSession, user_id: uuid.UUID, rule: str, source: uuid.UUID
) -> bool:
    found = await session.exec(
        select(XpAward.id).where(
            XpAward.user_id == user_id, XpAward.rule == rule, XpAward.source_event_id == source
        )
    )
    return found.first() is not None


async def _over_cap(session: AsyncSession, stats: UserStats, rule: Rule, at: datetime) -> bool:
    cap = XP_RULES[rule].daily_cap
    if cap is None:
        return False
    count = (
        await session.exec(
            select(func.count())
            .select_from(XpAward)
            .where(
                XpAward.user_id == stats.user_id,
                XpAward.rule == rule.value,
                XpAward.day == at.date(),
            )
        )
    ).one()
    return count >= cap


async def add_award(
    session: AsyncSession,
    stats: UserStats,
    *,
    rule: str,
    xp: int,
    source: uuid.UUID,
    at: datetime,
    actor_id: uuid.UUID | None = None,
    reverses_id: uuid.UUID | None = None,
    reason: str | None = None,
) -> XpAward | None:
    """Write one award row and move the total; None if (user, rule, source) exists already."""
    if await _award_exists(session, stats.user_id, rule, source):
        return None
    award = XpAward(
        user_id=stats.user_id,
        rule=rule,
        xp=xp,
        source_event_id=source,
        occurred_at=at,
        day=at.date(),
        actor_id=actor_id,
        reverses_id=reverses_id,
        reason=reason,
    )
    session.add(award)
    await session.flush()
    stats.xp += xp
    await bus.publish(
        session,
        XpAwarded(
            award_id=award.id,
            user_id=stats.user_id,
            rule=rule,
            xp=xp,
            total_xp=stats.xp,
            source_event_id=source,
            actor_id=actor_id,
        ),
    )
    mark_changed(session, stats.user_id)
    return award


async def award_rule(
    session: AsyncSession, stats: UserStats, rule: Rule, *, source: uuid.UUID, at: datetime
) -> XpAward | None:
    """Pay `rule` for `source` unless paid already, capped for the day, or set to zero."""
    xp = await rule_xp(session, rule)
    if xp <= 0 or await _award_exists(session, stats.user_id, rule.value, source):
        return None
    if await _over_cap(session, stats, rule, at):
        return None
    return await add_award(session, stats, rule=rule.value, xp=xp, source=source, at=at)


async def _pay(
    session: AsyncSession, user_id: uuid.UUID, amount: int, what: str, memo: str
) -> None:
    if amount <= 0:
        return
    # A user made without the registration flow may have no wallet yet; opening is idempotent.
    await buz.open_accounts(session, user_id=user_id)
    await buz.credit_reward(
        session,
        user_id=user_id,
        amount=amount,
        idempotency_key=buz_reward_key(user_id, what),
        reference=f"gamification:{what}",
        memo=memo,
    )


async def _settle_level(session: AsyncSession, stats: UserStats) -> None:
    """Move the stored level to the one the XP gives; each level first reached pays once."""
    old = Level(stats.level)
    new = level_for(stats.xp).level
    if new == old:
        return
    stats.level = new.value
    mark_changed(session, stats.user_id)
    if LEVEL_INDEX[new] < LEVEL_INDEX[old]:
        return  # an admin's reversal took XP away: no event, nothing repaid later
    for spec in LEVELS[LEVEL_INDEX[old] + 1 : LEVEL_INDEX[new] + 1]:
        await _pay(
            session,
            stats.user_id,
            spec.buz_reward,
            f"level:{spec.level.value}",
            f"Level up: {spec.level.value} ({format_units(spec.buz_reward)} BUZ)",
        )
    await bus.publish(
        session,
        LevelUp(user_id=stats.user_id, from_level=old.value, to_level=new.value, total_xp=stats.xp),
    )


async def fact_counts(session: AsyncSession, user_id: uuid.UUID) -> dict[str, int]:
    rows = await session.exec(
        select(UserFact.kind, func.count())
        .where(UserFact.user_id == user_id)
        .group_by(col(UserFact.kind))
    )
    counts = dict(rows.all())
    signed = await session.exec(
        select(func.count()).where(
            UserFact.user_id == user_id,
            UserFact.kind == Fact.SIGNED.value,
            col(UserFact.key).in_(sorted(LEGAL_EAGLE_TEMPLATES)),
        )
    )
    counts["legal_eagle"] = signed.one()
    return counts


async def metrics(session: AsyncSession, stats: UserStats) -> dict[Metric, int]:
    """Every badge metric's current value for the user."""
    counts = await fact_counts(session, stats.user_id)
    return {
        Metric.XP: stats.xp,
        Metric.PLATFORM_AND_BUZ_TERMS: counts["legal_eagle"],
        Metric.VENTURES_JOINED: counts.get(Fact.VENTURE_MEMBER.value, 0),
        Metric.VENTURES_CREATED: counts.get(Fact.VENTURE_CREATED.value, 0),
        Metric.LOGIN_STREAK: stats.best_streak,
        Metric.BUZ_HELD: stats.buz_held,
        Metric.ACTIVE_REFERRALS: counts.get(Fact.REFERRAL.value, 0),
        Metric.VENTURES_LAUNCHED: counts.get(Fact.VENTURE_LAUNCHED.value, 0),
    }


async def badge_rows(session: AsyncSession, user_id: uuid.UUID) -> dict[str, UserBadge]:
    rows = await session.exec(select(UserBadge).where(UserBadge.user_id == user_id))
    return {row.badge: row for row in rows.all()}


async def grant_badge(
    session: AsyncSession,
    stats: UserStats,
    badge: Badge,
    *,
    at: datetime,
    awarded_by: uuid.UUID | None = None,
    existing: UserBadge | None = None,
) -> UserBadge:
    """Give the badge (or give a revoked one back): the event, its XP and its BUZ, each once."""
    if existing is not None:
        existing.revoked_at = existing.revoked_by = existing.revoke_reason = None
        existing.awarded_by = awarded_by
        row = existing
    else:
        row = UserBadge(
            user_id=stats.user_id, badge=badge.code.value, earned_at=at, awarded_by=awarded_by
        )
    session.add(row)
    await session.flush()
    stats.badges += 1
    mark_changed(session, stats.user_id)
    await bus.publish(
        session,
        BadgeEarned(
            user_id=stats.user_id,
            badge=badge.code.value,
            badge_name=badge.name,
            rarity=badge.rarity.value,
            actor_id=awarded_by,
        ),
    )
    await _pay(
        session,
        stats.user_id,
        RARITY_BUZ[badge.rarity],
        f"badge:{badge.code.value}",
        f"Badge earned: {badge.name} ({badge.rarity.value})",
    )
    await award_rule(
        session,
        stats,
        Rule.BADGE_EARNED,
        source=once_source(stats.user_id, f"badge:{badge.code.value}"),
        at=at,
    )
    return row


async def settle(session: AsyncSession, stats: UserStats, *, at: datetime) -> None:
    """Levels and badges after the XP or facts changed, until nothing more is earned (a badge's
    XP can earn another badge or a level). A badge the user holds, or held and had revoked by
    an admin, is not evaluated again."""
    for _ in range(len(BADGES) + 1):
        await _settle_level(session, stats)
        held = await badge_rows(session, stats.user_id)
        values = await metrics(session, stats)
        due = [b for code, b in BADGES.items() if code not in held and values[b.metric] >= b.target]
        if not due:
            return
        for badge in due:
            await grant_badge(session, stats, badge, at=at)


async def remember(
    session: AsyncSession, user_id: uuid.UUID, fact: Fact, key: str, at: datetime
) -> bool:
    """Record a fact once; False if it was known."""
    if await session.get(UserFact, (user_id, fact.value, key)) is not None:
        return False
    session.add(UserFact(user_id=user_id, kind=fact.value, key=key, occurred_at=at))
    await session.flush()
    return True


async def forget(session: AsyncSession, user_id: uuid.UUID, fact: Fact, key: str) -> None:
    await session.exec(
        sa.delete(UserFact).where(
            col(UserFact.user_id) == user_id,
            col(UserFact.kind) == fact.value,
            col(UserFact.key) == key,
        )
    )


async def apply(session: AsyncSession, trigger: Trigger) -> UserStats:
    """Handle one event for one user: its facts, its XP, then levels and badges."""
    stats = await lock_stats(session, trigger.user_id)
    at = trigger.occurred_at
    for fact, key in trigger.facts:
        await remember(session, trigger.user_id, fact, key, at)
    for fact, key in trigger.forget:
        await forget(session, trigger.user_id, fact, key)
    if trigger.rule is not None:
        await award_rule(session, stats, trigger.rule, source=trigger.source_event_id, at=at)
    if trigger.first_of is not None:
        counts = await fact_counts(session, trigger.user_id)
        if counts.get(trigger.first_of.value, 0) == 1:
            await award_rule(
                session, stats, Rule.FIRST_VENTURE_BONUS, source=trigger.source_event_id, at=at
            )
    await settle(session, stats, at=at)
    stats.version += 1
    stats.updated_at = utcnow()
    session.add(stats)
    await session.flush()
    return stats
