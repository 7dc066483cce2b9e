"""The `umbrella` state machine: a referral link from PENDING_AGREEMENT to ACTIVE once both
parties signed the UMBRELLA_AGREEMENT for it (`activate`), ACTIVE ⇄ SUSPENDED (`suspend`,
`resume`), `terminate` from any live state to TERMINATED, and `expire` from PENDING_AGREEMENT
to EXPIRED when the agreement is not signed in 30 days (a durable timer of the engine).

The umbrella domain owns this definition and registers it with the engine, as ventures does
for `venture`. No transition carries a permission: through the engine's generic endpoint only
administrators may send an event; the parties go through `/api/umbrella/relationships/...`.
Registration happens at import and again from `umbrella.handlers.register()`; both idempotent.
"""

from __future__ import annotations

from brain.domains.state_machines.service import (
    Definition,
    build_states,
    build_transitions,
    register_definition,
)
from brain.domains.umbrella.rules import MachineEvent, State

MACHINE = "umbrella"

UMBRELLA = Definition(
    name=MACHINE,
    description="A referral link: the agreement signed by both parties, suspended, ended.",
    states=build_states(
        State.PENDING_AGREEMENT.value,
        State.ACTIVE.value,
        State.SUSPENDED.value,
        State.TERMINATED.value,
        State.EXPIRED.value,
        final=[State.TERMINATED.value, State.EXPIRED.value],
    ),
    transitions=tuple(
        build_transitions(
            MachineEvent.ACTIVATE.value, State.PENDING_AGREEMENT.value, State.ACTIVE.value
        )
        + build_transitions(MachineEvent.SUSPEND.value, State.ACTIVE.value, State.SUSPENDED.value)
        + build_transitions(MachineEvent.RESUME.value, State.SUSPENDED.value, State.ACTIVE.value)
        + build_transitions(
            MachineEvent.TERMINATE.value,
            [State.PENDING_AGREEMENT.value, State.ACTIVE.value, State.SUSPENDED.value],
            State.TERMINATED.value,
        )
        + build_transitions(
            MachineEvent.EXPIRE.value, State.PENDING_AGREEMENT.value, State.EXPIRED.value
        )
    ),
)


def register() -> None:
    """Register the machine with the engine (idempotent)."""
    register_definition(UMBRELLA)


register()
