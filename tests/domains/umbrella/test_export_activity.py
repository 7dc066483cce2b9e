"""The umbrella part of a user's data export, and the activity feed entries."""

from __future__ import annotations

import json
from typing import Any

from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import db
from brain.domains.buz import service as buz
from brain.domains.buz.rules import parse_units
from tests.factories.umbrella import make_chain
from tests.factories.users import bearer, sign_in


async def _part(client: AsyncClient, user_id: Any, headers: dict[str, str]) -> Any:
    response = await client.get(f"/api/users/{user_id}/export", headers=headers)
    assert response.status_code == 200, response.text
    return json.loads(response.content)["umbrella"]


async def test_the_export_holds_the_code_relationships_and_shares_earned(
    client: AsyncClient, session: AsyncSession
) -> None:
    async with db.session_scope() as s:
        referrer, referred = await make_chain(s, 1)
    async with db.session_scope() as s:
        await buz.credit_reward(
            s, user_id=referred.id, amount=parse_units("100"), idempotency_key="exp"
        )
    r_h = bearer((await sign_in(session, referrer)).access_token)
    d_h = bearer((await sign_in(session, referred)).access_token)
    code = (await client.get("/api/umbrella/referral-code", headers=r_h)).json()["code"]

    mine = await _part(client, referrer.id, r_h)
    assert mine["referral_code"] == code
    [rel] = mine["relationships"]
    assert rel["referred_id"] == str(referred.id)
    assert rel["state"] == "ACTIVE"
    assert [s["amount"] for s in mine["shares_earned"]] == ["1.00"]

    theirs = await _part(client, referred.id, d_h)
    assert theirs["referral_code"] is None
    assert [r["referrer_id"] for r in theirs["relationships"]] == [str(referrer.id)]
    # What the referrer earned from them is the referrer's.
    assert theirs["shares_earned"] == []


async def test_the_referrer_sees_the_share_in_their_activity(
    client: AsyncClient, session: AsyncSession
) -> None:
    async with db.session_scope() as s:
        referrer, referred = await make_chain(s, 1)
    async with db.session_scope() as s:
        await buz.credit_reward(
            s, user_id=referred.id, amount=parse_units("100"), idempotency_key="act"
        )
    headers = bearer((await sign_in(session, referrer)).access_token)
    response = await client.get(f"/api/users/{referrer.id}/activity", headers=headers)
    assert response.status_code == 200, response.text
    kinds = [item["kind"] for item in response.json()["items"]]
    assert "umbrella.share_paid" in kinds
