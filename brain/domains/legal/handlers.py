"""The legal domain's guards on the `legal_document` machine and its reaction to transitions
the engine makes on its own (the deadline timer), and the check auth runs before granting a
role. `register()` is the legal manifest's (brain/domains/legal/manifest.py)."""

from __future__ import annotations

import uuid

from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus
from brain.domains.auth import service as auth
from brain.domains.legal import service
from brain.domains.state_machines.events import StateMachineTransitioned
from brain.domains.state_machines.service import GuardContext, GuardResult, register_guard


def _document_id(ctx: GuardContext) -> uuid.UUID | None:
    try:
        return uuid.UUID(ctx.instance_id)
    except ValueError:
        return None


async def signers_remaining(ctx: GuardContext) -> GuardResult:
    """`sign` (to PARTIALLY_SIGNED) only while somebody still has to sign."""
    document_id = _document_id(ctx)
    if document_id is None or await service.unsigned_count(ctx.session, document_id) == 0:
        return GuardResult.deny("every signer has signed: send 'complete'")
    return GuardResult.allow()


async def all_signers_signed(ctx: GuardContext) -> GuardResult:
    """`complete` only once every SIGNER and APPROVER has signed."""
    document_id = _document_id(ctx)
    if document_id is None:
        return GuardResult.deny("not a legal document")
    left = await service.unsigned_count(ctx.session, document_id)
    if left:
        return GuardResult.deny(f"{left} signer(s) have not signed")
    return GuardResult.allow()


async def follow_state_machine(session: AsyncSession, event: StateMachineTransitioned) -> None:
    if event.machine_type != service.MACHINE:
        return
    try:
        document_id = uuid.UUID(event.instance_id)
    except ValueError:
        return
    await service.sync_transition(
        session,
        document_id=document_id,
        event=event.event,
        actor_id=event.actor_id,
    )


def register() -> None:
    register_guard("legal.signers_remaining", signers_remaining)
    register_guard("legal.all_signers_signed", all_signers_signed)
    bus.subscribe(StateMachineTransitioned, follow_state_machine, mode="inline")
    # Roles 6-8 need their documents signed: auth asks legal through the check registry, since
    # auth may not import legal (docs/development.md, "Asking a higher domain").
    auth.register_role_requirement_check(service.require_role_documents)
