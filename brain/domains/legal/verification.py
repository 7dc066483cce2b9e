"""Verification, completion certificates and reading the audit trail (reads only).
`legal.service` re-exports these functions."""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core.config import get_settings
from brain.core.models import utcnow
from brain.core.pagination import Keyset, PageParams
from brain.domains.auth.schemas import AuthenticatedUser
from brain.domains.legal import audit_checks
from brain.domains.legal.documents import DocumentView, is_admin
from brain.domains.legal.errors import NotCompleted
from brain.domains.legal.integrity import content_sha256, hmac_matches
from brain.domains.legal.keys import Keyring, keyring
from brain.domains.legal.models import (
    LegalAuditEntry,
    LegalAuditVerification,
    LegalDocument,
    LegalDocumentSigner,
    LegalSignature,
)
from brain.domains.legal.schemas import (
    AuditEntryRead,
    AuditVerifyResult,
    Certificate,
    CertificateSigner,
    DocumentStatus,
    HmacStatus,
    SignatureCheck,
    SignatureEvidence,
    SignerRole,
    SignerStatus,
    SigningOrder,
    VerifyResult,
)
from brain.domains.legal.signing import evidence_record
from brain.domains.users import service as users
from brain.domains.users.errors import UserNotFound

# The audit trail, newest first; `seq` is the chain's position, unique.
AUDIT = Keyset("legal.audit", sa.inspect(LegalAuditEntry).c.seq)
# Verifications of the chain, newest first.
VERIFICATIONS = Keyset(
    "legal.audit_verifications",
    sa.inspect(LegalAuditVerification).c.started_at,
    sa.inspect(LegalAuditVerification).c.id,
)


def evidence(signature: LegalSignature) -> SignatureEvidence:
    return SignatureEvidence(
        signature_id=signature.id,
        user_id=signature.user_id,
        signed_at=signature.signed_at,
        ip=signature.ip,
        user_agent=signature.user_agent,
        method=signature.method,  # type: ignore[arg-type]
        legal_name=signature.legal_name,
        document_sha256=signature.document_sha256,
        consent_given=signature.consent_given,
        terms_accepted=signature.terms_accepted,
        hmac=signature.hmac,
        hmac_key_id=signature.hmac_key_id,
    )


async def _signatures(session: AsyncSession, document_id: uuid.UUID) -> list[LegalSignature]:
    query = (
        select(LegalSignature)
        .where(col(LegalSignature.document_id) == document_id)
        .order_by(col(LegalSignature.signed_at))
        .execution_options(populate_existing=True)
    )
    return list((await session.exec(query)).all())


def _hmac_status(ring: Keyring, signature: LegalSignature) -> HmacStatus:
    key = ring.get(signature.hmac_key_id)
    if key is None:
        return HmacStatus.UNKNOWN_KEY
    if hmac_matches(key.key, evidence_record(signature), signature.hmac):
        return HmacStatus.VALID
    return HmacStatus.TAMPERED


async def verify_document(session: AsyncSession, view: DocumentView) -> VerifyResult:
    """Recompute the content hash and every signature's HMAC; report what fails."""
    document = view.document
    failures: list[str] = []
    stored = document.content_sha256
    computed = content_sha256(document.content) if document.content is not None else None
    hash_valid = stored == computed
    if not hash_valid:
        failures.append("the document content does not match its stored SHA-256")
    if content_sha256(view.version.content) != view.version.sha256:
        failures.append(f"template {view.version.template_type} {view.version.version} altered")
    ring = keyring(get_settings())
    checks: list[SignatureCheck] = []
    for signature in await _signatures(session, document.id):
        status = _hmac_status(ring, signature)
        check = SignatureCheck(
            signature_id=signature.id,
            user_id=signature.user_id,
            hmac_valid=status == HmacStatus.VALID,
            hmac_status=status,
            hmac_key_id=signature.hmac_key_id,
            document_hash_matches=stored is not None and signature.document_sha256 == stored,
        )
        if status == HmacStatus.TAMPERED:
            failures.append(
                f"signature {signature.id}: evidence does not match its HMAC "
                f"(key {signature.hmac_key_id!r})"
            )
        elif status == HmacStatus.UNKNOWN_KEY:
            failures.append(
                f"signature {signature.id}: made with key {signature.hmac_key_id!r}, which is "
                "not in the evidence keyring; it cannot be checked until that key is restored"
            )
        if not check.document_hash_matches:
            failures.append(f"signature {signature.id}: signed another content hash")
        checks.append(check)
    return VerifyResult(
        valid=not failures,
        document_id=document.id,
        stored_sha256=stored,
        computed_sha256=computed,
        document_hash_valid=hash_valid,
        signatures=checks,
        failures=failures,
    )


