"""`/api/state-machines` through the real app, with real tokens."""

from __future__ import annotations

import sqlalchemy as sa
from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import ratelimit
from brain.core.config import Settings
from brain.core.pagination import Keyset
from brain.domains.users.schemas import Role
from tests.factories.users import make_signed_in

BASE = "/api/state-machines"


async def test_an_admin_walks_an_instance_through_the_api(
    client: AsyncClient, session: AsyncSession, stand_in_guards: None
) -> None:
    _admin, admin = await make_signed_in(session, role=Role.SUPER_ADMIN)
    r = await client.post(
        f"{BASE}/create",
        headers=admin,
        json={"machine_type": "pipeline", "instance_id": "v-http", "context": {}},
    )
    assert r.status_code == 201, r.text
    assert r.json()["state"] == "IDEA"
    assert r.json()["allowed_events"] == ["advance", "archive"]

    url = f"{BASE}/pipeline/v-http"
    r = await client.post(
        f"{url}/event", headers=admin, json={"event": "advance", "event_id": "k1"}
    )
    assert r.status_code == 200, r.text
    assert (r.json()["from_state"], r.json()["to_state"]) == ("IDEA", "PLANNING")

    r = await client.post(f"{url}/event", headers=admin, json={"event": "launch"})
    assert r.status_code == 409
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["code"] == "INVALID_TRANSITION"
    assert r.json()["allowed_events"] == ["advance", "revert", "archive"]

    r = await client.post(f"{url}/event", headers=admin, json={"event": "archive"})
    assert (r.status_code, r.json()["code"]) == (409, "GUARD_REJECTED")

    r = await client.post(
        f"{url}/event", headers=admin, json={"event": "advance", "event_id": "k1"}
    )
    assert r.json()["replayed"] is True

    r = await client.get(f"{url}/state", headers=admin)
    assert (r.json()["state"], r.json()["version"]) == ("PLANNING", 1)

    await client.post(f"{url}/event", headers=admin, json={"event": "advance"})
    r = await client.get(f"{url}/history", headers=admin, params={"limit": 1})
    first = r.json()
    assert [e["event"] for e in first["items"]] == ["advance"]
    r = await client.get(
        f"{url}/history", headers=admin, params={"limit": 1, "cursor": first["next_cursor"]}
    )
    assert [e["seq"] for e in r.json()["items"]] == [2]
    assert r.json()["next_cursor"] is None

    r = await client.get(f"{BASE}/stats", headers=admin)
    assert any(m["machine_type"] == "pipeline" for m in r.json()["machines"])
    r = await client.get(f"{BASE}/definitions", headers=admin)
    assert {d["name"] for d in r.json()} >= {"pipeline", "contract"}
    r = await client.get(f"{BASE}/definitions/crew", headers=admin)
    assert r.json()["mermaid"].startswith("stateDiagram-v2")
    r = await client.get(f"{BASE}/definitions/spaceship", headers=admin)
    assert r.status_code == 404


async def test_the_generic_endpoints_need_a_token_and_the_manage_permission(
    client: AsyncClient, session: AsyncSession
) -> None:
    _admin, admin = await make_signed_in(session, role=Role.SUPER_ADMIN)
    _member, member = await make_signed_in(session, role=Role.MEMBER)
    assert (await client.get(f"{BASE}/stats")).status_code == 401
    r = await client.get(f"{BASE}/stats", headers=member)
    assert (r.status_code, r.json()["code"]) == (403, "INSUFFICIENT_PERMISSIONS")
    await client.post(
        f"{BASE}/create", headers=admin, json={"machine_type": "crew", "instance_id": "t-http"}
    )
    r = await client.post(f"{BASE}/crew/t-http/event", headers=member, json={"event": "activate"})
    assert r.status_code == 403
    assert "state_machines:manage" in r.json()["detail"]
    r = await client.get(f"{BASE}/crew/t-http/state", headers=admin)
    assert r.json()["state"] == "FORMING", "a refused event changes nothing"


