"""Reports: a request becomes a row (QUEUED) and a job that builds it (RUNNING, progress in
steps, COMPLETED with its rows, or FAILED). The rows are stored on the report, so a download
is the same table every time, whatever happened since.

Kinds (`rules.ReportKind`): `user_engagement` (one row per active user: an administrator's
report covers everyone, anyone else's their own row), `venture_performance` (one row per
venture whose team the requester is on), `platform_health`
(one row per day: DAU, WAU, MAU, signups, events) and `buz_economy` (one row per day:
volume, transfers, staked, unstaked); the last two are for administrators.
"""

from __future__ import annotations

import csv
import io
import logging
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus, db, jobs
from brain.core.models import utcnow
from brain.core.pagination import Keyset, PageParams
from brain.domains.analytics import metrics, rules
from brain.domains.analytics.errors import ReportNotFound, ReportNotReady
from brain.domains.analytics.events import ReportCompleted
from brain.domains.analytics.models import AnalyticsReport
from brain.domains.analytics.rollups import COUNTS, USER_DAYS
from brain.domains.analytics.store import EVENTS, sql
from brain.domains.ventures import service as ventures

log = logging.getLogger(__name__)

BUILD_REPORT = "analytics.build_report"
PLATFORM, OWN = "platform", "own"
_R = AnalyticsReport.__table__.c  # type: ignore[attr-defined]
REPORTS = Keyset("analytics.reports", _R.created_at, _R.id)


async def request(
    session: AsyncSession, *, user_id: uuid.UUID, kind: rules.ReportKind, period: str, admin: bool
) -> AnalyticsReport:
    report = AnalyticsReport(
        requested_by=user_id,
        kind=kind.value,
        period=period,
        status=rules.ReportStatus.QUEUED.value,
        scope=PLATFORM if admin else OWN,
    )
    session.add(report)
    await session.flush()
    report_id = report.id

    async def _enqueue() -> None:
        await jobs.enqueue(
            BUILD_REPORT, job_id=f"analytics-report:{report_id}", report_id=str(report_id)
        )

    db.after_commit(session, _enqueue)
    return report


async def get(
    session: AsyncSession, *, report_id: uuid.UUID, user_id: uuid.UUID
) -> AnalyticsReport:
    """The caller's own report; anyone else's is 404."""
    report = await session.get(AnalyticsReport, report_id)
    if report is None or report.requested_by != user_id:
        raise ReportNotFound()
    return report


async def ready(
    session: AsyncSession, *, report_id: uuid.UUID, user_id: uuid.UUID
) -> AnalyticsReport:
    report = await get(session, report_id=report_id, user_id=user_id)
    if report.status != rules.ReportStatus.COMPLETED:
        raise ReportNotReady(detail=f"The report is {report.status}.")
    return report


async def list_reports(
    session: AsyncSession, *, user_id: uuid.UUID, page: PageParams
) -> tuple[list[AnalyticsReport], str | None]:
    stmt = select(AnalyticsReport).where(col(AnalyticsReport.requested_by) == user_id)
    rows = (await session.exec(REPORTS.apply(stmt, page))).all()
    return REPORTS.page(rows, page)


def to_csv(report: AnalyticsReport) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=report.columns, extrasaction="ignore")
    writer.writeheader()
    for row in report.rows:
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
    return out.getvalue()


Builder = Callable[[AsyncSession, AnalyticsReport, date, date], Awaitable[list[dict[str, Any]]]]


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


async def _user_engagement(
    session: AsyncSession, report: AnalyticsReport, first: date, last: date
) -> list[dict[str, Any]]:
    stmt = (
        sa.select(
            USER_DAYS.c.user_id, USER_DAYS.c.metric, sa.func.sum(USER_DAYS.c.value), sa.func.count()
        )
        .where(USER_DAYS.c.day.between(first, last))
        .group_by(USER_DAYS.c.user_id, USER_DAYS.c.metric)
    )
    if report.scope == OWN:
        stmt = stmt.where(USER_DAYS.c.user_id == report.requested_by)
    table: dict[uuid.UUID, dict[str, Any]] = defaultdict(dict)
    for user_id, metric, value, days in (await sql(session, stmt)).all():
        table[user_id][metric] = int(value)
        if metric == metrics.ACTIVE:
            table[user_id]["active_days"] = int(days)
    rows = []
    for user_id, figures in sorted(table.items(), key=lambda kv: str(kv[0])):
        row: dict[str, Any] = {
            "user_id": str(user_id),
            "active_days": figures.get("active_days", 0),
        }
        for metric in rules.USER_METRICS:
            value = figures.get(metric, 0)
            row[metric] = metrics.buz_text(value) if metric in rules.BUZ_METRICS else value
        rows.append(row)
    return rows


