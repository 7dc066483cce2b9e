"""umbrella: create referral codes, relationships and revenue shares; the agreement per link

Also legal data the umbrella needs: the UMBRELLA_AGREEMENT is signed by each party alone
through `POST /api/legal/templates/UMBRELLA_AGREEMENT/sign` (a personal template), for the
relationship it is about, so `umbrella.activate` scopes it to its subject. The values are
frozen here, as a migration must not import code that may change.

Revision ID: 7d2b9e4f1a35
Revises: 3f7d2a9c1e58
Create Date: 2026-12-06 19:10:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7d2b9e4f1a35"
down_revision: str | None = "3f7d2a9c1e58"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC = sa.DateTime(timezone=True)

templates = sa.table(
    "legal_templates", sa.column("type", sa.String), sa.column("personal", sa.Boolean)
)
rules = sa.table(
    "legal_compliance_rules",
    sa.column("action", sa.String),
    sa.column("scoped_types", sa.JSON),
    sa.column("description", sa.String),
)


def _tables() -> None:
    op.create_table(
        "umbrella_referral_codes",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("umbrella_referral_codes_user_id_fkey")
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("umbrella_referral_codes_pkey")),
        sa.UniqueConstraint("code", name=op.f("umbrella_referral_codes_code_key")),
    )
    op.create_table(
        "umbrella_relationships",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("referral_type", sa.String(length=30), nullable=True),
        sa.Column("from_user_id", sa.Uuid(), nullable=False),
        sa.Column("to_user_id", sa.Uuid(), nullable=False),
        sa.Column("state", sa.String(length=30), nullable=False),
        sa.Column("via", sa.String(length=20), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("referred_user_id", sa.Uuid(), nullable=True),
        sa.Column("open_key", sa.String(length=120), nullable=True),
        sa.Column("blocked", sa.Boolean(), nullable=False),
        sa.Column("expires_at", UTC, nullable=True),
        sa.Column("ended_at", UTC, nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        sa.CheckConstraint(
            "from_user_id <> to_user_id", name=op.f("umbrella_relationships_not_self_check")
        ),
        sa.ForeignKeyConstraint(
            ["from_user_id"], ["users.id"], name=op.f("umbrella_relationships_from_user_id_fkey")
        ),
        sa.ForeignKeyConstraint(
            ["to_user_id"], ["users.id"], name=op.f("umbrella_relationships_to_user_id_fkey")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("umbrella_relationships_pkey")),
        sa.UniqueConstraint("open_key", name=op.f("umbrella_relationships_open_key_key")),
        sa.UniqueConstraint(
            "referred_user_id", name=op.f("umbrella_relationships_referred_user_id_key")
        ),
    )
    op.create_index(
        "ix_umbrella_relationships_created_at_id",
        "umbrella_relationships",
        ["created_at", "id"],
    )
    op.create_index(
        op.f("ix_umbrella_relationships_from_user_id"), "umbrella_relationships", ["from_user_id"]
    )
    op.create_index(
        op.f("ix_umbrella_relationships_to_user_id"), "umbrella_relationships", ["to_user_id"]
    )
    op.create_table(
        "umbrella_revenue_shares",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("relationship_id", sa.Uuid(), nullable=False),
        sa.Column("earner_id", sa.Uuid(), nullable=False),
        sa.Column("source_user_id", sa.Uuid(), nullable=False),
        sa.Column("source_transfer_id", sa.Uuid(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("source_amount", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("transfer_id", sa.Uuid(), nullable=True),
        sa.Column("reversal_id", sa.Uuid(), nullable=True),
        sa.Column("voided_at", UTC, nullable=True),
        sa.Column("paid_at", UTC, nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.CheckConstraint("amount >= 0", name=op.f("umbrella_revenue_shares_amount_check")),
        sa.CheckConstraint(
            "level BETWEEN 1 AND 3", name=op.f("umbrella_revenue_shares_level_check")
        ),
        sa.ForeignKeyConstraint(
            ["earner_id"], ["users.id"], name=op.f("umbrella_revenue_shares_earner_id_fkey")
        ),
        sa.ForeignKeyConstraint(
            ["relationship_id"],
            ["umbrella_relationships.id"],
            name=op.f("umbrella_revenue_shares_relationship_id_fkey"),
        ),
        sa.ForeignKeyConstraint(
            ["source_user_id"],
            ["users.id"],
            name=op.f("umbrella_revenue_shares_source_user_id_fkey"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("umbrella_revenue_shares_pkey")),
        sa.UniqueConstraint(
            "relationship_id", "source_transfer_id", name="umbrella_revenue_shares_once"
        ),
    )
    op.create_index(
        "ix_umbrella_revenue_shares_earner",
        "umbrella_revenue_shares",
        ["earner_id", "created_at", "id"],
    )
    op.create_index(
        op.f("ix_umbrella_revenue_shares_relationship_id"),
        "umbrella_revenue_shares",
        ["relationship_id"],
    )
    op.create_index(
        op.f("ix_umbrella_revenue_shares_source_user_id"),
        "umbrella_revenue_shares",
        ["source_user_id"],
    )
    op.create_index(
        op.f("ix_umbrella_revenue_shares_source_transfer_id"),
        "umbrella_revenue_shares",
        ["source_transfer_id"],
    )


def upgrade() -> None:
    _tables()
    op.execute(
        templates.update().where(templates.c.type == "UMBRELLA_AGREEMENT").values(personal=True)
    )
    op.execute(
        rules.update()
        .where(rules.c.action == "umbrella.activate")
        .values(
            scoped_types=["UMBRELLA_AGREEMENT"],
            description="Activate a referral relationship (both parties sign the agreement for it).",
        )
    )


def downgrade() -> None:
    op.execute(
        rules.update()
        .where(rules.c.action == "umbrella.activate")
        .values(
            scoped_types=[],
            description="Activate a referral relationship (both parties sign one agreement).",
        )
    )
    op.execute(
        templates.update().where(templates.c.type == "UMBRELLA_AGREEMENT").values(personal=False)
    )
    op.drop_index(op.f("ix_umbrella_revenue_shares_source_transfer_id"), "umbrella_revenue_shares")
    op.drop_index(op.f("ix_umbrella_revenue_shares_source_user_id"), "umbrella_revenue_shares")
    op.drop_index(op.f("ix_umbrella_revenue_shares_relationship_id"), "umbrella_revenue_shares")
    op.drop_index("ix_umbrella_revenue_shares_earner", "umbrella_revenue_shares")
    op.drop_table("umbrella_revenue_shares")
    op.drop_index(op.f("ix_umbrella_relationships_to_user_id"), "umbrella_relationships")
    op.drop_index(op.f("ix_umbrella_relationships_from_user_id"), "umbrella_relationships")
    op.drop_index("ix_umbrella_relationships_created_at_id", "umbrella_relationships")
    op.drop_table("umbrella_relationships")
    op.drop_table("umbrella_referral_codes")
