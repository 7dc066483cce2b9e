"""The `legal_document` state machine: its definition and its guards, registered with the
engine (`state_machines.service`), which stores, versions and runs it.

Signing: a document with several signers passes through PARTIALLY_SIGNED, and a single event
cannot branch (the engine refuses two transitions for one (event, source): a reader of the
diagram or the history must know where an event leads). So there are two events. After
recording a signature, the legal service sends `complete` when no signer is left and `sign`
otherwise; the guards `legal.all_signers_signed` (on `complete`) and `legal.signers_remaining`
(on `sign`) make sure that even the generic endpoint can neither complete a document early nor
leave a fully signed one in PARTIALLY_SIGNED. A caller that does not want to count can send
`complete` and fall back to `sign` on GUARD_REJECTED: the guard chooses.

The definition's content is stored and hashed, and instances in production are pinned to that
hash: any change here (a state, a transition, their order, the description) becomes a new
version of the machine. tests/domains/legal/test_lifecycle.py pins the hash.

Registration happens at import (the package's `__init__` imports this module, so asking the
engine for `legal_document`, as the docs generator does, works before the app starts) and again
from `legal.handlers.register()` at startup; both are idempotent.
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.domains.legal.models import LegalDocumentSigner
from brain.domains.legal.schemas import ACTING_ROLES, SIGNABLE, DocumentStatus, SignerStatus
from brain.domains.state_machines.service import (
    REASON_GIVEN,
    Definition,
    GuardContext,
    GuardResult,
    build_states,
    build_transitions,
    register_definition,
    register_guard,
)

MACHINE = "legal_document"
SIGNERS_REMAINING = "legal.signers_remaining"
ALL_SIGNERS_SIGNED = "legal.all_signers_signed"

# The machine's states are the documents' statuses; SIGNABLE keeps its order (PENDING, then
# PARTIALLY_SIGNED), which is the order of the transitions below.
_SIGNABLE_STATES = [status.value for status in SIGNABLE]

LEGAL_DOCUMENT = Definition(
    name=MACHINE,
    description="A legal document from draft to signed (or declined, expired, voided).",
    states=build_states(
        DocumentStatus.DRAFT.value,
        DocumentStatus.PENDING.value,
        DocumentStatus.PARTIALLY_SIGNED.value,
        DocumentStatus.COMPLETED.value,
        DocumentStatus.DECLINED.value,
        DocumentStatus.EXPIRED.value,
        DocumentStatus.VOIDED.value,
        final=[
            DocumentStatus.COMPLETED.value,
            DocumentStatus.DECLINED.value,
            DocumentStatus.EXPIRED.value,
            DocumentStatus.VOIDED.value,
        ],
    ),
    transitions=tuple(
        build_transitions("send", DocumentStatus.DRAFT.value, DocumentStatus.PENDING.value)
        + build_transitions(
            "sign",
            _SIGNABLE_STATES,
            DocumentStatus.PARTIALLY_SIGNED.value,
            guard=SIGNERS_REMAINING,
        )
        + build_transitions(
            "complete", _SIGNABLE_STATES, DocumentStatus.COMPLETED.value, guard=ALL_SIGNERS_SIGNED
        )
        + build_transitions(
            "decline", _SIGNABLE_STATES, DocumentStatus.DECLINED.value, guard=REASON_GIVEN
        )
        + build_transitions("expire", _SIGNABLE_STATES, DocumentStatus.EXPIRED.value)
        + build_transitions(
            "void",
            [DocumentStatus.DRAFT.value, *_SIGNABLE_STATES],
            DocumentStatus.VOIDED.value,
        )
    ),
)


async def unsigned_count(session: AsyncSession, document_id: uuid.UUID) -> int:
    """SIGNERs and APPROVERs of the document who have not signed (what the guards count)."""
    count = await session.scalar(
        select(sa.func.count())
        .select_from(LegalDocumentSigner)
        .where(
            col(LegalDocumentSigner.document_id) == document_id,
            col(LegalDocumentSigner.role).in_([r.value for r in ACTING_ROLES]),
            col(LegalDocumentSigner.status) != SignerStatus.SIGNED.value,
        )
    )
    return int(count or 0)


def _document_id(ctx: GuardContext) -> uuid.UUID | None:
    try:
        return uuid.UUID(ctx.instance_id)
    except ValueError:
        return None


async def signers_remaining(ctx: GuardContext) -> GuardResult:
    """`sign` (to PARTIALLY_SIGNED) only while somebody still has to sign."""
    document_id = _document_id(ctx)
    if document_id is None or await unsigned_count(ctx.session, document_id) == 0:
        return GuardResult.deny("every signer has signed: send 'complete'")
    return GuardResult.allow()


async def all_signers_signed(ctx: GuardContext) -> GuardResult:
    """`complete` only once every SIGNER and APPROVER has signed."""
    document_id = _document_id(ctx)
    if document_id is None:
        return GuardResult.deny("not a legal document")
    left = await unsigned_count(ctx.session, document_id)
    if left:
        return GuardResult.deny(f"{left} signer(s) have not signed")
    return GuardResult.allow()


def register() -> None:
    """Register the machine and its guards with the engine (idempotent)."""
    register_definition(LEGAL_DOCUMENT)
    register_guard(SIGNERS_REMAINING, signers_remaining)
    register_guard(ALL_SIGNERS_SIGNED, all_signers_signed)


register()
