"""The figures: user, venture and platform analytics, read from the rollups and the store.

Every figure is defined in docs/services/analytics.md; periods are whole UTC days
(`rules.period_days`). Reads only; access is the router's.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.domains.analytics import rules
from brain.domains.analytics.rollups import COUNTS, USER_DAYS
from brain.domains.analytics.schemas import (
    BuzFigures,
    Cohort,
    DayCount,
    MetricValue,
    PlatformAnalytics,
    RetentionWeek,
    SeriesPoint,
    StageSpan,
    TeamFigures,
    UserAnalytics,
    VentureAnalytics,
)
from brain.domains.analytics.store import EVENTS, sql
from brain.domains.buz import service as buz

ACTIVE = "events"


def buz_text(units: int) -> str:
    return format((Decimal(units) / 100).quantize(Decimal("0.01")), "f")


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


async def user_figures(
    session: AsyncSession, *, user_id: uuid.UUID, first: date, last: date
) -> dict[str, Any]:
    rows = (
        await sql(
            session,
            sa.select(USER_DAYS.c.day, USER_DAYS.c.metric, USER_DAYS.c.value)
            .where(USER_DAYS.c.user_id == user_id)
            .where(USER_DAYS.c.day.between(first, last))
            .order_by(USER_DAYS.c.day),
        )
    ).all()
    sums: dict[str, int] = defaultdict(int)
    daily: list[DayCount] = []
    for day, metric, value in rows:
        sums[metric] += int(value)
        if metric == ACTIVE:
            daily.append(DayCount(day=day, count=int(value)))
    figures: dict[str, Any] = {m: sums[m] for m in rules.USER_METRICS}
    for metric in rules.BUZ_METRICS:
        figures[metric] = buz_text(sums[metric])
    figures["active_days"] = len(daily)
    figures["last_active"] = daily[-1].day if daily else None
    figures["daily"] = daily
    figures["ventures"] = sums["ventures_created"] + sums["ventures_joined"]
    return figures


async def user_analytics(
    session: AsyncSession, *, user_id: uuid.UUID, period: str, now: datetime
) -> UserAnalytics:
    first, last = rules.period_days(period, now.astimezone(UTC).date())
    figures = await user_figures(session, user_id=user_id, first=first, last=last)
    return UserAnalytics(user_id=user_id, period=period, start=first, end=last, **figures)  # type: ignore[arg-type]


async def _venture_events(session: AsyncSession, venture_id: uuid.UUID) -> list[Any]:
    return list(
        (
            await sql(
                session,
                sa.select(EVENTS.c.name, EVENTS.c.occurred_at, EVENTS.c.properties)
                .where(EVENTS.c.venture_id == venture_id)
                .where(EVENTS.c.source == rules.SERVER)
                .order_by(EVENTS.c.occurred_at, EVENTS.c.seq),
            )
        ).all()
    )


def stage_spans(events: list[Any], now: datetime) -> list[StageSpan]:
    """The stages a venture went through, from its creation (IDEA) and stage events."""
    spans: list[StageSpan] = []

    def enter(stage: str, at: datetime) -> None:
        if spans and spans[-1].left_at is None:
            spans[-1].left_at = at
            spans[-1].days = round((at - spans[-1].entered_at).total_seconds() / 86400, 4)
        spans.append(StageSpan(stage=stage, entered_at=at, left_at=None, days=0.0))

    for name, at, props in events:
        if name == rules.VENTURE_CREATED:
            enter("IDEA", at)
        elif name == rules.STAGE_CHANGED:
            enter(str(props.get("to_stage")), at)
        elif name == rules.VENTURE_ARCHIVED:
            enter("ARCHIVED", at)
    if spans and spans[-1].left_at is None:
        spans[-1].days = round((now - spans[-1].entered_at).total_seconds() / 86400, 4)
    return spans


async def venture_analytics(
    session: AsyncSession, *, venture_id: uuid.UUID, period: str, now: datetime
) -> VentureAnalytics:
    first, last = rules.period_days(period, now.astimezone(UTC).date())
    start = _midnight(first)
    events = await _venture_events(session, venture_id)
    in_period = [e for e in events if start <= e.occurred_at <= now]
    created = sum(1 for e in events if e.name == rules.VENTURE_CREATED)
    joined_all = sum(1 for e in events if e.name == rules.MEMBER_JOINED)
    left_all = sum(1 for e in events if e.name == rules.MEMBER_LEFT)
    joined = sum(1 for e in in_period if e.name == rules.MEMBER_JOINED)
    left = sum(1 for e in in_period if e.name == rules.MEMBER_LEFT)
    latest: dict[str, MetricValue] = {}
    for name, _at, props in events:
        if name == rules.METRIC_RECORDED:
            latest[str(props.get("metric"))] = MetricValue(
                metric=str(props.get("metric")),
                value=str(props.get("value")),
                unit=str(props.get("unit")),
                as_of=str(props.get("as_of")),
            )
    raised = [int(e.properties.get("amount", 0)) for e in events if e.name == rules.TRANSFER]
    raised_in_period = [
        int(e.properties.get("amount", 0)) for e in in_period if e.name == rules.TRANSFER
    ]
    spans = stage_spans(events, now)
    return VentureAnalytics(
        venture_id=venture_id,
        period=period,  # type: ignore[arg-type]
        start=first,
        end=last,
        events=len(in_period),
        team=TeamFigures(
            size=created + joined_all - left_all, joined=joined, left=left, growth=joined - left
        ),
        current_stage=spans[-1].stage if spans else None,
        stages=spans,
        metrics_recorded=sum(1 for e in in_period if e.name == rules.METRIC_RECORDED),
        metrics=sorted(latest.values(), key=lambda m: m.metric),
        buz_raised=buz_text(sum(raised_in_period)),
        buz_raised_total=buz_text(sum(raised)),
    )


async def active_users(session: AsyncSession, first: date, last: date) -> int:
    """Distinct users with activity on any UTC day from `first` to `last`."""
    count = await session.scalar(
        sa.select(sa.func.count(sa.distinct(USER_DAYS.c.user_id)))
        .where(USER_DAYS.c.metric == ACTIVE)
        .where(USER_DAYS.c.day.between(first, last))
    )
    return int(count or 0)


async def daily_active(session: AsyncSession, first: date, last: date) -> list[DayCount]:
    rows = await sql(
        session,
        sa.select(USER_DAYS.c.day, sa.func.count())
        .where(USER_DAYS.c.metric == ACTIVE)
        .where(USER_DAYS.c.day.between(first, last))
        .group_by(USER_DAYS.c.day)
        .order_by(USER_DAYS.c.day),
    )
    return [DayCount(day=day, count=int(n)) for day, n in rows.all()]


async def _count_sums(
    session: AsyncSession, names: tuple[str, ...], start: datetime | None, end: datetime
) -> dict[str, tuple[int, int]]:
    stmt = (
        sa.select(COUNTS.c.name, sa.func.sum(COUNTS.c.count), sa.func.sum(COUNTS.c.total))
        .where(COUNTS.c.name.in_(names))
        .where(COUNTS.c.bucket_start <= end)
        .group_by(COUNTS.c.name)
    )
    if start is not None:
        stmt = stmt.where(COUNTS.c.bucket_start >= start)
    rows = (await sql(session, stmt)).all()
    sums = {name: (int(c or 0), int(t or 0)) for name, c, t in rows}
    return {name: sums.get(name, (0, 0)) for name in names}


async def retention(session: AsyncSession, *, first: date, last: date) -> list[Cohort]:
    """Weekly cohorts of the users who signed up in the period (by Monday of the signup
    week); week k is the share of a cohort active in the k-th week after its signup week."""
    signups = (
        await sql(
            session,
            sa.select(EVENTS.c.user_id, EVENTS.c.occurred_at)
            .where(EVENTS.c.name == rules.REGISTERED)
            .where(EVENTS.c.source == rules.SERVER)
            .where(EVENTS.c.occurred_at >= _midnight(first))
            .where(EVENTS.c.occurred_at < _midnight(last + timedelta(days=1))),
        )
    ).all()
    cohorts: dict[date, set[uuid.UUID]] = defaultdict(set)
    for user_id, at in signups:
        if user_id is not None:
            cohorts[rules.week_start(at.date())].add(user_id)
    if not cohorts:
        return []
    users = set().union(*cohorts.values())
    active_weeks: dict[uuid.UUID, set[date]] = defaultdict(set)
    rows = await sql(
        session,
        sa.select(USER_DAYS.c.user_id, USER_DAYS.c.day)
        .where(USER_DAYS.c.metric == ACTIVE)
        .where(USER_DAYS.c.user_id.in_(users))
        .where(USER_DAYS.c.day >= min(cohorts)),
    )
    for user_id, day in rows.all():
        active_weeks[user_id].add(rules.week_start(day))
    this_week = rules.week_start(last)
    result = []
    for cohort in sorted(cohorts):
        members = cohorts[cohort]
        weeks = []
        for k in range((this_week - cohort).days // 7 + 1):
            week = cohort + timedelta(weeks=k)
            retained = sum(1 for u in members if week in active_weeks[u])
            weeks.append(
                RetentionWeek(week=k, retained=retained, rate=round(retained / len(members), 4))
            )
        result.append(Cohort(week=cohort, size=len(members), weeks=weeks))
    return result


async def ventures_by_stage(session: AsyncSession, *, now: datetime) -> dict[str, int]:
    """Each venture's stage as of `now`, from its created, stage-changed and archived events."""
    rows = await sql(
        session,
        sa.select(EVENTS.c.venture_id, EVENTS.c.name, EVENTS.c.properties)
        .where(
            EVENTS.c.name.in_((rules.VENTURE_CREATED, rules.STAGE_CHANGED, rules.VENTURE_ARCHIVED))
        )
        .where(EVENTS.c.source == rules.SERVER)
        .where(EVENTS.c.occurred_at <= now)
        .order_by(EVENTS.c.occurred_at, EVENTS.c.seq),
    )
    stage: dict[uuid.UUID, str] = {}
    for venture_id, name, props in rows.all():
        if venture_id is None:
            continue
        if name == rules.VENTURE_CREATED:
            stage[venture_id] = "IDEA"
        elif name == rules.STAGE_CHANGED:
            stage[venture_id] = str(props.get("to_stage"))
        else:
            stage[venture_id] = "ARCHIVED"
    counts: dict[str, int] = defaultdict(int)
    for value in stage.values():
        counts[value] += 1
    return dict(sorted(counts.items()))


