"""Referral codes and links: attribution at registration or by an accepted invitation, one
referrer per user, no self-referral, no cycles."""

from __future__ import annotations

import uuid
from typing import Any

from httpx import AsyncClient
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.domains.state_machines import service as machines
from brain.domains.umbrella import service
from brain.domains.umbrella.models import UmbrellaRelationship
from brain.domains.umbrella.rules import CODE_ALPHABET, CODE_LENGTH
from brain.domains.users.models import User
from brain.domains.users.schemas import Role
from tests.factories.umbrella import make_link
from tests.factories.users import DEFAULT_PASSWORD, bearer, make_user, sign_in, unique_email

U = "/api/umbrella"


async def _member(session: AsyncSession) -> tuple[User, dict[str, str]]:
    user = await make_user(session, role=Role.MEMBER)
    return user, bearer((await sign_in(session, user)).access_token)


async def _register(client: AsyncClient, **extra: Any) -> dict[str, Any]:
    body = {"email": unique_email("ref"), "password": DEFAULT_PASSWORD, "display_name": "Ref"}
    response = await client.post("/api/auth/register", json=body | extra)
    assert response.status_code == 201, response.text
    user: dict[str, Any] = response.json()["user"]
    return user


async def _link_of(session: AsyncSession, user_id: str) -> UmbrellaRelationship | None:
    found = await session.exec(
        select(UmbrellaRelationship).where(
            col(UmbrellaRelationship.referred_user_id) == uuid.UUID(user_id)
        )
    )
    return found.first()


async def test_a_code_is_short_unambiguous_stable_and_regenerable(
    client: AsyncClient, session: AsyncSession
) -> None:
    _user, headers = await _member(session)
    first = (await client.get(f"{U}/referral-code", headers=headers)).json()["code"]
    assert len(first) == CODE_LENGTH
    assert set(first) <= set(CODE_ALPHABET)
    assert not set(first) & set("01OIL")
    assert (await client.get(f"{U}/referral-code", headers=headers)).json()["code"] == first
    regenerated = await client.post(f"{U}/referral-code/regenerate", headers=headers)
    assert regenerated.status_code == 200
    assert regenerated.json()["code"] != first
    # The old code no longer finds anyone.
    assert await service.owner_of_code(session, first) is None


async def test_registering_with_a_code_makes_its_owner_the_referrer(
    client: AsyncClient, session: AsyncSession
) -> None:
    referrer, headers = await _member(session)
    code = (await client.get(f"{U}/referral-code", headers=headers)).json()["code"]
    # Typed in lower case with a dash: still the same code.
    new = await _register(client, referral_code=f"{code[:4].lower()}-{code[4:].lower()}")
    link = await _link_of(session, new["id"])
    assert link is not None
    assert link.from_user_id == referrer.id
    assert link.state == "PENDING_AGREEMENT"
    assert link.via == "code"
    instance = await machines.get_instance(
        session, machine_type="umbrella", instance_id=str(link.id)
    )
    assert instance.state == "PENDING_AGREEMENT"
    mine = await client.get(f"{U}/relationships?kind=REFERRAL", headers=headers)
    [item] = mine.json()["items"]
    assert item["referrer_id"] == str(referrer.id)
    assert item["referred_id"] == new["id"]
    assert item["state"] == "PENDING_AGREEMENT"


async def test_an_unknown_code_does_not_break_registration(
    client: AsyncClient, session: AsyncSession
) -> None:
    new = await _register(client, referral_code="NOSUCHCODE")
    assert await _link_of(session, new["id"]) is None


async def _invite(client: AsyncClient, headers: dict[str, str], user_id: uuid.UUID) -> Any:
    return await client.post(
        f"{U}/relationships", json={"kind": "REFERRAL", "user_id": str(user_id)}, headers=headers
    )


async def test_an_accepted_invitation_links_the_invitee(
    client: AsyncClient, session: AsyncSession
) -> None:
    referrer, r_h = await _member(session)
    invitee, i_h = await _member(session)
    invited = await _invite(client, r_h, invitee.id)
    assert invited.status_code == 201, invited.text
    assert invited.json()["state"] == "INVITED"
    assert await _link_of(session, str(invitee.id)) is None
    # Only the invitee accepts.
    wrong = await client.post(f"{U}/relationships/{invited.json()['id']}/accept", headers=r_h)
    assert wrong.status_code == 403
    accepted = await client.post(f"{U}/relationships/{invited.json()['id']}/accept", headers=i_h)
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["state"] == "PENDING_AGREEMENT"
    assert accepted.json()["via"] == "invitation"
    assert accepted.json()["expires_at"] is not None
    link = await _link_of(session, str(invitee.id))
    assert link is not None
    assert link.from_user_id == referrer.id


async def test_self_referral_is_refused(client: AsyncClient, session: AsyncSession) -> None:
    me, headers = await _member(session)
    response = await _invite(client, headers, me.id)
    assert response.status_code == 422
    assert response.json()["code"] == "SELF_REFERRAL"


async def test_a_second_referrer_is_refused(client: AsyncClient, session: AsyncSession) -> None:
    first, _ = await _member(session)
    _second, s_h = await _member(session)
    user, _u_h = await _member(session)
    await make_link(session, first.id, user.id)
    response = await _invite(client, s_h, user.id)
    assert response.status_code == 409
    assert response.json()["code"] == "ALREADY_REFERRED"


async def test_a_second_referrer_is_refused_at_acceptance_too(
    client: AsyncClient, session: AsyncSession
) -> None:
    _first, f_h = await _member(session)
    _second, s_h = await _member(session)
    user, u_h = await _member(session)
    one = (await _invite(client, f_h, user.id)).json()
    two = (await _invite(client, s_h, user.id)).json()
    assert (await client.post(f"{U}/relationships/{one['id']}/accept", headers=u_h)).is_success
    refused = await client.post(f"{U}/relationships/{two['id']}/accept", headers=u_h)
    assert refused.status_code == 409
    assert refused.json()["code"] == "ALREADY_REFERRED"
    again = await client.get(f"{U}/relationships/{two['id']}", headers=u_h)
    assert again.json()["state"] == "INVITED"


async def test_a_cycle_is_refused(client: AsyncClient, session: AsyncSession) -> None:
    a, _a_h = await _member(session)
    b, _b_h = await _member(session)
    c, c_h = await _member(session)
    await make_link(session, a.id, b.id)  # A -> B
    await make_link(session, b.id, c.id)  # B -> C
    # C inviting A would make A -> B -> C -> A.
    response = await _invite(client, c_h, a.id)
    assert response.status_code == 409
    assert response.json()["code"] == "REFERRAL_CYCLE"
    # Nothing was written.
    assert await _link_of(session, str(a.id)) is None


async def test_a_cycle_through_an_invitation_accepted_later_is_refused(
    client: AsyncClient, session: AsyncSession
) -> None:
    a, a_h = await _member(session)
    b, b_h = await _member(session)
    invitation = (await _invite(client, b_h, a.id)).json()  # B would refer A
    await make_link(session, a.id, b.id)  # meanwhile A refers B
    refused = await client.post(f"{U}/relationships/{invitation['id']}/accept", headers=a_h)
    assert refused.status_code == 409
    assert refused.json()["code"] == "REFERRAL_CYCLE"
