"""Leaderboards: by XP, BUZ held and badges; all time, this week, this month (UTC).

The award rows are the truth; SQL answers every board from them (the all-time boards from the
totals in `gamification_user_stats`, kept with the rows). When Redis is configured, each board
is also a sorted set (`{prefix}lb:{category}:{period}`, member the user id, score the board's
score), read in O(log N + M):

- after an award commits, the user's scores on every current board are read from SQL and
  written with ZADD (ZREM at zero), absolute values, so a repeated or late sync is harmless;
- the `gamification.rebuild_leaderboards` job rebuilds every current board from SQL (into a
  temporary key, then RENAME) and sets the `built` marker; while the marker is missing (Redis
  was empty, flushed or lost) reads are answered by SQL and the job is queued.

Both answer the same: boards list users with a score above zero, ordered by score, then by
user id, descending (Redis orders equal scores by member, and a UUID's text sorts as its
bytes do); a rank is the 1-based position in that order.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import db, jobs
from brain.core.config import get_settings
from brain.core.models import utcnow
from brain.domains.gamification.models import BuzChange, UserBadge, UserStats, XpAward
from brain.domains.gamification.rules import Category, Period, period_key, period_start

log = logging.getLogger(__name__)

REBUILD_JOB = "gamification.rebuild_leaderboards"
DEFAULT_PREFIX = "brain:gamification:"
# A period's set outlives its period by a while (its last figures), then Redis drops it.
PERIOD_KEY_TTL = int(timedelta(days=40).total_seconds())
_CHUNK = 1000
# A rebuild that died leaves its `rebuilding` key; it expires and the next read queues another.
REBUILD_LOCK_SECONDS = 120


@dataclass(frozen=True)
class Standing:
    user_id: uuid.UUID
    rank: int
    score: int


# -- SQL ---------------------------------------------------------------------------------------


def _period_bounds(period: Period, now: datetime) -> tuple[datetime, datetime] | None:
    start = period_start(period, now)
    if start is None:
        return None
    if period is Period.WEEK:
        return start, start + timedelta(days=7)
    following = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start, following


def scores_query(category: Category, period: Period, now: datetime) -> Any:
    """(user_id, score) for every user on the board (score > 0)."""
    bounds = _period_bounds(period, now)
    if bounds is None:
        column = {
            Category.XP: UserStats.xp,
            Category.BADGES: UserStats.badges,
            Category.BUZ: UserStats.buz_held,
        }[category]
        return select(col(UserStats.user_id).label("user_id"), col(column).label("score")).where(
            col(column) > 0
        )
    start, end = bounds
    score: Any
    stmt: Any
    if category is Category.XP:
        score = func.sum(XpAward.xp)
        stmt = select(col(XpAward.user_id).label("user_id"), score.label("score")).where(
            col(XpAward.occurred_at) >= start, col(XpAward.occurred_at) < end
        )
        return stmt.group_by(col(XpAward.user_id)).having(score > 0)
    if category is Category.BADGES:
        score = func.count()
        stmt = select(col(UserBadge.user_id).label("user_id"), score.label("score")).where(
            col(UserBadge.earned_at) >= start,
            col(UserBadge.earned_at) < end,
            col(UserBadge.revoked_at).is_(None),
        )
        return stmt.group_by(col(UserBadge.user_id)).having(score > 0)
    score = func.sum(BuzChange.delta)
    stmt = select(col(BuzChange.user_id).label("user_id"), score.label("score")).where(
        col(BuzChange.occurred_at) >= start, col(BuzChange.occurred_at) < end
    )
    return stmt.group_by(col(BuzChange.user_id)).having(score > 0)


async def sql_page(
    session: AsyncSession,
    category: Category,
    period: Period,
    *,
    offset: int,
    limit: int,
    now: datetime,
) -> list[Standing]:
    sub = scores_query(category, period, now).subquery()
    stmt = (
        sa.select(sub.c.user_id, sub.c.score)
        .order_by(sub.c.score.desc(), sub.c.user_id.desc())
        .offset(offset)
        .limit(limit)
    )
    rows = (await db.execute(session, stmt)).all()
    return [
        Standing(user_id=row.user_id, rank=offset + i + 1, score=int(row.score))
        for i, row in enumerate(rows)
    ]


async def sql_position(
    session: AsyncSession, category: Category, period: Period, user_id: uuid.UUID, now: datetime
) -> Standing | None:
    sub = scores_query(category, period, now).subquery()
    mine = (
        await db.execute(session, sa.select(sub.c.score).where(sub.c.user_id == user_id))
    ).scalar_one_or_none()
    if mine is None:
        return None
    ahead = (
        await db.execute(
            session,
            sa.select(func.count()).where(
                sa.or_(
                    sub.c.score > mine,
                    sa.and_(sub.c.score == mine, sub.c.user_id > user_id),
                )
            ),
        )
    ).scalar_one()
    return Standing(user_id=user_id, rank=int(ahead) + 1, score=int(mine))


async def user_scores(
    session: AsyncSession, user_id: uuid.UUID, now: datetime
) -> dict[tuple[Category, Period], int]:
    """The user's score on every current board (0 when not on it)."""
    scores: dict[tuple[Category, Period], int] = {}
    for category in Category:
        for period in Period:
            sub = scores_query(category, period, now).subquery()
            value = (
                await db.execute(session, sa.select(sub.c.score).where(sub.c.user_id == user_id))
            ).scalar_one_or_none()
            scores[(category, period)] = int(value or 0)
    return scores


