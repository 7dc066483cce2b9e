"""Every shim of `brain.core.internals` still does its job with the installed libraries.

A library upgrade that changes a private API the Brain relies on fails here, with the shim's
name in the message, instead of in the middle of a request.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import sys
from pathlib import Path
from typing import Any

import asyncpg
import pytest
import sqlalchemy as sa
from fastapi import FastAPI, Request
from httpx import ASGITransport, AsyncClient
from sqlalchemy.dialects import postgresql, sqlite
from starlette import routing as starlette_routing
from starlette.types import Scope

import brain
from brain.core import internals
from brain.core.internals import (
    ROUTE_SCOPE_KEY,
    InternalsChanged,
    result_column_types,
    route_contexts,
    route_path,
    statement_writes,
)
from brain.core.routes import API_PREFIX, DomainRouter
from tests.conftest import TEST_DATABASE_URL, requires_postgres

BRAIN = Path(brain.__file__).parent
INTERNALS = BRAIN / "core" / "internals.py"

# The shims this module checks, one test each (named after the shim).
CHECKED = {"route_path", "ROUTE_SCOPE_KEY", "route_contexts", "result_column_types"}
CHECKED |= {"statement_writes", "asyncpg_socket_fd", "metric_label_names"}


def _broken(shim: str, detail: str) -> str:
    return (
        f"brain.core.internals.{shim} no longer works with the installed libraries: {detail}. "
        "Rewrite the shim (its docstring says what it must do)."
    )


def test_every_shim_is_checked_here() -> None:
    shims = set(internals.__all__) - {"InternalsChanged"}
    assert shims == CHECKED, f"shims without a check in this module: {sorted(shims - CHECKED)}"


# -- route_path -------------------------------------------------------------------------------


def _scope(path: str, root_path: str = "") -> Scope:
    return {"type": "http", "path": path, "root_path": root_path}


def test_route_path() -> None:
    got = [
        route_path(_scope("/api/buz/balance")),
        route_path(_scope("/brain/api/buz/balance", root_path="/brain")),
    ]
    assert got == ["/api/buz/balance", "/api/buz/balance"], _broken(
        "route_path", f"the path inside the app is not stripped of root_path: {got}"
    )
    # DomainRouter turns a request away by this path: it must be the one Starlette's routes
    # match against, or a route would be refused that Starlette would have matched.
    assert getattr(starlette_routing, "get_route_path", None) is route_path, _broken(
        "route_path", "Starlette's routing no longer matches routes by this function's path"
    )


def test_a_shim_whose_import_is_gone_fails_at_import_naming_itself(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "starlette._utils", None)  # an import of it now fails
    spec = importlib.util.spec_from_file_location("brain_internals_probe", INTERNALS)
    assert spec is not None
    assert spec.loader is not None
    probe = importlib.util.module_from_spec(spec)
    with pytest.raises(RuntimeError, match=r"brain\.core\.internals\.route_path: starlette"):
        spec.loader.exec_module(probe)


# -- ROUTE_SCOPE_KEY and route_contexts: on an app shaped like the Brain's --------------------


def _nested_app() -> tuple[FastAPI, Any]:
    inner = DomainRouter(prefix="/probe")

    @inner.get("/items/{item_id}")
    async def read_item(item_id: int, request: Request) -> dict[str, Any]:
        route = request.scope.get(ROUTE_SCOPE_KEY)
        return {"item_id": item_id, "matched": getattr(route, "endpoint", None) is read_item}

    api = DomainRouter(prefix="")
    api.include_router(inner)
    app = FastAPI()
    app.include_router(api, prefix=API_PREFIX)
    return app, read_item


async def test_route_scope_key() -> None:
    app, _ = _nested_app()
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as client:
        response = await client.get("/api/probe/items/7")
    assert response.status_code == 200, response.text
    assert response.json() == {"item_id": 7, "matched": True}, _broken(
        "ROUTE_SCOPE_KEY",
        f"scope[{ROUTE_SCOPE_KEY!r}] is not the route that matched (db.get_session would treat "
        "every @writes GET as read-only, metrics would say 'unmatched')",
    )


def test_route_contexts() -> None:
    app, read_item = _nested_app()
    found = {path: route for route, path in route_contexts(app.routes)}
    public = "/api/probe/items/{item_id}"
    assert public in found, _broken(
        "route_contexts", f"no route with the public path {public}: {sorted(map(str, found))}"
    )
    assert getattr(found[public], "endpoint", None) is read_item, _broken(
        "route_contexts", "the route given for the public path is not the one declared"
    )


# -- result_column_types ----------------------------------------------------------------------

_T = sa.table("probe", sa.column("id", sa.Uuid()), sa.column("name", sa.String()))


_DIALECTS = [postgresql.asyncpg.dialect(), sqlite.aiosqlite.dialect()]  # type: ignore[no-untyped-call]


@pytest.mark.parametrize("dialect", _DIALECTS)
def test_result_column_types(dialect: Any) -> None:
    statement = sa.select(_T.c.id, _T.c.name, sa.func.count().label("n")).group_by(_T.c.id)
    types = result_column_types(statement.compile(dialect=dialect))
    kinds = [
        next((k.__name__ for k in (sa.Uuid, sa.String, sa.Integer) if isinstance(t, k)), repr(t))
        for t in types
    ]
    assert kinds == ["Uuid", "String", "Integer"], _broken(
        "result_column_types", f"got column types {kinds}"
    )


def test_result_column_types_names_itself_when_broken() -> None:
    with pytest.raises(InternalsChanged, match=r"internals\.result_column_types: "):
        result_column_types(object())  # type: ignore[arg-type]


# -- statement_writes -------------------------------------------------------------------------


def test_statement_writes() -> None:
    engine = sa.create_engine("sqlite://")
    seen: list[tuple[str, bool]] = []

    @sa.event.listens_for(engine, "before_cursor_execute")
    def _see(
        _conn: Any, _cursor: Any, statement: str, _params: Any, context: Any, _many: bool
    ) -> None:
        seen.append((statement.split()[0], statement_writes(context)))

    table = sa.table("probe", sa.column("id", sa.Integer()))
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE probe (id INTEGER)")
        seen.clear()
        conn.execute(sa.insert(table).values(id=1))
        conn.execute(sa.update(table).values(id=2))
        conn.execute(sa.select(table.c.id))
        conn.execute(sa.delete(table))
    engine.dispose()
    expected = [("INSERT", True), ("UPDATE", True), ("SELECT", False), ("DELETE", True)]
    assert seen == expected, _broken("statement_writes", f"got {seen}")


def test_statement_writes_names_itself_when_broken() -> None:
    with pytest.raises(InternalsChanged, match=r"internals\.statement_writes: "):
        statement_writes(object())


@requires_postgres
async def test_asyncpg_socket_fd() -> None:
    connection = await asyncpg.connect(TEST_DATABASE_URL.replace("+asyncpg", ""))
    try:
        fd = internals.asyncpg_socket_fd(connection)
        assert isinstance(fd, int), _broken("asyncpg_socket_fd", f"got {fd!r}")
        assert os.fstat(fd).st_mode, _broken("asyncpg_socket_fd", "not an open descriptor")
    finally:
        await connection.close()
    assert internals.asyncpg_socket_fd(connection) is None, _broken(
        "asyncpg_socket_fd", "a closed connection still has a socket"
    )


def test_asyncpg_socket_fd_names_itself_when_broken() -> None:
    with pytest.raises(InternalsChanged, match=r"internals\.asyncpg_socket_fd: "):
        internals.asyncpg_socket_fd(object())


# -- nothing else of the kind outside internals.py --------------------------------------------

_LIBRARIES = ("fastapi", "starlette", "sqlalchemy", "sqlmodel", "pydantic", "asyncpg")
# Private-looking names that are public API (documented; the underscore only keeps them apart
# from column names or keyword arguments).
_PUBLIC_UNDERSCORED = {"_mapping", "_asdict", "_fields"}
# Undocumented names without an underscore that a shim wraps.
_UNDOCUMENTED = {"iter_route_contexts", "get_route_path", "isdelete"}


def _is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _private_uses(tree: ast.AST, own: set[str]) -> list[str]:
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(_LIBRARIES):
            module = node.module or ""
            if any(_is_private(part) for part in module.split(".")):
                found.append(f"line {node.lineno}: from {module} import ...")
            found += [
                f"line {node.lineno}: from {module} import {alias.name}"
                for alias in node.names
                if _is_private(alias.name) or alias.name in _UNDOCUMENTED
            ]
        if isinstance(node, ast.Attribute) and (
            node.attr in _UNDOCUMENTED
            or (_is_private(node.attr) and node.attr not in own | _PUBLIC_UNDERSCORED)
        ):
            found.append(f"line {node.lineno}: .{node.attr}")
    return found


def _own_names(trees: list[ast.AST]) -> set[str]:
    """Every name the Brain defines itself (functions, classes, attributes it assigns)."""
    own: set[str] = set()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                own.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                own.add(node.id)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                own.add(node.attr)
            elif isinstance(node, ast.alias):
                own.add(node.asname or node.name.split(".")[0])
    return own


def test_no_private_library_api_is_used_outside_internals() -> None:
    files = {path: ast.parse(path.read_text()) for path in sorted(BRAIN.rglob("*.py"))}
    own = _own_names(list(files.values()))
    problems = [
        f"{path.relative_to(BRAIN.parent)} {use}"
        for path, tree in files.items()
        if path != INTERNALS
        for use in _private_uses(tree, own)
    ]
    assert not problems, (
        "private library API used outside brain/core/internals.py (put it behind a shim "
        "there, with a check in this module):\n" + "\n".join(problems)
    )


# -- metric_label_names -----------------------------------------------------------------------


def test_metric_label_names() -> None:
    from prometheus_client import CollectorRegistry, Counter

    counter = Counter("shim_check", "a metric", ["method", "route"], registry=CollectorRegistry())

    assert internals.metric_label_names(counter) == ("method", "route")


def test_metric_label_names_names_itself_when_broken() -> None:
    with pytest.raises(internals.InternalsChanged, match="metric_label_names"):
        internals.metric_label_names(object())
