"""Documents: create, read, list, edit, send, decline, void and delete, and following the
engine's own transitions. Signing is in `signing`. Session first, keyword-only after; never
commits. `legal.service` re-exports the public functions.

Every function that writes takes the audit chain's lock first (`audit.lock`) and reads the
document after it, so legal writes are ordered: two signers signing at once see each other's
signature, and the guards on the state machine count what is really there.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus
from brain.core.errors import PermissionDenied
from brain.core.models import utcnow
from brain.core.pagination import Keyset, PageParams
from brain.domains.auth.schemas import AuthenticatedUser
from brain.domains.legal import audit
from brain.domains.legal.errors import (
    DocumentNotEditable,
    DocumentNotFound,
    DocumentNotSignable,
    InvalidDocument,
    NotASigner,
)
from brain.domains.legal.events import (
    DocumentDeclined,
    DocumentExpired,
    DocumentSent,
    DocumentVoided,
)
from brain.domains.legal.integrity import content_sha256, merge, template_variables
from brain.domains.legal.lifecycle import MACHINE
from brain.domains.legal.models import LegalDocument, LegalDocumentSigner, LegalTemplateVersion
from brain.domains.legal.schemas import (
    ACTING_ROLES,
    SIGNABLE,
    DocumentCreate,
    DocumentStatus,
    DocumentStatusRead,
    DocumentUpdate,
    SignerIn,
    SignerStatus,
    SigningOrder,
)
from brain.domains.legal.templates import current_version
from brain.domains.notifications import service as notifications
from brain.domains.state_machines import service as machines
from brain.domains.users import service as users
from brain.domains.users.errors import UserNotFound
from brain.domains.users.schemas import UserStatus

ADMIN_PERMISSION = "legal:manage"

# Documents a user may see, newest first.
# (The mapper's columns: the paginator takes table columns, and these are typed as such.)
_DOCUMENT_COLUMNS = sa.inspect(LegalDocument).c
DOCUMENTS = Keyset("legal.documents", _DOCUMENT_COLUMNS.created_at, _DOCUMENT_COLUMNS.id)


def is_admin(actor: AuthenticatedUser) -> bool:
    return actor.can(ADMIN_PERMISSION)


# -- documents: reading ----------------------------------------------------------------------


async def _signers(session: AsyncSession, document_id: uuid.UUID) -> list[LegalDocumentSigner]:
    query = (
        select(LegalDocumentSigner)
        .where(col(LegalDocumentSigner.document_id) == document_id)
        .order_by(col(LegalDocumentSigner.order), col(LegalDocumentSigner.id))
        .execution_options(populate_existing=True)
    )
    return list((await session.exec(query)).all())


async def _load(session: AsyncSession, document_id: uuid.UUID) -> LegalDocument:
    query = (
        select(LegalDocument)
        .where(col(LegalDocument.id) == document_id, col(LegalDocument.deleted_at).is_(None))
        .execution_options(populate_existing=True)
    )
    document = (await session.exec(query)).first()
    if document is None:
        raise DocumentNotFound()
    return document


@dataclass
class DocumentView:
    document: LegalDocument
    signers: list[LegalDocumentSigner]
    version: LegalTemplateVersion
    names: dict[uuid.UUID, str]

    def signer_of(self, user_id: uuid.UUID) -> LegalDocumentSigner | None:
        return next((s for s in self.signers if s.user_id == user_id), None)


async def _view(session: AsyncSession, document: LegalDocument) -> DocumentView:
    signers = await _signers(session, document.id)
    version = await session.get(LegalTemplateVersion, document.template_version_id)
    assert version is not None
    names: dict[uuid.UUID, str] = {}
    for s in signers:
        try:
            names[s.user_id] = (await users.get_user(session, s.user_id)).display_name
        except UserNotFound:
            continue
    return DocumentView(document, signers, version, names)


async def get_document(
    session: AsyncSession, *, actor: AuthenticatedUser, document_id: uuid.UUID
) -> DocumentView:
    """The document if `actor` is a party (sender, any signer or recipient) or a legal
    admin; otherwise 404, as if it did not exist."""
    document = await _load(session, document_id)
    view = await _view(session, document)
    if not (
        document.sender_id == actor.id or view.signer_of(actor.id) is not None or is_admin(actor)
    ):
        raise DocumentNotFound()
    return view


async def open_document(
    session: AsyncSession, *, actor: AuthenticatedUser, document_id: uuid.UUID
) -> DocumentView:
    """`get_document`, recording the first time each party opens a sent document."""
    view = await get_document(session, actor=actor, document_id=document_id)
    signer = view.signer_of(actor.id)
    if signer is not None and signer.viewed_at is None and view.document.sent_at is not None:
        await audit.lock(session)
        signer.viewed_at = utcnow()
        session.add(signer)
        await audit.append(
            session, "viewed", actor_id=actor.id, user_id=actor.id, document_id=view.document.id
        )
    return view


def document_content(view: DocumentView) -> str:
    """The frozen content once sent; before that, the template merged with what is known."""
    if view.document.content is not None:
        return view.document.content
    known = template_variables(view.version.content)
    values = {name: view.document.variables.get(name, "{{ " + name + " }}") for name in known}
    return merge(view.version.content, values)


async def list_documents(
    session: AsyncSession,
    *,
    actor: AuthenticatedUser,
    page: PageParams,
    status: DocumentStatus | None = None,
) -> tuple[list[LegalDocument], str | None]:
    """Documents `actor` is a party to (all of them for a legal admin), newest first."""
    query = select(LegalDocument).where(col(LegalDocument.deleted_at).is_(None))
    if not is_admin(actor):
        mine = select(LegalDocumentSigner.document_id).where(
            col(LegalDocumentSigner.user_id) == actor.id
        )
        query = query.where(
            sa.or_(col(LegalDocument.sender_id) == actor.id, col(LegalDocument.id).in_(mine))
        )
    if status is not None:
        query = query.where(col(LegalDocument.status) == status.value)
    rows = (await session.exec(DOCUMENTS.apply(query, page))).all()
    return DOCUMENTS.page(rows, page)


def next_to_sign(view: DocumentView) -> list[LegalDocumentSigner]:
    """Who may sign now: every pending SIGNER/APPROVER (parallel), or those with the lowest
    pending order (sequential; equal orders sign in any order among themselves)."""
    pending = [
        s for s in view.signers if s.role in ACTING_ROLES and s.status == SignerStatus.PENDING
    ]
    if view.document.signing_order == SigningOrder.PARALLEL or not pending:
        return pending
    lowest = min(s.order for s in pending)
    return [s for s in pending if s.order == lowest]


async def document_status(session: AsyncSession, view: DocumentView) -> DocumentStatusRead:
    allowed = await machines.allowed_events(
        session, machine_type=MACHINE, instance_id=str(view.document.id)
    )
    acting = [s for s in view.signers if s.role in ACTING_ROLES]
    signable = view.document.status in SIGNABLE
    return DocumentStatusRead(
        id=view.document.id,
        status=DocumentStatus(view.document.status),
        signing_order=SigningOrder(view.document.signing_order),
        signed=[s.user_id for s in acting if s.status == SignerStatus.SIGNED],
        pending=[s.user_id for s in acting if s.status == SignerStatus.PENDING],
        next_to_sign=[s.user_id for s in next_to_sign(view)] if signable else [],
        declined=[s.user_id for s in acting if s.status == SignerStatus.DECLINED],
        allowed_events=allowed,
    )


# -- documents: writing ----------------------------------------------------------------------


async def _check_signers(session: AsyncSession, signers: Sequence[SignerIn]) -> None:
    for signer in signers:
        try:
            user = await users.get_user(session, signer.user_id)
        except UserNotFound as exc:
            raise InvalidDocument(f"signer {signer.user_id} is not a user") from exc
        if user.status != UserStatus.ACTIVE:
            raise InvalidDocument(f"signer {signer.user_id} is not an active user")


def _check_variables(version: LegalTemplateVersion, variables: dict[str, str]) -> None:
    unknown = sorted(set(variables) - template_variables(version.content))
    if unknown:
        raise InvalidDocument(
            f"the template {version.template_type} {version.version} has no variables "
            f"{', '.join(unknown)}"
        )


def _check_deadline(deadline: datetime | None) -> None:
    if deadline is not None:
        if deadline.tzinfo is None:
            raise InvalidDocument("deadline needs a timezone (UTC ISO 8601)")
        if deadline <= utcnow():
            raise InvalidDocument("deadline must be in the future")


def _signer_rows(document_id: uuid.UUID, signers: Sequence[SignerIn]) -> list[LegalDocumentSigner]:
    return [
        LegalDocumentSigner(
            document_id=document_id,
            user_id=s.user_id,
            role=s.role.value,
            order=s.order,
            status=(SignerStatus.PENDING if s.role in ACTING_ROLES else SignerStatus.NONE).value,
        )
        for s in signers
    ]


async def create_document(
    session: AsyncSession,
    *,
    actor: AuthenticatedUser,
    body: DocumentCreate,
    personal: bool = False,
) -> DocumentView:
    """A DRAFT from the current version of the template, with its state-machine instance."""
    await audit.lock(session)
    version = await current_version(session, body.template_type)
    await _check_signers(session, body.signers)
    _check_variables(version, body.variables)
    _check_deadline(body.deadline)
    document = LegalDocument(
        template_version_id=version.id,
        template_type=version.template_type,
        template_major=version.major,
        title=body.title,
        subject_type=body.subject_type.value,
        subject_id=body.subject_id,
        sender_id=actor.id,
        signing_order=body.signing_order.value,
        personal=personal,
        status=DocumentStatus.DRAFT.value,
        variables=dict(body.variables),
        deadline=body.deadline,
    )
    session.add(document)
    await session.flush()
    session.add_all(_signer_rows(document.id, body.signers))
    await session.flush()
    await machines.create_instance(
        session, machine_type=MACHINE, instance_id=str(document.id), actor_id=actor.id
    )
    await audit.append(
        session,
        "created",
        actor_id=actor.id,
        user_id=actor.id,
        document_id=document.id,
        data={
            "template_type": version.template_type,
            "template_version": version.version,
            "title": document.title,
            "signers": [
                {"user_id": str(s.user_id), "role": s.role.value, "order": s.order}
                for s in body.signers
            ],
            "signing_order": document.signing_order,
        },
    )
    return await _view(session, document)


async def _editable(
    session: AsyncSession, *, actor: AuthenticatedUser, document_id: uuid.UUID
) -> DocumentView:
    await audit.lock(session)
    view = await get_document(session, actor=actor, document_id=document_id)
    if view.document.sender_id != actor.id and not is_admin(actor):
        raise PermissionDenied("Only the sender (or a legal admin) may do this.")
    return view


async def update_document(
    session: AsyncSession, *, actor: AuthenticatedUser, document_id: uuid.UUID, body: DocumentUpdate
) -> DocumentView:
    view = await _editable(session, actor=actor, document_id=document_id)
    document = view.document
    if document.status != DocumentStatus.DRAFT:
        raise DocumentNotEditable(f"the document is {document.status}; only a DRAFT can change")
    changed = sorted(body.model_fields_set)
    if body.variables is not None:
        _check_variables(view.version, body.variables)
        document.variables = dict(body.variables)
    if "deadline" in body.model_fields_set:
        _check_deadline(body.deadline)
        document.deadline = body.deadline
    if body.title is not None:
        document.title = body.title
    if body.signing_order is not None:
        document.signing_order = body.signing_order.value
    if body.signers is not None:
        await _check_signers(session, body.signers)
        await session.exec(
            sa.delete(LegalDocumentSigner).where(
                col(LegalDocumentSigner.document_id) == document.id
            )
        )
        session.add_all(_signer_rows(document.id, body.signers))
    document.updated_at = utcnow()
    session.add(document)
    await session.flush()
    await audit.append(
        session,
        "updated",
        actor_id=actor.id,
        user_id=actor.id,
        document_id=document.id,
        data={"fields": changed},
    )
    return await _view(session, document)


async def apply_event(
    session: AsyncSession,
    document: LegalDocument,
    event: str,
    *,
    actor_id: uuid.UUID | None,
    payload: dict[str, Any] | None = None,
) -> None:
    """Send `event` to the document's machine and take the state it reached as its status."""
    result = await machines.send_event(
        session,
        machine_type=MACHINE,
        instance_id=str(document.id),
        event=event,
        payload=payload,
        actor_id=actor_id,
    )
    document.status = result.to_state
    document.updated_at = utcnow()
    session.add(document)
    await session.flush()


