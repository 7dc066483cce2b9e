"""`/api/legal`: templates, documents and signing, verification and certificates, compliance
and the audit trail.

Access: anyone signed in reads templates and signs personal agreements (`legal:sign`);
members create documents (`legal:send`); a document is visible only to its parties (sender,
signers and recipients) and legal admins (`legal:manage`), and is 404 to everyone else;
LEGAL_ADMIN publishes template versions (`legal:templates`) and edits the compliance rules
(`compliance:manage`).
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Path, Query, Request, Response, status

from brain.core.db import SessionDep, writes
from brain.core.errors import PermissionDenied
from brain.core.openapi import problems
from brain.core.pagination import PageParams, page_params
from brain.core.ratelimit import client_ip
from brain.core.routes import DomainRouter, set_location
from brain.domains.auth.deps import AuthenticatedUser, CurrentUser, require_permission
from brain.domains.legal import service
from brain.domains.legal.errors import (
    AlreadySigned,
    DocumentNotEditable,
    DocumentNotFound,
    DocumentNotSignable,
    InvalidDocument,
    InvalidVersion,
    NotASigner,
    NotCompleted,
    NotPersonal,
    NotYourTurn,
    TemplateNotFound,
)
from brain.domains.legal.models import LegalComplianceRule, LegalTemplate, LegalTemplateVersion
from brain.domains.legal.schemas import (
    AuditEntryRead,
    AuditPage,
    AuditVerificationPage,
    AuditVerificationRead,
    AuditVerifyResult,
    Certificate,
    ComplianceCheckRequest,
    ComplianceCheckResult,
    ComplianceReport,
    ComplianceRuleList,
    ComplianceRuleRead,
    ComplianceRulesUpdate,
    DeclineRequest,
    DocumentCreate,
    DocumentPage,
    DocumentRead,
    DocumentStatus,
    DocumentStatusRead,
    DocumentSummary,
    DocumentUpdate,
    PersonalSignRequest,
    SignerRead,
    SignerRole,
    SignerStatus,
    SigningOrder,
    SignRequest,
    SignResult,
    TemplateDetail,
    TemplateList,
    TemplateRead,
    TemplateVersionCreate,
    TemplateVersionRead,
    TemplateVersionWithContent,
    VerifyResult,
    VoidRequest,
)
from brain.domains.users.errors import UserNotFound

router = DomainRouter(prefix="/legal", tags=["legal"])

Signer = Annotated[AuthenticatedUser, Depends(require_permission("legal:sign"))]
Sender = Annotated[AuthenticatedUser, Depends(require_permission("legal:send"))]
TemplateEditor = Annotated[AuthenticatedUser, Depends(require_permission("legal:templates"))]
RuleEditor = Annotated[AuthenticatedUser, Depends(require_permission("compliance:manage"))]
LegalAdmin = Annotated[AuthenticatedUser, Depends(require_permission("legal:manage"))]
TemplateTypePath = Annotated[str, Path(pattern=r"^[A-Z][A-Z0-9_]{1,39}$")]

# A document you are not a party to is 404, as if it did not exist.
DOC_ERRORS = problems(DocumentNotFound)
# Changing a document: only its sender or a legal admin, and only while it is a DRAFT (void:
# while it is not finished).
SENDER_ERRORS = (DocumentNotFound, PermissionDenied, DocumentNotEditable)


def _client(request: Request) -> service.SigningClient:
    return service.SigningClient(
        ip=client_ip(request), user_agent=request.headers.get("user-agent", "")
    )


def _version_read(version: LegalTemplateVersion) -> TemplateVersionRead:
    return TemplateVersionRead.model_validate(version, from_attributes=True)


def _template_read(template: LegalTemplate, current: LegalTemplateVersion | None) -> TemplateRead:
    return TemplateRead(
        type=template.type,
        name=template.name,
        category=template.category,
        personal=template.personal,
        current_version=_version_read(current) if current else None,
    )


def _document_read(view: service.DocumentView) -> DocumentRead:
    d = view.document
    return DocumentRead(
        id=d.id,
        template_type=d.template_type,
        template_version=view.version.version,
        template_version_id=view.version.id,
        title=d.title,
        subject_type=d.subject_type,
        subject_id=d.subject_id,
        sender_id=d.sender_id,
        signing_order=SigningOrder(d.signing_order),
        personal=d.personal,
        status=DocumentStatus(d.status),
        variables=d.variables,
        content=service.document_content(view),
        content_sha256=d.content_sha256,
        deadline=d.deadline,
        sent_at=d.sent_at,
        completed_at=d.completed_at,
        end_reason=d.end_reason,
        signers=[
            SignerRead(
                user_id=s.user_id,
                display_name=view.names.get(s.user_id),
                role=SignerRole(s.role),
                order=s.order,
                status=SignerStatus(s.status),
                viewed_at=s.viewed_at,
                acted_at=s.acted_at,
                decline_reason=s.decline_reason,
            )
            for s in view.signers
        ],
        created_at=d.created_at,
        updated_at=d.updated_at,
    )


# -- templates -------------------------------------------------------------------------------


@router.get("/templates", response_model=TemplateList)
async def list_templates(user: CurrentUser, session: SessionDep) -> TemplateList:  # noqa: ARG001
    """Every document type with the version currently in effect."""
    current = await service.current_versions(session)
    return TemplateList(
        items=[
            _template_read(t, current.get(t.type)) for t in await service.list_templates(session)
        ]
    )


@router.get(
    "/templates/{template_type}",
    response_model=TemplateDetail,
    responses=problems(TemplateNotFound),
)
async def read_template(
    template_type: TemplateTypePath,
    user: CurrentUser,  # noqa: ARG001
    session: SessionDep,
) -> TemplateDetail:
    """One template: the content in effect and every version."""
    template = await service.get_template(session, template_type)
    current = (await service.current_versions(session, [template_type])).get(template_type)
    versions = await service.list_versions(session, template_type)
    return TemplateDetail(
        **_template_read(template, current).model_dump(),
        content=current.content if current else None,
        versions=[_version_read(v) for v in versions],
    )


@router.post(
    "/templates/{template_type}/versions",
    status_code=status.HTTP_201_CREATED,
    response_model=TemplateVersionWithContent,
    responses=problems(TemplateNotFound, InvalidVersion),
)
async def publish_template_version(
    template_type: TemplateTypePath,
    body: TemplateVersionCreate,
    admin: TemplateEditor,
    session: SessionDep,
    response: Response,
) -> TemplateVersionWithContent:
    """Publish a new immutable version (LEGAL_ADMIN). A new major requires signing again."""
    version = await service.publish_version(
        session, actor_id=admin.id, template_type=template_type, body=body
    )
    set_location(response, f"/legal/templates/{template_type}")
    return TemplateVersionWithContent.model_validate(version, from_attributes=True)


@router.post(
    "/templates/{template_type}/sign",
    status_code=status.HTTP_201_CREATED,
    response_model=SignResult,
    # InvalidDocument: the template has no version in effect, or variables to fill in. The
    # errors of the subject's check (a venture not visible...) come with `subject_checks`.
    responses=problems(TemplateNotFound, NotPersonal, InvalidDocument, AlreadySigned),
    dependencies=[Depends(service.subject_checks)],
)
async def sign_personal_agreement(
    template_type: TemplateTypePath,
    body: PersonalSignRequest,
    user: Signer,
    request: Request,
    session: SessionDep,
    response: Response,
) -> SignResult:
    """Sign a personal agreement (platform pack, BUZ terms, ...): created and signed at once.

    With `subject_type` and `subject_id` (`venture` and its id) the agreement is signed for
    that subject: the PPNA a venture's team needs (`ventures.join`) counts only for the
    venture it was signed for.
    """
    view, signature = await service.sign_personal(
        session,
        actor=user,
        template_type=template_type,
        body=body,
        client=_client(request),
        subject=body.subject,
    )
    set_location(response, f"/legal/documents/{view.document.id}")
    return SignResult(document=_document_read(view), signature=service.evidence(signature))


# -- documents -------------------------------------------------------------------------------


@router.get("/documents", response_model=DocumentPage)
async def list_documents(
    user: CurrentUser,
    session: SessionDep,
    page: Annotated[PageParams, Depends(page_params)],
    status_: Annotated[DocumentStatus | None, Query(alias="status")] = None,
) -> DocumentPage:
    """Documents you send or are a party to (legal admins: all), newest first."""
    rows, next_cursor = await service.list_documents(session, actor=user, page=page, status=status_)
    return DocumentPage(
        items=[DocumentSummary.model_validate(r, from_attributes=True) for r in rows],
        next_cursor=next_cursor,
    )


@router.post(
    "/documents",
    status_code=status.HTTP_201_CREATED,
    response_model=DocumentRead,
    responses=problems(TemplateNotFound, InvalidDocument),
)
async def create_document(
    body: DocumentCreate, user: Sender, session: SessionDep, response: Response
) -> DocumentRead:
    """Create a DRAFT from a template's current version, with its signers."""
    document = _document_read(await service.create_document(session, actor=user, body=body))
    set_location(response, f"/legal/documents/{document.id}")
    return document