async def _venture_ids(session: AsyncSession, report: AnalyticsReport) -> list[uuid.UUID]:
    stmt = sa.select(EVENTS.c.venture_id).where(EVENTS.c.name == rules.VENTURE_CREATED).distinct()
    ids = [v for (v,) in (await sql(session, stmt)).all() if v is not None]
    # The requester's ventures only, administrators included (no bypass, as in ventures).
    mine = []
    for venture_id in ids:
        if await ventures.member_role(session, venture_id=venture_id, user_id=report.requested_by):
            mine.append(venture_id)
    return sorted(mine, key=str)


async def _venture_performance(
    session: AsyncSession,
    report: AnalyticsReport,
    first: date,  # noqa: ARG001
    last: date,  # noqa: ARG001
) -> list[dict[str, Any]]:
    now = utcnow()
    rows = []
    for venture_id in await _venture_ids(session, report):
        figures = await metrics.venture_analytics(
            session, venture_id=venture_id, period=report.period, now=now
        )
        rows.append(
            {
                "venture_id": str(venture_id),
                "stage": figures.current_stage,
                "team_size": figures.team.size,
                "team_growth": figures.team.growth,
                "events": figures.events,
                "metrics_recorded": figures.metrics_recorded,
                "buz_raised": figures.buz_raised,
            }
        )
    return rows


async def _platform_health(
    session: AsyncSession,
    report: AnalyticsReport,  # noqa: ARG001
    first: date,
    last: date,
) -> list[dict[str, Any]]:
    daily = await _daily_counts(session, first, last, (rules.REGISTERED,))
    events = await _daily_counts(session, first, last, None)
    rows = []
    for day in _days(first, last):
        rows.append(
            {
                "day": day.isoformat(),
                "dau": await metrics.active_users(session, day, day),
                "wau": await metrics.active_users(session, day - timedelta(days=6), day),
                "mau": await metrics.active_users(session, day - timedelta(days=29), day),
                "signups": daily.get((day, rules.REGISTERED), (0, 0))[0],
                "events": sum(c for (d, _n), (c, _t) in events.items() if d == day),
            }
        )
    return rows


async def _buz_economy(
    session: AsyncSession,
    report: AnalyticsReport,  # noqa: ARG001
    first: date,
    last: date,
) -> list[dict[str, Any]]:
    names = (rules.TRANSFER, rules.STAKED, rules.UNSTAKED)
    daily = await _daily_counts(session, first, last, names)
    rows = []
    for day in _days(first, last):
        transfers = daily.get((day, rules.TRANSFER), (0, 0))
        rows.append(
            {
                "day": day.isoformat(),
                "transfers": transfers[0],
                "volume": metrics.buz_text(transfers[1]),
                "staked": metrics.buz_text(daily.get((day, rules.STAKED), (0, 0))[1]),
                "unstaked": metrics.buz_text(daily.get((day, rules.UNSTAKED), (0, 0))[1]),
            }
        )
    return rows


async def _daily_counts(
    session: AsyncSession, first: date, last: date, names: tuple[str, ...] | None
) -> dict[tuple[date, str], tuple[int, int]]:
    start = datetime(first.year, first.month, first.day, tzinfo=UTC)
    stmt = (
        sa.select(COUNTS.c.bucket_start, COUNTS.c.name, COUNTS.c.count, COUNTS.c.total)
        .where(COUNTS.c.bucket_start >= start)
        .where(COUNTS.c.bucket_start < start + timedelta(days=(last - first).days + 1))
    )
    if names is not None:
        stmt = stmt.where(COUNTS.c.name.in_(names))
    sums: dict[tuple[date, str], list[int]] = defaultdict(lambda: [0, 0])
    for bucket, name, count, total in (await sql(session, stmt)).all():
        entry = sums[(bucket.date(), name)]
        entry[0] += int(count)
        entry[1] += int(total)
    return {k: (v[0], v[1]) for k, v in sums.items()}


