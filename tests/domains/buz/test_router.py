"""`/api/buz` over HTTP: wire formats, permissions, ownership, idempotency headers."""

from __future__ import annotations

import uuid

import pytest
from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.domains.buz.rules import parse_units
from brain.domains.users.schemas import Role
from tests.factories.buz import make_holder, make_signed_in_holder
from tests.factories.legal import sign_personal
from tests.factories.users import make_signed_in

pytestmark = pytest.mark.usefixtures("db_connection")

BUZ_TERMS = ("BTS", "BPP")


async def test_transfer_and_stake_need_the_buz_terms_signed(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, headers = await make_signed_in_holder(session, role=Role.SUBSCRIBER, balance="500")
    bob = await make_holder(session)
    transfer = {"to_user_id": str(bob.id), "amount": "1"}
    stake = {"amount": "100", "tier": "BRONZE"}
    for path, body in (("/api/buz/transfer", transfer), ("/api/buz/stake", stake)):
        refused = await client.post(path, json=body, headers=headers | key())
        assert refused.status_code == 403
        assert refused.json()["code"] == "COMPLIANCE_REQUIRED"
        assert sorted(refused.json()["missing"]) == ["BPP", "BTS"]
    await sign_personal(client, headers, "BTS")
    refused = await client.post("/api/buz/transfer", json=transfer, headers=headers | key())
    assert refused.json()["missing"] == ["BPP"]
    await sign_personal(client, headers, "BPP")
    assert (
        await client.post("/api/buz/transfer", json=transfer, headers=headers | key())
    ).status_code == 201
    assert (
        await client.post("/api/buz/stake", json=stake, headers=headers | key())
    ).status_code == 201


def key() -> dict[str, str]:
    return {"Idempotency-Key": str(uuid.uuid4())}


async def test_transfer_answers_201_then_200_on_replay(
    client: AsyncClient, session: AsyncSession
) -> None:
    alice, headers = await make_signed_in_holder(session, balance="100")
    await sign_personal(client, headers, *BUZ_TERMS)
    bob = await make_holder(session)
    body = {"to_user_id": str(bob.id), "amount": "10.50", "memo": "lunch"}
    idem = key()
    first = await client.post("/api/buz/transfer", json=body, headers=headers | idem)
    assert first.status_code == 201, first.text
    data = first.json()
    assert (data["amount"], data["fee"], data["kind"]) == ("10.50", "0.02", "TRANSFER")
    assert [leg["kind"] for leg in data["legs"]] == ["TRANSFER", "FEE"]
    replay = await client.post("/api/buz/transfer", json=body, headers=headers | idem)
    assert replay.status_code == 200
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert replay.json() == data
    other = await client.post(
        "/api/buz/transfer", json=body | {"amount": "11"}, headers=headers | idem
    )
    assert other.status_code == 409
    assert other.json()["code"] == "IDEMPOTENCY_CONFLICT"
    balance = (await client.get(f"/api/buz/balance/{alice.id}", headers=headers)).json()
    assert balance["available"] == "89.48"


@pytest.mark.parametrize(
    "amount", [10.5, 10, "10.505", "-1", "0", "0.00", "1e3", " 1", "abc", None]
)
async def test_amounts_are_positive_decimal_strings_with_two_places(
    client: AsyncClient, session: AsyncSession, amount: object
) -> None:
    _, headers = await make_signed_in_holder(session, balance="100")
    bob = await make_holder(session)
    response = await client.post(
        "/api/buz/transfer",
        json={"to_user_id": str(bob.id), "amount": amount},
        headers=headers | key(),
    )
    assert response.status_code == 422
    assert response.json()["code"] == "VALIDATION_ERROR"


async def test_a_client_cannot_choose_the_transfer_kind(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, headers = await make_signed_in_holder(session, balance="100")
    bob = await make_holder(session)
    response = await client.post(
        "/api/buz/transfer",
        json={"to_user_id": str(bob.id), "amount": "5", "kind": "REWARD"},
        headers=headers | key(),
    )
    assert response.status_code == 422


async def test_transfer_needs_an_idempotency_key(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, headers = await make_signed_in_holder(session, balance="100")
    bob = await make_holder(session)
    response = await client.post(
        "/api/buz/transfer", json={"to_user_id": str(bob.id), "amount": "5"}, headers=headers
    )
    assert response.status_code == 422


async def test_refusals_have_their_codes(client: AsyncClient, session: AsyncSession) -> None:
    alice, headers = await make_signed_in_holder(session, balance="5")
    await sign_personal(client, headers, *BUZ_TERMS)
    bob = await make_holder(session)
    cases = [
        ({"to_user_id": str(bob.id), "amount": "5"}, 409, "INSUFFICIENT_FUNDS"),
        ({"to_user_id": str(alice.id), "amount": "1"}, 422, "VALIDATION_ERROR"),
        ({"to_user_id": str(uuid.uuid4()), "amount": "1"}, 404, "RESOURCE_NOT_FOUND"),
        ({"to_user_id": str(bob.id), "amount": "1000000.01"}, 422, "VALIDATION_ERROR"),
    ]
    for body, status, code in cases:
        response = await client.post("/api/buz/transfer", json=body, headers=headers | key())
        assert (response.status_code, response.json()["code"]) == (status, code), body


async def test_a_guest_cannot_transfer(client: AsyncClient, session: AsyncSession) -> None:
    _, headers = await make_signed_in(session, role=Role.GUEST)
    bob = await make_holder(session)
    response = await client.post(
        "/api/buz/transfer", json={"to_user_id": str(bob.id), "amount": "1"},
        headers=headers | key(),
    )  # fmt: skip
    assert response.status_code == 403


async def test_another_users_wallet_is_404_but_admins_see_it(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, headers = await make_signed_in_holder(session)
    bob = await make_holder(session, balance="3")
    for path in (f"/balance/{bob.id}", f"/transactions/{bob.id}", f"/staking/{bob.id}"):
        assert (await client.get(f"/api/buz{path}", headers=headers)).status_code == 404
    _, admin = await make_signed_in(session, role=Role.SUPER_ADMIN)
    response = await client.get(f"/api/buz/balance/{bob.id}", headers=admin)
    assert response.status_code == 200
    assert response.json()["available"] == "3.00"


async def test_history_pages_newest_first_and_filters_by_kind(
    client: AsyncClient, session: AsyncSession
) -> None:
    alice, headers = await make_signed_in_holder(session, balance="100")
    await sign_personal(client, headers, *BUZ_TERMS)
    bob = await make_holder(session)
    for n in range(3):
        r = await client.post(
            "/api/buz/transfer", json={"to_user_id": str(bob.id), "amount": f"{n + 1}"},
            headers=headers | key(),
        )  # fmt: skip
        assert r.status_code == 201
    seen: list[dict[str, object]] = []
    cursor = None
    while True:
        params = {"limit": "2"} | ({"cursor": cursor} if cursor else {})
        page = (
            await client.get(f"/api/buz/transactions/{alice.id}", params=params, headers=headers)
        ).json()
        seen += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    # 1 funding reward + 3 transfers + 3 fees.
    assert len(seen) == 7
    assert len({item["id"] for item in seen}) == 7
    only = await client.get(
        f"/api/buz/transactions/{alice.id}", params={"kind": "TRANSFER"}, headers=headers
    )
    items = only.json()["items"]
    assert [i["amount"] for i in items] == ["3.00", "2.00", "1.00"]
    assert all(i["direction"] == "out" for i in items)
    detail = await client.get(
        f"/api/buz/transactions/{alice.id}/{items[0]['transfer_id']}", headers=headers
    )
    assert detail.status_code == 200
    assert len(detail.json()["legs"]) == 2


async def test_stake_needs_the_stake_permission_and_unstake_only_ownership(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, member = await make_signed_in_holder(session, balance="500")
    body = {"amount": "100", "tier": "BRONZE"}
    assert (
        await client.post("/api/buz/stake", json=body, headers=member | key())
    ).status_code == 403
    user, headers = await make_signed_in_holder(session, role=Role.SUBSCRIBER, balance="500")
    await sign_personal(client, headers, *BUZ_TERMS)
    created = await client.post("/api/buz/stake", json=body, headers=headers | key())
    assert created.status_code == 201, created.text
    position = created.json()
    assert (position["status"], position["expected_reward"]) == ("ACTIVE", "0.41")
    listed = (await client.get(f"/api/buz/staking/{user.id}", headers=headers)).json()
    assert [p["id"] for p in listed["items"]] == [position["id"]]
    # Someone else's position is not found; the owner's early unstake keeps 10%.
    stolen = await client.post(f"/api/buz/staking/{position['id']}/unstake", headers=member)
    assert stolen.status_code == 404
    closed = await client.post(f"/api/buz/staking/{position['id']}/unstake", headers=headers)
    assert closed.status_code == 200
    assert (closed.json()["status"], closed.json()["penalty"]) == ("UNSTAKED", "10.00")
    again = await client.post(f"/api/buz/staking/{position['id']}/unstake", headers=headers)
    assert again.json()["code"] == "POSITION_CLOSED"


async def test_supply_price_and_tiers_are_public(client: AsyncClient) -> None:
    supply = (await client.get("/api/buz/supply")).json()
    assert supply["max_supply"] == "1000000000.00"
    assert {p["pool"] for p in supply["pools"]} == {
        "user_rewards", "staking_rewards", "community", "venture_fund"
    }  # fmt: skip
    price = (await client.get("/api/buz/price")).json()
    assert price["price_usd"] == "0.01"
    assert price["set_at"] is None
    tiers = (await client.get("/api/buz/tiers")).json()["items"]
    assert [t["tier"] for t in tiers] == ["BRONZE", "SILVER", "GOLD", "PLATINUM"]


async def test_admin_operations_need_super_admin(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, billing = await make_signed_in(session, role=Role.BILLING_ADMIN)
    _, admin = await make_signed_in(session, role=Role.SUPER_ADMIN)
    mint = {"amount": "1000", "reason": "event prizes"}
    assert (
        await client.post("/api/buz/admin/mint", json=mint, headers=billing | key())
    ).status_code == 403
    minted = await client.post("/api/buz/admin/mint", json=mint, headers=admin | key())
    assert minted.status_code == 201
    assert minted.json()["to_account"]["code"] == "community"
    no_reason = await client.post(
        "/api/buz/admin/burn", json={"amount": "1"}, headers=admin | key()
    )
    assert no_reason.status_code == 422
    burned = await client.post(
        "/api/buz/admin/burn", json={"amount": "1", "reason": "cleanup"}, headers=admin | key()
    )
    assert burned.status_code == 201
    price = await client.post(
        "/api/buz/admin/price", json={"price_usd": "0.0125", "note": "market"}, headers=admin
    )
    assert price.status_code == 201
    assert (await client.get("/api/buz/price")).json()["price_usd"] == "0.0125"
    assert (await client.post("/api/buz/admin/price", json={"price_usd": 0.02},
                              headers=admin)).status_code == 422  # fmt: skip
    verify = await client.get("/api/buz/admin/verify", headers=admin)
    assert verify.json()["ok"] is True, verify.json()
    assert (await client.get("/api/buz/admin/verify", headers=billing)).status_code == 403
    analytics = await client.get("/api/buz/admin/analytics", headers=admin)
    assert analytics.status_code == 200
    assert "top_holders" in analytics.json()


async def test_registration_opens_a_wallet_and_membership_pays_the_welcome_bonus(
    client: AsyncClient, session: AsyncSession
) -> None:
    email = f"new-{uuid.uuid4().hex[:8]}@example.com"
    registered = await client.post(
        "/api/auth/register",
        json={"email": email, "password": "plum-cellar-48-violin-tide", "display_name": "New"},
    )
    assert registered.status_code == 201, registered.text
    tokens = registered.json()
    user_id = tokens["user"]["id"]
    _, admin = await make_signed_in(session, role=Role.SUPER_ADMIN)
    wallet = await client.get(f"/api/buz/balance/{user_id}", headers=admin)
    assert wallet.json()["available"] == "0.00"
    for role in ("MEMBER", "GUEST", "MEMBER"):
        r = await client.put(f"/api/auth/users/{user_id}/role", json={"role": role}, headers=admin)
        assert r.status_code in (200, 204), r.text
    wallet = await client.get(f"/api/buz/balance/{user_id}", headers=admin)
    assert wallet.json()["available"] == "1000.00"
    assert parse_units(wallet.json()["total"]) == 100_000


async def test_mint_and_burn_replays_are_declared_200s(
    app: object, client: AsyncClient, session: AsyncSession
) -> None:
    # Found by the API fuzzer: a replayed mint or burn answered 200, which only the transfer
    # and stake routes declared.
    _, admin = await make_signed_in(session, role=Role.SUPER_ADMIN)
    schema = app.openapi()  # type: ignore[attr-defined]
    for path, body in (
        ("/api/buz/admin/mint", {"amount": "10", "reason": "prizes"}),
        ("/api/buz/admin/burn", {"amount": "1", "reason": "cleanup"}),
    ):
        idem = key()
        first = await client.post(path, json=body, headers=admin | idem)
        replay = await client.post(path, json=body, headers=admin | idem)
        assert (first.status_code, replay.status_code) == (201, 200)
        assert replay.headers["Idempotent-Replayed"] == "true"
        assert replay.json() == first.json()
        assert "200" in schema["paths"][path]["post"]["responses"]