@router.get("/documents/{document_id}", response_model=DocumentRead, responses=DOC_ERRORS)
@writes  # a signer's first read is audited as viewed
async def read_document(
    document_id: uuid.UUID, user: CurrentUser, session: SessionDep
) -> DocumentRead:
    """A document you are a party to (the first read by a signer is audited as viewed)."""
    return _document_read(await service.open_document(session, actor=user, document_id=document_id))


@router.put(
    "/documents/{document_id}",
    response_model=DocumentRead,
    responses=problems(*SENDER_ERRORS, InvalidDocument),
)
async def update_document(
    document_id: uuid.UUID, body: DocumentUpdate, user: CurrentUser, session: SessionDep
) -> DocumentRead:
    """Change a DRAFT (sender or legal admin)."""
    return _document_read(
        await service.update_document(session, actor=user, document_id=document_id, body=body)
    )


@router.delete(
    "/documents/{document_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(*SENDER_ERRORS),
)
async def delete_document(
    document_id: uuid.UUID, user: CurrentUser, session: SessionDep
) -> Response:
    """Delete a DRAFT (sender or legal admin); a sent document is voided instead."""
    await service.delete_document(session, actor=user, document_id=document_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/documents/{document_id}/send",
    response_model=DocumentRead,
    responses=problems(*SENDER_ERRORS, InvalidDocument),
)
async def send_document(
    document_id: uuid.UUID, user: CurrentUser, session: SessionDep
) -> DocumentRead:
    """Send to the signers: the content and its SHA-256 are frozen from now on."""
    return _document_read(await service.send_document(session, actor=user, document_id=document_id))


