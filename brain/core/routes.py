"""The app's routes with their full paths, whatever router nesting produced them.

FastAPI resolves included routers lazily, so `scope["route"].path` is the path inside its own
router (`/balance/{user_id}`), not the public one (`/api/buz/balance/{user_id}`). Metrics,
tests and generated docs use this module to see the public paths. What it needs of
FastAPI's and Starlette's internals comes through `brain.core.internals`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, FastAPI, Response
from fastapi.routing import APIRoute, APIWebSocketRoute
from starlette.routing import Match
from starlette.types import Scope

from brain.core.internals import route_contexts, route_path

API_PREFIX = "/api"
"""Every router is included under this prefix (`brain.api.include_routers`)."""


class DomainRouter(APIRouter):
    """A domain's router (`DomainRouter(prefix="/buz", tags=["buz"])`), included under
    `API_PREFIX`: an APIRouter that turns a request away at once when its path is not under
    the router's public prefix.

    Why: FastAPI matches a request by trying every route of every included router in turn,
    twice (once to pick the router, again inside it), at ~5 us per route. A request for the
    last domain paid for every route of the domains before it: a third of the CPU of an
    authenticated balance read. With this check a request walks only its own domain's routes.
    It only ever answers "no" for a path that no route of this router could match, so what
    matches, the 405s and the trailing-slash redirects are unchanged.
    """

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if not route_path(scope).startswith(API_PREFIX + self.prefix):
            return Match.NONE, {}
        return super().matches(scope)


def set_location(response: Response, path: str) -> None:
    """The `Location` of a 201: the public URL of what the request created, `path` under
    `API_PREFIX` (`set_location(response, f"/ventures/{venture.id}")`). Every route answering
    201 calls it (tests/core/test_openapi.py checks), and the schema declares the header."""
    response.headers["Location"] = API_PREFIX + path


@dataclass(frozen=True)
class RouteInfo:
    path: str
    methods: frozenset[str]
    name: str
    route: Any
    in_schema: bool


def app_routes(app: FastAPI) -> list[RouteInfo]:
    found: list[RouteInfo] = []
    for original, path_format in route_contexts(app.routes):
        path = path_format or getattr(original, "path", None)
        if path is None:
            continue
        if isinstance(original, APIWebSocketRoute):
            methods: frozenset[str] = frozenset({"WEBSOCKET"})
        else:
            methods = frozenset(getattr(original, "methods", None) or ())
        found.append(
            RouteInfo(
                path=path,
                methods=methods,
                name=str(getattr(original, "name", "")),
                route=original,
                in_schema=bool(getattr(original, "include_in_schema", False))
                and isinstance(original, APIRoute),
            )
        )
    return found


def route_template(app: FastAPI, route: Any) -> str:
    """The public path template of a matched route (for metric labels)."""
    table: dict[int, str] | None = getattr(app.state, "route_templates", None)
    if table is None:
        table = {id(info.route): info.path for info in app_routes(app)}
        app.state.route_templates = table
    return table.get(id(route)) or getattr(route, "path", None) or "unmatched"
