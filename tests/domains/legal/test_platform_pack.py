"""Done when: a new user registers, signs PPA, ESCA and PNA and is a MEMBER."""

from __future__ import annotations

from httpx import AsyncClient
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.models import OutboxEvent
from brain.domains.users.schemas import Role
from tests.factories.legal import consent, sign_personal
from tests.factories.users import DEFAULT_PASSWORD, bearer, make_signed_in, unique_email


async def register(client: AsyncClient) -> dict[str, str]:
    response = await client.post(
        "/api/auth/register",
        json={"email": unique_email(), "password": DEFAULT_PASSWORD, "display_name": "Ada"},
    )
    assert response.status_code == 201, response.text
    return bearer(response.json()["access_token"])


async def test_a_new_user_who_signs_the_platform_pack_becomes_a_member(
    client: AsyncClient, session: AsyncSession
) -> None:
    headers = await register(client)
    assert (await client.get("/api/auth/me", headers=headers)).json()["role"] == "GUEST"

    await sign_personal(client, headers, "PPA", "ESCA")
    assert (await client.get("/api/auth/me", headers=headers)).json()["role"] == "GUEST"
    await sign_personal(client, headers, "PNA")

    me = (await client.get("/api/auth/me", headers=headers)).json()
    assert me["role"] == "MEMBER"
    events = (
        await session.exec(
            select(OutboxEvent).where(OutboxEvent.name == "legal.platform_pack_completed")
        )
    ).all()
    assert [e.payload["user_id"] for e in events] == [me["id"]]
    changed = (
        await session.exec(select(OutboxEvent).where(OutboxEvent.name == "auth.role_changed"))
    ).all()
    assert [(e.payload["old_role"], e.payload["new_role"]) for e in changed] == [
        ("GUEST", "MEMBER")
    ]


async def test_the_platform_pack_never_demotes_or_touches_other_roles(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, headers = await make_signed_in(session, role=Role.LEGAL_ADMIN)

    await sign_personal(client, headers, "PPA", "ESCA", "PNA")

    assert (await client.get("/api/auth/me", headers=headers)).json()["role"] == "LEGAL_ADMIN"


async def test_signing_a_personal_agreement_twice_is_refused(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, headers = await make_signed_in(session)
    await sign_personal(client, headers, "PPA")

    again = await client.post("/api/legal/templates/PPA/sign", json=consent(), headers=headers)

    assert again.status_code == 409
    assert again.json()["code"] == "ALREADY_SIGNED"


async def test_a_multi_party_template_cannot_be_signed_as_personal(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, headers = await make_signed_in(session)

    response = await client.post("/api/legal/templates/MNDA/sign", json=consent(), headers=headers)

    assert response.status_code == 422
    assert (await client.get("/api/legal/documents", headers=headers)).json()["items"] == []
