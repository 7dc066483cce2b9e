"""A scripted week (and a little before it) of activity, with the clock moved to its last day:
every figure the API answers is computed again here, independently, from the script itself.
A replayed range changes nothing."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from httpx import AsyncClient
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus, db
from brain.core.bus import DomainEvent
from brain.domains.analytics import metrics
from brain.domains.analytics import router as analytics_router
from brain.domains.analytics.models import AnalyticsCursor
from brain.domains.analytics.store import sql
from brain.domains.buz import service as buz
from brain.domains.buz.events import Staked, TransferCompleted, Unstaked
from brain.domains.gamification.events import XpAwarded
from brain.domains.legal.events import DocumentSigned
from brain.domains.users.events import UserRegistered, UserUpdated
from brain.domains.users.schemas import Role
from brain.domains.ventures.events import (
    MemberJoined,
    MemberLeft,
    MetricRecorded,
    StageChanged,
    VentureCreated,
)
from tests.factories.analytics import ingest, publish
from tests.factories.users import make_signed_in

# The clock: a Wednesday at 15:00 UTC, a week or two back (partitions exist, nothing real
# happens then). Day k is k days before it.
_today = datetime.now(UTC).date() - timedelta(days=7)
TODAY = _today - timedelta(days=(_today.weekday() - 2) % 7)
NOW = datetime(TODAY.year, TODAY.month, TODAY.day, 15, tzinfo=UTC)


def at(days_back: int, hour: int = 10) -> datetime:
    day = TODAY - timedelta(days=days_back)
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


class Script:
    """The events, and what the test expects from them, kept side by side."""

    def __init__(self) -> None:
        self.events: list[DomainEvent] = []
        self.active: dict[date, set[uuid.UUID]] = defaultdict(set)
        self.signups: dict[uuid.UUID, date] = {}

    def add(self, event: DomainEvent) -> DomainEvent:
        self.events.append(event)
        if event.actor_id is not None:
            self.active[event.occurred_at.date()].add(event.actor_id)
        if isinstance(event, UserRegistered):
            self.signups[event.user_id] = event.occurred_at.date()
        return event


def _transfer(
    kind: str,
    src: uuid.UUID | None,
    dst: uuid.UUID | None,
    amount: int,
    when: datetime,
    reference: str | None = None,
) -> TransferCompleted:
    return TransferCompleted(
        transfer_id=uuid.uuid4(),
        kind=kind,
        from_account="W" if src else "POOL",
        to_account="W" if dst else "POOL",
        from_user_id=src,
        to_user_id=dst,
        amount=amount,
        occurred_at=when,
        actor_id=src,
        reference=reference,
    )


def script_week() -> tuple[Script, dict[str, uuid.UUID]]:
    s = Script()
    u = {f"u{i}": uuid.uuid4() for i in range(1, 6)}
    v1, v2 = uuid.uuid4(), uuid.uuid4()
    ids = {**u, "v1": v1, "v2": v2}
    # Signups: u5 long before; u1, u2 on Thursday (day 6), u3 Saturday (4), u4 Tuesday (1).
    for name, days_back in (("u5", 40), ("u1", 6), ("u2", 6), ("u3", 4), ("u4", 1)):
        s.add(
            UserRegistered(
                user_id=u[name],
                role="GUEST",
                source="register",
                actor_id=u[name],
                occurred_at=at(days_back, 9),
            )
        )
    # Activity, by day back: who updated their profile.
    for days_back, who in (
        (5, "u1"),
        (5, "u2"),
        (3, "u1"),
        (2, "u3"),
        (1, "u1"),
        (0, "u1"),
        (0, "u4"),
        (0, "u5"),
        (12, "u5"),
    ):
        s.add(
            UserUpdated(
                user_id=u[who],
                changed=["bio"],
                status="ACTIVE",
                actor_id=u[who],
                occurred_at=at(days_back, 11),
            )
        )
    # XP, awarded by the server (no actor).
    for who, xp, days_back in (("u1", 50, 6), ("u1", 150, 2), ("u2", 100, 3), ("u1", 999, 20)):
        s.add(
            XpAwarded(
                award_id=uuid.uuid4(),
                user_id=u[who],
                rule="r",
                xp=xp,
                total_xp=xp,
                source_event_id=uuid.uuid4(),
                occurred_at=at(days_back, 12),
            )
        )
    # BUZ.
    s.add(_transfer("WELCOME_BONUS", None, u["u1"], 100_000, at(6, 13)))
    s.add(_transfer("TRANSFER", u["u1"], u["u2"], 1_000, at(5, 13)))
    s.add(_transfer("TRANSFER", u["u2"], u["u3"], 250, at(1, 13)))
    s.add(_transfer("CHARGE", u["u1"], None, 5_000, at(6, 14), reference=f"venture:{v1}"))
    s.add(
        Staked(
            position_id=uuid.uuid4(),
            user_id=u["u2"],
            tier="BRONZE",
            amount=20_000,
            actor_id=u["u2"],
            occurred_at=at(40, 13),
        )
    )
    s.add(
        Staked(
            position_id=uuid.uuid4(),
            user_id=u["u1"],
            tier="BRONZE",
            amount=50_000,
            actor_id=u["u1"],
            occurred_at=at(2, 14),
        )
    )
    s.add(
        Unstaked(
            position_id=uuid.uuid4(),
            user_id=u["u2"],
            early=True,
            returned=18_000,
            reward=0,
            penalty=2_000,
            actor_id=u["u2"],
            occurred_at=at(3, 14),
        )
    )
    # Legal.
    for who, days_back in (("u3", 4), ("u1", 0)):
        s.add(
            DocumentSigned(
                document_id=uuid.uuid4(),
                user_id=u[who],
                template_type="PPA",
                actor_id=u[who],
                occurred_at=at(days_back, 15 if days_back else 8),
            )
        )
    # Ventures: v1 this week, v2 long before.
    s.add(
        VentureCreated(
            venture_id=v1,
            user_id=u["u1"],
            venture_name="V1",
            visibility="PUBLIC",
            transfer_id=uuid.uuid4(),
            actor_id=u["u1"],
            occurred_at=at(6, 14),
        )
    )
    s.add(
        MemberJoined(
            venture_id=v1, user_id=u["u2"], role="MEMBER", actor_id=u["u2"], occurred_at=at(5, 16)
        )
    )
    s.add(
        StageChanged(
            venture_id=v1,
            user_id=u["u1"],
            event="advance",
            from_stage="IDEA",
            to_stage="PLANNING",
            actor_id=u["u1"],
            occurred_at=at(3, 16),
        )
    )
    s.add(
        MetricRecorded(
            venture_id=v1,
            user_id=u["u1"],
            metric_id=uuid.uuid4(),
            metric="mrr",
            value="120.00",
            unit="USD",
            as_of=str(TODAY),
            actor_id=u["u1"],
            occurred_at=at(1, 16),
        )
    )
    s.add(
        MemberLeft(
            venture_id=v1,
            user_id=u["u2"],
            role="MEMBER",
            removed=False,
            actor_id=u["u2"],
            occurred_at=at(0, 9),
        )
    )
    s.add(
        VentureCreated(
            venture_id=v2,
            user_id=u["u5"],
            venture_name="V2",
            visibility="PUBLIC",
            transfer_id=uuid.uuid4(),
            actor_id=u["u5"],
            occurred_at=at(40, 14),
        )
    )
    s.add(
        StageChanged(
            venture_id=v2,
            user_id=u["u5"],
            event="advance",
            from_stage="IDEA",
            to_stage="PLANNING",
            actor_id=u["u5"],
            occurred_at=at(30, 16),
        )
    )
    return s, ids


def _active_between(s: Script, first: date, last: date) -> set[uuid.UUID]:
    return set().union(*(who for day, who in s.active.items() if first <= day <= last))


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


@pytest.fixture
async def week(
    client: AsyncClient, session: AsyncSession, subscriptions: None, monkeypatch: pytest.MonkeyPatch
) -> tuple[Script, dict[str, uuid.UUID], dict[str, str]]:
    _admin, headers = await make_signed_in(session, role=Role.SUPER_ADMIN)
    # Analytics is what is under test: no other domain's handler runs on the made-up ids.
    bus.unsubscribe_all()
    s, ids = script_week()
    await publish(*s.events)
    await ingest()
    monkeypatch.setattr(analytics_router, "utcnow", lambda: NOW)
    return s, ids, headers


async def _get(client: AsyncClient, url: str, headers: dict[str, str], **params: str) -> Any:
    response = await client.get(url, params=params, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


async def test_platform_figures_match_the_script(
    client: AsyncClient,
    session: AsyncSession,
    week: tuple[Script, dict[str, uuid.UUID], dict[str, str]],
) -> None:
    s, _ids, headers = week
    body = await _get(client, "/api/analytics/platform", headers, period="7d")
    first = TODAY - timedelta(days=6)
    assert body["start"] == str(first)
    assert body["end"] == str(TODAY)
    assert body["dau"] == len(s.active[TODAY])
    assert body["wau"] == len(_active_between(s, first, TODAY))
    assert body["mau"] == len(_active_between(s, TODAY - timedelta(days=29), TODAY))
    assert body["daily_active"] == [
        {"day": str(d), "count": len(s.active[d])}
        for d in sorted(s.active)
        if first <= d <= TODAY and s.active[d]
    ]
    in_week = [e for e in s.events if first <= e.occurred_at.date() <= TODAY]
    assert body["events"] == len(in_week)
    assert body["signups"] == sum(1 for d in s.signups.values() if first <= d <= TODAY)
    # Retention: cohorts by signup week, week k = share active in the k-th week after.
    cohorts: dict[date, set[uuid.UUID]] = defaultdict(set)
    for user, day in s.signups.items():
        if first <= day <= TODAY:
            cohorts[_monday(day)].add(user)
    expected = []
    for cohort in sorted(cohorts):
        weeks = []
        for k in range((_monday(TODAY) - cohort).days // 7 + 1):
            start = cohort + timedelta(weeks=k)
            active = _active_between(s, start, start + timedelta(days=6))
            retained = len(cohorts[cohort] & active)
            weeks.append(
                {"week": k, "retained": retained, "rate": round(retained / len(cohorts[cohort]), 4)}
            )
        expected.append({"week": str(cohort), "size": len(cohorts[cohort]), "weeks": weeks})
    assert body["retention"] == expected
    assert len(expected) == 2
    assert body["retention"][0]["weeks"][1]["retained"] > 0
    assert body["ventures_by_stage"] == {"PLANNING": 2}
    transfers = [e for e in in_week if isinstance(e, TransferCompleted)]
    volume = sum(e.amount for e in transfers)
    assert body["buz"]["transfers"] == len(transfers)
    assert body["buz"]["volume"] == f"{volume / 100:.2f}"
    assert body["buz"]["staked"] == "500.00"
    assert body["buz"]["tvl"] == f"{(20_000 + 50_000 - 20_000) / 100:.2f}"
    circulating = (await buz.supply(session)).circulating
    assert body["buz"]["velocity"] == (round(volume / circulating, 6) if circulating else None)
    # The series in a time zone: UTC-5 moves the 09:00 and 11:00 UTC events to the same
    # local day as before, and everything sums to the week's events.
    series = await _get(
        client,
        "/api/analytics/platform",
        headers,
        period="7d",
        interval="day",
        tz="America/New_York",
    )
    assert sum(p["events"] for p in series["series"]) == len(in_week)
    hourly = await _get(client, "/api/analytics/platform", headers, period="7d", interval="hour")
    assert sum(p["events"] for p in hourly["series"]) == len(in_week)


async def test_user_and_venture_figures_match_the_script(
    client: AsyncClient, week: tuple[Script, dict[str, uuid.UUID], dict[str, str]]
) -> None:
    s, ids, headers = week
    u1 = await _get(client, f"/api/analytics/users/{ids['u1']}", headers, period="7d")
    first = TODAY - timedelta(days=6)
    u1_days = {d for d, who in s.active.items() if ids["u1"] in who and first <= d <= TODAY}
    u1_events = [e for e in s.events if e.actor_id == ids["u1"] and first <= e.occurred_at.date()]
    assert u1["events"] == len(u1_events)
    assert u1["active_days"] == len(u1_days)
    assert u1["last_active"] == str(max(u1_days))
    assert u1["xp"] == 200  # 50 + 150; the 999 is 20 days back
    assert (u1["buz_sent"], u1["buz_received"]) == ("10.00", "0.00")
    assert (u1["buz_earned"], u1["buz_spent"], u1["buz_staked"]) == ("1000.00", "50.00", "500.00")
    assert u1["documents_signed"] == 1
    assert (u1["ventures"], u1["ventures_created"], u1["ventures_joined"]) == (1, 1, 0)
    month = await _get(client, f"/api/analytics/users/{ids['u1']}", headers, period="30d")
    assert month["xp"] == 1199
    u2 = await _get(client, f"/api/analytics/users/{ids['u2']}", headers, period="7d")
    assert (u2["buz_sent"], u2["buz_received"], u2["ventures_joined"]) == ("2.50", "10.00", 1)

    # The made-up venture has no team to ask as (the route is the team's only, tested with a
    # real venture in test_access_and_reports): its figures straight from the service.
    async with db.session_scope(read_only=True) as session:
        figures = await metrics.venture_analytics(
            session, venture_id=ids["v1"], period="7d", now=NOW
        )
    v1 = figures.model_dump(mode="json")
    assert v1["team"] == {"size": 1, "joined": 1, "left": 1, "growth": 0}
    assert v1["current_stage"] == "PLANNING"
    assert [(x["stage"], x["days"]) for x in v1["stages"]] == [
        ("IDEA", round((at(3, 16) - at(6, 14)).total_seconds() / 86400, 4)),
        ("PLANNING", round((NOW - at(3, 16)).total_seconds() / 86400, 4)),
    ]
    assert v1["buz_raised"] == v1["buz_raised_total"] == "50.00"
    assert v1["metrics"] == [
        {"metric": "mrr", "value": "120.00", "unit": "USD", "as_of": str(TODAY)}
    ]
    assert v1["metrics_recorded"] == 1
    assert (
        v1["events"] == sum(1 for e in s.events if getattr(e, "venture_id", None) == ids["v1"]) + 1
    )  # the CHARGE names v1 by its reference


async def test_a_replayed_range_and_replayed_events_change_nothing(
    client: AsyncClient, week: tuple[Script, dict[str, uuid.UUID], dict[str, str]]
) -> None:
    s, _ids, headers = week
    before = await _get(client, "/api/analytics/platform", headers, period="30d")
    # Rewind the outbox watermark: the whole outbox is folded again.
    async with db.session_scope() as session:
        await sql(
            session,
            sa.update(AnalyticsCursor)
            .where(col(AnalyticsCursor.name) == "outbox")
            .values(at=None, ref=None),
        )
    folded, rolled = await ingest()
    assert folded >= len(s.events)
    assert rolled == 0
    after = await _get(client, "/api/analytics/platform", headers, period="30d")
    assert after == before
    assert before["events"] == sum(
        1 for e in s.events if e.occurred_at.date() >= TODAY - timedelta(days=29)
    )