async def buz_figures(session: AsyncSession, *, start: datetime, now: datetime) -> BuzFigures:
    period = await _count_sums(session, (rules.TRANSFER, rules.STAKED), start, now)
    ever = await _count_sums(session, (rules.STAKED, rules.UNSTAKED), None, now)
    volume = period[rules.TRANSFER][1]
    circulating = (await buz.supply(session)).circulating
    return BuzFigures(
        volume=buz_text(volume),
        transfers=period[rules.TRANSFER][0],
        circulating=buz_text(circulating),
        velocity=round(volume / circulating, 6) if circulating else None,
        staked=buz_text(period[rules.STAKED][1]),
        tvl=buz_text(ever[rules.STAKED][1] - ever[rules.UNSTAKED][1]),
    )


def _truncate(at: datetime, interval: rules.Interval, zone: ZoneInfo) -> datetime:
    local = at.astimezone(zone)
    if interval == rules.Interval.HOUR:
        floor = local.replace(minute=0, second=0, microsecond=0)
    else:
        day = local.date()
        if interval == rules.Interval.WEEK:
            day = rules.week_start(day)
        elif interval == rules.Interval.MONTH:
            day = rules.month_start(day)
        floor = datetime(day.year, day.month, day.day, tzinfo=zone)
    return floor


