"""The venture's lifecycle on the state-machine engine: one stage at a time, archive with a
reason, stage history with time in stage, roles, and one winner of concurrent changes."""

from __future__ import annotations

import uuid
from datetime import timedelta
from itertools import pairwise
from typing import Any

import sqlalchemy as sa
from httpx import AsyncClient, Response
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.domains.state_machines import service as machines
from brain.domains.users.schemas import Role
from brain.domains.ventures import lifecycle
from brain.domains.ventures.models import Venture
from tests.factories.users import make_signed_in
from tests.factories.ventures import add_member, create_venture, make_founder


async def _send(
    client: AsyncClient, headers: dict[str, str], venture_id: str, **body: Any
) -> Response:
    return await client.post(f"/api/ventures/{venture_id}/stage", json=body, headers=headers)


def test_the_definition_is_one_stage_at_a_time_with_archive_from_anywhere() -> None:
    d = lifecycle.VENTURE
    order = ["IDEA", "PLANNING", "DEVELOPMENT", "TESTING", "LAUNCH", "GROWTH", "MATURE", "EXIT"]
    assert d.initial_state == "IDEA"
    assert d.final_states == frozenset({"ARCHIVED"})
    for here, there in pairwise(order):
        forward, back = d.transition("advance", here), d.transition("revert", there)
        assert forward is not None
        assert back is not None
        assert (forward.target, back.target) == (there, here)
    assert d.transition("advance", "EXIT") is None
    assert d.transition("revert", "IDEA") is None
    archives = [d.transition("archive", s) for s in order]
    assert [t.target if t else None for t in archives] == ["ARCHIVED"] * len(order)
    assert machines.declared_definition("venture") == d


async def test_advance_revert_and_history_with_who_why_and_time_in_stage(
    client: AsyncClient, session: AsyncSession
) -> None:
    owner, headers = await make_founder(session, client)
    venture = await create_venture(client, headers)
    vid = venture["id"]
    # The venture spent a day in IDEA before it moved on.
    row = await session.get(Venture, uuid.UUID(vid))
    assert row is not None
    await session.exec(
        sa.update(Venture)
        .where(col(Venture.id) == row.id)
        .values(stage_entered_at=row.stage_entered_at - timedelta(days=1))
    )
    status = (await client.get(f"/api/ventures/{vid}/status", headers=headers)).json()
    assert status["days_in_stage"] == 1
    assert status["allowed_events"] == ["advance", "archive"]

    advanced = await _send(client, headers, vid, event="advance", reason="Plan written")
    assert advanced.status_code == 200, advanced.text
    assert advanced.json()["stage"] == "PLANNING"
    assert advanced.json()["allowed_events"] == ["advance", "revert", "archive"]
    assert (await _send(client, headers, vid, event="advance")).json()["stage"] == "DEVELOPMENT"
    assert (await _send(client, headers, vid, event="revert")).json()["stage"] == "PLANNING"

    history = (await client.get(f"/api/ventures/{vid}/history", headers=headers)).json()
    rows = [(h["event"], h["from_stage"], h["to_stage"]) for h in history["items"]]
    assert rows == [
        ("advance", "IDEA", "PLANNING"),
        ("advance", "PLANNING", "DEVELOPMENT"),
        ("revert", "DEVELOPMENT", "PLANNING"),
    ]
    first = history["items"][0]
    assert first["actor_id"] == str(owner.id)
    assert first["reason"] == "Plan written"
    assert 86_400 <= first["seconds_in_stage"] < 86_400 + 60
    read = (await client.get(f"/api/ventures/{vid}", headers=headers)).json()
    assert read["stage"] == "PLANNING"


async def test_a_stage_that_does_not_exist_is_refused_with_the_allowed_events(
    client: AsyncClient, session: AsyncSession
) -> None:
    _owner, headers = await make_founder(session, client)
    venture = await create_venture(client, headers)
    refused = await _send(client, headers, venture["id"], event="revert")
    assert refused.status_code == 409
    assert refused.json()["code"] == "INVALID_TRANSITION"
    assert refused.json()["allowed_events"] == ["advance", "archive"]


