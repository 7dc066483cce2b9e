"""The XP rules keyed by domain events: each pays what the rules say, once per source event,
within its daily cap; badges follow their measures; the events are published."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from httpx import AsyncClient
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import db
from brain.core.jobs import InProcessJobs
from brain.core.models import OutboxEvent, utcnow
from brain.domains.auth.events import LoggedIn
from brain.domains.buz import service as buz
from brain.domains.files.events import FileShared
from brain.domains.gamification.models import XpAward
from brain.domains.gamification.rules import XP_RULES, Rule, streaks
from brain.domains.umbrella.events import ReferralActivated
from brain.domains.users.models import User
from brain.domains.users.schemas import Role
from brain.domains.ventures.events import MemberJoined, MemberLeft, StageChanged, VentureCreated
from tests.factories.buz import fund
from tests.factories.gamification import publish, redeliver
from tests.factories.users import bearer, make_user, sign_in

pytestmark = pytest.mark.usefixtures("db_connection")
G = "/api/gamification"


async def _user() -> User:
    async with db.session_scope() as session:
        user = await make_user(session, role=Role.MEMBER)
        await buz.open_accounts(session, user_id=user.id)
    return user


async def _awards(session: AsyncSession, user: User, rule: Rule) -> list[int]:
    rows = await session.exec(
        select(XpAward).where(XpAward.user_id == user.id, XpAward.rule == rule.value)
    )
    return [r.xp for r in rows.all()]


async def _badges(client: AsyncClient, user: User) -> dict[str, dict[str, object]]:
    async with db.session_scope() as session:
        headers = bearer((await sign_in(session, user)).access_token)
    items = (await client.get(f"{G}/badges/{user.id}", headers=headers)).json()["items"]
    return {b["badge"]: b for b in items}


async def test_file_sharing_is_capped_at_ten_a_day_and_logins_at_one(session: AsyncSession) -> None:
    user = await _user()
    now = utcnow()
    shares = [
        FileShared(file_id=uuid.uuid4(), share_id=uuid.uuid4(), user_id=user.id, target="link")
        for _ in range(12)
    ]
    await publish(*shares)
    await redeliver(*shares[:3])  # nothing more
    assert await _awards(session, user, Rule.FILE_SHARED) == [25] * 10
    # Tomorrow is another day.
    await publish(
        FileShared(
            file_id=uuid.uuid4(),
            share_id=uuid.uuid4(),
            user_id=user.id,
            target="user",
            occurred_at=now + timedelta(days=1),
        )
    )
    assert len(await _awards(session, user, Rule.FILE_SHARED)) == 11
    logins = [
        LoggedIn(user_id=user.id, session_id=uuid.uuid4(), method="password", occurred_at=now)
        for _ in range(3)
    ]
    await publish(*logins)
    assert await _awards(session, user, Rule.DAILY_LOGIN) == [50]


async def test_the_first_venture_pays_its_bonus_once_and_a_revert_pays_nothing(
    client: AsyncClient, session: AsyncSession
) -> None:
    user = await _user()
    first, second = uuid.uuid4(), uuid.uuid4()
    created = [
        VentureCreated(
            venture_id=v, user_id=user.id, venture_name=f"V{i}", visibility="PUBLIC",
            transfer_id=uuid.uuid4(),
        )
        for i, v in enumerate((first, second))
    ]  # fmt: skip
    await publish(created[0])
    await publish(created[1])
    await redeliver(created[0])
    assert await _awards(session, user, Rule.VENTURE_CREATED) == [500, 500]
    assert await _awards(session, user, Rule.FIRST_VENTURE_BONUS) == [1000]

    def stage(event: str, frm: str, to: str) -> StageChanged:
        return StageChanged(
            venture_id=first, user_id=user.id, event=event, from_stage=frm, to_stage=to
        )

    await publish(stage("revert", "PLANNING", "IDEA"), stage("archive", "IDEA", "ARCHIVED"))
    assert await _awards(session, user, Rule.VENTURE_STAGE_ADVANCED) == []
    assert (await _badges(client, user))["PROJECT_CHAMPION"]["earned"] is False
    await publish(stage("advance", "TESTING", "LAUNCH"))
    assert await _awards(session, user, Rule.VENTURE_STAGE_ADVANCED) == [300]
    assert (await _badges(client, user))["PROJECT_CHAMPION"]["earned"] is True


async def test_team_player_counts_the_teams_the_user_is_on(
    client: AsyncClient, session: AsyncSession
) -> None:
    user = await _user()
    ventures = [uuid.uuid4() for _ in range(3)]
    joined = [MemberJoined(venture_id=v, user_id=user.id, role="MEMBER") for v in ventures]
    await publish(*joined[:2])
    await publish(MemberLeft(venture_id=ventures[0], user_id=user.id, role="MEMBER", removed=False))
    progress = (await _badges(client, user))["TEAM_PLAYER"]
    assert (progress["current"], progress["target"], progress["earned"]) == (1, 3, False)
    await redeliver(joined[1])  # a replay: already paid
    await publish(joined[2])
    assert await _awards(session, user, Rule.TEAM_JOINED) == [200] * 3
    progress = (await _badges(client, user))["TEAM_PLAYER"]
    assert (progress["current"], progress["earned"]) == (2, False)
    await publish(MemberJoined(venture_id=ventures[0], user_id=user.id, role="MEMBER"))
    assert await _awards(session, user, Rule.TEAM_JOINED) == [200] * 4
    assert (await _badges(client, user))["TEAM_PLAYER"]["earned"] is True


async def test_five_activated_referrals_make_a_connector(
    client: AsyncClient, session: AsyncSession
) -> None:
    referrer = await _user()
    events = [
        ReferralActivated(
            relationship_id=uuid.uuid4(), user_id=referrer.id, referrer_id=referrer.id,
            referred_id=uuid.uuid4(),
        )
        for _ in range(5)
    ]  # fmt: skip
    await publish(*events[:4])
    assert (await _badges(client, referrer))["CONNECTOR"]["earned"] is False
    await redeliver(*events[:4])
    await publish(events[4])
    assert await _awards(session, referrer, Rule.REFERRAL_ACTIVATED) == [200] * 5
    assert (await _badges(client, referrer))["CONNECTOR"]["earned"] is True


async def test_holding_ten_thousand_buz_makes_a_buz_master(
    client: AsyncClient, session: AsyncSession, job_runner: InProcessJobs
) -> None:
    user = await _user()
    async with db.session_scope() as work:
        await fund(work, user.id, "9999")
    await job_runner.run_until_idle()  # gamification hears transfers through a job
    assert (await _badges(client, user))["BUZ_MASTER"]["earned"] is False
    async with db.session_scope() as work:
        await fund(work, user.id, "1")
    await job_runner.run_until_idle()
    assert (await _badges(client, user))["BUZ_MASTER"]["earned"] is True
    # RARE: 100 BUZ more.
    assert (await buz.balance(session, user_id=user.id)).total == 1_010_000


async def test_a_completed_profile_pays_once(client: AsyncClient, session: AsyncSession) -> None:
    user = await _user()
    async with db.session_scope() as work:
        headers = bearer((await sign_in(work, user)).access_token)
    partial = {"headline": "Baker", "bio": "I bake.", "skills": []}
    full = {"headline": "Baker", "bio": "I bake.", "location": "Lyon", "skills": ["bread"]}
    for body in (partial, full, full | {"location": "Paris"}):
        response = await client.put(f"/api/users/{user.id}/profile", json=body, headers=headers)
        assert response.status_code == 200, response.text
    assert await _awards(session, user, Rule.PROFILE_COMPLETED) == [
        XP_RULES[Rule.PROFILE_COMPLETED].xp
    ]


async def test_awards_publish_their_events(session: AsyncSession) -> None:
    user = await _user()
    await publish(*[
        FileShared(file_id=uuid.uuid4(), share_id=uuid.uuid4(), user_id=user.id, target="link")
        for _ in range(2)
    ])  # fmt: skip
    rows = (
        await session.exec(
            select(OutboxEvent).where(col(OutboxEvent.name).startswith("gamification."))
        )
    ).all()
    mine = [r for r in rows if r.payload.get("user_id") == str(user.id)]
    names = sorted(r.name for r in mine)
    assert names.count("gamification.xp_awarded") == 3  # two shares and First Steps' XP
    assert names.count("gamification.badge_earned") == 1


def test_streaks_count_consecutive_days() -> None:
    day = utcnow().date()
    days = [day - timedelta(days=n) for n in (0, 1, 2, 4, 5, 9)]
    assert streaks(days) == (3, 3)
    assert streaks([day, day]) == (1, 1)
    assert streaks([]) == (0, 0)
