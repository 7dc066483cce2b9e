"""Incremental verification of the audit chain: it walks only what follows the checkpoint,
a full walk (`?full=true`, the daily job) re-reads everything, and the checkpoint only moves
forward."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from brain import handlers
from brain.core import jobs
from brain.core.models import utcnow
from brain.domains.legal import audit, audit_checks
from brain.domains.legal import jobs as legal_jobs
from brain.domains.users.schemas import Role
from tests.factories.users import make_signed_in

VERIFY = "/api/legal/audit/verify"


async def append(session: AsyncSession, n: int) -> list[int]:
    """`n` new entries; their seqs."""
    return [(await audit.append(session, "test_entry", data={"n": i})).seq for i in range(n)]


async def tamper(session: AsyncSession, seq: int) -> None:
    await (await session.connection()).execute(
        sa.text("UPDATE legal_audit_log SET action = 'forged' WHERE seq = :s").bindparams(s=seq)
    )


async def get(client: AsyncClient, headers: dict[str, str], query: str = "") -> dict[str, Any]:
    response = await client.get(VERIFY + query, headers=headers)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


async def admin_with_checkpoint(
    client: AsyncClient, session: AsyncSession
) -> tuple[dict[str, str], dict[str, Any]]:
    """A legal admin, a few entries, and a first verification that checkpoints them all."""
    _, admin = await make_signed_in(session, role=Role.LEGAL_ADMIN)
    await append(session, 5)
    first = await get(client, admin)
    assert first["valid"] is True, first
    assert first["checkpoint_seq"] == first["to_seq"]
    return admin, first


async def test_an_incremental_verification_walks_only_the_new_entries(
    client: AsyncClient, session: AsyncSession
) -> None:
    admin, first = await admin_with_checkpoint(client, session)
    new = await append(session, 3)

    result = await get(client, admin)

    assert result["valid"] is True
    assert result["mode"] == "incremental"
    assert (result["from_seq"], result["to_seq"], result["entries"]) == (new[0], new[-1], 3)
    assert result["checkpoint_seq"] == new[-1]
    assert result["checkpoint_verified_at"] is not None
    assert first["to_seq"] == new[0] - 1


async def test_nothing_new_walks_nothing_and_still_rechecks_the_checkpoint_entry(
    client: AsyncClient, session: AsyncSession
) -> None:
    admin, first = await admin_with_checkpoint(client, session)

    again = await get(client, admin)
    await tamper(session, first["to_seq"])
    broken = await get(client, admin)

    assert (again["valid"], again["entries"], again["from_seq"]) == (True, 0, first["to_seq"] + 1)
    assert broken["valid"] is False
    assert broken["broken_at"] == first["to_seq"]
    assert broken["reason"] == "the checkpointed entry was altered"


async def test_tampering_before_the_checkpoint_is_missed_incrementally_but_found_in_full(
    client: AsyncClient, session: AsyncSession, job_runner: jobs.InProcessJobs
) -> None:
    admin, first = await admin_with_checkpoint(client, session)
    victim = first["to_seq"] - 2
    await tamper(session, victim)
    await append(session, 1)

    incremental = await get(client, admin)
    full = await get(client, admin, "?full=true")
    await jobs.enqueue(legal_jobs.VERIFY_AUDIT_CHAIN)
    assert await job_runner.run_until_idle() == 1
    after = await get(client, admin)
    runs = (await client.get("/api/legal/audit/verifications", headers=admin)).json()["items"]

    # What the incremental call cannot see (it trusts the checkpointed prefix)...
    assert incremental["valid"] is True
    assert incremental["entries"] == 1
    # ...the full walk and the job find,
    assert (full["valid"], full["mode"], full["from_seq"]) == (False, "full", 1)
    assert full["broken_at"] == victim
    assert full["last_full_valid"] is False
    job_run = runs[1]  # newest first: the last incremental call, then the job
    assert (job_run["trigger"], job_run["mode"], job_run["valid"]) == ("job", "full", False)
    assert job_run["broken_at"] == victim
    # ...and once a full walk found a break, incremental calls stop saying "valid".
    assert after["valid"] is False
    assert after["broken_at"] == victim
    assert "full verification" in after["reason"]
    assert [r["trigger"] for r in runs] == ["api", "job", "api", "api", "api"]


async def test_tampering_after_the_checkpoint_is_caught_and_the_checkpoint_stays(
    client: AsyncClient, session: AsyncSession
) -> None:
    admin, first = await admin_with_checkpoint(client, session)
    new = await append(session, 3)
    await tamper(session, new[1])

    result = await get(client, admin)

    assert result["valid"] is False
    assert result["broken_at"] == new[1]
    assert result["reason"] == "entry content altered"
    assert result["checkpoint_seq"] == first["to_seq"]


async def test_a_clean_full_walk_clears_the_break_after_the_entry_is_restored(
    client: AsyncClient, session: AsyncSession
) -> None:
    admin, first = await admin_with_checkpoint(client, session)
    victim = first["to_seq"] - 1
    await tamper(session, victim)
    assert (await get(client, admin, "?full=true"))["valid"] is False
    await (await session.connection()).execute(
        sa.text("UPDATE legal_audit_log SET action = 'test_entry' WHERE seq = :s").bindparams(
            s=victim
        )
    )

    assert (await get(client, admin))["valid"] is False  # the known break still stands
    full = await get(client, admin, "?full=true")
    incremental = await get(client, admin)

    assert (full["valid"], full["last_full_valid"]) == (True, True)
    assert incremental["valid"] is True


async def test_the_checkpoint_never_moves_back(client: AsyncClient, session: AsyncSession) -> None:
    admin, _ = await admin_with_checkpoint(client, session)
    new = await append(session, 2)
    ahead = await get(client, admin)
    head = await audit.read_head(session)
    stale = audit.ChainReport(True, 0, None, None, 1, new[0], "f" * 64)

    await audit_checks._advance(session, stale, utcnow())  # the conditional update itself
    result = await get(client, admin)

    assert ahead["checkpoint_seq"] == new[-1] == head[0]
    assert result["valid"] is True  # the stale report's hash was not written
    assert result["checkpoint_seq"] == new[-1]


async def test_only_legal_admins_verify_or_read_verifications(
    client: AsyncClient, session: AsyncSession
) -> None:
    _, member = await make_signed_in(session, role=Role.MEMBER)

    full = await client.get(VERIFY + "?full=true", headers=member)
    runs = await client.get("/api/legal/audit/verifications", headers=member)

    assert (full.status_code, runs.status_code) == (403, 403)


def test_the_full_walk_is_a_daily_cron_job() -> None:
    handlers.register()

    spec = jobs.registered_crons()[legal_jobs.VERIFY_AUDIT_CHAIN]

    assert spec.every.total_seconds() == 24 * 3600
