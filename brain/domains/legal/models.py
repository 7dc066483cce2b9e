"""The legal domain's tables. Only `legal.service` writes them.

Foreign keys to other domains (users) are plain columns without an ORM relationship (house
style). Template versions, signatures and audit entries are append-only: the service never
updates or deletes them, and `verify` proves nobody else did either.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from brain.core.models import new_id, utc_column, utcnow


class LegalTemplate(SQLModel, table=True):
    """One document type (PPA, BTS, ...)."""

    __tablename__ = "legal_templates"

    type: str = Field(primary_key=True, max_length=40)
    name: str = Field(max_length=200)
    category: str = Field(max_length=40)
    personal: bool = Field(default=False)
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())


class LegalTemplateVersion(SQLModel, table=True):
    """An immutable version of a template: content (Markdown), semantic version, the SHA-256
    of the canonical content and the time it takes effect."""

    __tablename__ = "legal_template_versions"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    template_type: str = Field(
        max_length=40, foreign_key="legal_templates.type", ondelete="CASCADE"
    )
    version: str = Field(max_length=40)
    major: int
    minor: int
    patch: int
    content: str = Field(sa_column=sa.Column(sa.Text(), nullable=False))
    sha256: str = Field(max_length=64)
    change_summary: str | None = Field(default=None, max_length=1000)
    effective_at: datetime = Field(sa_column=utc_column())
    created_by: uuid.UUID | None = Field(default=None)
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())

    __table_args__ = (
        sa.UniqueConstraint(
            "template_type", "major", "minor", "patch", name="legal_template_versions_semver_key"
        ),
    )


class LegalDocument(SQLModel, table=True):
    """A document made from a template version for a subject, with signers.

    `content` and `content_sha256` are filled when the document is sent and never change
    afterwards. `status` mirrors the `legal_document` state-machine instance (the engine is
    the authority; the copy lets lists filter without crossing domains).
    """

    __tablename__ = "legal_documents"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    template_version_id: uuid.UUID = Field(foreign_key="legal_template_versions.id")
    template_type: str = Field(max_length=40)
    template_major: int
    title: str = Field(max_length=200)
    subject_type: str = Field(max_length=40)
    subject_id: str = Field(max_length=100)
    sender_id: uuid.UUID = Field(foreign_key="users.id", index=True)
    signing_order: str = Field(max_length=20)
    personal: bool = Field(default=False)
    status: str = Field(max_length=40, index=True)
    variables: dict[str, str] = Field(
        default_factory=dict, sa_column=sa.Column(sa.JSON(), nullable=False)
    )
    content: str | None = Field(default=None, sa_column=sa.Column(sa.Text(), nullable=True))
    content_sha256: str | None = Field(default=None, max_length=64)
    deadline: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    sent_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    completed_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    ended_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    end_reason: str | None = Field(default=None, max_length=1000)
    ended_by: uuid.UUID | None = Field(default=None)
    deleted_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
    updated_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())

    __table_args__ = (sa.Index("ix_legal_documents_created_at_id", "created_at", "id"),)


class LegalDocumentSigner(SQLModel, table=True):
    """A party to a document: SIGNER and APPROVER must act; VIEWER and CC only read."""

    __tablename__ = "legal_document_signers"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    document_id: uuid.UUID = Field(foreign_key="legal_documents.id", ondelete="CASCADE")
    user_id: uuid.UUID = Field(foreign_key="users.id", index=True)
    role: str = Field(max_length=20)
    order: int = Field(default=1)
    status: str = Field(max_length=20)
    viewed_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    notified_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    acted_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    decline_reason: str | None = Field(default=None, max_length=1000)

    __table_args__ = (
        sa.UniqueConstraint("document_id", "user_id", name="legal_document_signers_user_key"),
    )


class LegalSignature(SQLModel, table=True):
    """The evidence of one signature. `hmac` covers every other evidence field (see
    `signing.evidence_record`) under the key `hmac_key_id`; a signer signs a document at most
    once (unique)."""

    __tablename__ = "legal_signatures"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    document_id: uuid.UUID = Field(foreign_key="legal_documents.id", ondelete="CASCADE")
    signer_id: uuid.UUID = Field(foreign_key="legal_document_signers.id", ondelete="CASCADE")
    user_id: uuid.UUID = Field(foreign_key="users.id")
    template_type: str = Field(max_length=40)
    template_major: int
    signed_at: datetime = Field(sa_column=utc_column())
    ip: str = Field(max_length=100)
    user_agent: str = Field(max_length=500)
    method: str = Field(max_length=20)
    legal_name: str | None = Field(default=None, max_length=200)
    document_sha256: str = Field(max_length=64)
    consent_given: bool
    terms_accepted: bool
    hmac: str = Field(max_length=64)
    # Which key of the evidence keyring made `hmac` (brain/domains/legal/keys.py). Not covered
    # by the HMAC (rows older than keyrings were signed without it); changing it cannot forge
    # anything, since only the key that made the HMAC reproduces it.
    hmac_key_id: str = Field(max_length=40)

    __table_args__ = (
        sa.UniqueConstraint("document_id", "user_id", name="legal_signatures_document_user_key"),
        # Compliance looks up a user's signatures of one template type.
        sa.Index("ix_legal_signatures_user_type", "user_id", "template_type", "signed_at"),
        # Consent is never defaulted: a row without both flags true cannot exist.
        sa.CheckConstraint("consent_given AND terms_accepted", name="consent"),
    )


class LegalComplianceRule(SQLModel, table=True):
    """An action and the template types its actor must have signed (latest major, valid)."""

    __tablename__ = "legal_compliance_rules"

    action: str = Field(primary_key=True, max_length=100)
    required_types: list[str] = Field(sa_column=sa.Column(sa.JSON(), nullable=False))
    # Those of `required_types` that count only when signed for the action's subject (the PPNA
    # of `ventures.join` is signed for one venture): see `compliance.check_compliance`.
    scoped_types: list[str] = Field(
        default_factory=list,
        sa_column=sa.Column(sa.JSON(), nullable=False, server_default=sa.text("'[]'")),
    )
    description: str = Field(default="", max_length=500)
    updated_by: uuid.UUID | None = Field(default=None)
    updated_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())


class LegalMilestone(SQLModel, table=True):
    """Something that happens once per user (the platform pack completed): the primary key
    makes publishing its event a once-only act, even under concurrent signing."""

    __tablename__ = "legal_milestones"

    user_id: uuid.UUID = Field(primary_key=True, foreign_key="users.id", ondelete="CASCADE")
    milestone: str = Field(primary_key=True, max_length=60)
    reached_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())


class LegalAuditEntry(SQLModel, table=True):
    """One link of the append-only audit chain: `hash` = SHA-256 of this entry's canonical
    form, which includes `prev_hash`, the hash of entry `seq - 1`."""

    __tablename__ = "legal_audit_log"

    seq: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    id: uuid.UUID = Field(default_factory=new_id, unique=True)
    occurred_at: datetime = Field(sa_column=utc_column())
    action: str = Field(max_length=60)
    actor_id: uuid.UUID | None = Field(default=None, index=True)
    user_id: uuid.UUID | None = Field(default=None, index=True)
    document_id: uuid.UUID | None = Field(default=None, index=True)
    data: dict[str, Any] = Field(
        default_factory=dict, sa_column=sa.Column(sa.JSON(), nullable=False)
    )
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)


class LegalAuditHead(SQLModel, table=True):
    """The chain's head, one row (id 1). Appending updates it first, which takes its row lock
    (Postgres) or happens under SQLite's single writer, so appends are serialised and the
    chain cannot fork; `seq` being the audit log's primary key is the second line."""

    __tablename__ = "legal_audit_head"

    id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    seq: int
    hash: str = Field(max_length=64)


