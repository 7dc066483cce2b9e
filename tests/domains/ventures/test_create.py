"""Creating a venture: compliance, the 50 BUZ charge in the same transaction, idempotency,
the owner and the role promotion, unique names."""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.domains.users.models import User
from brain.domains.users.schemas import Role
from tests.factories.buz import assert_ledger_ok, balance_units
from tests.factories.gamification import rewards_paid
from tests.factories.ventures import create_venture, make_founder, post_venture, venture_body


async def _role(session: AsyncSession, user: User) -> str:
    await session.refresh(user)
    return user.role


async def _ventures_named(session: AsyncSession, name: str) -> int:
    count = await session.scalar(
        sa.text("SELECT count(*) FROM ventures WHERE name_key = :n"), {"n": name.lower()}
    )
    return int(count or 0)


async def test_creating_charges_50_buz_and_makes_the_creator_owner(
    client: AsyncClient, session: AsyncSession
) -> None:
    founder, headers = await make_founder(session, client, balance="500")
    venture = await create_venture(client, headers, funding_goal="250000.00")
    assert venture["stage"] == "IDEA"
    assert venture["owner_id"] == str(founder.id)
    assert venture["my_role"] == "OWNER"
    assert venture["funding_goal"] == "250000.00"
    # Less what gamification paid for the venture (Venture Founder, XP Hunter, a level).
    assert (
        await balance_units(session, founder.id) - await rewards_paid(session, founder.id) == 450_00
    )
    assert await _role(session, founder) == Role.VENTURE_OWNER
    team = await client.get(f"/api/ventures/{venture['id']}/team", headers=headers)
    assert [(m["user_id"], m["role"]) for m in team.json()["items"]] == [(str(founder.id), "OWNER")]
    await assert_ledger_ok(session)


async def test_a_creator_above_venture_owner_keeps_their_role(
    client: AsyncClient, session: AsyncSession
) -> None:
    founder, headers = await make_founder(session, client, role=Role.CONFIDENTIAL_ACCESS)
    await create_venture(client, headers)
    assert await _role(session, founder) == Role.CONFIDENTIAL_ACCESS


async def test_without_isea_and_voa_creation_is_refused_and_charges_nothing(
    client: AsyncClient, session: AsyncSession
) -> None:
    founder, headers = await make_founder(session, client, sign=False)
    body = venture_body()
    response = await post_venture(client, headers, body)
    assert response.status_code == 403
    assert response.json()["code"] == "COMPLIANCE_REQUIRED"
    assert response.json()["missing"] == ["ISEA", "VOA"]
    assert await balance_units(session, founder.id) == 500_00
    assert await _ventures_named(session, body["name"]) == 0


async def test_a_creator_who_cannot_pay_gets_409_and_nothing_is_created(
    client: AsyncClient, session: AsyncSession
) -> None:
    founder, headers = await make_founder(session, client, balance="49.99")
    body = venture_body()
    response = await post_venture(client, headers, body)
    assert response.status_code == 409
    assert response.json()["code"] == "INSUFFICIENT_FUNDS"
    assert await balance_units(session, founder.id) == 49_99
    assert await _ventures_named(session, body["name"]) == 0
    assert await _role(session, founder) == Role.MEMBER
    await assert_ledger_ok(session)


async def test_a_retried_create_charges_once_and_returns_the_original(
    client: AsyncClient, session: AsyncSession
) -> None:
    founder, headers = await make_founder(session, client, balance="500")
    body, key = venture_body(), str(uuid.uuid4())
    first = await post_venture(client, headers, body, key)
    again = await post_venture(client, headers, body, key)
    assert first.status_code == 201
    assert again.status_code == 200
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    assert "Idempotent-Replayed" not in first.headers
    # Less what gamification paid for the venture (Venture Founder, XP Hunter, a level).
    assert (
        await balance_units(session, founder.id) - await rewards_paid(session, founder.id) == 450_00
    )
    assert await _ventures_named(session, body["name"]) == 1


