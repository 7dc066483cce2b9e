"""buz: create the ledger (accounts, transfers, staking, prices, admin audit) and its genesis

Genesis is data, in this migration, so it happens exactly once per database: the system
accounts, the four pool mints from the issuance account (with balance-after and versions like
any transfer), and a wallet and a staking account for every user that exists already (users
created later get theirs from the `users.registered` handler). The numbers are frozen here,
as a migration must not import code that may change.

Revision ID: e6e7f584490a
Revises: 8d2f4b6c1a90
Create Date: 2026-11-25 09:43:49.368902+00:00
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "e6e7f584490a"
down_revision: str | None = "8d2f4b6c1a90"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "buz_idempotency_keys",
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("operation", sa.String(length=30), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("result_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("buz_idempotency_keys_pkey")),
    )
    op.create_table(
        "buz_accounts",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("balance", sa.BigInteger(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "balance >= 0 OR code = 'issuance'",
            name=op.f("buz_accounts_balance_not_negative_check"),
        ),
        sa.CheckConstraint("balance >= -100000000000", name=op.f("buz_accounts_max_supply_check")),
        sa.CheckConstraint("version >= 0", name=op.f("buz_accounts_version_not_negative_check")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("buz_accounts_user_id_fkey"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("buz_accounts_pkey")),
        sa.UniqueConstraint("code", name=op.f("buz_accounts_code_key")),
    )
    with op.batch_alter_table("buz_accounts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_buz_accounts_user_id"), ["user_id"], unique=False)

    op.create_table(
        "buz_admin_actions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=True),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("group_id", sa.Uuid(), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["users.id"], name=op.f("buz_admin_actions_actor_id_fkey")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("buz_admin_actions_pkey")),
    )
    with op.batch_alter_table("buz_admin_actions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_buz_admin_actions_actor_id"), ["actor_id"], unique=False
        )

    op.create_table(
        "buz_prices",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("price_usd", sa.Numeric(precision=20, scale=8), nullable=False),
        sa.Column("set_by", sa.Uuid(), nullable=True),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["set_by"], ["users.id"], name=op.f("buz_prices_set_by_fkey")),
        sa.PrimaryKeyConstraint("id", name=op.f("buz_prices_pkey")),
    )
    with op.batch_alter_table("buz_prices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_buz_prices_created_at"), ["created_at"], unique=False)

    op.create_table(
        "buz_stake_positions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("tier", sa.String(length=20), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("apy_bps", sa.Integer(), nullable=False),
        sa.Column("lock_days", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("matures_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reward_paid", sa.BigInteger(), nullable=False),
        sa.Column("penalty", sa.BigInteger(), nullable=False),
        sa.Column("stake_group_id", sa.Uuid(), nullable=False),
        sa.Column("unstake_group_id", sa.Uuid(), nullable=True),
        sa.CheckConstraint("amount > 0", name=op.f("buz_stake_positions_amount_positive_check")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("buz_stake_positions_user_id_fkey")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("buz_stake_positions_pkey")),
    )
    with op.batch_alter_table("buz_stake_positions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_buz_stake_positions_status_matures", ["status", "matures_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_buz_stake_positions_user_id"), ["user_id"], unique=False
        )

    op.create_table(
        "buz_daily_sends",
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["buz_accounts.id"], name=op.f("buz_daily_sends_account_id_fkey")
        ),
        sa.PrimaryKeyConstraint("account_id", "day", name=op.f("buz_daily_sends_pkey")),
    )
    op.create_table(
        "buz_transfers",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("group_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("debit_account_id", sa.Uuid(), nullable=False),
        sa.Column("credit_account_id", sa.Uuid(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("debit_balance_after", sa.BigInteger(), nullable=False),
        sa.Column("debit_version", sa.BigInteger(), nullable=False),
        sa.Column("credit_balance_after", sa.BigInteger(), nullable=False),
        sa.Column("credit_version", sa.BigInteger(), nullable=False),
        sa.Column("memo", sa.String(length=280), nullable=True),
        sa.Column("reference", sa.String(length=200), nullable=True),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("amount > 0", name=op.f("buz_transfers_amount_positive_check")),
        sa.CheckConstraint(
            "debit_account_id <> credit_account_id",
            name=op.f("buz_transfers_distinct_accounts_check"),
        ),
        sa.ForeignKeyConstraint(
            ["credit_account_id"],
            ["buz_accounts.id"],
            name=op.f("buz_transfers_credit_account_id_fkey"),
        ),
        sa.ForeignKeyConstraint(
            ["debit_account_id"],
            ["buz_accounts.id"],
            name=op.f("buz_transfers_debit_account_id_fkey"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("buz_transfers_pkey")),
    )
    with op.batch_alter_table("buz_transfers", schema=None) as batch_op:
        batch_op.create_index("ix_buz_transfers_created_at", ["created_at"], unique=False)
        batch_op.create_index(
            "ix_buz_transfers_credit_created", ["credit_account_id", "created_at"], unique=False
        )
        batch_op.create_index(
            "ix_buz_transfers_debit_created", ["debit_account_id", "created_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_buz_transfers_group_id"), ["group_id"], unique=False)

    genesis()


# rules.account_id: uuid5 of the account's code in this namespace.
ACCOUNT_NAMESPACE = uuid.UUID("6f1d3c2e-5b8a-4f3e-9a51-3e1b2c4d5e6f")
SYSTEM = [
    "issuance",
    "burn",
    "fees",
    "user_rewards",
    "staking_rewards",
    "community",
    "venture_fund",
]
# Minor units (1 BUZ = 100).
GENESIS = {
    "user_rewards": 150_000_000_00,
    "staking_rewards": 200_000_000_00,
    "community": 100_000_000_00,
    "venture_fund": 100_000_000_00,
}


def _id(code: str) -> uuid.UUID:
    return uuid.uuid5(ACCOUNT_NAMESPACE, code)


def genesis() -> None:
    now = datetime.now(UTC)
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
    transfers = sa.table(
        "buz_transfers",
        *(
            sa.column(name, sa.Uuid())
            for name in ("id", "group_id", "debit_account_id", "credit_account_id")
        ),
        sa.column("kind", sa.String()),
        sa.column("reference", sa.String()),
        sa.column("created_at", sa.DateTime(timezone=True)),
        *(
            sa.column(name, sa.BigInteger())
            for name in (
                "amount",
                "debit_balance_after",
                "debit_version",
                "credit_balance_after",
                "credit_version",
            )
        ),
    )
    issued = sum(GENESIS.values())
    balances = dict.fromkeys(SYSTEM, 0) | GENESIS | {"issuance": -issued}
    versions = dict.fromkeys(SYSTEM, 0) | dict.fromkeys(GENESIS, 1)
    versions["issuance"] = len(GENESIS)
    op.bulk_insert(
        accounts,
        [
            {
                "id": _id(code),
                "code": code,
                "kind": "SYSTEM",
                "user_id": None,
                "balance": balances[code],
                "version": versions[code],
                "created_at": now,
            }
            for code in SYSTEM
        ],
    )
    legs = []
    issuance_balance = 0
    for n, (pool, amount) in enumerate(GENESIS.items(), start=1):
        issuance_balance -= amount
        leg_id = _id(f"genesis:{pool}")
        legs.append(
            {
                "id": leg_id,
                "group_id": leg_id,
                "kind": "MINT",
                "debit_account_id": _id("issuance"),
                "credit_account_id": _id(pool),
                "amount": amount,
                "debit_balance_after": issuance_balance,
                "debit_version": n,
                "credit_balance_after": amount,
                "credit_version": 1,
                "reference": "genesis",
                "created_at": now,
            }
        )
    op.bulk_insert(transfers, legs)
    user_ids = [row[0] for row in op.get_bind().execute(sa.text("SELECT id FROM users"))]
    wallets = []
    for raw in user_ids:
        user_id = raw if isinstance(raw, uuid.UUID) else uuid.UUID(str(raw))
        for kind, prefix in (("WALLET", "wallet"), ("STAKING", "staking")):
            code = f"{prefix}:{user_id}"
            wallets.append(
                {
                    "id": _id(code),
                    "code": code,
                    "kind": kind,
                    "user_id": user_id,
                    "balance": 0,
                    "version": 0,
                    "created_at": now,
                }
            )
    if wallets:
        op.bulk_insert(accounts, wallets)


def downgrade() -> None:
    with op.batch_alter_table("buz_transfers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_buz_transfers_group_id"))
        batch_op.drop_index("ix_buz_transfers_debit_created")
        batch_op.drop_index("ix_buz_transfers_credit_created")
        batch_op.drop_index("ix_buz_transfers_created_at")

    op.drop_table("buz_transfers")
    op.drop_table("buz_daily_sends")
    with op.batch_alter_table("buz_stake_positions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_buz_stake_positions_user_id"))
        batch_op.drop_index("ix_buz_stake_positions_status_matures")

    op.drop_table("buz_stake_positions")
    with op.batch_alter_table("buz_prices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_buz_prices_created_at"))

    op.drop_table("buz_prices")
    with op.batch_alter_table("buz_admin_actions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_buz_admin_actions_actor_id"))

    op.drop_table("buz_admin_actions")
    with op.batch_alter_table("buz_accounts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_buz_accounts_user_id"))

    op.drop_table("buz_accounts")
    op.drop_table("buz_idempotency_keys")
