"""Revenue shares: a reward paid to a referred user from a platform pool earns the ACTIVE
chain above them 1.0 / 0.5 / 0.25%, once, from the community pool."""

from __future__ import annotations

import uuid

from httpx import AsyncClient
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import db
from brain.domains.buz import service as buz
from brain.domains.buz.events import TransferCompleted
from brain.domains.buz.rules import SystemAccount, parse_units
from brain.domains.umbrella import relationships, shares
from brain.domains.umbrella.models import UmbrellaRelationship, UmbrellaRevenueShare
from brain.domains.umbrella.rules import MachineEvent
from brain.domains.users.schemas import Role
from tests.factories.buz import assert_ledger_ok, balance_units, fund, make_holder
from tests.factories.umbrella import make_chain
from tests.factories.users import bearer, sign_in


def _reward_event(
    posted: buz.Posted, user_id: uuid.UUID, kind: str = "REWARD"
) -> TransferCompleted:
    return TransferCompleted(
        transfer_id=posted.transfer.id,
        kind=kind,
        from_account=posted.transfer.from_account.code,
        to_account=posted.transfer.to_account.code,
        from_user_id=None,
        to_user_id=user_id,
        amount=posted.transfer.amount,
    )


async def _community(session: AsyncSession) -> int:
    supply = await buz.supply(session)
    return next(p.balance for p in supply.pools if p.pool == SystemAccount.COMMUNITY.value)


async def _shares_of(session: AsyncSession, source: uuid.UUID) -> list[UmbrellaRevenueShare]:
    rows = await session.exec(
        select(UmbrellaRevenueShare)
        .where(col(UmbrellaRevenueShare.source_transfer_id) == source)
        .order_by(col(UmbrellaRevenueShare.level))
    )
    return list(rows.all())


async def test_a_three_level_chain_earns_exactly_its_shares_once(session: AsyncSession) -> None:
    async with db.session_scope() as s:
        top, middle, referrer, bottom = await make_chain(s, 3)
    before = await _community(session)

    # Paid through the bus: the handler hears the reward after it commits.
    async with db.session_scope() as s:
        posted = await buz.credit_reward(
            s, user_id=bottom.id, amount=parse_units("1000"), idempotency_key="bonus-1"
        )
    made = await _shares_of(session, posted.transfer.id)
    assert [(s.level, s.earner_id, s.amount, s.status) for s in made] == [
        (1, referrer.id, parse_units("10"), "PAID"),
        (2, middle.id, parse_units("5"), "PAID"),
        (3, top.id, parse_units("2.50"), "PAID"),
    ]
    # Delivered again: nothing more is paid.
    event = _reward_event(posted, bottom.id)
    assert await shares.pay_shares(session, event) == []
    assert await shares.pay_shares(session, event) == []

    assert await balance_units(session, referrer.id) == parse_units("10")
    assert await balance_units(session, middle.id) == parse_units("5")
    assert await balance_units(session, top.id) == parse_units("2.50")
    assert before - await _community(session) == parse_units("17.50")
    await assert_ledger_ok(session)
    assert (await buz.verify(session)).ok


async def test_the_share_is_visible_through_the_api_with_its_source(
    client: AsyncClient, session: AsyncSession
) -> None:
    async with db.session_scope() as s:
        referrer, bottom = await make_chain(s, 1)
    async with db.session_scope() as s:
        posted = await buz.credit_reward(
            s, user_id=bottom.id, amount=parse_units("250"), idempotency_key="r-api"
        )
    headers = bearer((await sign_in(session, referrer)).access_token)
    listed = await client.get("/api/umbrella/revenue/shares", headers=headers)
    assert listed.status_code == 200, listed.text
    [item] = listed.json()["items"]
    assert item["amount"] == "2.50"
    assert item["level"] == 1
    assert item["status"] == "PAID"
    assert item["source_transfer_id"] == str(posted.transfer.id)
    one = await client.get(f"/api/umbrella/revenue/shares/{item['id']}", headers=headers)
    assert one.json() == item
    # The source is the transfer the bottom user sees in their own history.
    bottom_headers = bearer((await sign_in(session, bottom)).access_token)
    source = await client.get(
        f"/api/buz/transactions/{bottom.id}/{item['source_transfer_id']}", headers=bottom_headers
    )
    assert source.status_code == 200, source.text
    # The share's own transfer is in the referrer's BUZ history.
    tx = await client.get(
        f"/api/buz/transactions/{referrer.id}/{item['transfer_id']}", headers=headers
    )
    assert tx.status_code == 200, tx.text
    assert tx.json()["kind"] == "REVENUE_SHARE"
    # Someone else cannot read it.
    other = await client.get(f"/api/umbrella/revenue/shares/{item['id']}", headers=bottom_headers)
    assert other.status_code == 404
    assert other.json()["code"] == "RESOURCE_NOT_FOUND"


async def test_a_suspended_link_stops_the_chain(session: AsyncSession) -> None:
    top, middle, referrer, bottom = await make_chain(session, 3)
    link = (
        await session.exec(
            select(UmbrellaRelationship).where(
                col(UmbrellaRelationship.referred_user_id) == referrer.id
            )
        )
    ).one()
    await relationships._transition(session, link, MachineEvent.SUSPEND, actor_id=None)
    posted = await buz.credit_reward(
        session, user_id=bottom.id, amount=parse_units("1000"), idempotency_key="s-1"
    )
    made = await shares.pay_shares(session, _reward_event(posted, bottom.id))
    # The referrer still earns (their link to the bottom user is ACTIVE); nobody above them.
    assert [(s.level, s.earner_id) for s in made] == [(1, referrer.id)]
    assert await balance_units(session, middle.id) == 0
    assert await balance_units(session, top.id) == 0