@router.post(
    "/documents/{document_id}/sign",
    response_model=SignResult,
    responses=problems(
        DocumentNotFound, NotASigner, DocumentNotSignable, AlreadySigned, NotYourTurn
    ),
)
async def sign_document(
    document_id: uuid.UUID,
    body: SignRequest,
    user: Signer,
    request: Request,
    session: SessionDep,
) -> SignResult:
    """Sign (or approve) when it is your turn; both consent flags must be true."""
    view, signature = await service.sign_document(
        session, actor=user, document_id=document_id, body=body, client=_client(request)
    )
    return SignResult(document=_document_read(view), signature=service.evidence(signature))


@router.post(
    "/documents/{document_id}/decline",
    response_model=DocumentRead,
    responses=problems(DocumentNotFound, NotASigner, DocumentNotSignable),
)
async def decline_document(
    document_id: uuid.UUID, body: DeclineRequest, user: CurrentUser, session: SessionDep
) -> DocumentRead:
    """Refuse to sign, with a reason: the document ends DECLINED."""
    return _document_read(
        await service.decline_document(
            session, actor=user, document_id=document_id, reason=body.reason
        )
    )


@router.post(
    "/documents/{document_id}/void", response_model=DocumentRead, responses=problems(*SENDER_ERRORS)
)
async def void_document(
    document_id: uuid.UUID, body: VoidRequest, user: CurrentUser, session: SessionDep
) -> DocumentRead:
    """Withdraw a document that is not finished (sender or legal admin)."""
    return _document_read(
        await service.void_document(
            session, actor=user, document_id=document_id, reason=body.reason
        )
    )


@router.get(
    "/documents/{document_id}/status", response_model=DocumentStatusRead, responses=DOC_ERRORS
)
async def document_status(
    document_id: uuid.UUID, user: CurrentUser, session: SessionDep
) -> DocumentStatusRead:
    """State, who signed, who is pending and who may sign now."""
    view = await service.get_document(session, actor=user, document_id=document_id)
    return await service.document_status(session, view)


@router.post("/documents/{document_id}/verify", response_model=VerifyResult, responses=DOC_ERRORS)
async def verify_document(
    document_id: uuid.UUID, user: CurrentUser, session: SessionDep
) -> VerifyResult:
    """Recompute the content hash and every signature's HMAC; report what fails."""
    view = await service.get_document(session, actor=user, document_id=document_id)
    return await service.verify_document(session, view)


@router.get(
    "/documents/{document_id}/certificate",
    response_model=Certificate,
    responses=problems(DocumentNotFound, NotCompleted),
)
async def document_certificate(
    document_id: uuid.UUID, user: CurrentUser, session: SessionDep
) -> Certificate:
    """The completion certificate: hashes, every signer's evidence and the audit trail."""
    view = await service.get_document(session, actor=user, document_id=document_id)
    return await service.certificate(session, view)


# -- compliance (the fixed path before `/compliance/{user_id}`) ------------------------------


