"""Signing: a party signs a sent document (with the evidence an e-signature needs), a member
signs a personal agreement in one step, and a document whose last signer signed completes.
Session first, keyword-only after; never commits. `legal.service` re-exports the public
functions.

Both entry points take the audit chain's lock before reading the document (see `documents`),
so two signers signing at once are ordered and the guards count every signature.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus
from brain.core.config import get_settings
from brain.core.models import utcnow
from brain.domains.auth.schemas import AuthenticatedUser
from brain.domains.legal import audit, catalog
from brain.domains.legal.compliance import (
    Subject,
    check_compliance,
    check_subject,
    required_types_of,
    template_states,
)
from brain.domains.legal.documents import (
    DocumentView,
    apply_event,
    create_document,
    freeze_and_send,
    get_document,
    next_to_sign,
    notify_next_signers,
)
from brain.domains.legal.errors import (
    AlreadySigned,
    DocumentNotSignable,
    NotASigner,
    NotPersonal,
    NotYourTurn,
)
from brain.domains.legal.events import DocumentCompleted, DocumentSigned, PlatformPackCompleted
from brain.domains.legal.integrity import evidence_hmac
from brain.domains.legal.keys import keyring
from brain.domains.legal.lifecycle import MACHINE
from brain.domains.legal.models import LegalDocumentSigner, LegalMilestone, LegalSignature
from brain.domains.legal.schemas import (
    ACTING_ROLES,
    SIGNABLE,
    ComplianceState,
    DocumentCreate,
    SignerIn,
    SignerRole,
    SignerStatus,
    SigningOrder,
    SignRequest,
    SubjectType,
)
from brain.domains.legal.templates import get_template
from brain.domains.notifications import service as notifications
from brain.domains.state_machines import service as machines

# The milestone recorded the first time a member complies with the platform pack rule.
PLATFORM_PACK = "platform_pack"


@dataclass(frozen=True)
class SigningClient:
    """Where a signature came from (evidence)."""

    ip: str
    user_agent: str


def evidence_record(signature: LegalSignature) -> dict[str, Any]:
    """Every evidence field the HMAC covers, in canonical shape."""
    return {
        "signature_id": signature.id,
        "document_id": signature.document_id,
        "user_id": signature.user_id,
        "template_type": signature.template_type,
        "template_major": signature.template_major,
        "signed_at": signature.signed_at,
        "ip": signature.ip,
        "user_agent": signature.user_agent,
        "method": signature.method,
        "legal_name": signature.legal_name,
        "document_sha256": signature.document_sha256,
        "consent_given": signature.consent_given,
        "terms_accepted": signature.terms_accepted,
    }


def _signer_who_may_sign(
    view: DocumentView, *, actor_id: uuid.UUID, now: datetime
) -> LegalDocumentSigner:
    """`actor_id`'s signer row, if they may sign the document now; otherwise the reason why
    not, as an error."""
    document = view.document
    signer = view.signer_of(actor_id)
    if signer is None or signer.role not in ACTING_ROLES:
        raise NotASigner("You are not a SIGNER or APPROVER of this document.")
    if document.status not in SIGNABLE:
        raise DocumentNotSignable(f"the document is {document.status}", status_now=document.status)
    if document.deadline is not None and document.deadline <= now:
        raise DocumentNotSignable("the deadline has passed", status_now=document.status)
    if signer.status == SignerStatus.SIGNED:
        raise AlreadySigned("You have signed this document already.")
    if signer.status != SignerStatus.PENDING:
        raise DocumentNotSignable(f"your part is {signer.status}")
    if signer not in next_to_sign(view):
        raise NotYourTurn("Signing is sequential and earlier signers have not signed yet.")
    return signer


async def _sign(
    session: AsyncSession,
    view: DocumentView,
    *,
    actor: AuthenticatedUser,
    body: SignRequest,
    client: SigningClient,
) -> LegalSignature:
    """Record `actor`'s signature with its evidence, then move the document on: `sign` while
    others have still to sign (and tell the next ones), `complete` once nobody is left."""
    document = view.document
    now = utcnow()
    signer = _signer_who_may_sign(view, actor_id=actor.id, now=now)
    assert document.content_sha256 is not None
    signature = LegalSignature(
        document_id=document.id,
        signer_id=signer.id,
        user_id=actor.id,
        template_type=document.template_type,
        template_major=document.template_major,
        signed_at=now,
        ip=client.ip[:100],
        user_agent=client.user_agent[:500],
        method=body.method.value,
        legal_name=body.legal_name.strip() if body.legal_name else None,
        document_sha256=document.content_sha256,
        consent_given=body.consent_given,
        terms_accepted=body.terms_accepted,
        hmac="",
        hmac_key_id="",
    )
    key = keyring(get_settings()).current
    signature.hmac = evidence_hmac(key.key, evidence_record(signature))
    signature.hmac_key_id = key.id
    try:
        async with session.begin_nested():
            session.add(signature)
    except IntegrityError as exc:
        raise AlreadySigned("You have signed this document already.") from exc
    signer.status = SignerStatus.SIGNED.value
    signer.acted_at = now
    session.add(signer)
    await session.flush()
    await audit.append(
        session,
        "signed",
        actor_id=actor.id,
        user_id=actor.id,
        document_id=document.id,
        data={
            "signature_id": str(signature.id),
            "document_sha256": signature.document_sha256,
            "method": signature.method,
            "ip": signature.ip,
            "hmac": signature.hmac,
            "hmac_key_id": signature.hmac_key_id,
        },
    )
    await bus.publish(
        session,
        DocumentSigned(
            actor_id=actor.id,
            document_id=document.id,
            user_id=actor.id,
            template_type=document.template_type,
        ),
    )
    remaining = [
        s for s in view.signers if s.role in ACTING_ROLES and s.status != SignerStatus.SIGNED
    ]
    if remaining:
        await apply_event(session, document, "sign", actor_id=actor.id)
        await notify_next_signers(session, view)
    else:
        await _complete(session, view, actor_id=actor.id)
    return signature


async def _complete(session: AsyncSession, view: DocumentView, *, actor_id: uuid.UUID) -> None:
    document = view.document
    await apply_event(session, document, "complete", actor_id=actor_id)
    document.completed_at = document.ended_at = utcnow()
    session.add(document)
    await machines.cancel_timers(session, machine_type=MACHINE, instance_id=str(document.id))
    await audit.append(
        session,
        "completed",
        actor_id=actor_id,
        document_id=document.id,
        data={"content_sha256": document.content_sha256},
    )
    signer_ids = [s.user_id for s in view.signers if s.role in ACTING_ROLES]
    await bus.publish(
        session,
        DocumentCompleted(
            actor_id=actor_id,
            document_id=document.id,
            template_type=document.template_type,
            signer_ids=signer_ids,
            subject_type=document.subject_type,
            subject_id=document.subject_id,
        ),
    )
    if not document.personal:
        parties = {document.sender_id, *(s.user_id for s in view.signers)}
        for user_id in sorted(parties):
            await notifications.notify(
                session,
                type="legal.document_completed",
                user_id=user_id,
                data={
                    "document_title": document.title,
                    "document_id": str(document.id),
                    "content_sha256": document.content_sha256 or "",
                },
                source_key=f"{document.id}",
            )
    for user_id in signer_ids:
        await _check_platform_pack(session, user_id)


async def sign_document(
    session: AsyncSession,
    *,
    actor: AuthenticatedUser,
    document_id: uuid.UUID,
    body: SignRequest,
    client: SigningClient,
) -> tuple[DocumentView, LegalSignature]:
    await audit.lock(session)
    view = await get_document(session, actor=actor, document_id=document_id)
    signature = await _sign(session, view, actor=actor, body=body, client=client)
    return view, signature


async def sign_personal(
    session: AsyncSession,
    *,
    actor: AuthenticatedUser,
    template_type: str,
    body: SignRequest,
    client: SigningClient,
    subject: Subject | None = None,
) -> tuple[DocumentView, LegalSignature]:
    """Create, send and sign a one-party document of a personal template, in one step; for
    `subject` (a venture) when given, else for the signer."""
    await audit.lock(session)
    template = await get_template(session, template_type)
    if not template.personal:
        raise NotPersonal(
            f"{template_type} is signed between several parties; it is sent as a document"
        )
    if subject is not None:
        await check_subject(session, subject=subject, user_id=actor.id)
    states = await template_states(session, actor.id, [template_type], subject=subject)
    state = states[template_type]
    if state.state == ComplianceState.SIGNED:
        raise AlreadySigned(
            f"You have a valid signature of {template_type} {state.signed_version} already.",
            document_id=str(state.document_id),
        )
    view = await create_document(
        session,
        actor=actor,
        body=DocumentCreate(
            template_type=template_type,
            title=template.name,
            subject_type=SubjectType(subject[0]) if subject else SubjectType.USER,
            subject_id=subject[1] if subject else str(actor.id),
            signers=[SignerIn(user_id=actor.id, role=SignerRole.SIGNER, order=1)],
            signing_order=SigningOrder.PARALLEL,
        ),
        personal=True,
    )
    await freeze_and_send(session, view, actor_id=actor.id)
    signature = await _sign(session, view, actor=actor, body=body, client=client)
    return view, signature


async def _check_platform_pack(session: AsyncSession, user_id: uuid.UUID) -> None:
    """Publish `legal.platform_pack_completed` the first time `user_id` complies with the
    platform pack rule."""
    result = await check_compliance(session, user_id=user_id, action=catalog.PLATFORM_MEMBER_ACTION)
    if not result.allowed or not await required_types_of(session, catalog.PLATFORM_MEMBER_ACTION):
        return
    if await session.get(LegalMilestone, (user_id, PLATFORM_PACK)) is not None:
        return
    try:
        async with session.begin_nested():
            session.add(LegalMilestone(user_id=user_id, milestone=PLATFORM_PACK))
    except IntegrityError:
        return
    await audit.append(session, "platform_pack_completed", user_id=user_id)
    await bus.publish(session, PlatformPackCompleted(user_id=user_id, actor_id=user_id))