async def test_archiving_needs_a_reason_and_ends_the_venture(
    client: AsyncClient, session: AsyncSession
) -> None:
    _owner, headers = await make_founder(session, client)
    venture = await create_venture(client, headers)
    vid = venture["id"]
    no_reason = await _send(client, headers, vid, event="archive", reason="   ")
    assert no_reason.status_code == 409
    assert no_reason.json()["code"] == "GUARD_REJECTED"
    missing = await client.delete(f"/api/ventures/{vid}", headers=headers)
    assert missing.status_code == 422
    archived = await client.delete(
        f"/api/ventures/{vid}", params={"reason": "Pivoted"}, headers=headers
    )
    assert archived.status_code == 204
    read = (await client.get(f"/api/ventures/{vid}", headers=headers)).json()
    assert (read["stage"], read["archive_reason"]) == ("ARCHIVED", "Pivoted")
    assert read["archived_at"] is not None
    edit = await client.patch(f"/api/ventures/{vid}", json={"tags": ["x"]}, headers=headers)
    assert edit.status_code == 409
    assert edit.json()["code"] == "VENTURE_ARCHIVED"
    again = await _send(client, headers, vid, event="advance")
    assert again.json()["code"] == "INVALID_TRANSITION"


async def test_a_member_without_the_role_cannot_change_the_stage(
    client: AsyncClient, session: AsyncSession
) -> None:
    _owner, headers = await make_founder(session, client)
    venture = await create_venture(client, headers)
    _cof, co_founder = await add_member(session, client, headers, venture["id"], "CO_FOUNDER")
    _m, member = await add_member(session, client, headers, venture["id"], "MEMBER")
    refused = await _send(client, member, venture["id"], event="advance")
    assert refused.status_code == 403
    assert refused.json()["code"] == "TEAM_ROLE_REQUIRED"
    status = (await client.get(f"/api/ventures/{venture['id']}/status", headers=member)).json()
    assert status["allowed_events"] == []
    # A co-founder advances but may not archive (the owner's alone).
    assert (await _send(client, co_founder, venture["id"], event="advance")).status_code == 200
    archive = await _send(client, co_founder, venture["id"], event="archive", reason="No")
    assert archive.status_code == 403


async def test_of_two_changes_from_the_same_stage_one_applies_and_the_other_is_409(
    client: AsyncClient, session: AsyncSession
) -> None:
    _owner, headers = await make_founder(session, client)
    venture = await create_venture(client, headers)
    vid = venture["id"]
    first = await _send(client, headers, vid, event="advance", from_stage="IDEA")
    second = await _send(client, headers, vid, event="advance", from_stage="IDEA")
    assert first.status_code == 200
    assert second.status_code == 409
    assert second.json()["code"] == "CONCURRENT_TRANSITION"
    assert (await client.get(f"/api/ventures/{vid}", headers=headers)).json()["stage"] == "PLANNING"


async def test_a_transition_made_behind_the_domains_back_is_caught_up(
    client: AsyncClient, session: AsyncSession
) -> None:
    """The service sends with the engine version it reflects: a move it did not make (an
    administrator through the generic endpoint) makes its own send a 409, never a double
    step, and the venture follows the engine."""
    _owner, headers = await make_founder(session, client)
    _admin, admin = await make_signed_in(session, role=Role.SUPER_ADMIN)
    venture = await create_venture(client, headers)
    vid = venture["id"]
    moved = await client.post(
        f"/api/state-machines/venture/{vid}/event", json={"event": "advance"}, headers=admin
    )
    assert moved.status_code == 200, moved.text
    read = (await client.get(f"/api/ventures/{vid}", headers=headers)).json()
    assert read["stage"] == "PLANNING"
    history = (await client.get(f"/api/ventures/{vid}/history", headers=headers)).json()
    assert [h["to_stage"] for h in history["items"]] == ["PLANNING"]
    assert (await _send(client, headers, vid, event="advance")).json()["stage"] == "DEVELOPMENT"