# -- Redis -------------------------------------------------------------------------------------

_client: Any = None
_client_url: str | None = None
_override: tuple[str | None, str] | None = None


def configure(url: str | None, *, prefix: str = DEFAULT_PREFIX) -> None:
    """Use this Redis (None: none) and key prefix instead of the settings' (tests, bench)."""
    global _override
    _override = (url, prefix)


def _target() -> tuple[str | None, str]:
    if _override is not None:
        return _override
    return get_settings().redis_url, DEFAULT_PREFIX


def redis() -> tuple[Any, str] | None:
    """The Redis client and key prefix, or None when no Redis is configured."""
    global _client, _client_url
    url, prefix = _target()
    if url is None:
        return None
    if _client is None or _client_url != url:
        import redis.asyncio as aioredis

        _client = aioredis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=1)
        _client_url = url
    return _client, prefix


async def aclose() -> None:
    global _client, _client_url, _override
    if _client is not None:
        await _client.aclose()
    _client = _client_url = _override = None


def key(prefix: str, category: Category, period: Period, now: datetime) -> str:
    return f"{prefix}lb:{category.value}:{period_key(period, now)}"


def marker(prefix: str) -> str:
    return f"{prefix}lb:built"


async def is_built(client: Any, prefix: str) -> bool:
    return bool(await client.exists(marker(prefix)))


async def redis_page(client: Any, name: str, *, offset: int, limit: int) -> list[Standing]:
    rows = await client.zrevrange(name, offset, offset + limit - 1, withscores=True)
    return [
        Standing(user_id=uuid.UUID(member.decode()), rank=offset + i + 1, score=int(score))
        for i, (member, score) in enumerate(rows)
    ]


async def redis_position(client: Any, name: str, user_id: uuid.UUID) -> Standing | None:
    pipe = client.pipeline(transaction=False)
    pipe.zrevrank(name, str(user_id))
    pipe.zscore(name, str(user_id))
    rank, score = await pipe.execute()
    if rank is None or score is None:
        return None
    return Standing(user_id=user_id, rank=int(rank) + 1, score=int(score))


async def sync_users(user_ids: Iterable[uuid.UUID]) -> None:
    """Write the users' current scores to every current board (after their awards committed)."""
    users = list(user_ids)
    target = redis()
    if target is None or not users:
        return
    client, prefix = target
    # Imported here: redis is ~14 MB of start-up memory a process without Redis never needs
    # (a client exists, so it is loaded by now).
    from redis.exceptions import RedisError

    now = utcnow()
    try:
        if not await is_built(client, prefix):
            await request_rebuild(client, prefix)
            return
        async with db.session_scope(read_only=True) as session:
            scores = {u: await user_scores(session, u, now) for u in users}
        pipe = client.pipeline(transaction=False)
        for user_id, board in scores.items():
            for (category, period), score in board.items():
                name = key(prefix, category, period, now)
                if score > 0:
                    pipe.zadd(name, {str(user_id): score})
                else:
                    pipe.zrem(name, str(user_id))
                if period is not Period.ALL_TIME:
                    pipe.expire(name, PERIOD_KEY_TTL)
        await pipe.execute()
    except RedisError:
        # The rows are committed; the rebuild job brings Redis back in line.
        log.warning("leaderboard sync to Redis failed; a rebuild will repair it", exc_info=True)


async def request_rebuild(client: Any, prefix: str) -> None:
    """Queue one rebuild: a short-lived `rebuilding` key (SET NX) keeps a burst of reads that
    all find the marker missing from queueing one each; the rebuild deletes it when done."""
    try:
        if await client.set(f"{prefix}lb:rebuilding", "1", nx=True, ex=REBUILD_LOCK_SECONDS):
            await jobs.enqueue(REBUILD_JOB, job_id=f"{REBUILD_JOB}:{uuid.uuid4().hex}")
    except Exception:
        log.warning("could not queue the leaderboard rebuild", exc_info=True)


async def rebuild(*, now: datetime | None = None) -> int:
    """Rebuild every current board in Redis from SQL; returns how many entries were written."""
    target = redis()
    if target is None:
        return 0
    client, prefix = target
    now = now or utcnow()
    written = 0
    for category in Category:
        for period in Period:
            name = key(prefix, category, period, now)
            temporary = f"{name}:rebuild:{uuid.uuid4().hex}"
            async with db.session_scope(read_only=True) as session:
                rows = (await db.execute(session, scores_query(category, period, now))).all()
            for start in range(0, len(rows), _CHUNK):
                chunk = rows[start : start + _CHUNK]
                await client.zadd(temporary, {str(r.user_id): int(r.score) for r in chunk})
            written += len(rows)
            if rows:
                await client.rename(temporary, name)
                if period is not Period.ALL_TIME:
                    await client.expire(name, PERIOD_KEY_TTL)
            else:
                await client.delete(name)
    await client.set(marker(prefix), now.isoformat())
    await client.delete(f"{prefix}lb:rebuilding")
    return written
