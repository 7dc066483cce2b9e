"""legal: the audit chain's verified checkpoint and the record of verifications

`legal_audit_checkpoint` (one row, id 1) holds the last entry a verification found intact
(incremental verifications start there) and the latest full walk's result;
`legal_audit_verifications` records every verification (API calls and the daily job). The
checkpoint starts at the genesis (seq 0), so the first verification walks the whole chain.

Revision ID: 5a1c8e0f2b77
Revises: 3e9b7d2c4f18
Create Date: 2026-12-06 16:31:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5a1c8e0f2b77"
down_revision: str | None = "3e9b7d2c4f18"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "legal_audit_checkpoint",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("full_verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("full_valid", sa.Boolean(), nullable=True),
        sa.Column("full_broken_at", sa.Integer(), nullable=True),
        sa.Column("full_reason", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("legal_audit_checkpoint_pkey")),
    )
    op.execute(
        sa.text("INSERT INTO legal_audit_checkpoint (id, seq, hash) VALUES (1, 0, :h)").bindparams(
            h="0" * 64
        )
    )
    op.create_table(
        "legal_audit_verifications",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("trigger", sa.String(length=20), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("from_seq", sa.Integer(), nullable=False),
        sa.Column("to_seq", sa.Integer(), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("valid", sa.Boolean(), nullable=False),
        sa.Column("broken_at", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("legal_audit_verifications_pkey")),
    )
    with op.batch_alter_table("legal_audit_verifications", schema=None) as batch_op:
        batch_op.create_index(
            "ix_legal_audit_verifications_started_at_id", ["started_at", "id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("legal_audit_verifications", schema=None) as batch_op:
        batch_op.drop_index("ix_legal_audit_verifications_started_at_id")
    op.drop_table("legal_audit_verifications")
    op.drop_table("legal_audit_checkpoint")
