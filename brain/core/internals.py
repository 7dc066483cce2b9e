"""Every use of a library's private or undocumented API, in one place.

The Brain leans on a few things FastAPI, Starlette and SQLAlchemy do not promise to keep
(underscore names, internal modules, undocumented attributes). Each one is wrapped here, with
why it is needed and what replaces it if it goes; `db.py` and `routes.py` use these shims and
nothing else of the kind. `tests/core/test_internals.py` exercises every shim against the
installed libraries, so an upgrade that breaks one fails that test with the shim's name, not
an `AttributeError` deep in a request.

Checked with fastapi 0.165.0, starlette 1.10.0, SQLAlchemy 2.1.9, asyncpg 0.32.0.

The shims cost nothing per request: a name that can be resolved at import time is (an import
that fails raises `InternalsChanged` when this module is imported, at startup), the hot-path
shims are the library's own objects re-exported (`route_path`, `ROUTE_SCOPE_KEY`), and the
ones that wrap an attribute are called once per statement at most (`statement_writes`) or once
per compiled statement (`result_column_types`, cached by `db.FastSelect`).

Looked at and left out, being public: `SQLCompiler.binds`, `.positiontup` and
`.post_compile_params` (documented attributes), `TypeDecorator.impl_instance`,
`TypeEngine.dialect_impl()`, `.bind_processor()` and `.result_processor()` (what
`db.FastSelect` checks a type with), `PoolProxiedConnection.driver_connection`, and
`Row._mapping` (public; the underscore only keeps it apart from column names).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from importlib.metadata import version
from typing import Any

from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.types import TypeEngine
from starlette.routing import BaseRoute

__all__ = [
    "ROUTE_SCOPE_KEY",
    "InternalsChanged",
    "asyncpg_socket_fd",
    "metric_label_names",
    "result_column_types",
    "route_contexts",
    "route_path",
    "statement_writes",
]


class InternalsChanged(RuntimeError):
    """A library no longer has what a shim of this module relies on: rewrite the shim."""

    def __init__(self, shim: str, relies_on: str, distribution: str) -> None:
        super().__init__(
            f"brain.core.internals.{shim}: {relies_on} is gone or changed in "
            f"{distribution} {version(distribution)} (checked with the versions this module's "
            f"docstring names); rewrite the shim against the new version (its docstring says "
            f"what it must do)"
        )
        self.shim = shim


# -- Starlette --------------------------------------------------------------------------------

try:
    # The request's path inside the app: `scope["path"]` without the `root_path` the app is
    # mounted under (Starlette's own route matching uses it). Needed by
    # `routes.DomainRouter.matches`, which runs for every request and router, so it is
    # Starlette's function itself, not a wrapper. If it goes: strip `scope["root_path"]` from
    # `scope["path"]` as Starlette's `Route.matches` then does.
    from starlette._utils import get_route_path as route_path
except ImportError as exc:
    raise InternalsChanged("route_path", "starlette._utils.get_route_path", "starlette") from exc

ROUTE_SCOPE_KEY = "route"
"""The scope key under which Starlette (and FastAPI, for included routers) leaves the route
that matched a request. Undocumented. `db.get_session` reads it to see whether a GET's
endpoint is marked `@writes`, the metrics middleware to label a request with its route. If it
goes, every GET would get a read-only unit of work (a `@writes` GET would fail) and every
metric would be "unmatched": the test checks it is still set."""


# -- FastAPI ----------------------------------------------------------------------------------

try:
    # FastAPI (since it resolves included routers lazily) keeps an included router's routes
    # inside the router, with paths relative to it; this is how it walks them with their
    # public paths. Not exported, not documented. Needed by `routes.app_routes` (metrics
    # labels, the access matrix, generated docs); not on the request path.
    from fastapi.routing import iter_route_contexts as _iter_route_contexts
except ImportError as exc:
    raise InternalsChanged(
        "route_contexts", "fastapi.routing.iter_route_contexts", "fastapi"
    ) from exc


def route_contexts(routes: Sequence[BaseRoute]) -> Iterator[tuple[BaseRoute, str | None]]:
    """Every route under `routes`, included routers walked through: the route as it was
    declared and its public path template (None where FastAPI gives none)."""
    try:
        for context in _iter_route_contexts(routes):
            yield context.original_route, context.path_format
    except AttributeError as exc:
        raise InternalsChanged(
            "route_contexts", "RouteContext.original_route / .path_format", "fastapi"
        ) from exc


# -- SQLAlchemy -------------------------------------------------------------------------------


def result_column_types(compiled: SQLCompiler) -> list[TypeEngine[Any]]:
    """The types of the columns a compiled SELECT returns, in order, as SQLAlchemy will read
    them (`SQLCompiler._result_columns`: private; the statement's `selected_columns` is not
    the same thing once the compiler has expanded or added columns). `db.FastSelect` checks
    them once per statement to decide whether asyncpg may return the values as they are."""
    try:
        return [entry.type for entry in compiled._result_columns]
    except AttributeError as exc:
        raise InternalsChanged(
            "result_column_types", "SQLCompiler._result_columns[i].type", "sqlalchemy"
        ) from exc


def statement_writes(context: Any) -> bool:
    """Whether the statement an execution context runs is an INSERT, UPDATE or DELETE, as the
    compiler saw it (`ExecutionContext.isdelete` is undocumented; `isinsert` and `isupdate`
    are). The read-only guard in `db.py` calls it for each statement of a read-only unit of
    work; text statements are caught by their first word there instead."""
    try:
        return bool(context.isinsert or context.isupdate or context.isdelete)
    except AttributeError as exc:
        raise InternalsChanged(
            "statement_writes", "ExecutionContext.isinsert / isupdate / isdelete", "sqlalchemy"
        ) from exc


# -- asyncpg ----------------------------------------------------------------------------------


def asyncpg_socket_fd(connection: Any) -> int | None:
    """The file descriptor of an asyncpg connection's socket, or None once it has none
    (`Connection._transport`: private; asyncpg exposes no public way to its socket). The pool's
    checkout in `db.py` asks it whether an idle connection has unread data: the server's
    goodbye after a restart or `pg_terminate_backend`, which asyncpg reads only when the event
    loop next runs, so `is_closed()` can still say False."""
    try:
        transport = connection._transport
    except AttributeError as exc:
        raise InternalsChanged("asyncpg_socket_fd", "Connection._transport", "asyncpg") from exc
    if transport is None:
        return None
    sock = transport.get_extra_info("socket")
    fd = -1 if sock is None else int(sock.fileno())
    return fd if fd >= 0 else None  # a closed socket's descriptor is -1


# -- prometheus-client ------------------------------------------------------------------------


def metric_label_names(metric: Any) -> tuple[str, ...]:
    """The label names a metric was declared with (`MetricWrapperBase._labelnames`: private;
    `describe()` and `collect()` show labels only on samples, and a labelled metric has none
    until it is first used). The generated metrics list (brain/docgen_reference.py) names each
    metric's labels from it."""
    try:
        names = metric._labelnames
    except AttributeError as exc:
        raise InternalsChanged(
            "metric_label_names", "MetricWrapperBase._labelnames", "prometheus-client"
        ) from exc
    return tuple(str(name) for name in names)
