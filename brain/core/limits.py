"""Limits on what a request may make the Brain hold: header count and size, body size, and how
long a body may take to arrive.

Why here and not in the server: uvicorn bounds headers only under h11 (httptools, which
`uvicorn[standard]` picks, accepts a 1 MB header), never bounds a body, and waits forever for
a body shorter than its `Content-Length`. Starlette's own `max_body_size` answers plain text
and logs an error for a declared size over the limit, so the Brain checks itself and answers
problem+json like every other error:

- headers: more than `max_headers` or more than `max_header_bytes` in all: 431, before the app;
- body: a `Content-Length` over the route's limit: 413 before a byte is read; a body without
  one (chunked) is counted as it streams and refused with 413 the moment it passes the limit;
- slow or short bodies: each chunk must arrive within `body_timeout_seconds` of the previous
  one (a `Content-Length` larger than the body sent, or a client trickling bytes): 408.

The limit is the JSON one (`max_body_bytes`) for every route, except under the path prefixes a
domain declares with `allow_larger_bodies` (uploads, streamed to storage with their own limit).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from starlette.exceptions import HTTPException
from starlette.types import Message, Receive, Scope

# Path prefix -> the largest body a route under it takes. Declared by domains at import.
_LARGER_BODIES: dict[str, int] = {}
# Exact path -> the largest body of that one path (an upload route whose siblings take JSON).
_LARGER_BODY_PATHS: dict[str, int] = {}


def allow_larger_bodies(path_prefix: str, max_bytes: int, *, exact: bool = False) -> None:
    """Routes under `path_prefix` (a public path: `/api/files`) take bodies up to
    `max_bytes` instead of the JSON limit; they must stream them, never hold them whole.
    `exact=True`: only that path, not the routes under it (`POST /api/files` uploads, while
    `/api/files/{id}` takes JSON and keeps the JSON limit)."""
    if not path_prefix.startswith("/") or max_bytes < 0:
        raise ValueError("a public path prefix and a non-negative size")
    table = _LARGER_BODY_PATHS if exact else _LARGER_BODIES
    table[path_prefix.rstrip("/")] = max_bytes


@dataclass(frozen=True)
class RequestLimits:
    max_headers: int
    max_header_bytes: int
    max_body_bytes: int
    body_timeout_seconds: float

    def body_limit(self, path: str) -> int:
        exact = _LARGER_BODY_PATHS.get(path.rstrip("/"))
        if exact is not None:
            return exact
        for prefix, limit in _LARGER_BODIES.items():
            if path == prefix or path.startswith(prefix + "/"):
                return limit
        return self.max_body_bytes

    def header_problem(self, scope: Scope) -> str | None:
        """Why the request's headers are refused (431), or None."""
        headers = scope["headers"]
        if len(headers) > self.max_headers:
            return f"More than {self.max_headers} request headers."
        size = sum(len(name) + len(value) + 4 for name, value in headers)
        if size > self.max_header_bytes:
            return f"The request headers exceed {self.max_header_bytes} bytes."
        return None


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"The request body exceeds this route's limit of {limit} bytes.")


class BodyTimeout(HTTPException):
    def __init__(self, seconds: float) -> None:
        super().__init__(408, f"The request body did not arrive: nothing for {seconds:g} seconds.")


def declared_length(scope: Scope) -> int | None:
    """The `Content-Length` the client declared, or None (none, or not a number)."""
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def limited_receive(receive: Receive, *, limit: int, timeout: float) -> Receive:
    """`receive` that refuses a body past `limit` bytes and a wait past `timeout` per chunk.
    The exceptions are HTTPExceptions, so wherever the app reads the body (FastAPI's body
    parsing re-raises them) they become the problem+json 413 or 408."""
    received = 0
    body_done = False

    async def receive_within_limits() -> Message:
        nonlocal received, body_done
        if body_done:
            # Once the body is in, a receive waits for the client to disconnect (streaming
            # responses listen for it): no timeout there.
            return await receive()
        try:
            # asyncio.timeout, not wait_for: wait_for wraps each receive in a task of its own.
            async with asyncio.timeout(timeout):
                message = await receive()
        except TimeoutError:
            raise BodyTimeout(timeout) from None
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                raise BodyTooLarge(limit)
            body_done = not message.get("more_body", False)
        return message

    return receive_within_limits
