"""`files.uploaded` and `files.shared`: published once each, into the actor's activity feed
and, when they name a venture, its timeline."""

from __future__ import annotations

from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.jobs import InProcessJobs
from tests.factories.files import png, uploaded
from tests.factories.ventures import add_member, create_venture, make_founder


async def test_a_venture_timeline_shows_its_files(
    client: AsyncClient, session: AsyncSession, job_runner: InProcessJobs
) -> None:
    _, founder = await make_founder(session, client)
    venture = await create_venture(client, founder, visibility="PRIVATE")
    _, member = await add_member(session, client, founder, venture["id"])
    put_in = await uploaded(client, member, png(), venture_id=venture["id"])
    other = await uploaded(client, founder, png())
    shared = await client.post(
        f"/api/files/{other['id']}/shares", json={"venture_id": venture["id"]}, headers=founder
    )
    assert shared.status_code == 201
    # Sharing again changes nothing and publishes nothing.
    await client.post(
        f"/api/files/{other['id']}/shares", json={"venture_id": venture["id"]}, headers=founder
    )
    await job_runner.run_until_idle()
    response = await client.get(f"/api/ventures/{venture['id']}/timeline", headers=founder)
    entries = [e for e in response.json()["items"] if e["kind"].startswith("files.")]
    assert [(e["kind"], e["data"]["file_id"]) for e in entries] == [
        ("files.shared", other["id"]),
        ("files.uploaded", put_in["id"]),
    ]
    assert "name" not in entries[0]["data"]
