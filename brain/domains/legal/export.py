"""The legal domain's part of a user's data export (brain/core/export.py).

- `signatures`: the evidence of every signature the user gave (IP, user agent, method, typed
  name, consent flags, the SHA-256 signed and the HMAC that seals them), the user's own data;
- `documents`: every document the user sent, is a party to, or ended, as metadata (the
  content stays behind the documents API, where the parties read it), with the user's own
  part on it (role, order, status, when viewed and acted, their decline reason). Other
  parties' evidence and reasons are theirs and are not included;
- `milestones`, the `audit_log` entries about or by the user (with the chain hashes, so each
  can be checked against `GET /api/legal/audit/verify`), and, for administrators, the template
  versions they published, the compliance rules they last changed and the audit-chain
  verifications they ran.
"""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.export import DataExport, json_object, jsonable, keyset_rows
from brain.core.pagination import Keyset
from brain.domains.legal.models import (
    LegalAuditEntry,
    LegalAuditVerification,
    LegalComplianceRule,
    LegalDocument,
    LegalDocumentSigner,
    LegalMilestone,
    LegalSignature,
    LegalTemplateVersion,
)

_DOCUMENTS = LegalDocument.__table__  # type: ignore[attr-defined]
_SIGNERS = LegalDocumentSigner.__table__  # type: ignore[attr-defined]

DOCUMENTS = Keyset("legal.export_documents", _DOCUMENTS.c.created_at, _DOCUMENTS.c.id)
SIGNATURES = Keyset(
    "legal.export_signatures",
    sa.inspect(LegalSignature).columns.signed_at,
    sa.inspect(LegalSignature).columns.id,
)
AUDIT = Keyset("legal.export_audit", sa.inspect(LegalAuditEntry).columns.seq)

# What the export shows of a document: its metadata, not its content nor its variables (which
# can name the other parties).
_DOCUMENT_FIELDS = (
    "id", "title", "template_type", "template_major", "template_version_id", "subject_type",
    "subject_id", "sender_id", "signing_order", "personal", "status", "content_sha256",
    "deadline", "sent_at", "completed_at", "ended_at", "deleted_at", "created_at", "updated_at",
)  # fmt: skip
_SIGNER_FIELDS = (
    "role", "order", "status", "viewed_at", "notified_at", "acted_at", "decline_reason",
)  # fmt: skip


def _documents_query(user_id: uuid.UUID) -> sa.Select[Any]:
    mine = sa.select(_SIGNERS.c.document_id).where(_SIGNERS.c.user_id == user_id)
    signer = _SIGNERS.alias("you")
    return (
        sa.select(
            *(_DOCUMENTS.c[f] for f in _DOCUMENT_FIELDS),
            _DOCUMENTS.c.ended_by,
            _DOCUMENTS.c.end_reason,
            *(signer.c[f].label(f"signer_{f}") for f in _SIGNER_FIELDS),
            signer.c.id.label("signer_id"),
        )
        .outerjoin(
            signer,
            sa.and_(signer.c.document_id == _DOCUMENTS.c.id, signer.c.user_id == user_id),
        )
        .where(
            sa.or_(
                _DOCUMENTS.c.sender_id == user_id,
                _DOCUMENTS.c.ended_by == user_id,
                _DOCUMENTS.c.id.in_(mine),
            )
        )
    )


def _document(user_id: uuid.UUID) -> Any:
    def convert(row: Any) -> dict[str, Any]:
        values = row._mapping
        document = {f: values[f] for f in _DOCUMENT_FIELDS}
        ended_by_you = values["ended_by"] == user_id
        document["you_sent_it"] = values["sender_id"] == user_id
        document["you_ended_it"] = ended_by_you
        # The reason someone else gave for ending it is theirs (a decline reason).
        document["end_reason"] = values["end_reason"] if ended_by_you else None
        document["your_part"] = (
            {f: values[f"signer_{f}"] for f in _SIGNER_FIELDS}
            if values["signer_id"] is not None
            else None
        )
        return json_object(document)

    return convert


def _row(exclude: set[str]) -> Any:
    def convert(row: Any) -> dict[str, Any]:
        return json_object(row.model_dump(exclude=exclude))

    return convert


async def collect(session: AsyncSession, user_id: uuid.UUID) -> dict[str, Any]:
    milestones = await session.exec(select(LegalMilestone).where(LegalMilestone.user_id == user_id))
    versions = await session.exec(
        select(LegalTemplateVersion)
        .where(LegalTemplateVersion.created_by == user_id)
        .order_by(col(LegalTemplateVersion.created_at))
    )
    rules = await session.exec(
        select(LegalComplianceRule).where(LegalComplianceRule.updated_by == user_id)
    )
    verifications = await session.exec(
        select(LegalAuditVerification)
        .where(LegalAuditVerification.actor_id == user_id)
        .order_by(col(LegalAuditVerification.started_at))
    )
    signatures = select(LegalSignature).where(LegalSignature.user_id == user_id)
    audit = select(LegalAuditEntry).where(
        sa.or_(col(LegalAuditEntry.user_id) == user_id, col(LegalAuditEntry.actor_id) == user_id)
    )
    return {
        "signatures": keyset_rows(session, SIGNATURES, signatures, _row({"user_id"})),
        "documents": keyset_rows(session, DOCUMENTS, _documents_query(user_id), _document(user_id)),
        "milestones": [jsonable(m.model_dump(exclude={"user_id"})) for m in milestones.all()],
        "audit_log": keyset_rows(session, AUDIT, audit, _row(set())),
        "template_versions_published": [
            jsonable(v.model_dump(exclude={"content", "created_by"})) for v in versions.all()
        ],
        "compliance_rules_changed": [
            jsonable(r.model_dump(exclude={"updated_by"})) for r in rules.all()
        ],
        "audit_verifications_run": [
            jsonable(v.model_dump(exclude={"actor_id"})) for v in verifications.all()
        ],
    }


EXPORT = DataExport(
    collect=collect,
    tables=(
        "legal_signatures",
        "legal_documents",
        "legal_document_signers",
        "legal_milestones",
        "legal_audit_log",
        "legal_template_versions",
        "legal_compliance_rules",
        "legal_audit_verifications",
    ),
)