def audit_read(entry: LegalAuditEntry) -> AuditEntryRead:
    return AuditEntryRead.model_validate(entry, from_attributes=True)


async def certificate(session: AsyncSession, view: DocumentView) -> Certificate:
    document = view.document
    if document.status != DocumentStatus.COMPLETED:
        raise NotCompleted(f"the document is {document.status}; certificates are for COMPLETED")
    by_user = {s.user_id: s for s in await _signatures(session, document.id)}
    signers: list[CertificateSigner] = []
    for s in view.signers:
        name: str | None = None
        email: str | None = None
        try:
            user = await users.get_user(session, s.user_id)
            name, email = user.display_name, user.email
        except UserNotFound:
            pass
        signature = by_user.get(s.user_id)
        signers.append(
            CertificateSigner(
                user_id=s.user_id,
                display_name=name,
                email=email,
                role=SignerRole(s.role),
                order=s.order,
                status=SignerStatus(s.status),
                evidence=evidence(signature) if signature else None,
            )
        )
    trail = (
        await session.exec(
            select(LegalAuditEntry)
            .where(col(LegalAuditEntry.document_id) == document.id)
            .order_by(col(LegalAuditEntry.seq))
        )
    ).all()
    assert document.content_sha256 is not None
    return Certificate(
        document_id=document.id,
        title=document.title,
        template_type=document.template_type,
        template_version=view.version.version,
        template_sha256=view.version.sha256,
        document_sha256=document.content_sha256,
        subject_type=document.subject_type,
        subject_id=document.subject_id,
        sender_id=document.sender_id,
        signing_order=SigningOrder(document.signing_order),
        sent_at=document.sent_at,
        completed_at=document.completed_at,
        signers=signers,
        audit_trail=[audit_read(e) for e in trail],
        verification=await verify_document(session, view),
        issued_at=utcnow(),
    )


async def list_audit(
    session: AsyncSession,
    *,
    actor: AuthenticatedUser,
    page: PageParams,
    document_id: uuid.UUID | None = None,
) -> tuple[list[LegalAuditEntry], str | None]:
    """Newest first. A legal admin sees every entry; anyone else the entries they made, that
    concern them, or that concern a document they are a party to."""
    query = select(LegalAuditEntry)
    if not is_admin(actor):
        signed = select(LegalDocumentSigner.document_id).where(
            col(LegalDocumentSigner.user_id) == actor.id
        )
        sent = select(LegalDocument.id).where(col(LegalDocument.sender_id) == actor.id)
        query = query.where(
            sa.or_(
                col(LegalAuditEntry.actor_id) == actor.id,
                col(LegalAuditEntry.user_id) == actor.id,
                col(LegalAuditEntry.document_id).in_(signed),
                col(LegalAuditEntry.document_id).in_(sent),
            )
        )
    if document_id is not None:
        query = query.where(col(LegalAuditEntry.document_id) == document_id)
    rows = (await session.exec(AUDIT.apply(query, page))).all()
    return AUDIT.page(rows, page)


async def verify_audit_chain(
    session: AsyncSession, *, full: bool = False, actor_id: uuid.UUID | None = None
) -> AuditVerifyResult:
    """Verify the audit chain from the checkpoint (or in full) and record the run."""
    return await audit_checks.verify(session, full=full, trigger="api", actor_id=actor_id)


async def list_audit_verifications(
    session: AsyncSession, *, page: PageParams
) -> tuple[list[LegalAuditVerification], str | None]:
    """Recorded verifications of the audit chain (the job's and the API's), newest first."""
    rows = (await session.exec(VERIFICATIONS.apply(select(LegalAuditVerification), page))).all()
    return VERIFICATIONS.page(rows, page)
