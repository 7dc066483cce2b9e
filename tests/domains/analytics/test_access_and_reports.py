"""Who may read what, and reports: queued, built by a job with progress, downloaded."""

from __future__ import annotations

import csv
import io
import uuid

from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import jobs
from brain.domains.users.schemas import Role
from tests.factories.analytics import ingest
from tests.factories.users import make_signed_in
from tests.factories.ventures import create_venture, make_founder


async def test_a_user_cannot_read_another_users_analytics(
    client: AsyncClient, session: AsyncSession
) -> None:
    me, mine = await make_signed_in(session, role=Role.MEMBER)
    other, theirs = await make_signed_in(session, role=Role.MEMBER)
    _admin, admin = await make_signed_in(session, role=Role.SUPER_ADMIN)
    assert (await client.get(f"/api/analytics/users/{me.id}", headers=mine)).status_code == 200
    refused = await client.get(f"/api/analytics/users/{me.id}", headers=theirs)
    assert refused.status_code == 404
    assert refused.json()["code"] == "RESOURCE_NOT_FOUND"
    assert (await client.get(f"/api/analytics/users/{other.id}", headers=admin)).status_code == 200
    assert (await client.get("/api/analytics/platform", headers=mine)).status_code == 403
    assert (await client.get("/api/analytics/platform", headers=admin)).status_code == 200
    bad_tz = await client.get("/api/analytics/platform?tz=Mars/Olympus", headers=admin)
    assert bad_tz.status_code == 422
    assert bad_tz.json()["code"] == "UNKNOWN_TIME_ZONE"
    assert (await client.get(f"/api/analytics/users/{me.id}")).status_code == 401


async def test_a_venture_is_404_to_anyone_not_on_its_team(
    client: AsyncClient, session: AsyncSession, job_runner: jobs.InProcessJobs
) -> None:
    _owner, headers = await make_founder(session, client)
    venture = await create_venture(client, headers)
    _stranger, stranger = await make_signed_in(session, role=Role.MEMBER)
    url = f"/api/analytics/ventures/{venture['id']}?period=7d"
    # Events with job handlers (the fee's transfer) are marked dispatched by their fan-out
    # job; analytics folds dispatched events.
    await job_runner.run_until_idle()
    await ingest()
    mine = await client.get(url, headers=headers)
    assert mine.status_code == 200, mine.text
    # The real action, folded from the outbox: created today, in IDEA, the 50 BUZ fee.
    assert mine.json()["current_stage"] == "IDEA"
    assert mine.json()["team"]["size"] == 1
    assert mine.json()["buz_raised"] == "50.00"
    assert (await client.get(url, headers=stranger)).status_code == 404
    unknown = await client.get(f"/api/analytics/ventures/{uuid.uuid4()}", headers=stranger)
    assert unknown.status_code == 404


async def test_a_report_is_built_by_a_job_and_downloaded(
    client: AsyncClient, session: AsyncSession, job_runner: jobs.InProcessJobs
) -> None:
    user, headers = await make_signed_in(session, role=Role.MEMBER)
    await client.post(
        "/api/analytics/track",
        json={"events": [{"event_id": str(uuid.uuid4()), "name": "opened"}]},
        headers=headers,
    )
    await ingest()
    created = await client.post(
        "/api/analytics/reports", json={"kind": "user_engagement", "period": "7d"}, headers=headers
    )
    assert created.status_code == 201, created.text
    report = created.json()
    assert (report["status"], report["progress"], report["scope"]) == ("QUEUED", 0, "own")
    url = f"/api/analytics/reports/{report['id']}"
    early = await client.get(f"{url}/download", headers=headers)
    assert early.status_code == 409
    assert early.json()["code"] == "REPORT_NOT_READY"
    await job_runner.run_until_idle()
    done = (await client.get(url, headers=headers)).json()
    assert (done["status"], done["progress"]) == ("COMPLETED", 100)
    data = (await client.get(f"{url}/download?format=json", headers=headers)).json()
    assert [row["user_id"] for row in data["rows"]] == [str(user.id)]
    assert data["rows"][0]["events"] >= 1
    raw = await client.get(f"{url}/download?format=csv", headers=headers)
    assert raw.headers["content-type"].startswith("text/csv")
    assert "attachment" in raw.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(raw.text)))
    assert rows[0]["user_id"] == str(user.id)
    listed = (await client.get("/api/analytics/reports", headers=headers)).json()
    assert [r["id"] for r in listed["items"]] == [report["id"]]


async def test_reports_are_their_requesters_and_platform_kinds_are_for_admins(
    client: AsyncClient, session: AsyncSession, job_runner: jobs.InProcessJobs
) -> None:
    _user, headers = await make_signed_in(session, role=Role.MEMBER)
    _other, other = await make_signed_in(session, role=Role.MEMBER)
    _admin, admin = await make_signed_in(session, role=Role.SUPER_ADMIN)
    for kind in ("platform_health", "buz_economy"):
        body = {"kind": kind, "period": "7d"}
        refused = await client.post("/api/analytics/reports", json=body, headers=headers)
        assert refused.status_code == 403
        made = await client.post("/api/analytics/reports", json=body, headers=admin)
        assert made.status_code == 201
    mine = await client.post(
        "/api/analytics/reports",
        json={"kind": "venture_performance", "period": "30d"},
        headers=headers,
    )
    report_id = mine.json()["id"]
    assert (
        await client.get(f"/api/analytics/reports/{report_id}", headers=other)
    ).status_code == 404
    assert (
        await client.get(f"/api/analytics/reports/{report_id}", headers=admin)
    ).status_code == 404
    await job_runner.run_until_idle()
    reports = (await client.get("/api/analytics/reports", headers=admin)).json()["items"]
    assert {r["status"] for r in reports} == {"COMPLETED"}
    health = await client.get(f"/api/analytics/reports/{reports[0]['id']}/download", headers=admin)
    assert len(health.json()["rows"]) == 7
    bad = await client.post(
        "/api/analytics/reports", json={"kind": "nope", "period": "7d"}, headers=headers
    )
    assert bad.status_code == 422
