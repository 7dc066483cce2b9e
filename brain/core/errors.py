"""Errors as RFC 9457 problem details.

Services raise `BrainError` subclasses (never `HTTPException`); each class fixes its HTTP
status and a stable upper-snake `code` that clients can switch on. The handlers installed by
`install_exception_handlers` turn every failure, including framework ones (unknown route,
wrong method, validation) and an unreachable database, into `application/problem+json`.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any, ClassVar

import asyncpg
from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy import exc as sa_exc
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from brain.core.logging import get_request_id

log = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_TYPE_BASE = "https://smartstart.dev/problems/"


class BrainError(Exception):
    """Base of every error the Brain answers on purpose."""

    status: ClassVar[int] = 400
    code: ClassVar[str] = "BAD_REQUEST"
    title: ClassVar[str] = "Bad request"

    def __init__(
        self,
        detail: str | None = None,
        *,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        self.detail = detail or self.title
        self.headers = headers or {}
        self.extra = extra
        super().__init__(self.detail)


class NotFound(BrainError):
    status = 404
    code = "RESOURCE_NOT_FOUND"
    title = "Resource not found"


class Conflict(BrainError):
    status = 409
    code = "CONFLICT"
    title = "Conflict"


class AuthRequired(BrainError):
    status = 401
    code = "AUTH_REQUIRED"
    title = "Authentication required"

    def __init__(self, detail: str | None = None, **extra: Any) -> None:
        super().__init__(detail, headers={"WWW-Authenticate": "Bearer"}, **extra)


class PermissionDenied(BrainError):
    status = 403
    code = "INSUFFICIENT_PERMISSIONS"
    title = "Insufficient permissions"


class ComplianceRequired(BrainError):
    """The acting user has not signed (a current version of) every template the action
    requires. The problem body lists them in `missing` (template types).

    Raised by the legal domain's compliance gate (`brain.domains.legal.errors` re-exports it);
    it lives in the core so that the domains below legal whose routes reach the gate through a
    registered check (auth's role grant) can list it in their OpenAPI responses."""

    status = 403
    code = "COMPLIANCE_REQUIRED"
    title = "Signed legal documents required"

    def __init__(
        self, detail: str | None = None, *, action: str, missing: list[str], **extra: Any
    ) -> None:
        super().__init__(
            detail or f"'{action}' needs these documents signed: {', '.join(missing)}.",
            action=action,
            missing=missing,
            **extra,
        )
        self.action = action
        self.missing = missing


class ValidationFailed(BrainError):
    """A business-rule validation failure on well-formed input."""

    status = 422
    code = "VALIDATION_ERROR"
    title = "Validation error"


class InvalidCursor(BrainError):
    """A page cursor the list did not give out (brain.core.pagination)."""

    status = 400
    code = "INVALID_CURSOR"
    title = "Invalid cursor"

    def __init__(self) -> None:
        super().__init__(
            "The cursor is not one this list gave out (malformed, altered, from another list "
            "or expired by a key rotation); start again without one."
        )


class RateLimited(BrainError):
    status = 429
    code = "RATE_LIMITED"
    title = "Too many requests"

    def __init__(self, retry_after: int, detail: str | None = None, **extra: Any) -> None:
        super().__init__(detail, headers={"Retry-After": str(max(1, retry_after))}, **extra)


class ServiceUnavailable(BrainError):
    status = 503
    code = "SERVICE_UNAVAILABLE"
    title = "Service unavailable"

    def __init__(self, detail: str | None = None, retry_after: int = 5, **extra: Any) -> None:
        super().__init__(detail, headers={"Retry-After": str(retry_after)}, **extra)


# Framework statuses that are not BrainErrors get a stable code too.
_STATUS_CODES: dict[int, str] = {
    400: "BAD_REQUEST",
    401: "AUTH_REQUIRED",
    403: "INSUFFICIENT_PERMISSIONS",
    404: "RESOURCE_NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    406: "NOT_ACCEPTABLE",
    408: "REQUEST_TIMEOUT",
    409: "CONFLICT",
    413: "PAYLOAD_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
    422: "VALIDATION_ERROR",
    429: "RATE_LIMITED",
    431: "HEADERS_TOO_LARGE",
    500: "INTERNAL_ERROR",
    503: "SERVICE_UNAVAILABLE",
}


def problem_body(
    *, status: int, code: str, title: str, detail: str, **extra: Any
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE_BASE + code.lower().replace("_", "-"),
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
        "request_id": get_request_id(),
    }
    body.update(extra)
    return body


def problem_response(
    *,
    status: int,
    code: str,
    title: str | None = None,
    detail: str | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    title = title or HTTPStatus(status).phrase
    body = problem_body(status=status, code=code, title=title, detail=detail or title, **extra)
    return JSONResponse(
        jsonable_encoder(body),
        status_code=status,
        headers=headers,
        media_type=PROBLEM_CONTENT_TYPE,
    )


def _unavailable_sqlstate(sqlstate: str | None) -> bool:
    """SQLSTATEs of a server that cannot serve now: class 08 (connection exception), 53300
    (too many connections) and 57P01 to 57P03 (admin shutdown, crash shutdown, cannot connect
    now). asyncpg reports a server that is starting up or shutting down (57P03, every new
    connection during a restart) or full as a plain DBAPIError, which without this answered
    500 instead of 503."""
    return sqlstate is not None and (
        sqlstate.startswith("08") or sqlstate in {"53300", "57P01", "57P02", "57P03"}
    )


def is_database_unavailable(exc: BaseException) -> bool:
    """True for errors that mean "the database cannot be reached", not "the query is wrong"."""
    if isinstance(exc, sa_exc.TimeoutError):  # pool exhausted
        return True
    if isinstance(exc, sa_exc.DBAPIError):
        if exc.connection_invalidated:
            return True
        if isinstance(exc, sa_exc.OperationalError | sa_exc.InterfaceError):
            return True
        if _unavailable_sqlstate(getattr(exc.orig, "sqlstate", None)):
            return True
    # The read pool's plain asyncpg errors (brain.core.db.FastSelect): the same SQLSTATEs.
    if isinstance(exc, asyncpg.PostgresError) and _unavailable_sqlstate(exc.sqlstate):
        return True
    if isinstance(exc, asyncpg.InterfaceError) and "closed" in str(exc):
        return True  # "connection is closed": the server went away under it
    # asyncpg raises OSError subclasses (connection refused, reset) straight from connect().
    return isinstance(exc, ConnectionError | OSError | TimeoutError)


async def _brain_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, BrainError)
    return problem_response(
        status=exc.status,
        code=exc.code,
        title=exc.title,
        detail=exc.detail,
        headers=exc.headers,
        **exc.extra,
    )


_METHODS = ("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT")


def allowed_methods(request: Request) -> list[str]:
    """Every method some route answers at this URL.

    Starlette's 405 names only the methods of the first route whose path matched, but one path
    often has several routes (GET, PATCH, PUT and DELETE of `/users/{user_id}`), and `Allow`
    must list them all (RFC 9110, 15.5.6). Asking the router with each method keeps to its
    public matching API (FastAPI nests included routers).
    """
    routes = request.app.router.routes
    return [
        method
        for method in _METHODS
        if any(
            route.matches({**request.scope, "method": method})[0] is Match.FULL for route in routes
        )
    ]


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _STATUS_CODES.get(exc.status_code, HTTPStatus(exc.status_code).name)
    detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = ", ".join(allowed_methods(request)) or headers.get("Allow", "")
    return problem_response(status=exc.status_code, code=code, detail=detail, headers=headers)


def _json_position(body: Any, position: Any) -> str:
    """Where a body stopped being JSON, in words: "line 2, column 5 (character 19)"."""
    if not isinstance(position, int):
        return "somewhere"
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body or "")
    before = text[:position]
    line = before.count("\n") + 1
    column = position - (before.rfind("\n") + 1) + 1
    return f"line {line}, column {column} (character {position + 1})"


