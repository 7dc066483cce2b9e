"""The legal domain's wiring at startup: its state machine and guards (`lifecycle`), its
reaction to transitions the engine makes on its own (the deadline timer, an administrator's
event through the generic endpoint), and the check auth runs before granting a role.
`register()` is the legal manifest's (brain/domains/legal/manifest.py)."""

from __future__ import annotations

import uuid

from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus
from brain.core.config import get_settings
from brain.domains.auth import service as auth
from brain.domains.legal import keys, lifecycle, service
from brain.domains.state_machines.events import StateMachineTransitioned


async def follow_state_machine(session: AsyncSession, event: StateMachineTransitioned) -> None:
    if event.machine_type != lifecycle.MACHINE:
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
    """Idempotent: safe to call from the app, the worker and tests."""
    # A keyring that cannot be used (an `sk-` id given another secret) stops the process at
    # startup, not at the first signature.
    keys.keyring(get_settings())
    lifecycle.register()
    # Filtered at dispatch: transitions of other machines cost no delivery transaction.
    bus.subscribe(
        StateMachineTransitioned,
        follow_state_machine,
        mode="inline",
        when=lambda event: event.machine_type == lifecycle.MACHINE,
    )
    # Roles 6-8 need their documents signed: auth asks legal through the check registry, since
    # auth may not import legal (docs/development.md, "Asking a higher domain").
    auth.register_role_requirement_check(service.require_role_documents)
