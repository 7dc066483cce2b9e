"""The application factory: `uvicorn brain.app:create_app --factory`."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from brain import __version__, api, handlers
from brain.core import broadcast, db, jobs, process, ratelimit
from brain.core.apidocs import install_api_docs
from brain.core.config import Settings, get_settings
from brain.core.errors import install_exception_handlers
from brain.core.health import metrics_router
from brain.core.logging import configure_logging
from brain.core.middleware import RequestMiddleware
from brain.core.openapi import build_openapi, operation_id

log = logging.getLogger(__name__)

DESCRIPTION = """
The Brain is SmartStart's backend, the one API behind the platform where people turn ideas
into ventures together. Each domain has its own tag below.

Every error is `application/problem+json` (RFC 9457) with a stable `code` and the
`request_id` to quote. Lists are `{"items": [...], "next_cursor": ...}`; pass `next_cursor`
back as `cursor`. Ids are UUIDs, times are UTC ISO 8601, BUZ amounts are decimal strings.
"""


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    async with AsyncExitStack() as stack:
        # Tests set up the database, job runner and broadcast themselves; the app starts (and
        # later stops) only what is not there yet.
        if not db.is_configured():
            db.configure(settings)
            stack.push_async_callback(db.dispose)
        if not jobs.is_configured():
            backend = jobs.configure(settings)
            await backend.start()
            stack.push_async_callback(jobs.shutdown)
        if not broadcast.is_configured():
            hub = broadcast.configure(settings)
            await hub.start()
            stack.push_async_callback(broadcast.shutdown)
        # The rate limiter connects to Redis lazily, on the first limited request.
        stack.push_async_callback(ratelimit.aclose)
        handlers.register()
        await handlers.startup()
        process.started(settings)
        log.info(
            "brain %s up (%s, %s)",
            __version__,
            "sqlite" if settings.is_sqlite else "postgres",
            "arq/redis" if settings.redis_url else "in-process jobs",
        )
        yield


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    # Before the routes: some subscriptions add to the OpenAPI contract (legal's subject
    # checks name the ventures' and umbrella's errors), so the schema is the same whether
    # it is built by a server, a test or `brain docs`. Idempotent.
    handlers.register()
    configure_logging(level=settings.log_level, json_lines=settings.json_logs)
    app = FastAPI(
        title="SmartStart Brain",
        version=__version__,
        description=DESCRIPTION,
        openapi_tags=api.openapi_tags(),
        generate_unique_id_function=operation_id,
        # Served by brain/core/apidocs.py, with their assets, instead of from a CDN.
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
        swagger_ui_parameters={"persistAuthorization": True},
        # The Brain's metrics are Prometheus (brain/core/metrics.py) and it sets up no
        # OpenTelemetry provider. With FastAPI's native telemetry on, every request asks the
        # global tracer, meter and logger providers whether one has appeared (~3 us, 5 % of
        # a liveness probe).
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.settings = settings
    app.state.domains = api.service_names()
    install_exception_handlers(app)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_credentials=True,
            allow_methods=["*"],
            allow_headers=["*"],
            expose_headers=["X-Request-ID", "Retry-After"],
        )
    # Added last, so it is the outermost: it sees (and numbers) every request.
    app.add_middleware(
        RequestMiddleware,
        limits=settings.request_limits,
        trusted_proxy_hops=settings.trusted_proxy_hops,
    )
    api.include_routers(app)
    app.include_router(metrics_router)
    if settings.docs_enabled:
        install_api_docs(app)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = build_openapi(app)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app
