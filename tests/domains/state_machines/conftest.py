from __future__ import annotations

from collections.abc import Iterator

import pytest

from brain.domains.state_machines import definitions, guards
from brain.domains.state_machines.guards import GuardContext, GuardResult
from tests.domains.state_machines.machines import STAND_IN_GUARDS, TEST_MACHINES


async def allow(_ctx: GuardContext) -> GuardResult:
    return GuardResult.allow()


@pytest.fixture(autouse=True)
def registered_test_machines(monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine's tests run their own machines (machines.py), registered for one test."""
    monkeypatch.setattr(definitions, "_registry", dict(definitions._registry))
    for definition in TEST_MACHINES:
        definitions.register_definition(definition)


@pytest.fixture
def stand_in_guards() -> Iterator[None]:
    """The test machines' domain guards, each allowing everything, for one test."""
    saved = dict(guards._guards)
    for name in STAND_IN_GUARDS:
        guards.unregister_guard(name)
        guards.register_guard(name, allow)
    yield
    guards._guards.clear()
    guards._guards.update(saved)