async def delete_document(
    session: AsyncSession, *, actor: AuthenticatedUser, document_id: uuid.UUID
) -> None:
    """Delete a DRAFT (a sent document is voided instead). The state-machine instance ends
    VOIDED and the audit trail keeps the document's id."""
    view = await _editable(session, actor=actor, document_id=document_id)
    document = view.document
    if document.status != DocumentStatus.DRAFT:
        raise DocumentNotEditable(
            f"the document is {document.status}; only a DRAFT can be deleted (void it instead)"
        )
    await apply_event(session, document, "void", actor_id=actor.id, payload={"reason": "deleted"})
    document.deleted_at = document.ended_at = utcnow()
    document.ended_by = actor.id
    document.end_reason = "deleted"
    session.add(document)
    await audit.append(
        session, "deleted", actor_id=actor.id, user_id=actor.id, document_id=document.id
    )


async def notify_next_signers(session: AsyncSession, view: DocumentView) -> None:
    """Notify each signer whose turn has come (once per document and signer)."""
    if view.document.personal:
        return
    sender = await users.get_user(session, view.document.sender_id)
    for signer in next_to_sign(view):
        if signer.notified_at is not None:
            continue
        await notifications.notify(
            session,
            type="legal.signature_requested",
            user_id=signer.user_id,
            data={
                "sender_name": sender.display_name,
                "document_title": view.document.title,
                "document_id": str(view.document.id),
                "deadline": view.document.deadline.isoformat()
                if view.document.deadline
                else "none",
            },
            source_key=f"{view.document.id}",
        )
        signer.notified_at = utcnow()
        session.add(signer)


