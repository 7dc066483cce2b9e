"""Deleting removes the bytes once the row is gone (a job), and the sweeper removes what a
crash left: staged writes of a killed upload and stored bytes no row names, once an hour old."""

from __future__ import annotations

import os
import time
from pathlib import Path

from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import jobs as core_jobs
from brain.core.config import Settings
from brain.core.jobs import InProcessJobs
from brain.domains.files import jobs
from brain.domains.files.storage import get_storage, new_key
from brain.domains.files.storage.local import LocalStorage
from brain.domains.users.schemas import Role
from tests.domains.files.conftest import stored_files
from tests.factories.files import png, uploaded
from tests.factories.users import make_signed_in

TWO_HOURS = 2 * 3600


def _age(path: Path, seconds: float) -> None:
    past = time.time() - seconds
    os.utime(path, (past, past))


async def test_deleting_a_file_removes_its_bytes_after_the_commit(
    client: AsyncClient, session: AsyncSession, job_runner: InProcessJobs, storage_dir: Path
) -> None:
    _, headers = await make_signed_in(session, role=Role.MEMBER)
    file = await uploaded(client, headers, png())
    assert len(stored_files(storage_dir)) == 1
    assert (await client.delete(f"/api/files/{file['id']}", headers=headers)).status_code == 204
    await job_runner.run_until_idle()
    assert stored_files(storage_dir) == []


async def test_the_delete_job_keeps_bytes_a_row_still_names(
    client: AsyncClient, session: AsyncSession, storage_dir: Path
) -> None:
    _, headers = await make_signed_in(session, role=Role.MEMBER)
    await uploaded(client, headers, png())
    [path] = stored_files(storage_dir)
    assert await jobs.delete_bytes(key=path.name) is False
    assert path.exists()


async def test_a_killed_upload_leaves_nothing_after_the_sweeper(
    session: AsyncSession, settings: Settings, storage_dir: Path
) -> None:
    storage = get_storage(settings)
    assert isinstance(storage, LocalStorage)
    # What a process killed mid-upload leaves: a staged write, never committed nor aborted.
    writer = await storage.writer(new_key())
    await writer.write(png(extra=1000))
    [staged] = stored_files(storage_dir)
    assert await jobs.sweep_orphans() == 0  # young: it may still be arriving
    _age(staged, TWO_HOURS)
    assert await jobs.sweep_orphans() == 1
    assert stored_files(storage_dir) == []


async def test_the_sweeper_removes_old_unnamed_bytes_and_keeps_files(
    client: AsyncClient, session: AsyncSession, settings: Settings, storage_dir: Path
) -> None:
    _, headers = await make_signed_in(session, role=Role.MEMBER)
    await uploaded(client, headers, png())
    [kept] = stored_files(storage_dir)
    storage = get_storage(settings)
    # A crash between storing the bytes and recording the row.
    writer = await storage.writer(new_key())
    await writer.write(png())
    await writer.commit()
    orphan = next(p for p in stored_files(storage_dir) if p != kept)
    for path in (kept, orphan):
        _age(path, TWO_HOURS)
    assert await jobs.sweep_orphans() == 1
    assert stored_files(storage_dir) == [kept]


def test_the_sweeper_runs_on_a_schedule() -> None:
    jobs.register_cron()
    assert jobs.SWEEP_ORPHANS in core_jobs.registered_crons()
    assert jobs.DELETE_BYTES in core_jobs.registered_jobs()
