"""Background work of the files domain: removing a deleted file's bytes, and the sweeper.

Deleting a file commits the row's removal first and then queues `files.delete_bytes`, so the
bytes never go while a row still points at them. If the queueing is lost (a crash right after
the commit) or a process died mid-upload, the bytes are orphans: the sweeper (every 30
minutes) removes staged writes and committed objects that no row names, once they are older
than an hour (younger ones may belong to an upload still being recorded).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlmodel import col, select

from brain.core import db, jobs
from brain.core.models import utcnow
from brain.domains.files.models import StoredFile
from brain.domains.files.rules import ORPHAN_AGE, SWEEP_EVERY
from brain.domains.files.storage import KEY, check_key, get_storage

log = logging.getLogger(__name__)

DELETE_BYTES = "files.delete_bytes"
SWEEP_ORPHANS = "files.sweep_orphans"
BATCH = 500


async def enqueue_delete(key: str) -> bool:
    return await jobs.enqueue(DELETE_BYTES, job_id=f"files.delete:{key}", key=check_key(key))


@jobs.job(DELETE_BYTES)
async def delete_bytes(*, key: str) -> bool:
    """Remove the bytes under `key` unless a row names them again; True when removed."""
    async with db.session_scope(read_only=True) as session:
        named = await session.scalar(
            select(StoredFile.id).where(col(StoredFile.storage_key) == check_key(key))
        )
    if named is not None:
        return False
    await get_storage().delete(key)
    return True


@jobs.job(SWEEP_ORPHANS, max_tries=1)
async def sweep_orphans(older_than_seconds: float | None = None) -> int:
    """Remove staged writes and unnamed objects older than ORPHAN_AGE; returns how many."""
    age = ORPHAN_AGE if older_than_seconds is None else timedelta(seconds=older_than_seconds)
    cutoff = utcnow() - age
    storage = get_storage()
    removed = await storage.sweep_incomplete(cutoff)
    # Only keys this domain makes: a shared bucket may hold other things.
    keys = [k for k in await storage.keys_older_than(cutoff) if KEY.match(k)]
    for start in range(0, len(keys), BATCH):
        batch = keys[start : start + BATCH]
        async with db.session_scope(read_only=True) as session:
            named = set(
                (
                    await session.exec(
                        select(StoredFile.storage_key).where(col(StoredFile.storage_key).in_(batch))
                    )
                ).all()
            )
        for key in batch:
            if key in named:
                continue
            try:
                await storage.delete(key)
                removed += 1
            except Exception:
                log.exception("could not remove orphaned file bytes %s; the next run retries", key)
    return removed


def register_cron() -> None:
    jobs.cron(SWEEP_ORPHANS, every=SWEEP_EVERY)