def _field_error(err: Any, body: Any) -> dict[str, str]:
    loc = tuple(err.get("loc", ()))
    if err.get("type") == "json_invalid":
        # FastAPI reports a malformed body as `body.<offset>` with "JSON decode error".
        position = loc[1] if len(loc) > 1 else None
        reason = str((err.get("ctx") or {}).get("error") or "JSON decode error")
        return {
            "field": "body",
            "message": f"The body is not valid JSON: {reason} at {_json_position(body, position)}.",
            "type": "json_invalid",
        }
    return {
        "field": ".".join(str(part) for part in loc),
        "message": err.get("msg", ""),
        "type": err.get("type", ""),
    }


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [_field_error(err, exc.body) for err in exc.errors()]
    names = ", ".join(e["field"] for e in errors) or "the request"
    return problem_response(
        status=422,
        code="VALIDATION_ERROR",
        title="Validation error",
        detail=f"Invalid input: {names}",
        errors=errors,
    )


async def _database_error(request: Request, exc: Exception) -> JSONResponse:
    if is_database_unavailable(exc):
        log.warning("database unavailable: %s", exc)
        return problem_response(
            status=503,
            code="SERVICE_UNAVAILABLE",
            title="Service unavailable",
            detail="The database is unavailable; try again shortly.",
            headers={"Retry-After": "5"},
        )
    return await internal_error(request, exc)


async def internal_error(_request: Request, exc: Exception) -> JSONResponse:
    log.error("unhandled error", exc_info=exc)
    return problem_response(
        status=500,
        code="INTERNAL_ERROR",
        title="Internal server error",
        detail="An unexpected error occurred. Quote the request id when reporting it.",
    )


def install_exception_handlers(app: FastAPI) -> None:
    app.add_exception_handler(BrainError, _brain_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(sa_exc.SQLAlchemyError, _database_error)
    app.add_exception_handler(OSError, _database_error)
    # The read pool's plain asyncpg errors (a connect refused while the server shuts down,
    # 57P03): 503 when `is_database_unavailable` says so, like SQLAlchemy's.
    app.add_exception_handler(asyncpg.PostgresError, _database_error)
    app.add_exception_handler(asyncpg.InterfaceError, _database_error)
