"""Removing committed ledger test data (tests that need real commits clean up after
themselves). Legs are never deleted in production; here the test's own rows go, and the
system accounts it touched are put back to their snapshot, which keeps every invariant."""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import db
from brain.domains.buz import ledger
from brain.domains.buz.rules import AccountKind


async def snapshot_system_accounts(
    factory: async_sessionmaker[AsyncSession],
) -> dict[uuid.UUID, tuple[int, int]]:
    async with factory() as session:
        rows = (
            await db.execute(
                session,
                sa.select(
                    ledger.ACCOUNTS.c.id, ledger.ACCOUNTS.c.balance, ledger.ACCOUNTS.c.version
                ).where(ledger.ACCOUNTS.c.kind == AccountKind.SYSTEM.value),
            )
        ).all()
    return {r.id: (int(r.balance), int(r.version)) for r in rows}


async def remove_ledger_users(
    factory: async_sessionmaker[AsyncSession],
    user_ids: list[uuid.UUID],
    snapshot: dict[uuid.UUID, tuple[int, int]],
) -> None:
    if not user_ids:
        return
    a, t = ledger.ACCOUNTS, ledger.TRANSFERS
    async with factory() as session, session.begin():
        ids = [
            r.id
            for r in (
                await db.execute(session, sa.select(a.c.id).where(a.c.user_id.in_(user_ids)))
            ).all()
        ]
        groups = sa.select(t.c.group_id).where(
            sa.or_(t.c.debit_account_id.in_(ids), t.c.credit_account_id.in_(ids))
        )
        await db.execute(session, sa.delete(t).where(t.c.group_id.in_(groups)))
        await db.execute(session, sa.delete(ledger.DAILY).where(ledger.DAILY.c.account_id.in_(ids)))
        # Keys whose result is gone (transfers and stakes of these users).
        await db.execute(
            session,
            sa.text(
                "DELETE FROM buz_idempotency_keys WHERE result_id NOT IN "
                "(SELECT group_id FROM buz_transfers) AND result_id NOT IN "
                "(SELECT id FROM buz_stake_positions WHERE user_id NOT IN :users)"
            ).bindparams(sa.bindparam("users", value=user_ids, expanding=True)),
        )
        positions = sa.table("buz_stake_positions", sa.column("user_id", sa.Uuid()))
        await db.execute(session, sa.delete(positions).where(positions.c.user_id.in_(user_ids)))
        await db.execute(session, sa.delete(a).where(a.c.id.in_(ids)))
        for account_id, (balance, version) in snapshot.items():
            await db.execute(
                session,
                sa.update(a).where(a.c.id == account_id).values(balance=balance, version=version),
            )
        # Auth, users and notifications rows (the welcome notification) cascade from `users`,
        # except the audit log (no foreign key).
        for table, column in (("auth_audit_log", "user_id"), ("users", "id")):
            tbl = sa.table(table, sa.column(column, sa.Uuid()))
            await db.execute(session, sa.delete(tbl).where(tbl.c[column].in_(user_ids)))
