"""The gamification domain's public service: the reads behind the router (profile, history,
badges, leaderboards, rankings) and the admin operations (admin.py). Awards themselves are
made only by the handlers, from domain events (awards.py has the engine)."""

from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.models import utcnow
from brain.core.pagination import Keyset, PageParams
from brain.domains.gamification import awards, leaderboard
from brain.domains.gamification.admin import (
    award_badge,
    list_actions,
    reverse_award,
    revoke_badge,
    set_rule_xp,
)
from brain.domains.gamification.leaderboard import Standing
from brain.domains.gamification.models import RuleSetting, UserStats, XpAward
from brain.domains.gamification.rules import (
    BADGES,
    LEVELS,
    RARITY_BUZ,
    XP_RULES,
    BadgeCode,
    Category,
    Level,
    Period,
    Rule,
    format_units,
    level_for,
    next_level,
    period_key,
)
from brain.domains.gamification.schemas import (
    BadgeProgress,
    BadgeRead,
    EarnedBadge,
    LeaderboardRead,
    LeaderboardRow,
    ProfileRead,
    Ranking,
    RankingsRead,
    RuleRead,
    StreakRead,
    UserBadges,
)
from brain.domains.users import service as users

__all__ = [
    "award_badge",
    "badge_catalogue",
    "leaderboard_page",
    "list_actions",
    "profile",
    "rankings",
    "reverse_award",
    "revoke_badge",
    "rule_read",
    "set_rule_xp",
    "user_badges",
    "xp_history",
]

log = logging.getLogger(__name__)

HISTORY = Keyset(
    "gamification.xp_history",
    sa.inspect(XpAward).columns.occurred_at,
    sa.inspect(XpAward).columns.id,
)


async def _stats(session: AsyncSession, user_id: uuid.UUID) -> UserStats:
    return await session.get(UserStats, user_id) or UserStats(user_id=user_id)


async def profile(session: AsyncSession, *, user_id: uuid.UUID) -> ProfileRead:
    user = await users.get_user(session, user_id)
    stats = await _stats(session, user_id)
    level = level_for(stats.xp)
    following = next_level(level.level)
    span = following.min_xp - level.min_xp if following else 0
    progress = min(1.0, (stats.xp - level.min_xp) / span) if following else 1.0
    held = await awards.badge_rows(session, user_id)
    today = utcnow().date()
    live = stats.last_login_day is not None and stats.last_login_day >= today - timedelta(days=1)
    return ProfileRead(
        user_id=user_id,
        display_name=user.display_name,
        xp=stats.xp,
        level=level.level,
        next_level=following.level if following else None,
        next_level_xp=following.min_xp if following else None,
        xp_to_next_level=following.min_xp - stats.xp if following else None,
        progress=max(0.0, progress),
        badges=[
            EarnedBadge(
                badge=badge.code, name=badge.name, rarity=badge.rarity, earned_at=row.earned_at
            )
            for row in sorted(held.values(), key=lambda r: r.earned_at)
            if row.revoked_at is None and (badge := BADGES.get(BadgeCode(row.badge))) is not None
        ],
        streak=StreakRead(
            current=stats.current_streak if live else 0,
            best=stats.best_streak,
            last_login_day=stats.last_login_day,
        ),
    )


async def xp_history(
    session: AsyncSession, *, user_id: uuid.UUID, page: PageParams
) -> tuple[list[XpAward], str | None]:
    """Newest first."""
    await users.get_user(session, user_id)
    stmt = select(XpAward).where(XpAward.user_id == user_id)
    rows = (await session.exec(HISTORY.apply(stmt, page))).all()
    return HISTORY.page(rows, page)


async def badge_catalogue(session: AsyncSession) -> list[BadgeRead]:
    xp = await awards.rule_xp(session, Rule.BADGE_EARNED)
    return [
        BadgeRead(
            badge=b.code,
            name=b.name,
            rarity=b.rarity,
            description=b.description,
            target=b.target,
            xp=xp,
            buz_reward=format_units(RARITY_BUZ[b.rarity]),
        )
        for b in BADGES.values()
    ]


async def user_badges(session: AsyncSession, *, user_id: uuid.UUID) -> UserBadges:
    await users.get_user(session, user_id)
    stats = await _stats(session, user_id)
    values = await awards.metrics(session, stats)
    held = await awards.badge_rows(session, user_id)
    items = []
    for code, badge in BADGES.items():
        row = held.get(code.value)
        earned = row is not None and row.revoked_at is None
        current = values[badge.metric]
        items.append(
            BadgeProgress(
                badge=code,
                name=badge.name,
                rarity=badge.rarity,
                earned=earned,
                earned_at=row.earned_at if row is not None else None,
                revoked=row is not None and row.revoked_at is not None,
                current=current,
                target=badge.target,
                progress=1.0 if earned else min(1.0, max(0, current) / badge.target),
            )
        )
    return UserBadges(user_id=user_id, items=items)


