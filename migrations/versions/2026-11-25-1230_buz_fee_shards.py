"""buz: split the fees account into 16 shards (`fees` stays shard 0; adds `fees:1` ... `fees:15`)

Every user transfer credits a fee account; with one, every transfer waited on its row lock
(docs/services/buz.md, Performance). The shards start empty; the existing `fees` account keeps
its balance and history as shard 0. The numbers are frozen here, as a migration must not
import code that may change.

Revision ID: b7c1f0a2d935
Revises: e6e7f584490a
Create Date: 2026-11-25 12:30:00.000000+00:00
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "b7c1f0a2d935"
down_revision: str | None = "e6e7f584490a"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# rules.account_id: uuid5 of the account's code in this namespace.
ACCOUNT_NAMESPACE = uuid.UUID("6f1d3c2e-5b8a-4f3e-9a51-3e1b2c4d5e6f")
CODES = [f"fees:{n}" for n in range(1, 16)]

accounts = sa.table(
    "buz_accounts",
    sa.column("id", sa.Uuid()),
    sa.column("code", sa.String()),
    sa.column("kind", sa.String()),
    sa.column("user_id", sa.Uuid()),
    sa.column("balance", sa.BigInteger()),
    sa.column("version", sa.BigInteger()),
    sa.column("created_at", sa.DateTime(timezone=True)),
)


def upgrade() -> None:
    now = datetime.now(UTC)
    op.bulk_insert(
        accounts,
        [
            {
                "id": uuid.uuid5(ACCOUNT_NAMESPACE, code),
                "code": code,
                "kind": "SYSTEM",
                "user_id": None,
                "balance": 0,
                "version": 0,
                "created_at": now,
            }
            for code in CODES
        ],
    )


def downgrade() -> None:
    # The shards' legs refer to them, so a downgrade is only possible while they were never
    # used: refuse rather than lose or rewrite ledger history.
    used = op.get_bind().execute(
        sa.select(sa.func.count())
        .select_from(accounts)
        .where(accounts.c.code.in_(CODES), accounts.c.version > 0)
    )
    if used.scalar():
        raise RuntimeError("fee shards hold ledger history; this downgrade would lose it")
    op.execute(accounts.delete().where(accounts.c.code.in_(CODES)))
