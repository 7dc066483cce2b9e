"""`/api/analytics`: user, venture and platform analytics, client event tracking, reports.

Access: every route needs a signed-in user. A user's analytics are theirs and an
administrator's (SUPER_ADMIN); a venture's, its team's only (as in the ventures domain, no
administrator bypass); anyone else gets 404, as if it did not exist. The platform's figures
and the platform-wide report kinds are for administrators (403 otherwise). A report is its
requester's alone.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import Depends, Query, Response, status

from brain.core.db import SessionDep
from brain.core.errors import PermissionDenied
from brain.core.models import utcnow
from brain.core.openapi import problems
from brain.core.pagination import PageParams, page_params
from brain.core.routes import DomainRouter, set_location
from brain.core.schemas import Page
from brain.domains.analytics import ingest, metrics, reports, rules
from brain.domains.analytics.errors import (
    AnalyticsNotFound,
    ReportNotFound,
    ReportNotReady,
    UnknownTimeZone,
)
from brain.domains.analytics.schemas import (
    Period,
    PlatformAnalytics,
    ReportCreate,
    ReportData,
    ReportRead,
    TrackBatch,
    TrackResult,
    UserAnalytics,
    VentureAnalytics,
)
from brain.domains.auth.deps import AuthenticatedUser, CurrentUser
from brain.domains.users.schemas import Role
from brain.domains.ventures import service as ventures

router = DomainRouter(prefix="/analytics", tags=["analytics"])

Paging = Annotated[PageParams, Depends(page_params)]
PeriodQuery = Annotated[Period, Query(description="The last 7, 30, 90 or 365 UTC days.")]


def is_admin(user: AuthenticatedUser) -> bool:
    return user.role == Role.SUPER_ADMIN


@router.post("/track", response_model=TrackResult)
async def track(batch: TrackBatch, user: CurrentUser, session: SessionDep) -> TrackResult:
    """Record up to 500 client events; each one is accepted, a duplicate, or rejected."""
    return await ingest.track(session, user_id=user.id, batch=batch, now=utcnow())


@router.get("/users/{user_id}", response_model=UserAnalytics, responses=problems(AnalyticsNotFound))
async def user_analytics(
    user_id: uuid.UUID, user: CurrentUser, session: SessionDep, period: PeriodQuery = "30d"
) -> UserAnalytics:
    """A user's activity, XP, BUZ, documents signed and ventures over a period (yours)."""
    if user.id != user_id and not is_admin(user):
        raise AnalyticsNotFound()
    return await metrics.user_analytics(session, user_id=user_id, period=period, now=utcnow())


@router.get(
    "/ventures/{venture_id}",
    response_model=VentureAnalytics,
    responses=problems(AnalyticsNotFound),
)
async def venture_analytics(
    venture_id: uuid.UUID, user: CurrentUser, session: SessionDep, period: PeriodQuery = "30d"
) -> VentureAnalytics:
    """A venture's team growth, stage durations, metrics and BUZ raised (its team only)."""
    # As everywhere in ventures: no administrator bypass, a venture's figures are its team's.
    role = await ventures.member_role(session, venture_id=venture_id, user_id=user.id)
    if role is None:
        raise AnalyticsNotFound()
    return await metrics.venture_analytics(
        session, venture_id=venture_id, period=period, now=utcnow()
    )


@router.get(
    "/platform",
    response_model=PlatformAnalytics,
    responses=problems(PermissionDenied, UnknownTimeZone),
)
async def platform_analytics(
    user: CurrentUser,
    session: SessionDep,
    period: PeriodQuery = "30d",
    interval: Annotated[
        rules.Interval, Query(description="The series' step, in `tz`.")
    ] = rules.Interval.DAY,
    tz: Annotated[
        str, Query(min_length=1, max_length=64, description="An IANA time zone for the series.")
    ] = "UTC",
) -> PlatformAnalytics:
    """DAU/WAU/MAU, signups, weekly retention, ventures by stage, BUZ volume and TVL (admins)."""
    if not is_admin(user):
        raise PermissionDenied("Platform analytics are for administrators.")
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise UnknownTimeZone(f"{tz!r} is not an IANA time zone.") from exc
    return await metrics.platform_analytics(
        session, period=period, now=utcnow(), interval=interval, tz=tz
    )


@router.post(
    "/reports",
    response_model=ReportRead,
    status_code=status.HTTP_201_CREATED,
    responses=problems(PermissionDenied),
)
async def create_report(
    body: ReportCreate, user: CurrentUser, session: SessionDep, response: Response
) -> Any:
    """Queue a report; follow its status and progress, then download it."""
    admin = is_admin(user)
    if body.kind in rules.ADMIN_REPORTS and not admin:
        raise PermissionDenied(f"{body.kind.value} reports are for administrators.")
    report = await reports.request(
        session, user_id=user.id, kind=body.kind, period=body.period, admin=admin
    )
    set_location(response, f"/analytics/reports/{report.id}")
    return report


@router.get("/reports", response_model=Page[ReportRead])
async def list_reports(user: CurrentUser, session: SessionDep, page: Paging) -> Page[ReportRead]:
    """Your reports, newest first."""
    rows, cursor = await reports.list_reports(session, user_id=user.id, page=page)
    return Page(items=[ReportRead.model_validate(r) for r in rows], next_cursor=cursor)


@router.get("/reports/{report_id}", response_model=ReportRead, responses=problems(ReportNotFound))
async def get_report(report_id: uuid.UUID, user: CurrentUser, session: SessionDep) -> Any:
    """One of your reports: its status and progress."""
    return await reports.get(session, report_id=report_id, user_id=user.id)


@router.get(
    "/reports/{report_id}/download",
    response_model=ReportData,
    responses={
        200: {
            "model": ReportData,
            "description": "The report: JSON, or CSV (`text/csv`) with `format=csv`.",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        },
        **problems(ReportNotFound, ReportNotReady),
    },
)
async def download_report(
    report_id: uuid.UUID,
    user: CurrentUser,
    session: SessionDep,
    format: Literal["csv", "json"] = "json",
) -> Any:
    """A completed report's rows, as JSON or CSV (409 until it is completed)."""
    report = await reports.ready(session, report_id=report_id, user_id=user.id)
    filename = f"analytics-{report.kind}-{report.period}-{report.id}.{format}"
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    if format == "csv":
        return Response(reports.to_csv(report), media_type="text/csv", headers=headers)
    data = ReportData.model_validate(report)
    return Response(data.model_dump_json(), media_type="application/json", headers=headers)