async def test_a_user_to_user_transfer_pays_no_share(session: AsyncSession) -> None:
    referrer, bottom = await make_chain(session, 1)
    sender = await make_holder(session, role=Role.MEMBER, balance="100")
    posted = await buz.transfer(
        session,
        sender_id=sender.id,
        to_user_id=bottom.id,
        amount=parse_units("50"),
        idempotency_key="u2u",
    )
    event = TransferCompleted(
        transfer_id=posted.transfer.id,
        kind="TRANSFER",
        from_account=f"wallet:{sender.id}",
        to_account=f"wallet:{bottom.id}",
        from_user_id=sender.id,
        to_user_id=bottom.id,
        amount=parse_units("50"),
    )
    assert not shares.pays_a_user_from_a_pool(event)
    assert await shares.pay_shares(session, event) == []
    assert await balance_units(session, referrer.id) == 0


async def test_a_share_is_never_paid_on_a_share(session: AsyncSession) -> None:
    _top, referrer, bottom = await make_chain(session, 2)
    posted = await buz.pay_revenue_share(
        session, user_id=referrer.id, amount=parse_units("10"), idempotency_key="x"
    )
    event = _reward_event(posted, referrer.id, kind="REVENUE_SHARE")
    assert not shares.pays_a_user_from_a_pool(event)
    assert bottom.id != referrer.id


async def test_a_share_under_a_cent_is_recorded_as_zero_and_not_paid(
    session: AsyncSession,
) -> None:
    top, referrer, bottom = await make_chain(session, 2)
    posted = await buz.credit_reward(
        session, user_id=bottom.id, amount=parse_units("1.50"), idempotency_key="tiny"
    )
    made = await shares.pay_shares(session, _reward_event(posted, bottom.id))
    # 1% of 1.50 is 0.015 -> 0.01; 0.5% is 0.0075 -> 0.
    assert [(s.level, s.amount, s.transfer_id is None) for s in made] == [
        (1, 1, False),
        (2, 0, True),
    ]
    assert await balance_units(session, referrer.id) == 1
    assert await balance_units(session, top.id) == 0


async def test_a_link_waiting_for_its_agreement_earns_nothing(session: AsyncSession) -> None:
    referrer = await make_holder(session, role=Role.MEMBER)
    bottom = await make_holder(session, role=Role.MEMBER)
    from tests.factories.umbrella import make_link

    await make_link(session, referrer.id, bottom.id, active=False)
    await fund(session, bottom.id, "100")
    posted = await buz.credit_reward(
        session, user_id=bottom.id, amount=parse_units("100"), idempotency_key="p"
    )
    assert await shares.pay_shares(session, _reward_event(posted, bottom.id)) == []


def test_the_worked_example_of_the_docs() -> None:
    """docs/services/umbrella.md: 1,234.56 BUZ pays 12.34 / 6.17 / 3.08."""
    from brain.domains.umbrella.rules import share_units

    source = parse_units("1234.56")
    assert [share_units(source, level) for level in (1, 2, 3)] == [1234, 617, 308]
    assert [share_units(parse_units("1.50"), level) for level in (1, 2)] == [1, 0]


async def test_reversing_the_source_voids_the_shares_and_reverses_them(
    session: AsyncSession,
) -> None:
    async with db.session_scope() as s:
        top, referrer, bottom = await make_chain(s, 2)
    async with db.session_scope() as s:
        posted = await buz.credit_reward(
            s, user_id=bottom.id, amount=parse_units("1000"), idempotency_key="void"
        )
    before = await _community(session)
    async with db.session_scope() as s:
        await buz.reverse_payout(s, transfer_id=posted.transfer.id, reason="fraud", actor_id=None)
    made = await _shares_of(session, posted.transfer.id)
    assert [(s.status, s.reversal_id is not None) for s in made] == [
        ("VOIDED", True),
        ("VOIDED", True),
    ]
    assert await balance_units(session, referrer.id) == 0
    assert await balance_units(session, top.id) == 0
    assert await _community(session) - before == parse_units("15")
    # Delivered again: nothing changes.
    from brain.domains.buz.events import TransferReversed

    event = TransferReversed(
        transfer_id=posted.transfer.id,
        reversal_id=uuid.uuid4(),
        kind="REWARD",
        user_id=bottom.id,
        amount=parse_units("1000"),
    )
    assert await shares.void_shares(session, event) == []
    await assert_ledger_ok(session)


async def test_a_share_already_spent_is_voided_without_its_reversal(
    session: AsyncSession,
) -> None:
    referrer, bottom = await make_chain(session, 1)
    posted = await buz.credit_reward(
        session, user_id=bottom.id, amount=parse_units("1000"), idempotency_key="spent"
    )
    [share] = await shares.pay_shares(session, _reward_event(posted, bottom.id))
    sink = await make_holder(session, role=Role.MEMBER)
    await fund(session, referrer.id, "1")
    await buz.transfer(
        session,
        sender_id=referrer.id,
        to_user_id=sink.id,
        amount=parse_units("10.50"),
        idempotency_key="spend",
    )
    from brain.domains.buz.events import TransferReversed

    [voided] = await shares.void_shares(
        session,
        TransferReversed(
            transfer_id=posted.transfer.id,
            reversal_id=uuid.uuid4(),
            kind="REWARD",
            user_id=bottom.id,
            amount=parse_units("1000"),
        ),
    )
    assert voided.id == share.id
    assert voided.status == "VOIDED"
    assert voided.reversal_id is None
    await assert_ledger_ok(session)
