"""The legal domain's wiring at startup: its state machine and guards (`lifecycle`), and its
reaction to transitions the engine makes on its own (the deadline timer, an administrator's
event through the generic endpoint). `register()` is called from brain/handlers.py."""

from __future__ import annotations

import uuid

from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import bus
from brain.domains.legal import lifecycle, service
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
    lifecycle.register()
    bus.subscribe(StateMachineTransitioned, follow_state_machine, mode="inline")
