"""Health and metrics endpoints: `/api/health`, `/api/health/live`, `/metrics`."""

from __future__ import annotations

import asyncio
import hmac
import logging
from typing import Literal

import sqlalchemy as sa
from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from brain import __version__
from brain.core import bus, db, jobs, metrics
from brain.core.config import Settings
from brain.core.errors import AuthRequired

log = logging.getLogger(__name__)

router = APIRouter(tags=["system"])

CheckState = Literal["ok", "unavailable", "not_configured"]


class HealthChecks(BaseModel):
    database: CheckState
    redis: CheckState
    outbox_backlog: int | None = Field(
        description="Committed events not yet delivered (older than the sweep grace period); "
        "null when the database is down."
    )


class Health(BaseModel):
    status: Literal["healthy", "degraded", "unhealthy"]
    version: str
    services: dict[str, Literal["active"]] = Field(description="One entry per installed domain.")
    checks: HealthChecks


class Liveness(BaseModel):
    status: Literal["alive"] = "alive"


async def _database_and_backlog() -> tuple[CheckState, int | None]:
    try:
        async with asyncio.timeout(3):
            async with db.session_scope() as session:
                await session.exec(sa.select(sa.literal(1)))  # type: ignore[call-overload]
                backlog = await bus.backlog(session)
        return "ok", backlog
    except Exception as exc:
        log.warning("health: database check failed: %r", exc)
        return "unavailable", None


async def _redis(settings: Settings) -> CheckState:
    if not settings.redis_url:
        return "not_configured"
    return "ok" if await jobs.get_backend().ping() else "unavailable"


@router.get(
    "/health",
    response_model=Health,
    responses={503: {"model": Health, "description": "The database is unreachable."}},
)
async def health(request: Request, response: Response) -> Health:
    """Readiness: the database, Redis and the outbox backlog."""
    settings: Settings = request.app.state.settings
    (database, backlog), redis = await asyncio.gather(_database_and_backlog(), _redis(settings))
    if database != "ok":
        status: Literal["healthy", "degraded", "unhealthy"] = "unhealthy"
        response.status_code = 503
    elif redis == "unavailable" or (backlog or 0) >= settings.outbox_degraded_backlog:
        status = "degraded"
    else:
        status = "healthy"
    if backlog is not None:
        metrics.OUTBOX_BACKLOG.set(backlog)
    return Health(
        status=status,
        version=__version__,
        services=dict.fromkeys(request.app.state.domains, "active"),
        checks=HealthChecks(database=database, redis=redis, outbox_backlog=backlog),
    )


@router.get("/health/live", response_model=Liveness)
async def live() -> Liveness:
    """Liveness: the process answers. Touches nothing else."""
    return Liveness()


metrics_router = APIRouter()


def _metrics_allowed(request: Request) -> None:
    """Open outside production when no token is set; otherwise the bearer token or nothing.
    In production without a token the route does not exist to the outside (404), so a
    deployment never exposes it by forgetting a setting."""
    settings: Settings = request.app.state.settings
    if settings.metrics_open:
        return
    if settings.metrics_token is None:
        raise StarletteHTTPException(404)
    scheme, _, given = (request.headers.get("authorization") or "").partition(" ")
    expected = settings.metrics_token.encode()
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected):
        raise AuthRequired("`/metrics` needs its bearer token (BRAIN_METRICS_TOKEN).")


@metrics_router.get("/metrics", include_in_schema=False, dependencies=[Depends(_metrics_allowed)])
async def prometheus_metrics() -> Response:
    # Prometheus text format is not JSON and has no OpenAPI description worth having.
    try:
        pool = db.get_engine().pool
        checked_out = int(getattr(pool, "checkedout", lambda: 0)())
        idle = int(getattr(pool, "checkedin", lambda: 0)())
        overflow = max(0, int(getattr(pool, "overflow", lambda: 0)()))
        metrics.DB_POOL.labels("checked_out").set(checked_out)
        metrics.DB_POOL.labels("idle").set(idle)
        metrics.DB_POOL.labels("overflow").set(overflow)
    except RuntimeError:
        pass
    try:
        metrics.JOB_QUEUE_DEPTH.set(await jobs.get_backend().queue_depth())
    except Exception as exc:
        log.warning("metrics: queue depth unavailable: %r", exc)
    try:
        async with asyncio.timeout(3):
            async with db.session_scope() as session:
                metrics.OUTBOX_BACKLOG.set(await bus.backlog(session))
    except Exception as exc:
        log.warning("metrics: outbox backlog unavailable: %r", exc)
    body, content_type = metrics.render()
    return Response(body, media_type=content_type)
