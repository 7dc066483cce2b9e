"""The installed domains' routers, mounted under `/api`, and their OpenAPI tags.

Both come from the domains' manifests (brain/installed.py), in the house order.
"""

from __future__ import annotations

from fastapi import FastAPI

from brain.core.health import router as health_router
from brain.core.routes import API_PREFIX
from brain.installed import DOMAINS

SYSTEM_TAG = {
    "name": "system",
    "description": "Health and liveness probes of the Brain process.",
}


def openapi_tags() -> list[dict[str, str]]:
    return [SYSTEM_TAG] + [
        {"name": d.tag, "description": d.description} for d in DOMAINS if d.tag is not None
    ]


def service_names() -> list[str]:
    """The domains `/api/health` lists: those that serve requests, by their tag."""
    return [d.tag for d in DOMAINS if d.tag is not None]


def include_routers(app: FastAPI) -> None:
    """Mount the health router and every domain's router under `/api`.

    Each is included directly on the app with the `/api` prefix rather than through an `/api`
    router holding them: FastAPI (since 0.137) keeps included routers as a tree and walks it on
    every request, each level twice (once to find the branch, again inside it), so a level of
    nesting was ~10 % of the CPU of a cheap request. Matching is a linear scan in this order;
    each domain's `DomainRouter` turns away paths outside its prefix at once, so a request
    walks only its own domain's routes (fastapi/fastapi#16159 asks for this upstream).
    """
    app.include_router(health_router, prefix=API_PREFIX)
    for domain in DOMAINS:
        if domain.router is not None:
            app.include_router(domain.router, prefix=API_PREFIX)
