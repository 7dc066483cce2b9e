"""The network (one recursive statement), analytics and recommendations."""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.models import new_id, utcnow
from brain.domains.buz import service as buz
from brain.domains.buz.rules import parse_units
from brain.domains.umbrella import service
from brain.domains.umbrella.models import UmbrellaRelationship
from brain.domains.umbrella.rules import Kind
from brain.domains.umbrella.schemas import RelationshipCreate
from brain.domains.users.models import User
from brain.domains.users.schemas import Role
from tests.factories.umbrella import make_chain, make_link
from tests.factories.users import bearer, make_user, sign_in
from tests.statements import counted

U = "/api/umbrella"


async def _tree(session: AsyncSession, root: uuid.UUID, fanout: int) -> int:
    """`fanout` children, grandchildren and great-grandchildren under `root` (ACTIVE referral
    links), written in bulk; returns how many descendants."""
    parents, total, now = [root], 0, utcnow()
    for _level in range(3):
        children: list[uuid.UUID] = []
        users, links = [], []
        for parent in parents:
            for _ in range(fanout):
                child = new_id()
                users.append(
                    {"id": child, "email": f"{child}@t.example", "email_key": f"{child}@t.example",
                     "display_name": "N", "role": "MEMBER", "status": "ACTIVE",
                     "created_at": now, "updated_at": now}
                )  # fmt: skip
                links.append(
                    {"id": new_id(), "kind": "REFERRAL", "referral_type": "PRIVATE_UMBRELLA",
                     "from_user_id": parent, "to_user_id": child, "state": "ACTIVE",
                     "via": "code", "referred_user_id": child, "blocked": False,
                     "created_at": now, "updated_at": now}
                )  # fmt: skip
                children.append(child)
        await session.exec(sa.insert(User), params=users)
        await session.exec(sa.insert(UmbrellaRelationship), params=links)
        total += len(children)
        parents = children
    return total


async def test_a_network_of_a_thousand_descendants_is_one_statement(
    client: AsyncClient, session: AsyncSession, engine: AsyncEngine
) -> None:
    root = await make_user(session, role=Role.MEMBER)
    descendants = await _tree(session, root.id, fanout=10)
    assert descendants == 1110
    with counted(engine) as statements:
        graph = await service.network(session, user_id=root.id)
    assert len(statements) == 1
    assert graph.levels == {"0": 1, "1": 10, "2": 100, "3": 1000}
    assert len(graph.nodes) == 1111
    assert len(graph.edges) == 1110
    assert graph.nodes[0].user_id == root.id
    # Through the API as well.
    headers = bearer((await sign_in(session, root)).access_token)
    response = await client.get(f"{U}/network/{root.id}", headers=headers)
    assert response.status_code == 200
    assert response.json()["levels"] == {"0": 1, "1": 10, "2": 100, "3": 1000}


async def test_the_network_walks_both_ways_and_stops_at_depth_3(session: AsyncSession) -> None:
    users = await make_chain(session, 5)  # u0 -> u1 -> ... -> u5
    graph = await service.network(session, user_id=users[2].id)
    levels = {n.user_id: n.level for n in graph.nodes}
    assert levels == {
        users[2].id: 0,
        users[1].id: 1,
        users[3].id: 1,
        users[0].id: 2,
        users[4].id: 2,
        users[5].id: 3,
    }


async def test_analytics_count_referrals_depth_and_earnings(
    client: AsyncClient, session: AsyncSession
) -> None:
    top, _middle, bottom = await make_chain(session, 2)
    other = await make_user(session, role=Role.MEMBER)
    await make_link(session, top.id, other.id, active=False)
    posted = await buz.credit_reward(
        session, user_id=bottom.id, amount=parse_units("1000"), idempotency_key="an"
    )
    from tests.domains.umbrella.test_shares import _reward_event

    await service.pay_shares(session, _reward_event(posted, bottom.id))
    headers = bearer((await sign_in(session, top)).access_token)
    response = await client.get(f"{U}/analytics/{top.id}", headers=headers)
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["referrals_total"] == 2
    assert data["referrals_active"] == 1
    assert data["depth"] == 2
    assert data["downline"] == {"1": 2, "2": 1}
    assert data["earned"] == {"day": "5.00", "week": "5.00", "month": "5.00", "total": "5.00"}
    assert [d["amount"] for d in data["earned_by_day"]] == ["5.00"]
    assert data["shares_paid"] == 1


async def test_another_user_cannot_read_a_network_analytics_or_shares(
    client: AsyncClient, session: AsyncSession
) -> None:
    owner = await make_user(session, role=Role.MEMBER)
    other = await make_user(session, role=Role.MEMBER)
    admin = await make_user(session, role=Role.SUPER_ADMIN)
    o_h = bearer((await sign_in(session, other)).access_token)
    a_h = bearer((await sign_in(session, admin)).access_token)
    for path in (f"{U}/network/{owner.id}", f"{U}/analytics/{owner.id}"):
        refused = await client.get(path, headers=o_h)
        assert refused.status_code == 403
        assert refused.json()["code"] == "INSUFFICIENT_PERMISSIONS"
        assert (await client.get(path, headers=a_h)).status_code == 200


async def test_recommendations_rank_shared_connections_and_skip_existing_links(
    client: AsyncClient, session: AsyncSession
) -> None:
    me = await make_user(session, role=Role.MEMBER)
    friends = [await make_user(session, role=Role.MEMBER) for _ in range(3)]
    strong = await make_user(session, role=Role.MEMBER)  # knows all three friends
    weak = await make_user(session, role=Role.MEMBER)  # knows one
    pending = await make_user(session, role=Role.MEMBER)  # knows two, but I asked already

    async def relate(a: User, b: User) -> None:
        rel = await service.request(
            session, actor_id=a.id, body=RelationshipCreate(kind=Kind.PEER, user_id=b.id)
        )
        await service.accept(session, viewer=service.Viewer(b.id), relationship_id=rel.id)

    for friend in friends:
        await relate(me, friend)
        await relate(friend, strong)
    await relate(friends[0], weak)
    await relate(friends[0], pending)
    await relate(friends[1], pending)
    await service.request(
        session,
        actor_id=me.id,
        body=RelationshipCreate(kind=Kind.MENTOR_MENTEE, user_id=pending.id),
    )
    headers = bearer((await sign_in(session, me)).access_token)
    response = await client.get(f"{U}/recommendations", headers=headers)
    assert response.status_code == 200, response.text
    ranked = [(r["user_id"], r["shared_connections"]) for r in response.json()]
    assert ranked == [(str(strong.id), 3), (str(weak.id), 1)]
