"""The social graph: a user's network to depth 3, referral analytics and recommendations.

The network is ONE statement, a recursive query, whatever its size: a breadth-first walk over
the linked relationships (both directions) to depth 3, the nearest level of each person, and
the relationships among them, returned as tagged rows of one UNION ALL. A loop of queries
would be one round trip per person (a thousand for a large umbrella).
"""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.models import utcnow
from brain.core.pagination import PageParams
from brain.domains.umbrella.models import UmbrellaRelationship, UmbrellaRevenueShare
from brain.domains.umbrella.rules import LINKED, NETWORK_DEPTH, OPEN, Kind, ShareStatus, State
from brain.domains.umbrella.schemas import (
    Analytics,
    EarnedDay,
    EarnedTotals,
    NetworkEdge,
    NetworkNode,
    NetworkRead,
    Recommendation,
)
from brain.domains.ventures import service as ventures

_R = UmbrellaRelationship.__table__.c  # type: ignore[attr-defined]
_LINKED = [s.value for s in LINKED]


def _network_statement(user_id: uuid.UUID, depth: int) -> Any:
    start = sa.literal(user_id, sa.Uuid())
    both = (
        sa.select(_R.from_user_id.label("a"), _R.to_user_id.label("b"))
        .where(_R.state.in_(_LINKED))
        .union_all(sa.select(_R.to_user_id, _R.from_user_id).where(_R.state.in_(_LINKED)))
        .cte("both_ways")
    )
    walk = sa.select(start.label("node"), sa.literal(0).label("level")).cte("walk", recursive=True)
    walk = walk.union(
        sa.select(both.c.b, walk.c.level + 1)
        .join(both, both.c.a == walk.c.node)
        .where(walk.c.level < depth)
    )
    nodes = (
        sa.select(walk.c.node, sa.func.min(walk.c.level).label("level"))
        .group_by(walk.c.node)
        .cte("nodes")
    )
    in_nodes = sa.select(nodes.c.node)
    null_uuid = sa.cast(sa.null(), sa.Uuid())
    null_text = sa.cast(sa.null(), sa.String())
    node_rows = sa.select(
        sa.literal("n").label("tag"),
        nodes.c.node.label("a"),
        null_uuid.label("b"),
        nodes.c.level.label("level"),
        null_uuid.label("id"),
        null_text.label("kind"),
        null_text.label("state"),
    )
    edge_rows = sa.select(
        sa.literal("e"),
        _R.from_user_id,
        _R.to_user_id,
        sa.cast(sa.null(), sa.Integer()),
        _R.id,
        _R.kind,
        _R.state,
    ).where(
        _R.state.in_(_LINKED),
        _R.from_user_id.in_(in_nodes),
        _R.to_user_id.in_(in_nodes),
    )
    return sa.union_all(node_rows, edge_rows)


async def network(
    session: AsyncSession, *, user_id: uuid.UUID, depth: int = NETWORK_DEPTH
) -> NetworkRead:
    """The user's graph to `depth`: people with their level, the links among them."""
    rows = (await session.exec(_network_statement(user_id, depth))).all()
    nodes: list[NetworkNode] = []
    edges: list[NetworkEdge] = []
    for tag, a, b, level, rel_id, kind, state in rows:
        if tag == "n":
            nodes.append(NetworkNode(user_id=_uuid(a), level=int(level)))
        else:
            edges.append(
                NetworkEdge(
                    relationship_id=_uuid(rel_id),
                    kind=Kind(kind),
                    state=State(state),
                    from_user_id=_uuid(a),
                    to_user_id=_uuid(b),
                )
            )
    nodes.sort(key=lambda n: (n.level, str(n.user_id)))
    levels = Counter(str(n.level) for n in nodes)
    return NetworkRead(
        user_id=user_id, depth=depth, nodes=nodes, edges=edges, levels=dict(sorted(levels.items()))
    )


def _uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


# -- analytics --------------------------------------------------------------------------------


def _downline_statement(user_id: uuid.UUID) -> Any:
    """Referred people per level below the user (referral links only, any state), to 3."""
    down = (
        sa.select(_R.to_user_id.label("user_id"), sa.literal(1).label("level"))
        .where(_R.from_user_id == sa.literal(user_id, sa.Uuid()), _R.referred_user_id.is_not(None))
        .cte("down", recursive=True)
    )
    down = down.union(
        sa.select(_R.to_user_id, down.c.level + 1)
        .join(down, _R.from_user_id == down.c.user_id)
        .where(_R.referred_user_id.is_not(None), down.c.level < NETWORK_DEPTH)
    )
    return sa.select(down.c.level, sa.func.count(sa.distinct(down.c.user_id))).group_by(
        down.c.level
    )


def _sum(rows: list[tuple[datetime, int]], since: datetime) -> int:
    return sum(amount for at, amount in rows if at >= since)


