"""The hash-chained, append-only audit log of the legal domain.

Each entry stores `prev_hash` (the previous entry's `hash`) and its own `hash`, the SHA-256 of
its canonical form (`integrity.canonical_json` of every column but `hash`). Editing, deleting
or reordering any entry breaks a link that `verify_chain` finds.

Appends are serialised through the one-row `legal_audit_head` table: `lock` updates that row
first, so on Postgres a second transaction waits on its row lock until the first commits and
then reads the new head (read committed); on SQLite transactions begin IMMEDIATE, one writer at
a time. Either way two appends can never both link to the same predecessor, and `seq` being the
primary key refuses a fork even if the lock were bypassed. Every legal write takes the lock
first, so it also orders legal writes against each other (signing counts signatures under it).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.models import utcnow
from brain.domains.legal.integrity import GENESIS_HASH, canonical_json, sha256_hex
from brain.domains.legal.models import LegalAuditEntry, LegalAuditHead

HEAD_ID = 1
VERIFY_BATCH = 1000


async def lock(session: AsyncSession) -> None:
    """Take the chain's write lock for the rest of the transaction (idempotent)."""
    if session.info.get("legal_audit_locked"):
        return
    result = await session.exec(
        sa.update(LegalAuditHead)
        .where(col(LegalAuditHead.id) == HEAD_ID)
        .values(seq=LegalAuditHead.seq)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise RuntimeError("legal_audit_head has no row: run the migrations")
    session.info["legal_audit_locked"] = True


def entry_record(entry: LegalAuditEntry) -> dict[str, Any]:
    """What an entry's hash covers: everything but the hash itself."""
    return {
        "seq": entry.seq,
        "id": entry.id,
        "occurred_at": entry.occurred_at,
        "action": entry.action,
        "actor_id": entry.actor_id,
        "user_id": entry.user_id,
        "document_id": entry.document_id,
        "data": entry.data,
        "prev_hash": entry.prev_hash,
    }


def entry_hash(entry: LegalAuditEntry) -> str:
    return sha256_hex(canonical_json(entry_record(entry)))


async def append(
    session: AsyncSession,
    action: str,
    *,
    actor_id: uuid.UUID | None = None,
    user_id: uuid.UUID | None = None,
    document_id: uuid.UUID | None = None,
    data: dict[str, Any] | None = None,
    occurred_at: datetime | None = None,
) -> LegalAuditEntry:
    """Append one entry in the caller's transaction."""
    await lock(session)
    head = (
        await session.exec(
            select(LegalAuditHead.seq, LegalAuditHead.hash).where(col(LegalAuditHead.id) == HEAD_ID)
        )
    ).one()
    # Stored as it will be read back, so the hash is over exactly what the column returns.
    clean: dict[str, Any] = json.loads(canonical_json(data or {}))
    entry = LegalAuditEntry(
        seq=head[0] + 1,
        occurred_at=occurred_at or utcnow(),
        action=action,
        actor_id=actor_id,
        user_id=user_id,
        document_id=document_id,
        data=clean,
        prev_hash=head[1],
        hash="",
    )
    entry.hash = entry_hash(entry)
    session.add(entry)
    await session.flush()
    await session.exec(
        sa.update(LegalAuditHead)
        .where(col(LegalAuditHead.id) == HEAD_ID, col(LegalAuditHead.seq) == head[0])
        .values(seq=entry.seq, hash=entry.hash)
        .execution_options(synchronize_session=False)
    )
    return entry


@dataclass(frozen=True)
class ChainReport:
    """What one walk checked (`from_seq`..`to_seq`, `entries` of them) and the first break."""

    valid: bool
    entries: int
    broken_at: int | None
    reason: str | None
    from_seq: int = 1
    to_seq: int = 0
    to_hash: str = GENESIS_HASH


async def read_head(session: AsyncSession) -> tuple[int, str]:
    """The chain's head: the last appended `seq` and its hash (committed appends only)."""
    row = (
        await session.exec(
            select(LegalAuditHead.seq, LegalAuditHead.hash)
            .where(col(LegalAuditHead.id) == HEAD_ID)
            .execution_options(populate_existing=True)
        )
    ).one()
    return int(row[0]), str(row[1])


async def read_entry(session: AsyncSession, seq: int) -> LegalAuditEntry | None:
    return (
        await session.exec(
            select(LegalAuditEntry)
            .where(col(LegalAuditEntry.seq) == seq)
            .execution_options(populate_existing=True)
        )
    ).first()


async def walk(
    session: AsyncSession, *, after: tuple[int, str], head: tuple[int, str]
) -> ChainReport:
    """Check the entries after `after` (a seq and the hash it is known to have) up to `head`
    (read before the walk, so entries appended meanwhile are left for the next walk): each
    one is present, links to the previous one's hash and hashes to its stored `hash`, and the
    last one is the head. Reads in batches along the primary key: the cost is the number of
    entries walked, whatever the chain's length."""
    start_seq, expected_prev = after
    to_seq, to_hash = head
    expected_seq = start_seq + 1

    def report(valid: bool, broken_at: int | None = None, reason: str | None = None) -> ChainReport:
        return ChainReport(
            valid, expected_seq - start_seq - 1, broken_at, reason, start_seq + 1, to_seq, to_hash
        )

    while expected_seq <= to_seq:
        rows = (
            await session.exec(
                select(LegalAuditEntry)
                .where(col(LegalAuditEntry.seq) >= expected_seq, col(LegalAuditEntry.seq) <= to_seq)
                .order_by(col(LegalAuditEntry.seq))
                .limit(VERIFY_BATCH)
                .execution_options(populate_existing=True)
            )
        ).all()
        if not rows:
            return report(False, expected_seq, f"entries {expected_seq} to {to_seq} were removed")
        for entry in rows:
            if entry.seq != expected_seq:
                return report(False, expected_seq, "entry missing")
            if entry.prev_hash != expected_prev:
                return report(False, entry.seq, "prev_hash does not match")
            if entry_hash(entry) != entry.hash:
                return report(False, entry.seq, "entry content altered")
            expected_prev = entry.hash
            expected_seq += 1
    if expected_prev != to_hash:
        return report(False, to_seq, "the chain's head does not match its last entry")
    return report(True)


async def verify_chain(session: AsyncSession) -> ChainReport:
    """Walk the whole chain from the first entry to the head; report the first broken link.
    Reads only (the checkpointed verification is `audit_checks`)."""
    return await walk(session, after=(0, GENESIS_HASH), head=await read_head(session))