def _rule_list(rules: list[LegalComplianceRule]) -> ComplianceRuleList:
    return ComplianceRuleList(
        items=[ComplianceRuleRead.model_validate(r, from_attributes=True) for r in rules]
    )


@router.get("/compliance/rules", response_model=ComplianceRuleList)
async def read_compliance_rules(
    user: CurrentUser,  # noqa: ARG001
    session: SessionDep,
) -> ComplianceRuleList:
    """Which documents each action requires."""
    return _rule_list(await service.list_rules(session))


@router.put(
    "/compliance/rules",
    response_model=ComplianceRuleList,
    # INVALID_DOCUMENT's 422: a rule names a template type that does not exist.
    responses=problems(InvalidDocument),
)
async def replace_compliance_rules(
    body: ComplianceRulesUpdate, admin: RuleEditor, session: SessionDep
) -> ComplianceRuleList:
    """Replace the whole rule set (LEGAL_ADMIN); every change is audited."""
    return _rule_list(await service.replace_rules(session, actor_id=admin.id, rules=body.rules))


# Users are not secret (GET /api/users/{id}), so another user's compliance is 403, not 404
# (domain rules); the check comes before the existence check, so it reveals nothing either.
COMPLIANCE_OF_OTHERS = "Only the user and legal admins see a user's compliance."


def _may_see_compliance(viewer: AuthenticatedUser, user_id: uuid.UUID) -> bool:
    return viewer.id == user_id or viewer.can("compliance:manage") or viewer.can("legal:manage")


@router.post(
    "/compliance/check",
    response_model=ComplianceCheckResult,
    responses=problems(PermissionDenied, UserNotFound),
)
async def check_compliance(
    body: ComplianceCheckRequest, user: CurrentUser, session: SessionDep
) -> ComplianceCheckResult:
    """May this user (default: you) do this action, and which documents are missing?"""
    user_id = body.user_id or user.id
    if not _may_see_compliance(user, user_id):
        raise PermissionDenied(COMPLIANCE_OF_OTHERS)
    await service.ensure_user_exists(session, user_id)
    result = await service.check_compliance(session, user_id=user_id, action=body.action)
    return ComplianceCheckResult(
        action=body.action, user_id=user_id, allowed=result.allowed, missing=result.missing
    )


@router.get(
    "/compliance/{user_id}",
    response_model=ComplianceReport,
    responses=problems(PermissionDenied, UserNotFound),
)
async def compliance_report(
    user_id: uuid.UUID, user: CurrentUser, session: SessionDep
) -> ComplianceReport:
    """Per required template: signed, missing, expired or outdated; the actions unlocked."""
    if not _may_see_compliance(user, user_id):
        raise PermissionDenied(COMPLIANCE_OF_OTHERS)
    await service.ensure_user_exists(session, user_id)
    return await service.compliance_report(session, user_id=user_id)


# -- audit -----------------------------------------------------------------------------------


@router.get("/audit", response_model=AuditPage)
async def list_audit(
    user: CurrentUser,
    session: SessionDep,
    page: Annotated[PageParams, Depends(page_params)],
    document_id: uuid.UUID | None = None,
) -> AuditPage:
    """The audit trail, newest first: all of it for legal admins, else your own entries."""
    rows, next_cursor = await service.list_audit(
        session, actor=user, page=page, document_id=document_id
    )
    return AuditPage(items=[service.audit_read(r) for r in rows], next_cursor=next_cursor)


@router.get("/audit/verify", response_model=AuditVerifyResult)
@writes  # moves the checkpoint and records the verification
async def verify_audit_chain(
    admin: LegalAdmin,
    session: SessionDep,
    full: Annotated[
        bool,
        Query(description="Walk the whole chain from the first entry instead of the checkpoint."),
    ] = False,
) -> AuditVerifyResult:
    """Verify the hash chain from the last verified checkpoint (or in full) to the head."""
    return await service.verify_audit_chain(session, full=full, actor_id=admin.id)


@router.get(
    "/audit/verifications",
    response_model=AuditVerificationPage,
)
async def list_audit_verifications(
    admin: LegalAdmin,  # noqa: ARG001
    session: SessionDep,
    page: Annotated[PageParams, Depends(page_params)],
) -> AuditVerificationPage:
    """Every recorded verification of the audit chain (the daily job's too), newest first."""
    rows, next_cursor = await service.list_audit_verifications(session, page=page)
    return AuditVerificationPage(
        items=[AuditVerificationRead.model_validate(r, from_attributes=True) for r in rows],
        next_cursor=next_cursor,
    )


__all__ = ["AuditEntryRead", "router"]