BUILDERS: dict[rules.ReportKind, Builder] = {
    rules.ReportKind.USER_ENGAGEMENT: _user_engagement,
    rules.ReportKind.VENTURE_PERFORMANCE: _venture_performance,
    rules.ReportKind.PLATFORM_HEALTH: _platform_health,
    rules.ReportKind.BUZ_ECONOMY: _buz_economy,
}


async def _set(report_id: uuid.UUID, **values: Any) -> None:
    async with db.session_scope() as session:
        await session.exec(
            sa.update(AnalyticsReport).where(col(AnalyticsReport.id) == report_id).values(**values)
        )


@jobs.job(BUILD_REPORT, max_tries=1)
async def build_report(*, report_id: str) -> str:
    """Build one QUEUED report. A report already taken by another run is left alone."""
    rid = uuid.UUID(report_id)
    async with db.session_scope() as session:
        # Claim it: QUEUED -> RUNNING once, whoever runs it.
        claimed = await session.exec(
            sa.update(AnalyticsReport)
            .where(col(AnalyticsReport.id) == rid)
            .where(col(AnalyticsReport.status) == rules.ReportStatus.QUEUED.value)
            .values(status=rules.ReportStatus.RUNNING.value, progress=10, started_at=utcnow())
        )
        if claimed.rowcount != 1:
            return "skipped"
    try:
        async with db.session_scope(read_only=True) as session:
            report = await session.get(AnalyticsReport, rid)
            assert report is not None  # claimed above
            first, last = rules.period_days(report.period, utcnow().date())
            kind = rules.ReportKind(report.kind)
            rows = await BUILDERS[kind](session, report, first, last)
        await _set(rid, progress=90)
        columns = list(rows[0]) if rows else _empty_columns(kind)
        status = rules.ReportStatus.COMPLETED
        await _finish(rid, status, columns=columns, rows=rows)
    except Exception as exc:
        log.exception("analytics report %s failed", rid)
        status = rules.ReportStatus.FAILED
        async with db.session_scope() as session:
            failed = await session.get(AnalyticsReport, rid)
            if failed is not None:
                failed.status = status.value
                failed.error = f"{type(exc).__name__}"[:500]
                failed.finished_at = utcnow()
                await _publish(session, failed)
    return status.value


def _empty_columns(kind: rules.ReportKind) -> list[str]:
    return {
        rules.ReportKind.USER_ENGAGEMENT: ["user_id", "active_days", *rules.USER_METRICS],
        rules.ReportKind.VENTURE_PERFORMANCE: [
            "venture_id",
            "stage",
            "team_size",
            "team_growth",
            "events",
            "metrics_recorded",
            "buz_raised",
        ],
        rules.ReportKind.PLATFORM_HEALTH: ["day", "dau", "wau", "mau", "signups", "events"],
        rules.ReportKind.BUZ_ECONOMY: ["day", "transfers", "volume", "staked", "unstaked"],
    }[kind]


async def _finish(
    rid: uuid.UUID,
    status: rules.ReportStatus,
    *,
    columns: list[str],
    rows: list[dict[str, Any]],
) -> None:
    async with db.session_scope() as session:
        row = await session.get(AnalyticsReport, rid)
        if row is None:
            return
        row.status = status.value
        row.progress = 100
        row.columns = columns
        row.rows = rows
        row.finished_at = utcnow()
        await _publish(session, row)


async def _publish(session: AsyncSession, report: AnalyticsReport) -> None:
    await bus.publish(
        session,
        ReportCompleted(
            report_id=report.id,
            user_id=report.requested_by,
            kind=report.kind,
            period=report.period,
            status=report.status,
        ),
    )


async def queued_before(session: AsyncSession, *, cutoff: datetime) -> list[uuid.UUID]:
    rows = await session.exec(
        select(AnalyticsReport.id)
        .where(col(AnalyticsReport.status) == rules.ReportStatus.QUEUED.value)
        .where(col(AnalyticsReport.created_at) <= cutoff)
        .limit(100)
    )
    return list(rows.all())