async def series(
    session: AsyncSession,
    *,
    start: datetime,
    end: datetime,
    interval: rules.Interval,
    zone: ZoneInfo,
    names: tuple[str, ...] | None = None,
) -> list[SeriesPoint]:
    """Events per hour/day/week/month in `zone`, summed from the 15-minute UTC buckets."""
    stmt = (
        sa.select(COUNTS.c.bucket_start, sa.func.sum(COUNTS.c.count))
        .where(COUNTS.c.bucket_start >= start)
        .where(COUNTS.c.bucket_start <= end)
        .group_by(COUNTS.c.bucket_start)
    )
    if names is not None:
        stmt = stmt.where(COUNTS.c.name.in_(names))
    sums: dict[datetime, int] = defaultdict(int)
    for bucket, count in (await sql(session, stmt)).all():
        sums[_truncate(bucket, interval, zone)] += int(count or 0)
    return [SeriesPoint(start=at, events=n) for at, n in sorted(sums.items())]


async def platform_analytics(
    session: AsyncSession,
    *,
    period: str,
    now: datetime,
    interval: rules.Interval = rules.Interval.DAY,
    tz: str = "UTC",
) -> PlatformAnalytics:
    today = now.astimezone(UTC).date()
    first, last = rules.period_days(period, today)
    start = _midnight(first)
    zone = ZoneInfo(tz)
    registered = await _count_sums(session, (rules.REGISTERED,), start, now)
    total = await session.scalar(
        sa.select(sa.func.sum(COUNTS.c.count))
        .where(COUNTS.c.bucket_start >= start)
        .where(COUNTS.c.bucket_start <= now)
    )
    return PlatformAnalytics(
        period=period,  # type: ignore[arg-type]
        start=first,
        end=last,
        dau=await active_users(session, today, today),
        wau=await active_users(session, today - timedelta(days=6), today),
        mau=await active_users(session, today - timedelta(days=29), today),
        daily_active=await daily_active(session, first, last),
        signups=registered[rules.REGISTERED][0],
        retention=await retention(session, first=first, last=last),
        ventures_by_stage=await ventures_by_stage(session, now=now),
        buz=await buz_figures(session, start=start, now=now),
        events=int(total or 0),
        interval=interval,
        tz=tz,
        series=await series(session, start=start, end=now, interval=interval, zone=zone),
    )