def _score_text(category: Category, score: int) -> str:
    return format_units(score) if category is Category.BUZ else str(score)


async def _read(
    session: AsyncSession,
    category: Category,
    period: Period,
    *,
    offset: int,
    limit: int,
    user_id: uuid.UUID | None,
    now: datetime,
) -> tuple[list[Standing], Standing | None]:
    """A page of the board and the user's own standing: from Redis when it is built, from SQL
    otherwise (and then the rebuild is queued)."""
    target = leaderboard.redis()
    if target is not None:
        client, prefix = target
        # Imported here: redis is ~14 MB of start-up memory a process without Redis never
        # needs (a client exists, so it is loaded by now).
        from redis.exceptions import RedisError

        try:
            if await leaderboard.is_built(client, prefix):
                name = leaderboard.key(prefix, category, period, now)
                mine = await leaderboard.redis_position(client, name, user_id) if user_id else None
                if offset < 0:
                    offset = _around(mine, limit)
                page = await leaderboard.redis_page(client, name, offset=offset, limit=limit)
                return page, mine
            await leaderboard.request_rebuild(client, prefix)
        except RedisError:
            log.warning("leaderboard read from Redis failed; answered from SQL", exc_info=True)
    mine = (
        await leaderboard.sql_position(session, category, period, user_id, now) if user_id else None
    )
    if offset < 0:
        offset = _around(mine, limit)
    page = await leaderboard.sql_page(
        session, category, period, offset=offset, limit=limit, now=now
    )
    return page, mine


def _around(mine: Standing | None, limit: int) -> int:
    """The offset that puts the user in the middle of the page (the top when not ranked)."""
    return max(0, mine.rank - 1 - limit // 2) if mine is not None else 0


async def leaderboard_page(
    session: AsyncSession,
    *,
    category: Category,
    period: Period,
    limit: int,
    viewer_id: uuid.UUID,
    around_me: bool,
    now: datetime | None = None,
) -> LeaderboardRead:
    now = now or utcnow()
    page, mine = await _read(
        session,
        category,
        period,
        offset=-1 if around_me else 0,
        limit=limit,
        user_id=viewer_id,
        now=now,
    )
    shown = [*page, *([mine] if mine else [])]
    names = await users.display_names(session, [s.user_id for s in shown])
    totals: dict[uuid.UUID, int] = {}
    if category is Category.XP:
        rows = await session.exec(
            select(UserStats.user_id, UserStats.xp).where(
                col(UserStats.user_id).in_([s.user_id for s in shown])
            )
        )
        totals = dict(rows.all())

    def row(s: Standing) -> LeaderboardRow:
        return LeaderboardRow(
            rank=s.rank,
            user_id=s.user_id,
            display_name=names.get(s.user_id, ""),
            score=_score_text(category, s.score),
            xp=totals.get(s.user_id, 0) if category is Category.XP else None,
        )

    return LeaderboardRead(
        category=category,
        period=period,
        period_key=period_key(period, now),
        items=[row(s) for s in page],
        me=row(mine) if mine else None,
    )


async def rankings(
    session: AsyncSession, *, user_id: uuid.UUID, now: datetime | None = None
) -> RankingsRead:
    await users.get_user(session, user_id)
    now = now or utcnow()
    items = []
    for category in Category:
        for period in Period:
            _, mine = await _read(
                session, category, period, offset=0, limit=1, user_id=user_id, now=now
            )
            items.append(
                Ranking(
                    category=category,
                    period=period,
                    rank=mine.rank if mine else None,
                    score=_score_text(category, mine.score if mine else 0),
                )
            )
    return RankingsRead(user_id=user_id, items=items)


def rule_read(rule: Rule, setting: RuleSetting | None) -> RuleRead:
    spec = XP_RULES[rule]
    return RuleRead(
        rule=rule.value,
        event=spec.event,
        xp=setting.xp if setting else spec.xp,
        default_xp=spec.xp,
        daily_cap=spec.daily_cap,
        updated_at=setting.updated_at if setting else None,
    )


def levels() -> list[tuple[Level, int, int]]:
    return [(spec.level, spec.min_xp, spec.buz_reward) for spec in LEVELS]
