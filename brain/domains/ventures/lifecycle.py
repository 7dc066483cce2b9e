"""The `venture` state machine: IDEA → PLANNING → DEVELOPMENT → TESTING → LAUNCH → GROWTH →
MATURE → EXIT, one stage forward (`advance`) or back (`revert`) at a time, and `archive` from
any stage to ARCHIVED behind the engine's reason guard. ARCHIVED is the only final state: a
venture at EXIT can still revert to MATURE (a failed exit).

The ventures domain owns this definition and registers it with the engine
(`state_machines.service`), as legal does for `legal_document`. No transition carries a
permission, so through the engine's generic endpoint only administrators may send an event;
members go through `POST /api/ventures/{id}/stage`, where the team-role table decides.

Registration happens at import (the package's `__init__` imports this module) and again from
`ventures.handlers.register()` at startup; both are idempotent.
"""

from __future__ import annotations

from itertools import pairwise

from brain.domains.state_machines.service import (
    REASON_GIVEN,
    Definition,
    build_states,
    build_transitions,
    register_definition,
)
from brain.domains.ventures.rules import STAGE_ORDER, Stage, StageEvent

MACHINE = "venture"

_ORDER = [s.value for s in STAGE_ORDER]

VENTURE = Definition(
    name=MACHINE,
    description="A venture from idea to exit, one stage at a time, or archived with a reason.",
    states=build_states(_ORDER[0], *_ORDER[1:], Stage.ARCHIVED.value, final=[Stage.ARCHIVED.value]),
    transitions=tuple(
        [
            t
            for source, target in pairwise(_ORDER)
            for t in build_transitions(StageEvent.ADVANCE.value, source, target)
        ]
        + [
            t
            for target, source in pairwise(_ORDER)
            for t in build_transitions(StageEvent.REVERT.value, source, target)
        ]
        + build_transitions(
            StageEvent.ARCHIVE.value, _ORDER, Stage.ARCHIVED.value, guard=REASON_GIVEN
        )
    ),
)


def register() -> None:
    """Register the machine with the engine (idempotent)."""
    register_definition(VENTURE)


register()
