"""`POST /api/analytics/track`: batches, skew correction, per-event errors, replays, no IP."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from httpx import AsyncClient
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.models import utcnow
from brain.domains.analytics.models import AnalyticsEvent
from brain.domains.users.schemas import Role
from tests.factories.analytics import ingest
from tests.factories.users import make_signed_in

TRACK = "/api/analytics/track"


def _event(**overrides: Any) -> dict[str, Any]:
    return {"event_id": str(uuid.uuid4()), "name": "$pageview", "properties": {}} | overrides


async def _stored(session: AsyncSession, event_id: str) -> AnalyticsEvent | None:
    rows = await session.exec(
        select(AnalyticsEvent).where(col(AnalyticsEvent.event_id) == uuid.UUID(event_id))
    )
    return rows.first()


async def test_a_batch_is_stored_and_a_retry_counts_as_duplicates(
    client: AsyncClient, session: AsyncSession
) -> None:
    user, headers = await make_signed_in(session, role=Role.MEMBER)
    batch = {"events": [_event(), _event(name="signup_form_opened", properties={"step": 2})]}
    first = await client.post(TRACK, json=batch, headers=headers)
    assert first.status_code == 200, first.text
    assert first.json() == {"accepted": 2, "duplicate": 0, "rejected": 0, "errors": []}
    again = await client.post(TRACK, json=batch, headers=headers)
    assert again.json() == {"accepted": 0, "duplicate": 2, "rejected": 0, "errors": []}
    stored = await _stored(session, batch["events"][1]["event_id"])
    assert stored is not None
    assert (stored.source, stored.actor_id, stored.properties) == ("client", user.id, {"step": 2})
    await ingest()
    figures = await client.get(f"/api/analytics/users/{user.id}?period=7d", headers=headers)
    assert figures.json()["events"] >= 2


async def test_the_clock_skew_of_the_device_is_corrected(
    client: AsyncClient, session: AsyncSession
) -> None:
    _user, headers = await make_signed_in(session, role=Role.MEMBER)
    # The device's clock is 2 hours ahead: it says it sent now+2h, and the event 10 s before.
    device_now = utcnow() + timedelta(hours=2)
    event = _event(timestamp=(device_now - timedelta(seconds=10)).isoformat())
    response = await client.post(
        TRACK, json={"events": [event], "sent_at": device_now.isoformat()}, headers=headers
    )
    assert response.json()["accepted"] == 1
    stored = await _stored(session, event["event_id"])
    assert stored is not None
    expected = utcnow() - timedelta(seconds=10)
    assert abs((stored.occurred_at - expected).total_seconds()) < 5


async def test_a_correction_past_the_calendar_is_refused_not_a_500(
    client: AsyncClient, session: AsyncSession
) -> None:
    """The fuzzer's case: an event of year 90 from a device whose clock says year 2568; and
    the other way round. The correction leaves the calendar: each is refused, the batch kept."""
    _user, headers = await make_signed_in(session, role=Role.MEMBER)
    ancient = _event(timestamp=datetime(90, 1, 1, tzinfo=UTC).isoformat())
    late = {"events": [ancient], "sent_at": datetime(2568, 1, 1, tzinfo=UTC).isoformat()}
    response = await client.post(TRACK, json=late, headers=headers)
    assert response.status_code == 200, response.text
    assert [e["code"] for e in response.json()["errors"]] == ["TIMESTAMP_TOO_OLD"]
    future = _event(timestamp=datetime(9999, 1, 1, tzinfo=UTC).isoformat())
    early = {"events": [future], "sent_at": datetime(1, 1, 2, tzinfo=UTC).isoformat()}
    response = await client.post(TRACK, json=early, headers=headers)
    assert response.status_code == 200, response.text
    assert [e["code"] for e in response.json()["errors"]] == ["TIMESTAMP_IN_FUTURE"]
    assert await _stored(session, ancient["event_id"]) is None


async def test_bad_events_are_listed_and_the_good_ones_kept(
    client: AsyncClient, session: AsyncSession
) -> None:
    _user, headers = await make_signed_in(session, role=Role.MEMBER)
    good = _event()
    future = _event(timestamp=(utcnow() + timedelta(days=2)).isoformat())
    old = _event(timestamp=datetime(2000, 1, 1, tzinfo=UTC).isoformat())
    large = _event(properties={"blob": "x" * 9000})
    twice = _event()
    batch = {"events": [good, future, old, large, twice, twice]}
    response = await client.post(TRACK, json=batch, headers=headers)
    body = response.json()
    assert (body["accepted"], body["duplicate"], body["rejected"]) == (2, 0, 4)
    assert [(e["index"], e["code"]) for e in body["errors"]] == [
        (1, "TIMESTAMP_IN_FUTURE"),
        (2, "TIMESTAMP_TOO_OLD"),
        (3, "PROPERTIES_TOO_LARGE"),
        (5, "DUPLICATE_IN_BATCH"),
    ]
    assert await _stored(session, good["event_id"]) is not None
    assert await _stored(session, future["event_id"]) is None


async def test_no_ip_is_stored(client: AsyncClient, session: AsyncSession) -> None:
    _user, headers = await make_signed_in(session, role=Role.MEMBER)
    event = _event(properties={"$ip": "203.0.113.9", "IP": "203.0.113.9", "path": "/home"})
    await client.post(TRACK, json={"events": [event]}, headers=headers)
    stored = await _stored(session, event["event_id"])
    assert stored is not None
    assert stored.properties == {"path": "/home"}
    assert "203.0.113" not in str(stored.model_dump())


async def test_a_malformed_batch_is_refused_whole(
    client: AsyncClient, session: AsyncSession
) -> None:
    _user, headers = await make_signed_in(session, role=Role.MEMBER)
    count = sa.select(sa.func.count()).select_from(AnalyticsEvent)
    before = await session.scalar(count)
    too_many = {"events": [_event() for _ in range(501)]}
    dotted = {"events": [_event(), _event(name="buz.transfer_completed")]}
    naive = {"events": [_event(timestamp="2026-01-01T10:00:00")]}
    number: dict[str, Any] = {"events": [_event()], "sent_at": 0}
    bodies: list[dict[str, Any]] = [too_many, dotted, naive, number, {"events": []}]
    for body in bodies:
        response = await client.post(TRACK, json=body, headers=headers)
        assert response.status_code == 422, response.text
        assert response.headers["content-type"].startswith("application/problem+json")
    assert await session.scalar(count) == before
    assert (await client.post(TRACK, json={"events": [_event()]})).status_code == 401


async def test_five_hundred_events_in_one_batch(client: AsyncClient, session: AsyncSession) -> None:
    _user, headers = await make_signed_in(session, role=Role.MEMBER)
    batch = {"events": [_event(properties={"i": i}) for i in range(500)]}
    response = await client.post(TRACK, json=batch, headers=headers)
    assert response.json()["accepted"] == 500
    _folded, rolled = await ingest()
    assert rolled >= 500
