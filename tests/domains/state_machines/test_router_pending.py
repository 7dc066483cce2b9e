"""The router, exercised before auth exists: `router.py.pending` is loaded with a stand-in
for `brain.domains.auth` (CurrentUser from an `X-Test-Role` header, a role -> permissions
table). Once auth is merged and the file renamed, `load_router` imports the real module and
these tests should move to the real app with real tokens."""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import sys
import types
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import pytest
from fastapi import APIRouter, Depends, FastAPI, Header
from httpx import ASGITransport, AsyncClient

from brain.core.errors import AuthRequired, PermissionDenied, install_exception_handlers
from brain.core.openapi import build_openapi, operation_id

PENDING = Path(__file__).resolve().parents[3] / "brain/domains/state_machines/router.py.pending"
PERMISSIONS = {"SUPER_ADMIN": {"state_machines:manage"}, "MEMBER": set[str]()}


@dataclass
class StubUser:
    id: uuid.UUID
    role: str


def current_user(x_test_role: Annotated[str | None, Header()] = None) -> StubUser:
    if x_test_role is None:
        raise AuthRequired()
    return StubUser(id=uuid.UUID(int=7), role=x_test_role)


def require_permission(permission: str) -> Any:
    def check(user: Annotated[StubUser, Depends(current_user)]) -> StubUser:
        if permission not in PERMISSIONS.get(user.role, set()):
            raise PermissionDenied()
        return user

    return check


def role_has_permission(role: str, permission: str) -> bool:
    return permission in PERMISSIONS.get(role, set())


def load_router(monkeypatch: pytest.MonkeyPatch) -> APIRouter:
    if not PENDING.exists():  # activated: the real module
        return importlib.import_module("brain.domains.state_machines.router").router  # type: ignore[no-any-return]
    auth = types.ModuleType("brain.domains.auth")
    deps = types.ModuleType("brain.domains.auth.deps")
    deps.CurrentUser = Annotated[StubUser, Depends(current_user)]  # type: ignore[attr-defined]
    deps.require_permission = require_permission  # type: ignore[attr-defined]
    perms = types.ModuleType("brain.domains.auth.permissions")
    perms.role_has_permission = role_has_permission  # type: ignore[attr-defined]
    for name, module in [
        ("brain.domains.auth", auth),
        ("brain.domains.auth.deps", deps),
        ("brain.domains.auth.permissions", perms),
    ]:
        monkeypatch.setitem(sys.modules, name, module)
    name = "brain.domains.state_machines.router_pending"
    loader = importlib.machinery.SourceFileLoader(name, str(PENDING))
    spec = importlib.util.spec_from_loader(name, loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, name, module)
    loader.exec_module(module)
    return module.router  # type: ignore[no-any-return]


@pytest.fixture
async def api(
    monkeypatch: pytest.MonkeyPatch, db_connection: object, foreign_guards: None
) -> AsyncIterator[tuple[AsyncClient, FastAPI]]:
    app = FastAPI(generate_unique_id_function=operation_id)
    install_exception_handlers(app)
    app.include_router(load_router(monkeypatch), prefix="/api")
    transport = ASGITransport(app=app, raise_app_exceptions=False)
    async with AsyncClient(transport=transport, base_url="http://test") as c:
        yield c, app


ADMIN = {"X-Test-Role": "SUPER_ADMIN"}
MEMBER = {"X-Test-Role": "MEMBER"}


async def test_the_pending_router_runs_a_venture_end_to_end(
    api: tuple[AsyncClient, FastAPI],
) -> None:
    c, _app = api
    r = await c.post(
        "/api/state-machines/create",
        headers=ADMIN,
        json={"machine_type": "venture", "instance_id": "v-http", "context": {}},
    )
    assert r.status_code == 201, r.text
    assert r.json()["state"] == "IDEA"
    assert r.json()["allowed_events"] == ["advance", "archive"]

    url = "/api/state-machines/venture/v-http"
    r = await c.post(f"{url}/event", headers=ADMIN, json={"event": "advance", "event_id": "k1"})
    assert r.status_code == 200, r.text
    assert (r.json()["from_state"], r.json()["to_state"]) == ("IDEA", "PLANNING")

    r = await c.post(f"{url}/event", headers=ADMIN, json={"event": "launch"})
    assert r.status_code == 409
    body = r.json()
    assert r.headers["content-type"] == "application/problem+json"
    assert body["code"] == "INVALID_TRANSITION"
    assert body["allowed_events"] == ["advance", "revert", "archive"]

    r = await c.post(f"{url}/event", headers=ADMIN, json={"event": "archive"})
    assert (r.status_code, r.json()["code"]) == (409, "GUARD_REJECTED")

    r = await c.post(f"{url}/event", headers=ADMIN, json={"event": "advance", "event_id": "k1"})
    assert r.json()["replayed"] is True

    r = await c.get(f"{url}/state", headers=ADMIN)
    assert (r.json()["state"], r.json()["version"]) == ("PLANNING", 1)

    await c.post(f"{url}/event", headers=ADMIN, json={"event": "advance"})
    r = await c.get(f"{url}/history", headers=ADMIN, params={"limit": 1})
    first = r.json()
    assert [e["event"] for e in first["items"]] == ["advance"]
    r = await c.get(
        f"{url}/history", headers=ADMIN, params={"limit": 1, "cursor": first["next_cursor"]}
    )
    assert [e["seq"] for e in r.json()["items"]] == [2]
    assert r.json()["next_cursor"] is None

    r = await c.get("/api/state-machines/stats", headers=ADMIN)
    assert any(m["machine_type"] == "venture" for m in r.json()["machines"])
    r = await c.get("/api/state-machines/definitions", headers=ADMIN)
    assert {d["name"] for d in r.json()} >= {"venture", "legal_document"}
    r = await c.get("/api/state-machines/definitions/team", headers=ADMIN)
    assert r.json()["mermaid"].startswith("stateDiagram-v2")
    r = await c.get("/api/state-machines/definitions/spaceship", headers=ADMIN)
    assert r.status_code == 404


async def test_the_pending_router_requires_auth_and_admin(
    api: tuple[AsyncClient, FastAPI],
) -> None:
    c, _app = api
    assert (await c.get("/api/state-machines/stats")).status_code == 401
    assert (await c.get("/api/state-machines/stats", headers=MEMBER)).status_code == 403
    await c.post(
        "/api/state-machines/create",
        headers=ADMIN,
        json={"machine_type": "team", "instance_id": "t-http"},
    )
    r = await c.post(
        "/api/state-machines/team/t-http/event", headers=MEMBER, json={"event": "activate"}
    )
    assert r.status_code == 403
    assert "state_machines:manage" in r.json()["detail"]


async def test_the_pending_router_documents_its_errors(api: tuple[AsyncClient, FastAPI]) -> None:
    _c, app = api
    schema = build_openapi(app)
    op = schema["paths"]["/api/state-machines/{machine_type}/{instance_id}/event"]["post"]
    assert op["operationId"] == "state-machines-send_event"
    assert {"401", "403", "404", "409", "422"} <= set(op["responses"])