class LegalAuditCheckpoint(SQLModel, table=True):
    """How far the chain is known to be intact, one row (id 1).

    `seq`/`hash`: the last entry a verification walked without a break; an incremental
    verification re-checks that entry and walks only what follows. It only moves forward (a
    conditional update), so concurrent verifications cannot move it back. `full_*`: the result
    of the latest full walk (the daily job or `?full=true`); a break it found keeps every
    incremental verification invalid until a full walk passes again.
    """

    __tablename__ = "legal_audit_checkpoint"

    id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    seq: int
    hash: str = Field(max_length=64)
    verified_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    full_verified_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    full_valid: bool | None = Field(default=None)
    full_broken_at: int | None = Field(default=None)
    full_reason: str | None = Field(default=None, max_length=200)


class LegalAuditVerification(SQLModel, table=True):
    """One verification of the audit chain (an API call or the job) and its result: the
    record an auditor reads to see when the chain was checked, how far, and what was found."""

    __tablename__ = "legal_audit_verifications"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    started_at: datetime = Field(sa_column=utc_column())
    finished_at: datetime = Field(sa_column=utc_column())
    mode: str = Field(max_length=20)  # full | incremental
    trigger: str = Field(max_length=20)  # api | job
    actor_id: uuid.UUID | None = Field(default=None)
    from_seq: int
    to_seq: int
    entries: int
    valid: bool
    broken_at: int | None = Field(default=None)
    reason: str | None = Field(default=None, max_length=200)

    __table_args__ = (sa.Index("ix_legal_audit_verifications_started_at_id", "started_at", "id"),)