def _series(rows: list[tuple[datetime, int]], bucket: Any) -> list[EarnedDay]:
    totals: Counter[date] = Counter()
    for at, amount in rows:
        totals[bucket(at.date())] += amount
    return [EarnedDay(date=d, amount=a) for d, a in sorted(totals.items())]


async def analytics(session: AsyncSession, *, user_id: uuid.UUID) -> Analytics:
    now = utcnow()
    referred = (
        await session.exec(
            select(UmbrellaRelationship.state, sa.func.count())
            .where(
                col(UmbrellaRelationship.from_user_id) == user_id,
                col(UmbrellaRelationship.referred_user_id).is_not(None),
            )
            .group_by(col(UmbrellaRelationship.state))
        )
    ).all()
    by_state = {state: int(count) for state, count in referred}
    downline = {
        str(level): int(count)
        for level, count in (await session.exec(_downline_statement(user_id))).all()
    }
    paid = UmbrellaRevenueShare.status == ShareStatus.PAID.value
    mine = col(UmbrellaRevenueShare.earner_id) == user_id
    total, count = (
        await session.exec(
            select(
                sa.func.coalesce(sa.func.sum(UmbrellaRevenueShare.amount), 0), sa.func.count()
            ).where(mine, paid)
        )
    ).one()
    year = [
        (at, int(amount))
        for at, amount in (
            await session.exec(
                select(UmbrellaRevenueShare.paid_at, UmbrellaRevenueShare.amount).where(
                    mine, paid, col(UmbrellaRevenueShare.paid_at) >= now - timedelta(days=366)
                )
            )
        ).all()
        if at is not None
    ]
    month_ago = now - timedelta(days=30)
    return Analytics(
        user_id=user_id,
        referrals_total=sum(by_state.values()),
        referrals_active=by_state.get(State.ACTIVE.value, 0),
        depth=max((int(level) for level in downline), default=0),
        downline=dict(sorted(downline.items())),
        shares_paid=int(count),
        earned=EarnedTotals(
            day=_sum(year, now - timedelta(days=1)),
            week=_sum(year, now - timedelta(days=7)),
            month=_sum(year, month_ago),
            total=int(total),
        ),
        earned_by_day=_series([r for r in year if r[0] >= month_ago], lambda d: d),
        earned_by_week=_series(
            [r for r in year if r[0] >= now - timedelta(weeks=12)],
            lambda d: d - timedelta(days=d.weekday()),
        ),
        earned_by_month=_series(year, lambda d: d.replace(day=1)),
    )


# -- recommendations --------------------------------------------------------------------------

_VENTURES_LOOKED_AT = 50
_TEAM_PAGE = 200


async def _co_members(session: AsyncSession, user_id: uuid.UUID) -> Counter[uuid.UUID]:
    """Per person, how many of the user's ventures (the first 50) they share a team with."""
    shared: Counter[uuid.UUID] = Counter()
    mine, _ = await ventures.list_ventures(
        session,
        viewer_id=user_id,
        page=PageParams(limit=_VENTURES_LOOKED_AT, cursor=None),
        mine=True,
    )
    for venture in mine:
        team, _ = await ventures.list_team(
            session,
            venture_id=venture.id,
            viewer_id=user_id,
            page=PageParams(limit=_TEAM_PAGE, cursor=None),
        )
        shared.update(member.user_id for member, _name in team if member.user_id != user_id)
    return shared


async def recommendations(
    session: AsyncSession, *, user_id: uuid.UUID, limit: int = 20
) -> list[Recommendation]:
    """People the user is not linked to, ranked by shared connections (people they both
    know), then shared ventures."""
    graph = await network(session, user_id=user_id, depth=2)
    friends = {n.user_id for n in graph.nodes if n.level == 1}
    shared_connections: Counter[uuid.UUID] = Counter()
    for e in graph.edges:
        for a, b in ((e.from_user_id, e.to_user_id), (e.to_user_id, e.from_user_id)):
            if a in friends and b not in friends and b != user_id:
                shared_connections[b] += 1
    shared_ventures = await _co_members(session, user_id)
    open_with_me = (
        await session.exec(
            select(UmbrellaRelationship.from_user_id, UmbrellaRelationship.to_user_id).where(
                sa.or_(
                    col(UmbrellaRelationship.from_user_id) == user_id,
                    col(UmbrellaRelationship.to_user_id) == user_id,
                ),
                col(UmbrellaRelationship.state).in_([s.value for s in OPEN]),
            )
        )
    ).all()
    excluded = {user_id} | friends | {u for pair in open_with_me for u in pair}
    candidates = (set(shared_connections) | set(shared_ventures)) - excluded
    ranked = [
        Recommendation(
            user_id=c,
            shared_connections=shared_connections[c],
            shared_ventures=shared_ventures[c],
            score=shared_connections[c] + shared_ventures[c],
        )
        for c in candidates
    ]
    ranked.sort(key=lambda r: (-r.score, -r.shared_connections, str(r.user_id)))
    return ranked[:limit]