async def freeze_and_send(
    session: AsyncSession, view: DocumentView, *, actor_id: uuid.UUID
) -> None:
    """Freeze a DRAFT's content and hash, move it to PENDING, start its deadline timer and
    notify whoever signs first (`send_document`, and `signing.sign_personal` in one step)."""
    document = view.document
    if document.status != DocumentStatus.DRAFT:
        raise DocumentNotEditable(f"the document is {document.status}; it was sent already")
    _check_deadline(document.deadline)
    missing = sorted(template_variables(view.version.content) - set(document.variables))
    if missing:
        raise InvalidDocument(f"variables without a value: {', '.join(missing)}")
    content = merge(view.version.content, document.variables)
    document.content = content
    document.content_sha256 = content_sha256(content)
    document.sent_at = utcnow()
    await apply_event(session, document, "send", actor_id=actor_id)
    if document.deadline is not None:
        await machines.schedule_timer(
            session,
            machine_type=MACHINE,
            instance_id=str(document.id),
            event="expire",
            fire_at=document.deadline,
        )
    acting = [s.user_id for s in view.signers if s.role in ACTING_ROLES]
    await audit.append(
        session,
        "sent",
        actor_id=actor_id,
        user_id=actor_id,
        document_id=document.id,
        data={
            "content_sha256": document.content_sha256,
            "template_sha256": view.version.sha256,
            "deadline": document.deadline.isoformat() if document.deadline else None,
        },
    )
    await notify_next_signers(session, view)
    await bus.publish(
        session,
        DocumentSent(
            actor_id=actor_id,
            document_id=document.id,
            template_type=document.template_type,
            signer_ids=acting,
        ),
    )


