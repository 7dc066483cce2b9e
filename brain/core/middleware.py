"""The request middleware: request id, metrics, and the last-resort 500.

Written as plain ASGI rather than `BaseHTTPMiddleware`, which costs a task and a memory stream
per request and would be most of the overhead on a cheap endpoint.
"""

from __future__ import annotations

import logging
import re
import secrets
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from brain.core import metrics
from brain.core.errors import internal_error, problem_response
from brain.core.internals import ROUTE_SCOPE_KEY
from brain.core.logging import reset_request_id, set_request_id
from brain.core.routes import route_template

log = logging.getLogger("brain.request")

# A client-supplied id is echoed into logs and headers, so only tame ones are accepted.
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


class RequestMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        incoming = _header(scope, b"x-request-id")
        request_id = (
            incoming
            if incoming and _SAFE_REQUEST_ID.match(incoming)
            # 128 random bits as 32 hex digits: the format of a uuid4().hex at a quarter of
            # its CPU (it builds a UUID object to throw away).
            else secrets.token_hex(16)
        )
        token = set_request_id(request_id)
        started = time.perf_counter()
        status = 500
        response_started = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status = message["status"]
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        metrics.IN_PROGRESS.inc()
        try:
            nul_in = _nul_parameter(scope)
            if nul_in is not None:
                await _nul_refused(nul_in)(scope, receive, send_with_id)
            else:
                await self.app(scope, receive, send_with_id)
        except Exception as exc:
            if response_started:
                log.error("error after the response started", exc_info=exc)
                raise
            from starlette.requests import Request

            response = await internal_error(Request(scope), exc)
            await response(scope, receive, send_with_id)
        finally:
            metrics.IN_PROGRESS.dec()
            route = scope.get(ROUTE_SCOPE_KEY)
            template = route_template(scope["app"], route) if route is not None else "unmatched"
            method = scope.get("method", "GET")
            metrics.observe_request(method, template, status, time.perf_counter() - started)
            reset_request_id(token)


def _nul_parameter(scope: Scope) -> str | None:
    """ "path" or "query" when that part of the URL holds a NUL character (`%00`). Postgres text
    cannot hold one (a 500 from a search term or a state machine id, found by a test), and no
    identifier, cursor or search needs one, so it is refused here, once, for every route. The
    path arrives decoded; the query string raw."""
    if "\x00" in scope["path"]:
        return "path"
    if b"%00" in scope.get("query_string", b""):
        return "query"
    return None


def _nul_refused(part: str) -> ASGIApp:
    return problem_response(
        status=422,
        code="VALIDATION_ERROR",
        title="Validation error",
        detail=f"Invalid input: the {part} contains a NUL character (%00).",
        errors=[
            {"field": part, "message": "must not contain a NUL character", "type": "value_error"}
        ],
    )


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            try:
                return str(value.decode("latin-1"))
            except UnicodeDecodeError:
                return None
    return None
