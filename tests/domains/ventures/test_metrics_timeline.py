"""Metrics (recorded by the roles allowed, computed from the data) and the merged timeline."""

from __future__ import annotations

import uuid

from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.domains.ventures import timeline
from brain.domains.ventures.events import MetricRecorded
from tests.factories.ventures import add_member, create_venture, make_founder, sign_for_venture


def _metric(**overrides: str) -> dict[str, str]:
    body = {"name": "monthly_revenue", "value": "1520.50", "unit": "USD", "as_of": "2026-11-30"}
    body.update(overrides)
    return body


async def test_members_record_metrics_observers_may_not_and_a_point_is_unique(
    client: AsyncClient, session: AsyncSession
) -> None:
    _owner, headers = await make_founder(session, client)
    vid = (await create_venture(client, headers))["id"]
    _m, member = await add_member(session, client, headers, vid, "MEMBER")
    _o, observer = await add_member(session, client, headers, vid, "OBSERVER")
    url = f"/api/ventures/{vid}/metrics"

    recorded = await client.post(url, json=_metric(), headers=member)
    assert recorded.status_code == 201, recorded.text
    assert recorded.json()["value"] == "1520.5"
    assert recorded.json()["source"] == "manual"
    refused = await client.post(url, json=_metric(as_of="2026-12-01"), headers=observer)
    assert refused.status_code == 403
    assert refused.json()["code"] == "TEAM_ROLE_REQUIRED"
    twin = await client.post(url, json=_metric(value="1"), headers=headers)
    assert twin.status_code == 409
    assert twin.json()["code"] == "METRIC_EXISTS"
    other_source = await client.post(url, json=_metric(source="stripe"), headers=headers)
    assert other_source.status_code == 201
    as_float = await client.post(
        url, json={**_metric(as_of="2026-10-31"), "value": 3.5}, headers=headers
    )
    assert as_float.status_code == 422

    read = (await client.get(url, headers=observer)).json()
    assert [(m["value"], m["source"]) for m in read["items"]] == [
        ("1520.5", "stripe"),
        ("1520.5", "manual"),
    ]
    one = (await client.get(url, params={"name": "nothing"}, headers=observer)).json()
    assert one["items"] == []


async def test_computed_metrics_come_from_the_data(
    client: AsyncClient, session: AsyncSession
) -> None:
    _owner, headers = await make_founder(session, client)
    vid = (await create_venture(client, headers))["id"]
    url = f"/api/ventures/{vid}/metrics"
    first = (await client.get(url, headers=headers)).json()["computed"]
    # The 50 BUZ creation fee names the venture; nothing is signed for it yet.
    assert first == {
        "team_size": 1,
        "documents_signed": 0,
        "buz_raised": "50.00",
        "days_in_stage": 0,
    }
    await add_member(session, client, headers, vid)  # signs the venture's PPNA and joins
    second = (await client.get(url, headers=headers)).json()["computed"]
    assert (second["team_size"], second["documents_signed"]) == (2, 1)


async def test_the_timeline_merges_events_signatures_and_buz_flows_newest_first(
    client: AsyncClient, session: AsyncSession
) -> None:
    _owner, headers = await make_founder(session, client)
    vid = (await create_venture(client, headers))["id"]
    await add_member(session, client, headers, vid)
    await client.post(f"/api/ventures/{vid}/stage", json={"event": "advance"}, headers=headers)

    entries = (await client.get(f"/api/ventures/{vid}/timeline", headers=headers)).json()["items"]
    kinds = [e["kind"] for e in entries]
    assert kinds[0] == "ventures.stage_changed"
    assert {
        "ventures.created",
        "buz.transfer_completed",
        "legal.document_completed",
        "ventures.invitation_sent",
        "ventures.invitation_accepted",
        "ventures.member_joined",
    } <= set(kinds)
    times = [e["occurred_at"] for e in entries]
    assert times == sorted(times, reverse=True)
    flow = next(e for e in entries if e["kind"] == "buz.transfer_completed")
    assert (flow["data"]["amount"], flow["data"]["reference"]) == (5000, f"venture:{vid}")

    paged: list[str] = []
    cursor = None
    while True:
        params = {"limit": "2"} | ({"cursor": cursor} if cursor else {})
        page = (
            await client.get(f"/api/ventures/{vid}/timeline", params=params, headers=headers)
        ).json()
        paged += [e["id"] for e in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert paged == [e["id"] for e in entries]


async def test_a_redelivered_event_adds_nothing_to_the_timeline(
    client: AsyncClient, session: AsyncSession
) -> None:
    owner, headers = await make_founder(session, client)
    vid = uuid.UUID((await create_venture(client, headers))["id"])
    event = MetricRecorded(
        actor_id=owner.id,
        user_id=owner.id,
        venture_id=vid,
        metric_id=uuid.uuid4(),
        metric="users",
        value="3",
        unit="count",
        as_of="2026-12-01",
    )
    assert await timeline.record(session, event, venture_id=vid) is True
    assert await timeline.record(session, event, venture_id=vid) is False
    entries = (await client.get(f"/api/ventures/{vid}/timeline", headers=headers)).json()["items"]
    assert [e["kind"] for e in entries].count("ventures.metric_recorded") == 1


async def test_a_signature_for_another_venture_stays_out_of_this_timeline(
    client: AsyncClient, session: AsyncSession
) -> None:
    _owner, headers = await make_founder(session, client, balance="1000")
    a = (await create_venture(client, headers))["id"]
    b = (await create_venture(client, headers))["id"]
    assert (await sign_for_venture(client, headers, a, "PPNA")).status_code == 201
    kinds_b = [
        e["kind"]
        for e in (await client.get(f"/api/ventures/{b}/timeline", headers=headers)).json()["items"]
    ]
    assert "legal.document_completed" not in kinds_b
    kinds_a = [
        e["kind"]
        for e in (await client.get(f"/api/ventures/{a}/timeline", headers=headers)).json()["items"]
    ]
    assert "legal.document_completed" in kinds_a
