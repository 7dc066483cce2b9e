"""The scripted journey of the issue's bar: a user registers, becomes a MEMBER, signs
documents, creates a venture and advances it, stakes, and signs in on 7 consecutive UTC days
(the clock moved a day at a time). It yields exactly the XP, level, badges and BUZ the rules
say, and replaying every event it produced changes nothing."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from httpx import AsyncClient
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

import brain.core.models
from brain.core import bus, db
from brain.core.models import OutboxEvent
from brain.domains.buz import service as buz
from brain.domains.gamification.models import XpAward
from brain.domains.gamification.rules import (
    BADGES,
    LEVELS,
    RARITY_BUZ,
    XP_RULES,
    BadgeCode,
    Rule,
)
from tests.factories.gamification import MovedClock
from tests.factories.legal import sign_personal

pytestmark = pytest.mark.usefixtures("db_connection")

PASSWORD = "plum-cellar-48-violin-tide"
JOURNEY_BADGES = [
    BadgeCode.FIRST_STEPS,
    BadgeCode.LEGAL_EAGLE,
    BadgeCode.XP_HUNTER,
    BadgeCode.VENTURE_FOUNDER,
    BadgeCode.CONSISTENT_PERFORMER,
]
DESCRIPTION = (
    "A marketplace where neighbourhood bakeries sell the day's surplus bread at a discount "
    "before closing time, cutting waste and feeding students."
)


def _xp(rule: Rule, times: int = 1) -> int:
    return XP_RULES[rule].xp * times


# What the rules say the journey earns.
EXPECTED_XP = (
    _xp(Rule.DAILY_LOGIN, 7)
    + _xp(Rule.LEGAL_DOCUMENT_SIGNED, 7)  # PPA, ESCA, PNA, BTS, BPP, ISEA, VOA
    + _xp(Rule.VENTURE_CREATED)
    + _xp(Rule.FIRST_VENTURE_BONUS)
    + _xp(Rule.VENTURE_STAGE_ADVANCED)
    + _xp(Rule.BUZ_STAKED)
    + _xp(Rule.BADGE_EARNED, len(JOURNEY_BADGES))
)
EXPECTED_REWARDS = LEVELS[1].buz_reward + sum(RARITY_BUZ[BADGES[b].rarity] for b in JOURNEY_BADGES)


async def _journey(client: AsyncClient, clock: MovedClock) -> tuple[uuid.UUID, dict[str, str]]:
    email = f"journey-{uuid.uuid4().hex[:8]}@example.com"
    registered = await client.post(
        "/api/auth/register",
        json={"email": email, "password": PASSWORD, "display_name": "Journey Owl"},
    )
    assert registered.status_code == 201, registered.text
    user_id = uuid.UUID(registered.json()["user"]["id"])
    headers = {"Authorization": f"Bearer {registered.json()['access_token']}"}
    await sign_personal(client, headers, "PPA", "ESCA", "PNA")  # MEMBER, welcome bonus
    await sign_personal(client, headers, "BTS", "BPP", "ISEA", "VOA")
    created = await client.post(
        "/api/ventures",
        json={"name": f"Owl {uuid.uuid4().hex[:8]}", "description": DESCRIPTION,
              "industry": "TECHNOLOGY", "visibility": "PUBLIC"},
        headers=headers | {"Idempotency-Key": str(uuid.uuid4())},
    )  # fmt: skip
    assert created.status_code == 201, created.text
    advanced = await client.post(
        f"/api/ventures/{created.json()['id']}/stage", json={"event": "advance"}, headers=headers
    )
    assert advanced.status_code == 200, advanced.text
    # Creating a venture made the user a VENTURE_OWNER, who may stake.
    staked = await client.post(
        "/api/buz/stake",
        json={"amount": "100", "tier": "BRONZE"},
        headers=headers | {"Idempotency-Key": str(uuid.uuid4())},
    )
    assert staked.status_code == 201, staked.text
    # Registering signed in on day 0; six more days, one sign-in a day (two on the last).
    for day in range(1, 7):
        clock.offset = timedelta(days=day)
        for _ in range(2 if day == 6 else 1):
            login = await client.post(
                "/api/auth/login", json={"email": email, "password": PASSWORD}
            )
            assert login.status_code == 200, login.text
            # The day-0 token has long expired: carry on with today's.
            headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
    return user_id, headers


async def _state(
    client: AsyncClient, headers: dict[str, str], user_id: uuid.UUID
) -> dict[str, object]:
    profile = (await client.get(f"/api/gamification/profile/{user_id}", headers=headers)).json()
    async with db.session_scope() as session:
        held = await buz.balance(session, user_id=user_id)
        rows = await session.exec(select(XpAward).where(XpAward.user_id == user_id))
        awards = sorted((a.rule, a.xp, str(a.source_event_id)) for a in rows.all())
    return {
        "xp": profile["xp"],
        "level": profile["level"],
        "badges": sorted(b["badge"] for b in profile["badges"]),
        "streak": profile["streak"],
        "buz": held.total,
        "awards": awards,
    }


async def test_the_journey_earns_what_the_rules_say_and_a_replay_changes_nothing(
    client: AsyncClient, session: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = MovedClock()
    monkeypatch.setattr(brain.core.models, "datetime", clock.datetime)
    user_id, headers = await _journey(client, clock)

    state = await _state(client, headers, user_id)
    assert state["xp"] == EXPECTED_XP == 3750
    assert state["level"] == "NIGHT_WATCHER"
    assert state["badges"] == sorted(b.value for b in JOURNEY_BADGES)
    assert state["streak"] == {
        "current": 7,
        "best": 7,
        "last_login_day": str((brain.core.models.utcnow()).date()),
    }
    # Welcome bonus 1,000, the gamification rewards, minus the venture's 50 (the 100 staked
    # is still held).
    assert state["buz"] == 100_000 + EXPECTED_REWARDS - 5_000
    assert EXPECTED_REWARDS == 50_000

    # The rewards are in the user's BUZ transactions, naming the badge or level.
    listed = await client.get(f"/api/buz/transactions/{user_id}?limit=200", headers=headers)
    assert listed.status_code == 200, listed.text
    memos = sorted(
        t["memo"]
        for t in listed.json()["items"]
        if (t.get("memo") or "").startswith(("Badge", "Level"))
    )
    assert memos == sorted(
        [
            f"Badge earned: {BADGES[b].name} (RARE)"
            for b in JOURNEY_BADGES
            if b != BadgeCode.FIRST_STEPS
        ]
        + ["Level up: NIGHT_WATCHER (100.00 BUZ)"]
    )

    # Replay every event the journey produced to gamification's handlers, as a redelivery
    # would: nothing changes.
    rows = (await session.exec(select(OutboxEvent).order_by(col(OutboxEvent.created_at)))).all()
    replayed = 0
    for row in rows:
        event_type = bus.DomainEvent._types.get(row.name)
        assert event_type is not None
        event = event_type.model_validate(row.payload)
        for sub in bus.subscriptions(row.name):
            if sub.handler.__module__ == "brain.domains.gamification.handlers" and (
                sub.when is None or sub.when(event)
            ):
                async with db.session_scope() as replay:
                    await sub.handler(replay, event)
                replayed += 1
    assert replayed > 20
    assert await _state(client, headers, user_id) == state
