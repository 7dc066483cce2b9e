"""legal: create templates, documents, signatures, rules and the audit chain

Templates and their versions, documents with signers, signatures, compliance rules,
milestones, and the hash-chained audit log with its one-row chain head.

Revision ID: 6578ea071ef3
Revises: 029173f134d0
Create Date: 2026-11-25 09:42:10+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "6578ea071ef3"
down_revision: str | None = "029173f134d0"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "legal_audit_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("legal_audit_head_pkey")),
    )
    # The chain starts empty: the genesis entry links to 64 zeros.
    op.execute(
        sa.text("INSERT INTO legal_audit_head (id, seq, hash) VALUES (1, 0, :h)").bindparams(
            h="0" * 64
        )
    )
    op.create_table(
        "legal_audit_log",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("document_id", sa.Uuid(), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("legal_audit_log_pkey")),
        sa.UniqueConstraint("id", name=op.f("legal_audit_log_id_key")),
    )
    with op.batch_alter_table("legal_audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_legal_audit_log_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_legal_audit_log_document_id"), ["document_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_legal_audit_log_user_id"), ["user_id"], unique=False)

    op.create_table(
        "legal_compliance_rules",
        sa.Column("action", sa.String(length=100), nullable=False),
        sa.Column("required_types", sa.JSON(), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("action", name=op.f("legal_compliance_rules_pkey")),
    )
    op.create_table(
        "legal_templates",
        sa.Column("type", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("personal", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("type", name=op.f("legal_templates_pkey")),
    )
    op.create_table(
        "legal_milestones",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("milestone", sa.String(length=60), nullable=False),
        sa.Column("reached_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("legal_milestones_user_id_fkey"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "milestone", name=op.f("legal_milestones_pkey")),
    )
    op.create_table(
        "legal_template_versions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("template_type", sa.String(length=40), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("major", sa.Integer(), nullable=False),
        sa.Column("minor", sa.Integer(), nullable=False),
        sa.Column("patch", sa.Integer(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("change_summary", sa.String(length=1000), nullable=True),
        sa.Column("effective_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["template_type"],
            ["legal_templates.type"],
            name=op.f("legal_template_versions_template_type_fkey"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("legal_template_versions_pkey")),
        sa.UniqueConstraint(
            "template_type", "major", "minor", "patch", name="legal_template_versions_semver_key"
        ),
    )
    op.create_table(
        "legal_documents",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("template_version_id", sa.Uuid(), nullable=False),
        sa.Column("template_type", sa.String(length=40), nullable=False),
        sa.Column("template_major", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("subject_type", sa.String(length=40), nullable=False),
        sa.Column("subject_id", sa.String(length=100), nullable=False),
        sa.Column("sender_id", sa.Uuid(), nullable=False),
        sa.Column("signing_order", sa.String(length=20), nullable=False),
        sa.Column("personal", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("variables", sa.JSON(), nullable=False),
        sa.Column("content", sa.Text(), nullable=True),
        sa.Column("content_sha256", sa.String(length=64), nullable=True),
        sa.Column("deadline", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("end_reason", sa.String(length=1000), nullable=True),
        sa.Column("ended_by", sa.Uuid(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["sender_id"], ["users.id"], name=op.f("legal_documents_sender_id_fkey")
        ),
        sa.ForeignKeyConstraint(
            ["template_version_id"],
            ["legal_template_versions.id"],
            name=op.f("legal_documents_template_version_id_fkey"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("legal_documents_pkey")),
    )
    with op.batch_alter_table("legal_documents", schema=None) as batch_op:
        batch_op.create_index(
            "ix_legal_documents_created_at_id", ["created_at", "id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_legal_documents_sender_id"), ["sender_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_legal_documents_status"), ["status"], unique=False)

    op.create_table(
        "legal_document_signers",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("document_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("order", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("viewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("notified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("acted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decline_reason", sa.String(length=1000), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["legal_documents.id"],
            name=op.f("legal_document_signers_document_id_fkey"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("legal_document_signers_user_id_fkey")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("legal_document_signers_pkey")),
        sa.UniqueConstraint("document_id", "user_id", name="legal_document_signers_user_key"),
    )
    with op.batch_alter_table("legal_document_signers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_legal_document_signers_user_id"), ["user_id"], unique=False
        )

    op.create_table(
        "legal_signatures",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("document_id", sa.Uuid(), nullable=False),
        sa.Column("signer_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("template_type", sa.String(length=40), nullable=False),
        sa.Column("template_major", sa.Integer(), nullable=False),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ip", sa.String(length=100), nullable=False),
        sa.Column("user_agent", sa.String(length=500), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("legal_name", sa.String(length=200), nullable=True),
        sa.Column("document_sha256", sa.String(length=64), nullable=False),
        sa.Column("consent_given", sa.Boolean(), nullable=False),
        sa.Column("terms_accepted", sa.Boolean(), nullable=False),
        sa.Column("hmac", sa.String(length=64), nullable=False),
        sa.CheckConstraint(
            "consent_given AND terms_accepted", name=op.f("legal_signatures_consent_check")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["legal_documents.id"],
            name=op.f("legal_signatures_document_id_fkey"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["signer_id"],
            ["legal_document_signers.id"],
            name=op.f("legal_signatures_signer_id_fkey"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("legal_signatures_user_id_fkey")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("legal_signatures_pkey")),
        sa.UniqueConstraint("document_id", "user_id", name="legal_signatures_document_user_key"),
    )
    with op.batch_alter_table("legal_signatures", schema=None) as batch_op:
        batch_op.create_index(
            "ix_legal_signatures_user_type", ["user_id", "template_type", "signed_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("legal_signatures", schema=None) as batch_op:
        batch_op.drop_index("ix_legal_signatures_user_type")

    op.drop_table("legal_signatures")
    with op.batch_alter_table("legal_document_signers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_legal_document_signers_user_id"))

    op.drop_table("legal_document_signers")
    with op.batch_alter_table("legal_documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_legal_documents_status"))
        batch_op.drop_index(batch_op.f("ix_legal_documents_sender_id"))
        batch_op.drop_index("ix_legal_documents_created_at_id")

    op.drop_table("legal_documents")
    op.drop_table("legal_template_versions")
    op.drop_table("legal_milestones")
    op.drop_table("legal_templates")
    op.drop_table("legal_compliance_rules")
    with op.batch_alter_table("legal_audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_legal_audit_log_user_id"))
        batch_op.drop_index(batch_op.f("ix_legal_audit_log_document_id"))
        batch_op.drop_index(batch_op.f("ix_legal_audit_log_actor_id"))

    op.drop_table("legal_audit_log")
    op.drop_table("legal_audit_head")
