"""Verifying the audit chain: incrementally from a checkpoint, or in full, with every run
recorded (`legal_audit_verifications`).

What each kind proves (docs/services/legal.md, "Verifying the chain"):

- **incremental** (the default call): the checkpoint entry (the last entry an earlier
  verification found intact) still hashes to the hash stored in the checkpoint, and every entry
  after it up to the head links to it and hashes correctly. The cost is the new entries only.
  Entries before the checkpoint are trusted from the earlier verification: an edit to one of
  them is not seen here. A break found by the latest full walk keeps every incremental result
  invalid until a full walk passes again, so a known break is never hidden by the cheaper check.
- **full** (`?full=true`, and the job `legal.verify_audit_chain` daily): every entry from the
  first. It does not read the checkpoint at all, so an attacker who rewrites the checkpoint
  row too is still caught by it.

The checkpoint moves only forward and only after a valid walk: `UPDATE ... WHERE seq < :to`,
so two verifications at once (or a slow one finishing after a faster one) can never move it
back or point it at an entry that was not verified.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.models import utcnow
from brain.domains.legal import audit
from brain.domains.legal.integrity import GENESIS_HASH
from brain.domains.legal.models import LegalAuditCheckpoint, LegalAuditVerification
from brain.domains.legal.schemas import AuditVerifyMode, AuditVerifyResult

CHECKPOINT_ID = 1
Trigger = Literal["api", "job"]


async def _checkpoint(session: AsyncSession) -> LegalAuditCheckpoint:
    row = (
        await session.exec(
            select(LegalAuditCheckpoint)
            .where(col(LegalAuditCheckpoint.id) == CHECKPOINT_ID)
            .execution_options(populate_existing=True)
        )
    ).first()
    if row is None:
        raise RuntimeError("legal_audit_checkpoint has no row: run the migrations")
    return row


async def _incremental(
    session: AsyncSession, checkpoint: LegalAuditCheckpoint
) -> audit.ChainReport:
    """Re-check the checkpoint entry, then walk what follows it up to the head."""
    head = await audit.read_head(session)
    seq, expected = checkpoint.seq, checkpoint.hash

    def broken(reason: str, at: int) -> audit.ChainReport:
        return audit.ChainReport(False, 0, at, reason, seq + 1, head[0], head[1])

    if head[0] < seq:
        return broken("the head is behind the checkpoint: entries were removed", head[0] + 1)
    if seq > 0:
        entry = await audit.read_entry(session, seq)
        if entry is None:
            return broken("the checkpointed entry was removed", seq)
        if entry.hash != expected or audit.entry_hash(entry) != expected:
            return broken("the checkpointed entry was altered", seq)
    elif expected != GENESIS_HASH:
        return broken("the checkpoint was altered", 1)
    return await audit.walk(session, after=(seq, expected), head=head)


async def _advance(session: AsyncSession, report: audit.ChainReport, now: datetime) -> None:
    """Move the checkpoint to the walk's end, only forward (a concurrent verification that got
    further first wins; one that got less far changes nothing)."""
    await session.exec(
        sa.update(LegalAuditCheckpoint)
        .where(
            col(LegalAuditCheckpoint.id) == CHECKPOINT_ID,
            col(LegalAuditCheckpoint.seq) < report.to_seq,
        )
        .values(seq=report.to_seq, hash=report.to_hash, verified_at=now)
        .execution_options(synchronize_session=False)
    )


async def _record_full(
    session: AsyncSession, report: audit.ChainReport, started_at: datetime
) -> None:
    """Keep the latest full walk's result; an older walk finishing late does not overwrite a
    newer one's."""
    started = col(LegalAuditCheckpoint.full_verified_at)
    await session.exec(
        sa.update(LegalAuditCheckpoint)
        .where(
            col(LegalAuditCheckpoint.id) == CHECKPOINT_ID,
            sa.or_(started.is_(None), started <= started_at),
        )
        .values(
            full_verified_at=started_at,
            full_valid=report.valid,
            full_broken_at=report.broken_at,
            full_reason=report.reason[:200] if report.reason else None,
        )
        .execution_options(synchronize_session=False)
    )


def _with_known_break(
    report: audit.ChainReport, checkpoint: LegalAuditCheckpoint
) -> audit.ChainReport:
    """An incremental walk that passed, while the latest full walk found a break."""
    if not report.valid or checkpoint.full_valid is not False:
        return report
    when = checkpoint.full_verified_at.isoformat() if checkpoint.full_verified_at else "?"
    return audit.ChainReport(
        False,
        report.entries,
        checkpoint.full_broken_at,
        f"the full verification of {when} found: {checkpoint.full_reason}"[:200],
        report.from_seq,
        report.to_seq,
        report.to_hash,
    )


async def verify(
    session: AsyncSession, *, full: bool, trigger: Trigger, actor_id: uuid.UUID | None = None
) -> AuditVerifyResult:
    """Verify the chain (incrementally unless `full`), move the checkpoint forward when the
    result is valid, and record the run. Writes: the caller's transaction commits it."""
    started_at = utcnow()
    checkpoint = await _checkpoint(session)
    if full:
        report = await audit.verify_chain(session)
    else:
        report = _with_known_break(await _incremental(session, checkpoint), checkpoint)
    if report.valid:
        await _advance(session, report, started_at)
    if full:
        await _record_full(session, report, started_at)
    run = LegalAuditVerification(
        started_at=started_at,
        finished_at=utcnow(),
        mode=(AuditVerifyMode.FULL if full else AuditVerifyMode.INCREMENTAL).value,
        trigger=trigger,
        actor_id=actor_id,
        from_seq=report.from_seq,
        to_seq=report.to_seq,
        entries=report.entries,
        valid=report.valid,
        broken_at=report.broken_at,
        reason=report.reason[:200] if report.reason else None,
    )
    session.add(run)
    await session.flush()
    after = await _checkpoint(session)
    return AuditVerifyResult(
        valid=report.valid,
        mode=AuditVerifyMode(run.mode),
        from_seq=report.from_seq,
        to_seq=report.to_seq,
        entries=report.entries,
        broken_at=report.broken_at,
        reason=report.reason,
        head_hash=report.to_hash,
        checkpoint_seq=after.seq,
        checkpoint_verified_at=after.verified_at,
        last_full_verified_at=after.full_verified_at,
        last_full_valid=after.full_valid,
        verification_id=run.id,
    )
