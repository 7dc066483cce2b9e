"""The referral lifecycle on the `umbrella` machine: ACTIVE once both parties signed the
UMBRELLA_AGREEMENT for this relationship, suspended and resumed, terminated, or EXPIRED when
the agreement is not signed in 30 days (the engine's durable timer)."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from httpx import AsyncClient
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.models import OutboxEvent, utcnow
from brain.domains.state_machines import jobs as machine_jobs
from brain.domains.state_machines import service as machines
from brain.domains.users.models import User
from brain.domains.users.schemas import Role
from tests.factories.umbrella import make_link, sign_agreement
from tests.factories.users import bearer, make_user, sign_in

U = "/api/umbrella"


async def _party(session: AsyncSession, role: Role = Role.MEMBER) -> tuple[User, dict[str, str]]:
    user = await make_user(session, role=role)
    return user, bearer((await sign_in(session, user)).access_token)


async def _state(client: AsyncClient, headers: dict[str, str], rel_id: object) -> str:
    response = await client.get(f"{U}/relationships/{rel_id}", headers=headers)
    assert response.status_code == 200, response.text
    return str(response.json()["state"])


async def test_the_link_is_active_once_both_parties_signed_for_it(
    client: AsyncClient, session: AsyncSession
) -> None:
    referrer, r_h = await _party(session)
    referred, d_h = await _party(session)
    rel = await make_link(session, referrer.id, referred.id, active=False)

    signed = await sign_agreement(client, r_h, rel.id)
    assert signed.status_code == 201, signed.text
    assert await _state(client, r_h, rel.id) == "PENDING_AGREEMENT"

    signed = await sign_agreement(client, d_h, rel.id)
    assert signed.status_code == 201, signed.text
    assert await _state(client, r_h, rel.id) == "ACTIVE"
    instance = await machines.get_instance(
        session, machine_type="umbrella", instance_id=str(rel.id)
    )
    assert instance.state == "ACTIVE"
    activated = (
        await session.exec(
            select(OutboxEvent).where(col(OutboxEvent.name) == "umbrella.referral_activated")
        )
    ).all()
    assert [e.payload["relationship_id"] for e in activated] == [str(rel.id)]


async def test_an_agreement_signed_for_another_relationship_does_not_count(
    client: AsyncClient, session: AsyncSession
) -> None:
    referrer, r_h = await _party(session)
    one, _one_h = await _party(session)
    two, two_h = await _party(session)
    first = await make_link(session, referrer.id, one.id, active=False)
    second = await make_link(session, referrer.id, two.id, active=False)
    assert (await sign_agreement(client, r_h, first.id)).status_code == 201
    assert (await sign_agreement(client, two_h, second.id)).status_code == 201
    # The referrer signed for the first link only: the second waits.
    assert await _state(client, r_h, second.id) == "PENDING_AGREEMENT"
    assert (await sign_agreement(client, r_h, second.id)).status_code == 201
    assert await _state(client, r_h, second.id) == "ACTIVE"
    assert await _state(client, r_h, first.id) == "PENDING_AGREEMENT"


async def test_nobody_else_signs_for_a_relationship(
    client: AsyncClient, session: AsyncSession
) -> None:
    referrer, _ = await _party(session)
    referred, _ = await _party(session)
    _stranger, s_h = await _party(session)
    rel = await make_link(session, referrer.id, referred.id, active=False)
    refused = await sign_agreement(client, s_h, rel.id)
    assert refused.status_code == 404
    unknown = await sign_agreement(client, s_h, "not-a-uuid")
    assert unknown.status_code in (404, 422)


async def test_an_unsigned_agreement_expires_after_30_days(
    client: AsyncClient, session: AsyncSession
) -> None:
    referrer, r_h = await _party(session)
    referred, _ = await _party(session)
    rel = await make_link(session, referrer.id, referred.id, active=False)
    assert rel.expires_at is not None
    assert rel.expires_at - utcnow() > timedelta(days=29)
    past = utcnow() - timedelta(seconds=1)
    await (await session.connection()).execute(
        sa.text(
            "UPDATE state_machine_timers SET fire_at = :t WHERE instance_pk = "
            "(SELECT id FROM state_machine_instances WHERE instance_id = :id)"
        ).bindparams(sa.bindparam("t", past, type_=sa.DateTime(timezone=True)), id=str(rel.id))
    )
    assert await machine_jobs.fire_due_timers() == 1
    assert await _state(client, r_h, rel.id) == "EXPIRED"
    # Signing for an expired relationship is refused.
    late = await sign_agreement(client, r_h, rel.id)
    assert late.status_code == 409


async def test_suspend_resume_and_terminate(client: AsyncClient, session: AsyncSession) -> None:
    referrer, r_h = await _party(session)
    referred, d_h = await _party(session)
    rel = await make_link(session, referrer.id, referred.id)
    resumed = await client.post(f"{U}/relationships/{rel.id}/resume", headers=r_h)
    assert resumed.status_code == 409
    assert resumed.json()["code"] == "INVALID_RELATIONSHIP_STATE"
    suspended = await client.post(f"{U}/relationships/{rel.id}/suspend", headers=d_h)
    assert suspended.status_code == 200, suspended.text
    assert suspended.json()["state"] == "SUSPENDED"
    resumed = await client.post(f"{U}/relationships/{rel.id}/resume", headers=r_h)
    assert resumed.json()["state"] == "ACTIVE"
    ended = await client.delete(f"{U}/relationships/{rel.id}", headers=r_h)
    assert ended.status_code == 204
    assert await _state(client, r_h, rel.id) == "TERMINATED"
    again = await client.delete(f"{U}/relationships/{rel.id}", headers=r_h)
    assert again.status_code == 409
    history, _ = await machines.history(session, machine_type="umbrella", instance_id=str(rel.id))
    assert [h.event for h in history] == ["activate", "suspend", "resume", "terminate"]
    # Still the referred user's referrer: a new one cannot be set.
    _other, o_h = await _party(session)
    invite = await client.post(
        f"{U}/relationships",
        json={"kind": "REFERRAL", "user_id": str(referred.id)},
        headers=o_h,
    )
    assert invite.json()["code"] == "ALREADY_REFERRED"


async def test_a_transition_made_through_the_engine_is_mirrored(
    client: AsyncClient, session: AsyncSession
) -> None:
    referrer, r_h = await _party(session)
    referred, _ = await _party(session)
    admin, admin_h = await _party(session, role=Role.SUPER_ADMIN)
    rel = await make_link(session, referrer.id, referred.id, active=False)
    # Members cannot drive the machine through the generic endpoint.
    refused = await client.post(
        f"/api/state-machines/umbrella/{rel.id}/event", json={"event": "activate"}, headers=r_h
    )
    assert refused.status_code == 403
    sent = await client.post(
        f"/api/state-machines/umbrella/{rel.id}/event",
        json={"event": "activate"},
        headers=admin_h,
    )
    assert sent.status_code == 200, sent.text
    assert await _state(client, r_h, rel.id) == "ACTIVE"
    assert admin.id != referrer.id