async def test_the_same_key_with_another_body_is_a_conflict(
    client: AsyncClient, session: AsyncSession
) -> None:
    founder, headers = await make_founder(session, client, balance="500")
    key = str(uuid.uuid4())
    assert (await post_venture(client, headers, venture_body(), key)).status_code == 201
    other = await post_venture(client, headers, venture_body(), key)
    assert other.status_code == 409
    assert other.json()["code"] == "IDEMPOTENCY_CONFLICT"
    # Less what gamification paid for the venture (Venture Founder, XP Hunter, a level).
    assert (
        await balance_units(session, founder.id) - await rewards_paid(session, founder.id) == 450_00
    )


async def test_names_are_unique_case_insensitively_with_a_suggestion(
    client: AsyncClient, session: AsyncSession
) -> None:
    _founder, headers = await make_founder(session, client, balance="500")
    name = f"Bread Rescue {uuid.uuid4().hex[:6]}"
    await create_venture(client, headers, name=name)
    clash = await post_venture(client, headers, venture_body(name=name.upper()))
    assert clash.status_code == 409
    assert clash.json()["code"] == "VENTURE_NAME_TAKEN"
    assert clash.json()["suggestion"] == f"{name.upper()} 2"
    check = await client.get(
        "/api/ventures/check-name", params={"name": name.lower()}, headers=headers
    )
    assert check.json() == {
        "name": name.lower(),
        "available": False,
        "suggestion": f"{name.lower()} 2",
    }
    free = await client.get(
        "/api/ventures/check-name", params={"name": f"{name} 2"}, headers=headers
    )
    assert free.json()["available"] is True


async def test_a_short_description_is_refused(client: AsyncClient, session: AsyncSession) -> None:
    _founder, headers = await make_founder(session, client)
    response = await post_venture(client, headers, venture_body(description="Too short."))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body.description"


async def test_a_guest_cannot_create(client: AsyncClient, session: AsyncSession) -> None:
    _founder, headers = await make_founder(session, client, role=Role.GUEST, sign=False)
    response = await post_venture(client, headers, venture_body())
    assert response.status_code == 403
    assert response.json()["code"] == "INSUFFICIENT_PERMISSIONS"


async def test_an_owner_edits_and_a_member_may_not(
    client: AsyncClient, session: AsyncSession
) -> None:
    from tests.factories.ventures import add_member

    _founder, headers = await make_founder(session, client)
    venture = await create_venture(client, headers)
    _member, member_headers = await add_member(session, client, headers, venture["id"])
    url = f"/api/ventures/{venture['id']}"
    edited = await client.patch(url, json={"tags": ["bread"], "website": None}, headers=headers)
    assert edited.status_code == 200, edited.text
    assert edited.json()["tags"] == ["bread"]
    refused = await client.patch(url, json={"tags": ["x"]}, headers=member_headers)
    assert refused.status_code == 403
    assert refused.json()["code"] == "TEAM_ROLE_REQUIRED"
    assert (await client.get(url, headers=headers)).json()["tags"] == ["bread"]


async def test_money_is_a_decimal_string_and_the_website_is_kept_as_sent(
    client: AsyncClient, session: AsyncSession
) -> None:
    _founder, headers = await make_founder(session, client)
    for goal in (250000.0, "0", "1.005", ""):
        refused = await post_venture(client, headers, venture_body(funding_goal=goal))
        assert refused.status_code == 422, goal
        assert refused.json()["errors"][0]["field"] == "body.funding_goal"
    assert (
        await post_venture(client, headers, venture_body(website="ftp://x.org"))
    ).status_code == 422
    venture = await create_venture(
        client, headers, website="https://bread.example", funding_goal="10"
    )
    assert (venture["website"], venture["funding_goal"]) == ("https://bread.example", "10.00")
