"""Reversing a system payout: one REVERSAL back to the pool that paid it, once, audited,
refused for anything but a payout, and never past what the wallet holds."""

from __future__ import annotations

import uuid

from httpx import AsyncClient
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.models import OutboxEvent
from brain.domains.buz import service
from brain.domains.buz.models import BuzAdminAction
from brain.domains.buz.rules import parse_units
from brain.domains.users.schemas import Role
from tests.factories.buz import assert_ledger_ok, balance_units, make_holder
from tests.factories.users import bearer, make_user, sign_in


async def _admin(session: AsyncSession) -> tuple[uuid.UUID, dict[str, str]]:
    admin = await make_user(session, role=Role.SUPER_ADMIN)
    return admin.id, bearer((await sign_in(session, admin)).access_token)


async def test_an_admin_reverses_a_reward_once(client: AsyncClient, session: AsyncSession) -> None:
    user = await make_holder(session, role=Role.MEMBER)
    posted = await service.credit_reward(
        session, user_id=user.id, amount=parse_units("40"), idempotency_key="rev-1"
    )
    admin_id, headers = await _admin(session)
    path = f"/api/buz/admin/transfers/{posted.transfer.id}/reverse"
    response = await client.post(path, json={"reason": "paid twice"}, headers=headers)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["kind"] == "REVERSAL"
    assert body["amount"] == "40.00"
    assert body["to_account"]["code"] == "user_rewards"
    assert await balance_units(session, user.id) == 0
    again = await client.post(path, json={"reason": "paid twice"}, headers=headers)
    assert again.status_code == 200
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == body["id"]
    audit = (
        await session.exec(select(BuzAdminAction).where(col(BuzAdminAction.actor_id) == admin_id))
    ).all()
    assert [(a.action, a.amount) for a in audit] == [("REVERSAL", parse_units("40"))]
    events = (
        await session.exec(
            select(OutboxEvent).where(col(OutboxEvent.name) == "buz.transfer_reversed")
        )
    ).all()
    assert [e.payload["transfer_id"] for e in events] == [str(posted.transfer.id)]
    await assert_ledger_ok(session)


async def test_only_a_payout_can_be_reversed(client: AsyncClient, session: AsyncSession) -> None:
    sender = await make_holder(session, role=Role.MEMBER, balance="100")
    recipient = await make_holder(session, role=Role.MEMBER)
    sent = await service.transfer(
        session,
        sender_id=sender.id,
        to_user_id=recipient.id,
        amount=parse_units("10"),
        idempotency_key="u2u",
    )
    _admin_id, headers = await _admin(session)
    refused = await client.post(
        f"/api/buz/admin/transfers/{sent.transfer.id}/reverse",
        json={"reason": "no"},
        headers=headers,
    )
    assert refused.status_code == 422
    unknown = await client.post(
        f"/api/buz/admin/transfers/{uuid.uuid4()}/reverse",
        json={"reason": "none"},
        headers=headers,
    )
    assert unknown.status_code == 404


async def test_a_spent_payout_cannot_be_reversed(
    client: AsyncClient, session: AsyncSession
) -> None:
    user = await make_holder(session, role=Role.MEMBER)
    posted = await service.credit_reward(
        session, user_id=user.id, amount=parse_units("40"), idempotency_key="rev-2"
    )
    other = await make_holder(session, role=Role.MEMBER)
    await service.transfer(
        session,
        sender_id=user.id,
        to_user_id=other.id,
        amount=parse_units("30"),
        idempotency_key="spend",
    )
    _admin_id, headers = await _admin(session)
    refused = await client.post(
        f"/api/buz/admin/transfers/{posted.transfer.id}/reverse",
        json={"reason": "too late"},
        headers=headers,
    )
    assert refused.status_code == 409
    assert refused.json()["code"] == "INSUFFICIENT_FUNDS"
    await assert_ledger_ok(session)
