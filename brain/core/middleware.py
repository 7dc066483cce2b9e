"""The request middleware: the client's address behind proxies, request id, metrics, and the
last-resort 500.

Written as plain ASGI rather than `BaseHTTPMiddleware`, which costs a task and a memory stream
per request and would be most of the overhead on a cheap endpoint.
"""

from __future__ import annotations

import ipaddress
import logging
import re
import secrets
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from brain.core import metrics
from brain.core.errors import internal_error, problem_response
from brain.core.internals import ROUTE_SCOPE_KEY
from brain.core.limits import (
    BodyTimeout,
    BodyTooLarge,
    RequestLimits,
    declared_length,
    limited_receive,
)
from brain.core.logging import reset_request_id, set_request_id
from brain.core.routes import route_template

log = logging.getLogger("brain.request")

# A client-supplied id is echoed into logs and headers, so only tame ones are accepted.
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


class RequestMiddleware:
    def __init__(self, app: ASGIApp, *, limits: RequestLimits, trusted_proxy_hops: int = 0) -> None:
        self.app = app
        self.limits = limits
        self.trusted_proxy_hops = trusted_proxy_hops

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        if self.trusted_proxy_hops:
            scope = behind_proxies(scope, self.trusted_proxy_hops)
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
            limit = self.limits.body_limit(scope["path"])
            refusal = self._refusal(scope, limit)
            if refusal is not None:
                await refusal(scope, receive, send_with_id)
            else:
                bounded = limited_receive(
                    receive, limit=limit, timeout=self.limits.body_timeout_seconds
                )
                await self.app(scope, bounded, send_with_id)
        except (BodyTooLarge, BodyTimeout) as exc:
            # Raised where nothing turned it into a response (a route that read its body
            # itself): answered here, the connection is not reused for a half-read body.
            if response_started:
                raise
            await _limit_refused(exc)(scope, receive, send_with_id)
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

    def _refusal(self, scope: Scope, body_limit: int) -> ASGIApp | None:
        """The problem answered before the app runs, if the request is refused outright."""
        nul_in = _nul_parameter(scope)
        if nul_in is not None:
            return _nul_refused(nul_in)
        too_many = self.limits.header_problem(scope)
        if too_many is not None:
            return problem_response(
                status=431,
                code="HEADERS_TOO_LARGE",
                title="Request header fields too large",
                detail=too_many,
                headers={"Connection": "close"},
            )
        declared = declared_length(scope)
        if declared is not None and declared > body_limit:
            return _limit_refused(BodyTooLarge(body_limit))
        return None


def _limit_refused(exc: BodyTooLarge | BodyTimeout) -> ASGIApp:
    code = "PAYLOAD_TOO_LARGE" if isinstance(exc, BodyTooLarge) else "REQUEST_TIMEOUT"
    # The rest of the body is never read, so the connection cannot carry another request.
    return problem_response(
        status=exc.status_code, code=code, detail=exc.detail, headers={"Connection": "close"}
    )


def forwarded_client(forwarded_for: list[str], hops: int) -> str | None:
    """The client's address from the `X-Forwarded-For` entries, trusting exactly `hops`
    proxies: each appends the address it received the request from, so the entry `hops` places
    from the right is what the outermost trusted proxy saw. Entries left of it are whatever the
    client wrote and are never read (taking the leftmost, as uvicorn does with
    `FORWARDED_ALLOW_IPS=*`, let a client choose its own address). With fewer entries than
    hops the request skipped a proxy: the leftmost entry is the best known. None when the
    chosen entry is not an IP address."""
    entries = [e.strip() for header in forwarded_for for e in header.split(",") if e.strip()]
    if not entries:
        return None
    chosen = entries[-hops] if len(entries) >= hops else entries[0]
    try:
        return str(ipaddress.ip_address(chosen))
    except ValueError:
        return None


def behind_proxies(scope: Scope, hops: int) -> Scope:
    """`scope` with `client` (and `scheme`) as the trusted proxies report them. Every reader
    of the client's address (rate limits, sessions, audit entries) reads `scope["client"]`."""
    forwarded_for = [
        value.decode("latin-1") for key, value in scope["headers"] if key == b"x-forwarded-for"
    ]
    client = forwarded_client(forwarded_for, hops)
    if client is None:
        return scope
    scope = {**scope, "client": (client, 0)}
    proto = _header(scope, b"x-forwarded-proto")
    if proto:
        # The nearest proxy's value is the last one; it saw the connection it terminated.
        last = proto.split(",")[-1].strip().lower()
        if last in ("http", "https"):
            websocket = scope["type"] == "websocket"
            scope["scheme"] = {"http": "ws", "https": "wss"}[last] if websocket else last
    return scope


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
