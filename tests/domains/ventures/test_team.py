"""The team: invitations (accept with the venture's PPNA, decline, revoke, expire), roles by
rank, one owner, ownership transfer, leaving and removal, team size, activity."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
import sqlalchemy as sa
from httpx import AsyncClient
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.jobs import InProcessJobs
from brain.core.models import utcnow
from brain.domains.users.models import User
from brain.domains.users.schemas import Role
from brain.domains.ventures import jobs, service, team
from brain.domains.ventures.models import VentureInvitation
from brain.domains.ventures.rules import TeamRole
from tests.factories.legal import sign_personal
from tests.factories.users import emails_to, make_signed_in
from tests.factories.ventures import (
    add_member,
    create_venture,
    invite,
    make_founder,
    make_joiner,
    sign_for_venture,
)


async def _team(client: AsyncClient, headers: dict[str, str], venture_id: str) -> dict[str, str]:
    response = await client.get(f"/api/ventures/{venture_id}/team", headers=headers)
    assert response.status_code == 200, response.text
    return {m["user_id"]: m["role"] for m in response.json()["items"]}


async def _answer(client: AsyncClient, headers: dict[str, str], invitation: str, verb: str) -> int:
    response = await client.post(f"/api/ventures/invitations/{invitation}/{verb}", headers=headers)
    return response.status_code


async def test_the_invitee_is_emailed_once(
    client: AsyncClient, session: AsyncSession, job_runner: InProcessJobs
) -> None:
    _owner, headers = await make_founder(session, client)
    venture = await create_venture(client, headers)
    joiner, _ = await make_joiner(session, client)
    sent = (await invite(client, headers, venture["id"], joiner.id, "ADVISOR")).json()
    await job_runner.run_until_idle()
    [body] = emails_to(joiner.email)
    assert venture["name"] in body
    assert f"/ventures/invitations/{sent['id']}" in body
    assert "as ADVISOR" in body


async def test_joining_needs_the_ppna_signed_for_this_venture(
    client: AsyncClient, session: AsyncSession
) -> None:
    _owner, headers = await make_founder(session, client, balance="1000")
    venture_a = await create_venture(client, headers)
    venture_b = await create_venture(client, headers)
    joiner, joiner_headers = await make_joiner(session, client, sign_for=venture_a["id"])
    sent = await invite(client, headers, venture_b["id"], joiner.id)
    assert sent.status_code == 201, sent.text
    assert sent.json()["status"] == "PENDING"

    refused = await client.post(
        f"/api/ventures/invitations/{sent.json()['id']}/accept", headers=joiner_headers
    )
    assert refused.status_code == 403
    assert refused.json()["code"] == "COMPLIANCE_REQUIRED"
    assert refused.json()["missing"] == ["PPNA"]
    assert str(joiner.id) not in await _team(client, headers, venture_b["id"])

    assert (
        await sign_for_venture(client, joiner_headers, venture_b["id"], "PPNA")
    ).status_code == 201
    accepted = await client.post(
        f"/api/ventures/invitations/{sent.json()['id']}/accept", headers=joiner_headers
    )
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status"] == "ACCEPTED"
    assert (await _team(client, headers, venture_b["id"]))[str(joiner.id)] == "MEMBER"
    await session.refresh(joiner)
    assert joiner.role == Role.VENTURE_PARTICIPANT
    assert (
        await service.member_role(session, venture_id=uuid.UUID(venture_b["id"]), user_id=joiner.id)
        == TeamRole.MEMBER
    )
    assert (
        await service.member_role(session, venture_id=uuid.UUID(venture_a["id"]), user_id=joiner.id)
        is None
    )
    # Answered once: accepting again is a conflict.
    assert await _answer(client, joiner_headers, sent.json()["id"], "accept") == 409


async def test_signing_for_a_venture_one_may_not_see_is_404(
    client: AsyncClient, session: AsyncSession
) -> None:
    _owner, headers = await make_founder(session, client)
    private = await create_venture(client, headers, visibility="PRIVATE")
    stranger, stranger_headers = await make_signed_in(session, role=Role.MEMBER)
    refused = await sign_for_venture(client, stranger_headers, private["id"], "PPNA")
    assert refused.status_code == 404
    assert (
        await sign_for_venture(client, stranger_headers, "not-a-uuid", "PPNA")
    ).status_code == 404
    # Once invited, the invitee signs for it.
    assert (await invite(client, headers, private["id"], stranger.id)).status_code == 201
    assert (
        await sign_for_venture(client, stranger_headers, private["id"], "PPNA")
    ).status_code == 201


async def test_decline_revoke_and_only_the_invitee_answers(
    client: AsyncClient, session: AsyncSession
) -> None:
    _owner, headers = await make_founder(session, client)
    venture = await create_venture(client, headers)
    joiner, joiner_headers = await make_joiner(session, client)
    _other, other_headers = await make_signed_in(session, role=Role.MEMBER)
    first = (await invite(client, headers, venture["id"], joiner.id)).json()["id"]
    duplicate = await invite(client, headers, venture["id"], joiner.id)
    assert duplicate.status_code == 409
    assert duplicate.json()["code"] == "INVITATION_EXISTS"
    assert await _answer(client, other_headers, first, "accept") == 404
    assert await _answer(client, other_headers, first, "decline") == 404
    assert await _answer(client, other_headers, first, "revoke") == 404
    assert await _answer(client, joiner_headers, first, "revoke") == 404
    assert await _answer(client, joiner_headers, first, "decline") == 200
    assert await _answer(client, joiner_headers, first, "accept") == 409

    second = (await invite(client, headers, venture["id"], joiner.id)).json()["id"]
    assert await _answer(client, headers, second, "revoke") == 200
    assert await _answer(client, joiner_headers, second, "accept") == 409
    mine = await client.get(
        "/api/ventures/invitations", params={"status": "REVOKED"}, headers=joiner_headers
    )
    assert [i["id"] for i in mine.json()["items"]] == [second]


async def test_invitations_expire_after_14_days_through_the_job(
    client: AsyncClient, session: AsyncSession
) -> None:
    _owner, headers = await make_founder(session, client)
    venture = await create_venture(client, headers)
    joiner, joiner_headers = await make_joiner(session, client, sign_for=venture["id"])
    sent = (await invite(client, headers, venture["id"], joiner.id)).json()
    expires = sent["expires_at"]
    created = sent["created_at"]
    from datetime import datetime

    span = datetime.fromisoformat(expires) - datetime.fromisoformat(created)
    assert span == timedelta(days=14)
    # Fifteen days later (the deadline moved into the past):
    await session.exec(
        sa.update(VentureInvitation)
        .where(col(VentureInvitation.id) == uuid.UUID(sent["id"]))
        .values(expires_at=utcnow() - timedelta(days=1))
    )
    await session.commit()
    refused = await client.post(
        f"/api/ventures/invitations/{sent['id']}/accept", headers=joiner_headers
    )
    assert refused.status_code == 409
    assert refused.json()["code"] == "INVITATION_NOT_PENDING"
    assert await jobs.expire_invitations() == 1
    assert await jobs.expire_invitations() == 0
    mine = (await client.get("/api/ventures/invitations", headers=joiner_headers)).json()
    assert mine["items"][0]["status"] == "EXPIRED"
    activity = await client.get(f"/api/users/{joiner.id}/activity", headers=joiner_headers)
    kinds = [a["kind"] for a in activity.json()["items"]]
    assert "ventures.invitation_expired" in kinds
    assert "ventures.invitation_sent" in kinds


async def test_roles_act_only_below_their_own_and_the_owner_role_moves_by_transfer(
    client: AsyncClient, session: AsyncSession
) -> None:
    owner, headers = await make_founder(session, client)
    vid = (await create_venture(client, headers))["id"]
    co1, co1_headers = await add_member(session, client, headers, vid, "CO_FOUNDER")
    co2, _ = await add_member(session, client, headers, vid, "CO_FOUNDER")
    member, member_headers = await add_member(session, client, headers, vid, "MEMBER")
    stranger, _ = await make_signed_in(session, role=Role.MEMBER)

    async def put(h: dict[str, str], user: User, role: str) -> int:
        r = await client.put(f"/api/ventures/{vid}/team/{user.id}", json={"role": role}, headers=h)
        return r.status_code

    assert await put(co1_headers, member, "ADVISOR") == 200
    assert await put(co1_headers, co2, "MEMBER") == 403
    assert await put(co1_headers, member, "CO_FOUNDER") == 403
    assert await put(headers, member, "OWNER") == 422
    assert await put(member_headers, member, "OBSERVER") == 403
    assert (await invite(client, co1_headers, vid, stranger.id, "CO_FOUNDER")).status_code == 403
    assert (await invite(client, member_headers, vid, stranger.id)).status_code == 403
    assert (await invite(client, headers, vid, stranger.id, "OWNER")).status_code == 422
    assert (await invite(client, headers, vid, member.id)).json()["code"] == "ALREADY_MEMBER"
    removed = await client.delete(f"/api/ventures/{vid}/team/{co2.id}", headers=co1_headers)
    assert removed.status_code == 403
    assert (await _team(client, headers, vid)) == {
        str(owner.id): "OWNER",
        str(co1.id): "CO_FOUNDER",
        str(co2.id): "CO_FOUNDER",
        str(member.id): "ADVISOR",
    }


async def test_the_owner_cannot_leave_until_ownership_is_transferred(
    client: AsyncClient, session: AsyncSession
) -> None:
    owner, headers = await make_founder(session, client)
    vid = (await create_venture(client, headers))["id"]
    member, member_headers = await add_member(session, client, headers, vid, "MEMBER")
    leave = await client.delete(f"/api/ventures/{vid}/team/{owner.id}", headers=headers)
    assert leave.status_code == 409
    assert leave.json()["code"] == "OWNER_CANNOT_LEAVE"
    stranger, _ = await make_signed_in(session, role=Role.MEMBER)
    not_member = await client.post(
        f"/api/ventures/{vid}/transfer-ownership",
        json={"user_id": str(stranger.id)},
        headers=headers,
    )
    assert not_member.status_code == 404
    by_member = await client.post(
        f"/api/ventures/{vid}/transfer-ownership",
        json={"user_id": str(member.id)},
        headers=member_headers,
    )
    assert by_member.status_code == 403
    moved = await client.post(
        f"/api/ventures/{vid}/transfer-ownership", json={"user_id": str(member.id)}, headers=headers
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["owner_id"] == str(member.id)
    assert await _team(client, headers, vid) == {
        str(owner.id): "CO_FOUNDER",
        str(member.id): "OWNER",
    }
    assert (
        await client.delete(f"/api/ventures/{vid}/team/{owner.id}", headers=headers)
    ).status_code == 204
    assert await _team(client, member_headers, vid) == {str(member.id): "OWNER"}
    # The old owner, gone from a public venture, still reads it but acts no more.
    assert (await client.get(f"/api/ventures/{vid}", headers=headers)).json()["my_role"] is None
    activity = await client.get(f"/api/users/{member.id}/activity", headers=member_headers)
    kinds = {a["kind"] for a in activity.json()["items"]}
    assert {"ventures.member_joined", "ventures.ownership_transferred"} <= kinds


async def test_an_owner_removes_a_member_and_a_member_leaves(
    client: AsyncClient, session: AsyncSession
) -> None:
    owner, headers = await make_founder(session, client)
    vid = (await create_venture(client, headers, visibility="PRIVATE"))["id"]
    first, _ = await add_member(session, client, headers, vid)
    second, second_headers = await add_member(session, client, headers, vid)
    assert (
        await client.delete(f"/api/ventures/{vid}/team/{first.id}", headers=headers)
    ).status_code == 204
    assert (
        await client.delete(f"/api/ventures/{vid}/team/{second.id}", headers=second_headers)
    ).status_code == 204
    assert await _team(client, headers, vid) == {str(owner.id): "OWNER"}
    # Gone from a private venture: it is 404 to them now.
    assert (await client.get(f"/api/ventures/{vid}", headers=second_headers)).status_code == 404


async def test_a_team_has_at_most_its_maximum(
    client: AsyncClient, session: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(team, "TEAM_MAX", 2)
    _owner, headers = await make_founder(session, client)
    vid = (await create_venture(client, headers))["id"]
    joiner, joiner_headers = await make_joiner(session, client, sign_for=vid)
    sent = (await invite(client, headers, vid, joiner.id)).json()["id"]
    extra, _ = await make_signed_in(session, role=Role.MEMBER)
    full = await invite(client, headers, vid, extra.id)
    assert full.status_code == 409
    assert full.json()["code"] == "TEAM_FULL"
    assert await _answer(client, joiner_headers, sent, "accept") == 200
    assert len(await _team(client, headers, vid)) == 2


async def test_an_inactive_or_unknown_user_cannot_be_invited(
    client: AsyncClient, session: AsyncSession
) -> None:
    _owner, headers = await make_founder(session, client)
    vid = (await create_venture(client, headers))["id"]
    unknown = await invite(client, headers, vid, uuid.uuid4())
    assert unknown.status_code == 422
    await sign_personal(client, headers, "PCA")  # unrelated signatures change nothing
    owner_self = await client.post(
        f"/api/ventures/{vid}/invitations",
        json={"user_id": str(_owner.id), "role": "MEMBER"},
        headers=headers,
    )
    assert owner_self.json()["code"] == "ALREADY_MEMBER"