async def test_events_are_rate_limited_per_user(
    client: AsyncClient, session: AsyncSession, settings: Settings
) -> None:
    _admin, admin = await make_signed_in(session, role=Role.SUPER_ADMIN)
    await client.post(
        f"{BASE}/create", headers=admin, json={"machine_type": "crew", "instance_id": "t-rl"}
    )
    ratelimit.use_clock(lambda: 1_800_000_000.0)  # one fixed minute window
    try:
        codes = [
            (
                await client.post(f"{BASE}/crew/t-rl/event", headers=admin, json={"event": "x"})
            ).status_code
            for _ in range(settings.rate_limit_state_machine_events_per_minute + 1)
        ]
    finally:
        ratelimit.use_clock(None)
    assert codes[:-1] == [409] * settings.rate_limit_state_machine_events_per_minute
    assert codes[-1] == 429


async def test_the_event_route_documents_its_errors(client: AsyncClient) -> None:
    schema = (await client.get("/openapi.json")).json()
    op = schema["paths"][f"{BASE}/{{machine_type}}/{{instance_id}}/event"]["post"]
    assert op["operationId"] == "state-machines-send_event"
    assert {"401", "403", "404", "409", "422", "429"} <= set(op["responses"])


async def test_a_version_beyond_an_integer_column_is_a_422(
    client: AsyncClient, session: AsyncSession
) -> None:
    # Found by the API fuzzer: `?version=28181902340300869632` reached the query and was a 500
    # (SQLite and Postgres both refuse an integer that large).
    _admin, admin = await make_signed_in(session, role=Role.SUPER_ADMIN)
    r = await client.get(f"{BASE}/definitions/pipeline", headers=admin, params={"version": 2**63})
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "query.version"


async def test_history_pages_through_every_transition_once_oldest_first(
    client: AsyncClient, session: AsyncSession, stand_in_guards: None
) -> None:
    _admin, admin = await make_signed_in(session, role=Role.SUPER_ADMIN)
    await client.post(
        f"{BASE}/create", headers=admin, json={"machine_type": "pipeline", "instance_id": "v-pg"}
    )
    url = f"{BASE}/pipeline/v-pg"
    for event in ("advance", "advance", "advance", "revert", "advance"):
        r = await client.post(f"{url}/event", headers=admin, json={"event": event})
        assert r.status_code == 200, r.text
    seqs: list[int] = []
    cursor = None
    while True:
        params: dict[str, str | int] = {"limit": 2}
        if cursor is not None:
            params["cursor"] = cursor
        r = await client.get(f"{url}/history", headers=admin, params=params)
        assert r.status_code == 200, r.text
        seqs += [e["seq"] for e in r.json()["items"]]
        cursor = r.json()["next_cursor"]
        if cursor is None:
            break
    assert seqs == [1, 2, 3, 4, 5]


async def test_a_history_cursor_it_did_not_give_out_is_400(
    client: AsyncClient, session: AsyncSession
) -> None:
    _admin, admin = await make_signed_in(session, role=Role.SUPER_ADMIN)
    await client.post(
        f"{BASE}/create", headers=admin, json={"machine_type": "crew", "instance_id": "t-cur"}
    )
    url = f"{BASE}/crew/t-cur"
    for event in ("activate", "pause"):
        await client.post(f"{url}/event", headers=admin, json={"event": event})
    good = (await client.get(f"{url}/history", headers=admin, params={"limit": 1})).json()
    cursor = good["next_cursor"]
    body, _, mac = cursor.partition(".")
    tampered = f"{body}.{'A' if mac[0] != 'A' else 'B'}{mac[1:]}"
    # A cursor of another list (the legal audit trail), valid there.
    other = Keyset("legal.audit", sa.column("seq", sa.Integer)).encode([1])
    for bad in ("e30", tampered, other):
        r = await client.get(f"{url}/history", headers=admin, params={"cursor": bad})
        assert (r.status_code, r.json()["code"]) == (400, "INVALID_CURSOR"), bad
