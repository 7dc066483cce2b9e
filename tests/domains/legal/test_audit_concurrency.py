"""Concurrent appends with real commits never fork the audit chain."""

from __future__ import annotations

import asyncio

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import db
from brain.domains.legal import audit


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