async def send_document(
    session: AsyncSession, *, actor: AuthenticatedUser, document_id: uuid.UUID
) -> DocumentView:
    """Freeze the content and its hash, move to PENDING, notify whoever signs first."""
    view = await _editable(session, actor=actor, document_id=document_id)
    await freeze_and_send(session, view, actor_id=actor.id)
    return view


async def decline_document(
    session: AsyncSession, *, actor: AuthenticatedUser, document_id: uuid.UUID, reason: str
) -> DocumentView:
    await audit.lock(session)
    view = await get_document(session, actor=actor, document_id=document_id)
    document = view.document
    signer = view.signer_of(actor.id)
    if signer is None or signer.role not in ACTING_ROLES:
        raise NotASigner("You are not a SIGNER or APPROVER of this document.")
    if document.status not in SIGNABLE:
        raise DocumentNotSignable(f"the document is {document.status}")
    if signer.status != SignerStatus.PENDING:
        raise DocumentNotSignable(f"your part is {signer.status}")
    now = utcnow()
    signer.status = SignerStatus.DECLINED.value
    signer.acted_at = now
    signer.decline_reason = reason
    session.add(signer)
    await apply_event(session, document, "decline", actor_id=actor.id, payload={"reason": reason})
    await _end_by_actor(session, document, "declined", actor_id=actor.id, reason=reason, at=now)
    await bus.publish(
        session,
        DocumentDeclined(
            actor_id=actor.id, document_id=document.id, user_id=actor.id, reason=reason
        ),
    )
    return view


