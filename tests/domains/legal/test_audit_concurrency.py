"""Concurrent appends with real commits never fork the audit chain, and concurrent
verifications never move its checkpoint back."""

from __future__ import annotations

import asyncio

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import db
from brain.domains.legal import audit, audit_checks
from brain.domains.legal.models import LegalAuditCheckpoint
from brain.domains.legal.schemas import AuditVerifyResult


async def test_twenty_concurrent_appends_make_one_unbroken_chain(
    committed_db: async_sessionmaker[AsyncSession],
) -> None:
    async with db.session_scope() as s:
        start_seq, start_hash = (
            await (await s.connection()).execute(
                sa.text("SELECT seq, hash FROM legal_audit_head WHERE id = 1")
            )
        ).one()
    try:

        async def append(n: int) -> None:
            async with db.session_scope() as s:
                await audit.append(s, "test_concurrent", data={"n": n})
                await asyncio.sleep(0)  # hold the transaction open across a switch

        await asyncio.gather(*(append(n) for n in range(20)))

        async with db.session_scope() as s:
            report = await audit.verify_chain(s)
            rows = (
                await (await s.connection()).execute(
                    sa.text(
                        "SELECT seq FROM legal_audit_log WHERE seq > :s ORDER BY seq"
                    ).bindparams(s=start_seq)
                )
            ).all()
        assert report.valid, report
        assert [r[0] for r in rows] == list(range(start_seq + 1, start_seq + 21))
    finally:
        async with db.session_scope() as s:
            conn = await s.connection()
            await conn.execute(
                sa.text("DELETE FROM legal_audit_log WHERE seq > :s").bindparams(s=start_seq)
            )
            await conn.execute(
                sa.text("UPDATE legal_audit_head SET seq = :s, hash = :h WHERE id = 1").bindparams(
                    s=start_seq, h=start_hash
                )
            )


async def test_concurrent_verifications_never_move_the_checkpoint_back(
    committed_db: async_sessionmaker[AsyncSession],
) -> None:
    async with db.session_scope() as s:
        conn = await s.connection()
        start_seq, start_hash = (
            await conn.execute(sa.text("SELECT seq, hash FROM legal_audit_head WHERE id = 1"))
        ).one()
        saved = (
            (await conn.execute(sa.text("SELECT * FROM legal_audit_checkpoint WHERE id = 1")))
            .one()
            ._asdict()
        )
        known_runs = {
            r[0] for r in await conn.execute(sa.text("SELECT id FROM legal_audit_verifications"))
        }
    try:

        async def append(n: int) -> None:
            async with db.session_scope() as s:
                await audit.append(s, "test_concurrent", data={"n": n})

        async def verify() -> AuditVerifyResult:
            async with db.session_scope() as s:
                result = await audit_checks.verify(s, full=False, trigger="api")
                await asyncio.sleep(0)  # let another verification overtake this one
                return result

        outcomes = await asyncio.gather(
            *(verify() if n % 2 else append(n) for n in range(24)), verify()
        )
        results = [r for r in outcomes if isinstance(r, AuditVerifyResult)]

        async with db.session_scope() as s:
            conn = await s.connection()
            seq, hash_ = (
                await conn.execute(sa.text("SELECT seq, hash FROM legal_audit_checkpoint"))
            ).one()
            entry_hash = await conn.scalar(
                sa.text("SELECT hash FROM legal_audit_log WHERE seq = :s").bindparams(s=seq)
            )
            final = await audit_checks.verify(s, full=False, trigger="api")
        assert all(r.valid for r in results), [r.reason for r in results if not r.valid]
        assert seq == max(r.to_seq for r in results)
        assert hash_ == entry_hash
        assert final.valid
        assert final.checkpoint_seq == start_seq + 12
    finally:
        async with db.session_scope() as s:
            conn = await s.connection()
            await conn.execute(
                sa.text("DELETE FROM legal_audit_log WHERE seq > :s").bindparams(s=start_seq)
            )
            await conn.execute(
                sa.text("UPDATE legal_audit_head SET seq = :s, hash = :h WHERE id = 1").bindparams(
                    s=start_seq, h=start_hash
                )
            )
            await conn.execute(
                sa.update(LegalAuditCheckpoint)
                .where(LegalAuditCheckpoint.id == 1)  # type: ignore[arg-type]
                .values(**{k: v for k, v in saved.items() if k != "id"})
            )
            new_runs = (
                await conn.execute(sa.text("SELECT id FROM legal_audit_verifications"))
            ).all()
            for (run_id,) in new_runs:
                if run_id not in known_runs:
                    await conn.execute(
                        sa.text("DELETE FROM legal_audit_verifications WHERE id = :i").bindparams(
                            i=run_id
                        )
                    )
