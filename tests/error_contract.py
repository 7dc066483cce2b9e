"""Every error code a route answers is one its OpenAPI operation lists.

The schema lists, per operation and status, the stable `code`s a client may meet
(`x-error-codes`, brain/core/openapi.py). Nothing static can prove a route raises only those,
so the suite checks it by watching: while the tests run, the app's error handlers note each
(operation, status, code) they answer, and at the end of the run every noted answer must be
listed in the schema. A route that starts raising a new error without naming it in its
`problems(...)` fails the run, with the route and the code.

Answers given before routing (the body limits, an unknown path) belong to no operation and
are not noted.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.responses import Response

from brain.core import errors
from brain.core.routes import route_template

Handler = Callable[[Request, Exception], Awaitable[Response]]

# (method, path template, status) -> codes answered, with one test that saw each.
_seen: dict[tuple[str, str, str], dict[str, str]] = {}
_current_test = ["?"]


def _noting(handler: Handler) -> Handler:
    async def note(request: Request, exc: Exception) -> Response:
        response = await handler(request, exc)
        route = request.scope.get("route")
        code = json.loads(bytes(response.body)).get("code") if response.body else None
        if isinstance(route, APIRoute) and code and response.status_code >= 400:
            # The public template (with the /api prefix), as the schema's paths name it.
            path = route_template(request.app, route)
            key = (request.method.lower(), path, str(response.status_code))
            _seen.setdefault(key, {}).setdefault(code, _current_test[0])
        return response

    return note


def install() -> None:
    """Wraps the handlers `install_exception_handlers` registers (before any app exists)."""
    for name in ("_brain_error", "_http_error", "_validation_error"):
        setattr(errors, name, _noting(getattr(errors, name)))


def note_test(nodeid: str) -> None:
    _current_test[0] = nodeid


def unlisted(schema: dict[str, Any]) -> list[str]:
    """The noted answers the schema does not list, one line each."""
    found = []
    for (method, path, status), codes in sorted(_seen.items()):
        operation = schema["paths"].get(path, {}).get(method)
        if operation is None:  # HEAD answered by a GET route, or a hidden route
            continue
        listed = operation.get("responses", {}).get(status, {}).get("x-error-codes", [])
        for code, test in sorted(codes.items()):
            if code not in listed:
                found.append(f"{method.upper()} {path} {status} {code} (seen in {test})")
    return found


def check(session: pytest.Session) -> None:
    if not _seen:
        return
    from brain import handlers
    from brain.app import create_app

    handlers.register()
    missing = unlisted(create_app().openapi())
    if missing:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        lines = [
            f"{len(missing)} error answers are not listed in their operation's "
            "x-error-codes; name the error class in the route's problems(...):",
            *missing,
        ]
        if reporter is not None:
            reporter.write_sep("=", "error contract", red=True)
            for line in lines:
                reporter.write_line(line)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