async def _end_by_actor(
    session: AsyncSession,
    document: LegalDocument,
    action: str,
    *,
    actor_id: uuid.UUID,
    reason: str | None,
    at: datetime,
) -> None:
    """Record who ended the document and why, drop its deadline timer, and audit it (the
    shared tail of decline and void; the state transition itself is the caller's)."""
    document.ended_at, document.ended_by, document.end_reason = at, actor_id, reason
    session.add(document)
    await machines.cancel_timers(session, machine_type=MACHINE, instance_id=str(document.id))
    await audit.append(
        session,
        action,
        actor_id=actor_id,
        user_id=actor_id,
        document_id=document.id,
        data={"reason": reason},
    )


async def void_document(
    session: AsyncSession,
    *,
    actor: AuthenticatedUser,
    document_id: uuid.UUID,
    reason: str | None,
) -> DocumentView:
    view = await _editable(session, actor=actor, document_id=document_id)
    document = view.document
    if document.status not in {DocumentStatus.DRAFT, *SIGNABLE}:
        raise DocumentNotEditable(f"the document is {document.status}; it cannot be voided")
    await apply_event(
        session, document, "void", actor_id=actor.id, payload={"reason": reason or ""}
    )
    await _end_by_actor(session, document, "voided", actor_id=actor.id, reason=reason, at=utcnow())
    await bus.publish(session, DocumentVoided(actor_id=actor.id, document_id=document.id))
    return view


# The audit action for a state the engine reached without the legal service (the deadline
# timer; an administrator's event through the generic endpoint).
_STATE_ACTIONS = {
    DocumentStatus.EXPIRED: "expired",
    DocumentStatus.VOIDED: "voided",
    DocumentStatus.DECLINED: "declined",
    DocumentStatus.COMPLETED: "completed",
}


async def sync_transition(
    session: AsyncSession, *, document_id: uuid.UUID, event: str, actor_id: uuid.UUID | None
) -> None:
    """Bring the document's status in step with its state-machine instance after `event`.

    Compares with the instance's state now, not the event's target, so a late or repeated
    delivery can never move a document backwards. A no-op when the legal service made the
    transition itself (the status matches already).
    """
    document = await session.get(LegalDocument, document_id)
    if document is None:
        return
    state = await machines.get_instance(session, machine_type=MACHINE, instance_id=str(document_id))
    if document.status == state.state:
        return
    await audit.lock(session)
    document = await _load_any(session, document_id)
    if document.status == state.state:
        return
    document.status = state.state
    document.updated_at = utcnow()
    if state.state in _STATE_ACTIONS:
        document.ended_at = document.updated_at
    session.add(document)
    await session.flush()
    await audit.append(
        session,
        _STATE_ACTIONS.get(DocumentStatus(state.state), "state_changed"),
        actor_id=actor_id,
        document_id=document.id,
        data={"via": "state_machine", "event": event, "state": state.state},
    )
    if state.state == DocumentStatus.EXPIRED:
        await bus.publish(session, DocumentExpired(document_id=document.id))


async def _load_any(session: AsyncSession, document_id: uuid.UUID) -> LegalDocument:
    query = (
        select(LegalDocument)
        .where(col(LegalDocument.id) == document_id)
        .execution_options(populate_existing=True)
    )
    document = (await session.exec(query)).first()
    if document is None:
        raise DocumentNotFound()
    return document


async def ensure_user_exists(session: AsyncSession, user_id: uuid.UUID) -> None:
    try:
        await users.get_user(session, user_id)
    except UserNotFound as exc:
        raise UserNotFound("There is no such user.") from exc
