"""Factories for the ventures domain: founders who can create, ventures created through the
API, and users who have signed what joining a venture needs."""

from __future__ import annotations

import uuid
from typing import Any

from httpx import AsyncClient, Response
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.domains.users.models import User
from brain.domains.users.schemas import Role
from tests.factories.buz import make_signed_in_holder
from tests.factories.legal import consent, sign_personal

DESCRIPTION = (
    "A marketplace where neighbourhood bakeries sell the day's surplus bread at a discount "
    "before closing time, cutting waste and feeding students."
)


def venture_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": f"Venture {uuid.uuid4().hex[:10]}",
        "description": DESCRIPTION,
        "industry": "TECHNOLOGY",
        "visibility": "PUBLIC",
        "tags": ["food", "climate"],
    }
    body.update(overrides)
    return body


async def make_founder(
    session: AsyncSession,
    client: AsyncClient,
    *,
    balance: str = "500",
    role: Role = Role.MEMBER,
    sign: bool = True,
) -> tuple[User, dict[str, str]]:
    """A user with BUZ who has signed ISEA and VOA (what creating a venture needs)."""
    user, headers = await make_signed_in_holder(session, role=role, balance=balance)
    if sign:
        await sign_personal(client, headers, "ISEA", "VOA")
    return user, headers


async def post_venture(
    client: AsyncClient, headers: dict[str, str], body: dict[str, Any], key: str | None = None
) -> Response:
    return await client.post(
        "/api/ventures", json=body, headers=headers | {"Idempotency-Key": key or str(uuid.uuid4())}
    )


async def create_venture(
    client: AsyncClient, headers: dict[str, str], **overrides: Any
) -> dict[str, Any]:
    response = await post_venture(client, headers, venture_body(**overrides))
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def sign_for_venture(
    client: AsyncClient, headers: dict[str, str], venture_id: str, *types: str
) -> Response:
    last: Response | None = None
    for template_type in types:
        last = await client.post(
            f"/api/legal/templates/{template_type}/sign",
            json=consent(subject_type="venture", subject_id=venture_id),
            headers=headers,
        )
    assert last is not None
    return last


async def make_joiner(
    session: AsyncSession, client: AsyncClient, *, sign_for: str | None = None
) -> tuple[User, dict[str, str]]:
    """A MEMBER who has signed PCA and IAA, and the PPNA for `sign_for` if given."""
    user, headers = await make_signed_in_holder(session, role=Role.MEMBER)
    await sign_personal(client, headers, "PCA", "IAA")
    if sign_for is not None:
        response = await sign_for_venture(client, headers, sign_for, "PPNA")
        assert response.status_code == 201, response.text
    return user, headers


async def invite(
    client: AsyncClient,
    headers: dict[str, str],
    venture_id: str,
    user_id: uuid.UUID,
    role: str = "MEMBER",
) -> Response:
    return await client.post(
        f"/api/ventures/{venture_id}/invitations",
        json={"user_id": str(user_id), "role": role},
        headers=headers,
    )


async def add_member(
    session: AsyncSession,
    client: AsyncClient,
    owner_headers: dict[str, str],
    venture_id: str,
    role: str = "MEMBER",
) -> tuple[User, dict[str, str]]:
    """A user invited with `role` who signed what joining needs and accepted."""
    user, headers = await make_joiner(session, client)
    sent = await invite(client, owner_headers, venture_id, user.id, role)
    assert sent.status_code == 201, sent.text
    signed = await sign_for_venture(client, headers, venture_id, "PPNA")
    assert signed.status_code == 201, signed.text
    accepted = await client.post(
        f"/api/ventures/invitations/{sent.json()['id']}/accept", headers=headers
    )
    assert accepted.status_code == 200, accepted.text
    return user, headers
