from __future__ import annotations

from collections.abc import Iterator

import pytest

from brain.domains.state_machines import guards
from brain.domains.state_machines.guards import GuardContext, GuardResult

# Guards the owning domains register (legal, umbrella); these tests stand in for them.
FOREIGN_GUARDS = (
    "legal.signers_remaining",
    "legal.all_signers_signed",
    "umbrella.agreement_signed",
)


async def allow(_ctx: GuardContext) -> GuardResult:
    return GuardResult.allow()


@pytest.fixture
def foreign_guards() -> Iterator[None]:
    saved = dict(guards._guards)
    for name in FOREIGN_GUARDS:
        # The real guard may be registered already (brain.handlers.register() in an earlier
        # test); the stand-in replaces it for this test only.
        guards.unregister_guard(name)
        guards.register_guard(name, allow)
    yield
    guards._guards.clear()
    guards._guards.update(saved)
